"""Password authentication with lockout: LOCKOUT_THRESHOLD consecutive failures lock
the account for LOCKOUT_MINUTES. Every success, failure and lockout is audited."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.db import transaction
from django.utils import timezone

from zhongshu.audit.services import record

from .models import User


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
                    after={"reason": "unknown_user"},
                )
                return None
            now = timezone.now()
            if user.is_locked(now):
                record(
                    actor=None,
                    event="login_refused_locked",
                    obj=user,
                    after={"locked_until": user.locked_until},
                )
                return None
            if user.check_password(password) and self.user_can_authenticate(user):
                if user.failed_logins:
                    user.failed_logins = 0
                    user.locked_until = None
                    user.save(update_fields=["failed_logins", "locked_until"])
                return user
            user.failed_logins += 1
            fields = ["failed_logins"]
            record(
                actor=None,
                event="login_failed",
                obj=user,
                after={"failed_logins": user.failed_logins},
            )
            if user.failed_logins >= settings.LOCKOUT_THRESHOLD:
                user.locked_until = now + dt.timedelta(minutes=settings.LOCKOUT_MINUTES)
                user.failed_logins = 0
                fields.append("locked_until")
                record(
                    actor=None,
                    event="account_locked",
                    obj=user,
                    after={"locked_until": user.locked_until},
                )
            user.save(update_fields=fields)
        return None

    def get_user(self, user_id):
        user = User.objects.select_related("person__unit").filter(pk=user_id).first()
        return user if user and self.user_can_authenticate(user) else None
