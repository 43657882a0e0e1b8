"""Choices shared by incoming and outgoing documents. Stored values are English code
names (GLOSSARY.md); labels are what the office reads."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhongshu.tracking.choices import Urgency

__all__ = ["CLASSIFICATION_RANK", "Classification", "Disclosure", "Kind", "Urgency"]


class Kind(models.TextChoices):
    """文种: the 15 kinds of the 党政机关公文处理工作条例 (GLOSSARY: kind)."""

    RESOLUTION = "resolution", _("决议")
    DECISION = "decision", _("决定")
    ORDER = "order", _("命令（令）")
    COMMUNIQUE = "communique", _("公报")
    ANNOUNCEMENT = "announcement", _("公告")
    PUBLIC_NOTICE = "public_notice", _("通告")
    OPINION = "opinion", _("意见")
    NOTICE = "notice", _("通知")
    BULLETIN = "bulletin", _("通报")
    REPORT = "report", _("报告")
    REQUEST = "request", _("请示")
    REPLY = "reply", _("批复")
    MOTION = "motion", _("议案")
    LETTER = "letter", _("函")
    MINUTES = "minutes", _("纪要")


class Classification(models.TextChoices):
    """密级 (GLOSSARY: classification). ``none`` is 非密."""

    NONE = "none", _("非密")
    SECRET = "secret", _("秘密")
    CONFIDENTIAL = "confidential", _("机密")
    TOP_SECRET = "top_secret", _("绝密")


# Higher is more sensitive: a deployment declares the highest rank it may hold.
CLASSIFICATION_RANK = {
    Classification.NONE: 0,
    Classification.SECRET: 1,
    Classification.CONFIDENTIAL: 2,
    Classification.TOP_SECRET: 3,
}


class Disclosure(models.TextChoices):
    """公开属性 (GLOSSARY: disclosure, DOC-OUT-14)."""

    PUBLIC = "public", _("主动公开")
    ON_REQUEST = "on_request", _("依申请公开")
    NOT_PUBLIC = "not_public", _("不予公开")
