"""催办 by a person (the sweep chases on the DOC-IN-12 cadence by itself) and the answer."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from zhongshu.framework.errors import RuleViolation
from zhongshu.framework.services import service
from zhongshu.org.models import Person

from .. import transitions
from ..choices import ChaseMethod
from ..models import Chase, TrackedItem
from ..policies import as_answerer, as_chaser
from ._common import audit, before
from .notify import notify

ANSWERED = "TRACK_CHASE_ANSWERED"


@service
def chase_item(
    *,
    actor: Any,
    item: TrackedItem,
    method: str = ChaseMethod.IN_APP,
    message: str = "",
    target: Person | None = None,
) -> Chase:
    acting = as_chaser(actor, item)
    if not item.is_open:
        transitions.check(item, "cancel")  # raises the state refusal
    if method not in ChaseMethod.values or method == ChaseMethod.SYSTEM:
        raise RuleViolation.single("TRACK_INVALID", "请选择催办方式。", field="method")
    chase = Chase.objects.create(
        item=item,
        chaser=acting.person,
        on_behalf_of=acting.on_behalf_of,
        target=target or item.responsible,
        target_unit=item.lead_unit,
        method=method,
        message=message.strip()[:500],
        chased_at=timezone.now(),
        round=item.deadline_round,
    )
    audit(acting, "item_chased", item, before(item), {"method": method, "message": chase.message})
    text = f"{acting.person.name}催办：{item.subject}" + (
        f"（{chase.message}）" if chase.message else ""
    )
    notify([chase.target_id], verb="chased", item=item, text=text, sms=method == ChaseMethod.SMS)
    return chase


@service
def answer_chase(*, actor: Any, chase: Chase, answer: str) -> None:
    """The handler answers; answering resets the count of missed chases (escalation)."""
    acting = as_answerer(actor, chase)
    if chase.answered_at is not None:
        raise RuleViolation.single(ANSWERED, "该催办已答复。", status=409)
    if not answer.strip():
        raise RuleViolation.single("SUP-14", "答复须如实说明办理情况。", field="answer")
    chase.answer, chase.answered_at, chase.answered_by = (
        answer.strip(),
        timezone.now(),
        acting.person,
    )
    chase.save(update_fields=["answer", "answered_at", "answered_by", "updated_at"])
    item = chase.item
    TrackedItem.objects.filter(pk=item.pk).update(answered_step=item.chase_step)
    audit(acting, "chase_answered", item, before(item), {"answer": chase.answer})
    notify([chase.chaser_id], verb="chase_answered", item=item, text=f"催办已答复：{item.subject}")
