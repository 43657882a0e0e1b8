"""Suspension stops the clock while an item waits on someone else; extension adds time."""

from __future__ import annotations

import pytest

from zhongshu.clock import engine

from .conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def seven_days():
    return engine.add_working_days(at(2026, 3, 4), 7, rule="DOC-IN-10")  # due Fri Mar 13


def test_suspension_shifts_a_working_day_deadline_by_the_working_days_paused(seven_days):
    # Paused Mon Mar 9 10:00 → Wed Mar 11 15:00: Mar 10 and Mar 11 are lost.
    result = engine.suspend(seven_days, [(at(2026, 3, 9, 10), at(2026, 3, 11, 15))])
    assert result.due == at(2026, 3, 17, 17, 30)
    assert result.params["suspension"] == {"base_due": "2026-03-13T17:30:00+08:00", "paused": 2}
    assert (result.rule, result.start) == ("DOC-IN-10", seven_days.start)


def test_suspension_is_recomputed_from_the_full_list_of_pauses(seven_days):
    pauses = [(at(2026, 3, 9, 10), at(2026, 3, 11, 15))]
    once = engine.suspend(seven_days, pauses)
    again = engine.suspend(once, pauses)
    assert again.due == once.due
    more = engine.suspend(once, [*pauses, (at(2026, 3, 16, 9), at(2026, 3, 17, 9))])
    assert more.due == at(2026, 3, 18, 17, 30)


def test_suspension_pause_within_one_day_costs_nothing_and_overlaps_count_once(seven_days):
    same_day = engine.suspend(seven_days, [(at(2026, 3, 9, 9), at(2026, 3, 9, 16))])
    assert same_day.due == seven_days.due
    overlapping = [
        (at(2026, 3, 9, 10), at(2026, 3, 11, 15)),
        (at(2026, 3, 10, 10), at(2026, 3, 11, 9)),
    ]
    assert engine.suspend(seven_days, overlapping).due == at(2026, 3, 17, 17, 30)


def test_suspension_open_pause_runs_until_now(seven_days):
    result = engine.suspend(seven_days, [(at(2026, 3, 9, 10), None)], now=at(2026, 3, 12, 9))
    assert result.due == at(2026, 3, 18, 17, 30)  # Mar 10, 11, 12 lost


def test_suspension_after_the_due_time_does_not_revive_the_deadline(seven_days):
    result = engine.suspend(seven_days, [(at(2026, 3, 16, 9), at(2026, 3, 20, 9))])
    assert result.due == seven_days.due


def test_suspension_over_a_holiday_loses_only_working_days():
    deadline = engine.add_working_days(at(2026, 9, 24), 5)  # Sep 28,29,30, Oct 8, Oct 9
    assert deadline.due == at(2026, 10, 9, 17, 30)
    result = engine.suspend(deadline, [(at(2026, 9, 29, 9), at(2026, 10, 8, 9))])
    assert result.params["suspension"]["paused"] == 2  # Sep 30 and Oct 8, not Oct 1–7
    assert result.due == at(2026, 10, 12, 17, 30)  # Oct 10 is an adjusted working Saturday


def test_suspension_of_an_hour_deadline_shifts_by_the_hours():
    deadline = engine.add_hours(at(2026, 10, 1, 8), 24)
    result = engine.suspend(deadline, [(at(2026, 10, 1, 12), at(2026, 10, 1, 17, 30))])
    assert result.due == at(2026, 10, 2, 13, 30)
    assert result.params["suspension"]["paused"] == 5.5


def test_extension_adds_working_days_hours_or_calendar_days(seven_days):
    assert engine.extend(seven_days, extra=5, unit="working_days").due == at(2026, 3, 20, 17, 30)
    assert engine.extend(seven_days, extra=3, unit="calendar_days").due == at(2026, 3, 16, 17, 30)
    extended = engine.extend(seven_days, extra=4, unit="hours")
    assert extended.due == at(2026, 3, 13, 21, 30)
    assert extended.params["extensions"] == [{"extra": 4, "unit": "hours"}]
    with pytest.raises(ValueError):
        engine.extend(seven_days, extra=0, unit="working_days")
    with pytest.raises(ValueError):
        engine.extend(seven_days, extra=1, unit="weeks")


def test_extension_of_a_suspended_deadline_survives_recomputing_the_pauses(seven_days):
    pauses = [(at(2026, 3, 9, 10), at(2026, 3, 11, 15))]
    suspended = engine.suspend(seven_days, pauses)  # Mar 17
    extended = engine.extend(suspended, extra=2, unit="working_days")
    assert extended.due == at(2026, 3, 19, 17, 30)
    assert engine.suspend(extended, pauses).due == extended.due


def test_cal_1_extension_into_2027_becomes_provisional():
    deadline = engine.add_working_days(at(2026, 12, 21), 5)
    assert not deadline.provisional
    assert engine.extend(deadline, extra=5, unit="working_days").provisional
