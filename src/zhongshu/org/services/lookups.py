"""Read helpers other apps call (routing, the workbench, documents). Each is one or two
indexed queries; none writes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import QuerySet

from ..choices import PortfolioKind
from ..models import Delegation, Person, Portfolio, Position, Unit

# The posts that make someone the head of their unit, strongest first: the district head
# heads the government, the office director the office, a principal any other unit.
PRINCIPAL_POSTS = ("head", "office_director", "unit_principal")


def unit_subtree(unit: Unit, *, include_archived: bool = False) -> QuerySet[Unit]:
    """The unit and every unit below it (one prefix query on the indexed path)."""
    qs = Unit.objects.filter(path__startswith=unit.path)
    return qs if include_archived else qs.filter(archived_at__isnull=True)


def ancestor_ids(unit: Unit) -> list[int]:
    """Ids from the unit itself up to its root, read from the path without a query."""
    return [int(part) for part in reversed(unit.path.strip("/").split("/")) if part]


def acting_for(person: Person, at: dt.datetime | None = None) -> list[Person]:
    """The people whose pending work ``person`` may do at ``at`` (default now), because
    they delegated it to them (委托)."""
    # The ids first: most people have no delegation, and as a subquery SQLite's planner
    # walks every person instead of looking the few delegators up by key.
    delegators = list(
        Delegation.objects.active(at).filter(delegate=person).values_list("delegator_id", flat=True)
    )
    if not delegators:
        return []
    return list(
        Person.objects.filter(pk__in=delegators, archived_at__isnull=True).select_related("unit")
    )


def can_act_for(person: Person, on_behalf_of: Person, at: dt.datetime | None = None) -> bool:
    if person.pk == on_behalf_of.pk:
        return True
    return Delegation.objects.active(at).filter(delegate=person, delegator=on_behalf_of).exists()


def delegation_label(actor_person: Person, on_behalf_of: Person | None) -> str:
    """How an action is signed: “李四（代张三）” when done for someone else, else “李四”."""
    if on_behalf_of is None or on_behalf_of.pk == actor_person.pk:
        return actor_person.name
    return f"{actor_person.name}（代{on_behalf_of.name}）"


def leaders_in_charge(
    unit: Unit,
    kind: str = PortfolioKind.GOVERNMENT,
    at: dt.date | dt.datetime | None = None,
) -> list[Person]:
    """The leaders whose portfolio covers ``unit`` (分管领导). A unit no portfolio names
    is covered by its host department (a coordinating body), else by the nearest unit
    above it that is named."""
    chain = ancestor_ids(unit)
    if unit.host is not None:
        chain[1:1] = [i for i in ancestor_ids(unit.host) if i not in chain]
    through = Portfolio.units.through
    rows = (
        through.objects.filter(
            unit_id__in=chain,
            portfolio__in=Portfolio.objects.active(at).filter(kind=kind),
            portfolio__leader__archived_at__isnull=True,
        )
        .select_related("portfolio__leader__unit")
        .order_by("portfolio__leader__sort_order", "portfolio__leader_id")
    )
    by_unit: dict[int, list[Person]] = {}
    for row in rows:
        leaders = by_unit.setdefault(row.unit_id, [])
        if row.portfolio.leader not in leaders:
            leaders.append(row.portfolio.leader)
    for unit_id in chain:
        if unit_id in by_unit:
            return by_unit[unit_id]
    return []


def people_with_post(
    post_code: str | Iterable[str],
    unit: Unit | None = None,
    at: dt.date | dt.datetime | None = None,
) -> QuerySet[Person]:
    """Active people holding the post(s) now (in ``unit`` when given)."""
    codes = [post_code] if isinstance(post_code, str) else list(post_code)
    positions = Position.objects.active(at).filter(post__code__in=codes)
    if unit is not None:
        positions = positions.filter(unit=unit)
    return Person.objects.filter(
        pk__in=positions.values("person_id"), archived_at__isnull=True
    ).select_related("unit", "section")


def principal_of(unit: Unit, at: dt.date | dt.datetime | None = None) -> Person | None:
    """The head of the unit (部门主要负责人): its principal, or the district head for the
    government and the office director for the office."""
    position = (
        Position.objects.active(at)
        .filter(unit=unit, post__code__in=PRINCIPAL_POSTS, person__archived_at__isnull=True)
        .select_related("person__unit")
        .order_by("post__rank", "id")
        .first()
    )
    return position.person if position else None
