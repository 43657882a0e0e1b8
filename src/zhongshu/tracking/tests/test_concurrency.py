"""Two workers sweeping at the same moment on PostgreSQL create nothing twice — with the
advisory lock, and with it switched off (the unique constraints alone)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from zhongshu.tracking import sqlsets
from zhongshu.tracking import sweep as sweep_module
from zhongshu.tracking.choices import Priority
from zhongshu.tracking.models import Chase, Notification, Reminder

from .conftest import at
from .factories import make_item

pytestmark = [
    pytest.mark.pg_only,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers: PostgreSQL"),
]
ITEMS = 40
WORKERS = 4


def _sweep_together(moment) -> list:
    barrier = threading.Barrier(WORKERS)
    errors: list = []
    results: list = []

    def worker():
        try:
            barrier.wait()
            results.append(sweep_module.sweep(moment))
        except Exception as exc:  # reported by the test, not lost in the thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    return results


def _seed(org, clock):
    clock.set(at(2026, 9, 28, 10))
    return [
        make_item(actor=org.assigner, responsible=org.clerk.person, priority=Priority.URGENT)
        for _ in range(ITEMS)
    ]


def _assert_once(settings_escalate: int = 99):
    assert Chase.objects.count() == ITEMS
    assert set(Chase.objects.values_list("step", flat=True)) == {4}
    assert Notification.objects.filter(verb="chased").count() == ITEMS
    assert Reminder.objects.filter(kind="escalation").count() == ITEMS


@pytest.mark.django_db(transaction=True)
def test_doc_in_12_concurrent_sweeps_create_each_chase_once_on_postgresql(org, clock, settings):
    settings.TRACKING_ESCALATE_AFTER = 2
    _seed(org, clock)
    results = _sweep_together(at(2026, 10, 19, 9))
    assert sum(r.chases for r in results) == ITEMS
    assert sum(r.skipped for r in results) >= 1  # the advisory lock turned the others away
    _assert_once()


@pytest.mark.django_db(transaction=True)
def test_unique_constraints_alone_keep_concurrent_sweeps_idempotent(
    org, clock, settings, monkeypatch
):
    settings.TRACKING_ESCALATE_AFTER = 2
    monkeypatch.setattr(sqlsets, "try_lock", lambda key=0: True)
    _seed(org, clock)
    results = _sweep_together(at(2026, 10, 19, 9))
    assert sum(r.chases for r in results) == ITEMS
    _assert_once()
