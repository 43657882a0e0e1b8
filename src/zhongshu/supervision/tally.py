"""The ledger's counts by colour for the summaries and the red wall (SUP-16), kept as a
tally of the whole open ledger by (deputy head in charge, lead unit, source).

Grouping a million open lines on every request cost 1.8–2.8 s on PostgreSQL; the tally
is the same grouping done once a minute, after the sweep has recoloured the lines (the
colours themselves change only then), so it is as fresh as the colours are. A page
reading it groups at most a few thousand rows. A deputy head's or a unit's view takes the
tally's rows of its units and of the lines its people are in charge of, and counts live
only the few lines it sees as responsible person or cooperating unit. With no recent tally
(no scheduler running: development, tests) the page counts it first."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Count, Max, Q, QuerySet, Sum
from django.utils import timezone

from zhongshu.org.models import Person, Unit
from zhongshu.tracking.acting import reach_of
from zhongshu.tracking.choices import OPEN_STATES, Colour
from zhongshu.tracking.models import ItemUnit, TrackedItem

from .choices import Source
from .models import LedgerTally, SupervisedItem
from .services._common import ITEM_KIND

# The sweep counts every minute; a tally older than this means the scheduler is behind or
# not running, and the page counts it itself.
STALE_AFTER = dt.timedelta(minutes=2)
COUNTS = ("total", "red", "yellow", "green", "key_items")
FIELDS = {"leader": "leader_id", "unit": "unit_id", "source": "source"}


def counted(queryset: QuerySet, *group: str) -> QuerySet:
    """Open lines of ``queryset`` grouped by ``group``, counted by colour (one query)."""
    return (
        queryset.filter(item__state__in=OPEN_STATES)
        .values(*group)
        .annotate(
            total=Count("id"),
            red=Count("id", filter=Q(item__colour=Colour.RED)),
            yellow=Count("id", filter=Q(item__colour=Colour.YELLOW)),
            green=Count("id", filter=Q(item__colour=Colour.GREEN)),
            key_items=Count("id", filter=Q(item__is_key=True)),
        )
        .order_by()
    )


def refresh(now: dt.datetime | None = None) -> dt.datetime:
    """Count the whole open ledger into a new batch and drop the older ones."""
    now = now or timezone.now()
    rows = counted(SupervisedItem.objects.all(), "leader_id", "item__lead_unit_id", "source")
    batch = [
        LedgerTally(
            counted_at=now,
            leader_id=r["leader_id"],
            unit_id=r["item__lead_unit_id"],
            source=r["source"],
            **{k: r[k] for k in COUNTS},
        )
        for r in rows
    ]
    with transaction.atomic():
        LedgerTally.objects.bulk_create(batch, batch_size=2000)
        LedgerTally.objects.filter(counted_at__lt=now).delete()
    return now


def refresh_after_sweep(now: dt.datetime) -> None:
    """Sweep hook: the colours were just recomputed."""
    refresh(now)


def latest() -> dt.datetime:
    """The time of the tally the pages read (counted now when there is none recent)."""
    found = LedgerTally.objects.aggregate(at=Max("counted_at"))["at"]
    if found is None or found < timezone.now() - STALE_AFTER:
        found = refresh()
    return found


def summary(by: str, at: dt.datetime) -> list[dict[str, Any]]:
    """The tally of ``at`` grouped by leader, unit or source: rows with name, key (the
    uuid or value the ledger filters by) and the counts."""
    field = FIELDS[by]
    rows = list(
        LedgerTally.objects.filter(counted_at=at)
        .values(field)
        .annotate(**{k: Sum(k) for k in COUNTS})
        .order_by()
    )
    return named(by, rows, field)


def named(by: str, rows: list[dict[str, Any]], field: str) -> list[dict[str, Any]]:
    """Rows keyed by ids given their names and the keys of the ledger's filters (one query
    for the names), ordered most red first."""
    ids = [r[field] for r in rows if r[field] is not None]
    if by == "leader":
        names = {
            p: (n, u)
            for p, n, u in Person.objects.filter(pk__in=ids).values_list("pk", "name", "uuid")
        }
    elif by == "unit":
        names = {
            p: (n, u)
            for p, n, u in Unit.objects.filter(pk__in=ids).values_list("pk", "short_name", "uuid")
        }
    else:
        labels = dict(Source.choices)
        names = {value: (str(labels.get(value, value)), value) for value in ids}
    table = []
    for r in rows:
        name, key = names.get(r[field], ("—", ""))
        counts = {k: int(r[k] or 0) for k in COUNTS}
        table.append((-counts["red"], -counts["yellow"], str(name), str(key), counts))
    table.sort(key=lambda row: row[:3])
    return [{"name": name, "key": key, **counts} for _r, _y, name, key, counts in table]


LIVE_GROUPS = {"leader": "leader_id", "unit": "item__lead_unit_id", "source": "source"}


def live_summary(queryset: QuerySet, by: str) -> list[dict[str, Any]]:
    """``queryset``'s open lines counted on the spot."""
    return named(by, _live_rows(queryset, by), FIELDS[by])


def _live_rows(queryset: QuerySet, by: str) -> list[dict[str, Any]]:
    group = LIVE_GROUPS[by]
    return [{**r, FIELDS[by]: r[group]} for r in counted(queryset, group)]


def scoped_summary(user: Any, by: str, at: dt.datetime) -> list[dict[str, Any]]:
    """A deputy head's or a unit's view (the policy's ``ledger_scope``): the tally's rows
    of the units it leads or oversees and of the lines its people are in charge of, plus,
    counted live, the few lines it sees only as responsible person or cooperating unit."""
    reach = reach_of(user)
    if reach.person is None:
        return []
    units = set(reach.unit_ids) | set(reach.portfolio_unit_ids)
    people = reach.person_ids
    field = FIELDS[by]
    rows = list(
        LedgerTally.objects.filter(counted_at=at)
        .filter(Q(unit_id__in=units) | Q(leader_id__in=people))
        .values(field)
        .annotate(**{k: Sum(k) for k in COUNTS})
        .order_by()
    )
    cooperating = ItemUnit.objects.filter(
        unit_id__in=reach.unit_ids, item__state__in=OPEN_STATES, item__kind=ITEM_KIND
    ).values_list("item_id", flat=True)
    responsible = TrackedItem.objects.filter(
        responsible_id__in=people, state__in=OPEN_STATES, kind=ITEM_KIND
    ).values_list("id", flat=True)
    extra_ids = set(cooperating) | set(responsible)
    if extra_ids:
        extra = (
            SupervisedItem.objects.filter(item_id__in=extra_ids)
            .exclude(item__lead_unit_id__in=units)
            .exclude(leader_id__in=people)
        )
        merged = {r[field]: r for r in rows}
        for r in _live_rows(extra, by):
            into = merged.setdefault(r[field], {field: r[field], **dict.fromkeys(COUNTS, 0)})
            for k in COUNTS:
                into[k] = (into[k] or 0) + r[k]
        rows = list(merged.values())
    return named(by, rows, field)
