from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhongshu.framework.models import ArchivableModel

from ..choices import SectionKind, SeriesKind, UnitKind


class Unit(ArchivableModel):
    """Any organisation (单位). Units form a tree; ``path`` (the chain of ids, e.g.
    ``/1/4/9/``) lets a subtree be read with one indexed prefix query."""

    name = models.CharField(_("全称"), max_length=120)
    short_name = models.CharField(_("简称"), max_length=40)
    kind = models.CharField(_("类别"), max_length=24, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("上级单位"),
    )
    host = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_bodies",
        verbose_name=_("牵头（挂靠）部门"),
        help_text=_("议事协调机构通过其牵头部门报文（DOC-IN-6）。"),
    )
    path = models.CharField(max_length=255, editable=False, default="/")
    sort_order = models.PositiveIntegerField(_("排序"), default=100)
    phone = models.CharField(_("电话"), max_length=40, blank=True)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("单位")
        verbose_name_plural = _("单位")
        indexes = [
            models.Index(fields=["kind", "archived_at"], name="org_unit_kind_idx"),
            # Subtree reads are ``path LIKE '/1/4/%'``: PostgreSQL needs the pattern opclass.
            models.Index(
                fields=["path"], name="org_unit_path_idx", opclasses=["varchar_pattern_ops"]
            ),
        ]
        permissions = [
            ("manage_org", _("维护组织机构")),
            ("manage_own_unit", _("维护本单位及下级单位人员")),
            ("export_org", _("导出组织机构与人员")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["name"],
                condition=models.Q(archived_at__isnull=True),
                name="org_unit_active_name_unique",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def depth(self) -> int:
        return self.path.count("/") - 2


class SeriesCode(ArchivableModel):
    """A 代字 (e.g. 河北政办发): one numbering series per code per year (DOC-OUT-18).
    A code once used is never reused, so it stays unique even when archived."""

    unit = models.ForeignKey(
        Unit, models.PROTECT, related_name="series_codes", verbose_name=_("发文机关")
    )
    code = models.CharField(_("代字"), max_length=20, unique=True)
    kind = models.CharField(
        _("类别"), max_length=12, choices=SeriesKind.choices, default=SeriesKind.DOCUMENT
    )
    description = models.CharField(_("说明"), max_length=120, blank=True)

    class Meta:
        ordering = ["unit_id", "code"]
        verbose_name = _("发文代字")
        verbose_name_plural = _("发文代字")

    def __str__(self) -> str:
        return self.code


class Section(ArchivableModel):
    """A section (科室) inside a unit."""

    unit = models.ForeignKey(
        Unit, models.PROTECT, related_name="sections", verbose_name=_("所属单位")
    )
    name = models.CharField(_("名称"), max_length=60)
    kind = models.CharField(
        _("类别"), max_length=24, choices=SectionKind.choices, default=SectionKind.OTHER
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=100)
    phone = models.CharField(_("电话"), max_length=40, blank=True)

    class Meta:
        ordering = ["unit_id", "sort_order", "id"]
        verbose_name = _("科室")
        verbose_name_plural = _("科室")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "name"],
                condition=models.Q(archived_at__isnull=True),
                name="org_section_active_name_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit.short_name}{self.name}"
