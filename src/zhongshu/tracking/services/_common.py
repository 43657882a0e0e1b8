"""Helpers shared by the tracking services: save with the optimistic lock, audit with
the delegation, snapshot the fields that matter."""

from __future__ import annotations

from typing import Any

from zhongshu.audit.services import record, snapshot
from zhongshu.framework.services import save_versioned

from ..acting import Acting
from ..models import TrackedItem
from ..schedule import awaiting_for

AUDITED = [
    "state",
    "due_at",
    "colour",
    "responsible",
    "lead_unit",
    "approver",
    "percent",
    "suspended_at",
]


def before(item: TrackedItem) -> dict[str, Any]:
    return snapshot(item, AUDITED)


def save(item: TrackedItem, fields: list[str], expected_version: int | None) -> None:
    awaiting_for(item)
    names = list(dict.fromkeys([*fields, "awaiting", "awaiting_unit"]))
    save_versioned(item, expected_version=expected_version, fields=names)


def audit(
    acting: Acting | None,
    event: str,
    item: TrackedItem,
    was: dict[str, Any],
    extra: dict[str, Any] | None = None,
    actor: Any = None,
) -> None:
    after = {**snapshot(item, AUDITED), **(extra or {})}
    record(
        actor=acting.user if acting else actor,
        event=event,
        obj=item,
        before=was,
        after=after,
        on_behalf_of=acting.audit_label if acting else "",
    )


def person_of(acting: Acting | None):
    return acting.person if acting else None
