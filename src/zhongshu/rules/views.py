from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404
from django.urls import reverse
from django.utils.http import urlencode

from zhongshu.audit.models import AuditRecord
from zhongshu.framework.views import ObjectDetailView, ObjectListView, ServiceFormView

from . import services
from .choices import Kind, Module
from .filtersets import RuleFilterSet
from .forms import ProfileSwitchForm, RuleParametersForm
from .models import Profile, Rule
from .policies import RulePolicy
from .presenters import by_module, history, present, with_profile

HISTORY_EVENTS = ("rule_parameter_changed", "rule_enabled", "rule_disabled")


class ProfileMixin:
    """The profile shown: ``?profile=city`` or the active one."""

    request: Any

    def get_profiles(self) -> list[Profile]:
        if not hasattr(self, "_profiles"):
            self._profiles = list(Profile.objects.all())
        return self._profiles

    def get_profile(self) -> Profile:
        profiles = self.get_profiles()
        wanted = self.request.GET.get("profile") or self.request.POST.get("profile")
        for profile in profiles:
            if (wanted and profile.code == wanted) or (not wanted and profile.is_active):
                return profile
        raise Http404("没有这个规则配置。")

    def profile_context(self) -> dict[str, Any]:
        profile = self.get_profile()
        return {
            "profile": profile,
            "profiles": self.get_profiles(),
            "active_profile": next((p for p in self.get_profiles() if p.is_active), None),
            "can_edit": RulePolicy().can_edit(self.request.user),
        }


class RuleListView(ProfileMixin, ObjectListView):
    """The catalogue as an office reads it: by module, each rule with its words, kinds,
    source and the profile's values. The catalogue is bounded (about a hundred rules),
    so one page holds it all."""

    policy = RulePolicy()
    filterset_class = RuleFilterSet
    paginate_by = 500
    template_name = "rules/rule_list.html"
    partial_template_name = "rules/_rule_groups.html"

    def get_queryset(self):
        return with_profile(super().get_queryset().order_by("position"), self.get_profile())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(self.profile_context())
        views = [present(rule, context["profile"]) for rule in context["object_list"]]
        context.update(
            groups=by_module(views),
            rule_count=len(views),
            modules=Module.choices,
            kinds=Kind.choices,
        )
        return context


class RuleDetailView(ProfileMixin, ObjectDetailView):
    policy = RulePolicy()
    template_name = "rules/rule_detail.html"

    def get_object(self):
        qs = with_profile(self.policy.visible_to(self.request.user), self.get_profile())
        try:
            return qs.get(rule_id=self.kwargs["rule_id"])
        except Rule.DoesNotExist as exc:
            raise Http404 from exc

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(self.profile_context())
        context["view_model"] = present(self.object, context["profile"])
        entries = AuditRecord.objects.filter(
            object_type="rules.rule", object_id=str(self.object.uuid), event__in=HISTORY_EVENTS
        ).order_by("-id")[:20]
        context["history"] = history(entries, self.object.rule_id)
        return context


class RuleEditView(ProfileMixin, ServiceFormView):
    """An office administrator edits a rule's values in one profile."""

    policy = RulePolicy()
    verb = "edit"
    form_class = RuleParametersForm
    template_name = "rules/rule_edit.html"

    def get_object(self):
        qs = with_profile(self.policy.visible_to(self.request.user), self.get_profile())
        try:
            rule = qs.get(rule_id=self.kwargs["rule_id"])
        except Rule.DoesNotExist as exc:
            raise Http404 from exc
        self.view_model = present(rule, self.get_profile())
        return rule

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "view": self.view_model}

    def perform(self, form) -> str:
        profile = self.get_profile()
        services.change_rule_parameters(
            actor=self.request.user,
            rule_id=self.object.rule_id,
            values=form.param_values(),
            enabled=form.cleaned_data["enabled"],
            profile=profile.code,
            expected_version=form.cleaned_data["version"],
        )
        messages.success(
            self.request, f"已保存 {self.object.rule_id} 的参数，对此后新建的事项生效。"
        )
        url = reverse("rules:rule_detail", args=[self.object.rule_id])
        return f"{url}?{urlencode({'profile': profile.code})}"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(self.profile_context())
        context["view_model"] = self.view_model
        return context


class ProfileSwitchView(ProfileMixin, ServiceFormView):
    policy = RulePolicy()
    verb = "switch_profile"
    form_class = ProfileSwitchForm
    template_name = "rules/profile_switch.html"

    def get_form_kwargs(self) -> dict[str, Any]:
        active = next((p.code for p in self.get_profiles() if p.is_active), "")
        return {**super().get_form_kwargs(), "profiles": self.get_profiles(), "active": active}

    def perform(self, form) -> str:
        profile = services.activate_profile(
            actor=self.request.user, code=form.cleaned_data["profile"]
        )
        messages.success(self.request, f"已启用“{profile.name}”，对此后新建的事项生效。")
        return reverse("rules:rule_list")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["profiles"] = self.get_profiles()
        return context
