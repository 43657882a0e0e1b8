"""Reporting periods (SUP-11: monthly inspection, quarterly bulletin; SUP-4: the year-end
assessment)."""

from __future__ import annotations

import calendar
import datetime as dt

from zhongshu.clock.engine import SHANGHAI

from .choices import Period


def bounds(period: str, year: int, number: int) -> tuple[dt.date, dt.date]:
    """(first day, last day) of month ``number`` or quarter ``number`` of ``year``, or the
    whole year."""
    if period == Period.ANNUAL:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if period == Period.MONTHLY:
        return dt.date(year, number, 1), dt.date(year, number, calendar.monthrange(year, number)[1])
    first = 3 * (number - 1) + 1
    last = first + 2
    return dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])


def moments(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """[start 00:00, the day after end 00:00) in Shanghai time."""
    return (
        dt.datetime.combine(start, dt.time(), tzinfo=SHANGHAI),
        dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), tzinfo=SHANGHAI),
    )


def label(period: str, start: dt.date) -> str:
    if period == Period.ANNUAL:
        return f"{start.year}年度"
    if period == Period.MONTHLY:
        return f"{start.year}年{start.month}月"
    return f"{start.year}年第{(start.month - 1) // 3 + 1}季度"


def periods_in(period: str) -> int:
    """How many periods a year holds (the valid ``number``s are 1 … this)."""
    return {Period.MONTHLY: 12, Period.QUARTERLY: 4, Period.ANNUAL: 1}[Period(period)]
