"""Lockout (等保 2.0 level 3): 5 consecutive failures lock the account for 15 minutes;
both numbers are configurable; every failure and the lockout are audited."""

import datetime as dt

import pytest
from django.utils import timezone

from zhongshu.accounts.tests.factories import PASSWORD, UserFactory
from zhongshu.audit.models import AuditRecord

from .conftest import events, login

pytestmark = pytest.mark.django_db


def _fail(client, user, times: int):
    for _ in range(times):
        response = login(client, user, password="wrong-Password-1")
    return response


def test_five_failed_logins_lock_the_account_for_fifteen_minutes(client):
    user = UserFactory()
    before = timezone.now()
    response = _fail(client, user, 5)
    user.refresh_from_db()
    assert user.is_locked()
    assert (
        dt.timedelta(minutes=14) < user.locked_until - before <= dt.timedelta(minutes=15, seconds=5)
    )
    assert "账号已被锁定" in response.content.decode()
    assert events("login_failed", "account_locked") == ["login_failed"] * 5 + ["account_locked"]


def test_four_failures_do_not_lock(client):
    user = UserFactory()
    response = _fail(client, user, 4)
    user.refresh_from_db()
    assert not user.is_locked()
    assert user.failed_logins == 4
    assert "用户名或密码错误" in response.content.decode()


def test_locked_account_refuses_the_right_password_and_audits_it(client):
    user = UserFactory()
    _fail(client, user, 5)
    response = login(client, user)
    assert response.status_code == 200
    assert "账号已被锁定" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert events()[-1] == "login_refused_locked"


def test_lock_ends_after_the_lock_period(client, monkeypatch):
    user = UserFactory()
    _fail(client, user, 5)
    later = timezone.now() + dt.timedelta(minutes=16)
    monkeypatch.setattr(timezone, "now", lambda: later)
    response = login(client, user)
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.locked_until is None and user.failed_logins == 0


def test_lockout_threshold_and_duration_are_configurable(client, settings):
    settings.LOCKOUT_THRESHOLD = 3
    settings.LOCKOUT_MINUTES = 60
    user = UserFactory()
    _fail(client, user, 3)
    user.refresh_from_db()
    assert user.locked_until - timezone.now() > dt.timedelta(minutes=59)


def test_successful_login_resets_the_failure_count(client):
    user = UserFactory()
    _fail(client, user, 4)
    assert login(client, user).status_code == 302
    user.refresh_from_db()
    assert user.failed_logins == 0
    assert events()[-1] == "login_succeeded"


def test_unknown_username_is_audited_with_the_same_message(client):
    response = client.post("/accounts/login/", {"username": "nobody", "password": "x"})
    assert "用户名或密码错误" in response.content.decode()
    entry = AuditRecord.objects.get(event="login_failed")
    assert entry.object_repr == "nobody"
    assert entry.after["reason"] == "unknown_user"


def test_login_failure_audit_records_carry_request_id_and_address(client):
    user = UserFactory()
    response = login(client, user, password="wrong-Password-1")
    entry = AuditRecord.objects.get(event="login_failed")
    assert entry.request_id == response["X-Request-ID"]
    assert entry.address == "127.0.0.1"


def test_disabled_account_cannot_log_in_even_with_the_right_password(client):
    user = UserFactory(is_active=False)
    response = login(client, user, password=PASSWORD)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
