"""Fixtures for the ledger engine: a settable clock, an organisation with a leader in
charge, users with roles, and the real deadline engine and rule catalogue."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from zhongshu.accounts.tests.factories import UserFactory
from zhongshu.clock.testing import _fresh_clock  # noqa: F401  (autouse fixture)
from zhongshu.org.tests.factories import PersonFactory, PortfolioFactory, UnitFactory

SH = ZoneInfo("Asia/Shanghai")


def at(year, month, day, hour=10, minute=0, second=0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, second, tzinfo=SH)


class Clock:
    """``timezone.now`` under the test's control (services and the sweep read it)."""

    def __init__(self, monkeypatch):
        self.now = at(2026, 9, 21, 9, 0)
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


@pytest.fixture
def catalogue_reset():
    from zhongshu.rules import catalogue

    catalogue.reset_cache()
    yield
    catalogue.reset_cache()


class Org:
    """财政局 with a clerk, its deputy head in charge (分管副区长), a supervision officer
    (督查室) who assigns items, and an outsider from another unit."""

    def __init__(self):
        self.unit = UnitFactory(name="示范区财政局", short_name="财政局")
        self.other_unit = UnitFactory(name="示范区教育局", short_name="教育局")
        self.office = UnitFactory(name="示范区人民政府办公室", short_name="区政府办")
        self.clerk = UserFactory(person=PersonFactory(name="王芳", unit=self.unit))
        self.colleague = UserFactory(person=PersonFactory(name="赵强", unit=self.unit))
        self.officer = UserFactory(
            person=PersonFactory(name="李娜", unit=self.office), roles=["supervision_officer"]
        )
        self.assigner = UserFactory(
            person=PersonFactory(name="孙敏", unit=self.office), roles=["office_staff"]
        )
        self.leader = UserFactory(
            person=PersonFactory(name="陈副区长", unit=self.office), roles=["government_leader"]
        )
        portfolio = PortfolioFactory(leader=self.leader.person)
        portfolio.units.add(self.unit)
        self.outsider = UserFactory(person=PersonFactory(name="周杰", unit=self.other_unit))
        self.admin = UserFactory(system_admin=True)


@pytest.fixture
def org(db):
    return Org()
