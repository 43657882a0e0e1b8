"""States and choices of an outgoing document (发文). Stored values are English code
names (GLOSSARY.md); labels are what the office reads."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    DRAFTING = "drafting", _("拟稿")
    CONSULTATION = "consultation", _("征求意见")
    COUNTERSIGN = "countersign", _("会签")
    LEGALITY_REVIEW = "legality_review", _("合法性审查")
    FIRST_REVIEW = "first_review", _("秘书科初核")
    AFFAIRS_REVIEW = "affairs_review", _("政务科审核")
    DIRECTOR_REVIEW = "director_review", _("分管副主任审核")
    TEXT_REVIEW = "text_review", _("秘书科文字审核")
    SIGNING = "signing", _("签发")
    RECHECK = "recheck", _("复核")
    NUMBERING = "numbering", _("编号")
    DISTRIBUTION = "distribution", _("分发用印")
    ISSUED = "issued", _("已印发")
    PUBLISHED = "published", _("已公开发布")
    WITHDRAWN = "withdrawn", _("已撤销")
    # DOC-OUT-8: a joint party–government document, approved on the government side,
    # goes on to 区委办公室, which numbers and issues it
    TRANSFERRED = "transferred", _("已转区委办公室")


# States in which the draft is with someone other than the drafter: it can always be
# returned to the drafter from these.
IN_PROCESS = (
    State.CONSULTATION,
    State.COUNTERSIGN,
    State.LEGALITY_REVIEW,
    State.FIRST_REVIEW,
    State.AFFAIRS_REVIEW,
    State.DIRECTOR_REVIEW,
    State.TEXT_REVIEW,
    State.SIGNING,
    State.RECHECK,
)
OFFICE_REVIEW = (
    State.FIRST_REVIEW,
    State.AFFAIRS_REVIEW,
    State.DIRECTOR_REVIEW,
    State.TEXT_REVIEW,
)
DONE = (State.ISSUED, State.PUBLISHED)


class Layout(models.TextChoices):
    """版式 (GB/T 9704-2012): the document format, the letter format, the minutes format."""

    DOCUMENT = "document", _("文件格式")
    LETTER = "letter", _("信函格式")
    MINUTES = "minutes", _("纪要格式")


class LengthCategory(models.TextChoices):
    """What the document deploys, for the length limits of DOC-OUT-5."""

    OVERALL = "overall", _("部署全局性工作（不限）")
    FIELD = "field", _("部署某领域重要工作")
    SPECIAL = "special", _("部署专项工作或具体任务")
    GOVERNMENT_GENERAL = "government_general", _("政府普发类")
    OFFICE_GENERAL = "office_general", _("政府办公室普发类")
    SPEECH = "speech", _("领导讲话（政府情况通报）")
    OTHER = "other", _("其他（不适用）")


LENGTH_PARAM = {
    LengthCategory.FIELD: "field_max",
    LengthCategory.SPECIAL: "special_max",
    LengthCategory.GOVERNMENT_GENERAL: "government_general_max",
    LengthCategory.OFFICE_GENERAL: "office_general_max",
    LengthCategory.SPEECH: "speech_max",
}


class StepKind(models.TextChoices):
    CONSULTATION = "consultation", _("征求意见")
    COUNTERSIGN = "countersign", _("会签")
    LEGALITY = "legality", _("合法性审查")
    OFFICE_REVIEW = "office_review", _("办公室审核")
    SIGNING = "signing", _("签发")


class Decision(models.TextChoices):
    PENDING = "pending", _("待办")
    AGREED = "agreed", _("同意")
    DISAGREED = "disagreed", _("有不同意见")
    PASSED = "passed", _("通过")
    FAILED = "failed", _("不通过")
    SIGNED = "signed", _("已签发")
    RETURNED = "returned", _("退回")
    SKIPPED = "skipped", _("已撤回")


class Validity(models.TextChoices):
    """DOC-OUT-16 清理结论."""

    VALID = "valid", _("继续有效")
    AMENDED = "amended", _("已修改")
    REPEALED = "repealed", _("已废止")
