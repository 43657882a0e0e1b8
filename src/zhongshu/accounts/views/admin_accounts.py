"""The system administrator's pages: accounts and the configuration. The security
administrator shares the account list and detail (to assign roles)."""

from __future__ import annotations

import os

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from zhongshu import conf
from zhongshu.framework.errors import RuleViolation
from zhongshu.framework.views import add_rule_errors, message_rule_errors

from .. import services
from ..admin_forms import AccountCreateForm, UserFilterForm
from ..choices import AdminRole
from ..models import User
from .mixins import ADMIN_HOMES, AdminRoleRequiredMixin

ACCOUNT_ADMINS = (AdminRole.SYSTEM, AdminRole.SECURITY)
_HIDDEN = ("SECRET", "PASSWORD", "DATABASE_URL", "TOKEN")


class AdminHomeView(AdminRoleRequiredMixin, View):
    admin_roles = (AdminRole.SYSTEM, AdminRole.SECURITY, AdminRole.AUDITOR)

    def get(self, request):
        return redirect(ADMIN_HOMES[request.user.admin_role])


def get_account(uuid) -> User:
    user = User.objects.select_related("person__unit", "person__section").filter(uuid=uuid).first()
    if user is None:
        raise Http404
    return user


def filter_accounts(qs, data: dict):
    if data.get("q"):
        qs = qs.filter(Q(username__icontains=data["q"]) | Q(person__name__contains=data["q"]))
    if data.get("kind") == "business":
        qs = qs.filter(admin_role="")
    elif data.get("kind") == "admin":
        qs = qs.exclude(admin_role="")
    status = data.get("status")
    if status == "active":
        qs = qs.filter(is_active=True)
    elif status == "disabled":
        qs = qs.filter(is_active=False)
    elif status == "locked":
        qs = qs.filter(locked_until__gt=timezone.now())
    return qs


class UserListView(AdminRoleRequiredMixin, TemplateView):
    admin_roles = ACCOUNT_ADMINS
    template_name = "accounts/admin/user_list.html"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = UserFilterForm(self.request.GET or None)
        data = form.cleaned_data if form.is_valid() else {}
        qs = User.objects.select_related("person__unit", "person__section").prefetch_related(
            "groups"
        )
        qs = filter_accounts(qs, data).order_by("username")
        page = Paginator(qs, self.paginate_by).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            filter_form=form,
            page_obj=page,
            accounts=page.object_list,
            querystring=query.urlencode(),
            now=timezone.now(),
        )
        return context


@method_decorator(never_cache, name="dispatch")
class UserCreateView(AdminRoleRequiredMixin, View):
    admin_roles = (AdminRole.SYSTEM,)
    template_name = "accounts/admin/user_create.html"

    def _render(self, request, form, status=200):
        form.limit_choices()
        return render(request, self.template_name, {"form": form}, status=status)

    def get(self, request):
        search = request.GET.get("person_q", "").strip()[:40]
        return self._render(request, AccountCreateForm(search=search))

    def post(self, request):
        search = request.POST.get("person_q", "").strip()[:40]
        form = AccountCreateForm(request.POST, search=search)
        if form.is_valid():
            try:
                user, password = services.create_account(
                    actor=request.user,
                    username=form.cleaned_data["username"],
                    person=form.cleaned_data["person"],
                )
            except RuleViolation as exc:
                add_rule_errors(form, exc)
            else:
                context = {"account": user, "password": password, "created": True}
                return render(request, "accounts/admin/user_password.html", context)
        return self._render(request, form, status=422)


class UserDetailView(AdminRoleRequiredMixin, TemplateView):
    admin_roles = ACCOUNT_ADMINS
    template_name = "accounts/admin/user_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        account = get_account(self.kwargs["uuid"])
        context.update(
            account=account,
            roles=account.groups.order_by("name"),
            locked=account.is_locked(),
        )
        return context


class UserActionView(AdminRoleRequiredMixin, View):
    """A POST button on the account page that calls one system-administrator service."""

    admin_roles = (AdminRole.SYSTEM,)
    action = ""

    def post(self, request, uuid):
        account = get_account(uuid)
        try:
            answer = self.perform(request, account)
        except RuleViolation as exc:
            message_rule_errors(request, exc)
            answer = None
        return answer or redirect("accounts:user_detail", uuid=account.uuid)

    def perform(self, request, account):
        if self.action == "disable":
            services.set_account_active(actor=request.user, user=account, active=False)
            messages.success(request, "账号已停用。")
        elif self.action == "enable":
            services.set_account_active(actor=request.user, user=account, active=True)
            messages.success(request, "账号已启用。")
        elif self.action == "unlock":
            services.unlock_account(actor=request.user, user=account)
            messages.success(request, "账号已解锁。")
        elif self.action == "reset_password":
            password = services.reset_password(actor=request.user, user=account)
            context = {"account": account, "password": password, "created": False}
            response = render(request, "accounts/admin/user_password.html", context)
            response["Cache-Control"] = "no-store"
            return response
        return None


class ConfigView(AdminRoleRequiredMixin, TemplateView):
    """The configuration in force (read-only: settings come from the environment)."""

    admin_roles = (AdminRole.SYSTEM,)
    template_name = "accounts/admin/config.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = []
        for item in sorted(conf.REGISTRY.values(), key=lambda s: s.name):
            is_set = item.name in os.environ
            if any(word in item.name for word in _HIDDEN):
                value = "（已设置，不显示）" if is_set else "（未设置）"
            else:
                value = os.environ[item.name] if is_set else item.shown or item.default
                if isinstance(value, list):
                    value = ",".join(value)
            rows.append({"name": item.name, "value": value, "is_set": is_set, "help": item.help})
        context.update(
            rows=rows,
            security={
                "密码最短长度": settings.PASSWORD_MIN_LENGTH,
                "密码字符类别（四类中至少）": settings.PASSWORD_MIN_CLASSES,
                "密码有效期（天）": settings.PASSWORD_MAX_AGE_DAYS,
                "锁定阈值（连续失败次数）": settings.LOCKOUT_THRESHOLD,
                "锁定时长（分钟）": settings.LOCKOUT_MINUTES,
                "空闲超时（分钟）": settings.SESSION_IDLE_MINUTES,
                "会话最长时间（小时）": settings.SESSION_COOKIE_AGE // 3600,
                "审计记录最短保存（天）": settings.AUDIT_RETENTION_DAYS,
            },
        )
        return context
