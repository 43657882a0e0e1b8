"""Password authentication with lockout (see ``lockout``). Every failure and lockout is
audited; the login view audits the success once the second factor (if any) passed.

The reason for a refusal is left on the request (``zhongshu_login_refusal``) so the
login page can say that the account is locked rather than that the password is wrong.
"""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend
from django.db import transaction

from zhongshu.audit.services import record

from .lockout import clear_failures, register_failure
from .models import User

LOCKED = "locked"


def _refuse(request, reason: str) -> None:
    if request is not None:
        request.zhongshu_login_refusal = reason


class LockoutModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or password is None:
            return None
        with transaction.atomic():
            user = User.objects.select_for_update().filter(username=username).first()
            if user is None:
                User().set_password(password)  # same work as a real check: no timing oracle
                record(
                    actor=None,
                    event="login_failed",
                    object_type="accounts.user",
                    object_repr=username[:150],
                    after={"stage": "password", "reason": "unknown_user"},
                )
                return None
            if user.is_locked():
                record(
                    actor=None,
                    event="login_refused_locked",
                    obj=user,
                    after={"locked_until": user.locked_until},
                )
                _refuse(request, LOCKED)
                return None
            if user.check_password(password) and self.user_can_authenticate(user):
                # With a second factor the count runs on until the code is right too:
                # a known password must not reset the guessing of codes.
                if not user.totp_enabled:
                    clear_failures(user)
                return user
            if register_failure(user, event="login_failed", stage="password"):
                _refuse(request, LOCKED)
        return None

    def get_user(self, user_id):
        user = User.objects.select_related("person__unit").filter(pk=user_id).first()
        return user if user and self.user_can_authenticate(user) else None
