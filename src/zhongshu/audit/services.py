"""Appending to the audit trail. Every state change and security event goes through
``record``; nothing else writes ``AuditRecord``."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from zhongshu.framework import context

from .chain import GENESIS, ChainBreak, ChainState, compute_hash, verify
from .models import AuditChainHead, AuditRecord, VerificationRun


def jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(getattr(value, "uuid", value.pk))
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID | Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [jsonable(v) for v in value]
    if isinstance(value, models.Model | models.QuerySet):
        return str(value)
    return value


def snapshot(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    """The values of ``fields`` as JSON: foreign keys by their public uuid."""
    data: dict[str, Any] = {}
    for name in fields:
        field = obj._meta.get_field(name)
        if field.many_to_many:
            data[name] = sorted(str(getattr(o, "uuid", o.pk)) for o in getattr(obj, name).all())
        else:
            data[name] = jsonable(getattr(obj, name))
    return data


def _actor_fields(actor) -> tuple[int | None, str]:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None, getattr(actor, "username", "") or "系统"
    return actor.pk, actor.get_username()


@transaction.atomic
def record(
    *,
    actor,
    event: str,
    obj: models.Model | None = None,
    before: dict | None = None,
    after: dict | None = None,
    on_behalf_of: str = "",
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
) -> AuditRecord:
    ctx = context.current()
    head, _ = AuditChainHead.objects.select_for_update().get_or_create(id=1)
    actor_id, actor_name = _actor_fields(actor)
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(getattr(obj, "uuid", obj.pk))
        object_repr = object_repr or str(obj)[:255]
    entry = AuditRecord(
        id=head.last_id + 1,
        occurred_at=timezone.now(),
        event=event,
        actor_id=actor_id,
        actor_name=actor_name,
        on_behalf_of=on_behalf_of,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr[:255],
        before=jsonable(before) if before is not None else None,
        after=jsonable(after) if after is not None else None,
        request_id=ctx.request_id,
        address=ctx.address,
        prev_hash=head.last_hash,
    )
    # Hash what will be read back: JSON round-trip normalises before/after.
    entry.hash = compute_hash(entry.prev_hash, entry)
    entry.save(force_insert=True)
    AuditChainHead.objects.filter(id=1).update(last_id=entry.id, last_hash=entry.hash)
    return entry


@dataclass(frozen=True)
class TrailCheck:
    broken: ChainBreak | None
    count: int
    head: ChainState

    @property
    def ok(self) -> bool:
        return self.broken is None


def _head_state() -> ChainState:
    head = AuditChainHead.objects.filter(id=1).first()
    return ChainState(head.last_id, head.last_hash) if head else ChainState(0, GENESIS)


def verify_trail() -> TrailCheck:
    """Verify the whole chain against its head. Records appended while we walk are not
    part of this check: only ids up to the head read first are walked."""
    head = _head_state()
    counted = 0

    def walk():
        nonlocal counted
        qs = AuditRecord.objects.filter(id__lte=head.last_id).order_by("id")
        for entry in qs.iterator(chunk_size=2000):
            counted += 1
            yield entry

    broken = verify(walk(), head)
    if broken is None:
        stray = AuditRecord.objects.filter(id__gt=_head_state().last_id).order_by("id").first()
        if stray is not None:
            broken = ChainBreak(stray.id, "链头之后存在未入链的记录（记录被插入）")
    return TrailCheck(broken=broken, count=counted, head=head)


def check_anchor(record_id: int, expected_hash: str) -> ChainBreak | None:
    """An anchor (id and hash written down outside the database earlier) must still be
    in the chain: this catches a chain rewritten from that point on."""
    entry = AuditRecord.objects.filter(id=record_id).first()
    if entry is None:
        return ChainBreak(record_id, "锚点记录不存在（记录被删除）")
    if entry.hash != expected_hash:
        return ChainBreak(record_id, "锚点哈希不符（链被重写）")
    return None


def log_export(*, actor, filters: dict, count: int) -> AuditRecord:
    return record(actor=actor, event="audit_exported", after={"filters": filters, "count": count})


def run_verification(*, actor) -> TrailCheck:
    """Verify now (``manage.py verify_audit``): the result itself becomes a record."""
    result = verify_trail()
    record(actor=actor, event="audit_verified", after=_verified(result))
    return result


def _verified(result: TrailCheck) -> dict[str, Any]:
    after: dict[str, Any] = {"ok": result.ok, "count": result.count, "head": result.head.last_id}
    if result.broken:
        after.update(broken_id=result.broken.record_id, reason=result.broken.reason)
    return after


def request_verification(*, actor) -> VerificationRun:
    """The auditor's check from the UI: queued for the task worker (a trail of millions
    of records takes minutes), one at a time — asking again while a check is queued or
    running returns that check."""
    with transaction.atomic():
        pending = (
            VerificationRun.objects.select_for_update()
            .filter(status__in=[VerificationRun.Status.QUEUED, VerificationRun.Status.RUNNING])
            .first()
        )
        if pending is not None:
            return pending
        run = VerificationRun.objects.create(requested_by=actor, requested_at=timezone.now())
        transaction.on_commit(lambda: _enqueue(run.pk))
    return run


def _enqueue(run_id: int) -> None:
    from .tasks import verify_audit_trail

    verify_audit_trail.enqueue(run_id)


def perform_verification(run_id: int) -> str:
    """The task's work; a run already taken by another worker is left alone."""
    claimed = VerificationRun.objects.filter(
        pk=run_id, status=VerificationRun.Status.QUEUED
    ).update(status=VerificationRun.Status.RUNNING, started_at=timezone.now())
    if not claimed:
        return "skipped"
    run = VerificationRun.objects.select_related("requested_by").get(pk=run_id)
    try:
        result = verify_trail()
    except Exception as exc:
        run.status, run.reason = VerificationRun.Status.FAILED, str(exc)[:255]
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "reason", "finished_at"])
        raise
    run.status = VerificationRun.Status.OK if result.ok else VerificationRun.Status.BROKEN
    run.checked, run.head_id, run.head_hash = (
        result.count,
        result.head.last_id,
        result.head.last_hash,
    )
    if result.broken:
        run.broken_id, run.reason = result.broken.record_id, result.broken.reason
    run.finished_at = timezone.now()
    run.save()
    with transaction.atomic():
        record(actor=run.requested_by, event="audit_verified", after=_verified(result))
    return run.status
