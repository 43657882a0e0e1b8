"""States and kinds of the meetings module (办会)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingType(models.TextChoices):
    """MTG-1: the government's meeting types."""

    PLENARY = "plenary", _("全体会议")
    EXECUTIVE = "executive", _("常务会议")
    HEAD_OFFICE = "head_office", _("区长办公会议")
    PARTY_GROUP = "party_group", _("党组会议")
    DISTRICT = "district", _("全区性会议")
    SPECIAL = "special", _("专题会议")


# Types held by the government itself, with fixed members and a quorum (MTG-1)
GOVERNMENT_TYPES = (
    MeetingType.PLENARY,
    MeetingType.EXECUTIVE,
    MeetingType.HEAD_OFFICE,
    MeetingType.PARTY_GROUP,
)
# Types whose minutes the presiding leader signs (MTG-14)
SIGNED_BY_PRESIDING = (MeetingType.EXECUTIVE, MeetingType.HEAD_OFFICE)


class MeetingClass(models.IntegerChoices):
    """MTG-7: classes of district-wide and departmental meetings."""

    NONE = 0, _("政府会议")
    CLASS_1 = 1, _("一类会议")
    CLASS_2 = 2, _("二类会议")
    CLASS_3 = 3, _("三类会议")


class Mode(models.TextChoices):
    """MTG-13: how the meeting is held."""

    IN_PERSON = "in_person", _("集中召开")
    VIDEO = "video", _("电视电话/视频会议")
    PHONE = "phone", _("电话会议")
    ONLINE = "online", _("网络会议")


class MeetingState(models.TextChoices):
    DRAFT = "draft", _("拟办")
    SUBMITTED = "submitted", _("待审批")
    APPROVED = "approved", _("已批准")
    HELD = "held", _("已召开")
    CLOSED = "closed", _("已办结")
    CANCELLED = "cancelled", _("已取消")


class TopicState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    REQUESTED = "requested", _("已申报")
    PROPOSED = "proposed", _("分管领导已审核")
    APPROVED = "approved", _("区长已同意")
    SCHEDULED = "scheduled", _("已列入议程")
    DECIDED = "decided", _("已研究")
    RETURNED = "returned", _("已退回")
    WITHDRAWN = "withdrawn", _("已撤回")


class Prerequisite(models.TextChoices):
    """MTG-4: reviews and procedures before a topic goes to the meeting."""

    LEGALITY = "legality", _("法律审核")
    TEXT = "text", _("文字审修")
    PUBLIC_DRAFT = "public_draft", _("公布决策草案")
    PUBLIC = "public", _("公众参与")
    EXPERT = "expert", _("专家论证")
    RISK = "risk", _("风险评估")


class MajorMatter(models.TextChoices):
    """MTG-2: 三重一大."""

    NONE = "", _("否")
    DECISION = "decision", _("重大决策")
    PERSONNEL = "personnel", _("重要人事任免")
    PROJECT = "project", _("重大项目安排")
    FUNDS = "funds", _("大额度资金使用")


class ParticipantRole(models.TextChoices):
    MEMBER = "member", _("组成人员")
    ATTENDEE = "attendee", _("列席")
    PARTICIPANT = "participant", _("参会")
    STAFF = "staff", _("工作人员")


class Attendance(models.TextChoices):
    INVITED = "invited", _("已通知")
    PRESENT = "present", _("出席")
    ON_LEAVE = "on_leave", _("请假")
    ABSENT = "absent", _("缺席")


class LeaveState(models.TextChoices):
    REQUESTED = "requested", _("待批准")
    APPROVED = "approved", _("已批准")
    REFUSED = "refused", _("不批准")


class MinutesState(models.TextChoices):
    DRAFTING = "drafting", _("起草中")
    SUBMITTED = "submitted", _("报审中")
    SIGNED = "signed", _("已签发")


class PlanEntryState(models.TextChoices):
    PROPOSED = "proposed", _("部门已提出")
    ENDORSED = "endorsed", _("分管领导已同意")
    IN_PLAN = "in_plan", _("已列入计划")
    CHANGED = "changed", _("已调整")
    DROPPED = "dropped", _("不再召开")
    HELD = "held", _("已召开")


class PlanState(models.TextChoices):
    COLLECTING = "collecting", _("征集中")
    COMPILED = "compiled", _("已汇总")


class EmergencyState(models.TextChoices):
    """MTG-6: a leader's emergency decision, until reported at a meeting."""

    PENDING = "pending", _("待会议通报")
    REPORTED = "reported", _("已在会上报告")
