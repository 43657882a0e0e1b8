"""The workbench's lists (我的工作台): what needs me, what I must read, what is due soon or
overdue, what I chased, where the things I started are, and a leader's view. Every list
is one indexed query over the people I stand for (me and those who delegated to me)."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from zhongshu.org.models import Portfolio, Unit
from zhongshu.tracking.acting import Reach
from zhongshu.tracking.choices import OPEN_STATES, Colour, DecisionStatus
from zhongshu.tracking.counts import todo_filter
from zhongshu.tracking.models import Chase, Extension, ReadRequest, TrackedItem
from zhongshu.tracking.sqlsets import literal_in
from zhongshu.tracking.views_common import rows

LEADER_CACHE_SECONDS = 60  # the sweep changes colours once a minute


@dataclass(frozen=True)
class WorkList:
    key: str
    label: str
    row: str  # "item", "chase" or "read": which table renders it
    default_sort: tuple[str, ...]


LISTS = {
    wl.key: wl
    for wl in [
        WorkList("todo", _("待办"), "item", ("due_at", "id")),
        WorkList("to_read", _("待阅"), "read", ("-requested_at", "-id")),
        WorkList("due_soon", _("即将到期"), "item", ("due_at", "id")),
        WorkList("overdue", _("已超期"), "item", ("due_at", "id")),
        WorkList("chased", _("我催办的"), "chase", ("-chased_at", "-id")),
        WorkList("started", _("我交办的"), "item", ("-state_changed_at", "-id")),
        WorkList("leader", _("分管事项超期"), "item", ("due_at", "id")),
    ]
}


def open_items():
    return literal_in("state", OPEN_STATES)


def items(queryset: QuerySet) -> QuerySet:
    return rows(queryset)


def todo(reach: Reach) -> QuerySet:
    return items(TrackedItem.objects.filter(todo_filter(reach)))


def queryset_for(key: str, reach: Reach) -> QuerySet:
    people = reach.person_ids
    if key == "todo":
        return todo(reach)
    if key == "due_soon":
        return todo(reach).filter(colour=Colour.YELLOW)
    if key == "overdue":
        return todo(reach).filter(colour=Colour.RED)
    if key == "started":
        return items(TrackedItem.objects.filter(open_items(), creator_id__in=people))
    if key == "leader":
        return items(leader_scope(reach).filter(colour=Colour.RED))
    if key == "chased":
        return Chase.objects.filter(chaser_id__in=people).select_related(
            "item", "target", "target_unit", "item__lead_unit"
        )
    if key == "to_read":
        return ReadRequest.objects.filter(
            reader_id__in=people, read_at__isnull=True
        ).select_related("requested_by", "item")
    raise KeyError(key)


def approvals(reach: Reach) -> QuerySet:
    return Extension.objects.filter(
        status=DecisionStatus.PENDING, approver_id__in=reach.person_ids
    ).select_related("item", "requested_by", "on_behalf_of")


# --- counts for the cards ---------------------------------------------------------------------
def card_counts(reach: Reach) -> dict[str, int]:
    from zhongshu.tracking.counts import counts_for

    counts = counts_for(reach)
    return {
        "todo": counts["total"],
        "due_soon": counts["yellow"],
        "overdue": counts["red"],
        "to_read": counts["to_read"],
        "started": counts["started"],
    }


# --- the leader's view ------------------------------------------------------------------------
def is_leader(reach: Reach) -> bool:
    return reach.person is not None and (reach.sees_all or bool(reach.portfolio_unit_ids))


def shows_leader_view(reach: Reach) -> bool:
    """Whether the home page offers the leader's view: the answer of ``is_leader``, kept a
    minute per user (it costs three queries; the view itself checks afresh)."""
    if reach.person is None:
        return False
    key = f"workbench:leader:{reach.user.pk}"
    found = cache.get(key)
    if found is None:
        found = is_leader(reach)
        cache.set(key, found, LEADER_CACHE_SECONDS)
    return found


def leader_scope(reach: Reach) -> QuerySet:
    """Open items of the units in my portfolios (分管), or all for supervisors."""
    qs = TrackedItem.objects.filter(open_items())
    if reach.sees_all:
        return qs
    return qs.filter(lead_unit_id__in=list(reach.portfolio_unit_ids))


def _scope_key(reach: Reach, what: str) -> str:
    scope = "all" if reach.sees_all else ",".join(map(str, sorted(reach.portfolio_unit_ids)))
    people = ",".join(map(str, sorted(reach.person_ids)))
    return f"workbench:{what}:" + hashlib.sha256(f"{scope}|{people}".encode()).hexdigest()[:32]


def colour_by_unit(reach: Reach) -> list[dict]:
    """Open items by lead unit and colour (SUP-16), cached for a minute per scope."""
    key = _scope_key(reach, "colours")
    rows = cache.get(key)
    if rows is None:
        counted = (
            leader_scope(reach)
            .values("lead_unit_id")
            .annotate(
                green=Count("id", filter=Q(colour=Colour.GREEN)),
                yellow=Count("id", filter=Q(colour=Colour.YELLOW)),
                red=Count("id", filter=Q(colour=Colour.RED)),
            )
            .order_by()
        )
        by_unit = {row["lead_unit_id"]: row for row in counted}
        units = Unit.objects.filter(pk__in=list(by_unit)).values("pk", "short_name", "path")
        rows = [
            {**by_unit[u["pk"]], "unit": u["short_name"], "path": u["path"]}
            for u in sorted(units, key=lambda u: -by_unit[u["pk"]]["red"])
        ]
        cache.set(key, rows, LEADER_CACHE_SECONDS)
    return rows


def colour_by_portfolio(reach: Reach, unit_rows: list[dict]) -> list[dict]:
    """The same counts summed per portfolio (a unit counts with the units below it): rows
    of leader, fields and the three colours, cached for a minute with the unit counts."""
    key = _scope_key(reach, "portfolios")
    result = cache.get(key)
    if result is not None:
        return result
    portfolios = Portfolio.objects.active()
    if not reach.sees_all:
        portfolios = portfolios.filter(leader_id__in=reach.person_ids)
    found = list(portfolios.values_list("pk", "leader__name", "fields"))
    paths: dict[int, list[str]] = defaultdict(list)
    for portfolio_id, path in Portfolio.units.through.objects.filter(
        portfolio_id__in=[pk for pk, _leader, _fields in found]
    ).values_list("portfolio_id", "unit__path"):
        paths[portfolio_id].append(path)
    result = []
    for pk, leader, fields in found:
        totals: dict[str, int] = defaultdict(int)
        for row in unit_rows:
            if any(row["path"].startswith(p) for p in paths[pk]):
                for colour in ("green", "yellow", "red"):
                    totals[colour] += row[colour]
        result.append(
            {
                "leader": leader,
                "fields": fields,
                **{c: totals[c] for c in ("green", "yellow", "red")},
            }
        )
    cache.set(key, result, LEADER_CACHE_SECONDS)
    return result
