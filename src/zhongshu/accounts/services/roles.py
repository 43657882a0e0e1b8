"""The security administrator's operations: who holds which business role, and which
permissions a role holds."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Group, Permission
from django.db.models import QuerySet

from zhongshu.audit.services import record
from zhongshu.framework.errors import RuleViolation
from zhongshu.framework.services import service

from ..choices import AdminRole
from ..models import RoleProfile, User
from ..policies import require_admin
from ..roles import ROLES
from .accounts import SEPARATION

# Permissions of these apps mean nothing to business roles (administration is decided
# by the administrator role, never by a permission), so they are never offered.
NON_BUSINESS_APPS = (
    "accounts",
    "audit",
    "auth",
    "contenttypes",
    "sessions",
    "django_tasks",
    "django_tasks_db",
    "framework",
)


def business_permissions() -> QuerySet[Permission]:
    return (
        Permission.objects.exclude(content_type__app_label__in=NON_BUSINESS_APPS)
        .select_related("content_type")
        .order_by("content_type__app_label", "content_type__model", "codename")
    )


def _dotted(permissions: Iterable[Permission]) -> list[str]:
    return sorted(f"{p.content_type.app_label}.{p.codename}" for p in permissions)


def _role_codes(user: User) -> list[str]:
    return sorted(RoleProfile.objects.filter(group__user=user).values_list("code", flat=True))


@service
def assign_roles(*, actor: User, user: User, groups: Iterable[Group]) -> None:
    """Give ``user`` exactly these business roles. The three administrators hold none."""
    require_admin(actor, AdminRole.SECURITY)
    groups = list(groups)
    if user.admin_role and groups:
        raise RuleViolation.single(SEPARATION, "三员账号不能被授予业务角色。", status=409)
    if any(not hasattr(group, "profile") for group in groups):
        raise RuleViolation.single(SEPARATION, "只能授予业务角色。")
    before = _role_codes(user)
    user.groups.set(groups)
    after = _role_codes(user)
    if before != after:
        record(
            actor=actor,
            event="role_assigned",
            obj=user,
            before={"roles": before},
            after={"roles": after},
        )


@service
def update_role(
    *, actor: User, role: RoleProfile, permissions: Iterable[Permission], requires_totp: bool
) -> None:
    """Set the permissions a role holds and whether it requires the second factor.
    Permissions the code grants but the administrator removed stay removed after an
    upgrade (``RoleProfile.removed_permissions``)."""
    require_admin(actor, AdminRole.SECURITY)
    wanted = list(permissions)
    if any(p.content_type.app_label in NON_BUSINESS_APPS for p in wanted):
        raise RuleViolation.single(SEPARATION, "业务角色不能持有管理类权限。")
    group = role.group
    before = {
        "permissions": _dotted(group.permissions.select_related("content_type")),
        "requires_totp": role.requires_totp,
    }
    group.permissions.set(wanted)
    granted = _dotted(wanted)
    after = {"permissions": granted, "requires_totp": requires_totp}
    declared = ROLES[role.code].permissions if role.code in ROLES else set()
    role.removed_permissions = sorted(declared - set(granted))
    role.requires_totp = requires_totp
    role.save(update_fields=["removed_permissions", "requires_totp"])
    if before != after:
        record(actor=actor, event="role_permissions_changed", obj=role, before=before, after=after)
