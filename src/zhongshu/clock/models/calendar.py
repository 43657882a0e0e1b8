"""The official calendar (CAL-1): one row per stored year and per date of it.

Years without a row run on the provisional calendar, computed by ``clock.holidays``;
``CalendarRevision`` is the one-row change stamp every process compares to notice edits.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhongshu.framework.models import BaseModel

from ..choices import DayKind, YearStatus


class CalendarYear(BaseModel):
    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    status = models.CharField(
        _("状态"), max_length=16, choices=YearStatus.choices, default=YearStatus.OFFICIAL
    )
    notice = models.CharField(
        _("依据通知"), max_length=200, blank=True, help_text=_("如：国办发明电〔2025〕7号")
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("录入人"),
    )
    entered_at = models.DateTimeField(_("录入时间"), null=True, blank=True)

    class Meta:
        ordering = ["year"]
        verbose_name = _("日历年度")
        verbose_name_plural = _("日历年度")
        permissions = [("manage_calendar", _("维护工作日历"))]

    def __str__(self) -> str:
        return f"{self.year}年（{self.get_status_display()}）"

    @property
    def is_official(self) -> bool:
        return self.status == YearStatus.OFFICIAL


class CalendarDay(models.Model):
    """A date of a stored year. Dates are the natural key: no public uuid is needed."""

    year = models.ForeignKey(
        CalendarYear, models.CASCADE, related_name="days", verbose_name=_("年度")
    )
    date = models.DateField(_("日期"), unique=True)
    is_working_day = models.BooleanField(_("工作日"))
    kind = models.CharField(_("类别"), max_length=20, choices=DayKind.choices)
    holiday_name = models.CharField(_("节日"), max_length=60, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("日历日")
        verbose_name_plural = _("日历日")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()}"


class CalendarRevision(models.Model):
    """A single row whose token changes with every calendar edit: each process checks it
    cheaply (one indexed read every few seconds) and rebuilds its working-day index."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    number = models.PositiveIntegerField(default=0)
    token = models.UUIDField(default=uuid.uuid4)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("日历版本")
        verbose_name_plural = _("日历版本")

    def __str__(self) -> str:
        return f"日历版本 {self.number}"

    @classmethod
    def bump(cls, using: str = "default") -> None:
        """A new token: every process rebuilds its working-day index."""
        revision, _ = cls.objects.using(using).select_for_update().get_or_create(id=1)
        revision.number += 1
        revision.token = uuid.uuid4()
        revision.save(using=using)
