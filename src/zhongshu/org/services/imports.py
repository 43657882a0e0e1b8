"""Excel imports (all rows or none) and the audit of exports."""

from __future__ import annotations

from dataclasses import dataclass

from zhongshu.audit.services import record
from zhongshu.framework.errors import RuleViolation, raise_if
from zhongshu.framework.services import service

from ..excel import people as people_sheet
from ..excel import units as units_sheet
from ..excel.workbook import Row
from ..models import Position, Unit
from ..rules import violation
from .people import assign_position, create_person, update_person
from .units import create_unit, update_unit


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int

    @property
    def total(self) -> int:
        return self.created + self.updated


def _row_errors(errors: list[tuple[int, str]]):
    return [violation("ORG-IMPORT-ROW", row=row, message=message) for row, message in errors]


def _failed(row: int, exc: RuleViolation) -> list[tuple[int, str]]:
    return [(row, v.message) for v in exc.violations]


@service
def import_units(*, actor, rows: list[Row]) -> ImportResult:
    """Every row is checked first; then all are written in one transaction. Any row
    refused on writing rolls the whole file back: nothing is half-imported."""
    plan = units_sheet.plan(rows)
    raise_if(_row_errors(plan.errors))
    by_name = {u.name: u for u in Unit.objects.filter(archived_at__isnull=True)}
    errors: list[tuple[int, str]] = []
    created = updated = 0
    for step in plan.steps:
        data = {**step.data, "parent": by_name.get(step.parent), "host": by_name.get(step.host)}
        try:
            if step.unit is None:
                unit = create_unit(actor=actor, **data)
                created += 1
            else:
                unit = update_unit(actor=actor, unit=step.unit, expected_version=None, changes=data)
                updated += 1
        except RuleViolation as exc:
            errors.extend(_failed(step.row, exc))
            continue
        by_name[unit.name] = unit
    raise_if(_row_errors(errors))
    result = ImportResult(created, updated)
    record(
        actor=actor,
        event="org_imported",
        after={"sheet": "units", "rows": len(rows), **vars(result)},
    )
    return result


@service
def import_people(*, actor, rows: list[Row]) -> ImportResult:
    """People with their posts; all rows or none, as for units."""
    plan = people_sheet.plan(rows)
    raise_if(_row_errors(plan.errors))
    errors: list[tuple[int, str]] = []
    created = updated = 0
    for step in plan.steps:
        try:
            if step.person is None:
                person = create_person(actor=actor, **step.data)
                created += 1
            else:
                person = update_person(
                    actor=actor, person=step.person, expected_version=None, changes=step.data
                )
                updated += 1
            _add_posts(actor, person, step.posts, first_is_primary=step.person is None)
        except RuleViolation as exc:
            errors.extend(_failed(step.row, exc))
    raise_if(_row_errors(errors))
    result = ImportResult(created, updated)
    record(
        actor=actor,
        event="org_imported",
        after={"sheet": "people", "rows": len(rows), **vars(result)},
    )
    return result


def _add_posts(actor, person, posts, *, first_is_primary: bool) -> None:
    held = set(
        Position.objects.active()
        .filter(person=person, unit=person.unit, section=person.section)
        .values_list("post_id", flat=True)
    )
    for index, post in enumerate(posts):
        if post.pk not in held:
            primary = first_is_primary and index == 0
            assign_position(
                actor=actor, person=person, post=post, section=person.section, is_primary=primary
            )
            held.add(post.pk)


@service
def record_export(*, actor, sheet: str, count: int, filters: dict[str, str]) -> None:
    """An export of the directory is a security event: who took which list, and when."""
    record(
        actor=actor, event="org_exported", after={"sheet": sheet, "rows": count, "filters": filters}
    )
