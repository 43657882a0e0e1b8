from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhongshu.framework.models import BaseModel

from ..choices import PortfolioKind
from .people import Person
from .units import Unit


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
    started_on = models.DateField(_("开始日期"), null=True, blank=True)
    ended_on = models.DateField(_("结束日期"), null=True, blank=True)

    class Meta:
        ordering = ["kind", "leader_id"]
        verbose_name = _("分管")
        verbose_name_plural = _("分管")

    def __str__(self) -> str:
        return f"{self.leader.name}分管：{'、'.join(self.fields)}"
