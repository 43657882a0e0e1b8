"""CAL-1 in the ledger: entering the official 2027 arrangement recomputes the open
deadlines it moves (audited, people told); administrators are alerted from 1 October."""

from __future__ import annotations

import datetime as dt

import pytest

from zhongshu.accounts.tests.factories import UserFactory
from zhongshu.audit.models import AuditRecord
from zhongshu.clock.holidays import HolidaySpan
from zhongshu.clock.services import enter_official_year
from zhongshu.tracking import services
from zhongshu.tracking.calendar import alert_missing_year
from zhongshu.tracking.models import Notification, TrackedItem

from .conftest import at
from .factories import make_item

pytestmark = pytest.mark.django_db

HOLIDAYS_2027 = [
    HolidaySpan("元旦", dt.date(2027, 1, 1), dt.date(2027, 1, 3)),
    HolidaySpan("春节", dt.date(2027, 2, 5), dt.date(2027, 2, 13)),
]


def enter_2027(admin):
    return enter_official_year(
        actor=admin,
        year=2027,
        holidays=HOLIDAYS_2027,
        adjusted_workdays=[dt.date(2027, 2, 20)],
        notice="国办发明电〔2026〕X号",
    )


def test_cal_1_deadline_into_provisional_2027_is_marked_and_recomputed(
    org, clock, django_capture_on_commit_callbacks
):
    clock.set(at(2026, 12, 1, 9))
    admin = UserFactory(roles=["office_admin"])
    moved = make_item(
        actor=org.assigner, responsible=org.clerk.person, start=at(2027, 2, 4), days=1
    )
    assert (moved.due_at, moved.provisional) == (at(2027, 2, 9, 17, 30), True)
    kept = make_item(
        actor=org.assigner, responsible=org.clerk.person, start=at(2026, 12, 1), days=3
    )
    assert not kept.provisional
    with django_capture_on_commit_callbacks(execute=True):
        enter_2027(admin)
    moved.refresh_from_db()
    assert (moved.due_at, moved.provisional) == (at(2027, 2, 15, 17, 30), False)
    assert moved.deadline_round == 2  # a new chase round for the new due time
    entry = AuditRecord.objects.get(event="item_deadline_recomputed", object_id=str(moved.uuid))
    assert entry.before["provisional"] is True and entry.after["reason"] == "CAL-1"
    notes = Notification.objects.filter(item=moved, verb="deadline_moved")
    assert {n.recipient for n in notes} == {org.clerk.person, org.assigner.person}
    assert "2027-02-15 17:30" in notes.first().text
    assert TrackedItem.objects.get(pk=kept.pk).due_at == kept.due_at
    assert not AuditRecord.objects.filter(
        event="item_deadline_recomputed", object_id=str(kept.uuid)
    ).exists()


def test_cal_1_recompute_keeps_approved_extensions(org, clock, django_capture_on_commit_callbacks):
    clock.set(at(2026, 12, 1, 9))
    admin = UserFactory(roles=["office_admin"])
    item = make_item(actor=org.assigner, responsible=org.clerk.person, start=at(2027, 2, 4), days=1)
    extension = services.request_extension(actor=org.clerk, item=item, amount=2, reason="节前会签")
    services.decide_extension(actor=org.assigner, extension=extension, approve=True, opinion="同意")
    provisional_due = item.due_at
    with django_capture_on_commit_callbacks(execute=True):
        enter_2027(admin)
    item.refresh_from_db()
    # Base Mon 15 Feb 17:30 on the official calendar, plus two working days.
    assert item.due_at == at(2027, 2, 17, 17, 30) != provisional_due
    assert item.deadline["params"]["extensions"] == [{"extra": 2, "unit": "working_days"}]


def test_cal_1_office_admins_alerted_daily_from_1_october(org):
    admin = UserFactory(roles=["office_admin"])
    assert alert_missing_year(dt.date(2026, 9, 30)) is None
    assert alert_missing_year(dt.date(2026, 10, 1)) == 2027
    alert_missing_year(dt.date(2026, 10, 1))  # the scheduler ran twice: still one alert
    alert_missing_year(dt.date(2026, 10, 2))
    notes = Notification.objects.filter(recipient=admin.person, verb="calendar_missing")
    assert notes.count() == 2
    assert "2027年工作日历" in notes.first().text
    assert not Notification.objects.filter(recipient=org.clerk.person, verb="calendar_missing")
