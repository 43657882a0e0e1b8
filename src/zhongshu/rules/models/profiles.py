"""Profiles (政策配置) and their values. A deployment has one active profile; each profile
holds a value for every parameter and an on/off switch for every rule."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhongshu.framework.models import BaseModel

from .catalogue import Rule, RuleParameter


class Profile(BaseModel):
    code = models.SlugField(_("代码"), max_length=20, unique=True)
    name = models.CharField(_("名称"), max_length=40)
    description = models.CharField(_("说明"), max_length=200, blank=True)
    is_active = models.BooleanField(_("当前启用"), default=False)
    position = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("规则配置")
        verbose_name_plural = _("规则配置")
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"],
                condition=models.Q(is_active=True),
                name="rules_one_active_profile",
            )
        ]

    def __str__(self) -> str:
        return str(self.name)


class ProfileRule(BaseModel):
    """A rule in a profile: whether it applies. Its ``version`` is the optimistic lock for
    editing the rule's parameters in this profile (the API's ETag)."""

    profile = models.ForeignKey(Profile, models.CASCADE, related_name="rules")
    rule = models.ForeignKey(Rule, models.CASCADE, related_name="profile_rules")
    enabled = models.BooleanField(_("启用"), default=True)
    default_enabled = models.BooleanField(_("默认启用"), default=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(_("修改时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("配置中的规则")
        verbose_name_plural = _("配置中的规则")
        constraints = [
            models.UniqueConstraint(fields=["profile", "rule"], name="rules_profile_rule_unique")
        ]

    def __str__(self) -> str:
        return f"{self.profile.code}:{self.rule.rule_id}"


class ParameterValue(BaseModel):
    """The current value of a parameter in a profile, as JSON (see ``spec.encode_value``).
    ``default`` follows the catalogue data; ``value`` follows it too until an office
    changes it (``changed_at`` set), after which only the office changes it."""

    profile = models.ForeignKey(Profile, models.CASCADE, related_name="values")
    parameter = models.ForeignKey(RuleParameter, models.CASCADE, related_name="values")
    value = models.JSONField(_("当前值"), null=True, blank=True)
    default = models.JSONField(_("默认值"), null=True, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(_("修改时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("参数值")
        verbose_name_plural = _("参数值")
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "parameter"], name="rules_parameter_value_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.profile.code}:{self.parameter_id}={self.value!r}"


class CatalogueState(models.Model):
    """One row whose ``revision`` changes with every change to the catalogue, a profile
    or a value: processes compare it (at most once a second) to know their in-memory
    copy is stale."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    revision = models.UUIDField(default=uuid.uuid4)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("规则目录状态")
        verbose_name_plural = _("规则目录状态")

    def __str__(self) -> str:
        return f"catalogue revision {self.revision}"
