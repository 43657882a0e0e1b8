"""CAL-1: entering a year's official arrangement and correcting single dates."""

from __future__ import annotations

import pytest

from zhongshu.accounts.tests.factories import UserFactory
from zhongshu.audit.models import AuditRecord
from zhongshu.clock import engine, index
from zhongshu.clock.choices import DayKind, YearStatus
from zhongshu.clock.holidays import HolidaySpan
from zhongshu.clock.models import CalendarDay, CalendarRevision, CalendarYear
from zhongshu.clock.services import (
    edit_calendar_day,
    enter_official_year,
    missing_next_year,
    year_summary,
)
from zhongshu.clock.signals import calendar_changed
from zhongshu.framework.errors import ConflictError, RuleViolation

from .conftest import at, d

pytestmark = pytest.mark.django_db

# A made-up 2027 arrangement (the real notice is published in late 2026).
HOLIDAYS_2027 = [
    HolidaySpan("元旦", d(2027, 1, 1), d(2027, 1, 3)),
    HolidaySpan("春节", d(2027, 2, 5), d(2027, 2, 13)),
    HolidaySpan("清明节", d(2027, 4, 3), d(2027, 4, 5)),
    HolidaySpan("劳动节", d(2027, 5, 1), d(2027, 5, 5)),
    HolidaySpan("端午节", d(2027, 6, 9), d(2027, 6, 11)),
    HolidaySpan("中秋节", d(2027, 9, 15), d(2027, 9, 17)),
    HolidaySpan("国庆节", d(2027, 10, 1), d(2027, 10, 7)),
]
ADJUSTED_2027 = [d(2027, 2, 20), d(2027, 9, 26), d(2027, 10, 9)]


@pytest.fixture
def admin():
    return UserFactory(roles=["office_admin"])


@pytest.fixture
def received():
    calls = []

    def receiver(sender, years, actor, **kwargs):
        calls.append((years, actor))

    calendar_changed.connect(receiver, dispatch_uid="test_clock_received")
    yield calls
    calendar_changed.disconnect(dispatch_uid="test_clock_received")


def enter_2027(admin, **overrides):
    kwargs = {
        "actor": admin,
        "year": 2027,
        "holidays": HOLIDAYS_2027,
        "adjusted_workdays": ADJUSTED_2027,
        "notice": "国办发明电〔2026〕X号",
    }
    return enter_official_year(**{**kwargs, **overrides})


def test_cal_1_entering_official_2027_changes_results_and_emits_calendar_changed(
    admin, received, django_capture_on_commit_callbacks
):
    before = engine.add_working_days(at(2027, 2, 4), 1)
    assert (before.due, before.provisional) == (at(2027, 2, 9, 17, 30), True)
    with django_capture_on_commit_callbacks(execute=True):
        cal_year = enter_2027(admin)
    after = engine.add_working_days(at(2027, 2, 4), 1)
    assert (after.due, after.provisional) == (at(2027, 2, 15, 17, 30), False)
    assert engine.day_info(d(2027, 2, 20)).kind == DayKind.ADJUSTED_WORKDAY
    assert received == [([2027], admin)]
    assert (cal_year.status, cal_year.entered_by, cal_year.notice) == (
        YearStatus.OFFICIAL,
        admin,
        "国办发明电〔2026〕X号",
    )
    assert CalendarDay.objects.filter(date__year=2027).count() == 365


def test_cal_1_entering_a_year_is_audited_with_before_and_after(admin):
    enter_2027(admin)
    entry = AuditRecord.objects.get(event="calendar_year_entered")
    assert entry.actor_name == admin.username
    assert entry.before["status"] == "provisional" and entry.before["stored"] is False
    assert {"name": "春节", "start": "2027-02-05", "end": "2027-02-08"} in entry.before["holidays"]
    assert entry.after["status"] == "official"
    assert {"name": "春节", "start": "2027-02-05", "end": "2027-02-13"} in entry.after["holidays"]
    assert entry.after["adjusted_workdays"] == ["2027-02-20", "2027-09-26", "2027-10-09"]


def test_cal_1_new_revision_is_noticed_by_other_processes(admin):
    engine.add_working_days(at(2027, 2, 4), 1)
    token = CalendarRevision.objects.get().token
    enter_2027(admin)  # the on-commit rebuild does not run here: as if in another process
    assert CalendarRevision.objects.get().token != token
    assert engine.add_working_days(at(2027, 2, 4), 1).provisional is True  # not yet checked
    index._state.next_check = 0.0  # CHECK_SECONDS later
    assert engine.add_working_days(at(2027, 2, 4), 1).due == at(2027, 2, 15, 17, 30)
    engine.invalidate()  # the rollback will undo the revision this index was built on


def test_cal_1_reentering_a_year_replaces_its_days(admin):
    enter_2027(admin)
    cal_year = enter_2027(admin, holidays=HOLIDAYS_2027[:1], adjusted_workdays=[])
    summary = year_summary(2027)
    assert summary["holidays"] == [{"name": "元旦", "start": "2027-01-01", "end": "2027-01-03"}]
    assert summary["adjusted_workdays"] == []
    assert cal_year.version == 3


