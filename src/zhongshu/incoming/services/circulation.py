"""Circulation (传阅): to leaders and units' people to read, all at once or in order,
through the tracking engine's read requests (待阅); who has read it and when; chase the
ones who have not."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from zhongshu.framework.errors import RuleViolation
from zhongshu.framework.services import save_versioned, service
from zhongshu.org.models import Person
from zhongshu.tracking import services as tracking
from zhongshu.tracking.acting import reach_of

from .. import transitions
from ..choices import DocState
from ..models import Circulation, IncomingDocument
from ._common import audit, before, link, lock


def start_circulation(
    actor: Any, document: IncomingDocument, readers: Sequence[Person], *, in_order: bool
) -> list[Circulation]:
    start = (
        document.circulations.order_by("-position").values_list("position", flat=True).first() or 0
    ) + 1
    known = set(document.circulations.values_list("reader_id", flat=True))
    Circulation.objects.bulk_create(
        Circulation(document=document, position=start + i, reader=r, in_order=in_order)
        for i, r in enumerate([r for r in dict.fromkeys(readers) if r.pk not in known])
    )
    return _send(actor, document)


def _send(actor: Any, document: IncomingDocument) -> list[Circulation]:
    rows = list(document.circulations.select_related("reader", "read_request").order_by("position"))
    unsent = [c for c in rows if c.sent_at is None]
    if not unsent:
        return []
    if unsent[0].in_order:
        if any(c.sent_at and c.read_at is None and c.in_order for c in rows):
            return []  # the previous reader has not read it yet
        unsent = unsent[:1]
    requests = tracking.request_reading(
        actor=actor,
        readers=[c.reader for c in unsent],
        subject=f"传阅：{document.title}",
        link=link(document),
        source=document,
    )
    by_reader = {r.reader_id: r for r in requests}
    now = timezone.now()
    for row in unsent:
        row.read_request, row.sent_at = by_reader.get(row.reader_id), now
        Circulation.objects.filter(pk=row.pk).update(read_request=row.read_request, sent_at=now)
    return unsent


@service
def circulate(
    *, actor: Any, document: IncomingDocument, readers: Sequence[Person], in_order: bool = False
) -> list[Circulation]:
    transitions.check(document, "circulate")
    if not readers:
        raise RuleViolation.single("DOC-IN-16", "请选择传阅的领导或人员。", field="readers")
    was = before(document)
    sent = start_circulation(actor, document, readers, in_order=in_order)
    audit(
        actor,
        "incoming_circulated",
        document,
        was,
        {"readers": [r.name for r in readers], "in_order": in_order},
    )
    return sent


@service
def mark_circulation_read(*, actor: Any, circulation: Circulation) -> None:
    """The reader (or their delegate) has read it; in order, the next reader gets it; a
    read-only document is completed when everyone has read it."""
    if circulation.read_request is None:
        raise RuleViolation.single(transitions.STATE, "尚未送达该阅件人。", status=409)
    if circulation.reader_id not in reach_of(actor).person_ids:
        raise PermissionDenied("只有阅件人（或其委托人）可以标记已阅。")
    document = circulation.document
    lock(document)
    tracking.mark_read(actor=actor, read_request=circulation.read_request)
    _send(actor, document)
    if (
        document.state == DocState.CIRCULATING
        and not unread(document).exists()
        and not document.circulations.filter(sent_at__isnull=True).exists()
    ):
        was = before(document)
        transitions.move(document, "complete", DocState.COMPLETED)
        document.result, document.completed_at = document.result or "已传阅。", timezone.now()
        save_versioned(document, expected_version=None, fields=["state", "result", "completed_at"])
        audit(actor, "incoming_completed", document, was, {"by": "circulation"})


def unread(document: IncomingDocument):
    return document.circulations.filter(sent_at__isnull=False, read_request__read_at__isnull=True)


@service
def chase_circulation(*, actor: Any, document: IncomingDocument) -> int:
    """催阅: tell the readers who have not read it yet."""
    readers = list(unread(document).values_list("reader_id", flat=True))
    if not readers:
        raise RuleViolation.single("DOC-IN-12", "所有阅件人均已阅。", status=409)
    tracking.notify(
        readers, verb="reading_chased", text=f"催阅：{document.title}", link=link(document)
    )
    audit(
        actor, "incoming_circulation_chased", document, before(document), {"readers": len(readers)}
    )
    return len(readers)
