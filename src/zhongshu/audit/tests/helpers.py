"""Test helpers: append records, and act as an attacker holding the database owner's
rights (who can drop the append-only triggers before tampering)."""

from __future__ import annotations

from contextlib import contextmanager

from django.db import connection

from zhongshu.audit import triggers
from zhongshu.audit.services import record


def append(n: int, event: str = "thing_happened") -> list:
    return [record(actor=None, event=event, object_type="test", after={"n": i}) for i in range(n)]


@contextmanager
def as_database_owner():
    """Drop the triggers for the block; the test's transaction rollback restores them."""
    triggers.remove(connection)
    try:
        yield connection.cursor()
    finally:
        triggers.install(connection)
