"""Lists read a constant number of queries, however many rows they show (no N+1)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from zhongshu.org import services
from zhongshu.org.models import Post

from .conftest import make_unit, person_in

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


def grow(district, n: int, tag: str) -> None:
    """n more units, each with a section, two people with posts, a series code, a
    delegation between them, and a portfolio naming the unit."""
    chief = Post.objects.get(code="section_chief")
    now = timezone.now()
    for i in range(n):
        unit = make_unit(f"增长单位{tag}{i}", f"增{tag}{i}", parent=district.gov)
        section = services.create_section(actor=None, unit=unit, name="综合科")
        first = person_in(unit, f"甲{i}", section=section)
        services.assign_position(actor=None, person=first, post=chief, section=section)
        second = person_in(unit, f"乙{i}")
        services.create_series_code(actor=None, unit=unit, code=f"示增{tag}{i}发")
        services.create_delegation(
            actor=None, delegator=first, delegate=second, starts_at=now, ends_at=now + DAY
        )
        leader = person_in(district.gov, f"领导{tag}{i}", "deputy_head")
        services.create_portfolio(actor=None, leader=leader, fields=["增长"], units=[unit])


def count(client, url, **params) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(ctx.captured_queries)


PAGES = [
    reverse("org:unit_list"),
    reverse("org:person_list"),
    reverse("org:portfolio_list"),
    reverse("org:delegation_list"),
    reverse("org:seriescode_list"),
    "/api/v1/units/",
    "/api/v1/people/",
    "/api/v1/sections/",
    "/api/v1/positions/",
    "/api/v1/portfolios/",
    "/api/v1/delegations/",
]


@pytest.mark.parametrize("url", PAGES)
def test_list_queries_do_not_grow_with_rows(client, manager, district, url):
    client.force_login(manager)
    grow(district, 2, "a")
    client.get(url)  # the first request of a session also writes the session
    few = count(client, url)
    grow(district, 12, "b")
    client.get(url)  # the unit filter's options are rebuilt once after units change
    assert count(client, url) == few


def test_people_list_query_budget(client, clerk, district, django_assert_max_num_queries):
    grow(district, 10, "a")
    client.force_login(clerk)
    client.get(reverse("org:person_list"))  # session and permission caches warm
    # session, user, permissions (2), role check, nav/pending counters, count, page,
    # posts prefetch, unit and post choices, the sections of a chosen unit
    with django_assert_max_num_queries(16):
        client.get(reverse("org:person_list"), {"unit": str(district.gov.uuid)})


def test_unit_list_query_budget(client, clerk, district, django_assert_max_num_queries):
    grow(district, 10, "a")
    client.force_login(clerk)
    with django_assert_max_num_queries(14):
        client.get(reverse("org:unit_list"))
