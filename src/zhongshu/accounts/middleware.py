"""Session security: absolute lifetime, idle timeout, mandatory second-factor enrolment
and the forced password change, in that order."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from zhongshu.audit.services import record

LAST_SEEN = "last_seen"
LOGIN_AT = "login_at"
_TOUCH_EVERY = 30  # seconds; the idle clock is kept without writing the session every request


def password_change_due(user) -> bool:
    if user.must_change_password:
        return True
    max_age = settings.PASSWORD_MAX_AGE_DAYS
    if not max_age or user.password_changed_at is None:
        return False
    return (timezone.now() - user.password_changed_at).days >= max_age


class SessionSecurityMiddleware:
    # Pages a user may still reach while enrolment or a password change is pending.
    EXEMPT_PREFIXES = (
        "/static/",
        "/accounts/login",
        "/accounts/logout",
        "/accounts/password",
        "/accounts/totp",
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
            answer = self._expire(request, user) or self._gate(request, user)
            if answer is not None:
                return answer
        return self.get_response(request)

    def _expire(self, request, user):
        now = time.time()
        session = request.session
        login_at = session.get(LOGIN_AT, now)
        last = session.get(LAST_SEEN, now)
        if now - login_at > settings.SESSION_COOKIE_AGE:
            return self._end(request, user, "session_expired_absolute", "expired")
        if now - last > settings.SESSION_IDLE_MINUTES * 60:
            return self._end(request, user, "session_expired_idle", "idle")
        if LOGIN_AT not in session:
            session[LOGIN_AT] = now
        if now - last >= _TOUCH_EVERY or LAST_SEEN not in session:
            session[LAST_SEEN] = now
        return None

    def _end(self, request, user, event: str, flag: str):
        record(actor=user, event=event, obj=user)
        logout(request)
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"errors": [{"rule": "SESSION_EXPIRED", "message": "会话已过期，请重新登录。"}]},
                status=401,
            )
        url = f"{reverse(settings.LOGIN_URL)}?{urlencode({'next': request.path, flag: 1})}"
        if getattr(request, "htmx", None) or request.headers.get("HX-Request"):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = url  # the whole page goes to the login, not a fragment
            return response
        return redirect(url)

    def _gate(self, request, user):
        if request.path.startswith(self.EXEMPT_PREFIXES):
            return None
        if not user.totp_enabled and user.totp_required:
            return self._refuse(request, "accounts:totp_enroll", "TOTP_ENROLMENT_REQUIRED")
        if password_change_due(user):
            return self._refuse(request, "accounts:password_change", "PASSWORD_CHANGE_REQUIRED")
        return None

    @staticmethod
    def _refuse(request, url_name: str, code: str):
        if request.path.startswith("/api/"):
            message = "请先在网页上完成动态口令绑定或密码修改。"
            return JsonResponse({"errors": [{"rule": code, "message": message}]}, status=403)
        return redirect(url_name)
