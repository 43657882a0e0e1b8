"""The item's clock: extensions (requested by the handler, decided by the approver) and
suspensions (pauses approved by the approver). Both move the due time through the
deadline engine, from the base deadline and the full list of pauses and extensions."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from zhongshu.clock.engine import Deadline
from zhongshu.framework.errors import RuleViolation
from zhongshu.framework.services import service

from .. import deadlines, registry, transitions
from ..acting import Acting, acting_as
from ..choices import HANDLER_STATES, DecisionStatus, ExtensionUnit
from ..models import Extension, Suspension, TrackedItem
from ..policies import approver_fits, as_approver, as_handler
from ..schedule import DEADLINE_FIELDS, apply_deadline, reschedule
from ._common import audit, before, save
from .notify import notify

PENDING = "TRACK_EXTENSION_PENDING"
DECIDED = "TRACK_EXTENSION_DECIDED"


def effective_deadline(item: TrackedItem, now=None) -> Deadline:
    """The due time from the base deadline, every approved extension and every pause."""
    extensions = item.extensions.filter(status=DecisionStatus.APPROVED).order_by("decided_at", "id")
    pauses = item.suspensions.order_by("started_at").values_list("started_at", "ended_at")
    return deadlines.effective(
        Deadline.from_json(item.base_deadline),
        list(pauses),
        [(e.amount, e.unit) for e in extensions],
        now=now,
    )


@service
def request_extension(
    *,
    actor: Any,
    item: TrackedItem,
    amount: int,
    unit: str = ExtensionUnit.WORKING_DAYS,
    reason: str,
) -> Extension:
    acting = as_handler(actor, item)
    if item.state not in HANDLER_STATES:
        transitions.check(item, "start")  # raises the state refusal (409)
    if not reason.strip():
        raise RuleViolation.single("TRACK_INVALID", "申请延期须说明理由。", field="reason")
    if int(amount) < 1 or unit not in ExtensionUnit.values:
        raise RuleViolation.single("TRACK_INVALID", "延长时间须为正数。", field="amount")
    try:
        with transaction.atomic():
            extension = Extension.objects.create(
                item=item,
                requested_by=acting.person,
                on_behalf_of=acting.on_behalf_of,
                reason=reason.strip(),
                amount=int(amount),
                unit=unit,
                approver_id=registry.kind_of(item.kind).extension_approver_id(item),
                old_due_at=item.due_at,
            )
    except IntegrityError as exc:
        raise RuleViolation.single(PENDING, "该事项已有待审批的延期申请。", status=409) from exc
    audit(acting, "extension_requested", item, before(item), {"amount": amount, "unit": unit})
    notify(
        [extension.approver_id],
        verb="extension_requested",
        item=item,
        text=f"延期申请（{amount}{ExtensionUnit(unit).label}）：{item.subject}",
    )
    return extension


@service
def decide_extension(
    *,
    actor: Any,
    extension: Extension,
    approve: bool,
    opinion: str,
    expected_version: int | None = None,
) -> None:
    """DOC-IN-14: an explicit opinion. Approval moves the due time (a new chase round);
    an item that was red stays red (SUP-16)."""
    item = extension.item
    acting = _extension_decider(actor, extension)
    if extension.status != DecisionStatus.PENDING:
        raise RuleViolation.single(DECIDED, "该延期申请已审批。", status=409)
    if not opinion.strip():
        raise RuleViolation.single("DOC-IN-14", "审批须签署明确意见。", field="opinion")
    was = before(item)
    now = timezone.now()
    extension.status = DecisionStatus.APPROVED if approve else DecisionStatus.REFUSED
    extension.decided_by, extension.decided_on_behalf_of = acting.person, acting.on_behalf_of
    extension.decided_at, extension.opinion = now, opinion.strip()
    extension.save()
    if approve:
        apply_deadline(item, effective_deadline(item, now), now)
        extension.new_due_at = item.due_at
        extension.save(update_fields=["new_due_at"])
        save(item, DEADLINE_FIELDS, expected_version)
    event = "extension_approved" if approve else "extension_refused"
    audit(acting, event, item, was, {"opinion": extension.opinion})
    verdict = "同意" if approve else "不同意"
    notify(
        [extension.requested_by_id, extension.on_behalf_of_id],
        verb=event,
        item=item,
        text=f"延期申请{verdict}：{item.subject}",
    )


def _extension_decider(actor: Any, extension: Extension) -> Acting:
    """The extension's approver (the item's approver unless its kind names another), the
    item's approver, or a supervisor."""
    fits = approver_fits(extension.item)
    return acting_as(
        actor, lambda person: person.pk == extension.approver_id or fits(person), supervisor_ok=True
    )


@service
def suspend_item(
    *, actor: Any, item: TrackedItem, reason: str, expected_version: int | None = None
) -> Suspension:
    acting = as_approver(actor, item)
    if not item.is_open:
        transitions.check(item, "cancel")  # raises the state refusal
    if item.suspended_at is not None:
        raise RuleViolation.single(transitions.SUSPENDED, "事项已处于中止状态。", status=409)
    if not reason.strip():
        raise RuleViolation.single("TRACK_INVALID", "中止须说明原因。", field="reason")
    was = before(item)
    now = timezone.now()
    suspension = Suspension.objects.create(
        item=item,
        reason=reason.strip(),
        started_at=now,
        approved_by=acting.person,
        on_behalf_of=acting.on_behalf_of,
    )
    item.suspended_at = now
    reschedule(item, now)
    save(item, ["suspended_at", *DEADLINE_FIELDS], expected_version)
    audit(acting, "item_suspended", item, was, {"reason": suspension.reason})
    notify(
        [item.responsible_id],
        verb="item_suspended",
        item=item,
        text=f"事项中止计时：{item.subject}",
    )
    return suspension


@service
def resume_item(*, actor: Any, item: TrackedItem, expected_version: int | None = None) -> None:
    acting = as_approver(actor, item)
    suspension = item.suspensions.filter(ended_at__isnull=True).first()
    if suspension is None:
        raise RuleViolation.single(transitions.SUSPENDED, "事项未处于中止状态。", status=409)
    was = before(item)
    now = timezone.now()
    suspension.ended_at, suspension.ended_by = now, acting.person
    suspension.save(update_fields=["ended_at", "ended_by"])
    item.suspended_at = None
    apply_deadline(item, effective_deadline(item, now), now)
    save(item, ["suspended_at", *DEADLINE_FIELDS], expected_version)
    audit(acting, "item_resumed", item, was)
    notify(
        [item.responsible_id],
        verb="item_resumed",
        item=item,
        text=f"事项恢复计时，新时限{timezone.localtime(item.due_at):%Y-%m-%d %H:%M}：{item.subject}",
    )
