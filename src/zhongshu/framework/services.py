"""The service-function convention.

One function per business operation, keyword-only, with ``actor`` first; it runs in one
transaction, audits its state changes, and schedules side effects with ``on_commit``::

    @service
    def archive_person(*, actor, person, reason): ...

Views and the API both call services; neither writes models directly.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

from .errors import ConflictError

F_ = TypeVar("F_", bound=Callable[..., Any])


def service(func: F_) -> F_:
    """Run ``func`` in one transaction; refuse positional arguments and a missing actor."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if args:
            raise TypeError(f"{func.__name__}() takes keyword arguments only")
        if "actor" not in kwargs:
            raise TypeError(f"{func.__name__}() needs actor=")
        with transaction.atomic():
            return func(**kwargs)

    return wrapper  # type: ignore[return-value]


def save_versioned(obj: models.Model, *, expected_version: int | None, fields: list[str]) -> None:
    """Write ``fields`` of ``obj`` only if nobody changed it since ``expected_version``.

    Raises ``ConflictError`` instead of overwriting a concurrent edit.
    """
    version = obj.version if expected_version is None else expected_version  # type: ignore[attr-defined]
    values = {name: getattr(obj, name) for name in fields}
    updated = (
        type(obj)
        ._default_manager.filter(pk=obj.pk, version=version)
        .update(**values, version=F("version") + 1, updated_at=timezone.now())
    )
    if not updated:
        raise ConflictError()
    obj.version = version + 1  # type: ignore[attr-defined]


def on_commit(callback: Callable[[], Any]) -> None:
    """Side effects (notifications, tasks) run only once the transaction has committed."""
    transaction.on_commit(callback)
