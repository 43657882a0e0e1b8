"""The permission matrix (issue 6 proof): a unit sees its own items (led or cooperating), a
deputy head the items of their portfolio, the head and the supervision office all; only the
office acts on the ledger; the three administrators (三员) see no business data. Out of
scope is 404, in scope without the right 403, anonymous to login (401/403 on the API)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from zhongshu.supervision import services
from zhongshu.supervision.choices import CaseKind, Period, Source

from .conftest import at

pytestmark = pytest.mark.django_db

WHO = [
    "anon",
    "admin",
    "edu_staff",
    "water_staff",
    "fin_staff",
    "deputy",
    "other_deputy",
    "head",
    "officer",
]


@pytest.fixture
def world(org, clock):
    clock.set(at(2026, 3, 2, 9, 0))
    edu = services.add_supervised_item(
        actor=org.officer,
        source=Source.KEY_WORK,
        subject="学校扩建",
        lead_unit=org.edu,
        cooperating_units=[org.water],
        due_date=dt.date(2026, 6, 30),
    )
    case = services.register_case(actor=org.officer, kind=CaseKind.SPECIAL, title="专项督查")
    draft = services.generate_bulletin(
        actor=org.officer, period=Period.MONTHLY, year=2026, number=2
    )
    issued = services.generate_bulletin(
        actor=org.officer, period=Period.MONTHLY, year=2026, number=1
    )
    services.issue_bulletin(
        actor=org.officer, bulletin=issued, document_number="区政办发〔2026〕1号"
    )
    return {"edu": edu, "case": case, "draft": draft, "issued": issued}


def user_of(org, who):
    return None if who == "anon" else getattr(org, who)


# expected status for each of WHO, in order
PAGES = {
    "ledger": ("supervision:item_list", None, [302, 403, 200, 200, 200, 200, 200, 200, 200]),
    "item (edu leads, water cooperates)": (
        "supervision:item_detail",
        "edu",
        [302, 403, 200, 200, 404, 200, 404, 200, 200],
    ),
    "case": ("supervision:case_detail", "case", [302, 403, 404, 404, 404, 404, 404, 200, 200]),
    "draft bulletin": (
        "supervision:bulletin_detail",
        "draft",
        [302, 403, 404, 404, 404, 404, 404, 200, 200],
    ),
    "issued bulletin": (
        "supervision:bulletin_detail",
        "issued",
        [302, 403, 200, 200, 200, 200, 200, 200, 200],
    ),
    "assessment": ("supervision:assessment", None, [302, 403, 403, 403, 403, 403, 403, 200, 200]),
    "cases": ("supervision:case_list", None, [302, 403, 200, 200, 200, 200, 200, 200, 200]),
}


@pytest.mark.parametrize("page", list(PAGES))
def test_sup_page_matrix(org, world, client, page):
    name, key, expected = PAGES[page]
    url = reverse(name, args=[world[key].uuid] if key else [])
    got = []
    for who in WHO:
        client.logout()
        if who != "anon":
            client.force_login(user_of(org, who))
        got.append(client.get(url).status_code)
    assert dict(zip(WHO, got, strict=True)) == dict(zip(WHO, expected, strict=True))


def test_sup_unit_case_list_is_empty_and_office_sees_the_case(org, world, client):
    client.force_login(org.edu_staff)
    assert list(client.get(reverse("supervision:case_list")).context["object_list"]) == []
    client.force_login(org.officer)
    listed = client.get(reverse("supervision:case_list")).context["object_list"]
    assert [c.title for c in listed] == ["专项督查"]


# POSTs: only the office acts; a unit that cannot see the object gets 404
ACTIONS = {
    "issue an order": (
        lambda w: reverse("supervision:item_action", args=[w["edu"].uuid, "order"]),
        {"reason": "进度滞后"},
        [302, 403, 403, 403, 404, 403, 404, 403, 302],
    ),
    "promote to key": (
        lambda w: reverse("supervision:item_action", args=[w["edu"].uuid, "promote"]),
        {"reason": "催办后仍滞后"},
        [302, 403, 403, 403, 404, 403, 404, 403, 302],
    ),
    "approve a case": (
        lambda w: reverse("supervision:case_action", args=[w["case"].uuid, "approve"]),
        {"plan": "方案"},
        [302, 403, 404, 404, 404, 404, 404, 403, 302],
    ),
    "edit a draft bulletin": (
        lambda w: reverse("supervision:bulletin_detail", args=[w["draft"].uuid]),
        {"title": "标题", "body": "正文", "version": "1"},
        [302, 403, 404, 404, 404, 404, 404, 403, 302],
    ),
}


@pytest.mark.parametrize("action", list(ACTIONS))
def test_sup_action_matrix(org, world, client, action):
    make_url, data, expected = ACTIONS[action]
    got = {}
    for who in WHO:
        client.logout()
        if who != "anon":
            client.force_login(user_of(org, who))
        if who == "officer":  # acts last: the others must not have changed anything
            assert world["edu"].orders.count() == 0 and not world["edu"].item.is_key
        got[who] = client.post(make_url(world), data).status_code
    assert got == dict(zip(WHO, expected, strict=True))


API_READS = {
    "items": ("/api/v1/supervision/items/", [403, 403, 200, 200, 200, 200, 200, 200, 200]),
    "item": ("/api/v1/supervision/items/{edu}/", [403, 403, 200, 200, 404, 200, 404, 200, 200]),
    "case": ("/api/v1/supervision/cases/{case}/", [403, 403, 404, 404, 404, 404, 404, 200, 200]),
    "draft bulletin": (
        "/api/v1/supervision/bulletins/{draft}/",
        [403, 403, 404, 404, 404, 404, 404, 200, 200],
    ),
    "issued bulletin": (
        "/api/v1/supervision/bulletins/{issued}/",
        [403, 403, 200, 200, 200, 200, 200, 200, 200],
    ),
}


def api_as(org, who) -> APIClient:
    client = APIClient()
    if who != "anon":
        client.force_authenticate(user_of(org, who))
    return client


@pytest.mark.parametrize("read", list(API_READS))
def test_sup_api_read_matrix(org, world, read):
    template, expected = API_READS[read]
    url = template.format(**{k: v.uuid for k, v in world.items()})
    got = {who: api_as(org, who).get(url).status_code for who in WHO}
    anon = got.pop("anon")
    assert anon in (401, 403)
    assert got == dict(zip(WHO[1:], expected[1:], strict=True))


def test_sup_api_list_scope_matches_the_pages(org, world):
    def subjects(who):
        rows = api_as(org, who).get("/api/v1/supervision/items/").json()["results"]
        return [r["subject"] for r in rows]

    assert subjects("edu_staff") == ["学校扩建"] and subjects("water_staff") == ["学校扩建"]
    assert subjects("fin_staff") == [] and subjects("other_deputy") == []
    assert subjects("deputy") == ["学校扩建"] and subjects("head") == ["学校扩建"]


def test_sup_api_writes_are_the_office_s(org, world):
    edu = world["edu"].uuid
    for who, code in [("edu_staff", 403), ("deputy", 403), ("head", 403), ("fin_staff", 404)]:
        response = api_as(org, who).post(
            f"/api/v1/supervision/items/{edu}/promote/", {"reason": "x"}, format="json"
        )
        assert response.status_code == code, who
    response = api_as(org, "head").post(
        "/api/v1/supervision/bulletins/", {"period": "monthly", "year": 2026, "number": 3}
    )
    assert response.status_code == 403
    response = api_as(org, "officer").post(
        f"/api/v1/supervision/items/{edu}/promote/", {"reason": "催办后仍滞后"}, format="json"
    )
    assert response.status_code == 200
