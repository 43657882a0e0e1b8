"""The append-only, hash-chained audit trail.

Each record holds the SM3 hash of the record before it, so changing or deleting any
record breaks the chain at that point; ``manage.py verify_audit`` names the first break.
The application never updates or deletes a record (``save`` and ``delete`` refuse), and
database triggers refuse UPDATE and DELETE as well.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditRecordQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("audit records are append-only")

    def delete(self):
        raise PermissionError("audit records are append-only")


class AuditRecord(models.Model):
    id = models.BigAutoField(primary_key=True)
    occurred_at = models.DateTimeField(_("时间"), db_index=True)
    event = models.CharField(_("事件"), max_length=64, db_index=True)
    actor_id = models.BigIntegerField(_("操作人编号"), null=True, blank=True, db_index=True)
    actor_name = models.CharField(_("操作人"), max_length=150, blank=True, db_index=True)
    on_behalf_of = models.CharField(_("代谁办理"), max_length=150, blank=True)
    object_type = models.CharField(_("对象类型"), max_length=64, blank=True, db_index=True)
    object_id = models.CharField(_("对象编号"), max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(_("对象"), max_length=255, blank=True)
    before = models.JSONField(_("变更前"), null=True, blank=True)
    after = models.JSONField(_("变更后"), null=True, blank=True)
    request_id = models.CharField(_("请求编号"), max_length=64, blank=True, db_index=True)
    address = models.CharField(_("地址"), max_length=64, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditRecordQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = _("审计记录")
        verbose_name_plural = _("审计记录")
        indexes = [models.Index(fields=["object_type", "object_id", "id"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"#{self.id} {self.event} {self.object_repr}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("audit records are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("audit records are append-only")


class AuditChainHead(models.Model):
    """One row: the hash of the newest record. Locked while appending, so concurrent
    writers on PostgreSQL form one chain."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_id = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"audit chain head #{self.last_id}"


class VerificationRun(models.Model):
    """One check of the whole chain, run by the task worker (a long trail takes minutes):
    who asked, when it ran and what it found. Not part of the chain; the result is also
    appended to the trail as ``audit_verified``."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("校验中")
        OK = "ok", _("完整")
        BROKEN = "broken", _("断裂")
        FAILED = "failed", _("未能完成")

    requested_by = models.ForeignKey(
        "accounts.User", models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(_("申请时间"))
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default="queued")
    checked = models.BigIntegerField(_("已校验条数"), default=0)
    head_id = models.BigIntegerField(_("链头编号"), null=True, blank=True)
    head_hash = models.CharField(_("链头哈希"), max_length=64, blank=True)
    broken_id = models.BigIntegerField(_("断裂记录"), null=True, blank=True)
    reason = models.CharField(_("说明"), max_length=255, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("审计链校验")

    def __str__(self) -> str:
        return f"{self.requested_at:%Y-%m-%d %H:%M} {self.get_status_display()}"

    @property
    def in_progress(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)
