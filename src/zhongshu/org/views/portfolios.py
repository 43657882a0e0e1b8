"""Portfolios (分管) and delegations (委托)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zhongshu.framework.views import ObjectListView

from .. import services
from ..filtersets import DelegationFilterSet, PortfolioFilterSet
from ..forms import DelegationForm, PortfolioForm, initial_from
from ..models import Position
from ..policies import DelegationPolicy, PortfolioPolicy, is_org_manager
from .base import OrgActionView, OrgFormView


class PortfolioListView(ObjectListView):
    policy = PortfolioPolicy()
    filterset_class = PortfolioFilterSet
    template_name = "org/portfolio_list.html"
    partial_template_name = "org/_portfolio_table.html"
    select_related = ("leader__unit",)
    ordering = ("kind", "leader__sort_order", "leader_id", "id")

    def get_queryset(self):
        posts = Prefetch(
            "leader__positions",
            queryset=Position.objects.active().select_related("post").order_by("post__rank"),
            to_attr="current_positions",
        )
        return super().get_queryset().prefetch_related("units", "sections__unit", posts)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_manage"] = is_org_manager(self.request.user)
        context["today"] = timezone.localdate()
        return context


class PortfolioCreateView(OrgFormView):
    policy = PortfolioPolicy()
    form_class = PortfolioForm
    title = _("新建分管")

    def get_initial(self):
        return {"fields": []}

    def perform(self, form) -> str:
        services.create_portfolio(actor=self.request.user, **form.changes())
        return self.done(_("已新建分管。"), reverse("org:portfolio_list"))


class PortfolioEditView(OrgFormView):
    policy = PortfolioPolicy()
    form_class = PortfolioForm
    verb = "change"

    def get_title(self):
        return _("编辑分管：%s") % self.object.leader.label

    def get_initial(self):
        initial = initial_from(self.object, ["leader", "kind", "fields", "started_on", "ended_on"])
        initial["units"] = list(self.object.units.all())
        initial["sections"] = list(self.object.sections.all())
        return initial

    def perform(self, form) -> str:
        services.update_portfolio(
            actor=self.request.user,
            portfolio=self.object,
            expected_version=form.expected_version,
            changes=form.changes(),
        )
        return self.done(_("已保存。"), reverse("org:portfolio_list"))


class PortfolioEndView(OrgActionView):
    policy = PortfolioPolicy()
    verb = "end"
    message = _("分管已结束。")

    def perform(self, obj) -> str:
        services.end_portfolio(actor=self.request.user, portfolio=obj)
        return self.done(reverse("org:portfolio_list"))


class DelegationListView(ObjectListView):
    policy = DelegationPolicy()
    filterset_class = DelegationFilterSet
    template_name = "org/delegation_list.html"
    partial_template_name = "org/_delegation_table.html"
    select_related = ("delegator__unit", "delegate__unit")
    ordering = ("-starts_at", "-id")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user, policy, now = self.request.user, DelegationPolicy(), timezone.now()
        context.update(
            can_create=policy.can_create(user),
            revocable={
                d.pk
                for d in context["object_list"]
                if policy.can_revoke(user, d) and d.revoked_at is None and d.ends_at > now
            },
            now=now,
        )
        return context


class DelegationCreateView(OrgFormView):
    policy = DelegationPolicy()
    form_class = DelegationForm
    title = _("新建委托")

    def get_cancel_url(self) -> str:
        return reverse("org:delegation_list")

    def perform(self, form) -> str:
        data = form.cleaned_data
        if not DelegationPolicy().can_delegate_for(self.request.user, data["delegator"]):
            raise PermissionDenied
        services.create_delegation(actor=self.request.user, **data)
        return self.done(_("已委托。"), reverse("org:delegation_list"))


class DelegationRevokeView(OrgActionView):
    policy = DelegationPolicy()
    verb = "revoke"
    message = _("委托已撤销。")

    def perform(self, obj) -> str:
        services.revoke_delegation(actor=self.request.user, delegation=obj)
        return self.done(reverse("org:delegation_list"))
