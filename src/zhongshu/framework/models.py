"""Base model shared by every business object."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class BaseModel(models.Model):
    """A public UUID (never the integer key in URLs or the API), timestamps and a version.

    ``version`` is the optimistic lock: every service update increments it and refuses a
    write based on an older version (see ``framework.services.bump_version``).
    """

    uuid = models.UUIDField(_("编号"), default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    class Meta:
        abstract = True

    @property
    def etag(self) -> str:
        return f'W/"{self.uuid}-{self.version}"'


class ArchivableModel(BaseModel):
    """An object with history is archived, never deleted."""

    archived_at = models.DateTimeField(_("归档时间"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None
