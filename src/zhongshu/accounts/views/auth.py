"""Login (password, then the second factor when the account has one), logout, password
change, second-factor enrolment and the profile page."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.safestring import mark_safe
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from .. import services
from ..forms import LoginForm, PasswordChangeForm, TotpCodeForm
from ..middleware import LAST_SEEN, LOGIN_AT, password_change_due
from ..models import User
from ..services import totp
from .mixins import home_url, safe_next

BACKEND = "zhongshu.accounts.backends.LockoutModelBackend"
PENDING = "zhongshu_totp_pending"  # password passed, second factor not yet
PENDING_SECONDS = 300
ENROL_SECRET = "zhongshu_totp_enrol_secret"


def complete_login(request, user: User, *, second_factor: bool) -> None:
    login(request, user, backend=BACKEND)  # a new session key: no fixation
    now = time.time()
    request.session[LOGIN_AT] = now
    request.session[LAST_SEEN] = now
    services.log_login(actor=user, second_factor=second_factor)


@method_decorator(never_cache, name="dispatch")
class LoginView(View):
    template_name = "accounts/login.html"

    def get(self, request):
        if request.user.is_authenticated:
            return redirect(safe_next(request))
        context = {
            "form": LoginForm(request),
            "next": request.GET.get("next", ""),
            "idle": request.GET.get("idle"),
            "expired": request.GET.get("expired"),
        }
        return render(request, self.template_name, context)

    def post(self, request):
        form = LoginForm(request, data=request.POST)
        if not form.is_valid():
            context = {"form": form, "next": request.POST.get("next", "")}
            return render(request, self.template_name, context)
        user = form.user
        if user.totp_enabled:
            request.session.cycle_key()
            request.session[PENDING] = {
                "user": user.pk,
                "at": time.time(),
                "next": request.POST.get("next", ""),
            }
            return redirect("accounts:login_totp")
        complete_login(request, user, second_factor=False)
        return redirect(safe_next(request, user))


@method_decorator(never_cache, name="dispatch")
class TotpLoginView(View):
    """The second login step: the code from the authenticator app."""

    template_name = "accounts/login_totp.html"

    def _pending_user(self, request) -> User | None:
        pending = request.session.get(PENDING)
        if not pending or time.time() - pending["at"] > PENDING_SECONDS:
            request.session.pop(PENDING, None)
            return None
        return User.objects.filter(pk=pending["user"], is_active=True).first()

    def get(self, request):
        if self._pending_user(request) is None:
            return redirect("accounts:login")
        return render(request, self.template_name, {"form": TotpCodeForm()})

    def post(self, request):
        user = self._pending_user(request)
        if user is None:
            return redirect("accounts:login")
        form = TotpCodeForm(request.POST)
        if form.is_valid() and services.verify_login_totp(
            actor=None, user=user, code=form.cleaned_data["code"]
        ):
            target = request.session.pop(PENDING)["next"]
            complete_login(request, user, second_factor=True)
            return redirect(safe_next(request, user, target))
        user.refresh_from_db()
        if user.is_locked():
            request.session.pop(PENDING, None)
            message = LoginForm.error_messages["locked"] % {"minutes": settings.LOCKOUT_MINUTES}
            context = {"form": LoginForm(request), "next": "", "error": message}
            return render(request, "accounts/login.html", context)
        if form.is_valid():
            form.add_error("code", "动态口令不正确或已使用，请输入最新的口令。")
        return render(request, self.template_name, {"form": form}, status=422)


class LogoutView(View):
    def post(self, request):
        if request.user.is_authenticated:
            services.log_logout(actor=request.user)
        logout(request)
        return redirect("accounts:login")


@method_decorator(never_cache, name="dispatch")
class PasswordChangeView(LoginRequiredMixin, View):
    template_name = "accounts/password_change.html"

    def _render(self, request, form, status=200):
        context = {"form": form, "password_expired": password_change_due(request.user)}
        return render(request, self.template_name, context, status=status)

    def get(self, request):
        return self._render(request, PasswordChangeForm(request.user))

    def post(self, request):
        form = PasswordChangeForm(request.user, data=request.POST)
        if form.is_valid():
            try:
                services.change_password(
                    actor=request.user,
                    user=request.user,
                    new_password=form.cleaned_data["new_password1"],
                )
            except ValidationError as exc:
                form.add_error("new_password1", exc)
            else:
                update_session_auth_hash(request, request.user)
                messages.success(request, "密码已修改。")
                return redirect(home_url(request.user))
        return self._render(request, form, status=422)


@method_decorator(never_cache, name="dispatch")
class TotpEnrollView(LoginRequiredMixin, View):
    """Bind an authenticator app: scan the QR code (SVG drawn on the server), then
    prove it with one code. The secret stays in the session until then."""

    template_name = "accounts/totp_enroll.html"

    def _context(self, request, form) -> dict:
        secret = request.session.get(ENROL_SECRET)
        if not secret:
            secret = request.session[ENROL_SECRET] = totp.new_secret()
        uri = totp.provisioning_uri(request.user, secret)
        return {
            "form": form,
            "qr_svg": mark_safe(totp.qr_svg(uri)),  # our own markup: segno draws it from our URI
            "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
            "required": request.user.totp_required,
        }

    def get(self, request):
        if request.user.totp_enabled:
            return render(request, self.template_name, {"enabled": True})
        return render(request, self.template_name, self._context(request, TotpCodeForm()))

    def post(self, request):
        if request.user.totp_enabled:
            return redirect("accounts:totp_enroll")
        form = TotpCodeForm(request.POST)
        secret = request.session.get(ENROL_SECRET)
        if (
            secret
            and form.is_valid()
            and services.enroll_totp(
                actor=request.user, secret=secret, code=form.cleaned_data["code"]
            )
        ):
            request.session.pop(ENROL_SECRET, None)
            messages.success(request, "动态口令已启用，今后登录时需要输入。")
            return redirect(home_url(request.user))
        if form.is_valid():
            form.add_error("code", "动态口令不正确，请确认手机时间准确后重试。")
        return render(request, self.template_name, self._context(request, form), status=422)


class ProfileView(LoginRequiredMixin, TemplateView):
    template_name = "accounts/profile.html"
