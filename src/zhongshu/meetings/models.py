"""Meetings (办会): types and their bodies, the annual plan, meetings, topics (议题),
the agenda, participants and leave, minutes (纪要) and decisions (议定事项)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhongshu.framework.models import BaseModel
from zhongshu.org.models import Person, Section, Unit

from .choices import (
    Attendance,
    EmergencyState,
    LeaveState,
    MajorMatter,
    MeetingClass,
    MeetingState,
    MeetingType,
    MinutesState,
    Mode,
    ParticipantRole,
    PlanEntryState,
    PlanState,
    TopicState,
)


class MeetingBody(BaseModel):
    """MTG-1: the members (组成人员) and standing attendees (列席) of a meeting type;
    the quorum and rhythm come from the rule catalogue (the profile)."""

    type = models.CharField(_("会议类型"), max_length=20, choices=MeetingType.choices, unique=True)
    convener = models.ForeignKey(
        Person, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("召集人")
    )
    members = models.ManyToManyField(Person, related_name="meeting_bodies", blank=True)
    standing_attendees = models.ManyToManyField(Person, related_name="attended_bodies", blank=True)

    class Meta:
        verbose_name = _("会议组成")
        verbose_name_plural = _("会议组成")

    def __str__(self) -> str:
        return str(MeetingType(self.type).label)


class AnnualPlan(BaseModel):
    """MTG-8: next year's class 1 and 2 meetings, compiled by the office."""

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    state = models.CharField(
        _("状态"), max_length=12, choices=PlanState.choices, default=PlanState.COLLECTING
    )
    compiled_at = models.DateTimeField(_("汇总时间"), null=True, blank=True)
    compiled_by = models.ForeignKey(
        Person, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("汇总人")
    )

    class Meta:
        verbose_name = _("年度会议计划")
        verbose_name_plural = _("年度会议计划")
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}年度会议计划"


class PlanEntry(BaseModel):
    plan = models.ForeignKey(AnnualPlan, models.CASCADE, related_name="entries")
    title = models.CharField(_("会议名称"), max_length=200)
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="+", verbose_name=_("牵头单位"))
    meeting_class = models.PositiveSmallIntegerField(_("类别"), choices=MeetingClass.choices)
    month = models.PositiveSmallIntegerField(_("计划月份"))
    participants = models.PositiveIntegerField(_("拟参会人数"), default=0)
    leader = models.ForeignKey(
        Person, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("出席领导")
    )
    state = models.CharField(
        _("状态"), max_length=12, choices=PlanEntryState.choices, default=PlanEntryState.PROPOSED
    )
    endorsed_by = models.ForeignKey(
        Person, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("同意人")
    )
    change_reason = models.TextField(_("调整或不召开的书面说明"), blank=True)
    proposed_by = models.ForeignKey(
        Person, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("提出人")
    )
    # MTG-10 (city profile): a department's comprehensive work meeting, once a year
    comprehensive = models.BooleanField(_("综合性工作会议"), default=False)

    class Meta:
        verbose_name = _("计划会议")
        verbose_name_plural = _("计划会议")
        ordering = ["month", "id"]
        indexes = [models.Index(fields=["plan", "state"])]

    def __str__(self) -> str:
        return self.title


