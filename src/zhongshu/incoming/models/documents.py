"""The incoming document (收文) and its files."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhongshu.documents.choices import Classification, Kind, Urgency
from zhongshu.framework.models import ArchivableModel, BaseModel

from ..choices import DirectException, DocState, FileRole, HandlingMode


class IncomingDocument(ArchivableModel):
    # --- registration (DOC-IN-1, DOC-IN-3, DOC-IN-4) ---
    state = models.CharField(
        _("状态"), max_length=20, choices=DocState.choices, default=DocState.DRAFT
    )
    register_year = models.PositiveSmallIntegerField(_("收文年度"), null=True, blank=True)
    register_seq = models.PositiveIntegerField(_("收文序号"), null=True, blank=True)
    register_number = models.CharField(_("收文编号"), max_length=40, blank=True)
    sender_unit = models.ForeignKey(
        "org.Unit",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="incoming_sent",
        verbose_name=_("来文单位"),
        db_index=False,
    )
    sender_name = models.CharField(_("来文单位名称"), max_length=120, blank=True)
    sender_number = models.CharField(_("来文字号"), max_length=60, blank=True)
    sender_number_key = models.CharField(max_length=60, blank=True, editable=False)
    number_problems = models.JSONField(_("文号提示"), default=list, blank=True)
    title = models.CharField(_("标题"), max_length=300, blank=True)
    kind = models.CharField(_("文种"), max_length=20, choices=Kind.choices, blank=True)
    classification = models.CharField(
        _("密级"), max_length=16, choices=Classification.choices, default=Classification.NONE
    )
    secrecy_period = models.CharField(_("保密期限"), max_length=40, blank=True)
    urgency = models.CharField(
        _("紧急程度"), max_length=16, choices=Urgency.choices, default=Urgency.NORMAL
    )
    received_at = models.DateTimeField(_("收文时间"), null=True, blank=True)
    copies = models.PositiveSmallIntegerField(_("份数"), default=1)
    pages = models.PositiveSmallIntegerField(_("页数"), default=0)
    signer = models.CharField(_("签发人"), max_length=40, blank=True)
    contact_person = models.CharField(_("联系人"), max_length=40, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    electronic_received = models.BooleanField(_("电子版同步报送"), default=True)
    electronic_consistent = models.BooleanField(_("电子版与纸质版一致"), default=True)
    related = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="+", verbose_name=_("相关来文")
    )
    duplicate_of = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("重复登记于"),
    )
    resubmission_of = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="resubmissions",
        verbose_name=_("重报原件"),
    )
    registered_by = models.ForeignKey(
        "org.Person", models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
    registered_at = models.DateTimeField(_("登记时间"), null=True, blank=True)
    paper_reason = models.TextField(_("纸质办理原因"), blank=True)

    # --- what first review checks (DOC-IN-2, 5, 6, 7, 9) ---
    matter_count = models.PositiveSmallIntegerField(_("请示事项数"), default=1)
    carries_request = models.BooleanField(_("夹带请示事项"), default=False)
    request_to_issue = models.BooleanField(_("提请发文"), default=False)
    materials = models.JSONField(_("已载明事项和附件"), default=list, blank=True)
    party_matter = models.BooleanField(_("属党委职权事项"), default=False)
    skipped_level = models.BooleanField(_("越级报文"), default=False)
    skipped_copied = models.BooleanField(_("已抄送被越过的部门"), default=False)
    emergency_direct = models.BooleanField(_("紧急情况直接报送"), default=False)
    addressed_leader = models.ForeignKey(
        "org.Person",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("直接报送领导个人"),
        db_index=False,
    )
    direct_exception = models.CharField(
        _("直报例外"), max_length=16, choices=DirectException.choices, blank=True
    )
    also_sent_to = models.CharField(_("同时报送"), max_length=200, blank=True)
    needed_by = models.DateField(_("需办结日期"), null=True, blank=True)
    pre_announced = models.BooleanField(_("已事先沟通"), default=False)
    review_findings = models.JSONField(_("初审意见"), default=list, blank=True)
    reviewed_by = models.ForeignKey(
        "org.Person", models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
    reviewed_at = models.DateTimeField(_("初审时间"), null=True, blank=True)

    # --- return (DOC-IN-8) ---
    return_reason = models.TextField(_("退文理由"), blank=True)
    return_approved_by = models.CharField(_("退文批准"), max_length=80, blank=True)
    returned_at = models.DateTimeField(_("退文时间"), null=True, blank=True)

    # --- proposed handling (拟办意见) and deadlines (DOC-IN-10/11/12/15) ---
    mode = models.CharField(_("拟办方式"), max_length=8, choices=HandlingMode.choices, blank=True)
    proposal = models.TextField(_("拟办意见"), blank=True)
    proposed_by = models.ForeignKey(
        "org.Person", models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
    proposed_at = models.DateTimeField(_("拟办时间"), null=True, blank=True)
    lead_unit = models.ForeignKey(
        "org.Unit",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="incoming_led",
        verbose_name=_("主办单位"),
        db_index=False,
    )
    cooperating_units = models.ManyToManyField(
        "org.Unit", blank=True, related_name="incoming_cooperated", verbose_name=_("协办单位")
    )
    difficult = models.BooleanField(_("难点问题"), default=False)
    needs_consultation = models.BooleanField(_("需征求相关部门意见"), default=False)
    needs_implementation = models.BooleanField(_("需贯彻落实（上级文件）"), default=False)
    own_due_date = models.DateField(_("来文规定时限"), null=True, blank=True)
    important = models.BooleanField(_("重要公文"), default=False)

    # --- completion and reply ---
    result = models.TextField(_("办理结果"), blank=True)
    reply_number = models.CharField(_("答复文号"), max_length=60, blank=True)
    reply_text = models.TextField(_("答复内容"), blank=True)
    # The outgoing reply, filled in by the outgoing module once it exists (generic link).
    reply_type = models.ForeignKey(
        ContentType, models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
    reply_id = models.CharField(max_length=64, blank=True)
    completed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    archived_by = models.ForeignKey(
        "org.Person", models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )

    # The office's own step (初审/拟办, then退文审批) waiting on a person: a tracked item.
    office_item = models.ForeignKey(
        "tracking.TrackedItem",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    search_tokens = models.TextField(default="", blank=True, editable=False)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("收文")
        verbose_name_plural = _("收文")
        permissions = [
            ("view_all_incoming", _("查看全部收文")),
            ("register_incoming", _("收文登记、初审、拟办、归档")),
        ]
        indexes = [
            models.Index(fields=["-received_at", "-id"], name="incoming_received_idx"),
            models.Index(fields=["state", "-received_at"], name="incoming_state_idx"),
            models.Index(fields=["kind", "-received_at"], name="incoming_kind_idx"),
            models.Index(fields=["sender_unit", "-received_at"], name="incoming_sender_idx"),
            models.Index(fields=["sender_number_key"], name="incoming_number_idx"),
            models.Index(fields=["lead_unit", "-received_at"], name="incoming_lead_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["register_year", "register_seq"], name="incoming_register_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.register_number or '草稿'} {self.title}".strip()

    @property
    def sender_label(self) -> str:
        if self.sender_unit_id:
            return self.sender_unit.short_name or self.sender_unit.name
        return self.sender_name

    @property
    def is_request(self) -> bool:
        return self.kind == Kind.REQUEST


class IncomingFile(BaseModel):
    document = models.ForeignKey(
        IncomingDocument, models.CASCADE, related_name="files", verbose_name=_("收文")
    )
    role = models.CharField(_("类别"), max_length=12, choices=FileRole.choices)
    file = models.FileField(_("文件"), upload_to="incoming/%Y/%m/")
    name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveBigIntegerField(_("大小"), default=0)
    file_type = models.CharField(_("类型"), max_length=12)
    text = models.TextField(_("文字"), blank=True)
    extraction_failed = models.BooleanField(_("文字提取失败"), default=False)
    extraction_note = models.CharField(_("提取说明"), max_length=200, blank=True)

    class Meta:
        ordering = ["role", "id"]
        verbose_name = _("收文文件")
        verbose_name_plural = _("收文文件")

    def __str__(self) -> str:
        return self.name
