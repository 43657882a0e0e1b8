"""CAL-2: N working days start the working day after the event and end at office end."""

from __future__ import annotations

import datetime as dt

import pytest

from zhongshu.clock import engine
from zhongshu.clock.index import OutOfRange

from .conftest import at, d

pytestmark = pytest.mark.django_db


def due(start: dt.datetime, n: int) -> dt.datetime:
    return engine.add_working_days(start, n).due


def test_cal_2_deadline_starts_next_working_day():
    # Wednesday 2026-03-04: day 1 is Thursday, day 7 the Friday after next.
    assert due(at(2026, 3, 4), 1) == at(2026, 3, 5, 17, 30)
    assert due(at(2026, 3, 4), 7) == at(2026, 3, 13, 17, 30)


def test_cal_2_event_after_office_hours_counts_like_any_event_of_that_day():
    assert due(at(2026, 3, 4, 23, 50), 1) == due(at(2026, 3, 4, 0, 5), 1) == at(2026, 3, 5, 17, 30)


def test_cal_2_event_on_a_holiday_counts_from_the_next_working_day():
    # 2026-10-03 is in the National Day holiday (Oct 1–7): day 1 is Thursday Oct 8, and
    # Saturday Oct 10 is an adjusted working day, so 3 working days end on it.
    assert due(at(2026, 10, 3), 1) == at(2026, 10, 8, 17, 30)
    assert due(at(2026, 10, 3), 3) == at(2026, 10, 10, 17, 30)
    assert due(at(2026, 9, 30, 16), 1) == at(2026, 10, 8, 17, 30)


def test_cal_2_spring_festival_2026_skips_the_holiday_and_counts_adjusted_saturdays():
    # Friday Feb 13: day 1 is the adjusted working Saturday Feb 14; Feb 15–23 are off.
    assert due(at(2026, 2, 13, 15), 1) == at(2026, 2, 14, 17, 30)
    assert due(at(2026, 2, 13, 15), 2) == at(2026, 2, 24, 17, 30)
    # The adjusted working Saturday Feb 28 is itself a working day: counting starts Monday.
    assert due(at(2026, 2, 28, 11), 1) == at(2026, 3, 2, 17, 30)


def test_cal_2_event_on_a_weekend_before_an_adjusted_sunday():
    # Saturday 2026-09-19: the next working day is the adjusted Sunday Sep 20.
    assert due(at(2026, 9, 19), 1) == at(2026, 9, 20, 17, 30)


def test_cal_2_result_records_rule_params_and_office_end():
    result = engine.add_working_days(at(2026, 3, 4), 7, rule="DOC-IN-10", params={"days": 7})
    assert (result.method, result.amount, result.rule) == ("working_days", 7, "DOC-IN-10")
    assert result.params == {"days": 7, "office_end": "17:30"}
    assert result.start == at(2026, 3, 4)
    assert result.provisional is False


def test_cal_2_office_end_override_and_catalogue_parameter(catalogue):
    assert engine.add_working_days(at(2026, 3, 4), 1, office_end=dt.time(18)).due == at(
        2026, 3, 5, 18
    )
    catalogue[("CAL-2", "office_end")] = dt.time(17)
    catalogue[("CAL-2", "office_start")] = "09:00"
    result = engine.add_working_days(at(2026, 3, 4), 1)
    assert result.due == at(2026, 3, 5, 17) and result.params["office_end"] == "17:00"
    assert engine.office_hours() == (dt.time(9), dt.time(17))


def test_cal_2_default_office_hours_without_a_catalogue_value(catalogue):
    assert engine.office_hours() == (dt.time(8, 30), dt.time(17, 30))


def test_cal_2_due_time_is_shanghai_whatever_the_event_zone():
    utc_evening = dt.datetime(2026, 3, 4, 17, 0, tzinfo=dt.UTC)  # 01:00 on Mar 5 in Beijing
    result = engine.add_working_days(utc_evening, 1)
    assert result.due == at(2026, 3, 6, 17, 30)
    assert str(result.due.tzinfo) == "Asia/Shanghai"


def test_cal_2_day_queries():
    assert engine.is_working_day(d(2026, 2, 14)) and not engine.is_working_day(d(2026, 2, 16))
    assert engine.next_working_day(d(2026, 2, 14)) == d(2026, 2, 24)
    assert engine.next_working_day(d(2026, 9, 30)) == d(2026, 10, 8)
    assert engine.working_days_between(d(2026, 9, 30), d(2026, 10, 10)) == 3
    assert engine.working_days_between(d(2026, 10, 10), d(2026, 9, 30)) == -3
    assert engine.working_days_between(d(2026, 3, 4), d(2026, 3, 4)) == 0


def test_cal_2_refuses_naive_times_zero_days_and_dates_outside_the_calendar():
    with pytest.raises(ValueError):
        engine.add_working_days(dt.datetime(2026, 3, 4, 10), 1)
    with pytest.raises(ValueError):
        engine.add_working_days(at(2026, 3, 4), 0)
    with pytest.raises(OutOfRange):
        engine.add_working_days(at(2099, 12, 30), 5)
    with pytest.raises(OutOfRange):
        engine.is_working_day(d(1999, 12, 31))
