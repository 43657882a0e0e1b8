"""三员 separation: one administrator role per account, never a business role or a
person; none of the three opens business pages or the business API; each does only
its own part; nobody alters the audit trail."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import URLPattern, URLResolver, get_resolver

from zhongshu.accounts import services
from zhongshu.accounts.choices import AdminRole
from zhongshu.accounts.models import RoleProfile, User
from zhongshu.accounts.roles import role_group, sync_roles
from zhongshu.accounts.tests.factories import UserFactory
from zhongshu.audit.models import AuditRecord
from zhongshu.framework import navigation
from zhongshu.framework.errors import RuleViolation
from zhongshu.org.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

ADMIN_ROLES = [AdminRole.SYSTEM, AdminRole.SECURITY, AdminRole.AUDITOR]
NOT_BUSINESS = ("accounts/", "audit/", "api/", "healthz", "static/")
# Pages open to anyone without a login (DOC-OUT-14: documents issued as public).
PUBLIC = ("outgoing/public/", "api/v1/outgoing/public/")


def _routes(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern).lstrip("^").rstrip("$")
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route.replace("\\", "")


def _plain_routes() -> list[str]:
    """Every route without a parameter (lists, home pages), as a path."""
    return sorted({"/" + r for r in _routes(get_resolver().url_patterns) if not set(r) & set("<(")})


def business_pages() -> list[str]:
    return [p for p in _plain_routes() if not p.lstrip("/").startswith(NOT_BUSINESS + PUBLIC)]


def business_api() -> list[str]:
    return [
        p
        for p in _plain_routes()
        if p.startswith("/api/v1/")
        and not p.startswith("/api/v1/audit/")
        and not p.lstrip("/").startswith(PUBLIC)
    ]


def test_the_walk_finds_the_business_endpoints_that_exist():
    assert {"/", "/search/"} <= set(business_pages())
    assert "/api/v1/accounts/me/" in business_api()


@pytest.mark.parametrize("admin_role", ADMIN_ROLES)
def test_administrators_cannot_open_any_business_page(client, admin_role):
    client.force_login(UserFactory(admin_role=admin_role, person=None))
    for path in business_pages():
        response = client.get(path, follow=True)
        assert response.status_code in (403, 404), f"{admin_role} opened {path}"


@pytest.mark.parametrize("admin_role", ADMIN_ROLES)
def test_administrators_cannot_read_the_business_api(client, admin_role):
    client.force_login(UserFactory(admin_role=admin_role, person=None))
    for path in business_api():
        response = client.get(path)
        assert response.status_code == 403, f"{admin_role} read {path}"


@pytest.mark.parametrize("admin_role", ADMIN_ROLES)
def test_administrators_land_on_their_own_page_after_login(client, admin_role):
    from .conftest import login

    user = UserFactory(admin_role=admin_role, person=None)
    response = login(client, user, next="/")
    assert response.status_code == 302
    assert response["Location"] != "/"
    assert client.get(response["Location"]).status_code == 200


def test_an_administrator_cannot_be_linked_to_a_person():
    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(admin_role=AdminRole.AUDITOR, person=PersonFactory())


def test_nobody_is_a_superuser():
    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(system_admin=True, is_superuser=True)


def test_the_administrator_role_is_one_field_so_nobody_holds_two():
    field = User._meta.get_field("admin_role")
    assert not field.many_to_many and field.max_length == 12
    assert {c for c, _ in AdminRole.choices} == {"", "system", "security", "auditor"}


@pytest.mark.parametrize("admin_role", ADMIN_ROLES)
def test_an_administrator_never_gets_a_business_role_whatever_the_code(admin_role):
    sync_roles()
    admin = UserFactory(admin_role=admin_role, person=None)
    group = role_group("secretariat_clerk")
    with pytest.raises(ValidationError), transaction.atomic():
        admin.groups.add(group)
    with pytest.raises(ValidationError), transaction.atomic():
        group.user_set.add(admin)
    assert not admin.groups.exists()


def test_assign_roles_refuses_an_administrator_account(security_admin):
    sync_roles()
    target = UserFactory(system_admin=True)
    with pytest.raises(RuleViolation) as exc:
        services.assign_roles(
            actor=security_admin, user=target, groups=[role_group("secretariat_clerk")]
        )
    assert exc.value.violations[0].rule == "ADMIN_SEPARATION"


@pytest.mark.parametrize("actor_kind", ["system", "auditor", "business"])
def test_only_the_security_admin_assigns_roles(actor_kind):
    sync_roles()
    actor = _actor(actor_kind)
    with pytest.raises(PermissionDenied):
        services.assign_roles(
            actor=actor, user=UserFactory(), groups=[role_group("secretariat_clerk")]
        )


@pytest.mark.parametrize("actor_kind", ["system", "auditor", "business"])
def test_only_the_security_admin_changes_role_permissions_or_resets_totp(actor_kind):
    sync_roles()
    actor = _actor(actor_kind)
    role = RoleProfile.objects.get(code="office_staff")
    with pytest.raises(PermissionDenied):
        services.update_role(actor=actor, role=role, permissions=[], requires_totp=True)
    with pytest.raises(PermissionDenied):
        services.reset_totp(actor=actor, user=UserFactory())


@pytest.mark.parametrize("actor_kind", ["security", "auditor", "business"])
def test_only_the_system_admin_creates_and_manages_accounts(actor_kind):
    actor = _actor(actor_kind)
    target = UserFactory()
    with pytest.raises(PermissionDenied):
        services.create_account(actor=actor, username="new_user", person=PersonFactory())
    with pytest.raises(PermissionDenied):
        services.set_account_active(actor=actor, user=target, active=False)
    with pytest.raises(PermissionDenied):
        services.reset_password(actor=actor, user=target)
    with pytest.raises(PermissionDenied):
        services.unlock_account(actor=actor, user=target)


def test_the_system_admin_cannot_take_over_another_administrator(system_admin):
    other = UserFactory(auditor=True)
    with pytest.raises(RuleViolation):
        services.reset_password(actor=system_admin, user=other)
    with pytest.raises(RuleViolation):
        services.set_account_active(actor=system_admin, user=other, active=False)


def test_a_business_role_cannot_be_given_administrative_permissions(security_admin):
    from django.contrib.auth.models import Permission

    sync_roles()
    role = RoleProfile.objects.get(code="office_staff")
    audit_perm = Permission.objects.filter(content_type__app_label="audit").first()
    with pytest.raises(RuleViolation):
        services.update_role(
            actor=security_admin, role=role, permissions=[audit_perm], requires_totp=False
        )


@pytest.mark.parametrize("admin_role", ADMIN_ROLES)
def test_no_administrator_can_alter_the_audit_trail(client, admin_role):
    from zhongshu.audit.services import record, verify_trail

    entry = record(actor=None, event="thing_happened", after={"n": 1})
    client.force_login(UserFactory(admin_role=admin_role, person=None))
    api = f"/api/v1/audit/records/{entry.id}/"
    for method in ("put", "patch", "delete"):
        assert getattr(client, method)(api, {}, content_type="application/json").status_code in (
            403,
            405,
        )
    assert client.post("/api/v1/audit/records/", {}).status_code in (403, 405)
    for method in ("put", "patch", "delete"):
        assert getattr(client, method)(f"/audit/{entry.id}/").status_code in (403, 405)
    kept = AuditRecord.objects.get(id=entry.id)
    assert (kept.event, kept.hash) == ("thing_happened", entry.hash)
    assert verify_trail().ok


def test_navigation_shows_each_administrator_only_their_own_entries():
    def labels(user):
        return {g["key"]: [i.label for i in g["items"]] for g in navigation.for_user(user)}

    system = labels(UserFactory(system_admin=True))
    security = labels(UserFactory(security_admin=True))
    auditor = labels(UserFactory(auditor=True))
    clerk = labels(UserFactory(roles=["secretariat_clerk"]))
    assert system == {"admin": ["账号管理", "系统配置"]}
    assert security == {"admin": ["账号管理", "角色与权限"]}
    assert auditor == {"audit": ["审计查询", "审计链校验"]}
    assert "admin" not in clerk and "audit" not in clerk


def _actor(kind: str) -> User:
    if kind == "business":
        return UserFactory(roles=["office_staff"])
    return UserFactory(admin_role=kind, person=None)
