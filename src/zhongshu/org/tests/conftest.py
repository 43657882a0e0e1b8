"""Fixtures for the organisation: a small district and users in each role."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from zhongshu.accounts.tests.factories import UserFactory
from zhongshu.audit.models import AuditRecord
from zhongshu.org import services
from zhongshu.org.choices import SectionKind, UnitKind
from zhongshu.org.models import Person, Post, Section, Unit


@dataclass
class District:
    gov: Unit
    office: Unit
    finance: Unit
    finance_branch: Unit  # below 财政局
    education: Unit
    secretariat: Section
    finance_office: Section
    staff: Post
    deputy_head: Post


def make_unit(name: str, short: str, kind=UnitKind.DEPARTMENT, parent=None, **extra) -> Unit:
    return services.create_unit(
        actor=None, name=name, short_name=short, kind=kind, parent=parent, **extra
    )


@pytest.fixture
def district(db) -> District:
    gov = make_unit("示范区人民政府", "区政府", UnitKind.GOVERNMENT)
    office = make_unit("示范区人民政府办公室", "区政府办", UnitKind.OFFICE, gov)
    finance = make_unit("示范区财政局", "区财政局", parent=gov)
    branch = make_unit("示范区财政局国库支付中心", "国库中心", UnitKind.DIRECT_UNIT, finance)
    education = make_unit("示范区教育局", "区教育局", parent=gov)
    secretariat = services.create_section(
        actor=None, unit=office, name="秘书科", kind=SectionKind.SECRETARIAT
    )
    finance_office = services.create_section(actor=None, unit=finance, name="办公室")
    return District(
        gov=gov,
        office=office,
        finance=finance,
        finance_branch=branch,
        education=education,
        secretariat=secretariat,
        finance_office=finance_office,
        staff=Post.objects.get(code="staff"),
        deputy_head=Post.objects.get(code="deputy_head"),
    )


def person_in(unit: Unit, name: str = "张伟", post: str = "staff", section=None) -> Person:
    person = services.create_person(actor=None, name=name, unit=unit, section=section)
    services.assign_position(
        actor=None, person=person, post=Post.objects.get(code=post), section=section
    )
    return person


@pytest.fixture
def manager(district):
    """业务管理员: keeps the whole organisation."""
    return UserFactory(roles=["office_admin"], person=person_in(district.office, "罗明"))


@pytest.fixture
def clerk(district):
    """A business user without organisation permissions."""
    person = person_in(district.office, "马晓燕", section=district.secretariat)
    return UserFactory(roles=["secretariat_clerk"], person=person)


@pytest.fixture
def liaison(district):
    """财政局 liaison: keeps the people of 财政局 and the units below it only."""
    person = person_in(district.finance, "陈建平", "liaison", district.finance_office)
    return UserFactory(roles=["department_liaison"], person=person)


@pytest.fixture
def leader(district):
    person = person_in(district.gov, "陈晓东", "deputy_head")
    return UserFactory(roles=["government_leader"], person=person)


@pytest.fixture
def auditor(db):
    return UserFactory(auditor=True)


def events(*names: str) -> list[str]:
    qs = AuditRecord.objects.order_by("id")
    if names:
        qs = qs.filter(event__in=names)
    return list(qs.values_list("event", flat=True))
