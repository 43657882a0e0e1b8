"""Choices of the supervision module. Stored values are English code names (GLOSSARY.md)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    """SUP-1: where a supervised item comes from (the rule each source follows)."""

    CITY_TASK = "city_task", _("市级督查任务")
    KEY_WORK = "key_work", _("区政府重点工作")
    MEETING_DECISION = "meeting_decision", _("会议议定事项")
    SPECIAL = "special", _("专项督查")
    CITY_MANAGEMENT = "city_management", _("城市管理督查")
    PROPOSAL = "proposal", _("建议提案")
    INSTRUCTION = "instruction", _("领导批示")
    TARGET = "target", _("目标责任书")  # SUP-15


SOURCE_RULE = {
    Source.CITY_TASK: "SUP-3",
    Source.KEY_WORK: "SUP-4",
    Source.MEETING_DECISION: "SUP-5",
    Source.SPECIAL: "SUP-6",
    Source.CITY_MANAGEMENT: "SUP-7",
    Source.PROPOSAL: "SUP-13",
    Source.INSTRUCTION: "SUP-12",
    Source.TARGET: "SUP-15",
}


class CaseKind(models.TextChoices):
    """A batch of items from one source document: the city's notice, the year's work report,
    a meeting, a special supervision, a city-management problem list."""

    CITY_ONSITE = "city_onsite", _("市级来区实地督查")
    CITY_WRITTEN = "city_written", _("市级书面反馈督查")
    KEY_WORK = "key_work", _("区政府重点工作台账")
    MEETING = "meeting", _("会议议定事项")
    SPECIAL = "special", _("专项督查")


CASE_SOURCE = {
    CaseKind.CITY_ONSITE: Source.CITY_TASK,
    CaseKind.CITY_WRITTEN: Source.CITY_TASK,
    CaseKind.KEY_WORK: Source.KEY_WORK,
    CaseKind.MEETING: Source.MEETING_DECISION,
    CaseKind.SPECIAL: Source.SPECIAL,
}


class CaseState(models.TextChoices):
    REGISTERED = "registered", _("已登记")
    APPROVED = "approved", _("已审定")
    NOTIFIED = "notified", _("已下发通知")
    COLLECTED = "collected", _("已汇总")
    REPORTED = "reported", _("已报告")


class Rectification(models.TextChoices):
    """SUP-7: the outcome of a rectification order."""

    PENDING = "pending", _("整改中")
    RECTIFIED = "rectified", _("已整改")
    NOT_RECTIFIED = "not_rectified", _("未整改")


class ReplyGrade(models.TextChoices):
    """SUP-13: the answer's grade (A 已解决或采纳 … D 因条件限制不能解决)."""

    A = "A", _("A 所提问题已解决或基本解决")
    B = "B", _("B 所提问题正在解决或列入计划")
    C = "C", _("C 所提问题因条件限制留作参考")
    D = "D", _("D 所提问题因政策等原因不能解决")


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASICALLY = "basically", _("基本满意")
    UNSATISFIED = "unsatisfied", _("不满意")


class OrderState(models.TextChoices):
    ISSUED = "issued", _("已下发")
    ANSWERED = "answered", _("已回复")


class Period(models.TextChoices):
    MONTHLY = "monthly", _("月度")
    QUARTERLY = "quarterly", _("季度")
    ANNUAL = "annual", _("年度")  # SUP-4: the year-end assessment of the key work


class BulletinState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    ISSUED = "issued", _("已印发")


class ProposalState(models.TextChoices):
    PROPOSED = "proposed", _("待移送")
    REFERRED = "referred", _("已移送纪检监察")
    DROPPED = "dropped", _("不予移送")


# Step kinds of the office's own work in a case, with the rule and parameter of each.
class StepKind(models.TextChoices):
    PROPOSAL = "proposal", _("提出拟办意见")
    NOTICE = "notice", _("制发督查通知")
    LEDGER_NOTICE = "ledger_notice", _("印发重点工作台账通知")
    TRANSFER = "transfer", _("转办通知责任单位")
    REPORT = "report", _("形成督查报告")
    INSPECTION = "inspection", _("季度全面督查")


class CheckMethod(models.TextChoices):
    """SUP-9 / SUP-12: how the office verifies what a unit reported."""

    RETURN_VISIT = "return_visit", _("回访")
    SPOT_CHECK = "spot_check", _("抽查")
    LOOK_BACK = "look_back", _("回头看")
    REINSPECTION = "reinspection", _("复查")
    JOINT = "joint", _("联合督查")
    ONSITE = "onsite", _("实地督查")
