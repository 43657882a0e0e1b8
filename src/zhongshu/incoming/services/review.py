"""First review (初审, DOC-IN-2, 3, 4, 5, 6, 7, 9) and return (退文, DOC-IN-8)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from zhongshu.framework.errors import RuleViolation
from zhongshu.framework.services import save_versioned, service
from zhongshu.org.models import Person
from zhongshu.org.services.lookups import delegation_label, leaders_in_charge, principal_of
from zhongshu.tracking import services as tracking
from zhongshu.tracking.acting import try_acting_as
from zhongshu.tracking.choices import Priority

from .. import checks, deadlines, transitions
from ..choices import DocState
from ..models import IncomingDocument
from ._common import audit, before, cancel, finish_item, link, office_unit, person_of
from .registration import _open_office_step

# What the reviewer records about the document's content (the checks read them).
REVIEW_FIELDS = (
    "matter_count",
    "carries_request",
    "request_to_issue",
    "materials",
    "party_matter",
    "skipped_level",
    "skipped_copied",
    "emergency_direct",
    "addressed_leader",
    "direct_exception",
    "also_sent_to",
    "needed_by",
    "pre_announced",
    "electronic_received",
    "electronic_consistent",
)
SAVED = [*REVIEW_FIELDS, "state", "review_findings", "reviewed_by", "reviewed_at"]


def _apply(doc: IncomingDocument, data: dict[str, Any] | None) -> None:
    for name in REVIEW_FIELDS:
        if data and name in data and data[name] is not None:
            setattr(doc, name, data[name])


def preview_review(
    document: IncomingDocument, data: dict[str, Any] | None = None
) -> list[checks.Finding]:
    """The findings the review would record (nothing is saved)."""
    _apply(document, data)
    return checks.review(document)


@service
def pass_review(
    *,
    actor: Any,
    document: IncomingDocument,
    data: dict[str, Any] | None = None,
    expected_version: int | None = None,
) -> list[checks.Finding]:
    """The document passes first review; its warnings are recorded. A blocking finding
    refuses (the document is to be returned, DOC-IN-8)."""
    transitions.check(document, "pass_review", DocState.REVIEWED)
    was = before(document)
    _apply(document, data)
    findings = checks.review(document)
    blocking = checks.blocking(findings)
    if blocking:
        raise RuleViolation([f.violation() for f in blocking])
    transitions.move(document, "pass_review", DocState.REVIEWED)
    document.review_findings = [f.as_dict() for f in findings]
    document.reviewed_by, document.reviewed_at = person_of(actor), timezone.now()
    save_versioned(document, expected_version=expected_version, fields=SAVED)
    audit(actor, "incoming_review_passed", document, was, {"findings": document.review_findings})
    return findings


def return_approver(document: IncomingDocument) -> Person | None:
    """DOC-IN-8: the leader in charge of the sending unit approves a return."""
    if document.sender_unit is not None:
        leaders = leaders_in_charge(document.sender_unit)
        if leaders:
            return leaders[0]
    return None


@service
def propose_return(
    *,
    actor: Any,
    document: IncomingDocument,
    reason: str,
    data: dict[str, Any] | None = None,
    approver: Person | None = None,
    expected_version: int | None = None,
) -> IncomingDocument:
    """The office proposes a return with its reason; the leader in charge approves it
    (a tracked item due in DOC-IN-14's 2 working days)."""
    transitions.check(document, "propose_return", DocState.RETURN_PROPOSED)
    if not reason.strip():
        raise RuleViolation.single("DOC-IN-8", "退文须写明理由。", field="reason")
    leader = approver or return_approver(document)
    if leader is None:
        raise RuleViolation.single("DOC-IN-8", "请选择审批退文的分管领导。", field="approver")
    was = before(document)
    _apply(document, data)
    findings = checks.review(document)
    transitions.move(document, "propose_return", DocState.RETURN_PROPOSED)
    document.review_findings = [f.as_dict() for f in findings]
    document.reviewed_by, document.reviewed_at = person_of(actor), timezone.now()
    document.return_reason = reason.strip()
    finish_item(document.office_item, f"提出退文：{document.return_reason}")
    document.office_item = tracking.create_item(
        actor=actor,
        kind="incoming.return",
        subject=f"审批退文：{document.title}"[:300],
        lead_unit=leader.unit,
        responsible=leader,
        creator=person_of(actor),
        deadline=deadlines.leader_step(timezone.now()),
        source=document,
        urgency=document.urgency,
        priority=Priority.IMPORTANT,
    )
    save_versioned(
        document,
        expected_version=expected_version,
        fields=[*SAVED, "return_reason", "office_item"],
    )
    audit(
        actor,
        "incoming_return_proposed",
        document,
        was,
        {"reason": document.return_reason, "approver": leader.name},
    )
    return document


@service
def decide_return(
    *, actor: Any, document: IncomingDocument, approve: bool, opinion: str = ""
) -> IncomingDocument:
    """The leader in charge approves the return (the sender is told) or refuses it (the
    document goes back to review)."""
    item = document.office_item
    acting = try_acting_as(actor, lambda p: item is not None and p.pk == item.responsible_id)
    if acting is None:
        raise PermissionDenied("只有分管领导可以审批退文。")
    target = DocState.RETURNED if approve else DocState.REGISTERED
    transitions.check(document, "approve_return" if approve else "refuse_return", target)
    if not approve and not opinion.strip():
        raise RuleViolation.single("DOC-IN-14", "不同意退文的，须签署明确意见。", field="opinion")
    was = before(document)
    signature = delegation_label(acting.person, acting.on_behalf_of)
    opinion = opinion.strip() or "同意退文"
    finish_item(item, opinion)
    if approve:
        transitions.move(document, "approve_return", DocState.RETURNED)
        document.return_approved_by = f"{signature} {timezone.localdate():%Y-%m-%d}：{opinion}"[:80]
        document.returned_at = timezone.now()
        save_versioned(
            document, expected_version=None, fields=["state", "return_approved_by", "returned_at"]
        )
        _tell_sender(document)
        event = "incoming_returned"
    else:
        transitions.move(document, "refuse_return", DocState.REGISTERED)
        save_versioned(document, expected_version=None, fields=["state"])
        _open_office_step(actor, document, "重新初审")
        event = "incoming_return_refused"
    audit(actor, event, document, was, {"opinion": opinion}, on_behalf_of=acting.audit_label)
    return document


def _tell_sender(document: IncomingDocument) -> None:
    """DOC-IN-8: the return goes back to the unit (its principal is told in the system;
    the paper goes back by hand)."""
    if document.sender_unit is None:
        return
    principal = principal_of(document.sender_unit)
    tracking.notify(
        [principal] if principal else [],
        verb="incoming_returned",
        text=f"退文：{document.title}（{document.return_reason[:80]}），请按要求重新报送。",
        link=link(document),
    )


__all__ = [
    "REVIEW_FIELDS",
    "cancel",
    "decide_return",
    "office_unit",
    "pass_review",
    "preview_review",
    "propose_return",
]
