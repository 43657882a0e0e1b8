"""Account operations. Each is one audited transaction."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.utils import timezone

from zhongshu.audit.services import record
from zhongshu.framework.services import service

from .models import User


@service
def change_password(*, actor: User, user: User, new_password: str) -> None:
    validate_password(new_password, user)
    user.set_password(new_password)
    user.password_changed_at = timezone.now()
    user.must_change_password = False
    user.save(update_fields=["password", "password_changed_at", "must_change_password"])
    record(actor=actor, event="password_changed", obj=user)


@service
def log_login(*, actor: User) -> None:
    record(actor=actor, event="login_succeeded", obj=actor)


@service
def log_logout(*, actor: User) -> None:
    record(actor=actor, event="logged_out", obj=actor)


def ensure_account(
    *,
    actor,
    username: str,
    password: str,
    person=None,
    admin_role: str = "",
    roles: tuple[str, ...] = (),
    must_change_password: bool = False,
) -> User:
    """Create an account if it does not exist (the demo loader and imports use this);
    an existing account is left as it is. Audited as ``account_created``."""
    from .roles import role_group

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
