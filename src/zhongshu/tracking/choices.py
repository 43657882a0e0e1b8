"""Choices of the ledger engine. Stored values are English code names (GLOSSARY.md);
labels are what the office reads."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemState(models.TextChoices):
    OPEN = "open", _("待办理")
    IN_PROGRESS = "in_progress", _("办理中")
    CLOSEOUT_REQUESTED = "closeout_requested", _("待销号")
    RETURNED = "returned", _("退回办理")
    CLOSED = "closed", _("已销号")
    CANCELLED = "cancelled", _("已撤销")


# States in which the item is still running: the sweep, colours and lists only look here.
OPEN_STATES = (
    ItemState.OPEN,
    ItemState.IN_PROGRESS,
    ItemState.CLOSEOUT_REQUESTED,
    ItemState.RETURNED,
)
# States in which the handler (not an approver) must act.
HANDLER_STATES = (ItemState.OPEN, ItemState.IN_PROGRESS, ItemState.RETURNED)
FINAL_STATES = (ItemState.CLOSED, ItemState.CANCELLED)


class Urgency(models.TextChoices):
    """紧急程度 of the source document (GLOSSARY: urgency)."""

    EXTRA_URGENT = "extra_urgent", _("特急")
    URGENT = "urgent", _("加急")
    NORMAL = "normal", _("平件")


class Priority(models.TextChoices):
    """How closely the item is chased (DOC-IN-12): the values match the catalogue's
    ``<value>_interval`` parameters."""

    URGENT = "urgent", _("紧急")
    IMPORTANT = "important", _("重要")
    NORMAL = "normal", _("一般")


class Colour(models.TextChoices):
    """SUP-16 warning colour."""

    GREEN = "green", _("绿")
    YELLOW = "yellow", _("黄")
    RED = "red", _("红")


class ReportCadence(models.TextChoices):
    NONE = "none", _("不需定期报告")
    WEEKLY = "weekly", _("每周")
    MONTHLY = "monthly", _("每月")


class ChaseMethod(models.TextChoices):
    SYSTEM = "system", _("系统自动")
    IN_APP = "in_app", _("站内")
    PHONE = "phone", _("电话")
    SMS = "sms", _("短信")


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", _("临期提醒")
    REPORT_DUE = "report_due", _("进展报告提醒")
    ESCALATION = "escalation", _("报告分管领导")


class ExtensionUnit(models.TextChoices):
    WORKING_DAYS = "working_days", _("个工作日")
    CALENDAR_DAYS = "calendar_days", _("日")
    HOURS = "hours", _("小时")


class DecisionStatus(models.TextChoices):
    PENDING = "pending", _("待审批")
    APPROVED = "approved", _("已同意")
    REFUSED = "refused", _("不同意")


class UnitRole(models.TextChoices):
    """A unit's part in an item besides the lead unit."""

    COOPERATING = "cooperating", _("配合单位")
    SUPERVISING = "supervising", _("督办科室")
