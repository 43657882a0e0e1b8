"""What happens to an item: suspensions, extensions, progress reports, chases (催办) and
the sweep's reminders. Each row names who acted and, for a delegate, on whose behalf."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zhongshu.framework.models import BaseModel

from ..choices import ChaseMethod, DecisionStatus, ExtensionUnit, ReminderKind
from .items import TrackedItem


def _person(related_name: str, label: str, *, null: bool = True) -> models.ForeignKey:
    return models.ForeignKey(
        "org.Person",
        models.PROTECT,
        null=null,
        blank=null,
        related_name=related_name,
        verbose_name=label,
    )


class Suspension(BaseModel):
    """A pause of the clock (e.g. waiting on a third-party consultation), approved by
    the item's approver. The deadline is recomputed from every pause (clock.engine.suspend)."""

    item = models.ForeignKey(TrackedItem, models.CASCADE, related_name="suspensions")
    reason = models.CharField(_("中止原因"), max_length=300)
    started_at = models.DateTimeField(_("中止时间"))
    ended_at = models.DateTimeField(_("恢复时间"), null=True, blank=True)
    approved_by = _person("+", _("批准人"))
    on_behalf_of = _person("+", _("代"))
    ended_by = _person("+", _("恢复人"))

    class Meta:
        ordering = ["started_at", "id"]
        verbose_name = _("中止")
        verbose_name_plural = _("中止")
        constraints = [
            models.UniqueConstraint(
                fields=["item"],
                condition=Q(ended_at__isnull=True),
                name="tracking_one_open_suspension",
            )
        ]

    def __str__(self) -> str:
        return self.reason


class Extension(BaseModel):
    """A request for more time; the approver decides, and an approval moves the due time
    through the deadline engine (clock.engine.extend)."""

    item = models.ForeignKey(TrackedItem, models.CASCADE, related_name="extensions")
    requested_by = _person("+", _("申请人"))
    on_behalf_of = _person("+", _("代"))
    reason = models.CharField(_("延期理由"), max_length=500)
    amount = models.PositiveIntegerField(_("延长"))
    unit = models.CharField(
        _("单位"), max_length=16, choices=ExtensionUnit.choices, default=ExtensionUnit.WORKING_DAYS
    )
    status = models.CharField(
        _("审批状态"), max_length=12, choices=DecisionStatus.choices, default=DecisionStatus.PENDING
    )
    approver = _person("pending_extensions", _("审批人"))
    decided_by = _person("+", _("审批人"))
    decided_on_behalf_of = _person("+", _("代"))
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    opinion = models.CharField(_("审批意见"), max_length=500, blank=True)
    old_due_at = models.DateTimeField(_("原时限"))
    new_due_at = models.DateTimeField(_("新时限"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("延期申请")
        verbose_name_plural = _("延期申请")
        constraints = [
            # Like Wagtail's one active workflow: one pending request per item.
            models.UniqueConstraint(
                fields=["item"],
                condition=Q(status=DecisionStatus.PENDING),
                name="tracking_one_pending_extension",
            )
        ]
        indexes = [
            models.Index(
                fields=["approver", "created_at"],
                name="tracking_ext_pending_idx",
                condition=Q(status=DecisionStatus.PENDING),
            )
        ]

    def __str__(self) -> str:
        return f"{self.item} +{self.amount}{self.get_unit_display()}"


class ProgressReport(BaseModel):
    item = models.ForeignKey(TrackedItem, models.CASCADE, related_name="reports")
    reporter = _person("+", _("报告人"))
    on_behalf_of = _person("+", _("代"))
    text = models.TextField(_("进展情况"))
    percent = models.PositiveSmallIntegerField(_("进度"))
    reported_at = models.DateTimeField(_("报告时间"))
    due_at = models.DateTimeField(_("应报时间"), null=True, blank=True)
    late = models.BooleanField(_("迟报"), default=False)

    class Meta:
        ordering = ["-reported_at", "-id"]
        verbose_name = _("进展报告")
        verbose_name_plural = _("进展报告")
        indexes = [models.Index(fields=["item", "reported_at"], name="tracking_report_item_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(percent__lte=100), name="tracking_report_percent")
        ]

    def __str__(self) -> str:
        return f"{self.item} {self.percent}%"


class ReportAttachment(BaseModel):
    report = models.ForeignKey(ProgressReport, models.CASCADE, related_name="attachments")
    file = models.FileField(_("附件"), upload_to="tracking/reports/%Y/%m/")
    name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveBigIntegerField(_("大小"), default=0)

    class Meta:
        verbose_name = _("报告附件")
        verbose_name_plural = _("报告附件")

    def __str__(self) -> str:
        return self.name


class Chase(BaseModel):
    """催办: who chased whom, when, how, and the answer. The sweep's chases carry the
    cadence step of the deadline round, unique per item: a sweep run twice, or two
    sweeps at once, create each chase once."""

    item = models.ForeignKey(TrackedItem, models.CASCADE, related_name="chases")
    chaser = _person("chases_made", _("催办人"))  # null: the system (DOC-IN-12 cadence)
    on_behalf_of = _person("+", _("代"))
    target = _person("chases_received", _("被催办人"))
    target_unit = models.ForeignKey(
        "org.Unit",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("被催办单位"),
    )
    method = models.CharField(_("方式"), max_length=12, choices=ChaseMethod.choices)
    message = models.CharField(_("催办内容"), max_length=500, blank=True)
    chased_at = models.DateTimeField(_("催办时间"))
    round = models.PositiveIntegerField(default=1)
    step = models.PositiveIntegerField(_("催办轮次"), null=True, blank=True)
    answer = models.TextField(_("答复"), blank=True)
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    answered_by = _person("+", _("答复人"))

    class Meta:
        ordering = ["-chased_at", "-id"]
        verbose_name = _("催办")
        verbose_name_plural = _("催办")
        constraints = [
            models.UniqueConstraint(
                fields=["item", "round", "step"],
                condition=Q(step__isnull=False),
                name="tracking_chase_step_unique",
            )
        ]
        indexes = [
            models.Index(fields=["item", "chased_at"], name="tracking_chase_item_idx"),
            models.Index(fields=["chaser", "chased_at"], name="tracking_chase_chaser_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.item} {self.chased_at:%Y-%m-%d}"


class Reminder(models.Model):
    """A reminder the sweep sent: due soon, a progress report due, an escalation. The
    unique (item, kind, round, step) makes every sweep idempotent."""

    item = models.ForeignKey(TrackedItem, models.CASCADE, related_name="reminders")
    kind = models.CharField(_("类型"), max_length=16, choices=ReminderKind.choices)
    round = models.PositiveIntegerField(default=1)
    step = models.BigIntegerField(default=0)
    created_at = models.DateTimeField(_("时间"))

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("提醒")
        verbose_name_plural = _("提醒")
        constraints = [
            models.UniqueConstraint(
                fields=["item", "kind", "round", "step"], name="tracking_reminder_unique"
            )
        ]
        indexes = [models.Index(fields=["created_at"], name="tracking_reminder_created_idx")]

    def __str__(self) -> str:
        return f"{self.item_id} {self.kind} {self.step}"
