"""Sections (科室) inside units, and the series codes (代字) units issue documents under."""

from __future__ import annotations

from typing import Any

from zhongshu.audit.services import record, snapshot
from zhongshu.framework.services import service

from ..choices import SectionKind, SeriesKind
from ..models import Person, Section, SeriesCode, Unit
from ..rules import refuse
from ._common import apply_changes, mark_archived, mark_restored, save_audited

SECTION_FIELDS = ("name", "kind", "sort_order", "phone")
SERIES_FIELDS = ("unit", "code", "kind", "description")
# The code itself never changes: renaming would free a used code for reuse (DOC-OUT-18).
SERIES_EDITABLE = ("unit", "kind", "description")


def _check_section_name(unit: Unit, name: str, exclude_pk: int | None = None) -> None:
    clash = Section.objects.filter(unit=unit, name=name, archived_at__isnull=True)
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        refuse("ORG-SECTION-NAME", "name", name=name)


@service
def create_section(
    *,
    actor,
    unit: Unit,
    name: str,
    kind: str = SectionKind.OTHER,
    sort_order: int = 100,
    phone: str = "",
) -> Section:
    if unit.archived_at is not None:
        refuse("ORG-UNIT-PARENT", "unit", name=unit.name)
    _check_section_name(unit, name)
    section = Section.objects.create(
        unit=unit, name=name, kind=kind, sort_order=sort_order, phone=phone
    )
    after = snapshot(section, ["unit", *SECTION_FIELDS])
    record(actor=actor, event="section_created", obj=section, after=after)
    return section


@service
def update_section(
    *, actor, section: Section, expected_version: int | None, changes: dict[str, Any]
) -> Section:
    """A section stays in its unit: moving people between units is done person by person."""
    before = snapshot(section, list(SECTION_FIELDS))
    changed = apply_changes(section, changes, SECTION_FIELDS)
    if "name" in changed and section.archived_at is None:
        _check_section_name(section.unit, section.name, section.pk)
    save_audited(
        actor=actor,
        obj=section,
        expected_version=expected_version,
        before=before,
        fields=changed,
        event="section_updated",
    )
    return section


@service
def archive_section(*, actor, section: Section) -> Section:
    if Person.objects.filter(section=section, archived_at__isnull=True).exists():
        refuse("ORG-SECTION-NOT-EMPTY", status=409, name=section.name)
    mark_archived(actor=actor, obj=section, event="section_archived")
    return section


@service
def restore_section(*, actor, section: Section) -> Section:
    if section.unit.archived_at is not None:
        refuse("ORG-UNIT-PARENT", "unit", name=section.unit.name)
    _check_section_name(section.unit, section.name, section.pk)
    mark_restored(actor=actor, obj=section, event="section_restored")
    return section


@service
def create_series_code(
    *,
    actor,
    unit: Unit,
    code: str,
    kind: str = SeriesKind.DOCUMENT,
    description: str = "",
) -> SeriesCode:
    # A code once used is never reused (DOC-OUT-18), so archived codes count too.
    if SeriesCode.objects.filter(code=code).exists():
        refuse("ORG-SERIES-CODE", "code", code=code)
    series = SeriesCode.objects.create(unit=unit, code=code, kind=kind, description=description)
    after = snapshot(series, list(SERIES_FIELDS))
    record(actor=actor, event="series_code_created", obj=series, after=after)
    return series


@service
def update_series_code(
    *, actor, series: SeriesCode, expected_version: int | None, changes: dict[str, Any]
) -> SeriesCode:
    before = snapshot(series, list(SERIES_EDITABLE))
    changed = apply_changes(series, changes, SERIES_EDITABLE)
    save_audited(
        actor=actor,
        obj=series,
        expected_version=expected_version,
        before=before,
        fields=changed,
        event="series_code_updated",
    )
    return series


@service
def archive_series_code(*, actor, series: SeriesCode) -> SeriesCode:
    mark_archived(actor=actor, obj=series, event="series_code_archived")
    return series


@service
def restore_series_code(*, actor, series: SeriesCode) -> SeriesCode:
    mark_restored(actor=actor, obj=series, event="series_code_restored")
    return series
