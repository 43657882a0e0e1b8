"""Session security: idle timeout and the forced password change."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from zhongshu.audit.services import record

_TOUCH_EVERY = 30  # seconds; the idle clock is kept without writing the session every request


class SessionSecurityMiddleware:
    EXEMPT_PREFIXES = (
        "/static/",
        "/accounts/login",
        "/accounts/logout",
        "/accounts/password",
        "/healthz",
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and hasattr(request, "session")
            and "_auth_user_id" in request.session
        ):
            now = time.time()
            last = request.session.get("last_seen", now)
            if now - last > settings.SESSION_IDLE_MINUTES * 60:
                record(actor=user, event="session_expired_idle", obj=user)
                logout(request)
                return redirect(f"{reverse(settings.LOGIN_URL)}?next={request.path}&idle=1")
            if now - last >= _TOUCH_EVERY or "last_seen" not in request.session:
                request.session["last_seen"] = now
            if (
                self._password_change_due(user)
                and not request.path.startswith(self.EXEMPT_PREFIXES)
                and not request.path.startswith("/api/")
            ):
                return redirect("accounts:password_change")
        return self.get_response(request)

    @staticmethod
    def _password_change_due(user) -> bool:
        if user.must_change_password:
            return True
        max_age = settings.PASSWORD_MAX_AGE_DAYS
        if not max_age or user.password_changed_at is None:
            return False
        return (timezone.now() - user.password_changed_at).days >= max_age
