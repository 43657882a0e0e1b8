"""The sweep: SUP-16 colours, DOC-IN-12 chases on the cadence, escalation (SUP-5),
due-soon reminders, report notices; idempotent and catching up without flooding."""

from __future__ import annotations

import pytest

from zhongshu.tracking import services
from zhongshu.tracking.choices import ChaseMethod, Colour, Priority, ReminderKind, ReportCadence
from zhongshu.tracking.models import Chase, Notification, Reminder, TrackedItem
from zhongshu.tracking.sweep import sweep

from .conftest import at
from .factories import make_item

pytestmark = pytest.mark.django_db

DUE = at(2026, 10, 13, 17, 30)  # 7 working days from Mon 28 Sep 2026, across National Day


@pytest.fixture
def make(org, clock):
    def _make(priority=Priority.NORMAL, **kwargs):
        clock.set(at(2026, 9, 28, 10))
        kwargs.setdefault("responsible", org.clerk.person)
        return make_item(actor=org.assigner, days=7, priority=priority, **kwargs)

    return _make


def fresh(item) -> TrackedItem:
    return TrackedItem.objects.get(pk=item.pk)


def system_chases(item) -> list[int]:
    return list(
        Chase.objects.filter(item=item, method=ChaseMethod.SYSTEM)
        .order_by("step")
        .values_list("step", flat=True)
    )


def test_sup_16_item_turns_yellow_within_three_working_days(make):
    item = make()
    assert item.due_at == DUE
    # Within 3 working days of Tue 13 Oct: 13, 12 and the adjusted working Saturday 10 Oct.
    assert item.yellow_at == at(2026, 10, 10, 0, 0)
    sweep(at(2026, 10, 9, 23, 59))
    assert fresh(item).colour == Colour.GREEN
    sweep(at(2026, 10, 10, 0, 1))
    assert fresh(item).colour == Colour.YELLOW


def test_sup_16_item_turns_red_when_overdue_and_stays_red(make, org, clock):
    item = make()
    result = sweep(at(2026, 10, 13, 17, 31))
    assert result.red == 1
    item.refresh_from_db()
    assert item.colour == Colour.RED and item.was_overdue
    # An extension moves the deadline away, yet red stays until the item is closed.
    clock.set(at(2026, 10, 14, 9))
    extension = services.request_extension(
        actor=org.clerk, item=item, amount=5, reason="需征求意见"
    )
    services.decide_extension(
        actor=org.assigner, extension=extension, approve=True, opinion="同意延期"
    )
    item.refresh_from_db()
    assert item.due_at == at(2026, 10, 20, 17, 30)
    assert item.colour == Colour.RED
    sweep(at(2026, 10, 15, 9))
    assert fresh(item).colour == Colour.RED


def test_sup_16_progress_lagging_schedule_turns_yellow(make, org, clock):
    item = make(report_cadence=ReportCadence.WEEKLY)
    # 20 points behind the linear schedule from 28 Sep 10:00 to 13 Oct 17:30.
    span = item.due_at - at(2026, 9, 28, 10)
    assert item.yellow_at == at(2026, 9, 28, 10) + span * 0.2
    clock.set(at(2026, 9, 30, 9))
    services.report_progress(actor=org.clerk, item=item, text="完成调研", percent=50)
    assert item.yellow_at == at(2026, 9, 28, 10) + span * 0.7
    sweep(at(2026, 10, 9, 4))
    assert fresh(item).colour == Colour.YELLOW
    clock.set(at(2026, 10, 9, 9))
    services.report_progress(actor=org.clerk, item=fresh(item), text="基本完成", percent=90)
    item = fresh(item)
    assert item.yellow_at == at(2026, 10, 10, 0, 0)  # only the near deadline is left
    assert item.colour == Colour.GREEN


def test_doc_in_12_urgent_item_chased_daily(make):
    item = make(priority=Priority.URGENT)
    sweep(at(2026, 10, 13, 17, 31))
    assert system_chases(item) == []  # overdue at 17:30; chased in office hours
    sweep(at(2026, 10, 14, 8, 31))
    sweep(at(2026, 10, 15, 8, 31))
    sweep(at(2026, 10, 16, 8, 31))
    sweep(at(2026, 10, 17, 8, 31))  # Saturday: no chase
    sweep(at(2026, 10, 19, 8, 31))
    assert system_chases(item) == [1, 2, 3, 4]
    assert fresh(item).chase_step == 4
    # Urgent chases also go by SMS.
    assert Notification.objects.filter(item=item, verb="chased", sms=True).count() == 4


def test_doc_in_12_important_item_chased_every_two_working_days(make):
    item = make(priority=Priority.IMPORTANT)
    for day in (14, 15, 16, 19, 20):
        sweep(at(2026, 10, day, 8, 31))
    assert system_chases(item) == [1, 2, 3]  # 14, 16 and 20 October
    chased = Chase.objects.filter(item=item).order_by("step").values_list("chased_at", flat=True)
    assert [c.day for c in chased] == [14, 16, 20]


