"""The sweep, run every minute: colours (SUP-16), due-soon reminders, chases on the
DOC-IN-12 cadence, escalation to the leaders in charge after K missed chases (SUP-5: the
item becomes a key item, 重点督办), and progress-report notices.

Set-based: each step is one or a few UPDATE … WHERE / INSERT … SELECT statements over a
partial index of the precomputed times, never a loop over items. Idempotent: reminders,
chases and notifications carry unique keys (item, kind, round, step) and inserts do
nothing on conflict; updates set absolute values. A sweep after downtime sends only the
latest cadence step per item. On PostgreSQL a second sweep running at the same moment
returns at once (advisory lock); the constraints hold even without it.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import asdict, dataclass
from functools import reduce
from itertools import islice
from operator import or_

from django.conf import settings
from django.db import transaction
from django.db.models import (
    BooleanField,
    Case,
    DateTimeField,
    F,
    IntegerField,
    Q,
    Value,
    When,
)
from django.db.models.lookups import GreaterThanOrEqual
from django.utils import timezone

from zhongshu.audit.services import record
from zhongshu.org.choices import PortfolioKind
from zhongshu.org.models import Portfolio, Unit
from zhongshu.org.services import leaders_in_charge

from . import deadlines
from .choices import OPEN_STATES, ChaseMethod, Colour, Priority, ReminderKind
from .models import Chase, Notification, Reminder, TrackedItem
from .sqlsets import NewUUID, insert_select, sweep_lock, text

log = logging.getLogger(__name__)
GROUPS_PER_STATEMENT = 100
ITEMS_PER_BATCH = 5000


@dataclass
class SweepResult:
    red: int = 0
    yellow: int = 0
    due_soon: int = 0
    chases: int = 0
    escalations: int = 0
    report_notices: int = 0
    notifications: int = 0
    skipped: bool = False

    def as_dict(self) -> dict:
        return asdict(self)


def batched(iterable, size: int):
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


def escalate_after() -> int:
    return int(settings.TRACKING_ESCALATE_AFTER)


def sweep(now: dt.datetime | None = None) -> SweepResult:
    """One pass at ``now``. Each step commits on its own and chases go in batches of
    items, so no transaction (and, on SQLite, no write lock) is held for long even when
    a morning's chases all fall due at once; every step is idempotent, so a crash between
    two commits leaves nothing a rerun would not finish."""
    now = now or timezone.now()
    result = SweepResult()
    with sweep_lock() as acquired:
        if not acquired:
            result.skipped = True
            return result
        with transaction.atomic():
            result.red = _turn_red(now)
            result.yellow = _turn_yellow(now)
        with transaction.atomic():
            _due_soon(now, result)
        _chase(now, result)
        with transaction.atomic():
            _report_notices(now, result)
        with transaction.atomic():
            _finish(now, result)
    return result


def _finish(now: dt.datetime, result: SweepResult) -> None:
    if result.notifications:
        from .services.notify import schedule_delivery

        schedule_delivery()
    if any((result.chases, result.escalations, result.due_soon, result.report_notices)):
        record(
            actor=None,
            event="tracking_swept",
            object_type="tracking.sweep",
            object_id=now.isoformat(),
            object_repr="事项巡检",
            after=result.as_dict(),
        )


# --- SUP-16 colours ------------------------------------------------------------------------
# ``recolour_at`` (when the colour next changes) is kept by the services; the sweep reads
# the few rows whose time has come, whatever the planner thinks of due_at and colour.
def _turn_red(now: dt.datetime) -> int:
    due = TrackedItem.objects.filter(recolour_at__lte=now, due_at__lte=now)
    return due.update(colour=Colour.RED, was_overdue=True, recolour_at=None, updated_at=now)


def _turn_yellow(now: dt.datetime) -> int:
    due = TrackedItem.objects.filter(recolour_at__lte=now)
    return due.update(colour=Colour.YELLOW, recolour_at=F("due_at"), updated_at=now)


# --- notifications -------------------------------------------------------------------------
def _notify_handlers(queryset, now, verb: str, message, key, sms=None) -> int:
    """One notification per item to its responsible person (unit-level items show in the
    unit's 待办 instead)."""
    return insert_select(
        Notification,
        {
            "uuid": NewUUID(),
            "recipient_id": F("responsible_id"),
            "verb": Value(verb),
            "text": message,
            "link": Value(""),
            "item_id": F("id"),
            "created_at": Value(now, output_field=DateTimeField()),
            "dedupe_key": key,
            "sms": sms if sms is not None else Value(False),
            "deliver": Value(True),
        },
        queryset.filter(responsible_id__isnull=False),
    )


def _reminders(queryset, now, kind: str, step) -> int:
    return insert_select(
        Reminder,
        {
            "item_id": F("id"),
            "kind": Value(kind),
            "round": F("deadline_round"),
            "step": step,
            "created_at": Value(now, output_field=DateTimeField()),
        },
        queryset,
    )


# --- due soon --------------------------------------------------------------------------------
def _due_soon(now: dt.datetime, result: SweepResult) -> None:
    due = TrackedItem.objects.filter(remind_at__lte=now)
    # An item already overdue after downtime gets its chase, not a due-soon reminder.
    live = due.filter(state__in=OPEN_STATES, suspended_at__isnull=True, due_at__gt=now)
    result.due_soon = _reminders(live, now, ReminderKind.DUE_SOON, Value(0))
    key = text("due_soon:", F("id"), ":", F("deadline_round"))
    result.notifications += _notify_handlers(
        live, now, "due_soon", text("即将到期：", F("subject")), key
    )
    due.update(remind_at=None)


# --- DOC-IN-12 chases and escalation ---------------------------------------------------------
def _chase(now: dt.datetime, result: SweepResult) -> None:
    """Chases in batches of items (one transaction each); within a batch, one statement
    per kind of row for all the (due time, priority) groups at once."""
    while True:
        with transaction.atomic():
            ids = list(
                TrackedItem.objects.filter(next_chase_at__lte=now)
                .order_by()
                .values_list("id", flat=True)[:ITEMS_PER_BATCH]
            )
            if ids:
                _chase_batch(TrackedItem.objects.filter(pk__in=ids), now, result)
        if len(ids) < ITEMS_PER_BATCH:
            break
    with transaction.atomic():
        _notify_leaders(now, result)


def _chase_batch(due, now: dt.datetime, result: SweepResult) -> None:
    groups = list(due.order_by().values_list("due_at", "priority").distinct())
    plans = {
        (due_at, priority): deadlines.latest_step(due_at, deadlines.chase_interval(priority), now)
        for due_at, priority in groups
    }
    for chunk in batched(plans.items(), GROUPS_PER_STATEMENT):
        _chase_groups(due, dict(chunk), now, result)


def _chase_groups(due, plans: dict, now: dt.datetime, result: SweepResult) -> None:
    def case(values: dict, field) -> Case:
        whens = [When(due_at=d, priority=p, then=Value(v)) for (d, p), v in values.items()]
        return Case(*whens, output_field=field)

    step = case({g: s for g, (s, _next) in plans.items()}, IntegerField())
    next_at = case({g: n for g, (_s, n) in plans.items()}, DateTimeField())
    scope = due.filter(reduce(or_, (Q(due_at=d, priority=p) for d, p in plans)))
    fresh = (
        scope.filter(state__in=OPEN_STATES, suspended_at__isnull=True)
        .alias(new_step=step)
        .filter(chase_step__lt=F("new_step"))
    )
    result.chases += _insert_chases(fresh, step, now)
    key = text("chase:", F("id"), ":", F("deadline_round"), ":", step)
    message = text("第", step, "次催办（已超期）：", F("subject"))
    urgent = Case(
        When(priority=Priority.URGENT, then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )
    result.notifications += _notify_handlers(fresh, now, "chased", message, key, urgent)
    result.escalations += _escalate(fresh, step, now)
    reached = GreaterThanOrEqual(step, F("answered_step") + escalate_after())
    scope.update(
        chase_step=step,
        next_chase_at=next_at,
        is_key=Case(When(reached, then=Value(True)), default=F("is_key")),
        escalated_at=Case(
            When(escalated_at__isnull=False, then=F("escalated_at")),
            When(reached, then=Value(now)),
            default=None,
            output_field=DateTimeField(),
        ),
        updated_at=now,
    )


def _insert_chases(fresh, step, now: dt.datetime) -> int:
    moment = Value(now, output_field=DateTimeField())
    return insert_select(
        Chase,
        {
            "uuid": NewUUID(),
            "created_at": moment,
            "updated_at": moment,
            "version": Value(1),
            "item_id": F("id"),
            "target_id": F("responsible_id"),
            "target_unit_id": F("lead_unit_id"),
            "method": Value(ChaseMethod.SYSTEM),
            "message": text("第", step, "次催办（DOC-IN-12）"),
            "chased_at": moment,
            "round": F("deadline_round"),
            "step": step,
            "answer": Value(""),
        },
        fresh,
    )


def _escalate(fresh, step, now: dt.datetime) -> int:
    """SUP-5: after K chases without an answer or a report; once until the handler
    answers (the key is the threshold step)."""
    missed = fresh.alias(threshold=F("answered_step") + escalate_after()).filter(
        new_step__gte=F("threshold")
    )
    return _reminders(missed, now, ReminderKind.ESCALATION, F("answered_step") + escalate_after())


def _notify_leaders(now: dt.datetime, result: SweepResult) -> None:
    """The leaders in charge of each lead unit (org portfolios) hear of its escalations:
    one INSERT … SELECT per leader, whatever the number of items."""
    if not result.escalations:
        return
    fresh = Reminder.objects.filter(kind=ReminderKind.ESCALATION, created_at=now)
    unit_ids = set(fresh.values_list("item__lead_unit_id", flat=True).distinct())
    for leader_id, units in _leaders_of(unit_ids).items():
        result.notifications += insert_select(
            Notification,
            {
                "uuid": NewUUID(),
                "recipient_id": Value(leader_id),
                "verb": Value("escalated"),
                "text": text("经多次催办仍未答复，列为重点督办：", F("item__subject")),
                "link": Value(""),
                "item_id": F("item_id"),
                "created_at": Value(now, output_field=DateTimeField()),
                "dedupe_key": text("escalation:", F("item_id"), ":", F("round"), ":", F("step")),
                "sms": Value(True),
                "deliver": Value(True),
            },
            fresh.filter(item__lead_unit_id__in=sorted(units)),
        )


def _leaders_of(unit_ids: set[int]) -> dict[int, set[int]]:
    """leader → units, from the portfolios naming the units (one query); a unit no
    portfolio names goes through org's fuller lookup (host department, parent units)."""
    through = Portfolio.units.through
    direct = through.objects.filter(
        unit_id__in=unit_ids,
        portfolio__in=Portfolio.objects.active().filter(kind=PortfolioKind.GOVERNMENT),
        portfolio__leader__archived_at__isnull=True,
    ).values_list("unit_id", "portfolio__leader_id")
    by_leader: dict[int, set[int]] = {}
    covered = set()
    for unit_id, leader_id in direct:
        by_leader.setdefault(leader_id, set()).add(unit_id)
        covered.add(unit_id)
    for unit in Unit.objects.filter(pk__in=unit_ids - covered):
        for leader in leaders_in_charge(unit):
            by_leader.setdefault(leader.pk, set()).add(unit.pk)
    return by_leader


# --- progress reports -------------------------------------------------------------------------
def _report_notices(now: dt.datetime, result: SweepResult) -> None:
    due = TrackedItem.objects.filter(report_notice_at__lte=now)
    groups = list(due.order_by().values_list("report_notice_at", "report_cadence").distinct())
    if not groups:
        return
    step_of = {g: int(timezone.localtime(g[0]).strftime("%Y%m%d")) for g in groups}
    next_of = {g: deadlines.next_report_due(g[1], now) for g in groups}

    def case(values: dict, field) -> Case:
        whens = [
            When(report_notice_at=t, report_cadence=c, then=Value(v))
            for (t, c), v in values.items()
        ]
        return Case(*whens, output_field=field)

    step = case(step_of, IntegerField())
    live = due.filter(state__in=OPEN_STATES)
    result.report_notices = _reminders(live, now, ReminderKind.REPORT_DUE, step)
    key = text("report:", F("id"), ":", step)
    result.notifications += _notify_handlers(
        live, now, "report_due", text("进展报告逾期未报：", F("subject")), key
    )
    due.update(report_notice_at=case(next_of, DateTimeField()))
