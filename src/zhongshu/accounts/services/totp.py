"""The optional second factor: time-based one-time codes (RFC 6238, pyotp).

A code is accepted once: the time step it belongs to is remembered, so a code seen over
someone's shoulder cannot be replayed. Wrong codes count towards the lockout exactly
like wrong passwords.
"""

from __future__ import annotations

import datetime as dt
import hmac
import logging

import pyotp
import segno
from django.utils import timezone

from zhongshu.audit.services import record
from zhongshu.framework.services import service

from ..choices import AdminRole
from ..lockout import clear_failures, register_failure
from ..models import User
from ..policies import require_admin
from ..sealing import UnsealError

log = logging.getLogger(__name__)

ISSUER = "中枢"
_WINDOW = 1  # one step (30 s) either side, for clocks that drift


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.username, issuer_name=ISSUER)


def qr_svg(uri: str) -> str:
    """The enrolment QR code as inline SVG markup, drawn on the server (no script)."""
    return segno.make(uri, error="m").svg_inline(scale=4, dark="#000", light="#fff")


def matching_step(secret: str, code: str, after_step: int | None) -> int | None:
    """The time step ``code`` belongs to, if it is valid now and newer than ``after_step``."""
    code = (code or "").strip().replace(" ", "")
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(secret)
    now = timezone.now()
    for offset in range(-_WINDOW, _WINDOW + 1):
        moment = now + dt.timedelta(seconds=offset * totp.interval)
        step = totp.timecode(moment)
        if after_step is not None and step <= after_step:
            continue
        if hmac.compare_digest(totp.at(moment), code):
            return step
    return None


@service
def enroll_totp(*, actor: User, secret: str, code: str) -> bool:
    """Turn the second factor on for ``actor`` once they prove their device has ``secret``."""
    step = matching_step(secret, code, None)
    if step is None:
        record(actor=actor, event="totp_failed", obj=actor, after={"stage": "enrolment"})
        return False
    actor.set_totp_secret(secret)
    actor.totp_enabled = True
    actor.totp_last_step = step
    actor.save(update_fields=["totp_secret", "totp_enabled", "totp_last_step"])
    record(actor=actor, event="totp_enrolled", obj=actor)
    return True


@service
def verify_login_totp(*, actor, user: User, code: str) -> bool:
    """The second login step. A wrong code is a failed login (and may lock the account)."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.is_locked() or not user.totp_enabled:
        return False
    try:
        secret = user.get_totp_secret()
    except UnsealError:  # the field key changed: the device must be enrolled again
        log.error("TOTP seed of user %s cannot be unsealed with the current key", user.pk)
        secret = ""
    step = matching_step(secret, code, user.totp_last_step) if secret else None
    if step is None:
        register_failure(user, event="totp_failed", stage="login")
        return False
    user.totp_last_step = step
    user.save(update_fields=["totp_last_step"])
    clear_failures(user)
    return True


@service
def reset_totp(*, actor: User, user: User) -> None:
    """Recovery of a lost device: the security administrator turns the second factor off;
    a role that requires it sends the user to enrolment at the next login."""
    require_admin(actor, AdminRole.SECURITY)
    if not user.totp_enabled and not user.totp_secret:
        return
    user.totp_secret = ""
    user.totp_enabled = False
    user.totp_last_step = None
    user.save(update_fields=["totp_secret", "totp_enabled", "totp_last_step"])
    record(actor=actor, event="totp_reset", obj=user, before={"totp_enabled": True})
