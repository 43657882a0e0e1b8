"""Passwords and the login trail."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from zhongshu.audit.services import record
from zhongshu.framework.services import service

from ..models import User

# No look-alike characters (0/O, 1/l/I) in passwords read out to a person.
_ALPHABETS = ("ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnpqrstuvwxyz", "23456789", "!#%+-=?@")


@service
def change_password(*, actor: User, user: User, new_password: str) -> None:
    """Set a new password; the current one may not be used again."""
    if user.check_password(new_password):
        raise ValidationError(_("新密码不能与当前密码相同。"), code="password_reused")
    validate_password(new_password, user)
    user.set_password(new_password)
    user.password_changed_at = timezone.now()
    user.must_change_password = False
    user.save(update_fields=["password", "password_changed_at", "must_change_password"])
    record(actor=actor, event="password_changed", obj=user)


def temporary_password() -> str:
    """A random password that meets the policy, for a new or reset account."""
    length = max(12, settings.PASSWORD_MIN_LENGTH)
    chars = [secrets.choice(alphabet) for alphabet in _ALPHABETS]
    everything = "".join(_ALPHABETS)
    chars += [secrets.choice(everything) for _ in range(length - len(chars))]
    secrets.SystemRandom().shuffle(chars)
    return "".join(chars)


@service
def log_login(*, actor: User, second_factor: bool = False) -> None:
    record(
        actor=actor,
        event="login_succeeded",
        obj=actor,
        after={"second_factor": "totp" if second_factor else "none"},
    )


@service
def log_logout(*, actor: User) -> None:
    record(actor=actor, event="logged_out", obj=actor)
