from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Module(models.TextChoices):
    """The catalogue's modules, in the order an office reads them."""

    CAL = "CAL", _("时间与日历")
    DOC_IN = "DOC-IN", _("收文")
    DOC_OUT = "DOC-OUT", _("发文")
    MTG = "MTG", _("会议")
    SUP = "SUP", _("督查督办")
    INF = "INF", _("政务信息")
    DUTY = "DUTY", _("值班应急")
    PUB = "PUB", _("公共服务")


MODULE_ORDER = {code: index for index, code in enumerate(Module.values)}


class Kind(models.TextChoices):
    """What the system does with a rule (RULES.md's Kind column)."""

    BLOCK = "block", _("拒绝")
    WARN = "warn", _("警示")
    DEADLINE = "deadline", _("时限")
    REMIND = "remind", _("催办")
    RECORD = "record", _("留痕")
    COUNT = "count", _("统计")
    FLOW = "flow", _("流程")


class ParamType(models.TextChoices):
    INT = "int", _("整数")
    FLOAT = "float", _("数字")
    BOOL = "bool", _("是/否")
    STR = "str", _("文字")
    TIME = "time", _("时刻")
    DURATION = "duration", _("时长")
    CHOICE = "choice", _("选项")
    LIST = "list", _("列表")


class Unit(models.TextChoices):
    NONE = "", _("—")
    WORKING_DAYS = "working_days", _("工作日")
    CALENDAR_DAYS = "calendar_days", _("日")
    HOURS = "hours", _("小时")
    MINUTES = "minutes", _("分钟")
    MONTHS = "months", _("个月")
    CHARACTERS = "characters", _("字")
    PEOPLE = "people", _("人")
    PERCENT = "percent", _("%")
    TIMES = "times", _("次")
    POINTS = "points", _("分")
    MONTH_OF_YEAR = "month_of_year", _("月")
    CLOCK = "clock", _("时刻")

    @property
    def suffix(self) -> str:
        return _SUFFIX.get(self.value, "")


_SUFFIX = {
    "working_days": "个工作日",
    "calendar_days": "日",
    "hours": "小时",
    "minutes": "分钟",
    "months": "个月",
    "characters": "字",
    "people": "人",
    "percent": "%",
    "times": "次",
    "points": "分",
    "month_of_year": "月",
}

# Cadences shared by several rules (reports, bulletins, inspections).
CADENCES = (
    ("daily", "每日"),
    ("weekly", "每周"),
    ("monthly", "每月"),
    ("quarterly", "每季度"),
    ("yearly", "每年"),
)
