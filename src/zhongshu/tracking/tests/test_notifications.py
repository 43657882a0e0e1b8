"""Notifications: the bell, e-mail through Django's mail backend when switched on, SMS
through the pluggable gateway, delivered after commit; delegates get the delegator's."""

from __future__ import annotations

import pytest
from django.core import mail
from rest_framework.test import APIClient

from zhongshu.org.tests.factories import DelegationFactory
from zhongshu.tracking import sms
from zhongshu.tracking.counts import unread_count
from zhongshu.tracking.models import Notification
from zhongshu.tracking.services import chase_item, notify
from zhongshu.tracking.services.notify import deliver_pending

from .conftest import at
from .factories import make_item

pytestmark = pytest.mark.django_db


class RecordingGateway(sms.BaseGateway):
    sent: list[tuple[str, str]] = []

    def send(self, mobile, text):
        RecordingGateway.sent.append((mobile, text))


@pytest.fixture
def gateway(settings):
    settings.SMS_GATEWAY = f"{__name__}.RecordingGateway"
    sms._gateway_class.cache_clear()
    RecordingGateway.sent = []
    yield RecordingGateway.sent
    sms._gateway_class.cache_clear()


@pytest.fixture
def item(org, clock):
    clock.set(at(2026, 9, 28, 10))
    org.clerk.person.email, org.clerk.person.mobile = "wangfang@example.gov.cn", "13800138000"
    org.clerk.person.save()
    return make_item(actor=org.assigner, responsible=org.clerk.person)


def test_email_sent_on_commit_when_switched_on(
    org, item, settings, django_capture_on_commit_callbacks
):
    settings.NOTIFY_EMAIL_ENABLED = True
    with django_capture_on_commit_callbacks(execute=True):
        chase_item(actor=org.assigner, item=item, method="in_app", message="请今日报送")
    subjects = [m.subject for m in mail.outbox]
    assert any("催办" in s for s in subjects)
    assert mail.outbox[-1].to == ["wangfang@example.gov.cn"]
    assert not Notification.objects.filter(delivered_at__isnull=True).exists()


def test_no_email_by_default(org, item, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        chase_item(actor=org.assigner, item=item, method="in_app")
    assert mail.outbox == []


def test_nothing_delivered_before_commit(org, item, settings, django_capture_on_commit_callbacks):
    settings.NOTIFY_EMAIL_ENABLED = True
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        chase_item(actor=org.assigner, item=item, method="in_app")
    assert mail.outbox == [] and callbacks


def test_sms_chase_goes_through_the_gateway(org, item, gateway, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        chase_item(actor=org.assigner, item=item, method="sms", message="请回电")
    assert gateway == [("13800138000", f"孙敏催办：{item.subject}（请回电）")]


def test_logging_gateway_masks_the_number(caplog):
    with caplog.at_level("INFO", logger="zhongshu.sms"):
        sms.LoggingGateway().send("13800138000", "测试")
    assert "138****8000" in caplog.text and "13800138000" not in caplog.text


def test_delegate_reads_delegators_notifications_marked_dai(org, item, clock, gateway):
    deputy = org.colleague
    deputy.person.mobile = "13900139000"
    deputy.person.save()
    DelegationFactory(
        delegator=org.clerk.person,
        delegate=deputy.person,
        starts_at=at(2026, 9, 1),
        ends_at=at(2026, 10, 31),
    )
    chase_item(actor=org.assigner, item=item, method="sms")
    deliver_pending()
    assert ("13900139000", f"（代王芳）孙敏催办：{item.subject}") in gateway
    assert unread_count(deputy) == 2  # assigned + chased, both the clerk's
    api = APIClient()
    api.force_authenticate(deputy)
    notes = api.get("/api/v1/notifications/").json()["results"]
    assert {n["on_behalf_of"] for n in notes} == {"王芳"}


def test_notify_with_dedupe_key_is_idempotent(org):
    for _ in range(2):
        notify([org.clerk.person], verb="calendar_missing", text="x", dedupe_key="k:1")
    assert Notification.objects.filter(dedupe_key="k:1").count() == 1


def test_bell_count_in_top_bar(client, org, item):
    client.force_login(org.clerk)
    page = client.get("/").content.decode()
    assert 'id="unread-count">1<' in page
