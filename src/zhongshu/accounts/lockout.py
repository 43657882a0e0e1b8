"""Lockout: LOCKOUT_THRESHOLD consecutive failed login steps (a wrong password or a
wrong second-factor code) lock the account for LOCKOUT_MINUTES."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from zhongshu.audit.services import record


def register_failure(user, *, event: str, stage: str) -> bool:
    """Count one failure on ``user`` (a row the caller locked for update); lock the
    account at the threshold. Returns whether the account is now locked."""
    user.failed_logins += 1
    fields = ["failed_logins"]
    record(
        actor=None,
        event=event,
        obj=user,
        after={"stage": stage, "failed_logins": user.failed_logins},
    )
    locked = user.failed_logins >= settings.LOCKOUT_THRESHOLD
    if locked:
        user.locked_until = timezone.now() + dt.timedelta(minutes=settings.LOCKOUT_MINUTES)
        user.failed_logins = 0
        fields.append("locked_until")
        record(
            actor=None, event="account_locked", obj=user, after={"locked_until": user.locked_until}
        )
    user.save(update_fields=fields)
    return locked


def clear_failures(user) -> None:
    if user.failed_logins or user.locked_until:
        user.failed_logins = 0
        user.locked_until = None
        user.save(update_fields=["failed_logins", "locked_until"])
