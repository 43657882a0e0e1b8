"""The pages do what their buttons say, through the services."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zhongshu.org.models import Delegation, Person, Portfolio, Unit

from .conftest import events, person_in

pytestmark = pytest.mark.django_db


def test_unit_tree_is_in_tree_order_and_indented(client, clerk, district):
    client.force_login(clerk)
    html = client.get(reverse("org:unit_list")).content.decode()
    gov, finance, branch = (
        html.index(n) for n in ("示范区人民政府<", "示范区财政局<", "国库支付中心")
    )
    assert gov < finance < branch
    assert "\u3000\u3000<a" in html  # the branch is two levels down
    assert 'data-label="单位"' in html  # phone layout


def test_create_unit_through_the_form(client, manager, district):
    client.force_login(manager)
    data = {
        "name": "示范区科技局",
        "short_name": "区科技局",
        "kind": "department",
        "parent": str(district.gov.uuid),
        "sort_order": 5,
    }
    response = client.post(reverse("org:unit_create"), data)
    unit = Unit.objects.get(name="示范区科技局")
    assert response.status_code == 302
    assert response["Location"] == reverse("org:unit_detail", args=[unit.uuid])
    assert unit.path == f"{district.gov.path}{unit.pk}/"


def test_htmx_form_success_answers_hx_location(client, manager, district):
    client.force_login(manager)
    data = {"name": "办公室二", "kind": "general", "sort_order": 1}
    response = client.post(
        reverse("org:section_create", args=[district.finance.uuid]),
        data,
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 204
    assert response["HX-Location"] == reverse("org:unit_detail", args=[district.finance.uuid])


def test_refused_form_shows_the_message_and_rule_id(client, manager, district):
    client.force_login(manager)
    data = {
        "name": district.finance.name,
        "short_name": "x",
        "kind": "department",
        "parent": str(district.finance_branch.uuid),
        "sort_order": 1,
        "version": district.finance.version,
    }
    response = client.post(reverse("org:unit_edit", args=[district.finance.uuid]), data)
    assert response.status_code == 422
    assert "ORG-UNIT-CYCLE" in response.content.decode()


def test_stale_form_is_refused_not_overwritten(client, manager, district):
    person = person_in(district.finance, "李四")
    client.force_login(manager)
    url = reverse("org:person_edit", args=[person.uuid])
    data = {
        "name": "李四",
        "unit": str(district.finance.uuid),
        "sort_order": 1,
        "version": person.version,
    }
    assert client.post(url, {**data, "mobile": "1"}).status_code == 302
    response = client.post(url, {**data, "mobile": "2"})  # the version the user started from
    assert response.status_code == 422
    assert "已被他人修改" in response.content.decode()
    assert Person.objects.get(pk=person.pk).mobile == "1"


def test_person_form_offers_only_sections_of_the_chosen_unit(client, manager, district):
    client.force_login(manager)
    options = client.get(reverse("org:section_options"), {"unit": str(district.finance.uuid)})
    assert "办公室" in options.content.decode() and "秘书科" not in options.content.decode()
    data = {
        "name": "王五",
        "unit": str(district.education.uuid),
        "section": str(district.finance_office.uuid),
        "sort_order": 1,
    }
    response = client.post(reverse("org:person_create"), data)
    assert response.status_code == 422
    assert not Person.objects.filter(name="王五").exists()


def test_scoped_manager_may_place_people_only_in_their_units(client, liaison, district):
    client.force_login(liaison)
    page = client.get(reverse("org:person_create")).content.decode()
    assert "示范区财政局国库支付中心" in page and "示范区教育局" not in page
    data = {"name": "王五", "unit": str(district.education.uuid), "sort_order": 1}
    assert client.post(reverse("org:person_create"), data).status_code == 422
    data["unit"] = str(district.finance_branch.uuid)
    assert client.post(reverse("org:person_create"), data).status_code == 302


def test_people_list_filters_and_archived_only_for_managers(client, clerk, manager, district):
    kept = person_in(district.finance_branch, "留任")
    gone = person_in(district.finance, "离任")
    from zhongshu.org import services

    services.archive_person(actor=None, person=gone)
    client.force_login(clerk)
    html = client.get(
        reverse("org:person_list"), {"unit": str(district.finance.uuid), "include_archived": "true"}
    ).content.decode()
    assert kept.name in html and gone.name not in html
    client.force_login(manager)
    html = client.get(
        reverse("org:person_list"), {"unit": str(district.finance.uuid), "include_archived": "true"}
    ).content.decode()
    assert kept.name in html and gone.name in html
    html = client.get(reverse("org:person_list"), {"post": "staff", "q": "留"}).content.decode()
    assert kept.name in html and gone.name not in html


def test_people_list_htmx_returns_only_the_listing(client, clerk, district):
    client.force_login(clerk)
    response = client.get(reverse("org:person_list"), {"q": "马"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.startswith('<div class="listing">') and "<html" not in html


def test_portfolio_form_sets_leader_fields_and_units(client, manager, leader, district):
    client.force_login(manager)
    data = {
        "leader": str(leader.person.uuid),
        "kind": "government",
        "fields": "财政，审计、统计",
        "units": [str(district.finance.uuid), str(district.education.uuid)],
    }
    response = client.post(reverse("org:portfolio_create"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    portfolio = Portfolio.objects.get(leader=leader.person)
    assert portfolio.fields == ["财政", "审计", "统计"]
    assert set(portfolio.units.all()) == {district.finance, district.education}


def test_leader_creates_own_delegation_through_the_form(client, leader, clerk):
    client.force_login(leader)
    page = client.get(reverse("org:delegation_create")).content.decode()
    assert leader.person.label in page  # the delegator is fixed to themself
    data = {
        "delegate": str(clerk.person.uuid),
        "starts_at": "2030-01-01T09:00",
        "ends_at": "2030-01-05T18:00",
        "reason": "出差",
    }
    response = client.post(reverse("org:delegation_create"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    delegation = Delegation.objects.get()
    assert delegation.delegator == leader.person and delegation.delegate == clerk.person
    assert events("delegation_created") == ["delegation_created"]


def test_navigation_lists_the_org_pages(client, clerk):
    client.force_login(clerk)
    html = client.get(reverse("org:unit_list")).content.decode()
    assert "组织机构" in html
    for url_name in (
        "org:unit_list",
        "org:person_list",
        "org:portfolio_list",
        "org:delegation_list",
    ):
        assert f'href="{reverse(url_name)}"' in html
