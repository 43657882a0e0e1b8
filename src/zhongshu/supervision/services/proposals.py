"""SUP-13: people's congress proposals and CPPCC motions — assignment to a lead unit and
co-handlers (each co-handler's opinion within 1 month), the reply within the profile's
limit (3 months), its grade A–D, the proposer's satisfaction, and a redo when unsatisfied."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from zhongshu.framework.errors import RuleViolation
from zhongshu.framework.services import service
from zhongshu.org.models import Person, Unit
from zhongshu.rules import catalogue
from zhongshu.tracking import services as tracking
from zhongshu.tracking.choices import ItemState, UnitRole
from zhongshu.tracking.models import TrackedItem
from zhongshu.tracking.policies import as_handler

from ..choices import ReplyGrade, Satisfaction, Source
from ..models import SupervisedItem
from ._common import CO_OPINION_KIND, audit, months_deadline, officer_of
from .items import create_supervised


def reply_deadline(start: dt.datetime):
    months = int(catalogue.param("SUP-13", "reply_months"))
    return months_deadline(start, months, "SUP-13", "reply_months")


def co_opinion_deadline(start: dt.datetime):
    months = int(catalogue.param("SUP-13", "co_handler_months"))
    return months_deadline(start, months, "SUP-13", "co_handler_months")


@service
def assign_proposal(
    *,
    actor: Any,
    reference: str,
    subject: str,
    proposer: str,
    lead_unit: Unit,
    co_units: Iterable[Unit] = (),
    leader: Person | None = None,
) -> SupervisedItem:
    officer = officer_of(actor)
    now = timezone.now()
    co_units = [u for u in co_units if u.pk != lead_unit.pk]
    supervised = create_supervised(
        actor=actor,
        officer=officer,
        source=Source.PROPOSAL,
        subject=subject,
        lead_unit=lead_unit,
        deadline=reply_deadline(now),
        cooperating_units=[(u, UnitRole.COOPERATING) for u in co_units],  # type: ignore[misc]
        leader=leader,
        reference=reference,
        proposer=proposer.strip(),
    )
    opinion_due = co_opinion_deadline(now)
    for unit in co_units:
        tracking.create_item(
            actor=actor,
            kind=CO_OPINION_KIND,
            subject=f"会办意见：{supervised.item.subject}"[:300],
            lead_unit=unit,
            deadline=opinion_due,
            approver=officer,
            creator=officer,
            parent=supervised.item,
            source=supervised,
            basis=catalogue.basis("SUP-13", **opinion_due.params),
        )
    return supervised


def co_opinions(supervised: SupervisedItem):
    return TrackedItem.objects.filter(parent=supervised.item, kind=CO_OPINION_KIND)


@service
def give_co_opinion(*, actor: Any, step: TrackedItem, opinion: str) -> None:
    """A co-handling unit's opinion to the lead unit (closes its step)."""
    as_handler(actor, step)
    if not opinion.strip():
        raise RuleViolation.single("SUP-13", "请填写会办意见。", field="opinion")
    tracking.close_item(actor=None, item=step, outcome=opinion)


@service
def reply_proposal(*, actor: Any, supervised: SupervisedItem, reply: str, grade: str) -> None:
    """The lead unit replies with the grade; the reply is its close-out request."""
    item = supervised.item
    as_handler(actor, item)
    if grade not in ReplyGrade.values:
        raise RuleViolation.single("SUP-13", "请选择答复类别（A、B、C、D）。", field="grade")
    if co_opinions(supervised).filter(state__in=["open", "in_progress", "returned"]).exists():
        raise RuleViolation.single("SUP-13", "尚有会办单位未提出会办意见。", status=409)
    tracking.request_closeout(actor=actor, item=item, outcome=reply, results=[reply])
    supervised.reply, supervised.reply_grade = reply.strip(), grade
    supervised.replied_at, supervised.satisfaction = timezone.now(), ""
    supervised.save(
        update_fields=["reply", "reply_grade", "replied_at", "satisfaction", "updated_at"]
    )
    audit(actor, "proposal_replied", supervised, after={"grade": grade})


@service
def record_satisfaction(*, actor: Any, supervised: SupervisedItem, satisfaction: str) -> None:
    """The proposer's satisfaction, entered by the office. Unsatisfied: the item is returned
    to the lead unit to redo and reply again; otherwise the office closes it."""
    officer_of(actor)
    item = supervised.item
    if satisfaction not in Satisfaction.values:
        raise RuleViolation.single("SUP-13", "请选择满意度。", field="satisfaction")
    if not supervised.replied_at or item.state != ItemState.CLOSEOUT_REQUESTED:
        raise RuleViolation.single("SUP-13", "承办单位答复后方可登记满意度。", status=409)
    supervised.satisfaction = satisfaction
    if satisfaction == Satisfaction.UNSATISFIED:
        supervised.redo_count += 1
        # Returned to the lead unit on the same clock: a late redo shows red (SUP-16).
        tracking.refuse_closeout(actor=actor, item=item, opinion="代表委员不满意，重新办理")
    else:
        tracking.approve_closeout(
            actor=actor, item=item, opinion=f"代表委员{supervised.get_satisfaction_display()}"
        )
    supervised.save(update_fields=["satisfaction", "redo_count", "updated_at"])
    audit(actor, "proposal_satisfaction_recorded", supervised, after={"satisfaction": satisfaction})
