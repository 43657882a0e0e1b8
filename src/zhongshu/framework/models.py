"""Base model shared by every business object."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import models
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import gettext_lazy as _

_CHOICE_LABELS = "_zhongshu_choice_labels"


def choice_label(field: models.Field, value: Any) -> Any:
    """The label of ``value`` among ``field``'s choices, from a map built once per field.

    Django's ``get_FOO_display`` rebuilds that map on every call, hashing each lazy label,
    which translates it: on a list page that was a third of the rendering time."""
    labels = field.__dict__.get(_CHOICE_LABELS)
    if labels is None:
        labels = {make_hashable(v): label for v, label in field.flatchoices}
        field.__dict__[_CHOICE_LABELS] = labels
    return force_str(labels.get(make_hashable(value), value), strings_only=True)


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

    def _get_FIELD_display(self, field):
        return choice_label(field, getattr(self, field.attname))


class ArchivableModel(BaseModel):
    """An object with history is archived, never deleted."""

    archived_at = models.DateTimeField(_("归档时间"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None
