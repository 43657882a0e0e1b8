"""Writes to the official calendar (CAL-1). Each one replaces or edits stored days,
audits before/after, stamps a new calendar revision and, on commit, rebuilds this
process's index and sends ``calendar_changed``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from zhongshu.audit.services import record
from zhongshu.framework.errors import ConflictError, RuleViolation, Violation, raise_if
from zhongshu.framework.services import on_commit, service

from . import engine
from .choices import WORKING_KINDS, DayKind, YearStatus
from .holidays import (
    MAX_YEAR,
    MIN_YEAR,
    HolidaySpan,
    lay_holidays,
    plain_year,
    provisional_days,
)
from .models import CalendarDay, CalendarRevision, CalendarYear
from .signals import calendar_changed

RULE = "CAL-1"
# An arrangement may reach back into the last days of the year before (元旦 of
# 2023 began on 2022-12-31; the 2019 notice made 2018-12-29 a working day).
LEAD_IN = (12, 15)


def _violation(message: str, field: str | None = None) -> Violation:
    return Violation(RULE, message, field)


# --- reading a year -----------------------------------------------------------------------
def year_summary(year: int) -> dict[str, Any]:
    """A year as its notice reads, from the database: status, citation, holidays as
    spans, adjusted working days (what the audit records before and after an entry)."""
    cal_year = CalendarYear.objects.filter(year=year).first()
    if cal_year is None:
        days = provisional_days(year)
        head = {"status": YearStatus.PROVISIONAL, "notice": "", "stored": False}
    else:
        rows = cal_year.days.order_by("date").values_list("date", "kind", "holiday_name")
        days = {day: (kind, name) for day, kind, name in rows}
        head = {"status": cal_year.status, "notice": cal_year.notice, "stored": True}
    return {**head, **_arrangement_of(days)}


def arrangement_of(infos: Iterable[Any]) -> dict[str, list]:
    """Holidays as spans and adjusted working days of ``engine.days(...)`` results."""
    return _arrangement_of({i.date: (i.kind, i.holiday_name) for i in infos})


def _arrangement_of(days: dict[dt.date, tuple[str, str]]) -> dict[str, list]:
    spans: list[HolidaySpan] = []
    adjusted = []
    for day, (kind, name) in sorted(days.items()):
        if kind == DayKind.ADJUSTED_WORKDAY:
            adjusted.append(day.isoformat())
        elif kind == DayKind.HOLIDAY:
            last = spans[-1] if spans else None
            if last and last.name == name and last.end + dt.timedelta(days=1) == day:
                spans[-1] = HolidaySpan(name, last.start, day)
            else:
                spans.append(HolidaySpan(name, day, day))
    return {"holidays": [s.as_dict() for s in spans], "adjusted_workdays": adjusted}


def missing_next_year(today: dt.date) -> int | None:
    """The year whose official arrangement an administrator must enter now (CAL-1): the
    current year if it has none, or from 1 October the next year if it has none."""
    candidates = [today.year]
    if today >= dt.date(today.year, 10, 1):
        candidates.append(today.year + 1)
    official = set(
        CalendarYear.objects.filter(year__in=candidates, status=YearStatus.OFFICIAL).values_list(
            "year", flat=True
        )
    )
    return next((year for year in candidates if year not in official), None)


# --- validation ---------------------------------------------------------------------------
def _window(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year - 1, *LEAD_IN), dt.date(year, 12, 31)


def arrangement_violations(
    year: int, holidays: list[HolidaySpan], adjusted: list[dt.date], notice: str
) -> list[Violation]:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return [_violation(f"年度须在{MIN_YEAR}–{MAX_YEAR}年之间。", "year")]
    found = []
    if not notice.strip():
        found.append(_violation("请填写放假安排所依据的通知文号。", "notice"))
    if not holidays:
        found.append(_violation("请至少填写一个节假日。", "holidays"))
    first, last = _window(year)
    taken: dict[dt.date, str] = {}
    for span in holidays:
        found += _span_violations(span, first, last, taken)
    for day in adjusted:
        found += _adjusted_violations(day, first, last, taken)
    return found


def _span_violations(span, first, last, taken) -> list[Violation]:
    label = span.name or "节假日"
    if not span.name.strip():
        return [_violation("节假日须填写名称。", "holidays")]
    if span.end < span.start:
        return [_violation(f"{label}的结束日期早于开始日期。", "holidays")]
    if span.start < first or span.end > last:
        return [_violation(f"{label}的日期不在{first}至{last}之间。", "holidays")]
    clash = next((day for day in span.dates() if day in taken), None)
    if clash is not None:
        return [_violation(f"{label}与{taken[clash]}在{clash}重叠。", "holidays")]
    taken.update(dict.fromkeys(span.dates(), span.name))
    return []


def _adjusted_violations(day, first, last, taken) -> list[Violation]:
    if not first <= day <= last:
        return [_violation(f"调休上班日{day}不在{first}至{last}之间。", "adjusted_workdays")]
    if day.weekday() < 5:
        return [_violation(f"调休上班日{day}不是星期六或星期日。", "adjusted_workdays")]
    if day in taken:
        return [_violation(f"{day}已是节假日，不能同时调休上班。", "adjusted_workdays")]
    return []


# --- writing ------------------------------------------------------------------------------
def _stored_year(year: int, *, fill: bool = True) -> CalendarYear:
    """The stored year (locked), created as provisional when it has no rows yet — filled
    from the provisional calendar unless the caller writes its days itself."""
    cal_year = CalendarYear.objects.select_for_update().filter(year=year).first()
    if cal_year is not None:
        return cal_year
    cal_year = CalendarYear.objects.create(year=year, status=YearStatus.PROVISIONAL)
    if fill:
        _write_days(cal_year, provisional_days(year))
    return cal_year


def _write_days(cal_year: CalendarYear, days: dict[dt.date, tuple[str, str]]) -> None:
    CalendarDay.objects.filter(year=cal_year).delete()
    CalendarDay.objects.bulk_create(
        CalendarDay(
            year=cal_year,
            date=day,
            kind=kind,
            is_working_day=kind in WORKING_KINDS,
            holiday_name=name,
        )
        for day, (kind, name) in sorted(days.items())
    )


def _arrangement_days(year, holidays, adjusted) -> dict[dt.date, tuple[str, str]]:
    """Every date of ``year`` plus the dates of the year before that the notice sets."""
    days = lay_holidays(plain_year(year - 1) | plain_year(year), holidays)
    for day in adjusted:
        days[day] = (DayKind.ADJUSTED_WORKDAY, _adjusted_name(day, holidays))
    named = {d for span in holidays for d in span.dates()} | set(adjusted)
    return {day: value for day, value in days.items() if day.year == year or day in named}


def _adjusted_name(day: dt.date, holidays: list[HolidaySpan]) -> str:
    """An adjusted working day carries the name of the nearest holiday it serves."""
    if not holidays:
        return ""
    nearest = min(holidays, key=lambda s: min(abs((s.start - day).days), abs((s.end - day).days)))
    return nearest.name


def _changed(years: Iterable[int], actor) -> None:
    CalendarRevision.bump()
    touched = sorted(set(years))

    def after_commit() -> None:
        engine.invalidate()
        calendar_changed.send(sender=CalendarYear, years=touched, actor=actor)

    on_commit(after_commit)


@service
def enter_official_year(
    *,
    actor,
    year: int,
    holidays: Iterable[HolidaySpan | tuple | dict],
    adjusted_workdays: Iterable[dt.date],
    notice: str,
    expected_version: int | None = None,
) -> CalendarYear:
    """Enter a year's arrangement from the State Council notice (CAL-1): the year's days
    are replaced, the year becomes official, and deadlines it moves are recomputed by
    the receivers of ``calendar_changed``."""
    spans = [_span(h) for h in holidays]
    adjusted = sorted(set(adjusted_workdays))
    raise_if(arrangement_violations(year, spans, adjusted, notice))
    days = _arrangement_days(year, spans, adjusted)
    lead_in = sorted(d for d in days if d.year < year)
    before = {**year_summary(year), "lead_in": [_day_of(d) for d in lead_in]}
    cal_year = _stored_year(year, fill=False)
    if expected_version is not None and expected_version != cal_year.version:
        raise ConflictError()
    _write_days(cal_year, {d: v for d, v in days.items() if d.year == year})
    for day in lead_in:
        _set_day(day, *days[day])
    cal_year.status, cal_year.notice = YearStatus.OFFICIAL, notice.strip()
    cal_year.entered_by, cal_year.entered_at = actor, timezone.now()
    cal_year.version += 1
    cal_year.save()
    after = {**year_summary(year), "lead_in": [_day_of(d) for d in lead_in]}
    record(actor=actor, event="calendar_year_entered", obj=cal_year, before=before, after=after)
    _changed({year, *(d.year for d in lead_in)}, actor)
    return cal_year


def _span(value: HolidaySpan | tuple | dict) -> HolidaySpan:
    if isinstance(value, HolidaySpan):
        return value
    if isinstance(value, dict):
        return HolidaySpan(value["name"], value["start"], value["end"])
    start, end, name = value
    return HolidaySpan(name, start, end)


def _day_of(day: dt.date) -> dict[str, Any]:
    """A date as stored, or as the provisional calendar has it when its year is not."""
    row = CalendarDay.objects.filter(date=day).first()
    if row is not None:
        return _day_snapshot(row)
    kind, name = provisional_days(day.year)[day]
    return {
        "date": day.isoformat(),
        "kind": kind,
        "holiday_name": name,
        "is_working_day": kind in WORKING_KINDS,
    }


def _set_day(day: dt.date, kind: str, name: str) -> tuple[CalendarDay, dict]:
    cal_year = _stored_year(day.year)
    row = CalendarDay.objects.select_for_update().get(date=day)
    before = _day_snapshot(row)
    row.kind, row.holiday_name = kind, name
    row.is_working_day = kind in WORKING_KINDS
    row.save(update_fields=["kind", "holiday_name", "is_working_day"])
    CalendarYear.objects.filter(pk=cal_year.pk).update(updated_at=timezone.now())
    return row, before


def _day_snapshot(row: CalendarDay) -> dict[str, Any]:
    return {
        "date": row.date.isoformat(),
        "kind": row.kind,
        "holiday_name": row.holiday_name,
        "is_working_day": row.is_working_day,
    }


def day_violations(day: dt.date, kind: str, name: str) -> list[Violation]:
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        return [_violation(f"日期须在{MIN_YEAR}–{MAX_YEAR}年之间。", "date")]
    weekend = day.weekday() >= 5
    if kind not in DayKind.values:
        return [_violation("未知的日期类别。", "kind")]
    if kind in (DayKind.WEEKEND, DayKind.ADJUSTED_WORKDAY) and not weekend:
        return [_violation(f"{day}不是星期六或星期日。", "kind")]
    if kind == DayKind.WORKDAY and weekend:
        return [_violation(f"{day}是周末：周末上班请选“调休上班”。", "kind")]
    if kind == DayKind.HOLIDAY and not name.strip():
        return [_violation("节假日须填写名称。", "holiday_name")]
    return []


@service
def edit_calendar_day(
    *, actor, day: dt.date, kind: str, holiday_name: str = ""
) -> CalendarDay | None:
    """Correct one date (CAL-1). A year without stored days is first stored from the
    provisional calendar; it keeps its status (a provisional year stays provisional).
    Returns the row, or None when the date already reads so (nothing is written)."""
    name = holiday_name.strip() if kind in (DayKind.HOLIDAY, DayKind.ADJUSTED_WORKDAY) else ""
    raise_if(day_violations(day, kind, name))
    before = _day_of(day)
    if (before["kind"], before["holiday_name"]) == (kind, name):
        return None
    row, _ = _set_day(day, kind, name)
    after = _day_snapshot(row)
    record(actor=actor, event="calendar_day_edited", obj=row.year, before=before, after=after)
    _changed([day.year], actor)
    return row


__all__ = [
    "HolidaySpan",
    "RuleViolation",
    "edit_calendar_day",
    "enter_official_year",
    "missing_next_year",
    "year_summary",
]
