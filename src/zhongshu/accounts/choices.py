from django.db import models
from django.utils.translation import gettext_lazy as _


class AdminRole(models.TextChoices):
    """The three separated administrators (三员). Nobody holds two; none reads business
    content; none alters the audit trail."""

    NONE = "", _("业务用户")
    SYSTEM = "system", _("系统管理员")
    SECURITY = "security", _("安全保密管理员")
    AUDITOR = "auditor", _("安全审计员")
