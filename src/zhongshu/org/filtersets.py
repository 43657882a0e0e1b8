"""Filters shared by the HTML lists and the API lists (one FilterSet each)."""

from __future__ import annotations

import django_filters as filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from .choices import PortfolioKind, SectionKind, SeriesKind, UnitKind
from .models import Delegation, Person, Portfolio, Position, Post, Section, SeriesCode, Unit
from .policies import PersonPolicy, SectionPolicy, UnitPolicy


def visible_units(request):
    return UnitPolicy().visible_to(getattr(request, "user", None))


def visible_sections(request):
    return SectionPolicy().visible_to(getattr(request, "user", None))


def visible_people(request):
    return PersonPolicy().visible_to(getattr(request, "user", None))


class ArchivedFilterSet(filters.FilterSet):
    """Archived objects are left out unless asked for (and visible: managers only)."""

    include_archived = filters.BooleanFilter(label=_("含已归档"), method="filter_include_archived")

    def __init__(self, data=None, *args, **kwargs):
        # Always bound: an empty query must still leave archived objects out.
        super().__init__({} if data is None else data, *args, **kwargs)

    def filter_include_archived(self, queryset, name, value):
        return queryset  # applied in filter_queryset, which also sees an absent value

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("include_archived"):
            queryset = queryset.filter(archived_at__isnull=True)
        return queryset


class UnitFilterSet(ArchivedFilterSet):
    q = filters.CharFilter(label=_("名称"), method="filter_q")
    kind = filters.ChoiceFilter(label=_("类别"), choices=UnitKind.choices)
    parent = filters.ModelChoiceFilter(
        label=_("上级单位"), to_field_name="uuid", queryset=visible_units
    )

    class Meta:
        model = Unit
        fields = ["q", "kind", "parent", "include_archived"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(short_name__icontains=value))


class SectionFilterSet(ArchivedFilterSet):
    unit = filters.ModelChoiceFilter(label=_("单位"), to_field_name="uuid", queryset=visible_units)
    kind = filters.ChoiceFilter(label=_("类别"), choices=SectionKind.choices)

    class Meta:
        model = Section
        fields = ["unit", "kind", "include_archived"]


class SeriesCodeFilterSet(ArchivedFilterSet):
    unit = filters.ModelChoiceFilter(label=_("单位"), to_field_name="uuid", queryset=visible_units)
    kind = filters.ChoiceFilter(label=_("类别"), choices=SeriesKind.choices)

    class Meta:
        model = SeriesCode
        fields = ["unit", "kind", "include_archived"]


class PersonFilterSet(ArchivedFilterSet):
    q = filters.CharFilter(label=_("姓名"), field_name="name", lookup_expr="icontains")
    unit = filters.ModelChoiceFilter(
        label=_("单位（含下级）"),
        to_field_name="uuid",
        queryset=visible_units,
        method="filter_unit",
    )
    post = extend_schema_field(OpenApiTypes.STR)(
        filters.ModelChoiceFilter(
            label=_("职务（代码）"),
            to_field_name="code",
            queryset=Post.objects.all(),
            method="filter_post",
        )
    )
    section = filters.ModelChoiceFilter(
        label=_("科室"), to_field_name="uuid", queryset=visible_sections
    )

    class Meta:
        model = Person
        fields = ["q", "unit", "post", "section", "include_archived"]

    def filter_unit(self, queryset, name, value):
        return queryset.filter(unit__path__startswith=value.path)

    def filter_post(self, queryset, name, value):
        holders = Position.objects.active().filter(post=value).values("person_id")
        return queryset.filter(pk__in=holders)


class PositionFilterSet(filters.FilterSet):
    person = filters.ModelChoiceFilter(
        label=_("人员"), to_field_name="uuid", queryset=visible_people
    )
    unit = filters.ModelChoiceFilter(label=_("单位"), to_field_name="uuid", queryset=visible_units)
    post = filters.ModelChoiceFilter(
        label=_("职务"), to_field_name="code", queryset=Post.objects.all()
    )
    active = filters.BooleanFilter(label=_("在任"), method="filter_active")

    class Meta:
        model = Position
        fields = ["person", "unit", "post", "active"]

    def filter_active(self, queryset, name, value):
        active = Position.objects.active().values("pk")
        return queryset.filter(pk__in=active) if value else queryset.exclude(pk__in=active)


class PortfolioFilterSet(filters.FilterSet):
    leader = filters.ModelChoiceFilter(
        label=_("分管领导"), to_field_name="uuid", queryset=visible_people
    )
    kind = filters.ChoiceFilter(label=_("类别"), choices=PortfolioKind.choices)
    unit = filters.ModelChoiceFilter(
        label=_("分管单位"), to_field_name="uuid", queryset=visible_units, field_name="units"
    )
    active = filters.BooleanFilter(label=_("在用"), method="filter_active")

    class Meta:
        model = Portfolio
        fields = ["leader", "kind", "unit", "active"]

    def filter_active(self, queryset, name, value):
        active = Portfolio.objects.active().values("pk")
        return queryset.filter(pk__in=active) if value else queryset.exclude(pk__in=active)


class DelegationFilterSet(filters.FilterSet):
    delegator = filters.ModelChoiceFilter(
        label=_("委托人"), to_field_name="uuid", queryset=visible_people
    )
    delegate = filters.ModelChoiceFilter(
        label=_("受托人"), to_field_name="uuid", queryset=visible_people
    )
    active = filters.BooleanFilter(label=_("生效中"), method="filter_active")

    class Meta:
        model = Delegation
        fields = ["delegator", "delegate", "active"]

    def filter_active(self, queryset, name, value):
        active = Delegation.objects.active().values("pk")
        return queryset.filter(pk__in=active) if value else queryset.exclude(pk__in=active)
