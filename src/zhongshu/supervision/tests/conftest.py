"""Fixtures: a settable clock on the official 2026 calendar, the office with its 督查室
officer, a district head, a deputy head in charge of 教育局 and 财政局, departments with
people, and an outsider."""

from __future__ import annotations

import pytest

from zhongshu.accounts.tests.factories import UserFactory
from zhongshu.clock.testing import _fresh_clock  # noqa: F401  (autouse fixture)
from zhongshu.org.choices import UnitKind
from zhongshu.org.tests.factories import (
    PersonFactory,
    PortfolioFactory,
    PositionFactory,
    PostFactory,
    UnitFactory,
)
from zhongshu.tracking.tests.conftest import Clock, at  # noqa: F401


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


class Org:
    def __init__(self):
        self.gov = UnitFactory(name="示范区人民政府", short_name="区政府", kind=UnitKind.GOVERNMENT)
        self.office = UnitFactory(
            name="示范区人民政府办公室",
            short_name="区政府办",
            kind=UnitKind.OFFICE,
            parent=self.gov,
        )
        self.edu = UnitFactory(name="示范区教育局", short_name="区教育局", parent=self.gov)
        self.fin = UnitFactory(name="示范区财政局", short_name="区财政局", parent=self.gov)
        self.water = UnitFactory(name="示范区水务局", short_name="区水务局", parent=self.gov)
        self.officer = UserFactory(
            person=PersonFactory(name="李娜", unit=self.office), roles=["supervision_officer"]
        )
        self.head = UserFactory(
            person=PersonFactory(name="王建国", unit=self.gov), roles=["government_leader"]
        )
        PositionFactory(
            person=self.head.person,
            post=PostFactory(code="head", name="区长", rank=1),
            unit=self.gov,
        )
        self.deputy = UserFactory(
            person=PersonFactory(name="陈晓东", unit=self.gov), roles=["government_leader"]
        )
        self.other_deputy = UserFactory(
            person=PersonFactory(name="赵国强", unit=self.gov), roles=["government_leader"]
        )
        portfolio = PortfolioFactory(leader=self.deputy.person, fields=["教育", "财政"])
        portfolio.units.add(self.edu, self.fin)
        water = PortfolioFactory(leader=self.other_deputy.person, fields=["水务"])
        water.units.add(self.water)
        self.edu_staff = UserFactory(
            person=PersonFactory(name="刘明", unit=self.edu), roles=["department_liaison"]
        )
        self.fin_staff = UserFactory(
            person=PersonFactory(name="张伟", unit=self.fin), roles=["department_liaison"]
        )
        self.water_staff = UserFactory(
            person=PersonFactory(name="周杰", unit=self.water), roles=["department_liaison"]
        )
        self.admin = UserFactory(system_admin=True)


@pytest.fixture
def org(db):
    return Org()
