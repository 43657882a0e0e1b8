"""Handling (承办): one task per unit (the lead unit and each cooperating unit), each a
tracked item with its deadline from the rule that applies (deadlines.handling) and its
chase cadence by urgency (DOC-IN-12). A higher-level document needing local
implementation also enters the issuance ledger (DOC-IN-15 → DOC-OUT-1). The document is
completed (办结) when every unit has reported; a 请示 must get a reply (DOC-IN-10)."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone

from zhongshu.documents import numbers
from zhongshu.framework.errors import RuleViolation
from zhongshu.framework.services import save_versioned, service
from zhongshu.org.models import Unit
from zhongshu.org.services.lookups import delegation_label
from zhongshu.tracking import services as tracking
from zhongshu.tracking.acting import try_acting_as
from zhongshu.tracking.models import TrackedItem

from .. import deadlines, transitions
from ..choices import DocState, TaskRole, TaskState
from ..models import HandlingTask, IncomingDocument
from ._common import audit, before, lock, person_of

# The issuance ledger (发文清单, DOC-OUT-1) belongs to the outgoing module: its items are
# created through its service and closed when the implementing document is issued.
LEDGER_KIND = "outgoing.ledger"
REPLY = "DOC-IN-16"


def start_handling(actor: Any, document: IncomingDocument) -> list[HandlingTask]:
    now = timezone.now()
    deadline, basis = deadlines.handling(document, now)
    units: list[tuple[Unit, str]] = []
    if document.lead_unit is not None:
        units.append((document.lead_unit, TaskRole.LEAD))
    units += [(u, TaskRole.COOPERATING) for u in document.cooperating_units.all()]
    tasks = []
    for unit, role in units:
        tasks.append(_task(actor, document, unit, role, deadline, basis))
    if document.needs_implementation and document.lead_unit is not None:
        _enter_ledger(actor, document)
    return tasks


def _enter_ledger(actor: Any, document: IncomingDocument) -> TrackedItem:
    """DOC-IN-15 → DOC-OUT-1: the higher-level document to implement enters the issuance
    ledger through the outgoing module's service (draft due 15 working days after
    receipt; the date the document sets is kept as the issue date)."""
    from zhongshu.outgoing import services as outgoing

    assert document.lead_unit is not None
    return outgoing.add_to_ledger(
        actor=actor,
        subject=f"贯彻落实《{document.title}》（{document.sender_number or document.register_number}）",
        lead_unit=document.lead_unit,
        received_at=document.received_at or document.registered_at or timezone.now(),
        issue_due=document.own_due_date,
        source=document,
    )


def ledger_items(document: IncomingDocument) -> QuerySet[TrackedItem]:
    """The issuance-ledger items this document put on the ledger (DOC-IN-15)."""
    return TrackedItem.objects.filter(
        kind=LEDGER_KIND,
        source_type=ContentType.objects.get_for_model(IncomingDocument),
        source_id=str(document.uuid),
    )


def _task(actor, document, unit, role, deadline, basis) -> HandlingTask:
    label = "主办" if role == TaskRole.LEAD else "协办"
    item = tracking.create_item(
        actor=actor,
        kind="incoming.handling",
        subject=f"{label}：{document.title}"[:300],
        lead_unit=unit,
        creator=document.proposed_by,
        deadline=deadline,
        basis=basis,
        source=document,
        urgency=document.urgency,
        priority=deadlines.priority(document),
    )
    return HandlingTask.objects.create(
        document=document, unit=unit, role=role, due_at=deadline.due, basis=basis, item=item
    )


def acting_handler(actor: Any, task: HandlingTask):
    return try_acting_as(actor, lambda person: person.unit_id == task.unit_id)


@service
def report_handling(
    *,
    actor: Any,
    task: HandlingTask,
    result: str,
    reply_number: str = "",
    reply_text: str = "",
) -> HandlingTask:
    """A unit reports what it did; the lead unit records the reply to the sender."""
    document = task.document
    acting = acting_handler(actor, task)
    if acting is None:
        raise PermissionDenied("只有承办单位可以报告办理结果。")
    lock(document)
    task.state = HandlingTask.objects.values_list("state", flat=True).get(pk=task.pk)
    if task.state != TaskState.OPEN:
        raise RuleViolation.single(transitions.STATE, "该承办任务已办结。", status=409)
    transitions.check(document, "report_handling")
    if not result.strip():
        raise RuleViolation.single("DOC-IN-16", "须填写办理结果。", field="result")
    is_lead = task.role == TaskRole.LEAD
    if is_lead and document.is_request and not (reply_text.strip() or reply_number.strip()):
        raise RuleViolation.single(
            "DOC-IN-10", "请示须予答复；暂不能答复的，也要回复说明原因。", field="reply_text"
        )
    was = before(document)
    task.state, task.result, task.done_at = TaskState.DONE, result.strip(), timezone.now()
    task.done_by = delegation_label(acting.person, acting.on_behalf_of)
    save_versioned(task, expected_version=None, fields=["state", "result", "done_at", "done_by"])
    if task.item is not None and task.item.is_open:
        tracking.close_item(actor=None, item=task.item, outcome=task.result)
    fields = []
    if is_lead:
        document.result = task.result
        document.reply_number = reply_number.strip()
        document.reply_text = reply_text.strip()
        fields += ["result", "reply_number", "reply_text"]
        reply = _issued_reply(reply_number) if reply_number.strip() else None
        if reply is not None:
            _link_reply(document, reply)
            fields += ["reply_type", "reply_id"]
    if not document.tasks.filter(state=TaskState.OPEN).exists():
        transitions.move(document, "report_handling", DocState.COMPLETED)
        document.completed_at = timezone.now()
        fields += ["state", "completed_at"]
    if fields:
        save_versioned(document, expected_version=None, fields=fields)
    audit(
        actor,
        "incoming_handling_reported",
        document,
        was,
        {"unit": task.unit.name, "result": task.result},
        on_behalf_of=acting.audit_label,
    )
    return task


@service
def complete_incoming(
    *, actor: Any, document: IncomingDocument, result: str, expected_version: int | None = None
) -> IncomingDocument:
    """The office completes a document (e.g. a circulation it ends): open tasks are not
    skipped — every unit reports first."""
    transitions.check(document, "complete", DocState.COMPLETED)
    if document.tasks.filter(state=TaskState.OPEN).exists():
        raise RuleViolation.single("DOC-IN-16", "尚有承办单位未报告办理结果。", status=409)
    if not result.strip():
        raise RuleViolation.single("DOC-IN-16", "须填写办理结果。", field="result")
    was = before(document)
    transitions.move(document, "complete", DocState.COMPLETED)
    document.result, document.completed_at = result.strip(), timezone.now()
    save_versioned(
        document, expected_version=expected_version, fields=["state", "result", "completed_at"]
    )
    audit(actor, "incoming_completed", document, was)
    return document


def reply_candidates(document: IncomingDocument) -> QuerySet:
    """Outgoing documents drafted as this document's reply (their source is it)."""
    from zhongshu.outgoing.models import OutgoingDocument

    return OutgoingDocument.objects.filter(
        source_type=ContentType.objects.get_for_model(IncomingDocument),
        source_id=str(document.uuid),
    ).order_by("-created_at")


