"""Pieces the tracking pages and the workbench share: the item table's queryset, who
holds an item, list paging for htmx, and the Excel switch."""

from __future__ import annotations

from functools import cached_property

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


COUNT_CAP = 10000


class CappedPaginator(Paginator):
    """Counts at most ``cap`` + 1 rows: a supervisor's list of half a million open items
    shows "10000+" instead of counting them all on every page. Lists whose count costs
    more (a full-text search, the joined supervision ledger) pass a lower cap."""

    def __init__(self, object_list, per_page, *, cap: int = COUNT_CAP, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap

    @cached_property
    def count(self) -> int:
        return self.object_list.order_by()[: self.cap + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > self.cap


def first_rows(queryset, limit: int) -> list:
    """The first ``limit`` rows in the queryset's order, chosen on ids then read in full."""
    ids = list(queryset.values_list("pk", flat=True)[:limit])
    found = {obj.pk: obj for obj in queryset.order_by().filter(pk__in=ids)}
    return [found[pk] for pk in ids if pk in found]


def page_of(
    request,
    queryset,
    per_page: int = 20,
    count: int | None = None,
    *,
    cap: int = COUNT_CAP,
    rows=None,
):
    """A page of the list and the query string without ``page`` (for the page links).

    The page is chosen on the ids alone (a narrow sort, often from an index) and only its
    rows are then read in full: sorting wide rows with their joins is what costs. A caller
    that already knows the list's length passes ``count`` and no count query is run; one
    whose ids already passed costly filters passes ``rows``, the queryset to read them from."""
    paginator = CappedPaginator(queryset.values_list("pk", flat=True), per_page, cap=cap)
    if count is not None:
        paginator.count = min(count, cap + 1)  # the cached_property, given
    page = paginator.get_page(request.GET.get("page"))
    ids = list(page.object_list)
    source = rows if rows is not None else queryset.order_by()
    found = {obj.pk: obj for obj in source.filter(pk__in=ids)}
    page.object_list = [found[pk] for pk in ids if pk in found]
    query = request.GET.copy()
    for name in ("page", "format"):
        query.pop(name, None)
    return page, query.urlencode()


def wants_excel(request) -> bool:
    return request.GET.get("format") == "xlsx"
