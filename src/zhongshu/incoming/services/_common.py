"""Helpers shared by the incoming services: who acts, audit, search tokens, the office."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.urls import reverse

from zhongshu.audit.services import record, snapshot
from zhongshu.framework import search
from zhongshu.org.choices import UnitKind
from zhongshu.org.models import Person, Unit
from zhongshu.tracking import services as tracking
from zhongshu.tracking.models import TrackedItem

from ..models import IncomingDocument

AUDITED = [
    "state",
    "register_number",
    "title",
    "kind",
    "sender_number",
    "classification",
    "urgency",
    "mode",
    "proposal",
    "result",
    "reply_number",
]


def person_of(actor: Any) -> Person:
    person = getattr(actor, "person", None)
    if person is None:
        raise PermissionDenied("无权执行此操作。")
    return person


def before(doc: IncomingDocument) -> dict[str, Any]:
    return snapshot(doc, AUDITED) if doc.pk else {}


def audit(
    actor: Any,
    event: str,
    doc: IncomingDocument,
    was: dict[str, Any],
    extra: dict[str, Any] | None = None,
    on_behalf_of: str = "",
) -> None:
    after = {**snapshot(doc, AUDITED), **(extra or {})}
    record(actor=actor, event=event, obj=doc, before=was, after=after, on_behalf_of=on_behalf_of)


def refresh_tokens(doc: IncomingDocument) -> None:
    texts = [f.text for f in doc.files.all()] if doc.pk else []
    doc.search_tokens = search.tokens(
        doc.title, doc.register_number, doc.sender_number, doc.sender_label, *texts
    )


def office_unit(person: Person | None = None) -> Unit:
    """The government office (办公室), which registers and proposes."""
    unit = (
        Unit.objects.filter(kind=UnitKind.OFFICE, archived_at__isnull=True).order_by("id").first()
    )
    if unit is None and person is not None:
        return person.unit
    if unit is None:
        raise RuntimeError("no office unit")
    return unit


def lock(doc: IncomingDocument) -> None:
    """Take the document's row lock for the rest of the transaction and read its state and
    version again: two units reporting (or two readers reading) at the same moment must
    not both miss that they were the last one."""
    fresh = (
        IncomingDocument.objects.select_for_update()
        .filter(pk=doc.pk)
        .values("state", "version")
        .first()
    )
    if fresh is not None:
        doc.state, doc.version = fresh["state"], fresh["version"]


def link(doc: IncomingDocument) -> str:
    return reverse("incoming:document_detail", args=[doc.uuid])


def finish_item(item: TrackedItem | None, outcome: str) -> None:
    """The step is done: its tracked item is closed by the module."""
    if item is not None and item.is_open:
        tracking.close_item(actor=None, item=item, outcome=outcome)


def cancel(item: TrackedItem | None, reason: str) -> None:
    if item is not None and item.is_open:
        tracking.cancel_item(actor=None, item=item, reason=reason)
