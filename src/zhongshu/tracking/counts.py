"""The counts every page shows — 待办 in the top bar, unread notifications in the bell —
and the workbench's cards. One SQL statement of scalar subqueries per request, each on
its own partial index, computed once and kept on the request's ``Reach``.

Every page needs only the top bar's two numbers (``shell_counts``): the 待办 and unread
counts stop at ``BADGE_CAP`` + 1 (the badge then reads "999+"), so a supervision office
awaiting tens of thousands of items pays for a thousand rows, not for all of them. The home
page's cards (``counts_for``) add the colours, the 待阅 and "我交办的" counts; the last
stops at ``CARD_CAP`` + 1 (an office that started a million items sees "10000+")."""

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


BADGE_CAP = 999
CARD_CAP = 10000


def _others(people: list[int]) -> dict[str, tuple[str, list]]:
    """The scalar subqueries beside the 待办 pass, each on its own index (unread stops at
    BADGE_CAP + 1, as the bell shows it)."""
    item = TrackedItem._meta.db_table
    mine = _marks(people)
    return {
        "approvals": (
            f"SELECT COUNT(*) FROM {Extension._meta.db_table}"
            f" WHERE status = %s AND approver_id IN ({mine})",
            [DecisionStatus.PENDING, *people],
        ),
        "unread": (
            f"SELECT COUNT(*) FROM (SELECT 1 FROM {Notification._meta.db_table}"
            f" WHERE read_at IS NULL AND recipient_id IN ({mine}) LIMIT {BADGE_CAP + 1}) unread",
            people,
        ),
        "to_read": (
            f"SELECT COUNT(*) FROM {ReadRequest._meta.db_table}"
            f" WHERE read_at IS NULL AND reader_id IN ({mine})",
            people,
        ),
        "started": (
            f"SELECT COUNT(*) FROM (SELECT 1 FROM {item} WHERE state IN ({STATES})"
            f" AND creator_id IN ({mine}) LIMIT {CARD_CAP + 1}) started",
            people,
        ),
    }


def _todo(people: list[int], units: list[int], column: str) -> tuple[str, list]:
    """My 待办: the two halves are disjoint; UNION ALL lets each read only its index."""
    item = TrackedItem._meta.db_table
    sql = (
        f"SELECT {column} FROM {item} WHERE state IN ({STATES}) AND awaiting_id IN ({_marks(people)})"
        f" UNION ALL SELECT {column} FROM {item} WHERE state IN ({STATES})"
        f" AND awaiting_id IS NULL AND awaiting_unit_id IN ({_marks(units)})"
    )
    return sql, [*people, *units]


def _sql(people: list[int], units: list[int]) -> tuple[str, list]:
    """The cards: one pass over my 待办 (count and colours, from the covering awaiting
    indexes) with the other counts as scalar subqueries beside it (in NAMES order)."""
    by_colour = "COALESCE(SUM(CASE WHEN colour = %s THEN 1 ELSE 0 END), 0)"
    others = _others(people)
    todo, todo_params = _todo(people, units, "colour")
    sql = (
        f"SELECT COUNT(*), {by_colour}, {by_colour}, "
        + ", ".join(f"({others[name][0]})" for name in NAMES[3:])
        + f" FROM ({todo}) todo"
    )
    params = [Colour.YELLOW, Colour.RED]
    params += [value for name in NAMES[3:] for value in others[name][1]]
    return sql, [*params, *todo_params]


def _shell_sql(people: list[int], units: list[int]) -> tuple[str, list]:
    """The top bar: 待办 and unread notifications (each stops at BADGE_CAP + 1), approvals."""
    others = _others(people)
    todo, todo_params = _todo(people, units, "1")
    sql = (
        f"SELECT (SELECT COUNT(*) FROM ({todo} LIMIT {BADGE_CAP + 1}) todo), "
        f"({others['approvals'][0]}), ({others['unread'][0]})"
    )
    return sql, [*todo_params, *others["approvals"][1], *others["unread"][1]]


NAMES = ("items", "yellow", "red", "approvals", "unread", "to_read", "started")


def counts_for(reach: Reach) -> dict[str, int]:
    """The home page's cards (and the top bar's numbers with them)."""
    cached = getattr(reach, "_counts", None)
    if cached is not None:
        return cached
    counts = _read(reach, _sql, NAMES)
    counts["total"] = counts["items"] + counts["approvals"]
    reach._counts = reach._shell_counts = counts
    return counts


def shell_counts(reach: Reach) -> dict[str, int]:
    """What every page's top bar shows: ``total`` (待办 + approvals) and ``unread``; the
    待办 and unread counts stop at BADGE_CAP + 1. The cards' counts serve when read."""
    cached = getattr(reach, "_shell_counts", None)
    if cached is not None:
        return cached
    counts = _read(reach, _shell_sql, ("items", "approvals", "unread"))
    counts["total"] = counts["items"] + counts["approvals"]
    reach._shell_counts = counts
    return counts


def _read(reach: Reach, build, names) -> dict[str, int]:
    if reach.person is None:
        return dict.fromkeys(names, 0)
    units = list(reach.unit_ids) or [0]
    sql, params = build(reach.person_ids, units)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {name: int(value or 0) for name, value in zip(names, cursor.fetchone(), strict=True)}


def forget_counts(reach: Reach) -> None:
    reach._counts = reach._shell_counts = None


def pending_count(user: Any) -> int:
    """待办 in the top bar: items awaiting me or my unit, and extensions I approve."""
    if not is_business_user(user):
        return 0
    return shell_counts(reach_of(user))["total"]


def unread_count(user: Any) -> int:
    if not is_business_user(user):
        return 0
    return shell_counts(reach_of(user))["unread"]
