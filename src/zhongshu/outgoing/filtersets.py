"""One FilterSet for the HTML list, its Excel export and the API."""

from __future__ import annotations

import django_filters as filters
from django.utils.translation import gettext_lazy as _

from zhongshu.documents.choices import Disclosure, Kind
from zhongshu.framework import search

from .choices import State
from .models import OutgoingDocument

SORTS = {
    "-created_at": _("最新拟稿"),
    "created_at": _("最早拟稿"),
    "-issued_at": _("最新印发"),
    "-state_changed_at": _("最近变动"),
}


class OutgoingFilterSet(filters.FilterSet):
    q = filters.CharFilter(label=_("标题或文号"), method="search")
    state = filters.ChoiceFilter(label=_("状态"), choices=State.choices)
    kind = filters.ChoiceFilter(label=_("文种"), choices=Kind.choices)
    disclosure = filters.ChoiceFilter(label=_("公开属性"), choices=Disclosure.choices)
    is_normative = filters.BooleanFilter(label=_("规范性文件"))
    drafting_unit = filters.UUIDFilter(label=_("拟稿单位"), field_name="drafting_unit__uuid")
    year = filters.NumberFilter(label=_("年度"), field_name="year")
    sort = filters.ChoiceFilter(
        label=_("排序"), choices=list(SORTS.items()), method="sort_by", empty_label=_("默认排序")
    )

    class Meta:
        model = OutgoingDocument
        fields: list[str] = []

    def search(self, queryset, name, value):
        """Every word in the title or the number, through the full-text index."""
        return search.filter(queryset, value)

    def sort_by(self, queryset, name, value):
        return queryset.order_by(value, "-id") if value in SORTS else queryset


class PublicFilterSet(filters.FilterSet):
    q = filters.CharFilter(label=_("关键词"), method="search")
    year = filters.NumberFilter(label=_("年度"), field_name="year")
    kind = filters.ChoiceFilter(label=_("文种"), choices=Kind.choices)

    class Meta:
        model = OutgoingDocument
        fields: list[str] = []

    def search(self, queryset, name, value):
        """Every word in the title or the number, through the full-text index."""
        return search.filter(queryset, value)
