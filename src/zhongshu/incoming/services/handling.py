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
from django.utils import timezone

from zhongshu.documents import numbers
from zhongshu.framework.errors import RuleViolation
from zhongshu.framework.services import save_versioned, service
from zhongshu.org.models import Unit
from zhongshu.org.services.lookups import delegation_label
from zhongshu.rules import catalogue
from zhongshu.tracking import services as tracking
from zhongshu.tracking.acting import try_acting_as

from .. import deadlines, transitions
from ..choices import DocState, TaskRole, TaskState
from ..models import HandlingTask, IncomingDocument
from ._common import audit, before, person_of

LEDGER_KIND = "incoming.issuance_ledger"


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
        tracking.create_item(
            actor=actor,
            kind=LEDGER_KIND,
            subject=f"贯彻落实《{document.title}》代拟稿"[:300],
            lead_unit=document.lead_unit,
            creator=document.proposed_by,
            deadline=deadline,
            basis=catalogue.basis("DOC-OUT-1"),
            source=document,
            urgency=document.urgency,
            priority=deadlines.priority(document),
        )
    return tasks


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


@service
def record_reply(
    *,
    actor: Any,
    document: IncomingDocument,
    reply_number: str = "",
    reply_text: str = "",
    outgoing: models.Model | None = None,
) -> IncomingDocument:
    """The reply sent: its number and text now; the outgoing document it was, once the
    outgoing module links it (generic reference)."""
    transitions.check(document, "record_reply")
    was = before(document)
    if reply_number:
        document.reply_number = numbers.normalised(reply_number)[:60]
    if reply_text:
        document.reply_text = reply_text.strip()
    if outgoing is not None:
        document.reply_type = ContentType.objects.get_for_model(outgoing)
        document.reply_id = str(getattr(outgoing, "uuid", outgoing.pk))
    save_versioned(
        document,
        expected_version=None,
        fields=["reply_number", "reply_text", "reply_type", "reply_id"],
    )
    audit(actor, "incoming_reply_recorded", document, was)
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
