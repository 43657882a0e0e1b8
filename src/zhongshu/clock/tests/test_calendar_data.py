"""CAL-1: the official years 2004–2026 loaded from chinese-calendar, and the provisional
calendar of every other year (weekends + statutory holidays, lunar dates computed)."""

from __future__ import annotations

import datetime as dt
import time

import chinese_calendar
import pytest

from zhongshu.clock import engine
from zhongshu.clock.choices import DayKind, YearStatus
from zhongshu.clock.holidays import provisional_days, qingming
from zhongshu.clock.loader import load_builtin_years
from zhongshu.clock.models import CalendarDay, CalendarYear

from .conftest import d

pytestmark = pytest.mark.django_db


def holidays_of(first: dt.date, last: dt.date) -> dict[dt.date, str]:
    return {i.date: i.holiday_name for i in engine.days(first, last) if i.kind == DayKind.HOLIDAY}


def test_cal_1_builtin_years_are_official_with_their_notice():
    years = dict(CalendarYear.objects.values_list("year", "status"))
    assert sorted(years) == list(range(2004, 2027))
    assert set(years.values()) == {YearStatus.OFFICIAL}
    assert CalendarYear.objects.get(year=2026).notice == "国办发明电〔2025〕7号"
    assert CalendarDay.objects.filter(date__year=2026).count() == 365


def test_cal_1_builtin_days_agree_with_chinese_calendar_every_date():
    stored = dict(CalendarDay.objects.values_list("date", "is_working_day"))
    assert len(stored) == (d(2027, 1, 1) - d(2004, 1, 1)).days
    wrong = [day for day, working in stored.items() if working != chinese_calendar.is_workday(day)]
    assert wrong == []
    assert all(engine.is_working_day(day) == working for day, working in stored.items())


def test_cal_1_spring_festival_2026_and_its_adjusted_saturdays():
    assert holidays_of(d(2026, 2, 1), d(2026, 2, 28)) == {
        d(2026, 2, day): "春节" for day in range(15, 24)
    }
    for saturday in (d(2026, 2, 14), d(2026, 2, 28)):
        info = engine.day_info(saturday)
        assert saturday.weekday() == 5
        assert (info.kind, info.holiday_name, info.is_working_day) == (
            DayKind.ADJUSTED_WORKDAY,
            "春节",
            True,
        )
    assert not engine.day_info(d(2026, 2, 16)).is_working_day  # 除夕, a Monday


def test_cal_1_national_day_2026_and_its_adjusted_weekend_days():
    assert holidays_of(d(2026, 9, 28), d(2026, 10, 12)) == {
        d(2026, 10, day): "国庆节" for day in range(1, 8)
    }
    sunday, saturday = engine.day_info(d(2026, 9, 20)), engine.day_info(d(2026, 10, 10))
    assert (sunday.date.weekday(), sunday.kind) == (6, DayKind.ADJUSTED_WORKDAY)
    assert (saturday.date.weekday(), saturday.kind) == (5, DayKind.ADJUSTED_WORKDAY)
    assert engine.day_info(d(2026, 9, 25)).holiday_name == "中秋节"


def test_cal_1_loader_is_idempotent_and_keeps_corrections():
    CalendarDay.objects.filter(date=d(2026, 3, 9)).update(
        kind=DayKind.HOLIDAY, holiday_name="测试", is_working_day=False
    )
    assert load_builtin_years() == []
    assert CalendarDay.objects.get(date=d(2026, 3, 9)).holiday_name == "测试"
    assert CalendarDay.objects.count() == 8401


def test_cal_1_loader_stores_23_years_in_well_under_a_second():
    CalendarYear.objects.all().delete()
    began = time.perf_counter()
    assert load_builtin_years() == list(range(2004, 2027))
    assert time.perf_counter() - began < 2.0
    assert CalendarDay.objects.count() == 8401


def test_cal_1_provisional_2027_weekends_and_statutory_holidays_only():
    assert engine.is_provisional_year(2027) and not engine.is_provisional_year(2026)
    assert holidays_of(d(2027, 1, 1), d(2027, 12, 31)) == {
        d(2027, 1, 1): "元旦",
        # 春节: 除夕 (lunar 12-29 of 2026, 2027-02-05) through 初三
        d(2027, 2, 5): "春节",
        d(2027, 2, 6): "春节",
        d(2027, 2, 7): "春节",
        d(2027, 2, 8): "春节",
        d(2027, 4, 5): "清明节",
        d(2027, 5, 1): "劳动节",
        d(2027, 5, 2): "劳动节",
        d(2027, 6, 9): "端午节",  # 五月初五
        d(2027, 9, 15): "中秋节",  # 八月十五
        d(2027, 10, 1): "国庆节",
        d(2027, 10, 2): "国庆节",
        d(2027, 10, 3): "国庆节",
    }
    kinds = {i.kind for i in engine.days(d(2027, 1, 1), d(2027, 12, 31))}
    assert DayKind.ADJUSTED_WORKDAY not in kinds
    assert all(i.provisional for i in engine.days(d(2027, 1, 1), d(2027, 1, 31)))


def test_cal_1_provisional_holidays_sharing_a_day_share_its_name():
    # 2028: 中秋 (八月十五) falls on 10月3日, inside 国庆节; named as the notices do.
    assert provisional_days(2028)[d(2028, 10, 3)] == (DayKind.HOLIDAY, "中秋节、国庆节")


def test_cal_1_years_before_2004_are_provisional():
    info = engine.day_info(d(2003, 10, 1))
    assert (info.kind, info.holiday_name, info.provisional) == (DayKind.HOLIDAY, "国庆节", True)


def test_cal_1_qingming_is_computed_like_the_solar_term_for_the_whole_century():
    for year in range(2000, 2100):
        terms = chinese_calendar.get_solar_terms(d(year, 4, 1), d(year, 4, 10))
        assert [day for day, name in terms if name == "清明"] == [qingming(year)]
