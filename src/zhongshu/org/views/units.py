"""Units and their sections: the tree, a unit's page, and their forms and actions."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _

from zhongshu.framework.views import ObjectDetailView, ObjectListView

from .. import services
from ..choices import PortfolioKind
from ..filtersets import UnitFilterSet
from ..forms import SectionForm, UnitForm, initial_from
from ..models import Person, Position, Section, SeriesCode
from ..policies import PersonPolicy, SectionPolicy, UnitPolicy, can_export, is_org_manager
from ..tree import tree_order
from .base import OrgActionView, OrgFormView, get_visible


def _count(model, **filters):
    """A per-unit count as a subquery: no join fan-out, one query for the whole list."""
    rows = (
        model.objects.filter(unit=OuterRef("pk"), archived_at__isnull=True, **filters)
        .order_by()
        .values("unit")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def with_counts(qs):
    return qs.annotate(people_count=_count(Person), section_count=_count(Section)).prefetch_related(
        Prefetch("series_codes", queryset=SeriesCode.objects.filter(archived_at__isnull=True))
    )


class UnitTreeFilterSet(UnitFilterSet):
    """The same filters as the API, answered in tree order (parents before children)."""

    @property
    def qs(self):
        return tree_order(super().qs)


class UnitTreeView(ObjectListView):
    policy = UnitPolicy()
    filterset_class = UnitTreeFilterSet
    template_name = "org/unit_list.html"
    partial_template_name = "org/_unit_table.html"
    paginate_by = 200

    def get_queryset(self):
        return with_counts(super().get_queryset())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            can_manage=UnitPolicy().can_create(user),
            can_export=can_export(user),
            is_manager=is_org_manager(user),
        )
        return context


class UnitDetailView(ObjectDetailView):
    policy = UnitPolicy()
    template_name = "org/unit_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        unit, user = self.object, self.request.user
        sections = SectionPolicy().visible_to(user).filter(unit=unit)
        positions = (
            Position.objects.active()
            .filter(unit=unit, person__in=PersonPolicy().visible_to(user))
            .select_related("person", "post", "section")
            .order_by("post__rank", "post_id", "person__sort_order", "person_id")
        )
        context.update(
            children=with_counts(UnitPolicy().visible_to(user).filter(parent=unit)),
            sections=sections.annotate(people_count=Count("people")),
            positions=positions,
            series_codes=SeriesCode.objects.filter(unit=unit, archived_at__isnull=True),
            hosted=UnitPolicy().visible_to(user).filter(host=unit),
            principal=services.principal_of(unit),
            government_leaders=services.leaders_in_charge(unit, PortfolioKind.GOVERNMENT),
            office_leaders=services.leaders_in_charge(unit, PortfolioKind.OFFICE),
            can_manage=UnitPolicy().can_change(user, unit),
        )
        return context


class UnitCreateView(OrgFormView):
    policy = UnitPolicy()
    form_class = UnitForm
    title = _("新建单位")

    def get_initial(self):
        parent = self.request.GET.get("parent")
        return {"parent": parent} if parent else {}

    def perform(self, form) -> str:
        unit = services.create_unit(actor=self.request.user, **form.changes())
        return self.done(_("已新建单位。"), reverse("org:unit_detail", args=[unit.uuid]))


class UnitEditView(OrgFormView):
    policy = UnitPolicy()
    form_class = UnitForm
    verb = "change"

    def get_title(self):
        return _("编辑单位：%s") % self.object.name

    def get_initial(self):
        return initial_from(self.object, UnitForm.base_fields.keys() - {"version"})

    def perform(self, form) -> str:
        services.update_unit(
            actor=self.request.user,
            unit=self.object,
            expected_version=form.expected_version,
            changes=form.changes(),
        )
        return self.done(_("已保存。"), reverse("org:unit_detail", args=[self.object.uuid]))


class UnitArchiveView(OrgActionView):
    policy = UnitPolicy()
    verb = "archive"
    message = _("单位已归档。")

    def perform(self, obj) -> str:
        services.archive_unit(actor=self.request.user, unit=obj)
        return self.done(reverse("org:unit_list"))


class UnitRestoreView(OrgActionView):
    policy = UnitPolicy()
    verb = "restore"
    message = _("单位已恢复。")

    def perform(self, obj) -> str:
        services.restore_unit(actor=self.request.user, unit=obj)
        return self.done(reverse("org:unit_detail", args=[obj.uuid]))


class SectionCreateView(OrgFormView):
    policy = SectionPolicy()
    form_class = SectionForm
    form_kwargs_user = False

    def get_object(self):
        self.unit = get_visible(UnitPolicy(), self.request.user, self.kwargs["unit"])
        return None

    def get_title(self):
        return _("新建科室：%s") % self.unit.name

    def perform(self, form) -> str:
        services.create_section(actor=self.request.user, unit=self.unit, **form.changes())
        return self.done(_("已新建科室。"), reverse("org:unit_detail", args=[self.unit.uuid]))


class SectionEditView(OrgFormView):
    policy = SectionPolicy()
    form_class = SectionForm
    form_kwargs_user = False
    verb = "change"

    def get_title(self):
        return _("编辑科室：%s") % self.object

    def get_initial(self):
        return initial_from(self.object, SectionForm.base_fields.keys() - {"version"})

    def perform(self, form) -> str:
        services.update_section(
            actor=self.request.user,
            section=self.object,
            expected_version=form.expected_version,
            changes=form.changes(),
        )
        return self.done(_("已保存。"), reverse("org:unit_detail", args=[self.object.unit.uuid]))


class SectionArchiveView(OrgActionView):
    policy = SectionPolicy()
    verb = "archive"
    message = _("科室已归档。")

    def perform(self, obj) -> str:
        services.archive_section(actor=self.request.user, section=obj)
        return self.done(reverse("org:unit_detail", args=[obj.unit.uuid]))


class SectionRestoreView(OrgActionView):
    policy = SectionPolicy()
    verb = "restore"
    message = _("科室已恢复。")

    def perform(self, obj) -> str:
        services.restore_section(actor=self.request.user, section=obj)
        return self.done(reverse("org:unit_detail", args=[obj.unit.uuid]))
