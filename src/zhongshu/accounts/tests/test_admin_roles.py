"""The security administrator's pages: assign business roles, edit a role's
permissions and its second-factor requirement; every change is audited."""

import pytest
from django.contrib.auth.models import Permission

from zhongshu.accounts.models import RoleProfile
from zhongshu.accounts.roles import ROLES, role_group, sync_roles
from zhongshu.accounts.tests.factories import UserFactory
from zhongshu.audit.models import AuditRecord

pytestmark = pytest.mark.django_db


def test_security_admin_assigns_roles_and_the_change_is_audited(client, security_admin):
    target = UserFactory(roles=["office_staff"])
    clerk_group = role_group("secretariat_clerk")
    client.force_login(security_admin)
    response = client.post(
        f"/accounts/admin/users/{target.uuid}/roles/", {"roles": [clerk_group.pk]}
    )
    assert response.status_code == 302
    assert list(target.groups.all()) == [clerk_group]
    entry = AuditRecord.objects.get(event="role_assigned")
    assert entry.before == {"roles": ["office_staff"]}
    assert entry.after == {"roles": ["secretariat_clerk"]}
    assert entry.actor_name == security_admin.username


def test_roles_page_refuses_an_administrator_account(client, security_admin):
    sync_roles()
    target = UserFactory(auditor=True)
    client.force_login(security_admin)
    response = client.post(
        f"/accounts/admin/users/{target.uuid}/roles/", {"roles": [role_group("office_staff").pk]}
    )
    assert response.status_code == 422
    assert "ADMIN_SEPARATION" in response.content.decode()
    assert not target.groups.exists()


def _a_business_permission():
    return Permission.objects.exclude(
        content_type__app_label__in=["auth", "accounts", "audit", "contenttypes", "sessions"]
    ).first()


def test_security_admin_edits_role_permissions_and_the_change_is_audited(client, security_admin):
    sync_roles()
    perm = _a_business_permission()
    role = RoleProfile.objects.get(code="office_staff")
    client.force_login(security_admin)
    response = client.post(
        "/accounts/admin/roles/office_staff/", {"permissions": [perm.pk], "requires_totp": "on"}
    )
    assert response.status_code == 302
    role.refresh_from_db()
    assert role.requires_totp
    assert list(role.group.permissions.all()) == [perm]
    entry = AuditRecord.objects.get(event="role_permissions_changed")
    dotted = f"{perm.content_type.app_label}.{perm.codename}"
    assert entry.after == {"permissions": [dotted], "requires_totp": True}
    assert entry.before["requires_totp"] is False


def test_role_edit_page_offers_only_business_permissions(client, security_admin):
    sync_roles()
    client.force_login(security_admin)
    form = client.get("/accounts/admin/roles/office_staff/").context["form"]
    apps = {p.content_type.app_label for p in form.fields["permissions"].queryset}
    assert not apps & {"accounts", "audit", "auth", "contenttypes", "sessions"}


def test_a_permission_the_security_admin_removed_stays_removed_after_an_upgrade(security_admin):
    from zhongshu.accounts import services

    perm = _a_business_permission()
    dotted = f"{perm.content_type.app_label}.{perm.codename}"
    ROLES["office_staff"].permissions.add(dotted)
    try:
        sync_roles()
        role = RoleProfile.objects.get(code="office_staff")
        assert perm in role.group.permissions.all()
        services.update_role(actor=security_admin, role=role, permissions=[], requires_totp=False)
        role.refresh_from_db()
        assert dotted in role.removed_permissions
        sync_roles()  # what every migrate runs
        assert perm not in role.group.permissions.all()
        services.update_role(
            actor=security_admin, role=role, permissions=[perm], requires_totp=False
        )
        role.refresh_from_db()
        assert dotted not in role.removed_permissions
    finally:
        ROLES["office_staff"].permissions.discard(dotted)


def test_role_list_shows_members_and_the_totp_requirement(
    client, security_admin, django_assert_max_num_queries
):
    UserFactory(roles=["secretariat_clerk"])
    client.force_login(security_admin)
    with django_assert_max_num_queries(8):
        response = client.get("/accounts/admin/roles/")
    roles = {r.code: r for r in response.context["roles"]}
    assert roles["secretariat_clerk"].members == 1
