"""The deadline engine: the only place deadlines are computed (CAL-1 … CAL-4).

Pure functions over the in-memory working-day index (``clock.index``): no writes, no
loops over days. Every result is a ``Deadline`` carrying its due time, the triggering
event, the method, the rule and parameters it used, and whether it relied on a
provisional year.

Decisions (CAL-2), documented once here:
- Day 1 of "N working days" is the first working day strictly after the date of the
  event, whatever the hour: an event on a working day counts from the next working day;
  an event on a non-working day counts from the first working day after it. An event
  after office hours is treated like any other event of that date.
- The deadline falls at the office end (default 17:30, CAL-2 ``office_end``) of day N.
- Calendar days (``N日``) and anchored times (CAL-4) count from the date of the event,
  ignore the holiday calendar (no rollover to a working day) and are never provisional;
  clock hours (CAL-3) run continuously and are never provisional either.
- Suspension stops the clock; extension adds time. Both keep the original deadline in
  ``params`` so they can be recomputed from the full list of pauses.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone

from . import index as _index
from .index import BASE, END, OutOfRange

SHANGHAI = ZoneInfo("Asia/Shanghai")
OFFICE_START = dt.time(8, 30)
OFFICE_END = dt.time(17, 30)
METHODS = ("working_days", "calendar_days", "hours", "anchored")
EXTENSION_UNITS = ("working_days", "calendar_days", "hours")


@dataclass(frozen=True)
class Deadline:
    due: dt.datetime  # aware, Asia/Shanghai
    start: dt.datetime  # the triggering event
    method: str  # "working_days" | "calendar_days" | "hours" | "anchored"
    amount: int | float  # N days / hours; for anchored, the day offset
    rule: str | None  # e.g. "DOC-IN-10"
    params: dict = field(default_factory=dict)  # parameter values used
    provisional: bool = False  # relied on a day of a provisional year

    @classmethod
    def _make(cls, due, start, method, amount, rule, params, provisional) -> Deadline:
        """The engine's constructor, for the hot path: the frozen dataclass ``__init__``
        sets each field through ``object.__setattr__`` (twice as slow as this)."""
        deadline = object.__new__(cls)
        deadline.__dict__.update(
            due=due,
            start=start,
            method=method,
            amount=amount,
            rule=rule,
            params=params,
            provisional=provisional,
        )
        return deadline

    def as_json(self) -> dict:
        return {
            "due": self.due.isoformat(),
            "start": self.start.isoformat(),
            "method": self.method,
            "amount": self.amount,
            "rule": self.rule,
            "params": dict(self.params),
            "provisional": self.provisional,
        }

    @classmethod
    def from_json(cls, data: dict) -> Deadline:
        return cls(
            due=dt.datetime.fromisoformat(data["due"]).astimezone(SHANGHAI),
            start=dt.datetime.fromisoformat(data["start"]).astimezone(SHANGHAI),
            method=data["method"],
            amount=data["amount"],
            rule=data.get("rule"),
            params=dict(data.get("params") or {}),
            provisional=bool(data.get("provisional", False)),
        )

    def describe(self) -> str:
        """The basis as an office reads it: "7个工作日（DOC-IN-10）（暂定日历）"."""
        unit = {"working_days": "个工作日", "calendar_days": "日", "hours": "小时"}
        if self.method == "anchored":
            text = f"第{self.amount}日{self.params.get('at', '')}前"
        else:
            text = f"{_number(self.amount)}{unit[self.method]}"
        if self.rule:
            text += f"（{self.rule}）"
        return text + ("（暂定日历）" if self.provisional else "")


def _number(value: int | float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


# --- time helpers ---------------------------------------------------------------------
def _local(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is SHANGHAI:
        return moment
    if moment.tzinfo is None:
        raise ValueError("deadline times must be timezone-aware")
    return moment.astimezone(SHANGHAI)


def _at(ordinal: int, at: dt.time) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromordinal(ordinal), at, tzinfo=SHANGHAI)


_HHMM: dict[dt.time, str] = {}


def _hhmm(value: dt.time) -> str:
    text = _HHMM.get(value)  # strftime costs more than the rest of a deadline
    if text is None:
        text = _HHMM[value] = value.strftime("%H:%M")
    return text


def _as_time(value: object) -> dt.time:
    if isinstance(value, dt.time):
        return value
    return dt.time.fromisoformat(str(value).replace("：", ":"))


def _date_of(value: dt.date | dt.datetime) -> dt.date:
    return _local(value).date() if isinstance(value, dt.datetime) else value


# --- office hours (CAL-2 parameters) ---------------------------------------------------
_catalogue = None


def _rule_param(rule_id: str, name: str, profile: str | None = None):
    """The catalogue's value of a rule parameter. Imported lazily (the catalogue sits
    beside the clock in the same layer); it keeps every value in memory, so a call is a
    few dict lookups."""
    global _catalogue
    if _catalogue is None:
        from zhongshu.rules import catalogue

        _catalogue = catalogue
    return _catalogue.param(rule_id, name, profile)


def _catalogue_time(name: str, default: dt.time, profile: str | None) -> dt.time:
    try:
        return _as_time(_rule_param("CAL-2", name, profile))
    except (ImportError, LookupError, ObjectDoesNotExist):
        return default


def closing_time(profile: str | None = None) -> dt.time:
    """CAL-2: the time a working-day deadline falls at (default 17:30)."""
    return _catalogue_time("office_end", OFFICE_END, profile)


def office_hours(profile: str | None = None) -> tuple[dt.time, dt.time]:
    """(office_start, office_end) of a profile, from the CAL-2 parameters."""
    return _catalogue_time("office_start", OFFICE_START, profile), closing_time(profile)


def invalidate() -> None:
    """Forget the working-day index (after a calendar edit committed in this process)."""
    _index.invalidate()


# --- days --------------------------------------------------------------------------------
def day_info(d: dt.date) -> _index.DayInfo:
    """What the calendar says of a date: kind, holiday name, working, provisional."""
    return _index.current().day(d)


def days(first: dt.date, last: dt.date) -> list[_index.DayInfo]:
    info = _index.current()
    count = (last - first).days + 1
    return [info.day(first + dt.timedelta(days=i)) for i in range(max(count, 0))]


def is_provisional_year(year: int) -> bool:
    return _index.current().is_provisional(year, year)


def is_working_day(d: dt.date) -> bool:
    info = _index.current()
    return info.kinds[_index.checked_ordinal(d) - BASE] in _index.WORKING_CODES


def next_working_day(d: dt.date) -> dt.date:
    """The first working day strictly after ``d``."""
    info = _index.current()
    position = bisect_right(info.working, _index.checked_ordinal(d))
    return dt.date.fromordinal(_nth(info, position, d))


def _nth(info: _index.CalendarIndex, position: int, near: dt.date) -> int:
    if position >= len(info.working):
        raise OutOfRange(near)
    return info.working[position]


def working_days_between(a: dt.date, b: dt.date) -> int:
    """The number of working days in (a, b]; negative when b is before a."""
    info = _index.current()
    first, last = _index.checked_ordinal(_date_of(a)), _index.checked_ordinal(_date_of(b))
    return bisect_right(info.working, last) - bisect_right(info.working, first)


def _working_day_after(info: _index.CalendarIndex, ordinal: int, n: int) -> int:
    """The ordinal of the n-th working day after ``ordinal`` (n ≥ 1)."""
    if not BASE <= ordinal <= END:
        raise OutOfRange(dt.date.fromordinal(ordinal))
    position = bisect_right(info.working, ordinal) + n - 1
    return _nth(info, position, dt.date.fromordinal(ordinal))


# --- deadlines ---------------------------------------------------------------------------
def add_working_days(
    start: dt.datetime,
    n: int,
    *,
    rule: str | None = None,
    params: dict | None = None,
    office_end: dt.time | None = None,
) -> Deadline:
    """CAL-2: the office end of the n-th working day after the date of ``start``."""
    if n < 1:
        raise ValueError("a working-day deadline needs at least 1 day")
    local = _local(start)
    info = _index.current()
    due_ordinal = _working_day_after(info, local.toordinal(), n)
    end = office_end or closing_time()
    due = _at(due_ordinal, end)
    used = (
        {"days": n, **params, "office_end": _hhmm(end)}
        if params
        else {"days": n, "office_end": _hhmm(end)}
    )
    provisional = info.is_provisional(local.year, due.year)
    return Deadline._make(due, local, "working_days", n, rule, used, provisional)


def add_calendar_days(
    start: dt.datetime,
    n: int,
    *,
    rule: str | None = None,
    params: dict | None = None,
    office_end: dt.time | None = None,
) -> Deadline:
    """N calendar days (N日): the office end of the n-th day after the date of ``start``."""
    if n < 0:
        raise ValueError("a calendar-day deadline cannot be negative")
    local = _local(start)
    end = office_end or closing_time()
    due = dt.datetime.combine(local.date() + dt.timedelta(days=n), end, tzinfo=SHANGHAI)
    used = {"days": n, **(params or {}), "office_end": _hhmm(end)}
    return Deadline._make(due, local, "calendar_days", n, rule, used, False)


def add_hours(
    start: dt.datetime, hours: float, *, rule: str | None = None, params: dict | None = None
) -> Deadline:
    """CAL-3: clock hours run continuously, nights and holidays included."""
    if hours < 0:
        raise ValueError("an hour deadline cannot be negative")
    local = _local(start)
    due = local + dt.timedelta(hours=hours)
    used = {"hours": hours, **(params or {})}
    return Deadline._make(due, local, "hours", hours, rule, used, False)


def anchored(
    start: dt.datetime,
    day_offset: int,
    at: dt.time,
    *,
    rule: str | None = None,
    params: dict | None = None,
) -> Deadline:
    """CAL-4: "第3日12:00前" is 12:00 of the third calendar day after the event."""
    if day_offset < 0:
        raise ValueError("an anchored deadline cannot lie before its event")
    local = _local(start)
    due = dt.datetime.combine(local.date() + dt.timedelta(days=day_offset), at, tzinfo=SHANGHAI)
    used = {"day_offset": day_offset, "at": _hhmm(at), **(params or {})}
    return Deadline._make(due, local, "anchored", day_offset, rule, used, False)


def deadline_for_rule(
    rule_id: str,
    start: dt.datetime,
    *,
    param: str = "days",
    method: str = "working_days",
    profile: str | None = None,
) -> Deadline:
    """The deadline a rule sets, with the value of its parameter ``param`` in ``profile``
    (anchored rules also read their ``at`` parameter)."""
    value = _rule_param(rule_id, param, profile)
    used: dict = {param: value}
    if profile:
        used["profile"] = profile
    if method == "working_days":
        end = closing_time(profile)
        return add_working_days(start, int(value), rule=rule_id, params=used, office_end=end)
    if method == "calendar_days":
        end = closing_time(profile)
        return add_calendar_days(start, int(value), rule=rule_id, params=used, office_end=end)
    if method == "hours":
        return add_hours(start, float(value), rule=rule_id, params=used)
    if method == "anchored":
        at = _as_time(_rule_param(rule_id, "at", profile))
        used["at"] = _hhmm(at)
        return anchored(start, int(value), at, rule=rule_id, params=used)
    raise ValueError(f"unknown deadline method {method!r}")


def business_hours_reminder(at: dt.datetime) -> dt.datetime:
    """Move a reminder out of nights and non-working days to the next moment in office
    hours (a reminder inside office hours of a working day stays where it is)."""
    local = _local(at)
    start, end = office_hours()
    info = _index.current()
    ordinal = _index.checked_ordinal(local.date())
    if info.kinds[ordinal - BASE] in _index.WORKING_CODES:
        if local.time() < start:
            return _at(ordinal, start)
        if local.time() < end:
            return local
    return _at(_working_day_after(info, ordinal, 1), start)


# --- suspension and extension ------------------------------------------------------------
Pause = tuple[dt.datetime, dt.datetime | None]


def _merged(pauses: list[Pause], now: dt.datetime) -> list[tuple[dt.datetime, dt.datetime]]:
    """Pauses in order, an open pause running until ``now``, overlaps counted once."""
    spans = sorted((_local(begin), _local(end or now)) for begin, end in pauses)
    merged: list[tuple[dt.datetime, dt.datetime]] = []
    for begin, end in spans:
        if end <= begin:
            continue
        if merged and begin <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((begin, end))
    return merged


def _pause_shift(method: str, due: dt.datetime, begin: dt.datetime, end: dt.datetime):
    """The due time after one pause, and what the pause cost in the deadline's unit:
    working days in (begin, end] by date, clock hours, or calendar days."""
    if method == "working_days":
        lost = working_days_between(begin.date(), end.date())
        if lost <= 0:
            return due, 0
        ordinal = _working_day_after(_index.current(), due.toordinal(), lost)
        return _at(ordinal, due.time()), lost
    if method == "hours":
        return due + (end - begin), round((end - begin).total_seconds() / 3600, 4)
    days = (end.date() - begin.date()).days
    return due + dt.timedelta(days=days), days


def suspend(deadline: Deadline, pauses: list[Pause], *, now: dt.datetime | None = None) -> Deadline:
    """The deadline with the clock stopped during ``pauses`` (an open pause runs until
    ``now``). Pass every pause of the item: the result is computed from the deadline as
    it stood before any pause, so calling it again with a longer list is safe. A pause
    that begins after the (shifted) due time no longer moves it."""
    suspension = deadline.params.get("suspension") or {}
    base = dt.datetime.fromisoformat(suspension.get("base_due") or deadline.due.isoformat())
    base = _local(base)
    due, lost = base, 0
    for begin, end in _merged(pauses, _local(now or timezone.now())):
        if begin >= due:
            break
        due, step = _pause_shift(deadline.method, due, begin, end)
        lost += step
    params = {**deadline.params, "suspension": {"base_due": base.isoformat(), "paused": lost}}
    return _moved(deadline, due, params, deadline.method == "working_days")


def _pushed(deadline: Deadline, moment: dt.datetime, extra: int | float, unit: str):
    if unit == "working_days":
        end = _as_time(deadline.params.get("office_end") or closing_time())
        ordinal = _working_day_after(_index.current(), moment.toordinal(), int(extra))
        return _at(ordinal, end)
    if unit == "calendar_days":
        return moment + dt.timedelta(days=int(extra))
    return moment + dt.timedelta(hours=extra)


def extend(deadline: Deadline, *, extra: int, unit: str) -> Deadline:
    """The deadline extended by ``extra`` working days, calendar days or hours (an
    approved extension); a suspended deadline's pre-pause due moves by the same amount."""
    if unit not in EXTENSION_UNITS:
        raise ValueError(f"unknown extension unit {unit!r}")
    if extra <= 0:
        raise ValueError("an extension must add time")
    params = dict(deadline.params)
    params["extensions"] = [*params.get("extensions", []), {"extra": extra, "unit": unit}]
    if params.get("suspension"):
        base = _local(dt.datetime.fromisoformat(params["suspension"]["base_due"]))
        base_due = _pushed(deadline, base, extra, unit).isoformat()
        params["suspension"] = {**params["suspension"], "base_due": base_due}
    due = _pushed(deadline, deadline.due, extra, unit)
    return _moved(deadline, due, params, unit == "working_days")


def _moved(deadline: Deadline, due: dt.datetime, params: dict, on_calendar: bool) -> Deadline:
    provisional = deadline.provisional
    if on_calendar:
        info = _index.current()
        provisional = provisional or info.is_provisional(deadline.start.year, due.year)
    return Deadline._make(
        due, deadline.start, deadline.method, deadline.amount, deadline.rule, params, provisional
    )


__all__ = [
    "Deadline",
    "add_calendar_days",
    "add_hours",
    "add_working_days",
    "anchored",
    "business_hours_reminder",
    "closing_time",
    "day_info",
    "days",
    "deadline_for_rule",
    "extend",
    "invalidate",
    "is_provisional_year",
    "is_working_day",
    "next_working_day",
    "office_hours",
    "suspend",
    "working_days_between",
]
