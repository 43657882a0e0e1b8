"""People and posts: placement, archiving (posts end, delegations revoked), duplicates."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from zhongshu.framework.errors import RuleViolation
from zhongshu.org import services
from zhongshu.org.choices import PortfolioKind
from zhongshu.org.models import Delegation, Person, Position, Post

from .conftest import events, person_in

pytestmark = pytest.mark.django_db


def rules_of(exc_info) -> list[str]:
    return [v.rule for v in exc_info.value.violations]


def test_org_section_unit_a_person_section_must_belong_to_their_unit(district):
    with pytest.raises(RuleViolation) as exc_info:
        services.create_person(
            actor=None, name="王五", unit=district.education, section=district.finance_office
        )
    assert rules_of(exc_info) == ["ORG-SECTION-UNIT"]


def test_org_person_unit_no_one_is_placed_in_an_archived_unit(district):
    services.archive_unit(actor=None, unit=district.finance_branch)
    district.finance_branch.refresh_from_db()
    with pytest.raises(RuleViolation) as exc_info:
        services.create_person(actor=None, name="王五", unit=district.finance_branch)
    assert rules_of(exc_info) == ["ORG-PERSON-UNIT"]


def test_archiving_a_person_ends_posts_and_revokes_delegations_but_keeps_the_row(district):
    person = person_in(district.finance, "李四")
    other = person_in(district.finance, "王五")
    now = timezone.now()
    services.create_delegation(
        actor=None,
        delegator=person,
        delegate=other,
        starts_at=now,
        ends_at=now + dt.timedelta(days=3),
    )
    services.archive_person(actor=None, person=person)
    person.refresh_from_db()
    assert person.archived_at is not None
    assert Person.objects.filter(pk=person.pk).exists()
    assert not Position.objects.active().filter(person=person).exists()
    assert Delegation.objects.get(delegator=person).revoked_at is not None
    assert services.acting_for(other) == []
    assert events("person_archived") == ["person_archived"]


def test_org_person_portfolio_a_leader_in_charge_is_not_archived(district):
    leader = person_in(district.gov, "陈晓东", "deputy_head")
    services.create_portfolio(actor=None, leader=leader, fields=["财政"], units=[district.finance])
    with pytest.raises(RuleViolation) as exc_info:
        services.archive_person(actor=None, person=leader)
    assert rules_of(exc_info) == ["ORG-PERSON-PORTFOLIO"]


def test_org_position_duplicate_a_post_is_held_once(district):
    person = person_in(district.finance, "李四")
    with pytest.raises(RuleViolation) as exc_info:
        services.assign_position(actor=None, person=person, post=district.staff)
    assert rules_of(exc_info) == ["ORG-POSITION-DUPLICATE"]


def test_ending_a_post_and_the_primary_post(district):
    person = person_in(district.finance, "李四")
    chief = Post.objects.get(code="section_chief")
    new = services.assign_position(actor=None, person=person, post=chief, is_primary=True)
    assert list(Position.objects.filter(person=person, is_primary=True)) == [new]
    services.end_position(actor=None, position=new)
    assert not Position.objects.active().filter(pk=new.pk).exists()
    with pytest.raises(RuleViolation) as exc_info:
        services.end_position(actor=None, position=new)
    assert rules_of(exc_info) == ["ORG-POSITION-ENDED"]


def test_restore_person_after_archive(district):
    person = person_in(district.finance, "李四")
    services.archive_person(actor=None, person=person)
    services.restore_person(actor=None, person=person)
    assert Person.objects.get(pk=person.pk).archived_at is None


def test_org_portfolio_leader_must_hold_a_leader_post(district):
    staff = person_in(district.finance, "李四")
    with pytest.raises(RuleViolation) as exc_info:
        services.create_portfolio(actor=None, leader=staff, fields=["财政"])
    assert rules_of(exc_info) == ["ORG-PORTFOLIO-LEADER"]


def test_portfolio_update_sets_units_and_bumps_the_version(district):
    leader = person_in(district.gov, "陈晓东", "deputy_head")
    portfolio = services.create_portfolio(
        actor=None,
        leader=leader,
        kind=PortfolioKind.GOVERNMENT,
        fields=["财政 ", " 教育 ", "财政"],
    )
    assert portfolio.fields == ["财政", "教育"]
    version = portfolio.version
    services.update_portfolio(
        actor=None,
        portfolio=portfolio,
        expected_version=version,
        changes={"units": [district.finance]},
    )
    portfolio.refresh_from_db()
    assert portfolio.version == version + 1
    assert list(portfolio.units.all()) == [district.finance]
    with pytest.raises(RuleViolation) as exc_info:
        services.update_portfolio(
            actor=None,
            portfolio=portfolio,
            expected_version=None,
            changes={"fields": [], "units": []},
        )
    assert rules_of(exc_info) == ["ORG-PORTFOLIO-EMPTY"]
