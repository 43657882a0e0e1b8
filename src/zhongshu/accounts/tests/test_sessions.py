"""Session security: idle timeout (15 minutes, configurable), absolute lifetime, and
the forced password change (first login, administrator reset, 90-day expiry)."""

import datetime as dt
import time

import pytest
from django.utils import timezone

from zhongshu.accounts.tests.factories import UserFactory

from .conftest import events, login

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch):
    """A settable ``time.time`` for the session clocks."""

    class Clock:
        now = time.time()

        def advance(self, **delta):
            self.now += dt.timedelta(**delta).total_seconds()

    c = Clock()
    monkeypatch.setattr(time, "time", lambda: c.now)
    return c


def test_idle_session_is_logged_out_after_fifteen_minutes(client, clerk, clock):
    login(client, clerk)
    clock.advance(minutes=14)
    assert client.get("/api/v1/accounts/me/").status_code == 200
    clock.advance(minutes=14)  # active 14 minutes ago: still fine
    assert client.get("/api/v1/accounts/me/").status_code == 200
    clock.advance(minutes=15, seconds=1)
    response = client.get("/accounts/profile/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert "idle=1" in response["Location"]
    assert events()[-1] == "session_expired_idle"
    assert client.get("/accounts/profile/").status_code == 302  # really logged out


def test_idle_timeout_is_configurable(client, clerk, clock, settings):
    settings.SESSION_IDLE_MINUTES = 5
    login(client, clerk)
    clock.advance(minutes=5, seconds=1)
    assert client.get("/accounts/profile/").status_code == 302
    assert events()[-1] == "session_expired_idle"


def test_idle_expiry_answers_htmx_with_a_full_page_redirect(client, clerk, clock):
    login(client, clerk)
    clock.advance(minutes=16)
    response = client.get("/accounts/profile/", headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith("/accounts/login/")


def test_idle_expiry_answers_the_api_with_401(client, clerk, clock):
    login(client, clerk)
    clock.advance(minutes=16)
    response = client.get("/api/v1/accounts/me/")
    assert response.status_code == 401
    assert response.json()["errors"][0]["rule"] == "SESSION_EXPIRED"


def test_session_ends_at_the_absolute_lifetime_even_when_active(client, clerk, clock, settings):
    settings.SESSION_COOKIE_AGE = 2 * 3600
    login(client, clerk)
    for _ in range(11):  # a request every 10 minutes: never idle
        clock.advance(minutes=10)
        assert client.get("/api/v1/accounts/me/").status_code == 200
    clock.advance(minutes=10, seconds=1)
    response = client.get("/accounts/profile/")
    assert response.status_code == 302
    assert "expired=1" in response["Location"]
    assert events()[-1] == "session_expired_absolute"


def test_logout_is_audited_and_ends_the_session(client, clerk):
    login(client, clerk)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert events()[-1] == "logged_out"
    assert client.get("/accounts/profile/").status_code == 302


def test_logout_refuses_get(client, clerk):
    login(client, clerk)
    assert client.get("/accounts/logout/").status_code == 405


def test_must_change_password_sends_every_page_to_the_change_form(client):
    user = UserFactory(roles=["secretariat_clerk"], must_change_password=True)
    login(client, user)
    response = client.get("/accounts/profile/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/"
    api = client.get("/api/v1/accounts/me/")
    assert api.status_code == 403
    assert api.json()["errors"][0]["rule"] == "PASSWORD_CHANGE_REQUIRED"
    assert client.get("/accounts/password/").status_code == 200


def test_password_older_than_ninety_days_must_be_changed(client):
    old = timezone.now() - dt.timedelta(days=90)
    user = UserFactory(roles=["secretariat_clerk"], password_changed_at=old)
    login(client, user)
    response = client.get("/accounts/profile/")
    assert response["Location"] == "/accounts/password/"
    assert "密码已到期" in client.get("/accounts/password/").content.decode()


def test_password_eighty_nine_days_old_is_still_valid(client):
    recent = timezone.now() - dt.timedelta(days=89)
    user = UserFactory(roles=["secretariat_clerk"], password_changed_at=recent)
    login(client, user)
    assert client.get("/api/v1/accounts/me/").status_code == 200


def test_password_expiry_is_configurable_and_zero_disables_it(client, settings):
    settings.PASSWORD_MAX_AGE_DAYS = 0
    ancient = timezone.now() - dt.timedelta(days=1000)
    user = UserFactory(roles=["secretariat_clerk"], password_changed_at=ancient)
    login(client, user)
    assert client.get("/api/v1/accounts/me/").status_code == 200


def test_login_rotates_the_session_key(client, clerk):
    client.get("/accounts/login/")
    client.session.save()
    before = client.session.session_key
    login(client, clerk)
    assert client.session.session_key != before


def test_login_redirects_only_to_this_site(client, clerk):
    response = login(client, clerk, next="https://evil.example/")
    assert response["Location"] == "/"


def test_login_page_is_not_cached_and_carries_csrf(client):
    response = client.get("/accounts/login/")
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert "csrfmiddlewaretoken" in response.content.decode()
