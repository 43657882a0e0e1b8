"""The counts every page shows — 待办 in the top bar, unread notifications in the bell —
and the workbench's cards. One SQL statement of scalar subqueries per request, each on
its own partial index, computed once and kept on the request's ``Reach``."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import Q

from zhongshu.framework.policies import is_business_user

from .acting import Reach, reach_of
from .choices import OPEN_STATES, Colour, DecisionStatus
from .models import Extension, Notification, ReadRequest, TrackedItem
from .sqlsets import literal_in


def todo_filter(reach: Reach) -> Q:
    """待办: items awaiting one of my people, or awaiting my unit when nobody is named."""
    people = reach.person_ids
    return Q(literal_in("state", OPEN_STATES)) & (
        Q(awaiting_id__in=people)
        | Q(awaiting__isnull=True, awaiting_unit_id__in=list(reach.unit_ids))
    )


def _marks(values) -> str:
    return ", ".join(["%s"] * len(values))


# Written out, not bound: SQLite uses the partial indexes (WHERE state IN (…)) only then.
STATES = ", ".join(f"'{state}'" for state in OPEN_STATES)


def _sql(people: list[int], units: list[int]) -> tuple[str, list]:
    """One pass over my 待办 (count and colours, from the covering awaiting indexes) with
    the other counts as scalar subqueries beside it (in NAMES order)."""
    item = TrackedItem._meta.db_table
    mine, my_units = _marks(people), _marks(units)
    by_colour = "COALESCE(SUM(CASE WHEN colour = %s THEN 1 ELSE 0 END), 0)"
    others = [
        (
            f"SELECT COUNT(*) FROM {Extension._meta.db_table}"
            f" WHERE status = %s AND approver_id IN ({mine})",
            [DecisionStatus.PENDING, *people],
        ),
        (
            f"SELECT COUNT(*) FROM {Notification._meta.db_table}"
            f" WHERE read_at IS NULL AND recipient_id IN ({mine})",
            people,
        ),
        (
            f"SELECT COUNT(*) FROM {ReadRequest._meta.db_table}"
            f" WHERE read_at IS NULL AND reader_id IN ({mine})",
            people,
        ),
        (
            f"SELECT COUNT(*) FROM {item} WHERE state IN ({STATES}) AND creator_id IN ({mine})",
            people,
        ),
    ]
    # The two halves of 待办 are disjoint; UNION ALL lets each read only its index.
    todo = (
        f"SELECT colour FROM {item} WHERE state IN ({STATES}) AND awaiting_id IN ({mine})"
        f" UNION ALL SELECT colour FROM {item} WHERE state IN ({STATES})"
        f" AND awaiting_id IS NULL AND awaiting_unit_id IN ({my_units})"
    )
    sql = (
        f"SELECT COUNT(*), {by_colour}, {by_colour}, "
        + ", ".join(f"({part})" for part, _params in others)
        + f" FROM ({todo}) todo"
    )
    params = [Colour.YELLOW, Colour.RED]
    params += [value for _part, values in others for value in values]
    return sql, [*params, *people, *units]


NAMES = ("items", "yellow", "red", "approvals", "unread", "to_read", "started")


def counts_for(reach: Reach) -> dict[str, int]:
    cached = getattr(reach, "_counts", None)
    if cached is not None:
        return cached
    if reach.person is None:
        counts = dict.fromkeys(NAMES, 0)
    else:
        units = list(reach.unit_ids) or [0]
        sql, params = _sql(reach.person_ids, units)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            counts = {
                name: int(value or 0) for name, value in zip(NAMES, cursor.fetchone(), strict=True)
            }
    counts["total"] = counts["items"] + counts["approvals"]
    reach._counts = counts
    return counts


def forget_counts(reach: Reach) -> None:
    reach._counts = None


def pending_count(user: Any) -> int:
    """待办 in the top bar: items awaiting me or my unit, and extensions I approve."""
    if not is_business_user(user):
        return 0
    return counts_for(reach_of(user))["total"]


def unread_count(user: Any) -> int:
    if not is_business_user(user):
        return 0
    return counts_for(reach_of(user))["unread"]