def test_cal_1_reentering_with_a_stale_version_is_a_conflict(admin):
    cal_year = enter_2027(admin)
    with pytest.raises(ConflictError):
        enter_2027(admin, expected_version=cal_year.version - 1)


def test_cal_1_arrangement_reaching_into_the_year_before(
    admin, received, django_capture_on_commit_callbacks
):
    holidays = [HolidaySpan("元旦", d(2026, 12, 31), d(2027, 1, 2)), *HOLIDAYS_2027[1:]]
    with django_capture_on_commit_callbacks(execute=True):
        enter_2027(admin, holidays=holidays, adjusted_workdays=[d(2026, 12, 27)])
    assert engine.day_info(d(2026, 12, 31)).holiday_name == "元旦"
    assert engine.day_info(d(2026, 12, 27)).kind == DayKind.ADJUSTED_WORKDAY
    assert CalendarYear.objects.get(year=2026).status == YearStatus.OFFICIAL
    assert received == [([2026, 2027], admin)]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"notice": "  "}, "notice"),
        ({"holidays": []}, "holidays"),
        ({"adjusted_workdays": [d(2027, 2, 22)]}, "adjusted_workdays"),  # a Monday
        ({"adjusted_workdays": [d(2027, 2, 6)]}, "adjusted_workdays"),  # inside 春节
        ({"holidays": [HolidaySpan("春节", d(2027, 2, 13), d(2027, 2, 5))]}, "holidays"),
        ({"holidays": [HolidaySpan("国庆节", d(2028, 1, 1), d(2028, 1, 2))]}, "holidays"),
        (
            {"holidays": [*HOLIDAYS_2027, HolidaySpan("国庆节", d(2027, 10, 7), d(2027, 10, 8))]},
            "holidays",
        ),
        ({"holidays": [HolidaySpan(" ", d(2027, 1, 1), d(2027, 1, 1))]}, "holidays"),
        ({"year": 2100}, "year"),
    ],
)
def test_cal_1_invalid_arrangements_are_refused(admin, changes, field):
    with pytest.raises(RuleViolation) as refused:
        enter_2027(admin, **changes)
    assert [(v.rule, v.field) for v in refused.value.violations] == [("CAL-1", field)]
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_cal_1_editing_one_day_moves_deadlines_and_is_audited(
    admin, received, django_capture_on_commit_callbacks
):
    assert engine.add_working_days(at(2026, 3, 6), 1).due == at(2026, 3, 9, 17, 30)
    with django_capture_on_commit_callbacks(execute=True):
        row = edit_calendar_day(actor=admin, day=d(2026, 3, 9), kind="holiday", holiday_name="防汛")
    assert (row.kind, row.is_working_day, row.holiday_name) == ("holiday", False, "防汛")
    assert engine.add_working_days(at(2026, 3, 6), 1).due == at(2026, 3, 10, 17, 30)
    entry = AuditRecord.objects.get(event="calendar_day_edited")
    assert (entry.before["kind"], entry.after["kind"]) == ("workday", "holiday")
    assert received == [([2026], admin)]
    assert CalendarYear.objects.get(year=2026).status == YearStatus.OFFICIAL


def test_cal_1_editing_a_day_of_a_provisional_year_stores_it_still_provisional(
    admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        edit_calendar_day(actor=admin, day=d(2027, 3, 1), kind="holiday", holiday_name="测试")
    assert CalendarYear.objects.get(year=2027).status == YearStatus.PROVISIONAL
    assert CalendarDay.objects.filter(date__year=2027).count() == 365
    info = engine.day_info(d(2027, 3, 1))
    assert (info.holiday_name, info.provisional) == ("测试", True)
    assert engine.day_info(d(2027, 2, 5)).holiday_name == "春节"  # the rest as computed


def test_cal_1_unchanged_day_writes_nothing(admin):
    assert (
        edit_calendar_day(actor=admin, day=d(2026, 10, 1), kind="holiday", holiday_name="国庆节")
        is None
    )
    assert not AuditRecord.objects.filter(event="calendar_day_edited").exists()


@pytest.mark.parametrize(
    ("day", "kind", "name"),
    [
        (d(2026, 3, 9), DayKind.ADJUSTED_WORKDAY, "春节"),  # a Monday cannot be adjusted
        (d(2026, 3, 7), DayKind.WORKDAY, ""),  # a Saturday at work is an adjusted day
        (d(2026, 3, 9), DayKind.WEEKEND, ""),
        (d(2026, 3, 9), DayKind.HOLIDAY, ""),
        (d(2026, 3, 9), "bogus", ""),
    ],
)
def test_cal_1_inconsistent_day_edits_are_refused(admin, day, kind, name):
    with pytest.raises(RuleViolation) as refused:
        edit_calendar_day(actor=admin, day=day, kind=kind, holiday_name=name)
    assert refused.value.violations[0].rule == "CAL-1"


def test_cal_1_missing_next_year_alert_from_1_october(admin):
    assert missing_next_year(d(2026, 9, 30)) is None
    assert missing_next_year(d(2026, 10, 1)) == 2027
    assert missing_next_year(d(2027, 3, 1)) == 2027
    enter_2027(admin)
    assert missing_next_year(d(2026, 10, 1)) is None
    assert missing_next_year(d(2027, 10, 1)) == 2028
