from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhongshu.framework.models import ArchivableModel, BaseModel

from .units import Section, Unit


class Post(BaseModel):
    """A position in the catalogue (区长, 副区长, 科长, 信息员…). ``code`` is what code
    reads (routing looks for ``deputy_head``); ``rank`` orders leaders (lower is higher)."""

    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=40)
    rank = models.PositiveSmallIntegerField(_("职级序"), default=100)
    is_leader = models.BooleanField(_("领导职务"), default=False)

    class Meta:
        ordering = ["rank", "id"]
        verbose_name = _("职务")
        verbose_name_plural = _("职务")

    def __str__(self) -> str:
        return self.name


class Person(ArchivableModel):
    name = models.CharField(_("姓名"), max_length=40, db_index=True)
    unit = models.ForeignKey(
        Unit, models.PROTECT, related_name="people", verbose_name=_("主要单位")
    )
    section = models.ForeignKey(
        Section,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("科室"),
    )
    mobile = models.CharField(_("手机"), max_length=20, blank=True)
    office_phone = models.CharField(_("办公电话"), max_length=40, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=100)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("人员")
        verbose_name_plural = _("人员")
        indexes = [
            models.Index(fields=["unit", "archived_at", "sort_order"], name="org_person_unit_idx"),
            # The directory lists active people grouped by unit, in sort order.
            models.Index(
                fields=["archived_at", "unit", "sort_order", "id"], name="org_person_list_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        """Name with unit, so two 张伟 are told apart in every picker."""
        return f"{self.name}（{self.unit.short_name}）"


def today_of(at: dt.date | dt.datetime | None) -> dt.date:
    if at is None:
        return timezone.localdate()
    if isinstance(at, dt.datetime):
        return timezone.localdate(at)
    return at


class PositionQuerySet(models.QuerySet):
    def active(self, at: dt.date | dt.datetime | None = None) -> PositionQuerySet:
        """Held on ``at`` (default today): started (or no start date) and not yet ended.
        ``ended_on`` is the first day the post is no longer held."""
        day = today_of(at)
        return self.filter(
            models.Q(started_on__isnull=True) | models.Q(started_on__lte=day),
            models.Q(ended_on__isnull=True) | models.Q(ended_on__gt=day),
        )


class Position(BaseModel):
    """A post held by a person in a unit (and section); a person may hold several."""

    person = models.ForeignKey(
        Person, models.CASCADE, related_name="positions", verbose_name=_("人员")
    )
    post = models.ForeignKey(Post, models.PROTECT, related_name="positions", verbose_name=_("职务"))
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="positions", verbose_name=_("单位"))
    section = models.ForeignKey(
        Section,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="positions",
        verbose_name=_("科室"),
    )
    is_primary = models.BooleanField(_("主职务"), default=True)
    started_on = models.DateField(_("任职日期"), null=True, blank=True)
    ended_on = models.DateField(_("免职日期"), null=True, blank=True)

    objects = PositionQuerySet.as_manager()

    class Meta:
        ordering = ["post__rank", "id"]
        verbose_name = _("任职")
        verbose_name_plural = _("任职")
        indexes = [models.Index(fields=["post", "unit", "ended_on"], name="org_position_post_idx")]

    def __str__(self) -> str:
        return f"{self.person.name} {self.unit.short_name}{self.post.name}"


class DelegationQuerySet(models.QuerySet):
    def active(self, at: dt.datetime | None = None) -> DelegationQuerySet:
        """In force at ``at`` (default now): inside its period and not revoked by then."""
        moment = at or timezone.now()
        return self.filter(starts_at__lte=moment, ends_at__gt=moment).filter(
            models.Q(revoked_at__isnull=True) | models.Q(revoked_at__gt=moment)
        )


class Delegation(BaseModel):
    """A leader hands pending work to another person for a period (委托). Both see the
    work; every action the delegate takes records "代" and on whose behalf."""

    delegator = models.ForeignKey(
        Person, models.PROTECT, related_name="delegations_given", verbose_name=_("委托人")
    )
    delegate = models.ForeignKey(
        Person, models.PROTECT, related_name="delegations_received", verbose_name=_("受托人")
    )
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))
    reason = models.CharField(_("事由"), max_length=200, blank=True)
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)

    objects = DelegationQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-id"]
        permissions = [("delegate_own_work", _("委托本人待办"))]
        verbose_name = _("委托")
        verbose_name_plural = _("委托")
        indexes = [
            models.Index(
                fields=["delegate", "starts_at", "ends_at"], name="org_delegation_active_idx"
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="org_delegation_period_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(delegator=models.F("delegate")), name="org_delegation_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.delegator.name} → {self.delegate.name}"

    def is_active(self, at: dt.datetime | None = None) -> bool:
        moment = at or timezone.now()
        revoked = self.revoked_at is not None and self.revoked_at <= moment
        return self.starts_at <= moment < self.ends_at and not revoked
