"""Fixtures: a settable clock on 2026 dates, the district head and four deputy heads
(the 常务会议's members), the office with its 会务 and 督查 sections, departments with
their people, an outsider."""

from __future__ import annotations

import pytest

from zhongshu.accounts.tests.factories import UserFactory
from zhongshu.clock.testing import _fresh_clock  # noqa: F401  (autouse fixture)
from zhongshu.org.choices import SectionKind, UnitKind
from zhongshu.org.tests.factories import (
    PersonFactory,
    PortfolioFactory,
    PositionFactory,
    PostFactory,
    SectionFactory,
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
        self.meeting_section = SectionFactory(
            unit=self.office, name="会务联络科", kind=SectionKind.MEETING_LIAISON
        )
        self.supervision_section = SectionFactory(
            unit=self.office, name="督查室", kind=SectionKind.SUPERVISION
        )
        self.edu = UnitFactory(name="示范区教育局", short_name="区教育局", parent=self.gov)
        self.fin = UnitFactory(name="示范区财政局", short_name="区财政局", parent=self.gov)
        self.water = UnitFactory(name="示范区水务局", short_name="区水务局", parent=self.gov)
        head_post = PostFactory(code="head", name="区长", rank=1)
        deputy_post = PostFactory(code="deputy_head", name="副区长", rank=3)
        principal = PostFactory(code="unit_principal", name="局长", rank=10)

        def leader(name, post):
            user = UserFactory(
                person=PersonFactory(name=name, unit=self.gov), roles=["government_leader"]
            )
            PositionFactory(person=user.person, post=post, unit=self.gov)
            return user

        self.head = leader("王建国", head_post)
        self.deputy = leader("陈晓东", deputy_post)
        self.deputy2 = leader("赵国强", deputy_post)
        self.deputy3 = leader("刘素梅", deputy_post)
        self.deputy4 = leader("孙立新", deputy_post)
        portfolio = PortfolioFactory(leader=self.deputy.person, fields=["教育", "财政"])
        portfolio.units.add(self.edu, self.fin)
        portfolio2 = PortfolioFactory(leader=self.deputy2.person, fields=["水务"])
        portfolio2.units.add(self.water)
        self.clerk = UserFactory(
            person=PersonFactory(name="宋佳", unit=self.office, section=self.meeting_section),
            roles=["office_staff"],
        )
        self.supervisor = UserFactory(
            person=PersonFactory(name="许国华", unit=self.office, section=self.supervision_section),
            roles=["office_staff", "supervision_officer"],
        )
        self.edu_head = UserFactory(
            person=PersonFactory(name="刘明", unit=self.edu), roles=["department_principal"]
        )
        PositionFactory(person=self.edu_head.person, post=principal, unit=self.edu)
        self.edu_staff = UserFactory(
            person=PersonFactory(name="张丽", unit=self.edu), roles=["department_liaison"]
        )
        self.fin_head = UserFactory(
            person=PersonFactory(name="周强", unit=self.fin), roles=["department_principal"]
        )
        PositionFactory(person=self.fin_head.person, post=principal, unit=self.fin)
        self.outsider = UserFactory(
            person=PersonFactory(name="路人", unit=self.water), roles=["department_liaison"]
        )
        self.members = [
            u.person for u in (self.head, self.deputy, self.deputy2, self.deputy3, self.deputy4)
        ]


@pytest.fixture
def org(db):
    from zhongshu.meetings.choices import MeetingType
    from zhongshu.meetings.services import set_meeting_body

    o = Org()
    set_meeting_body(
        actor=o.clerk,
        type=MeetingType.EXECUTIVE,
        members=o.members,
        standing_attendees=[o.clerk.person],
        convener=o.head.person,
    )
    set_meeting_body(
        actor=o.clerk, type=MeetingType.HEAD_OFFICE, members=o.members[:3], convener=o.head.person
    )
    return o
