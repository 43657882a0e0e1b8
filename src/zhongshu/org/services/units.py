"""Units (单位): the tree, kept as materialised paths ("/1/4/9/") so a subtree is one
indexed prefix query. Moving a unit rewrites the paths of its whole subtree."""

from __future__ import annotations

from typing import Any

from django.db.models import Max, Value
from django.db.models.functions import Concat, Length, Substr

from zhongshu.audit.services import record, snapshot
from zhongshu.framework.services import service

from ..choices import UnitKind
from ..models import Person, Unit
from ..rules import refuse
from ._common import apply_changes, mark_archived, mark_restored, save_audited

UNIT_FIELDS = ("name", "short_name", "kind", "parent", "host", "sort_order", "phone")
PATH_MAX = Unit._meta.get_field("path").max_length or 255


def _check_name(name: str, exclude_pk: int | None = None) -> None:
    clash = Unit.objects.filter(name=name, archived_at__isnull=True)
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        refuse("ORG-UNIT-NAME", "name", name=name)


def _check_parent(parent: Unit | None) -> None:
    if parent is not None and parent.archived_at is not None:
        refuse("ORG-UNIT-PARENT", "parent", name=parent.name)


def _check_host(host: Unit | None, unit_pk: int | None) -> None:
    if host is not None and (host.pk == unit_pk or host.archived_at is not None):
        refuse("ORG-UNIT-HOST", "host")


def _check_kind(kind: str) -> None:
    if kind not in UnitKind.values:
        raise ValueError(f"unknown unit kind {kind!r}")


@service
def create_unit(
    *,
    actor,
    name: str,
    short_name: str,
    kind: str,
    parent: Unit | None = None,
    host: Unit | None = None,
    sort_order: int = 100,
    phone: str = "",
) -> Unit:
    _check_kind(kind)
    _check_name(name)
    _check_parent(parent)
    _check_host(host, None)
    unit = Unit(
        name=name,
        short_name=short_name,
        kind=kind,
        parent=parent,
        host=host,
        sort_order=sort_order,
        phone=phone,
    )
    unit.save()
    unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    if len(unit.path) > PATH_MAX:
        refuse("ORG-UNIT-DEPTH", "parent")
    Unit.objects.filter(pk=unit.pk).update(path=unit.path)
    record(actor=actor, event="unit_created", obj=unit, after=snapshot(unit, list(UNIT_FIELDS)))
    return unit


@service
def update_unit(
    *, actor, unit: Unit, expected_version: int | None, changes: dict[str, Any]
) -> Unit:
    """Change a unit; a new parent moves its whole subtree (a cycle is refused)."""
    before = snapshot(unit, list(UNIT_FIELDS))
    old_parent_id, old_path = unit.parent_id, unit.path
    changed = apply_changes(unit, changes, UNIT_FIELDS)
    if "kind" in changed:
        _check_kind(unit.kind)
    if "name" in changed and unit.archived_at is None:
        _check_name(unit.name, unit.pk)
    if "host" in changed:
        _check_host(unit.host, unit.pk)
    moved = unit.parent_id != old_parent_id
    if moved:
        unit.path = _new_path(unit, old_path)
        changed.append("path")
    save_audited(
        actor=actor,
        obj=unit,
        expected_version=expected_version,
        before=before,
        fields=changed,
        event="unit_updated",
    )
    if moved:
        _move_subtree(old_path, unit.path)
    return unit


def _new_path(unit: Unit, old_path: str) -> str:
    parent = unit.parent
    if parent is not None:
        # Read the parent's path under lock: a concurrent move must not interleave.
        parent = Unit.objects.select_for_update().get(pk=parent.pk)
        unit.parent = parent
        _check_parent(parent)
        if parent.pk == unit.pk or parent.path.startswith(old_path):
            refuse("ORG-UNIT-CYCLE", "parent")
    new_path = f"{parent.path if parent else '/'}{unit.pk}/"
    longest = (
        Unit.objects.filter(path__startswith=old_path).aggregate(m=Max(Length("path")))["m"] or 0
    )
    if longest - len(old_path) + len(new_path) > PATH_MAX:
        refuse("ORG-UNIT-DEPTH", "parent")
    return new_path


def _move_subtree(old_path: str, new_path: str) -> None:
    """Rewrite every descendant's path prefix in one statement."""
    Unit.objects.filter(path__startswith=old_path).exclude(path=new_path).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1))
    )


@service
def archive_unit(*, actor, unit: Unit) -> Unit:
    """A unit with history is archived, never deleted; one still holding active units,
    hosted bodies or people is refused."""
    busy = (
        Unit.objects.filter(archived_at__isnull=True, parent=unit).exists()
        or Unit.objects.filter(archived_at__isnull=True, host=unit).exists()
        or Person.objects.filter(archived_at__isnull=True, unit=unit).exists()
    )
    if busy:
        refuse("ORG-UNIT-NOT-EMPTY", status=409, name=unit.name)
    mark_archived(actor=actor, obj=unit, event="unit_archived")
    return unit


@service
def restore_unit(*, actor, unit: Unit) -> Unit:
    if unit.parent is not None:
        _check_parent(unit.parent)
    _check_name(unit.name, unit.pk)
    mark_restored(actor=actor, obj=unit, event="unit_restored")
    return unit
