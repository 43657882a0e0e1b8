"""The tracked item: one model of "something someone must finish by a time".

Incoming documents, issuance ledgers, meeting decisions, supervision, information
commissions and emergencies all track their work here. The item points back to its source
generically (content type + id) and names a registered ``kind``; the engine knows
nothing of the modules above it.

The sweep never computes per row: every time it acts on is precomputed in an indexed
column (``recolour_at``, ``remind_at``, ``next_chase_at``, ``report_notice_at``)
and cleared when the item no longer needs it, so each partial index holds only the items
with something pending.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zhongshu.framework.models import BaseModel

from ..choices import (
    HANDLER_STATES,
    OPEN_STATES,
    Colour,
    ItemState,
    Priority,
    ReportCadence,
    UnitRole,
    Urgency,
)

_OPEN = Q(state__in=OPEN_STATES)


class TrackedItem(BaseModel):
    # Foreign keys that a composite index below already leads with carry no index of their
    # own (db_index=False): every index is rewritten when the sweep moves a row.
    subject = models.CharField(_("事项"), max_length=300)
    # The subject cut into words (jieba) for the full-text index: a ledger of a million
    # items is searched through the index, not by LIKE (framework.search).
    search_tokens = models.TextField(_("检索词"), editable=False, default="")
    kind = models.CharField(_("类型"), max_length=64)
    source_type = models.ForeignKey(
        ContentType,
        models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("来源类型"),
        db_index=False,
    )
    source_id = models.CharField(_("来源编号"), max_length=64, blank=True)
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("上级事项"),
    )
    lead_unit = models.ForeignKey(
        "org.Unit", models.PROTECT, related_name="led_items", verbose_name=_("牵头单位")
    )
    cooperating_units = models.ManyToManyField(
        "org.Unit",
        through="ItemUnit",
        related_name="cooperating_items",
        blank=True,
        verbose_name=_("配合单位"),
    )
    responsible = models.ForeignKey(
        "org.Person",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="responsible_items",
        verbose_name=_("责任人"),
        db_index=False,
    )
    creator = models.ForeignKey(
        "org.Person",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="created_items",
        verbose_name=_("交办人"),
    )
    approver = models.ForeignKey(
        "org.Person",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="approved_items",
        verbose_name=_("审批人"),
        help_text=_("审批销号与延期的人。"),
        db_index=False,
    )
    urgency = models.CharField(
        _("紧急程度"), max_length=16, choices=Urgency.choices, default=Urgency.NORMAL
    )
    priority = models.CharField(
        _("催办等级"), max_length=16, choices=Priority.choices, default=Priority.NORMAL
    )

    # --- the state machine (transitions.py) ---
    state = models.CharField(
        _("状态"), max_length=24, choices=ItemState.choices, default=ItemState.OPEN
    )
    state_changed_at = models.DateTimeField(_("状态变更时间"))
    # Who must act now: the handler in the handler states, the approver when close-out
    # is requested; a unit when no person is named. The workbench's 待办 reads these.
    awaiting = models.ForeignKey(
        "org.Person",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="awaiting_items",
        verbose_name=_("当前办理人"),
        db_index=False,
    )
    awaiting_unit = models.ForeignKey(
        "org.Unit",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="awaiting_items",
        verbose_name=_("当前办理单位"),
        db_index=False,
    )

    # --- the deadline: the service norm tracked, the legal limit kept beside it ---
    due_at = models.DateTimeField(_("办理时限"))
    legal_due_at = models.DateTimeField(_("法定时限"), null=True, blank=True)
    deadline = models.JSONField(_("期限计算"), default=dict)
    base_deadline = models.JSONField(_("原始期限"), default=dict)
    legal_deadline = models.JSONField(_("法定期限计算"), null=True, blank=True)
    basis = models.JSONField(_("依据"), default=dict)
    provisional = models.BooleanField(_("暂定日历"), default=False)
    suspended_at = models.DateTimeField(_("中止时间"), null=True, blank=True)

    # --- SUP-16 colour, denormalised so lists filter by it ---
    colour = models.CharField(_("预警"), max_length=8, choices=Colour.choices, default=Colour.GREEN)
    was_overdue = models.BooleanField(_("曾超期"), default=False)
    yellow_at = models.DateTimeField(null=True, blank=True, editable=False)
    # When the colour next changes (green → yellow or red, yellow → red); None once red,
    # closed or suspended. The sweep's only colour index: what it holds is what is due.
    recolour_at = models.DateTimeField(null=True, blank=True, editable=False)

    # --- reminders and chases (DOC-IN-12), precomputed for the sweep ---
    remind_at = models.DateTimeField(null=True, blank=True, editable=False)
    next_chase_at = models.DateTimeField(null=True, blank=True, editable=False)
    deadline_round = models.PositiveIntegerField(default=1, editable=False)
    chase_step = models.PositiveIntegerField(_("催办次数"), default=0)
    answered_step = models.PositiveIntegerField(default=0, editable=False)
    is_key = models.BooleanField(_("重点督办"), default=False)
    escalated_at = models.DateTimeField(_("报告分管领导时间"), null=True, blank=True)

    # --- progress reports ---
    report_cadence = models.CharField(
        _("报告周期"), max_length=12, choices=ReportCadence.choices, default=ReportCadence.NONE
    )
    report_due_at = models.DateTimeField(_("下次报告时间"), null=True, blank=True)
    report_notice_at = models.DateTimeField(null=True, blank=True, editable=False)
    percent = models.PositiveSmallIntegerField(_("进度"), default=0)
    last_report_at = models.DateTimeField(_("最近报告"), null=True, blank=True)

    # --- SUP-8: the four lists, where a module uses them ---
    target = models.TextField(_("目标"), blank=True)
    tasks = models.JSONField(_("任务清单"), default=list, blank=True)
    responsibilities = models.JSONField(_("责任清单"), default=list, blank=True)
    measures = models.JSONField(_("措施清单"), default=list, blank=True)
    results = models.JSONField(_("成效清单"), default=list, blank=True)

    closed_at = models.DateTimeField(_("销号时间"), null=True, blank=True)
    outcome = models.TextField(_("办理结果"), blank=True)

    class Meta:
        ordering = ["due_at", "id"]
        verbose_name = _("跟踪事项")
        verbose_name_plural = _("跟踪事项")
        permissions = [
            ("view_all_items", _("查看全部跟踪事项")),
            ("supervise_items", _("督办全部跟踪事项（催办、审批、调整）")),
            ("create_task", _("交办事项")),
        ]
        indexes = [
            # The sweep: each partial index holds only the rows with that action pending.
            models.Index(
                fields=["recolour_at"],
                name="tracking_item_recolour_idx",
                condition=Q(recolour_at__isnull=False),
            ),
            models.Index(
                fields=["remind_at"],
                name="tracking_item_remind_idx",
                condition=Q(remind_at__isnull=False),
            ),
            models.Index(
                fields=["next_chase_at"],
                name="tracking_item_chase_idx",
                condition=Q(next_chase_at__isnull=False),
            ),
            models.Index(
                fields=["report_notice_at"],
                name="tracking_item_report_idx",
                condition=Q(report_notice_at__isnull=False),
            ),
            # The workbench's 待办: awaiting is cleared when an item closes, so these hold
            # open items in effect; plain (not partial) indexes let SQLite's OR plan use them.
            models.Index(
                fields=["awaiting", "due_at", "colour", "state"], name="tracking_item_awaiting_idx"
            ),
            models.Index(
                fields=["awaiting_unit", "awaiting", "due_at", "colour", "state"],
                name="tracking_item_await_unit_idx",
            ),
            models.Index(
                fields=["creator", "state_changed_at"],
                name="tracking_item_creator_idx",
                condition=_OPEN,
            ),
            models.Index(
                fields=["lead_unit", "colour", "due_at"],
                name="tracking_item_unit_colour_idx",
                condition=_OPEN,
            ),
            models.Index(
                fields=["colour", "due_at"], name="tracking_item_colour_idx", condition=_OPEN
            ),
            # A unit's open items by deadline (the supervision ledger filtered by unit).
            models.Index(
                fields=["lead_unit", "due_at", "id"],
                name="tracking_item_unit_due_idx",
                condition=_OPEN,
            ),
            models.Index(fields=["responsible", "state"], name="tracking_item_resp_idx"),
            models.Index(fields=["created_at", "id"], name="tracking_item_created_idx"),
            models.Index(fields=["due_at", "id"], name="tracking_item_due_idx"),
            models.Index(fields=["source_type", "source_id"], name="tracking_item_source_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(percent__lte=100), name="tracking_item_percent"),
            models.CheckConstraint(
                condition=Q(colour=Colour.RED) | Q(was_overdue=False),
                name="tracking_item_red_stays",
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def needs_handler(self) -> bool:
        return self.state in HANDLER_STATES

    @property
    def is_suspended(self) -> bool:
        return self.suspended_at is not None

    @property
    def uses_lists(self) -> bool:
        from ..registry import kind_of

        return kind_of(self.kind).uses_lists

    @property
    def basis_label(self) -> str:
        from ..deadlines import basis_label

        return basis_label(self)


class ItemUnit(models.Model):
    """A unit taking part in an item besides the lead unit, with its own role."""

    item = models.ForeignKey(TrackedItem, models.CASCADE, related_name="item_units")
    unit = models.ForeignKey("org.Unit", models.PROTECT, related_name="item_roles")
    role = models.CharField(
        _("角色"), max_length=16, choices=UnitRole.choices, default=UnitRole.COOPERATING
    )

    class Meta:
        verbose_name = _("参与单位")
        verbose_name_plural = _("参与单位")
        constraints = [
            models.UniqueConstraint(fields=["item", "unit"], name="tracking_itemunit_unique")
        ]
        indexes = [models.Index(fields=["unit", "item"], name="tracking_itemunit_unit_idx")]

    def __str__(self) -> str:
        return f"{self.unit} {self.get_role_display()}"
