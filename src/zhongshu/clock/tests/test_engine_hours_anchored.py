"""CAL-3 (clock hours), CAL-4 (anchored times), calendar days and reminders."""

from __future__ import annotations

import datetime as dt

import pytest

from zhongshu.clock import engine

from .conftest import at

pytestmark = pytest.mark.django_db


def test_cal_3_hours_run_continuously_across_a_holiday():
    result = engine.add_hours(at(2026, 9, 30, 16), 24, rule="DUTY-X")
    assert result.due == at(2026, 10, 1, 16)  # National Day: no pause
    assert engine.add_hours(at(2026, 9, 30, 16), 72).due == at(2026, 10, 3, 16)
    assert (result.method, result.amount, result.params) == ("hours", 24, {"hours": 24})


def test_cal_3_fractional_hours_and_midnight():
    assert engine.add_hours(at(2026, 2, 16, 23, 30), 1.5).due == at(2026, 2, 17, 1, 0)


def test_cal_4_noon_of_the_third_day_after_issue():
    # Issued Friday 2026-04-03: the third day is Monday Apr 6 (a 清明 holiday — CAL-4
    # counts calendar days).
    result = engine.anchored(at(2026, 4, 3, 9), 3, dt.time(12), rule="SUP-X")
    assert result.due == at(2026, 4, 6, 12)
    assert result.params == {"day_offset": 3, "at": "12:00"}
    assert result.describe() == "第3日12:00前（SUP-X）"


def test_calendar_days_count_from_the_event_date_without_holiday_rollover():
    result = engine.add_calendar_days(at(2026, 9, 28, 10), 5)
    assert result.due == at(2026, 10, 3, 17, 30)
    assert result.params == {"days": 5, "office_end": "17:30"}


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (at(2026, 3, 4, 10), at(2026, 3, 4, 10)),  # office hours: unchanged
        (at(2026, 3, 4, 7), at(2026, 3, 4, 8, 30)),  # early morning: office start
        (at(2026, 3, 4, 18), at(2026, 3, 5, 8, 30)),  # evening: next working morning
        (at(2026, 3, 7, 10), at(2026, 3, 9, 8, 30)),  # Saturday: Monday
        (at(2026, 2, 13, 20), at(2026, 2, 14, 8, 30)),  # into the adjusted Saturday
        (at(2026, 10, 1, 10), at(2026, 10, 8, 8, 30)),  # National Day
    ],
)
def test_cal_2_business_hours_reminder_moves_to_office_hours(moment, expected):
    assert engine.business_hours_reminder(moment) == expected


def test_deadline_json_round_trip():
    result = engine.extend(engine.add_working_days(at(2026, 3, 4), 7), extra=2, unit="hours")
    data = result.as_json()
    assert data["due"] == "2026-03-13T19:30:00+08:00"
    assert engine.Deadline.from_json(data) == result
