from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhongshu.framework.models import BaseModel

from ..choices import PortfolioKind
from .people import Person, today_of
from .units import Section, Unit


class PortfolioQuerySet(models.QuerySet):
    def active(self, at: dt.date | dt.datetime | None = None) -> PortfolioQuerySet:
        """In force on ``at`` (default today); ``ended_on`` is the first day it is not."""
        day = today_of(at)
        return self.filter(
            models.Q(started_on__isnull=True) | models.Q(started_on__lte=day),
            models.Q(ended_on__isnull=True) | models.Q(ended_on__gt=day),
        )


class Portfolio(BaseModel):
    """What a deputy head or deputy office director is in charge of (分管): fields of
    work and the units in them. Signing and approval routes read these (DOC-OUT-6)."""

    leader = models.ForeignKey(
        Person, models.PROTECT, related_name="portfolios", verbose_name=_("分管领导")
    )
    kind = models.CharField(
        _("类别"), max_length=12, choices=PortfolioKind.choices, default=PortfolioKind.GOVERNMENT
    )
    fields = models.JSONField(
        _("分管领域"), default=list, blank=True, help_text=_("如：财政、教育、卫生健康")
    )
    units = models.ManyToManyField(
        Unit, related_name="portfolios", blank=True, verbose_name=_("分管单位")
    )
    # An office portfolio also names the office sections the deputy director oversees.
    sections = models.ManyToManyField(
        Section, related_name="portfolios", blank=True, verbose_name=_("分管科室")
    )
    started_on = models.DateField(_("开始日期"), null=True, blank=True)
    ended_on = models.DateField(_("结束日期"), null=True, blank=True)

    objects = PortfolioQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "id"]
        verbose_name = _("分管")
        verbose_name_plural = _("分管")

    def __str__(self) -> str:
        return f"{self.leader.name}分管：{'、'.join(self.fields)}"
