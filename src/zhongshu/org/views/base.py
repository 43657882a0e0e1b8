"""The organisation's view scaffolding on top of the framework's generic views."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404

from zhongshu.framework.views import ServiceActionView, ServiceFormView


def get_visible(policy, user, uuid):
    """An object the user may not see is a 404, whatever its id."""
    qs = policy.visible_to(user)
    try:
        return qs.get(uuid=uuid)
    except (qs.model.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


class OrgFormView(ServiceFormView):
    """A service form on the shared org form template (full page or htmx partial)."""

    template_name = "org/form.html"
    partial_template_name = "org/_form.html"
    title = ""
    form_kwargs_user = True

    def get_object(self):
        if "uuid" not in self.kwargs:
            return None
        return get_visible(self.policy, self.request.user, self.kwargs["uuid"])

    def get_initial(self) -> dict[str, Any]:
        return {}

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["initial"] = self.get_initial()
        if self.form_kwargs_user:
            kwargs["user"] = self.request.user
        return kwargs

    def get_title(self) -> str:
        return str(self.title)

    def get_cancel_url(self) -> str:
        return self.request.headers.get("Referer") or "/"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(title=self.get_title(), cancel_url=self.get_cancel_url())
        return context

    def done(self, message: str, url: str) -> str:
        messages.success(self.request, message)
        return url


class OrgActionView(ServiceActionView):
    """A POST button: archive, restore, end, revoke."""

    message = ""

    def done(self, url: str) -> str:
        if self.message:
            messages.success(self.request, str(self.message))
        return url


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied
