"""Outgoing documents (发文): the draft and its attributes, the steps it passes
(consultation, countersign, legality review, office review, signing), the number
series (DOC-OUT-18) and the numbers issued from them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhongshu.documents.choices import Classification, Disclosure, Kind, Urgency
from zhongshu.framework import search
from zhongshu.framework.models import ArchivableModel, BaseModel
from zhongshu.org.models import Person, Portfolio, SeriesCode, Unit

from .choices import Decision, Layout, LengthCategory, State, StepKind, Validity


class OutgoingDocument(ArchivableModel):
    # --- what it is -------------------------------------------------------------
    kind = models.CharField(_("文种"), max_length=16, choices=Kind.choices, default=Kind.NOTICE)
    layout = models.CharField(
        _("版式"), max_length=12, choices=Layout.choices, default=Layout.DOCUMENT
    )
    issuer = models.ForeignKey(
        Unit, models.PROTECT, related_name="issued_documents", verbose_name=_("发文机关")
    )
    series = models.ForeignKey(
        SeriesCode,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="outgoing_documents",
        verbose_name=_("发文代字"),
    )
    title = models.CharField(_("标题"), max_length=300)
    # Title and number cut into words (jieba) for the full-text index (framework.search);
    # written by the services whenever either changes.
    search_tokens = models.TextField(_("检索词"), editable=False, default="")
    main_recipients = models.CharField(_("主送机关"), max_length=500, blank=True)
    copy_to = models.CharField(_("抄送机关"), max_length=500, blank=True)
    # [{"level": 0..4, "text": "..."}]: 0 a paragraph; 1 一、 2 （一） 3 1. 4 （1）
    body = models.JSONField(_("正文"), default=list, blank=True)
    attachment_notes = models.JSONField(_("附件说明"), default=list, blank=True)
    # the attachments' own text, one list of paragraphs per note (same order): laid out
    # on new pages after the signature
    attachment_bodies = models.JSONField(_("附件正文"), default=list, blank=True)
    note = models.CharField(_("附注"), max_length=300, blank=True)
    classification = models.CharField(
        _("密级"), max_length=16, choices=Classification.choices, default=Classification.NONE
    )
    secrecy_period = models.CharField(_("保密期限"), max_length=40, blank=True)
    urgency = models.CharField(
        _("紧急程度"), max_length=16, choices=Urgency.choices, default=Urgency.NORMAL
    )
    disclosure = models.CharField(
        _("公开属性"), max_length=16, choices=Disclosure.choices, blank=True
    )
    disclosure_reason = models.CharField(_("不公开理由"), max_length=300, blank=True)
    # --- what decides the route -------------------------------------------------
    is_normative = models.BooleanField(_("规范性文件"), default=False)
    is_policy = models.BooleanField(_("政策性文件"), default=False)
    is_major = models.BooleanField(
        _("重大事项"),
        default=False,
        help_text=_("重大规划、政策、项目，人财物管理，机构、资金、管理权限，会议审议事项"),
    )
    is_report_up = models.BooleanField(
        _("报送上级或人大"), default=False, help_text=_("报市政府的公文、向区人大的议案")
    )
    is_office_internal = models.BooleanField(_("机关内部事务"), default=False)
    # DOC-OUT-8: issued jointly in the names of the district party committee and the
    # government, mainly government work: the government side first, then 区委办公室
    is_party_joint = models.BooleanField(_("区委、区政府联合发文"), default=False)
    transferred_at = models.DateTimeField(_("转区委办公室时间"), null=True, blank=True)
    portfolios = models.ManyToManyField(
        Portfolio, blank=True, related_name="outgoing_documents", verbose_name=_("涉及分管领域")
    )
    joint_units = models.ManyToManyField(
        Unit, blank=True, related_name="joint_outgoing_documents", verbose_name=_("联合发文单位")
    )
    consulted_units = models.ManyToManyField(
        Unit,
        blank=True,
        related_name="consulted_outgoing_documents",
        verbose_name=_("征求意见单位"),
    )
    # DOC-OUT-10: a draft on major public interests is opened to public comment, and what
    # was adopted is fed back
    is_public_interest = models.BooleanField(_("涉及重大公共利益和公众权益"), default=False)
    public_comment = models.TextField(_("公开征求意见情况"), blank=True)
    public_comment_feedback = models.TextField(_("意见采纳情况反馈"), blank=True)
    # DOC-OUT-10: what of other units' business the draft touches (任务分工, 财政资金 …)
    consultation_topics = models.JSONField(_("涉及其他单位的事项"), default=list, blank=True)
    length_category = models.CharField(
        _("篇幅类别"), max_length=24, choices=LengthCategory.choices, default=LengthCategory.OTHER
    )
    # --- before it goes anywhere (DOC-OUT-1 … 4) -------------------------------------
    ledger_item = models.ForeignKey(
        "tracking.TrackedItem",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("发文清单事项"),
    )
    necessity = models.JSONField(_("发文必要性说明"), default=dict, blank=True)  # DOC-OUT-2
    questions = models.JSONField(_("可发可不发问答"), default=dict, blank=True)  # DOC-OUT-3
    form_reason = models.CharField(_("发文规格说明"), max_length=500, blank=True)  # DOC-OUT-4
    warnings = models.JSONField(_("提示"), default=list, blank=True)
    # --- interpretation (DOC-OUT-15) and office review gates (DOC-OUT-12) -------------
    interpretation_plan = models.TextField(_("政策解读方案及材料"), blank=True)
    interpretation_approved_by = models.ForeignKey(
        Person,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("解读材料审定人"),
    )
    gates = models.JSONField(_("六关审核"), default=dict, blank=True)
    legality_passed = models.BooleanField(_("合法性审查通过"), null=True, blank=True)
    # --- who and where --------------------------------------------------------------
    drafting_unit = models.ForeignKey(
        Unit, models.PROTECT, related_name="drafted_documents", verbose_name=_("拟稿单位")
    )
    drafter = models.ForeignKey(
        Person, models.PROTECT, related_name="drafted_documents", verbose_name=_("拟稿人")
    )
    state = models.CharField(
        _("状态"), max_length=20, choices=State.choices, default=State.DRAFTING, db_index=True
    )
    state_changed_at = models.DateTimeField(_("状态时间"), null=True, blank=True)
    return_reason = models.CharField(_("退回理由"), max_length=500, blank=True)
    # --- after signing ----------------------------------------------------------------
    signed_on = models.DateField(_("成文日期"), null=True, blank=True)
    signature = models.CharField(_("发文机关署名"), max_length=120, blank=True)
    number = models.CharField(_("发文字号"), max_length=60, blank=True, db_index=True)
    year = models.PositiveSmallIntegerField(_("年度"), null=True, blank=True)
    distribution = models.CharField(_("分送范围"), max_length=500, blank=True)
    copies = models.PositiveIntegerField(_("份数"), default=0)
    sealed_at = models.DateTimeField(_("用印时间"), null=True, blank=True)
    printed_by = models.CharField(_("印发机关"), max_length=120, blank=True)
    issued_at = models.DateTimeField(_("印发时间"), null=True, blank=True, db_index=True)
    published_at = models.DateTimeField(_("公开发布时间"), null=True, blank=True)
    # DOC-OUT-7/13: the meeting that approved the draft
    meeting_approved_on = models.DateField(_("会议审议通过日期"), null=True, blank=True)
    # DOC-OUT-16
    validity = models.CharField(
        _("效力"), max_length=12, choices=Validity.choices, default=Validity.VALID
    )
    evaluation = models.TextField(_("后评估"), blank=True)
    # The incoming document this one answers or implements (DOC-IN-15): any model.
    source_type = models.ForeignKey(
        "contenttypes.ContentType", models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source_id = models.CharField(_("来源"), max_length=64, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("发文")
        verbose_name_plural = _("发文")
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="out_created"),
            models.Index(fields=["state", "-created_at"], name="out_state_created"),
            models.Index(fields=["issued_at", "state"], name="out_issued"),
            models.Index(fields=["drafting_unit", "-created_at"], name="out_unit_created"),
            models.Index(fields=["disclosure", "state", "-issued_at"], name="out_public"),
        ]
        permissions = [
            ("view_all_outgoing", "查看全部发文"),
            ("review_outgoing", "办公室审核发文"),
            ("number_outgoing", "发文编号、分发、印发"),
            ("legal_review_outgoing", "合法性审查"),
        ]

    def __str__(self) -> str:
        return self.number or self.title

    @property
    def is_public(self) -> bool:
        return self.disclosure == "public"

    def body_text(self) -> str:
        return "".join(p.get("text", "") for p in self.body or [])

    def words(self) -> str:
        """The search tokens of the title and the number."""
        return search.tokens(self.title, self.number)


class Step(BaseModel):
    """One person's or unit's turn on the document: a consultation opinion, a
    countersignature, the legality review, an office review, a signature. A step that
    waits on someone with a deadline has a tracked item."""

    document = models.ForeignKey(
        OutgoingDocument, models.CASCADE, related_name="steps", verbose_name=_("发文")
    )
    kind = models.CharField(_("环节"), max_length=16, choices=StepKind.choices)
    stage = models.CharField(_("状态环节"), max_length=20, choices=State.choices)
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)
    round = models.PositiveSmallIntegerField(_("轮次"), default=1)
    unit = models.ForeignKey(
        Unit, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("单位")
    )
    person = models.ForeignKey(
        Person, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("办理人")
    )
    role_label = models.CharField(_("身份"), max_length=60, blank=True)
    decision = models.CharField(
        _("结果"), max_length=12, choices=Decision.choices, default=Decision.PENDING
    )
    opinion = models.TextField(_("意见"), blank=True)
    acted_by = models.ForeignKey(
        Person, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("签署人")
    )
    acted_label = models.CharField(_("署名"), max_length=80, blank=True)
    acted_at = models.DateTimeField(_("办理时间"), null=True, blank=True)
    due_at = models.DateTimeField(_("办理时限"), null=True, blank=True)
    item = models.ForeignKey(
        "tracking.TrackedItem", models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["document_id", "round", "kind", "order", "id"]
        verbose_name = _("办理环节")
        verbose_name_plural = _("办理环节")
        indexes = [models.Index(fields=["document", "kind", "decision"], name="out_step_doc")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.role_label}"


class Disagreement(BaseModel):
    """DOC-OUT-10: an opinion the drafter does not take; each side's reasons, a proposal,
    the decision of the leader in charge."""

    document = models.ForeignKey(
        OutgoingDocument, models.CASCADE, related_name="disagreements", verbose_name=_("发文")
    )
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="+", verbose_name=_("单位"))
    their_reason = models.TextField(_("对方意见及理由"))
    drafter_reason = models.TextField(_("起草单位理由"))
    proposal = models.TextField(_("办理建议"), blank=True)
    decision = models.TextField(_("协调决定"), blank=True)
    decided_by = models.ForeignKey(
        Person, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("决定人")
    )
    decided_at = models.DateTimeField(_("决定时间"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("意见分歧")
        verbose_name_plural = _("意见分歧")


class NumberCounter(models.Model):
    """The last sequence used in one series for one year (``year`` 0: a 令号 series,
    never reset). Numbering locks this row (select_for_update)."""

    series = models.ForeignKey(SeriesCode, models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["series", "year"], name="out_counter_series_year")
        ]

    def __str__(self) -> str:
        return f"{self.series_id}/{self.year}: {self.last}"


class IssuedNumber(models.Model):
    """Every number ever given (DOC-OUT-18): never reused; a voided one stays, with its
    reason."""

    series = models.ForeignKey(SeriesCode, models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    sequence = models.PositiveIntegerField(_("序号"))
    text = models.CharField(_("文号"), max_length=60)
    document = models.ForeignKey(
        OutgoingDocument, models.PROTECT, null=True, blank=True, related_name="numbers"
    )
    assigned_at = models.DateTimeField(_("编号时间"))
    assigned_by = models.ForeignKey(Person, models.PROTECT, null=True, related_name="+")
    voided_at = models.DateTimeField(_("作废时间"), null=True, blank=True)
    void_reason = models.CharField(_("作废理由"), max_length=300, blank=True)

    class Meta:
        ordering = ["series_id", "year", "sequence"]
        verbose_name = _("发文字号")
        verbose_name_plural = _("发文字号")
        constraints = [
            models.UniqueConstraint(fields=["series", "year", "sequence"], name="out_number_unique")
        ]

    def __str__(self) -> str:
        return self.text
