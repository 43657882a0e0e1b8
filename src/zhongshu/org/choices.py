from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    GOVERNMENT = "government", _("人民政府")
    OFFICE = "office", _("政府办公室")
    DEPARTMENT = "department", _("政府部门（委办局）")
    SUBDISTRICT = "subdistrict", _("街道办事处")
    COMPANY = "company", _("公司")
    COORDINATING_BODY = "coordinating_body", _("议事协调机构")
    DIRECT_UNIT = "direct_unit", _("直属单位")
    PARTY = "party", _("党委机构")
    PEOPLES_CONGRESS = "peoples_congress", _("人大")
    CPPCC = "cppcc", _("政协")
    HIGHER = "higher", _("上级机关")
    EXTERNAL = "external", _("其他单位")


class SectionKind(models.TextChoices):
    SECRETARIAT = "secretariat", _("秘书科")
    GOVERNMENT_AFFAIRS = "government_affairs", _("政务科")
    MEETING_LIAISON = "meeting_liaison", _("会务联络科")
    SUPERVISION = "supervision", _("督查室")
    RESEARCH = "research", _("研究室")
    INFORMATION = "information", _("信息科")
    DUTY = "duty", _("值班室")
    LEGAL = "legal", _("法制机构")
    GENERAL = "general", _("综合科")
    OTHER = "other", _("其他科室")


class PortfolioKind(models.TextChoices):
    GOVERNMENT = "government", _("区政府领导分管")
    OFFICE = "office", _("办公室领导分管")


class SeriesKind(models.TextChoices):
    DOCUMENT = "document", _("发文代字")
    ORDER = "order", _("令号（不按年重置）")
