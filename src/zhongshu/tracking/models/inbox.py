"""What reaches a person: notifications (the bell) and read requests (待阅)."""

from __future__ import annotations

import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .items import TrackedItem


class Notification(models.Model):
    """One message to one person. A delegate reads the delegator's notifications too
    (marked 代); the read mark is shared, since both do the same work. ``dedupe_key``
    makes notifications created by the sweep idempotent."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    recipient = models.ForeignKey(
        "org.Person", models.CASCADE, related_name="notifications", verbose_name=_("接收人")
    )
    verb = models.CharField(_("事件"), max_length=40)
    text = models.CharField(_("内容"), max_length=500)
    link = models.CharField(_("链接"), max_length=300, blank=True)
    item = models.ForeignKey(
        TrackedItem, models.CASCADE, null=True, blank=True, related_name="notifications"
    )
    created_at = models.DateTimeField(_("时间"))
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)
    dedupe_key = models.CharField(max_length=96, blank=True)
    sms = models.BooleanField(_("短信"), default=False)
    # Delivery beyond the bell (e-mail, SMS) happens after commit, in batches.
    deliver = models.BooleanField(default=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedupe_key"],
                condition=~Q(dedupe_key=""),
                name="tracking_notification_dedupe",
            )
        ]
        indexes = [
            models.Index(fields=["recipient", "created_at"], name="tracking_notif_list_idx"),
            models.Index(
                fields=["recipient"],
                name="tracking_notif_unread_idx",
                condition=Q(read_at__isnull=True),
            ),
            models.Index(
                fields=["id"],
                name="tracking_notif_undelivered_idx",
                condition=Q(deliver=True, delivered_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return self.text


class ReadRequest(models.Model):
    """待阅: something sent to a person to read (an item, or any source a module names)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reader = models.ForeignKey(
        "org.Person", models.CASCADE, related_name="read_requests", verbose_name=_("阅件人")
    )
    requested_by = models.ForeignKey(
        "org.Person",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("送阅人"),
    )
    item = models.ForeignKey(
        TrackedItem, models.CASCADE, null=True, blank=True, related_name="read_requests"
    )
    source_type = models.ForeignKey(ContentType, models.PROTECT, null=True, blank=True)
    source_id = models.CharField(max_length=64, blank=True)
    subject = models.CharField(_("标题"), max_length=300)
    link = models.CharField(_("链接"), max_length=300, blank=True)
    requested_at = models.DateTimeField(_("送阅时间"))
    read_at = models.DateTimeField(_("阅毕时间"), null=True, blank=True)
    read_by = models.ForeignKey(
        "org.Person",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("阅件人（代）"),
    )

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("待阅")
        verbose_name_plural = _("待阅")
        indexes = [
            models.Index(fields=["reader", "requested_at"], name="tracking_read_list_idx"),
            models.Index(
                fields=["reader", "requested_at"],
                name="tracking_read_unread_idx",
                condition=Q(read_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return self.subject


class SchedulerTick(models.Model):
    """One row per scheduled run (``sweep:2026-10-09T10:31``): two schedulers racing for
    the same minute insert one row, and only the winner enqueues the job."""

    key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("调度记录")
        verbose_name_plural = _("调度记录")

    def __str__(self) -> str:
        return self.key
