"""Fixtures: the demo district (its real units, leaders and portfolios) loaded once per
test module inside a transaction rolled back at the end; each test runs in a savepoint
inside it. A settable clock at 2026 dates."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from django.utils import timezone

from zhongshu.clock.testing import _fresh_clock  # noqa: F401  (autouse fixture)

SH = ZoneInfo("Asia/Shanghai")


def at(year, month, day, hour=10, minute=0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=SH)


class Clock:
    def __init__(self, monkeypatch):
        self.now = at(2026, 11, 16, 9, 0)  # a Monday
        monkeypatch.setattr(timezone, "now", lambda: self.now)

    def set(self, moment: dt.datetime) -> dt.datetime:
        self.now = moment
        return moment

    def advance(self, **delta) -> dt.datetime:
        self.now = self.now + dt.timedelta(**delta)
        return self.now


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


@pytest.fixture(scope="module")
def _demo_district(django_db_setup, django_db_blocker):
    from zhongshu.org.demo.loader import DemoLoader

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            DemoLoader().run()
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def demo(_demo_district, db):
    from .helpers import Demo

    return Demo()
