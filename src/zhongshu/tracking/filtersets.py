"""One FilterSet serves the HTML lists (tracking and the workbench) and the API."""

from __future__ import annotations

import django_filters as filters
from django.utils.translation import gettext_lazy as _

from zhongshu.framework import search

from . import registry
from .choices import Colour, ItemState, Priority, Urgency
from .models import TrackedItem

SORTS = {
    "due_at": _("时限由近到远"),
    "-due_at": _("时限由远到近"),
    "-created_at": _("最新交办"),
    "created_at": _("最早交办"),
    "-state_changed_at": _("最近变动"),
}


class TrackedItemFilterSet(filters.FilterSet):
    q = filters.CharFilter(label=_("事项"), method="search")
    colour = filters.ChoiceFilter(label=_("预警"), choices=Colour.choices)
    state = filters.ChoiceFilter(label=_("状态"), choices=ItemState.choices)
    kind = filters.ChoiceFilter(label=_("类型"), choices=registry.choices)
    priority = filters.ChoiceFilter(label=_("催办等级"), choices=Priority.choices)
    urgency = filters.ChoiceFilter(label=_("紧急程度"), choices=Urgency.choices)
    lead_unit = filters.UUIDFilter(label=_("牵头单位"), field_name="lead_unit__uuid")
    responsible = filters.UUIDFilter(label=_("责任人"), field_name="responsible__uuid")
    is_key = filters.BooleanFilter(label=_("重点督办"))
    provisional = filters.BooleanFilter(label=_("暂定日历"))
    due_after = filters.DateFilter(label=_("时限起"), field_name="due_at", lookup_expr="date__gte")
    due_before = filters.DateFilter(label=_("时限止"), field_name="due_at", lookup_expr="date__lte")
    sort = filters.ChoiceFilter(
        label=_("排序"), choices=list(SORTS.items()), method="sort_by", empty_label=_("默认排序")
    )

    class Meta:
        model = TrackedItem
        fields: list[str] = []

    def search(self, queryset, name, value):
        """Every word of the query in the subject, through the full-text index."""
        return search.filter(queryset, value)

    def sort_by(self, queryset, name, value):
        return queryset.order_by(value, "id" if not value.startswith("-") else "-id")


def filter_choices() -> list[tuple[str, str, list]]:
    """The select filters of the list pages, rendered by hand (cheaper than widgets)."""
    return [
        ("colour", _("预警"), Colour.choices),
        ("state", _("状态"), ItemState.choices),
        ("kind", _("类型"), registry.choices()),
        ("priority", _("催办等级"), Priority.choices),
        ("sort", _("排序"), list(SORTS.items())),
    ]
