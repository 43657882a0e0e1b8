"""Who a user is when they act on an item: their own person, or — through a delegation
(委托) — the person they act for. Every action by a delegate records on whose behalf it
was done, and the audit trail shows "代".

The people and units a user stands for are read once per request (two or three indexed
queries) and kept on the user object.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.utils import timezone

from zhongshu.framework import context
from zhongshu.org.models import Person, Portfolio, Unit
from zhongshu.org.services import acting_for

SEE_ALL = "tracking.view_all_items"
SUPERVISE = "tracking.supervise_items"


class Reach:
    """What a business user stands for: their person and the people who delegated work
    to them (委托), those people's units, and — read only when asked — the units in their
    portfolios (分管) and their supervising permissions."""

    def __init__(self, user: Any, person: Person | None, people: dict[int, Person]):
        self.user = user
        self.person = person
        self.people = people
        self.unit_ids = frozenset(p.unit_id for p in people.values())

    @property
    def person_ids(self) -> list[int]:
        return list(self.people)

    @cached_property
    def portfolio_unit_ids(self) -> frozenset[int]:
        return frozenset(_portfolio_units(self.person_ids)) if self.people else frozenset()

    @cached_property
    def sees_all(self) -> bool:
        return self.person is not None and self.user.has_perm(SEE_ALL)

    @cached_property
    def supervises(self) -> bool:
        return self.person is not None and self.user.has_perm(SUPERVISE)


def reach_of(user: Any) -> Reach:
    """Read once per request (the memo is keyed by the request id, so a user object that
    outlives its request — API test clients keep one — is read afresh next time)."""
    request_id = context.current().request_id
    cached = getattr(user, "_tracking_reach", None)
    if cached is not None and cached[0] == request_id:
        return cached[1]
    person = getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None
    if person is None:
        people = {}
    elif getattr(user, "_acts_for_others", None) is False:  # known when the user was loaded
        people = {person.pk: person}
    else:
        people = {person.pk: person, **{p.pk: p for p in acting_for(person)}}
    reach = Reach(user, person, people)
    if getattr(user, "is_authenticated", False):
        user._tracking_reach = (request_id, reach)
    return reach


def forget_reach(user: Any) -> None:
    if hasattr(user, "_tracking_reach"):
        del user._tracking_reach


def _portfolio_units(person_ids: list[int]) -> set[int]:
    """Units in the active portfolios (``Portfolio.objects.active()``) of these people and
    every unit below them (a unit's ``path`` starts with its ancestors' paths). One query,
    written as SQL: built through the ORM as one ``path LIKE`` term per portfolio unit, the
    query cost a leader several milliseconds on every page."""
    day = timezone.localdate()
    sql = (
        f"SELECT DISTINCT u.id FROM {Unit._meta.db_table} u "
        f"JOIN {Unit._meta.db_table} top ON substr(u.path, 1, length(top.path)) = top.path "
        f"JOIN {_PORTFOLIO_UNITS} pu ON pu.unit_id = top.id "
        f"JOIN {Portfolio._meta.db_table} p ON p.id = pu.portfolio_id "
        f"WHERE p.leader_id IN ({', '.join(['%s'] * len(person_ids))}) "
        "AND (p.started_on IS NULL OR p.started_on <= %s) "
        "AND (p.ended_on IS NULL OR p.ended_on > %s)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*person_ids, day, day])
        return {row[0] for row in cursor.fetchall()}


_PORTFOLIO_UNITS = Portfolio.units.through._meta.db_table


@dataclass(frozen=True)
class Acting:
    """The user acting, as which person, and for whom (None: for themselves)."""

    user: Any
    person: Person
    on_behalf_of: Person | None = None

    @property
    def audit_label(self) -> str:
        return self.on_behalf_of.label if self.on_behalf_of else ""

    @property
    def on_behalf_of_id(self) -> int | None:
        return self.on_behalf_of.pk if self.on_behalf_of else None


def acting_as(user: Any, fits: Callable[[Person], bool], *, supervisor_ok: bool = False) -> Acting:
    """The user as a person who ``fits`` the role (themselves first, then a delegator);
    a supervisor may act on any item when ``supervisor_ok``. Otherwise 403."""
    found = try_acting_as(user, fits, supervisor_ok=supervisor_ok)
    if found is None:
        raise PermissionDenied("无权对该事项执行此操作。")
    return found


def try_acting_as(
    user: Any, fits: Callable[[Person], bool], *, supervisor_ok: bool = False
) -> Acting | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    reach = reach_of(user)
    if reach.person is None:
        return None
    if fits(reach.person):
        return Acting(user, reach.person)
    for delegator in reach.people.values():
        if delegator.pk != reach.person.pk and fits(delegator):
            return Acting(user, reach.person, delegator)
    if supervisor_ok and reach.supervises:
        return Acting(user, reach.person)
    return None
