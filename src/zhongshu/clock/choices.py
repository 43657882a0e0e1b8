from django.db import models
from django.utils.translation import gettext_lazy as _


class YearStatus(models.TextChoices):
    OFFICIAL = "official", _("正式")
    PROVISIONAL = "provisional", _("暂定")


class DayKind(models.TextChoices):
    WORKDAY = "workday", _("工作日")
    WEEKEND = "weekend", _("休息日")
    HOLIDAY = "holiday", _("节假日")
    ADJUSTED_WORKDAY = "adjusted_workday", _("调休上班")


WORKING_KINDS = frozenset({DayKind.WORKDAY, DayKind.ADJUSTED_WORKDAY})
