"""待阅: send something to people to read, and mark it read."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone

from zhongshu.audit.services import record
from zhongshu.framework.services import service
from zhongshu.org.models import Person

from ..acting import reach_of
from ..models import ReadRequest, TrackedItem
from .notify import notify


@service
def request_reading(
    *,
    actor: Any,
    readers: Iterable[Person],
    subject: str,
    link: str = "",
    item: TrackedItem | None = None,
    source: models.Model | None = None,
) -> list[ReadRequest]:
    now = timezone.now()
    sender = getattr(actor, "person", None) if actor is not None else None
    source_fields = {}
    if source is not None:
        key = getattr(source, "uuid", None) or source.pk
        source_fields = {
            "source_type": ContentType.objects.get_for_model(source),
            "source_id": str(key),
        }
    rows = ReadRequest.objects.bulk_create(
        ReadRequest(
            reader=reader,
            requested_by=sender,
            item=item,
            subject=subject[:300],
            link=link,
            requested_at=now,
            **source_fields,
        )
        for reader in {r.pk: r for r in readers}.values()
    )
    record(
        actor=actor,
        event="reading_requested",
        obj=item or source,
        object_type="" if (item or source) else "tracking.readrequest",
        after={"readers": [r.reader.label for r in rows], "subject": subject},
    )
    notify(
        [r.reader_id for r in rows],
        verb="read_requested",
        text=f"请阅：{subject}",
        item=item,
        link=link,
    )
    return rows


@service
def mark_read(*, actor: Any, read_request: ReadRequest) -> None:
    reach = reach_of(actor)
    if read_request.reader_id not in reach.person_ids:
        raise PermissionDenied
    if read_request.read_at is not None:
        return
    if reach.person is None:
        raise PermissionDenied
    read_request.read_at, read_request.read_by = timezone.now(), reach.person
    read_request.save(update_fields=["read_at", "read_by"])
    on_behalf = (
        reach.people[read_request.reader_id] if read_request.reader_id != reach.person.pk else None
    )
    record(
        actor=actor,
        event="reading_done",
        obj=read_request,
        on_behalf_of=on_behalf.label if on_behalf else "",
        after={"subject": read_request.subject},
    )
