"""Helpers shared by the organisation's services: audited versioned updates and the
archive/restore pair every archivable object has."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models
from django.utils import timezone

from zhongshu.audit.services import record, snapshot
from zhongshu.framework.models import ArchivableModel
from zhongshu.framework.services import save_versioned

from ..rules import refuse


def apply_changes(
    obj: models.Model, changes: Mapping[str, Any], allowed: Iterable[str]
) -> list[str]:
    """Set the attributes that differ; return their names. Unknown keys are a bug."""
    allowed = set(allowed)
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"cannot change {sorted(unknown)} of {type(obj).__name__}")
    changed = []
    for name, value in changes.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.append(name)
    return changed


def save_audited(
    *,
    actor,
    obj: models.Model,
    expected_version: int | None,
    before: dict[str, Any],
    fields: list[str],
    event: str,
) -> None:
    """Write ``fields`` under the optimistic lock and record before/after."""
    if not fields:
        return
    save_versioned(obj, expected_version=expected_version, fields=fields)
    record(
        actor=actor,
        event=event,
        obj=obj,
        before={k: before[k] for k in fields if k in before},
        after=snapshot(obj, [f for f in fields if f in before]),
    )


def mark_archived(*, actor, obj: ArchivableModel, event: str, after: dict | None = None) -> None:
    if obj.archived_at is not None:
        refuse("ORG-ARCHIVED", status=409, name=str(obj))
    obj.archived_at = timezone.now()
    save_versioned(obj, expected_version=None, fields=["archived_at"])
    record(
        actor=actor, event=event, obj=obj, after={"archived_at": obj.archived_at, **(after or {})}
    )


def mark_restored(*, actor, obj: ArchivableModel, event: str) -> None:
    if obj.archived_at is None:
        refuse("ORG-NOT-ARCHIVED", status=409, name=str(obj))
    before = {"archived_at": obj.archived_at}
    obj.archived_at = None
    save_versioned(obj, expected_version=None, fields=["archived_at"])
    record(actor=actor, event=event, obj=obj, before=before, after={"archived_at": None})
