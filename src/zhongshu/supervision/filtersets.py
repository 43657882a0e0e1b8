"""One FilterSet for the ledger page and the API list."""

from __future__ import annotations

import django_filters as filters
from django.utils.translation import gettext_lazy as _

from zhongshu.framework import search
from zhongshu.org.models import Person, Unit
from zhongshu.tracking.choices import Colour, ItemState
from zhongshu.tracking.models import TrackedItem

from .choices import Source
from .models import SupervisedItem

# Ties are broken by the tracked item's id (1:1 with the line), so that the ledger engine's
# (due_at, id) and (created_at, id) indexes give the order and a page is read by walking
# them, the filters checked on the way (a line per tracked item, by its unique item_id).
SORTS = {
    "due": ("item__due_at", "item_id"),
    "-due": ("-item__due_at", "-item_id"),
    "number": ("year", "number", "id"),
    "-created": ("-item__created_at", "-item_id"),
    "unit": ("item__lead_unit__sort_order", "item__due_at", "item_id"),
}
SORT_LABELS = {
    "due": _("时限由近到远"),
    "-due": _("时限由远到近"),
    "number": _("按序号"),
    "-created": _("最新交办"),
    "unit": _("按单位"),
}
OPEN = ("open", "in_progress", "closeout_requested", "returned")


class SupervisedItemFilterSet(filters.FilterSet):
    q = filters.CharFilter(label=_("事项"), method="search")
    source = filters.ChoiceFilter(label=_("来源"), choices=Source.choices)
    colour = filters.ChoiceFilter(
        label=_("预警"), field_name="item__colour", choices=Colour.choices
    )
    state = filters.ChoiceFilter(
        label=_("状态"),
        choices=[("open_all", _("全部在办")), *ItemState.choices, ("all", _("全部"))],
        method="by_state",
        empty_label=None,
    )
    leader = filters.UUIDFilter(label=_("分管区长"), method="by_leader")
    unit = filters.UUIDFilter(label=_("牵头单位"), method="by_unit")
    is_key = filters.BooleanFilter(label=_("重点督办"), field_name="item__is_key")
    year = filters.NumberFilter(label=_("年度"))
    sort = filters.ChoiceFilter(
        label=_("排序"), choices=list(SORT_LABELS.items()), method="sort_by", empty_label=None
    )

    class Meta:
        model = SupervisedItem
        fields: list[str] = []

    def search(self, queryset, name, value):
        """Every word in the line's subject, through the tracked items' full-text index."""
        return search.filter(queryset, value, through=("item_id", TrackedItem))

    # The leader's and the unit's ids are read first (one small query each) so that the
    # database plans the ledger query with a constant: joined on the uuid, PostgreSQL
    # guessed a few hundred lines for a leader with 100,000 and sorted them all.
    def by_leader(self, queryset, name, value):
        found = Person.objects.filter(uuid=value).values_list("id", flat=True).first()
        return queryset.filter(leader_id=found) if found else queryset.none()

    def by_unit(self, queryset, name, value):
        found = Unit.objects.filter(uuid=value).values_list("id", flat=True).first()
        return queryset.filter(item__lead_unit_id=found) if found else queryset.none()

    def by_state(self, queryset, name, value):
        if value == "all":
            return queryset
        if value == "open_all":
            return queryset.filter(item__state__in=OPEN)
        return queryset.filter(item__state=value)

    def sort_by(self, queryset, name, value):
        return queryset.order_by(*SORTS.get(value, SORTS["due"]))

    @property
    def qs(self):
        qs = super().qs
        data = self.data or {}
        if not data.get("state"):
            qs = qs.filter(item__state__in=OPEN)
        if not data.get("sort"):
            qs = qs.order_by(*SORTS["due"])
        return qs
