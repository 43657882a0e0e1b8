"""Choices of incoming documents. Stored values are English code names (GLOSSARY.md)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocState(models.TextChoices):
    """The life of an incoming document (transitions.py has the table)."""

    DRAFT = "draft", _("草稿")
    REGISTERED = "registered", _("待初审")
    RETURN_PROPOSED = "return_proposed", _("退文待批")
    RETURNED = "returned", _("已退文")
    REVIEWED = "reviewed", _("待拟办")
    INSTRUCTING = "instructing", _("领导批示中")
    HANDLING = "handling", _("承办中")
    CIRCULATING = "circulating", _("传阅中")
    COMPLETED = "completed", _("已办结")
    ARCHIVED = "archived", _("已归档")
    PAPER_RECORD = "paper_record", _("纸质办理记录")


# States in which the office still works the document (lists default to these).
OPEN_STATES = (
    DocState.REGISTERED,
    DocState.RETURN_PROPOSED,
    DocState.REVIEWED,
    DocState.INSTRUCTING,
    DocState.HANDLING,
    DocState.CIRCULATING,
)


class HandlingMode(models.TextChoices):
    """拟办意见: to read only (阅知) or to handle (批办)."""

    READ = "read", _("阅知")
    HANDLE = "handle", _("批办")


class InstructionState(models.TextChoices):
    WAITING = "waiting", _("未到")
    PENDING = "pending", _("待批示")
    DONE = "done", _("已批示")
    PASSED_ON = "passed_on", _("已转呈")
    CANCELLED = "cancelled", _("已撤销")


class Decision(models.TextChoices):
    AGREE = "agree", _("同意拟办意见")
    CIRCLE = "circle", _("圈阅")
    INSTRUCT = "instruct", _("批示")
    PASS_ON = "pass_on", _("转呈")


class TaskRole(models.TextChoices):
    LEAD = "lead", _("主办")
    COOPERATING = "cooperating", _("协办")


class TaskState(models.TextChoices):
    OPEN = "open", _("办理中")
    DONE = "done", _("已办结")
    CANCELLED = "cancelled", _("已撤销")


class FileRole(models.TextChoices):
    MAIN = "main", _("正文")
    ATTACHMENT = "attachment", _("附件")


class DirectException(models.TextChoices):
    """DOC-IN-7: the only cases a unit may submit to a leader personally."""

    NONE = "", _("无")
    ASSIGNED = "assigned", _("领导同志直接交办的个别事项")
    SENSITIVE = "sensitive", _("敏感绝密事项")
    EMERGENCY = "emergency", _("重大突发事件")
    FOREIGN = "foreign", _("部分涉外事项")
