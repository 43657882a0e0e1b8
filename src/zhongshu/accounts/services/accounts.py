"""The system administrator's account operations, and creation of the administrator
accounts themselves (a command run at installation, never a web page)."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.utils import timezone

from zhongshu.audit.services import record
from zhongshu.framework.errors import RuleViolation
from zhongshu.framework.services import service

from ..choices import AdminRole
from ..models import User
from ..policies import require_admin
from .auth import temporary_password

# Codes of refusals (no numbered rule in RULES.md covers account administration).
SEPARATION = "ADMIN_SEPARATION"
PERSON_TAKEN = "ACCOUNT_PERSON_TAKEN"
USERNAME_TAKEN = "ACCOUNT_USERNAME_TAKEN"


def _refuse_admin_target(user: User, action: str) -> None:
    if user.admin_role:
        raise RuleViolation.single(
            SEPARATION, f"三员账号不能通过本页面{action}，请使用安装命令维护。", status=409
        )


@service
def create_account(*, actor: User, username: str, person) -> tuple[User, str]:
    """A business account for ``person``, with a temporary password the person must
    change at first login. Roles are assigned by the security administrator."""
    require_admin(actor, AdminRole.SYSTEM)
    if User.objects.filter(username=username).exists():
        raise RuleViolation.single(USERNAME_TAKEN, "用户名已被使用。", field="username")
    if person.archived_at is not None or User.objects.filter(person=person).exists():
        raise RuleViolation.single(PERSON_TAKEN, "该人员已有账号或已归档。", field="person")
    password = temporary_password()
    user = User(username=username, person=person, must_change_password=True)
    user.set_password(password)
    user.password_changed_at = timezone.now()
    user.save()
    record(
        actor=actor,
        event="account_created",
        obj=user,
        after={"person": person, "person_label": person.label, "must_change_password": True},
    )
    return user, password


@service
def set_account_active(*, actor: User, user: User, active: bool) -> None:
    require_admin(actor, AdminRole.SYSTEM)
    _refuse_admin_target(user, "停用或启用")
    if user.is_active == active:
        return
    user.is_active = active
    user.save(update_fields=["is_active"])
    record(
        actor=actor,
        event="account_enabled" if active else "account_disabled",
        obj=user,
        before={"is_active": not active},
        after={"is_active": active},
    )


@service
def reset_password(*, actor: User, user: User) -> str:
    """A new temporary password (shown once to the administrator); the account is
    unlocked and must change it at the next login. Other sessions end (hash changes)."""
    require_admin(actor, AdminRole.SYSTEM)
    _refuse_admin_target(user, "重置密码")
    password = temporary_password()
    user.set_password(password)
    user.password_changed_at = timezone.now()
    user.must_change_password = True
    user.failed_logins = 0
    user.locked_until = None
    user.save(
        update_fields=[
            "password",
            "password_changed_at",
            "must_change_password",
            "failed_logins",
            "locked_until",
        ]
    )
    record(actor=actor, event="password_reset", obj=user, after={"must_change_password": True})
    return password


@service
def unlock_account(*, actor: User, user: User) -> None:
    """Any account, administrators' included: unlocking grants nothing by itself."""
    require_admin(actor, AdminRole.SYSTEM)
    before = {"locked_until": user.locked_until, "failed_logins": user.failed_logins}
    user.failed_logins = 0
    user.locked_until = None
    user.save(update_fields=["failed_logins", "locked_until"])
    record(actor=actor, event="account_unlocked", obj=user, before=before)


def create_admin_account(*, actor, username: str, password: str, admin_role: str) -> User:
    """One of the three administrators: no person, no business role, one admin role."""
    if admin_role not in (AdminRole.SYSTEM, AdminRole.SECURITY, AdminRole.AUDITOR):
        raise ValueError(f"not an administrator role: {admin_role!r}")
    user = User(username=username, admin_role=admin_role, must_change_password=True)
    validate_password(password, user)
    with transaction.atomic():
        user.set_password(password)
        user.password_changed_at = timezone.now()
        user.save()
        record(actor=actor, event="account_created", obj=user, after={"admin_role": admin_role})
    return user


def ensure_account(
    *,
    actor,
    username: str,
    password: str,
    person=None,
    admin_role: str = "",
    roles: tuple[str, ...] = (),
    must_change_password: bool = False,
    password_hash: str | None = None,
) -> User:
    """Create an account if it does not exist (the demo loader and imports use this);
    an existing account is left as it is. Audited as ``account_created``.

    ``password_hash`` (from ``make_password``) lets a loader hash one shared password
    once instead of once per account (PBKDF2 costs about 0.3 s a hash)."""
    from ..roles import role_group

    existing = User.objects.filter(username=username).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        user = User(
            username=username,
            person=person,
            admin_role=admin_role,
            must_change_password=must_change_password,
        )
        if password_hash:
            user.password = password_hash
        else:
            user.set_password(password)
        user.password_changed_at = timezone.now()
        user.save()
        if roles:
            user.groups.add(*(role_group(code) for code in roles))
        record(
            actor=actor,
            event="account_created",
            obj=user,
            after={"admin_role": admin_role, "roles": list(roles)},
        )
    return user
