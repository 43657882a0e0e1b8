"""Pieces the tracking pages and the workbench share: the item table's queryset, who
holds an item, list paging for htmx, and the Excel switch."""

from __future__ import annotations

from django.core.paginator import Paginator

from .choices import ItemState

ITEM_RELATED = ("lead_unit", "responsible", "awaiting", "awaiting_unit")
# What a list row shows: loading only these keeps a page of rows cheap (no JSON lists).
ROW_FIELDS = (
    "uuid",
    "subject",
    "kind",
    "state",
    "colour",
    "is_key",
    "due_at",
    "basis",
    "deadline",
    "provisional",
    "suspended_at",
    "percent",
    "chase_step",
    "priority",
    "state_changed_at",
    "lead_unit_id",
    "responsible_id",
    "awaiting_id",
    "awaiting_unit_id",
    "created_at",
    "lead_unit__short_name",
    "responsible__name",
    "awaiting__name",
    "awaiting_unit__short_name",
)


def rows(queryset):
    """An item queryset ready for a list page: related names joined, only row fields."""
    return queryset.select_related(*ITEM_RELATED).only(*ROW_FIELDS)


def holder_label(item) -> str:
    """Who holds the item now: the approver when close-out is requested, else the
    responsible person, else the lead unit."""
    if item.state in (ItemState.CLOSED, ItemState.CANCELLED):
        return ""
    if item.awaiting_id:
        return item.awaiting.name
    if item.awaiting_unit_id:
        return item.awaiting_unit.short_name
    return item.lead_unit.short_name


def page_of(request, queryset, per_page: int = 20):
    """A page of the list and the query string without ``page`` (for the page links)."""
    page = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    for name in ("page", "format"):
        query.pop(name, None)
    return page, query.urlencode()


def wants_excel(request) -> bool:
    return request.GET.get("format") == "xlsx"
