"""Every org page and API endpoint, for every kind of user: anonymous (login), the three
administrators (403), a business user without permission (403 on managing), an
organisation manager (permitted), a department liaison who keeps only their own unit's
people (an object outside is a 404), a leader (delegates their own work)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.utils import timezone

from zhongshu.org import services
from zhongshu.org.models import (
    Delegation,
    Person,
    Portfolio,
    Position,
    Post,
    Section,
    SeriesCode,
    Unit,
)

from .conftest import person_in

pytestmark = pytest.mark.django_db
ACTORS = ["anonymous", "auditor", "clerk", "manager", "liaison", "leader"]


@dataclass
class World:
    unit: Unit
    empty_unit: Unit
    section: Section
    series: SeriesCode
    post: Post
    own: Person  # in the liaison's unit
    other: Person  # outside it
    gone: Person  # archived
    own_position: Position
    other_position: Position
    portfolio: Portfolio
    delegation: Delegation  # the leader's, to the clerk


@pytest.fixture
def world(district, clerk, leader) -> World:
    own = person_in(district.finance_branch, "国库甲")
    other = person_in(district.education, "教育乙")
    gone = person_in(district.education, "离职丙")
    services.archive_person(actor=None, person=gone)
    empty = services.create_unit(
        actor=None, name="示范区空单位", short_name="空单位", kind="department", parent=district.gov
    )
    portfolio = services.create_portfolio(
        actor=None, leader=leader.person, fields=["教育"], units=[district.education]
    )
    now = timezone.now()
    delegation = services.create_delegation(
        actor=None,
        delegator=leader.person,
        delegate=clerk.person,
        starts_at=now,
        ends_at=now + dt.timedelta(days=2),
    )
    return World(
        unit=district.finance,
        empty_unit=empty,
        section=district.finance_office,
        series=services.create_series_code(actor=None, unit=district.gov, code="示政发"),
        post=Post.objects.get(code="staff"),
        own=own,
        other=other,
        gone=Person.objects.get(pk=gone.pk),
        own_position=own.positions.get(),
        other_position=other.positions.get(),
        portfolio=portfolio,
        delegation=delegation,
    )


@pytest.fixture
def users(clerk, manager, liaison, leader, auditor):
    return {
        "clerk": clerk,
        "manager": manager,
        "liaison": liaison,
        "leader": leader,
        "auditor": auditor,
    }


def expect(clerk, manager, liaison, leader=None):
    return {
        "clerk": clerk,
        "manager": manager,
        "liaison": liaison,
        "leader": clerk if leader is None else leader,
    }


READ = expect(200, 200, 200)
MANAGE = expect(403, 200, 403)
ACT = expect(403, 302, 403)  # a POST button: permitted → redirect back

# name, method, url(world), expected statuses
PAGES = [
    ("unit_list", "get", lambda w: reverse("org:unit_list"), READ),
    ("unit_detail", "get", lambda w: reverse("org:unit_detail", args=[w.unit.uuid]), READ),
    ("unit_create", "get", lambda w: reverse("org:unit_create"), MANAGE),
    ("unit_edit", "get", lambda w: reverse("org:unit_edit", args=[w.unit.uuid]), MANAGE),
    ("unit_archive", "post", lambda w: reverse("org:unit_archive", args=[w.empty_unit.uuid]), ACT),
    ("unit_export", "get", lambda w: reverse("org:unit_export"), MANAGE),
    ("unit_template", "get", lambda w: reverse("org:unit_template"), MANAGE),
    ("unit_import", "get", lambda w: reverse("org:unit_import"), MANAGE),
    ("section_create", "get", lambda w: reverse("org:section_create", args=[w.unit.uuid]), MANAGE),
    ("section_edit", "get", lambda w: reverse("org:section_edit", args=[w.section.uuid]), MANAGE),
    (
        "section_options",
        "get",
        lambda w: reverse("org:section_options") + f"?unit={w.unit.uuid}",
        READ,
    ),
    ("seriescode_list", "get", lambda w: reverse("org:seriescode_list"), READ),
    ("seriescode_create", "get", lambda w: reverse("org:seriescode_create"), MANAGE),
    (
        "seriescode_edit",
        "get",
        lambda w: reverse("org:seriescode_edit", args=[w.series.uuid]),
        MANAGE,
    ),
    (
        "seriescode_archive",
        "post",
        lambda w: reverse("org:seriescode_archive", args=[w.series.uuid]),
        ACT,
    ),
    ("post_list", "get", lambda w: reverse("org:post_list"), READ),
    ("post_create", "get", lambda w: reverse("org:post_create"), MANAGE),
    ("post_edit", "get", lambda w: reverse("org:post_edit", args=[w.post.uuid]), MANAGE),
    ("person_list", "get", lambda w: reverse("org:person_list"), READ),
    ("person_picker", "get", lambda w: reverse("org:person_picker") + "?q=国库", READ),
    ("person_detail", "get", lambda w: reverse("org:person_detail", args=[w.other.uuid]), READ),
    (
        "person_detail archived",
        "get",
        lambda w: reverse("org:person_detail", args=[w.gone.uuid]),
        expect(404, 200, 404),
    ),
    ("person_create", "get", lambda w: reverse("org:person_create"), expect(403, 200, 200)),
    (
        "person_edit own",
        "get",
        lambda w: reverse("org:person_edit", args=[w.own.uuid]),
        expect(403, 200, 200),
    ),
    (
        "person_edit other",
        "get",
        lambda w: reverse("org:person_edit", args=[w.other.uuid]),
        expect(403, 200, 404),
    ),
    (
        "person_archive own",
        "post",
        lambda w: reverse("org:person_archive", args=[w.own.uuid]),
        expect(403, 302, 302),
    ),
    (
        "person_archive other",
        "post",
        lambda w: reverse("org:person_archive", args=[w.other.uuid]),
        expect(403, 302, 404),
    ),
    (
        "person_restore",
        "post",
        lambda w: reverse("org:person_restore", args=[w.gone.uuid]),
        expect(404, 302, 404),
    ),
    ("person_export", "get", lambda w: reverse("org:person_export"), MANAGE),
    ("person_template", "get", lambda w: reverse("org:person_template"), MANAGE),
    ("person_import", "get", lambda w: reverse("org:person_import"), MANAGE),
    (
        "position_create own",
        "get",
        lambda w: reverse("org:position_create", args=[w.own.uuid]),
        expect(403, 200, 200),
    ),
    (
        "position_create other",
        "get",
        lambda w: reverse("org:position_create", args=[w.other.uuid]),
        expect(403, 200, 404),
    ),
    (
        "position_end own",
        "post",
        lambda w: reverse("org:position_end", args=[w.own_position.uuid]),
        expect(403, 302, 302),
    ),
    (
        "position_end other",
        "post",
        lambda w: reverse("org:position_end", args=[w.other_position.uuid]),
        expect(403, 302, 404),
    ),
    ("portfolio_list", "get", lambda w: reverse("org:portfolio_list"), READ),
    ("portfolio_create", "get", lambda w: reverse("org:portfolio_create"), MANAGE),
    (
        "portfolio_edit",
        "get",
        lambda w: reverse("org:portfolio_edit", args=[w.portfolio.uuid]),
        MANAGE,
    ),
    ("portfolio_end", "post", lambda w: reverse("org:portfolio_end", args=[w.portfolio.uuid]), ACT),
    ("delegation_list", "get", lambda w: reverse("org:delegation_list"), READ),
    (
        "delegation_create",
        "get",
        lambda w: reverse("org:delegation_create"),
        expect(403, 200, 403, leader=200),
    ),
    # the clerk is the delegate: sees it, may not revoke; the liaison does not see it
    (
        "delegation_revoke",
        "post",
        lambda w: reverse("org:delegation_revoke", args=[w.delegation.uuid]),
        expect(403, 302, 404, leader=302),
    ),
]


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize(("name", "method", "url", "expected"), PAGES, ids=[p[0] for p in PAGES])
def test_page_permission_matrix(client, world, users, actor, name, method, url, expected):
    if actor != "anonymous":
        client.force_login(users[actor])
    response = getattr(client, method)(url(world))
    if actor == "anonymous":
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
    elif actor == "auditor":
        assert response.status_code == 403
    else:
        assert response.status_code == expected[actor], response.content[:500]


def patch(client, url, data, etag):
    return client.patch(
        url, json.dumps(data), content_type="application/json", headers={"If-Match": etag}
    )


def post(client, url, data=None):
    return client.post(url, json.dumps(data or {}), content_type="application/json")


API_READ = expect(200, 200, 200)
API = [
    ("units list", lambda c, w: c.get("/api/v1/units/"), API_READ),
    ("unit detail", lambda c, w: c.get(f"/api/v1/units/{w.unit.uuid}/"), API_READ),
    ("sections list", lambda c, w: c.get("/api/v1/sections/"), API_READ),
    ("series codes list", lambda c, w: c.get("/api/v1/series-codes/"), API_READ),
    ("posts list", lambda c, w: c.get("/api/v1/posts/"), API_READ),
    ("people list", lambda c, w: c.get("/api/v1/people/"), API_READ),
    ("person detail", lambda c, w: c.get(f"/api/v1/people/{w.other.uuid}/"), API_READ),
    (
        "archived person detail",
        lambda c, w: c.get(f"/api/v1/people/{w.gone.uuid}/"),
        expect(404, 200, 404),
    ),
    ("positions list", lambda c, w: c.get("/api/v1/positions/"), API_READ),
    ("portfolios list", lambda c, w: c.get("/api/v1/portfolios/"), API_READ),
    ("delegations list", lambda c, w: c.get("/api/v1/delegations/"), API_READ),
    (
        "delegation detail",
        lambda c, w: c.get(f"/api/v1/delegations/{w.delegation.uuid}/"),
        expect(200, 200, 404, leader=200),
    ),
    (
        "unit create",
        lambda c, w: post(
            c,
            "/api/v1/units/",
            {"name": "示范区新单位", "short_name": "新单位", "kind": "department"},
        ),
        expect(403, 201, 403),
    ),
    (
        "unit patch",
        lambda c, w: patch(c, f"/api/v1/units/{w.unit.uuid}/", {"phone": "1"}, w.unit.etag),
        expect(403, 200, 403),
    ),
    (
        "unit archive",
        lambda c, w: post(c, f"/api/v1/units/{w.empty_unit.uuid}/archive/"),
        expect(403, 200, 403),
    ),
    (
        "section patch",
        lambda c, w: patch(
            c, f"/api/v1/sections/{w.section.uuid}/", {"phone": "1"}, w.section.etag
        ),
        expect(403, 200, 403),
    ),
    (
        "post create",
        lambda c, w: post(c, "/api/v1/posts/", {"code": "adviser", "name": "顾问"}),
        expect(403, 201, 403),
    ),
    (
        "person patch own",
        lambda c, w: patch(c, f"/api/v1/people/{w.own.uuid}/", {"mobile": "1"}, w.own.etag),
        expect(403, 200, 200),
    ),
    (
        "person patch other",
        lambda c, w: patch(c, f"/api/v1/people/{w.other.uuid}/", {"mobile": "1"}, w.other.etag),
        expect(403, 200, 404),
    ),
    (
        "person archive other",
        lambda c, w: post(c, f"/api/v1/people/{w.other.uuid}/archive/"),
        expect(403, 200, 404),
    ),
    (
        "person restore",
        lambda c, w: post(c, f"/api/v1/people/{w.gone.uuid}/restore/"),
        expect(404, 200, 404),
    ),
    (
        "position assign other",
        lambda c, w: post(
            c, "/api/v1/positions/", {"person": str(w.other.uuid), "post": "section_chief"}
        ),
        expect(403, 201, 404),
    ),
    (
        "position end own",
        lambda c, w: post(c, f"/api/v1/positions/{w.own_position.uuid}/end/"),
        expect(403, 200, 200),
    ),
    (
        "portfolio patch",
        lambda c, w: patch(
            c,
            f"/api/v1/portfolios/{w.portfolio.uuid}/",
            {"fields": ["教育", "体育"]},
            w.portfolio.etag,
        ),
        expect(403, 200, 403),
    ),
    (
        "delegation revoke",
        lambda c, w: post(c, f"/api/v1/delegations/{w.delegation.uuid}/revoke/"),
        expect(403, 200, 404, leader=200),
    ),
]


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize(("name", "call", "expected"), API, ids=[a[0] for a in API])
def test_api_permission_matrix(client, world, users, actor, name, call, expected):
    if actor != "anonymous":
        client.force_login(users[actor])
    response = call(client, world)
    if actor == "anonymous":
        assert response.status_code in (401, 403)
    elif actor == "auditor":
        assert response.status_code == 403
    else:
        assert response.status_code == expected[actor], response.content[:500]


def test_leader_delegates_only_their_own_work(client, world, users, district):
    leader, clerk = users["leader"], users["clerk"]
    client.force_login(leader)
    start = timezone.now() + dt.timedelta(days=3)
    body = {
        "delegate": str(clerk.person.uuid),
        "starts_at": start.isoformat(),
        "ends_at": (start + dt.timedelta(days=1)).isoformat(),
    }
    own = post(client, "/api/v1/delegations/", {**body, "delegator": str(leader.person.uuid)})
    assert own.status_code == 201, own.content
    someone_else = post(
        client, "/api/v1/delegations/", {**body, "delegator": str(world.other.uuid)}
    )
    assert someone_else.status_code == 403
