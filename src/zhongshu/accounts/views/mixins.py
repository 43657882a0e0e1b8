"""Access to the administrators' pages: each page names the administrator roles it
serves; anyone else (a business user, another administrator) gets 403."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from ..choices import AdminRole
from ..policies import is_admin

ADMIN_HOMES = {
    AdminRole.SYSTEM: "accounts:user_list",
    AdminRole.SECURITY: "accounts:user_list",
    AdminRole.AUDITOR: "audit:record_list",
}


class AdminRoleRequiredMixin(LoginRequiredMixin):
    admin_roles: tuple[str, ...] = ()

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not any(
            is_admin(request.user, role) for role in self.admin_roles
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def home_url(user) -> str:
    """Where a user lands after login: the workbench, or an administrator's first page."""
    admin_role = getattr(user, "admin_role", "")
    if admin_role:
        return reverse(ADMIN_HOMES.get(admin_role, "accounts:profile"))
    return reverse("workbench:home")


def safe_next(request, user=None, target: str | None = None) -> str:
    """The ``next`` target when it is on this site; an administrator is never sent to
    the workbench, which is business content."""
    user = user or request.user
    default = home_url(user)
    if target is None:
        target = request.POST.get("next") or request.GET.get("next") or ""
    if not target or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return default
    if getattr(user, "admin_role", "") and target == reverse("workbench:home"):
        return default
    return target
