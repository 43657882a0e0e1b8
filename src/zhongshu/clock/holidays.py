"""Where the days of a year come from (CAL-1).

- Known years (2004–2026): the State Council arrangements, as published in the
  ``chinese-calendar`` package.
- Any other year: the provisional calendar — weekends plus the statutory holiday days of
  《全国年节及纪念日放假办法》 as amended in 2024, lunar dates computed, no adjusted days.

A year is described as ``{date: (kind, holiday_name)}`` for every date of it.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

import chinese_calendar
from lunardate import LunarDate

from .choices import DayKind

BUILTIN_FIRST, BUILTIN_LAST = 2004, 2026
MIN_YEAR, MAX_YEAR = 2000, 2099  # the range the engine serves; lunardate covers it

HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}

# Citations known for the built-in years; the others cite the notice by its title.
BUILTIN_NOTICES = {2026: "国办发明电〔2025〕7号"}

YearDays = dict[dt.date, tuple[str, str]]


@dataclass(frozen=True)
class HolidaySpan:
    """A holiday of an arrangement: ``name`` from ``start`` to ``end`` inclusive."""

    name: str
    start: dt.date
    end: dt.date

    def dates(self) -> list[dt.date]:
        count = (self.end - self.start).days + 1
        return [self.start + dt.timedelta(days=i) for i in range(max(count, 0))]

    def as_dict(self) -> dict[str, str]:
        return {"name": self.name, "start": self.start.isoformat(), "end": self.end.isoformat()}


def builtin_notice(year: int) -> str:
    return BUILTIN_NOTICES.get(year, f"国务院办公厅关于{year}年部分节假日安排的通知")


def year_dates(year: int) -> list[dt.date]:
    first = dt.date(year, 1, 1)
    count = (dt.date(year + 1, 1, 1) - first).days
    return [first + dt.timedelta(days=i) for i in range(count)]


def weekday_kind(day: dt.date) -> str:
    return DayKind.WEEKEND if day.weekday() >= 5 else DayKind.WORKDAY


def plain_year(year: int) -> YearDays:
    """Weekends and weekdays only: the base an arrangement is laid on."""
    return {day: (weekday_kind(day), "") for day in year_dates(year)}


def builtin_year(year: int) -> YearDays:
    """The official arrangement of a known year, from ``chinese-calendar``."""
    if not BUILTIN_FIRST <= year <= BUILTIN_LAST:
        raise ValueError(f"chinese-calendar has no arrangement for {year}")
    days = plain_year(year)
    for day in days:
        if day in chinese_calendar.holidays:
            days[day] = (DayKind.HOLIDAY, HOLIDAY_NAMES[chinese_calendar.holidays[day]])
        elif day in chinese_calendar.workdays:
            days[day] = (DayKind.ADJUSTED_WORKDAY, HOLIDAY_NAMES[chinese_calendar.workdays[day]])
    return days


def qingming(year: int) -> dt.date:
    """清明 by the usual 21st-century solar-term formula (C = 4.81): day =
    ⌊Y·0.2422 + C⌋ − ⌊Y/4⌋ with Y the year within the century; no exceptions fall in
    2000–2099 (checked against chinese-calendar's own computation in the tests)."""
    y = year % 100
    return dt.date(year, 4, int(y * 0.2422 + 4.81) - y // 4)


def statutory_holidays(year: int) -> list[HolidaySpan]:
    """The statutory holiday days of 《全国年节及纪念日放假办法》 (2024 amendment)."""
    new_year = LunarDate(year, 1, 1).to_solar_date()
    dragon_boat = LunarDate(year, 5, 5).to_solar_date()
    mid_autumn = LunarDate(year, 8, 15).to_solar_date()
    ching_ming = qingming(year)
    return [
        HolidaySpan("元旦", dt.date(year, 1, 1), dt.date(year, 1, 1)),
        # 春节 4 days: 除夕 through 初三
        HolidaySpan("春节", new_year - dt.timedelta(days=1), new_year + dt.timedelta(days=2)),
        HolidaySpan("清明节", ching_ming, ching_ming),
        HolidaySpan("劳动节", dt.date(year, 5, 1), dt.date(year, 5, 2)),
        HolidaySpan("端午节", dragon_boat, dragon_boat),
        HolidaySpan("中秋节", mid_autumn, mid_autumn),
        HolidaySpan("国庆节", dt.date(year, 10, 1), dt.date(year, 10, 3)),
    ]


def lay_holidays(days: YearDays, spans: list[HolidaySpan]) -> YearDays:
    """Mark ``spans`` as holidays; two holidays on one day (中秋 on 国庆) share it."""
    for span in spans:
        for day in span.dates():
            if day not in days:
                continue
            kind, name = days[day]
            joined = f"{name}、{span.name}" if kind == DayKind.HOLIDAY and name else span.name
            days[day] = (DayKind.HOLIDAY, joined)
    return days


@functools.cache
def provisional_year(year: int) -> tuple[tuple[dt.date, str, str], ...]:
    """The provisional calendar of ``year`` (CAL-1), cached: it never changes."""
    days = lay_holidays(plain_year(year), statutory_holidays(year))
    return tuple((day, kind, name) for day, (kind, name) in sorted(days.items()))


def provisional_days(year: int) -> YearDays:
    return {day: (kind, name) for day, kind, name in provisional_year(year)}
