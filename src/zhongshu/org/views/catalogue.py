"""The catalogues: series codes (代字) and posts (职务)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from zhongshu.framework.views import ObjectListView

from .. import services
from ..filtersets import SeriesCodeFilterSet
from ..forms import PostForm, SeriesCodeForm, initial_from
from ..policies import PostPolicy, SeriesCodePolicy, is_org_manager
from .base import OrgActionView, OrgFormView


class SeriesCodeListView(ObjectListView):
    policy = SeriesCodePolicy()
    filterset_class = SeriesCodeFilterSet
    template_name = "org/seriescode_list.html"
    partial_template_name = "org/_seriescode_table.html"
    select_related = ("unit",)
    ordering = ("unit__sort_order", "unit_id", "code")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_manage"] = is_org_manager(self.request.user)
        return context


class SeriesCodeCreateView(OrgFormView):
    policy = SeriesCodePolicy()
    form_class = SeriesCodeForm
    title = _("新建发文代字")

    def perform(self, form) -> str:
        services.create_series_code(actor=self.request.user, **form.changes())
        return self.done(_("已新建代字。"), reverse("org:seriescode_list"))


class SeriesCodeEditView(OrgFormView):
    policy = SeriesCodePolicy()
    form_class = SeriesCodeForm
    verb = "change"

    def get_title(self):
        return _("编辑发文代字：%s") % self.object.code

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "editing": True}

    def get_initial(self):
        return initial_from(self.object, ["unit", "code", "kind", "description"])

    def perform(self, form) -> str:
        services.update_series_code(
            actor=self.request.user,
            series=self.object,
            expected_version=form.expected_version,
            changes=form.changes(),
        )
        return self.done(_("已保存。"), reverse("org:seriescode_list"))


class SeriesCodeArchiveView(OrgActionView):
    policy = SeriesCodePolicy()
    verb = "archive"
    message = _("代字已停用。")

    def perform(self, obj) -> str:
        services.archive_series_code(actor=self.request.user, series=obj)
        return self.done(reverse("org:seriescode_list"))


class SeriesCodeRestoreView(OrgActionView):
    policy = SeriesCodePolicy()
    verb = "restore"
    message = _("代字已恢复。")

    def perform(self, obj) -> str:
        services.restore_series_code(actor=self.request.user, series=obj)
        return self.done(reverse("org:seriescode_list"))


class PostListView(ObjectListView):
    policy = PostPolicy()
    template_name = "org/post_list.html"
    partial_template_name = "org/_post_table.html"
    ordering = ("rank", "id")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_manage"] = is_org_manager(self.request.user)
        return context


class PostCreateView(OrgFormView):
    policy = PostPolicy()
    form_class = PostForm
    form_kwargs_user = False
    title = _("新建职务")

    def perform(self, form) -> str:
        services.create_post(actor=self.request.user, **form.changes())
        return self.done(_("已新建职务。"), reverse("org:post_list"))


class PostEditView(OrgFormView):
    policy = PostPolicy()
    form_class = PostForm
    form_kwargs_user = False
    verb = "change"

    def get_title(self):
        return _("编辑职务：%s") % self.object.name

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "editing": True}

    def get_initial(self):
        return initial_from(self.object, ["code", "name", "rank", "is_leader"])

    def perform(self, form) -> str:
        services.update_post(
            actor=self.request.user,
            post=self.object,
            expected_version=form.expected_version,
            changes=form.changes(),
        )
        return self.done(_("已保存。"), reverse("org:post_list"))
