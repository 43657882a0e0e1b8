"""The security administrator's pages: business roles, their permissions and the
second-factor requirement; which roles an account holds; second-factor recovery."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View
from django.views.generic import TemplateView

from zhongshu.framework.errors import RuleViolation
from zhongshu.framework.views import add_rule_errors

from .. import services
from ..admin_forms import RoleForm, UserRolesForm
from ..choices import AdminRole
from ..models import RoleProfile
from .admin_accounts import get_account
from .mixins import AdminRoleRequiredMixin


def _violations_to_form(form, exc: RuleViolation) -> None:
    add_rule_errors(form, exc, on_fields=False)


class RoleListView(AdminRoleRequiredMixin, TemplateView):
    admin_roles = (AdminRole.SECURITY,)
    template_name = "accounts/admin/role_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["roles"] = (
            RoleProfile.objects.select_related("group")
            .annotate(
                members=Count("group__user", distinct=True),
                permission_count=Count("group__permissions", distinct=True),
            )
            .order_by("group__name")
        )
        return context


class RoleEditView(AdminRoleRequiredMixin, View):
    admin_roles = (AdminRole.SECURITY,)
    template_name = "accounts/admin/role_edit.html"

    def _role(self, code):
        return get_object_or_404(RoleProfile.objects.select_related("group"), code=code)

    def get(self, request, code):
        role = self._role(code)
        form = RoleForm(
            initial={
                "requires_totp": role.requires_totp,
                "permissions": list(role.group.permissions.values_list("pk", flat=True)),
            }
        )
        return render(request, self.template_name, {"role": role, "form": form})

    def post(self, request, code):
        role = self._role(code)
        form = RoleForm(request.POST)
        if form.is_valid():
            try:
                services.update_role(
                    actor=request.user,
                    role=role,
                    permissions=form.cleaned_data["permissions"],
                    requires_totp=form.cleaned_data["requires_totp"],
                )
            except RuleViolation as exc:
                _violations_to_form(form, exc)
            else:
                messages.success(request, f"角色“{role.group.name}”已保存。")
                return redirect("accounts:role_list")
        return render(request, self.template_name, {"role": role, "form": form}, status=422)


class UserRolesView(AdminRoleRequiredMixin, View):
    admin_roles = (AdminRole.SECURITY,)
    template_name = "accounts/admin/user_roles.html"

    def get(self, request, uuid):
        account = get_account(uuid)
        form = UserRolesForm(initial={"roles": list(account.groups.values_list("pk", flat=True))})
        return render(request, self.template_name, {"account": account, "form": form})

    def post(self, request, uuid):
        account = get_account(uuid)
        form = UserRolesForm(request.POST)
        if form.is_valid():
            try:
                services.assign_roles(
                    actor=request.user, user=account, groups=form.cleaned_data["roles"]
                )
            except RuleViolation as exc:
                _violations_to_form(form, exc)
            else:
                messages.success(request, "角色已保存。")
                return redirect("accounts:user_detail", uuid=account.uuid)
        context = {"account": account, "form": form}
        return render(request, self.template_name, context, status=422)


class TotpResetView(AdminRoleRequiredMixin, View):
    admin_roles = (AdminRole.SECURITY,)

    def post(self, request, uuid):
        account = get_account(uuid)
        services.reset_totp(actor=request.user, user=account)
        messages.success(request, "动态口令已重置；用户下次登录时可重新绑定。")
        return redirect("accounts:user_detail", uuid=account.uuid)
