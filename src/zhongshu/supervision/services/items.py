"""Ledger items: adding one (any source), a leader's instruction (SUP-12), promotion to a
key item (重点督办, SUP-5), and the supervision order (督办单, SUP-9)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils import timezone

from zhongshu.clock import engine
from zhongshu.clock.engine import SHANGHAI, Deadline
from zhongshu.framework.errors import RuleViolation
from zhongshu.framework.services import save_versioned, service
from zhongshu.org.models import Person, Unit
from zhongshu.rules import catalogue
from zhongshu.tracking import services as tracking
from zhongshu.tracking.choices import OPEN_STATES, Priority, ReportCadence
from zhongshu.tracking.models import TrackedItem
from zhongshu.tracking.policies import as_handler

from ..choices import SOURCE_RULE, CheckMethod, OrderState, Source
from ..models import Case, FollowUpCheck, SupervisedItem, SupervisionOrder
from ._common import (
    INSPECTION_KIND,
    INVALID,
    ITEM_KIND,
    ORDER_KIND,
    audit,
    deadline_on,
    officer_of,
)


def _next_number(year: int) -> int:
    last = (
        SupervisedItem.objects.filter(year=year)
        .order_by("-number")
        .values_list("number", flat=True)
    ).first()
    return (last or 0) + 1


def create_supervised(
    *,
    actor: Any,
    officer: Person,
    source: str,
    subject: str,
    lead_unit: Unit,
    deadline: Deadline,
    cooperating_units: Iterable[Unit] = (),
    leader: Person | None = None,
    responsible: Person | None = None,
    case: Case | None = None,
    standard: str = "",
    reference: str = "",
    detail: str = "",
    cadence: str = ReportCadence.MONTHLY,
    lists: dict[str, Sequence[str]] | None = None,
    number: int | None = None,
    **fields: Any,
) -> SupervisedItem:
    """The one way a ledger line is made: the tracked item first (state, clock, colour),
    then the supervision data beside it. Called inside a service."""
    if not subject.strip():
        raise RuleViolation.single(INVALID, "督办事项内容不能为空。", field="subject")
    year = timezone.localtime(deadline.start).year
    supervised = SupervisedItem(
        source=source,
        case=case,
        year=year,
        number=number or _next_number(year),
        leader=leader,
        standard=standard.strip(),
        reference=reference.strip(),
        detail=detail.strip() or subject.strip(),
        **fields,
    )
    rule = deadline.rule or SOURCE_RULE[Source(source)]
    supervised.item = tracking.create_item(
        actor=actor,
        kind=ITEM_KIND,
        subject=subject,
        lead_unit=lead_unit,
        deadline=deadline,
        responsible=responsible,
        approver=officer,
        creator=officer,
        cooperating_units=list(cooperating_units),
        source=supervised,
        report_cadence=cadence,
        target=standard.strip(),
        lists=lists,
        basis=catalogue.basis(rule, **deadline.params),
    )
    supervised.save()
    audit(actor, "supervised_item_added", supervised, after={"source": source, "rule": rule})
    return supervised


@service
def add_supervised_item(
    *,
    actor: Any,
    source: str,
    subject: str,
    lead_unit: Unit,
    due_date: dt.date,
    cooperating_units: Iterable[Unit] = (),
    leader: Person | None = None,
    responsible: Person | None = None,
    standard: str = "",
    reference: str = "",
    case: Case | None = None,
    cadence: str = ReportCadence.MONTHLY,
) -> SupervisedItem:
    """A ledger line entered by the office (key work, a meeting decision, a city task…)
    with the completion date the ledger sets and the cadence its progress is reported on."""
    officer = officer_of(actor)
    if source not in Source.values:
        raise RuleViolation.single("SUP-1", "请选择督办事项来源。", field="source")
    now = timezone.now()
    if due_date < timezone.localdate(now):
        raise RuleViolation.single(INVALID, "完成时限不能早于今天。", field="due_date")
    rule = SOURCE_RULE[Source(source)]
    return create_supervised(
        actor=actor,
        officer=officer,
        source=source,
        subject=subject,
        lead_unit=lead_unit,
        deadline=deadline_on(due_date, now, rule),
        cooperating_units=cooperating_units,
        leader=leader,
        responsible=responsible,
        standard=standard,
        reference=reference,
        case=case,
        cadence=check_cadence(cadence),
    )


def check_cadence(cadence: str) -> str:
    if cadence not in ReportCadence.values:
        raise RuleViolation.single(INVALID, "请选择进展报告周期。", field="cadence")
    return cadence


@service
def register_instruction(
    *,
    actor: Any,
    instructed_by: Person,
    instruction: str,
    subject: str,
    lead_unit: Unit,
    due_date: dt.date | None = None,
    cooperating_units: Iterable[Unit] = (),
    leader: Person | None = None,
    responsible: Person | None = None,
    reference: str = "",
    cadence: str = ReportCadence.MONTHLY,
) -> SupervisedItem:
    """SUP-12: a leader's instruction with a time limit becomes an item to finish and report
    back (回告); without a limit, the report-back period of the profile."""
    officer = officer_of(actor)
    if not instruction.strip():
        raise RuleViolation.single("SUP-12", "请录入领导批示内容。", field="instruction")
    now = timezone.now()
    if due_date is not None:
        deadline = deadline_on(due_date, now, "SUP-12")
    else:
        deadline = engine.deadline_for_rule("SUP-12", now, param="report_back_days")
    return create_supervised(
        actor=actor,
        officer=officer,
        source=Source.INSTRUCTION,
        subject=subject,
        lead_unit=lead_unit,
        deadline=deadline,
        cooperating_units=cooperating_units,
        leader=leader or instructed_by,
        responsible=responsible,
        reference=reference,
        instructed_by=instructed_by,
        instruction=instruction.strip(),
        detail=instruction,
        cadence=check_cadence(cadence),
    )


@service
def promote_to_key(
    *, actor: Any, supervised: SupervisedItem, reason: str, expected_version: int | None = None
) -> None:
    """SUP-5: an item still slow after chasing (or one needing on-site inspection) becomes
    a key item (重点督办); the sweep also promotes items whose chases went unanswered."""
    officer_of(actor)
    item = supervised.item
    if not item.is_open:
        raise RuleViolation.single("SUP-5", "已办结的事项不能列为重点督办。", status=409)
    if not reason.strip():
        raise RuleViolation.single("SUP-5", "请说明列为重点督办的原因。", field="reason")
    item.is_key, item.priority = True, Priority.IMPORTANT
    save_versioned(item, expected_version=expected_version, fields=["is_key", "priority"])
    open_monthly_inspection(actor, officer_of(actor), supervised, timezone.now())
    audit(actor, "supervised_item_promoted", supervised, after={"reason": reason.strip()})
    tracking.notify(
        [item.responsible_id],
        verb="item_promoted",
        item=item,
        text=f"列为重点督办：{item.subject}",
    )


def open_inspections(supervised: SupervisedItem):
    return TrackedItem.objects.filter(
        parent_id=supervised.item_id, kind=INSPECTION_KIND, state__in=OPEN_STATES
    )


def open_monthly_inspection(
    actor: Any, officer: Person, supervised: SupervisedItem, now: dt.datetime
) -> TrackedItem | None:
    """SUP-11 一月一督查: a key item (重点督办) is inspected each month — a step of the
    office due the month's last day; none while one is open or once the item is closed."""
    if not supervised.item.is_open or open_inspections(supervised).exists():
        return None
    today = timezone.localdate(now)
    last = (today.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return tracking.create_item(
        actor=actor,
        kind=INSPECTION_KIND,
        subject=f"{today.year}年{today.month}月督查：{supervised.item.subject}"[:300],
        lead_unit=officer.unit,
        responsible=officer,
        approver=officer,
        creator=officer,
        deadline=deadline_on(last, now, "SUP-11"),
        parent=supervised.item,
        source=supervised,
        basis=catalogue.basis("SUP-11"),
    )


def close_inspections(supervised: SupervisedItem, outcome: str) -> list[dt.date]:
    """Closes the open monthly inspection steps; returns their due dates."""
    due = []
    for step in open_inspections(supervised):
        due.append(timezone.localdate(step.due_at))
        tracking.close_item(actor=None, item=step, outcome=outcome)
    return due


@service
def issue_order(*, actor: Any, supervised: SupervisedItem, reason: str) -> SupervisionOrder:
    """SUP-9: a supervision order to a lagging item's lead unit; the unit's answer (analysis,
    problems and reasons, measures and dates) is a step with the profile's response time."""
    officer = officer_of(actor)
    item = supervised.item
    if not item.is_open:
        raise RuleViolation.single("SUP-9", "已办结的事项不下发督办单。", status=409)
    if not reason.strip():
        raise RuleViolation.single("SUP-9", "请写明督办事由。", field="reason")
    now = timezone.now()
    count = SupervisionOrder.objects.filter(issued_at__year=now.year).count() + 1
    order = SupervisionOrder(
        supervised=supervised,
        number=f"督办单〔{now.year}〕{count}号",
        issued_by=officer,
        issued_at=now,
        reason=reason.strip(),
    )
    order.step = tracking.create_item(
        actor=actor,
        kind=ORDER_KIND,
        subject=f"回复督办单：{item.subject}"[:300],
        lead_unit=item.lead_unit,
        responsible=item.responsible,
        deadline=engine.deadline_for_rule("SUP-9", now, param="response_days"),
        approver=officer,
        creator=officer,
        parent=item,
        source=order,
        priority=Priority.IMPORTANT,
    )
    order.save()
    audit(actor, "supervision_order_issued", order, after={"number": order.number})
    return order


@service
def answer_order(
    *,
    actor: Any,
    order: SupervisionOrder,
    analysis: str,
    problems: str,
    measures: str,
    commit_date: dt.date,
) -> None:
    """SUP-9: all three parts and a committed date are required."""
    if order.state != OrderState.ISSUED:
        raise RuleViolation.single("SUP-9", "该督办单已回复。", status=409)
    missing = [
        catalogue.violation("SUP-9", f"请填写{label}。", field=name)
        for name, label, value in (
            ("analysis", "进度分析", analysis),
            ("problems", "存在问题及原因", problems),
            ("measures", "整改措施", measures),
        )
        if not value.strip()
    ]
    if missing:
        raise RuleViolation(missing)
    if commit_date < timezone.localdate():
        raise RuleViolation.single("SUP-9", "承诺完成时间不能早于今天。", field="commit_date")
    step: TrackedItem = order.step
    acting = as_handler(actor, step)
    order.analysis, order.problems, order.measures = (
        analysis.strip(),
        problems.strip(),
        measures.strip(),
    )
    order.commit_date, order.state = commit_date, OrderState.ANSWERED
    order.answered_by, order.answered_at = acting.person, timezone.now()
    order.save()
    tracking.close_item(
        actor=None, item=step, outcome=f"已回复，承诺{commit_date:%Y年%m月%d日}前完成"
    )
    audit(
        actor, "supervision_order_answered", order, after={"commit_date": commit_date.isoformat()}
    )


@service
def approve_item_closeout(
    *, actor: Any, supervised: SupervisedItem, opinion: str, expected_version: int | None = None
) -> None:
    """销号 approved by the supervision office; a verified rectification counts as rectified
    (SUP-7)."""
    from .rectification import mark_rectified

    officer_of(actor)
    tracking.approve_closeout(
        actor=actor, item=supervised.item, opinion=opinion, expected_version=expected_version
    )
    close_inspections(supervised, "事项已销号")
    mark_rectified(supervised)
    audit(actor, "supervised_item_closed", supervised, after={"opinion": opinion.strip()})


@service
def record_check(
    *,
    actor: Any,
    supervised: SupervisedItem,
    method: str,
    finding: str,
    confirmed: bool,
    due_date: dt.date | None = None,
) -> FollowUpCheck:
    """SUP-12 回访、抽查 / SUP-9 回头看、复查: the office checks what the unit reported. Found
    not done: on an open item the unit is told at once; on a closed item a new ledger line
    follows it up (事事有着落) with the date the office sets."""
    officer = officer_of(actor)
    if method not in CheckMethod.values:
        raise RuleViolation.single("SUP-9", "请选择核查方式。", field="method")
    if not finding.strip():
        raise RuleViolation.single("SUP-14", "请如实填写核查情况。", field="finding")
    item = supervised.item
    follow_up = None
    if not confirmed and not item.is_open:
        if due_date is None or due_date < timezone.localdate():
            raise RuleViolation.single(
                "SUP-12", "已销号事项经核查未落实的，须重新交办并明确时限。", field="due_date"
            )
        follow_up = create_supervised(
            actor=actor,
            officer=officer,
            source=supervised.source,
            subject=f"{CheckMethod(method).label}未落实：{item.subject}"[:300],
            lead_unit=item.lead_unit,
            deadline=deadline_on(due_date, timezone.now(), "SUP-12"),
            leader=supervised.leader,
            responsible=item.responsible,
            case=supervised.case,
            standard=supervised.standard,
            reference=f"{supervised.year}-{supervised.number}",
            detail=finding,
        )
    now = timezone.now()
    check = FollowUpCheck.objects.create(
        supervised=supervised,
        method=method,
        checked_at=now,
        checked_by=officer,
        finding=finding.strip(),
        confirmed=confirmed,
    )
    # SUP-11: the check is this month's inspection of a key item; the next month's opens
    # (from the day after the closed step's month when checked early)
    due = close_inspections(supervised, f"已{CheckMethod(method).label}：{finding.strip()}"[:500])
    if item.is_key and item.is_open:
        start = now
        if due:
            following = dt.datetime.combine(max(due) + dt.timedelta(days=1), dt.time(9))
            start = max(now, following.replace(tzinfo=SHANGHAI))
        open_monthly_inspection(actor, officer, supervised, start)
    if not confirmed and item.is_open:
        # a chase of record (counted for SUP-5 promotion), to the lead unit
        tracking.chase_item(
            actor=actor, item=item, message=f"{CheckMethod(method).label}发现未落实：{finding}"
        )
    audit(
        actor,
        "supervision_check_recorded",
        supervised,
        after={
            "method": method,
            "confirmed": confirmed,
            "follow_up": str(follow_up.uuid) if follow_up else "",
        },
    )
    return check