def reply_document(document: IncomingDocument) -> models.Model | None:
    """The outgoing document that was the reply, when it is one."""
    if not document.reply_type_id or not document.reply_id:
        return None
    from zhongshu.outgoing.models import OutgoingDocument

    if document.reply_type_id != ContentType.objects.get_for_model(OutgoingDocument).pk:
        return None
    return OutgoingDocument.objects.filter(uuid=document.reply_id).first()


def _issued_reply(number: str) -> models.Model | None:
    """The issued outgoing document with this number (the reply given as a number)."""
    from zhongshu.outgoing.choices import DONE
    from zhongshu.outgoing.models import OutgoingDocument

    key = numbers.normalised(number)
    if not key:
        return None
    return (
        OutgoingDocument.objects.filter(number__in={key, number.strip()}, state__in=DONE)
        .order_by("-issued_at")
        .first()
    )


def _link_reply(document: IncomingDocument, outgoing: models.Model) -> None:
    from zhongshu.outgoing.choices import DONE
    from zhongshu.outgoing.models import OutgoingDocument

    if not isinstance(outgoing, OutgoingDocument):
        raise RuleViolation.single(REPLY, "答复须关联一件发文。", field="outgoing")
    if outgoing.state not in DONE:
        raise RuleViolation.single(
            REPLY, f"发文“{outgoing.title}”尚未印发，不能作为已发出的答复。", field="outgoing"
        )
    document.reply_type = ContentType.objects.get_for_model(OutgoingDocument)
    document.reply_id = str(outgoing.uuid)
    document.reply_number = outgoing.number or document.reply_number


@service
def record_reply(
    *,
    actor: Any,
    document: IncomingDocument,
    reply_number: str = "",
    reply_text: str = "",
    outgoing: models.Model | None = None,
) -> IncomingDocument:
    """The reply sent: its number and text, and the outgoing document it was when it is
    one — chosen, or found by its number among the issued documents."""
    transitions.check(document, "record_reply")
    if not (reply_number.strip() or reply_text.strip() or outgoing is not None):
        raise RuleViolation.single(
            REPLY, "请填写答复文号、内容或选择答复发文。", field="reply_number"
        )
    was = before(document)
    if reply_number.strip():
        document.reply_number = numbers.normalised(reply_number)[:60]
    if reply_text.strip():
        document.reply_text = reply_text.strip()
    found = outgoing or (_issued_reply(reply_number) if reply_number.strip() else None)
    if found is not None:
        _link_reply(document, found)
    save_versioned(
        document,
        expected_version=None,
        fields=["reply_number", "reply_text", "reply_type", "reply_id"],
    )
    audit(actor, "incoming_reply_recorded", document, was, {"outgoing": document.reply_id})
    return document


@service
def archive_incoming(
    *, actor: Any, document: IncomingDocument, expected_version: int | None = None
) -> IncomingDocument:
    """归档: the record is kept whole (nothing is deleted; the sheet stays printable)."""
    transitions.check(document, "archive", DocState.ARCHIVED)
    was = before(document)
    transitions.move(document, "archive", DocState.ARCHIVED)
    document.archived_at, document.archived_by = timezone.now(), person_of(actor)
    save_versioned(
        document, expected_version=expected_version, fields=["state", "archived_at", "archived_by"]
    )
    audit(actor, "incoming_archived", document, was)
    return document