class Meeting(BaseModel):
    type = models.CharField(_("会议类型"), max_length=20, choices=MeetingType.choices)
    meeting_class = models.PositiveSmallIntegerField(
        _("类别"), choices=MeetingClass.choices, default=MeetingClass.NONE
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    sequence = models.PositiveIntegerField(_("届次序号"), null=True, blank=True)
    title = models.CharField(_("会议名称"), max_length=200)
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))
    room = models.CharField(_("会议室"), max_length=80, blank=True)
    mode = models.CharField(_("召开方式"), max_length=12, choices=Mode.choices)
    mode_reason = models.CharField(_("集中召开的理由"), max_length=200, blank=True)
    presiding = models.ForeignKey(
        Person, models.PROTECT, related_name="presided_meetings", verbose_name=_("主持人")
    )
    organiser = models.ForeignKey(
        Unit, models.PROTECT, related_name="organised_meetings", verbose_name=_("承办单位")
    )
    plan_entry = models.ForeignKey(
        PlanEntry,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("计划会议"),
    )
    unplanned_reason = models.TextField(_("未列入计划的说明"), blank=True)
    unplanned = models.BooleanField(_("计划外"), default=False)
    # MTG-10 (city profile): a department's comprehensive work meeting in the
    # government's name — once a year, and outside the 100-participant cap
    comprehensive = models.BooleanField(_("综合性工作会议"), default=False)
    state = models.CharField(
        _("状态"), max_length=12, choices=MeetingState.choices, default=MeetingState.DRAFT
    )
    approver = models.ForeignKey(
        Person, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("审批人")
    )
    approved_at = models.DateTimeField(_("批准时间"), null=True, blank=True)
    filed_with_office = models.BooleanField(_("已报办公室备案"), default=False)
    held_at = models.DateTimeField(_("召开登记时间"), null=True, blank=True)
    news_text = models.TextField(_("新闻稿"), blank=True)
    news_seconds = models.PositiveIntegerField(_("播出时长（秒）"), default=0)
    no_recording = models.BooleanField(_("禁止录音录像拍照"), default=True)
    created_by = models.ForeignKey(
        Person, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("创建人")
    )

    class Meta:
        verbose_name = _("会议")
        verbose_name_plural = _("会议")
        ordering = ["-starts_at", "-id"]
        permissions = [
            ("manage_meetings", _("会务办理")),
            ("view_all_meetings", _("查看全部会议")),
        ]
        indexes = [
            models.Index(fields=["starts_at", "id"]),
            models.Index(fields=["type", "starts_at"]),
            models.Index(fields=["type", "state", "starts_at"]),
            models.Index(fields=["state", "starts_at"]),
            models.Index(fields=["organiser", "starts_at"]),
            models.Index(fields=["presiding", "starts_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["type", "year", "sequence"], name="meetings_unique_sequence"
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.sequence and self.type in (
            MeetingType.EXECUTIVE,
            MeetingType.HEAD_OFFICE,
            MeetingType.PLENARY,
            MeetingType.PARTY_GROUP,
        ):
            return f"{self.year}年第{self.sequence}次{MeetingType(self.type).label}"
        return self.title

    @property
    def type_label(self) -> str:
        return str(MeetingType(self.type).label)


class Topic(BaseModel):
    """议题 (MTG-3, 4, 2, 6)."""

    title = models.CharField(_("议题名称"), max_length=200)
    meeting_type = models.CharField(
        _("提请会议"), max_length=20, choices=MeetingType.choices, default=MeetingType.EXECUTIVE
    )
    lead_unit = models.ForeignKey(
        Unit, models.PROTECT, related_name="meeting_topics", verbose_name=_("牵头单位")
    )
    requested_by = models.ForeignKey(
        Person, models.PROTECT, related_name="+", verbose_name=_("申报人")
    )
    presenter = models.ForeignKey(
        Person,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("汇报人"),
    )
    reason = models.TextField(_("事由"))
    explanation = models.TextField(_("议题说明"), blank=True)
    recommended_option = models.TextField(_("首选方案建议"), blank=True)
    work_plan = models.TextField(_("下一步工作方案和任务清单"), blank=True)
    major_matter = models.CharField(
        _("三重一大"), max_length=12, choices=MajorMatter.choices, blank=True, default=""
    )
    personnel = models.BooleanField(_("涉及人事任免"), default=False)
    required = models.JSONField(_("须完成的审查论证"), default=list, blank=True)
    consultation_note = models.TextField(_("意见收集和采纳情况"), blank=True)
    agreed_with_units = models.BooleanField(_("已征求意见并协调一致"), default=False)
    wanted_date = models.DateField(_("建议上会日期"), null=True, blank=True)
    congress_reported_on = models.DateField(_("向区人大报告日期"), null=True, blank=True)
    congress_note = models.CharField(_("向区人大报告情况"), max_length=300, blank=True)
    requested_at = models.DateTimeField(_("申报时间"), null=True, blank=True)
    reviewer = models.ForeignKey(
        Person,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("分管领导"),
    )
    review_opinion = models.TextField(_("审核意见"), blank=True)
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    approved_by = models.ForeignKey(
        Person, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("批准人")
    )
    approved_at = models.DateTimeField(_("批准时间"), null=True, blank=True)
    return_reason = models.TextField(_("退回理由"), blank=True)
    late = models.BooleanField(_("申报不足时限"), default=False)
    late_reason = models.CharField(_("紧急上会理由"), max_length=200, blank=True)
    state = models.CharField(
        _("状态"), max_length=12, choices=TopicState.choices, default=TopicState.DRAFT
    )
    meeting = models.ForeignKey(
        Meeting,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="topics",
        verbose_name=_("会议"),
    )

    class Meta:
        verbose_name = _("议题")
        verbose_name_plural = _("议题")
        ordering = ["-requested_at", "-id"]
        indexes = [
            models.Index(fields=["state", "requested_at"]),
            models.Index(fields=["lead_unit", "requested_at"]),
            models.Index(fields=["reviewer", "state"]),
        ]

    def __str__(self) -> str:
        return self.title


class TopicMaterial(BaseModel):
    topic = models.ForeignKey(Topic, models.CASCADE, related_name="materials")
    title = models.CharField(_("材料名称"), max_length=200)
    file = models.FileField(_("文件"), upload_to="meetings/materials/%Y/%m/", blank=True)
    confidential = models.BooleanField(_("涉密"), default=False)
    to_return = models.BooleanField(_("会后退回"), default=False)
    uploaded_by = models.ForeignKey(Person, models.PROTECT, related_name="+", null=True)

    class Meta:
        verbose_name = _("上会材料")
        verbose_name_plural = _("上会材料")
        ordering = ["id"]


class PrerequisiteRecord(BaseModel):
    """MTG-4: a review or procedure recorded for a topic."""

    topic = models.ForeignKey(Topic, models.CASCADE, related_name="prerequisites")
    kind = models.CharField(_("审查论证"), max_length=16)
    done_on = models.DateField(_("完成日期"))
    conclusion = models.TextField(_("结论"), blank=True)
    recorded_by = models.ForeignKey(Person, models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("审查论证记录")
        verbose_name_plural = _("审查论证记录")
        constraints = [
            models.UniqueConstraint(fields=["topic", "kind"], name="meetings_unique_prerequisite")
        ]


class AgendaItem(BaseModel):
    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="agenda")
    topic = models.ForeignKey(
        Topic, models.PROTECT, null=True, blank=True, related_name="agenda_items"
    )
    position = models.PositiveSmallIntegerField(_("顺序"))
    title = models.CharField(_("议程"), max_length=200)
    speaker = models.ForeignKey(
        Person, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("发言人")
    )
    minutes = models.PositiveSmallIntegerField(_("时长（分钟）"), default=8)
    report_unit = models.ForeignKey(
        Unit,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("季度报告部门"),
    )

    class Meta:
        verbose_name = _("议程")
        verbose_name_plural = _("议程")
        ordering = ["position", "id"]


class Participant(BaseModel):
    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="participants")
    person = models.ForeignKey(
        Person, models.PROTECT, null=True, blank=True, related_name="meeting_seats"
    )
    name = models.CharField(_("姓名"), max_length=40)
    unit_name = models.CharField(_("单位职务"), max_length=120, blank=True)
    role = models.CharField(_("身份"), max_length=12, choices=ParticipantRole.choices)
    attendance = models.CharField(
        _("出席情况"), max_length=12, choices=Attendance.choices, default=Attendance.INVITED
    )
    substitute = models.ForeignKey(
        Person, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("代会人")
    )
    invited_at = models.DateTimeField(_("通知时间"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("签到时间"), null=True, blank=True)
    materials_returned = models.BooleanField(_("涉密材料已退回"), default=False)

    class Meta:
        verbose_name = _("参会人员")
        verbose_name_plural = _("参会人员")
        ordering = ["role", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                condition=models.Q(person__isnull=False),
                name="meetings_unique_participant",
            )
        ]


class LeaveRequest(BaseModel):
    """MTG-12: a written leave request to the presiding leader."""

    participant = models.ForeignKey(Participant, models.CASCADE, related_name="leave_requests")
    reason = models.TextField(_("请假事由"))
    substitute = models.ForeignKey(
        Person, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("拟代会人")
    )
    state = models.CharField(
        _("状态"), max_length=12, choices=LeaveState.choices, default=LeaveState.REQUESTED
    )
    substitute_approved = models.BooleanField(_("同意代会"), default=False)
    decided_by = models.ForeignKey(
        Person, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("批准人")
    )
    decided_at = models.DateTimeField(_("批准时间"), null=True, blank=True)
    requested_by = models.ForeignKey(Person, models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("请假")
        verbose_name_plural = _("请假")
        ordering = ["id"]


class WrittenOpinion(BaseModel):
    """MTG-6: an absentee's written opinion on a topic."""

    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="written_opinions")
    topic = models.ForeignKey(Topic, models.CASCADE, related_name="written_opinions", null=True)
    person = models.ForeignKey(Person, models.PROTECT, related_name="+")
    text = models.TextField(_("书面意见"))

    class Meta:
        verbose_name = _("书面意见")
        verbose_name_plural = _("书面意见")
        ordering = ["id"]


class Minutes(BaseModel):
    """MTG-14: 会议纪要."""

    meeting = models.OneToOneField(Meeting, models.CASCADE, related_name="minutes")
    number = models.PositiveIntegerField(_("期号"))
    title = models.CharField(_("标题"), max_length=200)
    body = models.JSONField(_("正文"), default=list, blank=True)
    state = models.CharField(
        _("状态"), max_length=12, choices=MinutesState.choices, default=MinutesState.DRAFTING
    )
    due_at = models.DateTimeField(_("报审时限"))
    basis = models.JSONField(_("依据"), default=dict)
    drafted_by = models.ForeignKey(Person, models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("报审时间"), null=True, blank=True)
    signed_by = models.ForeignKey(
        Person, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("签发人")
    )
    signed_at = models.DateTimeField(_("签发时间"), null=True, blank=True)
    document = models.FileField(_("纪要文件"), upload_to="meetings/minutes/%Y/", blank=True)
    tracked_item = models.ForeignKey(
        "tracking.TrackedItem", models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("会议纪要")
        verbose_name_plural = _("会议纪要")

    def __str__(self) -> str:
        return self.title


class Decision(BaseModel):
    """议定事项 (MTG-15): content, sub-items, responsible unit, deadline, supervising
    section."""

    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="decisions")
    topic = models.ForeignKey(
        Topic, models.PROTECT, null=True, blank=True, related_name="decisions"
    )
    position = models.PositiveSmallIntegerField(_("序号"))
    content = models.TextField(_("任务内容"))
    sub_items = models.JSONField(_("工作子项"), default=list, blank=True)
    responsible_unit = models.ForeignKey(
        Unit, models.PROTECT, related_name="+", verbose_name=_("落实主体")
    )
    cooperating_units = models.ManyToManyField(Unit, related_name="+", blank=True)
    due_on = models.DateField(_("完成时限"))
    supervising_section = models.ForeignKey(
        Section,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("督办科室"),
    )
    votes = models.CharField(_("表决结果"), max_length=200, blank=True)
    personnel = models.BooleanField(_("人事任免"), default=False)
    present_count = models.PositiveSmallIntegerField(_("出席组成人员数"), default=0)
    member_count = models.PositiveSmallIntegerField(_("组成人员数"), default=0)
    recorded_by = models.ForeignKey(Person, models.PROTECT, related_name="+")
    tracked_item = models.ForeignKey(
        "tracking.TrackedItem", models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("议定事项")
        verbose_name_plural = _("议定事项")
        ordering = ["meeting", "position"]

    def __str__(self) -> str:
        return self.content[:60]


class DocumentMatter(BaseModel):
    """MTG-2: an outgoing document (or its draft) on a matter of 三重一大 and the topic a
    collective meeting decided it on. Kept here: meetings build on outgoing, outgoing
    shows the flag through its hooks."""

    document = models.OneToOneField(
        "outgoing.OutgoingDocument", models.CASCADE, related_name="+", verbose_name=_("发文")
    )
    major_matter = models.CharField(_("三重一大"), max_length=12, choices=MajorMatter.choices)
    topic = models.ForeignKey(
        Topic,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("会议决策议题"),
    )
    marked_by = models.ForeignKey(Person, models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("三重一大发文")
        verbose_name_plural = _("三重一大发文")


class EmergencyDecision(BaseModel):
    """MTG-6: 临机处置 — a decision the head or a deputy head took in an emergency when
    no meeting could be called; reported at the next meeting of the body."""

    meeting_type = models.CharField(
        _("报告会议"), max_length=20, choices=MeetingType.choices, default=MeetingType.EXECUTIVE
    )
    decided_by = models.ForeignKey(
        Person, models.PROTECT, related_name="+", verbose_name=_("处置领导")
    )
    decided_at = models.DateTimeField(_("处置时间"))
    event = models.CharField(_("突发事件或紧急情况"), max_length=200)
    content = models.TextField(_("处置决定"))
    major_matter = models.CharField(
        _("三重一大"), max_length=12, choices=MajorMatter.choices, blank=True, default=""
    )
    state = models.CharField(
        _("状态"), max_length=12, choices=EmergencyState.choices, default=EmergencyState.PENDING
    )
    meeting = models.ForeignKey(
        Meeting,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="emergency_reports",
        verbose_name=_("报告会议"),
    )
    reported_at = models.DateTimeField(_("报告时间"), null=True, blank=True)
    report_note = models.TextField(_("会议意见"), blank=True)
    recorded_by = models.ForeignKey(Person, models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("临机处置")
        verbose_name_plural = _("临机处置")
        ordering = ["-decided_at", "-id"]
        indexes = [models.Index(fields=["state", "meeting_type", "decided_at"])]

    def __str__(self) -> str:
        return self.event