def test_doc_in_12_normal_item_chased_weekly(make):
    item = make(priority=Priority.NORMAL)
    sweep(at(2026, 10, 14, 8, 31))
    sweep(at(2026, 10, 20, 9, 0))
    assert system_chases(item) == [1]
    sweep(at(2026, 10, 21, 8, 31))  # five working days after the first chase
    assert system_chases(item) == [1, 2]


def test_sweep_run_twice_creates_nothing_twice(make, org):
    items = [make(priority=Priority.URGENT) for _ in range(3)]
    moment = at(2026, 10, 14, 9)
    first = sweep(moment)
    assert first.chases == 3 and first.notifications == 3
    second = sweep(moment)
    assert second.chases == 0 and second.notifications == 0
    assert Chase.objects.count() == 3
    assert Notification.objects.filter(verb="chased").count() == 3
    assert {fresh(i).chase_step for i in items} == {1}


def test_doc_in_12_catch_up_after_weekend_downtime_sends_one_chase(make):
    item = make(priority=Priority.URGENT)
    # The scheduler was down from Tuesday evening to Monday morning: steps 1-4 fell.
    result = sweep(at(2026, 10, 19, 9))
    assert result.chases == 1
    assert system_chases(item) == [4]
    assert Notification.objects.filter(item=item, verb="chased").count() == 1
    assert fresh(item).next_chase_at == at(2026, 10, 20, 8, 30)


def test_sup_5_escalation_to_leader_in_charge_after_missed_chases(make, org, settings):
    settings.TRACKING_ESCALATE_AFTER = 3
    item = make(priority=Priority.URGENT, lead_unit=org.unit)
    for day in (14, 15):
        sweep(at(2026, 10, day, 8, 31))
    assert not fresh(item).is_key
    sweep(at(2026, 10, 16, 8, 31))
    item = fresh(item)
    assert item.is_key and item.escalated_at == at(2026, 10, 16, 8, 31)
    assert Reminder.objects.filter(item=item, kind=ReminderKind.ESCALATION).count() == 1
    leader_notes = Notification.objects.filter(recipient=org.leader.person, verb="escalated")
    assert leader_notes.count() == 1
    sweep(at(2026, 10, 19, 8, 31))  # still unanswered: no second escalation
    assert leader_notes.count() == 1


def test_sup_5_answering_a_chase_resets_the_escalation_count(make, org, clock, settings):
    settings.TRACKING_ESCALATE_AFTER = 2
    item = make(priority=Priority.URGENT)
    sweep(at(2026, 10, 14, 8, 31))
    clock.set(at(2026, 10, 14, 10))
    services.answer_chase(actor=org.clerk, chase=Chase.objects.get(item=item), answer="正在会签")
    sweep(at(2026, 10, 15, 8, 31))
    assert not fresh(item).is_key
    sweep(at(2026, 10, 16, 8, 31))
    assert fresh(item).is_key


def test_due_soon_reminder_once_per_deadline(make, org):
    item = make()
    assert item.remind_at == at(2026, 10, 10, 8, 30)  # the adjusted Saturday, office hours
    sweep(at(2026, 10, 10, 8, 31))
    sweep(at(2026, 10, 10, 8, 32))
    assert Reminder.objects.filter(item=item, kind=ReminderKind.DUE_SOON).count() == 1
    note = Notification.objects.get(item=item, verb="due_soon")
    assert note.recipient == org.clerk.person and item.subject in note.text
    assert fresh(item).remind_at is None


def test_report_due_notice_and_late_report_flagged(make, org, clock):
    item = make(report_cadence=ReportCadence.WEEKLY)
    # Weekly reports fall due at the office end of the week's last working day.
    assert item.report_due_at == at(2026, 9, 30, 17, 30)  # 1-7 Oct are holidays
    sweep(at(2026, 9, 30, 17, 31))
    assert Reminder.objects.filter(item=item, kind=ReminderKind.REPORT_DUE).count() == 1
    assert fresh(item).report_notice_at == at(2026, 10, 10, 17, 30)
    clock.set(at(2026, 10, 8, 9))
    report = services.report_progress(
        actor=org.clerk, item=fresh(item), text="节后报告", percent=40
    )
    assert report.late
    assert fresh(item).report_due_at == at(2026, 10, 10, 17, 30)


def test_suspended_item_is_neither_coloured_nor_chased(make, org, clock):
    item = make(priority=Priority.URGENT)
    clock.set(at(2026, 10, 12, 9))
    services.suspend_item(actor=org.assigner, item=item, reason="征求第三方意见")
    sweep(at(2026, 10, 14, 9))
    item = fresh(item)
    assert item.colour == Colour.GREEN or item.colour == Colour.YELLOW
    assert system_chases(item) == []
    # Resumed on Fri 16 Oct: the pause of 13-16 Oct (4 working days) moves the due time.
    clock.set(at(2026, 10, 16, 9))
    services.resume_item(actor=org.assigner, item=item)
    assert item.due_at == at(2026, 10, 19, 17, 30)
    assert item.deadline["params"]["suspension"]["paused"] == 4
