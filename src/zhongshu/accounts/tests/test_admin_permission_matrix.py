"""Permission matrix over every administrator (三员) page and endpoint: anonymous,
a business user, the wrong administrator and the right one."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zhongshu.accounts.choices import AdminRole
from zhongshu.accounts.tests.factories import UserFactory
from zhongshu.audit.services import record

pytestmark = pytest.mark.django_db

SYSTEM, SECURITY, AUDITOR = AdminRole.SYSTEM, AdminRole.SECURITY, AdminRole.AUDITOR

# (method, url name, argument kind, the administrators it serves)
ENDPOINTS = [
    ("get", "accounts:admin_home", None, {SYSTEM, SECURITY, AUDITOR}),
    ("get", "accounts:user_list", None, {SYSTEM, SECURITY}),
    ("get", "accounts:user_create", None, {SYSTEM}),
    ("post", "accounts:user_create", None, {SYSTEM}),
    ("get", "accounts:user_detail", "account", {SYSTEM, SECURITY}),
    ("post", "accounts:user_disable", "account", {SYSTEM}),
    ("post", "accounts:user_enable", "account", {SYSTEM}),
    ("post", "accounts:user_unlock", "account", {SYSTEM}),
    ("post", "accounts:user_password_reset", "account", {SYSTEM}),
    ("get", "accounts:user_roles", "account", {SECURITY}),
    ("post", "accounts:user_roles", "account", {SECURITY}),
    ("post", "accounts:user_totp_reset", "account", {SECURITY}),
    ("get", "accounts:role_list", None, {SECURITY}),
    ("get", "accounts:role_edit", "role", {SECURITY}),
    ("post", "accounts:role_edit", "role", {SECURITY}),
    ("get", "accounts:config", None, {SYSTEM}),
    ("get", "audit:record_list", None, {AUDITOR}),
    ("get", "audit:record_detail", "record", {AUDITOR}),
    ("post", "audit:record_export", None, {AUDITOR}),
    ("get", "audit:verify", None, {AUDITOR}),
    ("post", "audit:verify", None, {AUDITOR}),
    ("get", "audit-record-list", None, {AUDITOR}),
    ("get", "audit-record-detail", "record", {AUDITOR}),
]
WHO = ["anonymous", "business", SYSTEM, SECURITY, AUDITOR]


def _url(name: str, kind: str | None) -> str:
    if kind == "account":
        return reverse(name, args=[UserFactory(roles=["office_staff"]).uuid])
    if kind == "role":
        return reverse(name, args=["office_staff"])
    if kind == "record":
        return reverse(name, args=[record(actor=None, event="thing_happened").id])
    return reverse(name)


def _login(client, who: str) -> None:
    if who == "business":
        client.force_login(UserFactory(roles=["secretariat_clerk"]))
    elif who != "anonymous":
        client.force_login(UserFactory(admin_role=who, person=None))


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize(("method", "name", "kind", "allowed"), ENDPOINTS)
def test_admin_endpoint_permission_matrix(client, method, name, kind, allowed, who):
    url = _url(name, kind)
    _login(client, who)
    response = getattr(client, method)(url)
    is_api = url.startswith("/api/")
    if who == "anonymous":
        if is_api:
            assert response.status_code == 401
        else:
            assert response.status_code == 302
            assert response["Location"].startswith("/accounts/login/")
    elif who in allowed:
        assert response.status_code in (200, 302, 422), response.status_code
    else:
        assert response.status_code == 403
