"""pytest plugin (loaded by the root conftest): the audit triggers refuse DELETE and
TRUNCATE, which is what Django's ``flush`` does after every transactional test. Around a
flush — and only in tests — the triggers are dropped and installed again."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True, scope="session")
def _audit_triggers_allow_test_flush():
    from django.core.management.commands import flush

    original = flush.Command.handle

    def handle(self, **options):
        from django.db import connections

        from zhongshu.audit import triggers

        connection = connections[options["database"]]
        triggers.remove(connection)
        try:
            return original(self, **options)
        finally:
            triggers.install(connection)

    flush.Command.handle = handle
    yield
    flush.Command.handle = original
