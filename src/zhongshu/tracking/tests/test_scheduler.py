"""The minute clock: each minute's sweep is enqueued once even with two schedulers; the
daily calendar check once a day; the command runs a tick."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from zhongshu.tracking.choices import Colour, Priority
from zhongshu.tracking.models import Chase, SchedulerTick, TrackedItem
from zhongshu.tracking.scheduler import tick
from zhongshu.tracking.tasks import sweep_items

from .conftest import at
from .factories import make_item

pytestmark = pytest.mark.django_db


def test_two_schedulers_enqueue_each_minute_once(org, clock):
    clock.set(at(2026, 9, 28, 10))
    item = make_item(actor=org.assigner, responsible=org.clerk.person, priority=Priority.URGENT)
    moment = at(2026, 10, 14, 9, 0, 5)
    first = tick(moment)
    second = tick(at(2026, 10, 14, 9, 0, 40))  # the other scheduler, same minute
    assert first == ["sweep:2026-10-14T09:00", "daily:2026-10-14"]
    assert second == []
    assert SchedulerTick.objects.count() == 2
    # The (immediate, in tests) task ran the sweep: the item is red and chased once.
    assert TrackedItem.objects.get(pk=item.pk).colour == Colour.RED
    assert Chase.objects.filter(item=item).count() == 1
    assert tick(at(2026, 10, 14, 9, 1, 2)) == ["sweep:2026-10-14T09:01"]


def test_daily_check_waits_for_the_morning(db):
    assert tick(at(2026, 10, 14, 7, 59)) == ["sweep:2026-10-14T07:59"]
    assert "daily:2026-10-14" in tick(at(2026, 10, 14, 8, 0))


def test_sweep_task_returns_figures(org, clock):
    clock.set(at(2026, 9, 28, 10))
    make_item(actor=org.assigner, responsible=org.clerk.person)
    result = sweep_items.call(at(2026, 10, 14, 9).isoformat())
    assert result["red"] == 1 and result["chases"] == 1


def test_run_scheduler_once_command(db, clock):
    clock.set(at(2026, 10, 14, 10, 30))
    call_command("run_scheduler", "--once")
    assert SchedulerTick.objects.filter(key="sweep:2026-10-14T10:30").exists()
