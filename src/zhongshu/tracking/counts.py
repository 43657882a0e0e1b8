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


def todo_filter(reach: Reach) -> Q:
    """待办: items awaiting one of my people, or awaiting my unit when nobody is named."""
    people = reach.person_ids
    return Q(state__in=OPEN_STATES) & (
        Q(awaiting_id__in=people)
        | Q(awaiting__isnull=True, awaiting_unit_id__in=list(reach.unit_ids))
    )


def _marks(values) -> str:
    return ", ".join(["%s"] * len(values))


def _sql(people: list[int], units: list[int]) -> tuple[str, list]:
    item = TrackedItem._meta.db_table
    states = list(OPEN_STATES)
    todo = (
        f"FROM {item} WHERE state IN ({_marks(states)}) AND (awaiting_id IN ({_marks(people)})"
        f" OR (awaiting_id IS NULL AND awaiting_unit_id IN ({_marks(units)})))"
    )
    sql = f"""SELECT
      (SELECT COUNT(*) {todo}),
      (SELECT COALESCE(SUM(CASE WHEN colour = %s THEN 1 ELSE 0 END), 0) {todo}),
      (SELECT COALESCE(SUM(CASE WHEN colour = %s THEN 1 ELSE 0 END), 0) {todo}),
      (SELECT COUNT(*) FROM {Extension._meta.db_table}
        WHERE status = %s AND approver_id IN ({_marks(people)})),
      (SELECT COUNT(*) FROM {Notification._meta.db_table}
        WHERE read_at IS NULL AND recipient_id IN ({_marks(people)})),
      (SELECT COUNT(*) FROM {ReadRequest._meta.db_table}
        WHERE read_at IS NULL AND reader_id IN ({_marks(people)})),
      (SELECT COUNT(*) FROM {item} WHERE state IN ({_marks(states)})
        AND creator_id IN ({_marks(people)}))"""
    todo_params = [*states, *people, *units]
    params = [
        *todo_params,
        Colour.YELLOW,
        *todo_params,
        Colour.RED,
        *todo_params,
        DecisionStatus.PENDING,
        *people,
        *people,
        *people,
        *states,
        *people,
    ]
    return sql, params


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
