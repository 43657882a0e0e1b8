from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import TemplateView

from . import services
from .forms import LoginForm, PasswordChangeForm


def _safe_next(request, default: str = "/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or default
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


class LoginView(View):
    template_name = "accounts/login.html"

    def get(self, request):
        if request.user.is_authenticated:
            return redirect(_safe_next(request))
        return render(
            request,
            self.template_name,
            {
                "form": LoginForm(request),
                "next": _safe_next(request),
                "idle": request.GET.get("idle"),
            },
        )

    def post(self, request):
        form = LoginForm(request, data=request.POST)
        if not form.is_valid():
            return render(
                request, self.template_name, {"form": form, "next": _safe_next(request)}, status=200
            )
        login(request, form.user)
        services.log_login(actor=form.user)
        return redirect(_safe_next(request))


class LogoutView(View):
    def post(self, request):
        if request.user.is_authenticated:
            services.log_logout(actor=request.user)
        logout(request)
        return redirect("accounts:login")


class PasswordChangeView(LoginRequiredMixin, View):
    template_name = "accounts/password_change.html"

    def get(self, request):
        return render(request, self.template_name, {"form": PasswordChangeForm(request.user)})

    def post(self, request):
        form = PasswordChangeForm(request.user, data=request.POST)
        if form.is_valid():
            services.change_password(
                actor=request.user,
                user=request.user,
                new_password=form.cleaned_data["new_password1"],
            )
            update_session_auth_hash(request, request.user)
            messages.success(request, "密码已修改。")
            return redirect("/")
        return render(request, self.template_name, {"form": form}, status=422)


class ProfileView(LoginRequiredMixin, TemplateView):
    template_name = "accounts/profile.html"
