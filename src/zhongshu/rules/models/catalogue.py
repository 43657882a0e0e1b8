"""The catalogue as the database holds it: one row per rule and per parameter definition,
kept in line with ``catalogue_data`` by ``sync_catalogue``. Offices never edit these rows;
they edit the values of a profile (``ParameterValue``)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhongshu.framework.models import ArchivableModel, BaseModel

from ..choices import Kind, Module, ParamType, Unit


class Rule(ArchivableModel):
    """A rule of RULES.md. Archived (never deleted) when it leaves the catalogue data."""

    rule_id = models.CharField(_("规则编号"), max_length=16, unique=True)
    module = models.CharField(_("模块"), max_length=8, choices=Module.choices)
    position = models.PositiveIntegerField(_("排序"), default=0)
    title = models.CharField(_("标题"), max_length=100)
    text = models.TextField(_("条文"))
    # ",deadline,remind," — delimited so that a kind filter is a plain substring match
    # (JSON containment is not available on SQLite).
    kind_tags = models.CharField(_("类别"), max_length=80)
    kind_note = models.CharField(_("类别说明"), max_length=60, blank=True)
    source = models.CharField(_("出处"), max_length=120)
    source_label = models.CharField(_("出处名称"), max_length=200)

    class Meta:
        ordering = ["position"]
        verbose_name = _("规则")
        verbose_name_plural = _("规则")
        permissions = [("edit_rule", _("可修改规则参数与启用的配置"))]
        indexes = [models.Index(fields=["module", "position"], name="rules_rule_module_idx")]

    def __str__(self) -> str:
        return f"{self.rule_id} {self.title}"

    @property
    def kinds(self) -> list[str]:
        return [k for k in self.kind_tags.split(",") if k]

    @property
    def kind_labels(self) -> list[tuple[str, str]]:
        return [(k, str(Kind(k).label)) for k in self.kinds]


class RuleParameter(BaseModel):
    """The definition of one number of a rule: its type, unit and limits."""

    rule = models.ForeignKey(Rule, models.CASCADE, related_name="parameters")
    name = models.CharField(_("参数名"), max_length=40)
    label = models.CharField(_("名称"), max_length=60)
    type = models.CharField(_("类型"), max_length=10, choices=ParamType.choices)
    unit = models.CharField(_("单位"), max_length=16, choices=Unit.choices, blank=True)
    minimum = models.FloatField(_("最小值"), null=True, blank=True)
    maximum = models.FloatField(_("最大值"), null=True, blank=True)
    choices = models.JSONField(_("可选值"), default=list, blank=True)
    optional = models.BooleanField(_("可不限"), default=False)
    help = models.CharField(_("说明"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["rule", "position"]
        verbose_name = _("规则参数")
        verbose_name_plural = _("规则参数")
        constraints = [
            models.UniqueConstraint(fields=["rule", "name"], name="rules_parameter_unique_name")
        ]

    def __str__(self) -> str:
        return f"{self.rule.rule_id}.{self.name}"
