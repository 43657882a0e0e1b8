"""Creating an item and working it: start, report progress, keep the SUP-8 lists,
reassign."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.utils import timezone

from zhongshu.clock.engine import Deadline
from zhongshu.framework import search
from zhongshu.framework.errors import RuleViolation
from zhongshu.framework.services import service
from zhongshu.org.models import Person, Unit

from .. import deadlines, registry, transitions
from ..acting import Acting, try_acting_as
from ..choices import ItemState, Priority, ReportCadence, UnitRole, Urgency
from ..models import ItemUnit, ProgressReport, ReportAttachment, TrackedItem
from ..policies import approver_fits, as_approver, as_handler
from ..schedule import FIELDS, awaiting_for, reschedule
from ._common import audit, before, save
from .notify import notify

INVALID = "TRACK_INVALID"


@service
def create_item(
    *,
    actor: Any,
    kind: str,
    subject: str,
    lead_unit: Unit,
    deadline: Deadline,
    responsible: Person | None = None,
    approver: Person | None = None,
    creator: Person | None = None,
    cooperating_units: Iterable[Unit | tuple[Unit, str]] = (),
    parent: TrackedItem | None = None,
    source: models.Model | None = None,
    urgency: str = Urgency.NORMAL,
    priority: str = Priority.NORMAL,
    legal_deadline: Deadline | None = None,
    basis: dict | None = None,
    report_cadence: str = ReportCadence.NONE,
    target: str = "",
    lists: dict[str, Sequence[str]] | None = None,
) -> TrackedItem:
    """A new item due at ``deadline`` (computed by the deadline engine, its basis kept).
    ``actor`` may be None for items a module creates on its own."""
    if not registry.is_registered(kind):
        raise ValueError(f"unregistered item kind {kind!r}")
    if not subject.strip():
        raise RuleViolation.single(INVALID, "事项名称不能为空。", field="subject")
    now = timezone.now()
    acting = _creator(actor, creator)
    subject = subject.strip()[:300]
    item = TrackedItem(
        subject=subject,
        search_tokens=search.tokens(subject),
        kind=kind,
        lead_unit=lead_unit,
        responsible=responsible,
        creator=creator or (acting.person if acting else None),
        parent=parent,
        urgency=urgency,
        priority=priority,
        report_cadence=report_cadence,
        target=target,
        state=ItemState.OPEN,
        state_changed_at=now,
        **_source(source),
        **_deadline(deadline, legal_deadline, basis),
    )
    item.approver = approver or registry.kind_of(kind).default_approver(item)
    for name, values in (lists or {}).items():
        setattr(item, _list_field(name), list(values))
    item.report_due_at = deadlines.next_report_due(report_cadence, now)
    awaiting_for(item)
    reschedule(item, now)
    item.save()
    _add_units(item, cooperating_units)
    audit(acting, "item_created", item, {}, {"kind": kind, "basis": item.basis}, actor=actor)
    notify([responsible], verb="item_assigned", text=f"新交办事项：{item.subject}", item=item)
    return item


def _creator(actor: Any, creator: Person | None) -> Acting | None:
    if actor is None or not getattr(actor, "person", None):
        return None
    wanted = creator.pk if creator else actor.person.pk
    return try_acting_as(actor, lambda person: person.pk == wanted) or Acting(actor, actor.person)


def _source(source: models.Model | None) -> dict[str, Any]:
    if source is None:
        return {}
    key = getattr(source, "uuid", None) or source.pk
    return {"source_type": ContentType.objects.get_for_model(source), "source_id": str(key)}


def _deadline(deadline: Deadline, legal: Deadline | None, basis: dict | None) -> dict[str, Any]:
    return {
        "due_at": deadline.due,
        "deadline": deadline.as_json(),
        "base_deadline": deadline.as_json(),
        "provisional": deadline.provisional,
        "basis": basis if basis is not None else deadlines.basis_for(deadline),
        "legal_due_at": legal.due if legal else None,
        "legal_deadline": legal.as_json() if legal else None,
    }


def _add_units(item: TrackedItem, units: Iterable[Unit | tuple[Unit, str]]) -> None:
    rows = {}
    for entry in units:
        unit, role = entry if isinstance(entry, tuple) else (entry, UnitRole.COOPERATING)
        if unit.pk != item.lead_unit_id:
            rows[unit.pk] = ItemUnit(item=item, unit=unit, role=role)
    ItemUnit.objects.bulk_create(rows.values())


LISTS = {"tasks", "responsibilities", "measures", "results"}


def _list_field(name: str) -> str:
    if name not in LISTS:
        raise ValueError(f"unknown SUP-8 list {name!r}")
    return name


@service
def start_item(*, actor: Any, item: TrackedItem, expected_version: int | None = None) -> None:
    acting = as_handler(actor, item)
    transitions.check(item, "start")
    was = before(item)
    _move(item, ItemState.IN_PROGRESS)
    save(item, ["state", "state_changed_at"], expected_version)
    audit(acting, "item_started", item, was)


def _move(item: TrackedItem, state: str) -> None:
    if item.state != state:
        item.state = state
        item.state_changed_at = timezone.now()


@service
def report_progress(
    *,
    actor: Any,
    item: TrackedItem,
    text: str,
    percent: int,
    attachments: Sequence[UploadedFile] = (),
    expected_version: int | None = None,
) -> ProgressReport:
    """A progress report. Late when the report due time passed (cadence per item); it
    answers the chases so far, and moves the SUP-16 schedule with the new percent."""
    acting = as_handler(actor, item)
    transitions.check(item, "report")
    if not text.strip():
        raise RuleViolation.single("SUP-14", "进展报告须写明落实情况。", field="text")
    if not 0 <= int(percent) <= 100:
        raise RuleViolation.single(INVALID, "进度须在 0 至 100 之间。", field="percent")
    now = timezone.now()
    was = before(item)
    report = ProgressReport.objects.create(
        item=item,
        reporter=acting.person,
        on_behalf_of=acting.on_behalf_of,
        text=text.strip(),
        percent=int(percent),
        reported_at=now,
        due_at=item.report_due_at,
        late=bool(item.report_due_at and now > item.report_due_at),
    )
    for upload in attachments:
        ReportAttachment.objects.create(
            report=report, file=upload, name=(upload.name or "")[:200], size=upload.size or 0
        )
    _move(item, ItemState.IN_PROGRESS)
    item.percent, item.last_report_at = int(percent), now
    item.report_due_at = deadlines.next_report_due(item.report_cadence, now)
    item.answered_step = item.chase_step
    reschedule(item, now)
    fields = ["state", "state_changed_at", "percent", "last_report_at", "report_due_at"]
    save(item, [*fields, "answered_step", *FIELDS], expected_version)
    audit(acting, "progress_reported", item, was, {"late": report.late})
    notify(
        [item.approver_id or item.creator_id],
        verb="progress_reported",
        item=item,
        text=f"进展报告（{report.percent}%）：{item.subject}",
    )
    return report


@service
def update_item_lists(
    *,
    actor: Any,
    item: TrackedItem,
    target: str | None = None,
    expected_version: int | None = None,
    **lists: Sequence[str],
) -> None:
    """SUP-8: the tasks, responsibilities, measures and results of an item; kept by the
    handler or the approver."""
    acting = try_acting_as(actor, approver_fits(item), supervisor_ok=True) or as_handler(
        actor, item
    )
    if not item.is_open:
        transitions.check(item, "report")  # raises the state refusal
    was = {name: getattr(item, name) for name in [*lists, "target"]}
    for name, values in lists.items():
        setattr(item, _list_field(name), [str(v).strip() for v in values if str(v).strip()])
    if target is not None:
        item.target = target.strip()
    save(item, [*lists, "target"], expected_version)
    after = {name: getattr(item, name) for name in [*lists, "target"]}
    audit(acting, "item_lists_updated", item, was, after)


@service
def reassign_item(
    *,
    actor: Any,
    item: TrackedItem,
    responsible: Person | None = None,
    lead_unit: Unit | None = None,
    approver: Person | None = None,
    expected_version: int | None = None,
) -> None:
    acting = as_approver(actor, item)
    if not item.is_open:
        transitions.check(item, "cancel")  # raises the state refusal
    was = before(item)
    if lead_unit is not None:
        item.lead_unit = lead_unit
        ItemUnit.objects.filter(item=item, unit=lead_unit).delete()
    if responsible is not None or lead_unit is not None:
        item.responsible = responsible
    if approver is not None:
        item.approver = approver
    save(item, ["responsible", "lead_unit", "approver"], expected_version)
    audit(acting, "item_reassigned", item, was)
    notify([responsible], verb="item_assigned", text=f"事项改由您办理：{item.subject}", item=item)
