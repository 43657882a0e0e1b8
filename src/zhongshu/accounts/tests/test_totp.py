"""The optional second factor (TOTP): enrolment with a server-drawn SVG QR code, the
two-step login, replay refusal, lockout on wrong codes, a role that makes it mandatory,
and recovery by the security administrator."""

import datetime as dt
import re

import pyotp
import pytest
from django.utils import timezone

from zhongshu.accounts import services
from zhongshu.accounts.models import RoleProfile
from zhongshu.accounts.tests.factories import UserFactory
from zhongshu.accounts.views.auth import ENROL_SECRET

from .conftest import events, login

pytestmark = pytest.mark.django_db


def _enrolled_user(**kwargs):
    user = UserFactory(**kwargs)
    secret = pyotp.random_base32()
    user.totp_secret, user.totp_enabled = secret, True
    user.save(update_fields=["totp_secret", "totp_enabled"])
    return user, pyotp.TOTP(secret)


def _code_at(totp, seconds: int) -> str:
    return totp.at(timezone.now() + dt.timedelta(seconds=seconds))


def test_enrolment_page_draws_the_qr_code_as_svg_without_inline_script_or_style(client, clerk):
    login(client, clerk)
    response = client.get("/accounts/totp/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and "</svg>" in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)  # only external scripts
    assert "style=" not in html
    assert "onload=" not in html and "javascript:" not in html


def test_enrolment_with_a_valid_code_turns_the_second_factor_on(client, clerk):
    login(client, clerk)
    client.get("/accounts/totp/")
    secret = client.session[ENROL_SECRET]
    response = client.post("/accounts/totp/", {"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302
    clerk.refresh_from_db()
    assert clerk.totp_enabled and clerk.get_totp_secret() == secret
    assert clerk.totp_secret.startswith("sm4gcm:") and secret not in clerk.totp_secret
    assert events()[-1] == "totp_enrolled"
    assert ENROL_SECRET not in client.session


def test_enrolment_with_a_wrong_code_changes_nothing(client, clerk):
    login(client, clerk)
    client.get("/accounts/totp/")
    response = client.post("/accounts/totp/", {"code": "000000"})
    assert response.status_code == 422
    clerk.refresh_from_db()
    assert not clerk.totp_enabled
    assert events()[-1] == "totp_failed"


def test_login_with_totp_takes_two_steps(client):
    user, totp = _enrolled_user(roles=["secretariat_clerk"])
    response = login(client, user)
    assert response["Location"] == "/accounts/login/totp/"
    assert "_auth_user_id" not in client.session  # not logged in after the password
    assert client.get("/api/v1/accounts/me/").status_code in (401, 403)
    response = client.post("/accounts/login/totp/", {"code": totp.now()})
    assert response.status_code == 302
    assert client.get("/api/v1/accounts/me/").status_code == 200
    last = events("login_succeeded")
    assert last == ["login_succeeded"]


def test_login_totp_step_without_a_password_step_goes_back_to_login(client):
    assert client.get("/accounts/login/totp/")["Location"] == "/accounts/login/"
    assert client.post("/accounts/login/totp/", {"code": "123456"})["Location"] == (
        "/accounts/login/"
    )


def test_a_totp_code_is_accepted_only_once(client):
    user, totp = _enrolled_user()
    code = totp.now()
    login(client, user)
    assert client.post("/accounts/login/totp/", {"code": code}).status_code == 302
    client.post("/accounts/logout/")
    login(client, user)
    response = client.post("/accounts/login/totp/", {"code": code})
    assert response.status_code == 422
    assert "_auth_user_id" not in client.session


def test_a_code_from_the_previous_time_step_is_still_accepted(client):
    user, totp = _enrolled_user()
    login(client, user)
    response = client.post("/accounts/login/totp/", {"code": _code_at(totp, -30)})
    assert response.status_code == 302


def test_a_code_two_minutes_old_is_refused(client):
    user, totp = _enrolled_user()
    login(client, user)
    response = client.post("/accounts/login/totp/", {"code": _code_at(totp, -120)})
    assert response.status_code == 422


def test_wrong_totp_codes_count_towards_the_lockout(client):
    user, _totp = _enrolled_user()
    login(client, user)
    for _ in range(5):
        response = client.post("/accounts/login/totp/", {"code": "000000"})
    user.refresh_from_db()
    assert user.is_locked()
    assert "账号已被锁定" in response.content.decode()
    assert events("totp_failed", "account_locked") == ["totp_failed"] * 5 + ["account_locked"]


def test_the_right_password_does_not_reset_the_count_of_wrong_codes(client):
    user, _totp = _enrolled_user()
    for _ in range(3):
        login(client, user)
        client.post("/accounts/login/totp/", {"code": "000000"})
    user.refresh_from_db()
    assert user.failed_logins == 3
    login(client, user)
    client.post("/accounts/login/totp/", {"code": "000000"})
    login(client, user)
    client.post("/accounts/login/totp/", {"code": "000000"})
    user.refresh_from_db()
    assert user.is_locked()


def test_the_pending_second_step_expires_after_five_minutes(client, monkeypatch):
    import time

    user, totp = _enrolled_user()
    login(client, user)
    real = time.time()
    monkeypatch.setattr(time, "time", lambda: real + 301)
    response = client.post("/accounts/login/totp/", {"code": totp.now()})
    assert response["Location"] == "/accounts/login/"
    assert "_auth_user_id" not in client.session


def test_a_role_requiring_totp_sends_its_members_to_enrolment_before_anything_else(client):
    RoleProfile.objects.filter(code="secretariat_clerk").update(requires_totp=True)
    user = UserFactory(roles=["secretariat_clerk"], must_change_password=True)
    RoleProfile.objects.filter(code="secretariat_clerk").update(requires_totp=True)
    login(client, user)
    for path in ("/", "/accounts/profile/", "/accounts/tokens/"):
        assert client.get(path)["Location"] == "/accounts/totp/"
    api = client.get("/api/v1/accounts/me/")
    assert api.status_code == 403
    assert api.json()["errors"][0]["rule"] == "TOTP_ENROLMENT_REQUIRED"
    assert "要求使用动态口令" in client.get("/accounts/totp/").content.decode()


def test_after_enrolment_the_required_member_gets_in(client):
    user = UserFactory(roles=["secretariat_clerk"])
    RoleProfile.objects.filter(code="secretariat_clerk").update(requires_totp=True)
    login(client, user)
    client.get("/accounts/totp/")
    client.post("/accounts/totp/", {"code": pyotp.TOTP(client.session[ENROL_SECRET]).now()})
    assert client.get("/api/v1/accounts/me/").status_code == 200


def test_members_of_roles_without_the_requirement_are_not_sent_to_enrolment(client, clerk):
    login(client, clerk)
    assert client.get("/api/v1/accounts/me/").status_code == 200


def test_security_admin_resets_a_lost_second_factor(client, security_admin):
    user, _totp = _enrolled_user()
    services.reset_totp(actor=security_admin, user=user)
    user.refresh_from_db()
    assert not user.totp_enabled and user.totp_secret == ""
    assert events()[-1] == "totp_reset"
    assert login(client, user)["Location"] != "/accounts/login/totp/"  # one step again


def test_reset_totp_page_is_a_post_for_the_security_admin(client, security_admin):
    user, _totp = _enrolled_user()
    client.force_login(security_admin)
    response = client.post(f"/accounts/admin/users/{user.uuid}/reset-totp/")
    assert response.status_code == 302
    user.refresh_from_db()
    assert not user.totp_enabled
