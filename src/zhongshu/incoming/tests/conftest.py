"""Fixtures: a settable clock (2026 dates on the official calendar), the office with its
秘书科 clerk, two deputy heads with portfolios, departments with people, an outsider."""

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

from .factories import pdf_upload


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
        self.other = UnitFactory(name="示范区水务局", short_name="区水务局", parent=self.gov)
        self.city = UnitFactory(name="市人民政府", short_name="市政府", kind=UnitKind.HIGHER)
        self.clerk = UserFactory(
            person=PersonFactory(name="林静", unit=self.office), roles=["secretariat_clerk"]
        )
        self.deputy = UserFactory(
            person=PersonFactory(name="陈晓东", unit=self.gov), roles=["government_leader"]
        )
        self.head = UserFactory(
            person=PersonFactory(name="王建国", unit=self.gov), roles=["government_leader"]
        )
        self.other_leader = UserFactory(
            person=PersonFactory(name="赵国强", unit=self.gov), roles=["government_leader"]
        )
        portfolio = PortfolioFactory(leader=self.deputy.person, fields=["教育", "财政"])
        portfolio.units.add(self.edu, self.fin)
        principal = PostFactory(code="unit_principal", name="局长", rank=10)
        self.edu_head = UserFactory(
            person=PersonFactory(name="刘明", unit=self.edu), roles=["department_principal"]
        )
        PositionFactory(person=self.edu_head.person, post=principal, unit=self.edu)
        self.edu_staff = UserFactory(
            person=PersonFactory(name="张华", unit=self.edu), roles=["department_liaison"]
        )
        self.fin_staff = UserFactory(
            person=PersonFactory(name="周红", unit=self.fin), roles=["department_liaison"]
        )
        self.outsider = UserFactory(
            person=PersonFactory(name="钱进", unit=self.other), roles=["department_liaison"]
        )
        self.admin = UserFactory(system_admin=True)


@pytest.fixture
def org(db):
    return Org()


@pytest.fixture
def upload():
    return pdf_upload
