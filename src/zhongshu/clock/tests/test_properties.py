"""CAL-2 properties over 2004–2028 (official and provisional years alike)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhongshu.clock import engine

from .conftest import SH

pytestmark = pytest.mark.django_db

starts = st.datetimes(
    min_value=dt.datetime(2004, 1, 1), max_value=dt.datetime(2028, 6, 30), timezones=st.just(SH)
)
days = st.integers(min_value=1, max_value=400)
fast = settings(max_examples=300, deadline=None)


@fast
@given(start=starts, n=days)
def test_cal_2_result_is_a_working_day_n_working_days_later_at_office_end(start, n):
    result = engine.add_working_days(start, n)
    assert engine.is_working_day(result.due.date())
    assert engine.working_days_between(start.date(), result.due.date()) == n
    assert result.due.time() == dt.time(17, 30)
    assert result.due.date() > start.date()
    assert result.provisional == (result.due.year >= 2027 or start.year >= 2027)


@fast
@given(start=starts, n=days, m=days)
def test_cal_2_monotonic_in_n(start, n, m):
    low, high = sorted((n, m))
    assert engine.add_working_days(start, low).due <= engine.add_working_days(start, high).due
    if low < high:
        assert engine.add_working_days(start, low).due < engine.add_working_days(start, high).due


@fast
@given(a=starts, b=starts, n=days)
def test_cal_2_monotonic_in_the_start(a, b, n):
    early, late = sorted((a, b))
    assert engine.add_working_days(early, n).due <= engine.add_working_days(late, n).due


@fast
@given(start=starts, n=days, k=st.integers(min_value=1, max_value=30))
def test_cal_2_extension_by_k_working_days_equals_n_plus_k(start, n, k):
    extended = engine.extend(engine.add_working_days(start, n), extra=k, unit="working_days")
    assert extended.due == engine.add_working_days(start, n + k).due


@fast
@given(day=starts)
def test_cal_2_next_working_day_is_one_working_day_later(day):
    following = engine.next_working_day(day.date())
    assert engine.is_working_day(following)
    assert engine.working_days_between(day.date(), following) == 1
