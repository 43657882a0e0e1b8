"""Account operations. Each is one audited transaction."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
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
