"""The steps that wait on people: leaders' instructions (批示), handling tasks (承办) and
circulation (传阅). Each waiting step points to its tracked item."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhongshu.framework.models import BaseModel

from ..choices import Decision, InstructionState, TaskRole, TaskState
from .documents import IncomingDocument


class Instruction(BaseModel):
    """One leader's step, in order (DOC-IN-14: 2 working days, opinion, name and date)."""

    document = models.ForeignKey(IncomingDocument, models.CASCADE, related_name="instructions")
    position = models.PositiveSmallIntegerField(_("顺序"))
    leader = models.ForeignKey(
        "org.Person", models.PROTECT, related_name="incoming_instructions", verbose_name=_("领导")
    )
    state = models.CharField(
        _("状态"), max_length=12, choices=InstructionState.choices, default=InstructionState.WAITING
    )
    decision = models.CharField(_("意见类型"), max_length=12, choices=Decision.choices, blank=True)
    opinion = models.TextField(_("批示意见"), blank=True)
    signed_by = models.ForeignKey(
        "org.Person", models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
    signature = models.CharField(_("署名"), max_length=80, blank=True)
    acted_at = models.DateTimeField(_("批示时间"), null=True, blank=True)
    item = models.ForeignKey(
        "tracking.TrackedItem", models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["document", "position"]
        verbose_name = _("领导批示")
        verbose_name_plural = _("领导批示")
        indexes = [models.Index(fields=["leader", "state"], name="incoming_instr_leader_idx")]

    def __str__(self) -> str:
        return f"{self.leader} {self.get_state_display()}"


class HandlingTask(BaseModel):
    """One unit's part in handling (承办): the lead unit's and each cooperating unit's."""

    document = models.ForeignKey(IncomingDocument, models.CASCADE, related_name="tasks")
    unit = models.ForeignKey(
        "org.Unit", models.PROTECT, related_name="incoming_tasks", verbose_name=_("承办单位")
    )
    role = models.CharField(_("分工"), max_length=12, choices=TaskRole.choices)
    state = models.CharField(
        _("状态"), max_length=12, choices=TaskState.choices, default=TaskState.OPEN
    )
    due_at = models.DateTimeField(_("办理时限"))
    basis = models.JSONField(_("依据"), default=dict)
    item = models.ForeignKey(
        "tracking.TrackedItem", models.SET_NULL, null=True, blank=True, related_name="+"
    )
    result = models.TextField(_("办理结果"), blank=True)
    done_by = models.CharField(_("办理人"), max_length=80, blank=True)
    done_at = models.DateTimeField(_("办结时间"), null=True, blank=True)

    class Meta:
        ordering = ["document", "role", "id"]
        verbose_name = _("承办任务")
        verbose_name_plural = _("承办任务")
        indexes = [models.Index(fields=["unit", "state"], name="incoming_task_unit_idx")]

    def __str__(self) -> str:
        return f"{self.unit} {self.get_role_display()}"

    @property
    def current_due_at(self):
        """The deadline now: the tracked item's, which an approved extension moves."""
        if self.item_id and self.item is not None:
            return self.item.due_at
        return self.due_at


class Circulation(BaseModel):
    """One reader of the circulation (传阅); in order or all at once."""

    document = models.ForeignKey(IncomingDocument, models.CASCADE, related_name="circulations")
    position = models.PositiveSmallIntegerField(_("顺序"))
    reader = models.ForeignKey(
        "org.Person", models.PROTECT, related_name="incoming_circulations", verbose_name=_("阅件人")
    )
    in_order = models.BooleanField(_("依次传阅"), default=False)
    read_request = models.ForeignKey(
        "tracking.ReadRequest", models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(_("送阅时间"), null=True, blank=True)

    class Meta:
        ordering = ["document", "position"]
        verbose_name = _("传阅")
        verbose_name_plural = _("传阅")
        indexes = [models.Index(fields=["reader"], name="incoming_circ_reader_idx")]

    def __str__(self) -> str:
        return str(self.reader)

    @property
    def read_at(self):
        return self.read_request.read_at if self.read_request_id else None
