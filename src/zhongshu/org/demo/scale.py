"""A large synthetic organisation for benchmarks (``manage.py seed_scale``).

Written with ``bulk_create`` (a few seconds for 300 units and 5,000 people), under its
own root unit 规模测试区人民政府（合成）, apart from the demo district. It tops up: a
second run with the same numbers adds nothing, larger numbers add the difference. One
audit record (``org_scale_seeded``) notes each run; the rows themselves are synthetic
and are not audited one by one. No accounts are created for synthetic people.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from django.db import transaction

from zhongshu.audit.services import record

from ..choices import SectionKind, UnitKind
from ..models import Person, Position, Post, Section, Unit
from .data import GIVEN, SURNAMES

ROOT_NAME = "规模测试区人民政府（合成）"
UNIT_PREFIX = "规模测试单位"
SECTIONS = [
    ("综合科", SectionKind.GENERAL),
    ("业务一科", SectionKind.OTHER),
    ("业务二科", SectionKind.OTHER),
]
CHILDREN_PER_TOP = 9  # one top-level department in ten; the rest sit under them
BATCH = 1000


@dataclass(frozen=True)
class Seeded:
    units: int
    people: int


def _root() -> Unit:
    root = Unit.objects.filter(name=ROOT_NAME, archived_at__isnull=True).first()
    if root is None:
        root = Unit.objects.create(
            name=ROOT_NAME, short_name="规模测试区", kind=UnitKind.GOVERNMENT
        )
        root.path = f"/{root.pk}/"
        Unit.objects.filter(pk=root.pk).update(path=root.path)
    return root


def _add_units(root: Unit, wanted: int) -> int:
    existing = Unit.objects.filter(path__startswith=root.path).exclude(pk=root.pk).count()
    start, count = existing, max(wanted - existing, 0)
    if not count:
        return 0
    tops = {u.sort_order: u for u in Unit.objects.filter(parent=root)}
    added: list[Unit] = []
    for index in range(start, start + count):
        top_index = index // (CHILDREN_PER_TOP + 1)
        is_top = index % (CHILDREN_PER_TOP + 1) == 0
        parent = root if is_top else tops[top_index]
        unit = Unit(
            name=f"{UNIT_PREFIX}{index + 1:04d}",
            short_name=f"测试{index + 1:04d}",
            kind=UnitKind.DEPARTMENT if is_top else UnitKind.DIRECT_UNIT,
            parent=parent,
            sort_order=top_index if is_top else index,
        )
        # One insert per unit: its id must exist before its children's paths can.
        unit.save()
        unit.path = f"{parent.path}{unit.pk}/"
        if is_top:
            tops[top_index] = unit
        added.append(unit)
    Unit.objects.bulk_update(added, ["path"], batch_size=BATCH)
    sections = [
        Section(unit=u, name=name, kind=kind, sort_order=i)
        for u in added
        for i, (name, kind) in enumerate(SECTIONS)
    ]
    Section.objects.bulk_create(sections, batch_size=BATCH)
    return len(added)


def _names():
    for given, surname in itertools.product(GIVEN, SURNAMES):
        yield surname + given


def _add_people(root: Unit, wanted: int) -> int:
    in_scale = Person.objects.filter(unit__path__startswith=root.path)
    existing = in_scale.count()
    count = max(wanted - existing, 0)
    if not count:
        return 0
    units = list(Unit.objects.filter(path__startswith=root.path).exclude(pk=root.pk).order_by("id"))
    sections: dict[int, list[Section]] = {}
    for section in Section.objects.filter(unit__in=units).order_by("sort_order"):
        sections.setdefault(section.unit_id, []).append(section)
    names = itertools.islice(itertools.cycle(_names()), existing, None)
    people = []
    for index in range(existing, existing + count):
        unit = units[index % len(units)]
        unit_sections = sections.get(unit.pk) or [None]
        people.append(
            Person(
                name=next(names),
                unit=unit,
                section=unit_sections[(index // len(units)) % len(unit_sections)],
                office_phone=f"7{index:07d}",
                sort_order=100 + index // len(units),
            )
        )
    Person.objects.bulk_create(people, batch_size=BATCH)
    _add_positions(people, len(units))
    return count


def _add_positions(people: list[Person], unit_count: int) -> None:
    posts = {
        p.code: p for p in Post.objects.filter(code__in=["unit_principal", "liaison", "staff"])
    }
    if len(posts) < 3:
        return  # the posts catalogue migration has not run: people only
    positions = []
    for person in people:
        rank = person.sort_order - 100  # 0 for the first person placed in a unit
        post = (
            posts["unit_principal"]
            if rank == 0
            else posts["liaison"]
            if rank == 1
            else posts["staff"]
        )
        section = None if rank == 0 else person.section
        positions.append(Position(person=person, post=post, unit=person.unit, section=section))
    Position.objects.bulk_create(positions, batch_size=BATCH)


def seed(*, units: int, people: int, actor=None) -> Seeded:
    with transaction.atomic():
        root = _root()
        added = Seeded(units=_add_units(root, units), people=_add_people(root, people))
        if added.units or added.people:
            record(
                actor=actor,
                event="org_scale_seeded",
                obj=root,
                after={"units_added": added.units, "people_added": added.people},
            )
    return added
