"""Delegation rules and the read helpers other apps call."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from zhongshu.framework.errors import RuleViolation
from zhongshu.org import services
from zhongshu.org.choices import PortfolioKind, UnitKind

from .conftest import make_unit, person_in

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


def rules_of(exc_info) -> list[str]:
    return sorted(v.rule for v in exc_info.value.violations)


@pytest.fixture
def pair(district):
    return person_in(district.gov, "王建国", "head"), person_in(
        district.gov, "李振华", "deputy_head"
    )


def delegate(delegator, delegate_to, start, end):
    return services.create_delegation(
        actor=None, delegator=delegator, delegate=delegate_to, starts_at=start, ends_at=end
    )


def test_org_delegation_period_must_end_after_it_starts_and_after_now(pair):
    head, deputy = pair
    now = timezone.now()
    for start, end in [(now, now - DAY), (now - 3 * DAY, now - DAY)]:
        with pytest.raises(RuleViolation) as exc_info:
            delegate(head, deputy, start, end)
        assert rules_of(exc_info) == ["ORG-DELEGATION-PERIOD"]


def test_org_delegation_self_is_refused(pair):
    head, _ = pair
    with pytest.raises(RuleViolation) as exc_info:
        delegate(head, head, timezone.now(), timezone.now() + DAY)
    assert rules_of(exc_info) == ["ORG-DELEGATION-SELF"]


def test_org_delegation_overlap_same_pair_is_refused_but_not_after_revoking(pair):
    head, deputy = pair
    now = timezone.now()
    first = delegate(head, deputy, now, now + 5 * DAY)
    with pytest.raises(RuleViolation) as exc_info:
        delegate(head, deputy, now + 2 * DAY, now + 9 * DAY)
    assert rules_of(exc_info) == ["ORG-DELEGATION-OVERLAP"]
    delegate(head, deputy, now + 5 * DAY, now + 9 * DAY)  # adjacent: fine
    services.revoke_delegation(actor=None, delegation=first)
    delegate(head, deputy, now, now + 2 * DAY)


def test_org_delegation_person_archived_people_neither_give_nor_receive(district, pair):
    head, _ = pair
    gone = person_in(district.finance, "离职者")
    services.archive_person(actor=None, person=gone)
    gone.refresh_from_db()
    with pytest.raises(RuleViolation) as exc_info:
        delegate(head, gone, timezone.now(), timezone.now() + DAY)
    assert rules_of(exc_info) == ["ORG-DELEGATION-PERSON"]


def test_acting_for_lists_delegators_in_force_now(district, pair):
    head, deputy = pair
    other = person_in(district.gov, "赵国强", "deputy_head")
    now = timezone.now()
    delegate(head, deputy, now - DAY, now + DAY)
    future = delegate(other, deputy, now + 2 * DAY, now + 4 * DAY)
    assert services.acting_for(deputy) == [head]
    assert services.acting_for(deputy, at=now + 3 * DAY) == [other]
    assert services.acting_for(head) == []
    assert services.can_act_for(deputy, head)
    assert not services.can_act_for(deputy, other)
    services.revoke_delegation(actor=None, delegation=future)
    assert services.acting_for(deputy, at=now + 3 * DAY) == []


def test_org_delegation_closed_revoking_twice_is_refused(pair):
    head, deputy = pair
    delegation = delegate(head, deputy, timezone.now(), timezone.now() + DAY)
    services.revoke_delegation(actor=None, delegation=delegation)
    with pytest.raises(RuleViolation) as exc_info:
        services.revoke_delegation(actor=None, delegation=delegation)
    assert rules_of(exc_info) == ["ORG-DELEGATION-CLOSED"]
    assert exc_info.value.status == 409


def test_delegation_label_says_on_whose_behalf(pair):
    head, deputy = pair
    assert services.delegation_label(deputy, head) == "李振华（代王建国）"
    assert services.delegation_label(deputy, None) == "李振华"
    assert services.delegation_label(deputy, deputy) == "李振华"


def test_leaders_in_charge_reads_portfolios_nearest_unit_first(district):
    head = person_in(district.gov, "王建国", "head")
    deputy = person_in(district.gov, "陈晓东", "deputy_head")
    office_deputy = person_in(district.office, "吴海燕", "deputy_office_director")
    services.create_portfolio(actor=None, leader=head, fields=["全面工作"], units=[district.gov])
    services.create_portfolio(actor=None, leader=deputy, fields=["财政"], units=[district.finance])
    services.create_portfolio(
        actor=None, leader=office_deputy, kind=PortfolioKind.OFFICE, units=[district.finance]
    )
    assert services.leaders_in_charge(district.finance) == [deputy]
    assert services.leaders_in_charge(district.finance_branch) == [deputy]  # via its parent
    assert services.leaders_in_charge(district.education) == [head]  # nobody named: the head
    assert services.leaders_in_charge(district.finance, PortfolioKind.OFFICE) == [office_deputy]


def test_leaders_in_charge_of_a_coordinating_body_go_through_its_host(district):
    deputy = person_in(district.gov, "赵国强", "deputy_head")
    body = make_unit(
        "示范区安全生产委员会",
        "区安委会",
        UnitKind.COORDINATING_BODY,
        district.gov,
        host=district.finance,
    )
    services.create_portfolio(actor=None, leader=deputy, fields=["财政"], units=[district.finance])
    assert services.leaders_in_charge(body) == [deputy]


def test_ended_portfolio_no_longer_counts(district):
    deputy = person_in(district.gov, "陈晓东", "deputy_head")
    portfolio = services.create_portfolio(actor=None, leader=deputy, units=[district.finance])
    services.end_portfolio(actor=None, portfolio=portfolio)
    assert services.leaders_in_charge(district.finance) == []
    yesterday = timezone.localdate() - DAY
    assert services.leaders_in_charge(district.finance, at=yesterday) == [deputy]


def test_principal_and_people_with_post(district):
    assert services.principal_of(district.finance) is None
    chief = person_in(district.finance, "刘雪梅", "unit_principal")
    head = person_in(district.gov, "王建国", "head")
    staff = person_in(district.finance, "李四")
    assert services.principal_of(district.finance) == chief
    assert services.principal_of(district.gov) == head
    assert list(services.people_with_post("staff", district.finance)) == [staff]
    assert set(services.people_with_post(["staff", "unit_principal"])) == {staff, chief}
