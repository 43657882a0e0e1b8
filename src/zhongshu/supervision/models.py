"""The supervision ledger (督查台账) built on the tracking engine.

A supervised item (督办事项) *is* a tracked item with supervision data beside it: the
tracked item keeps the state, deadline, SUP-16 colour, progress, chases, extensions and
close-out; ``SupervisedItem`` adds the source (SUP-1), the deputy head in charge (分管区长),
the standard, and the source-specific fields (SUP-7 rectification, SUP-13 proposal
handling). A ``Case`` groups the items of one source document (the city's notice, the
year's work report, a meeting, a special supervision) with the office's own steps, each of
which is a tracked item too (a step waits on a person with a deadline).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zhongshu.framework.models import BaseModel

from .choices import (
    BulletinState,
    CaseKind,
    CaseState,
    CheckMethod,
    OrderState,
    Period,
    ProposalState,
    Rectification,
    ReplyGrade,
    Satisfaction,
    Source,
    StepKind,
)


class Case(BaseModel):
    """督查任务: one source document and the office's steps on it (SUP-2…6)."""

    kind = models.CharField(_("类别"), max_length=24, choices=CaseKind.choices)
    title = models.CharField(_("名称"), max_length=300)
    reference = models.CharField(_("来文文号或会议"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("年度"))
    received_at = models.DateTimeField(_("接收时间"))
    state = models.CharField(
        _("状态"), max_length=16, choices=CaseState.choices, default=CaseState.REGISTERED
    )
    ordered_by = models.ForeignKey(
        "org.Person",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("交办领导"),
    )
    created_by = models.ForeignKey(
        "org.Person", models.PROTECT, null=True, related_name="+", verbose_name=_("登记人")
    )
    plan = models.TextField(_("督查方案或拟办意见"), blank=True)
    # SUP-6: 督查依据、时间、对象、内容、形式、反馈方式
    notice = models.JSONField(_("督查通知"), default=dict, blank=True)
    # SUP-2: the on-site visit — inspection spots, preparation meeting, reception plan
    arrangements = models.JSONField(_("迎检安排"), default=dict, blank=True)
    findings = models.TextField(_("督查发现"), blank=True)
    report = models.TextField(_("督查报告"), blank=True)
    # SUP-4 / SUP-9: each inspection round (quarterly full inspection, 回头看) and its report
    rounds = models.JSONField(_("督查轮次"), default=list, blank=True)
    approved_at = models.DateTimeField(_("审定时间"), null=True, blank=True)
    notified_at = models.DateTimeField(_("通知时间"), null=True, blank=True)
    collected_at = models.DateTimeField(_("汇总时间"), null=True, blank=True)
    reported_at = models.DateTimeField(_("报告时间"), null=True, blank=True)
    # the notice and the report as issued outgoing documents (DOC-OUT-18 number, issue time)
    notice_number = models.CharField(_("通知文号"), max_length=60, blank=True)
    notice_issued_at = models.DateTimeField(_("通知印发时间"), null=True, blank=True)
    report_number = models.CharField(_("报告文号"), max_length=60, blank=True)
    report_issued_at = models.DateTimeField(_("报告印发时间"), null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("督查任务")
        verbose_name_plural = _("督查任务")

    def __str__(self) -> str:
        return self.title


class CaseStep(models.Model):
    """One of the office's own steps on a case, waiting on a person with a deadline."""

    case = models.ForeignKey(Case, models.CASCADE, related_name="steps")
    kind = models.CharField(_("环节"), max_length=16, choices=StepKind.choices)
    item = models.OneToOneField(
        "tracking.TrackedItem", models.PROTECT, related_name="supervision_step"
    )

    class Meta:
        verbose_name = _("督查环节")
        verbose_name_plural = _("督查环节")

    def __str__(self) -> str:
        return self.get_kind_display()


class SupervisedItem(BaseModel):
    """督办事项: one line of the ledger; its tracked item carries the clock."""

    item = models.OneToOneField(
        "tracking.TrackedItem",
        models.PROTECT,
        related_name="supervised",
        verbose_name=_("跟踪事项"),
    )
    case = models.ForeignKey(
        Case,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="items",
        verbose_name=_("督查任务"),
    )
    source = models.CharField(_("来源"), max_length=24, choices=Source.choices)
    year = models.PositiveSmallIntegerField(_("年度"))
    number = models.PositiveIntegerField(_("序号"), default=0)
    leader = models.ForeignKey(
        "org.Person",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="supervised_items",
        verbose_name=_("分管区长"),
        db_index=False,
    )
    standard = models.TextField(_("工作标准"), blank=True)
    reference = models.CharField(_("来源依据"), max_length=200, blank=True)
    detail = models.TextField(_("事项内容"), blank=True)
    progress_note = models.TextField(_("进展情况"), blank=True)
    # MTG-15: the section that supervises it (督办科室) and the record it came from (e.g. the
    # meetings module's 议定事项), pointed at the way the tracking engine points at a source.
    supervising_section = models.ForeignKey(
        "org.Section",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("督办科室"),
    )
    origin_type = models.ForeignKey(
        "contenttypes.ContentType",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("来源记录类型"),
        db_index=False,  # sup_item_origin_idx leads with it
    )
    origin_id = models.CharField(_("来源记录编号"), max_length=64, blank=True)

    # SUP-12: the leader's instruction
    instructed_by = models.ForeignKey(
        "org.Person",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("批示领导"),
    )
    instruction = models.TextField(_("批示内容"), blank=True)

    # SUP-7: rectification
    reinspections = models.PositiveSmallIntegerField(_("督办复查次数"), default=0)
    rectify_due_at = models.DateTimeField(_("整改时限"), null=True, blank=True)
    rectify_deadline = models.JSONField(_("整改期限计算"), default=dict, blank=True)
    rectification = models.CharField(
        _("整改结果"), max_length=16, choices=Rectification.choices, blank=True
    )
    rectification_reported_at = models.DateTimeField(_("整改报送时间"), null=True, blank=True)

    # SUP-13: proposals and motions
    proposer = models.CharField(_("代表委员"), max_length=100, blank=True)
    reply_grade = models.CharField(
        _("答复类别"), max_length=1, choices=ReplyGrade.choices, blank=True
    )
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    reply = models.TextField(_("答复内容"), blank=True)
    satisfaction = models.CharField(
        _("满意度"), max_length=16, choices=Satisfaction.choices, blank=True
    )
    redo_count = models.PositiveSmallIntegerField(_("重办次数"), default=0)

    class Meta:
        ordering = ["year", "number", "id"]
        verbose_name = _("督办事项")
        verbose_name_plural = _("督办事项")
        permissions = [
            ("view_all_supervised", _("查看全部督办事项")),
            ("manage_supervision", _("管理督查督办（立项、交办、督办单、销号、通报）")),
        ]
        indexes = [
            models.Index(fields=["leader", "source", "id"], name="sup_item_leader_idx"),
            models.Index(fields=["source", "year", "number"], name="sup_item_source_idx"),
            models.Index(fields=["year", "number", "id"], name="sup_item_year_idx"),
            models.Index(fields=["origin_type", "origin_id"], name="sup_item_origin_idx"),
            models.Index(
                fields=["rectify_due_at"],
                name="sup_item_rectify_idx",
                condition=Q(rectification="pending"),
            ),
        ]

    def __str__(self) -> str:
        return self.item.subject if self.item_id else self.detail[:40]


class SupervisionOrder(BaseModel):
    """督办单 (SUP-9): the unit analyses progress, problems and reasons and commits to
    measures and dates. Its answer is a tracked step of the lead unit."""

    supervised = models.ForeignKey(
        SupervisedItem, models.CASCADE, related_name="orders", verbose_name=_("督办事项")
    )
    number = models.CharField(_("编号"), max_length=40)
    issued_by = models.ForeignKey("org.Person", models.PROTECT, related_name="+")
    issued_at = models.DateTimeField(_("下发时间"))
    reason = models.TextField(_("督办事由"))
    step = models.OneToOneField(
        "tracking.TrackedItem", models.PROTECT, related_name="supervision_order"
    )
    state = models.CharField(
        _("状态"), max_length=12, choices=OrderState.choices, default=OrderState.ISSUED
    )
    analysis = models.TextField(_("进度分析"), blank=True)
    problems = models.TextField(_("存在问题及原因"), blank=True)
    measures = models.TextField(_("整改措施"), blank=True)
    commit_date = models.DateField(_("承诺完成时间"), null=True, blank=True)
    answered_by = models.ForeignKey(
        "org.Person", models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("回复时间"), null=True, blank=True)

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("督办单")
        verbose_name_plural = _("督办单")

    def __str__(self) -> str:
        return self.number


class FollowUpCheck(BaseModel):
    """回访、抽查、回头看、复查 (SUP-9, SUP-12): the office checks what the unit reported;
    a check that finds it not done is evidence for the item and the unit's assessment."""

    supervised = models.ForeignKey(
        SupervisedItem, models.CASCADE, related_name="checks", verbose_name=_("督办事项")
    )
    method = models.CharField(_("方式"), max_length=16, choices=CheckMethod.choices)
    checked_at = models.DateTimeField(_("时间"))
    checked_by = models.ForeignKey("org.Person", models.PROTECT, related_name="+")
    finding = models.TextField(_("核查情况"))
    confirmed = models.BooleanField(_("情况属实"), default=True)

    class Meta:
        ordering = ["-checked_at", "-id"]
        verbose_name = _("督查核查")
        verbose_name_plural = _("督查核查")

    def __str__(self) -> str:
        return f"{self.get_method_display()} {self.checked_at:%Y-%m-%d}"


class AccountabilityProposal(BaseModel):
    """问责建议 (SUP-10) with the evidence that produced it."""

    unit = models.ForeignKey("org.Unit", models.PROTECT, related_name="+", verbose_name=_("单位"))
    period_start = models.DateField(_("期间开始"))
    period_end = models.DateField(_("期间结束"))
    reason = models.TextField(_("事由"))
    evidence = models.JSONField(_("证据"), default=list)
    state = models.CharField(
        _("状态"), max_length=12, choices=ProposalState.choices, default=ProposalState.PROPOSED
    )
    created_by = models.ForeignKey("org.Person", models.PROTECT, null=True, related_name="+")

    class Meta:
        ordering = ["-period_end", "unit_id"]
        verbose_name = _("问责建议")
        verbose_name_plural = _("问责建议")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "period_start", "period_end"], name="sup_accountability_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.period_start}–{self.period_end}"


class Bulletin(BaseModel):
    """通报 (monthly / quarterly) or 《督查报告》: generated, edited by the office, issued."""

    period = models.CharField(_("周期"), max_length=12, choices=Period.choices)
    period_start = models.DateField(_("期间开始"))
    period_end = models.DateField(_("期间结束"))
    title = models.CharField(_("标题"), max_length=200)
    figures = models.JSONField(_("统计"), default=dict)
    body = models.TextField(_("正文"), blank=True)
    praise = models.TextField(_("通报表扬"), blank=True)
    criticism = models.TextField(_("通报批评"), blank=True)
    leader_instruction = models.TextField(_("领导批示"), blank=True)
    chart = models.FileField(_("图表"), upload_to="supervision/charts/", blank=True)
    document = models.FileField(_("文档"), upload_to="supervision/bulletins/", blank=True)
    state = models.CharField(
        _("状态"), max_length=12, choices=BulletinState.choices, default=BulletinState.DRAFT
    )
    document_number = models.CharField(_("文号"), max_length=60, blank=True)
    issued_at = models.DateTimeField(_("印发时间"), null=True, blank=True)
    created_by = models.ForeignKey("org.Person", models.PROTECT, null=True, related_name="+")

    class Meta:
        ordering = ["-period_end", "-id"]
        verbose_name = _("督查通报")
        verbose_name_plural = _("督查通报")

    def __str__(self) -> str:
        return self.title


class LedgerTally(models.Model):
    """SUP-16 counts of the whole open ledger by deputy head in charge, lead unit and
    source — one batch per count (``counted_at``), taken after each minute's sweep has
    recoloured (``tally.refresh``). The summaries and the red wall of those who see the
    whole ledger read it instead of grouping a million lines on every request."""

    counted_at = models.DateTimeField(_("统计时间"), db_index=True)
    leader_id = models.BigIntegerField(_("分管区长"), null=True)
    unit_id = models.BigIntegerField(_("牵头单位"))
    source = models.CharField(_("来源"), max_length=24)
    total = models.PositiveIntegerField(_("在办"))
    red = models.PositiveIntegerField(_("红"))
    yellow = models.PositiveIntegerField(_("黄"))
    green = models.PositiveIntegerField(_("绿"))
    key_items = models.PositiveIntegerField(_("重点督办"))

    class Meta:
        verbose_name = _("督查台账统计")
        verbose_name_plural = _("督查台账统计")

    def __str__(self) -> str:
        return f"{self.counted_at:%Y-%m-%d %H:%M} {self.unit_id}/{self.source}"
