"""CAL-1: a deadline relying on a year without an official arrangement is provisional."""

from __future__ import annotations

import pytest

from zhongshu.clock import engine

from .conftest import at

pytestmark = pytest.mark.django_db


def test_cal_1_deadline_crossing_into_2027_is_provisional():
    # Monday 2026-12-28, 5 working days: Dec 29, 30, 31, (元旦 Fri Jan 1 off), Jan 4, Jan 5.
    result = engine.add_working_days(at(2026, 12, 28), 5)
    assert result.due == at(2027, 1, 5, 17, 30)
    assert result.provisional is True
    assert result.as_json()["provisional"] is True
    assert result.describe() == "5个工作日（暂定日历）"


def test_cal_1_deadline_inside_2026_is_not_provisional():
    result = engine.add_working_days(at(2026, 12, 21), 5)
    assert result.due == at(2026, 12, 28, 17, 30)
    assert result.provisional is False


def test_cal_1_provisional_2027_spring_festival_uses_lunar_dates():
    # 除夕 2027 is Friday Feb 5 (lunar 12-29), 初一–初三 Feb 6–8: day 1 is Tuesday Feb 9.
    result = engine.add_working_days(at(2027, 2, 4), 1)
    assert result.due == at(2027, 2, 9, 17, 30)
    assert result.provisional is True


def test_cal_1_clock_hours_and_calendar_days_never_rely_on_the_calendar():
    assert engine.add_hours(at(2026, 12, 31), 48).provisional is False
    assert engine.add_calendar_days(at(2026, 12, 31), 10).provisional is False
