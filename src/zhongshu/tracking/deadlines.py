"""The item's times, computed once through the deadline engine and the rule catalogue and
stored for the sweep: when it turns yellow (SUP-16), when the due-soon reminder goes, when
each chase of the DOC-IN-12 cadence falls, when progress reports are due."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils import timezone

from zhongshu.clock import engine
from zhongshu.clock.engine import Deadline
from zhongshu.rules import catalogue

from .choices import Colour, ExtensionUnit, Priority, ReportCadence

if TYPE_CHECKING:
    from .models import TrackedItem

SHANGHAI = engine.SHANGHAI


# --- SUP-16 ------------------------------------------------------------------------------
def yellow_days() -> int:
    return int(catalogue.param("SUP-16", "yellow_days"))


def lag_points() -> int:
    return int(catalogue.param("SUP-16", "lag_points"))


def near_start(due: dt.datetime, days: int) -> dt.datetime:
    """SUP-16: the deadline is "within N working days" from 00:00 of the N-th working day
    counted back from the due day (the due day, if a working day, is the first). With N = 0
    the item turns yellow only by lagging progress."""
    day = timezone.localtime(due, SHANGHAI).date()
    if days <= 0:
        return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=SHANGHAI)
    counted = 0
    while True:
        if engine.is_working_day(day):
            counted += 1
            if counted == days:
                break
        day -= dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time(), tzinfo=SHANGHAI)


def lag_start(item: TrackedItem) -> dt.datetime | None:
    """SUP-16: when the reported progress falls more than ``lag_points`` behind the linear
    schedule from assignment to due. Only items that report progress can lag."""
    if item.report_cadence == ReportCadence.NONE:
        return None
    allowed = item.percent + lag_points()
    if allowed >= 100:
        return None
    base = item.base_deadline or item.deadline
    start = dt.datetime.fromisoformat(base["start"]) if base else item.created_at
    return start + (item.due_at - start) * (allowed / 100)


def yellow_start(item: TrackedItem) -> dt.datetime:
    near = near_start(item.due_at, yellow_days())
    lag = lag_start(item)
    return min(near, lag) if lag is not None else near


def colour_at(item: TrackedItem, now: dt.datetime) -> str:
    if item.was_overdue or now >= item.due_at:
        return Colour.RED
    if item.yellow_at is not None and now >= item.yellow_at:
        return Colour.YELLOW
    return Colour.GREEN


# --- DOC-IN-12 chase cadence ---------------------------------------------------------------
def chase_interval(priority: str) -> int:
    """Working days between two chases: 紧急 daily, 重要 every 2, 一般 weekly (5)."""
    return int(catalogue.param("DOC-IN-12", f"{Priority(priority).value}_interval"))


def chase_time(due: dt.datetime, interval: int, step: int) -> dt.datetime:
    """The time of chase ``step`` (1, 2, …): the first as soon as the item is overdue in
    office hours, then every ``interval`` working days at the start of the office day."""
    first = engine.business_hours_reminder(due)
    if step <= 1:
        return first
    day = timezone.localtime(engine.add_working_days(first, (step - 1) * interval).due).date()
    return dt.datetime.combine(day, engine.office_hours()[0], tzinfo=SHANGHAI)


def latest_step(due: dt.datetime, interval: int, now: dt.datetime) -> tuple[int, dt.datetime]:
    """The last chase step that has fallen by ``now`` (0 if none) and when the next one
    falls. A sweep after downtime sends only this step: one chase, not the backlog."""
    first = chase_time(due, interval, 1)
    if now < first:
        return 0, first
    step = 1 + max(engine.working_days_between(first, now), 0) // interval
    while step > 1 and chase_time(due, interval, step) > now:
        step -= 1
    while chase_time(due, interval, step + 1) <= now:
        step += 1
    return step, chase_time(due, interval, step + 1)


# --- progress reports ----------------------------------------------------------------------
def next_report_due(cadence: str, after: dt.datetime) -> dt.datetime | None:
    """Reports fall due at the office end of the last working day of the week or month
    (aligned times: the sweep handles each due time as one set)."""
    if cadence == ReportCadence.NONE:
        return None
    day = timezone.localtime(after, SHANGHAI).date()
    for _ in range(3):
        candidate = _last_working_day(cadence, day)
        due = dt.datetime.combine(candidate, engine.office_hours()[1], tzinfo=SHANGHAI)
        if due > after:
            return due
        day = _period_end(cadence, day) + dt.timedelta(days=1)
    raise AssertionError("no report due time found")  # pragma: no cover


def _period_end(cadence: str, day: dt.date) -> dt.date:
    if cadence == ReportCadence.WEEKLY:
        return day + dt.timedelta(days=6 - day.weekday())
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def _last_working_day(cadence: str, day: dt.date) -> dt.date:
    end = _period_end(cadence, day)
    start = (
        day - dt.timedelta(days=day.weekday())
        if cadence == ReportCadence.WEEKLY
        else day.replace(day=1)
    )
    candidate = end
    while candidate >= start:
        if engine.is_working_day(candidate):
            return candidate
        candidate -= dt.timedelta(days=1)
    return end  # a period without a working day (a long holiday week): its last day


# --- deadlines ------------------------------------------------------------------------------
def basis_for(deadline: Deadline) -> dict:
    """The catalogue's basis of a computed deadline (its rule and the values used)."""
    if not deadline.rule:
        return {}
    used = {k: v for k, v in deadline.params.items() if k not in ("suspension", "extensions")}
    return catalogue.basis(deadline.rule, **used)


def basis_label(item: TrackedItem) -> str:
    if item.basis:
        return catalogue.basis_label(item.basis)
    if item.deadline:
        return Deadline.from_json(item.deadline).describe()
    return ""


def effective(base: Deadline, pauses, extensions, now: dt.datetime | None = None) -> Deadline:
    """The deadline after every approved extension and every pause, from the base."""
    deadline = base
    for amount, unit in extensions:
        deadline = engine.extend(deadline, extra=amount, unit=unit)
    if pauses:
        deadline = engine.suspend(deadline, list(pauses), now=now)
    return deadline


def recomputed_base(base: Deadline) -> Deadline:
    """The base deadline computed again from its event on the current calendar (CAL-1)."""
    extra = {k: v for k, v in base.params.items() if k not in ("days", "hours", "office_end")}
    office_end = base.params.get("office_end")
    end = dt.time.fromisoformat(office_end) if office_end else None
    if base.method == "working_days":
        return engine.add_working_days(
            base.start, int(base.amount), rule=base.rule, params=extra, office_end=end
        )
    return base  # calendar days, hours and anchored times do not depend on the calendar


def deadline_from(amount: int, unit: str, start: dt.datetime) -> Deadline:
    """A deadline given by hand (a task assigned with "N working days")."""
    if unit == ExtensionUnit.WORKING_DAYS:
        return engine.add_working_days(start, amount)
    if unit == ExtensionUnit.CALENDAR_DAYS:
        return engine.add_calendar_days(start, amount)
    return engine.add_hours(start, amount)
