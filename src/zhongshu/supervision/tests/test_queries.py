"""No N+1: every list page and API list runs the same number of queries for 22 ledger lines
(just over a page) as for 52 (with cooperating units, orders, chases and cases on them), for the office, a
deputy head (portfolio scope) and a unit (its own list, cooperating via EXISTS)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from zhongshu.supervision import services, tally
from zhongshu.supervision.choices import CaseKind, Period, Source
from zhongshu.tracking import services as tracking
from zhongshu.tracking.sweep import sweep

from .conftest import at

pytestmark = pytest.mark.django_db

PAGES = [
    ("supervision:item_list", {}),
    ("supervision:item_list", {"sort": "due", "colour": "red"}),
    ("supervision:item_list", {"mine": "1"}),
    ("supervision:summary", {"by": "leader"}),
    ("supervision:summary", {"by": "unit"}),
    ("supervision:red_wall", {}),
    ("supervision:case_list", {}),
    ("supervision:bulletin_list", {}),
]
APIS = [
    ("/api/v1/supervision/items/", {}),
    ("/api/v1/supervision/items/", {"colour": "red", "source": "key_work"}),
    ("/api/v1/supervision/cases/", {}),
    ("/api/v1/supervision/bulletins/", {}),
]


def grow(org, n: int, offset: int = 0) -> None:
    units = [org.edu, org.fin, org.water]
    case = services.register_case(actor=org.officer, kind=CaseKind.SPECIAL, title=f"专项{offset}")
    for k in range(offset, offset + n):
        s = services.add_supervised_item(
            actor=org.officer,
            source=[Source.KEY_WORK, Source.MEETING_DECISION][k % 2],
            subject=f"事项{k}",
            lead_unit=units[k % 3],
            cooperating_units=[units[(k + 1) % 3]],
            due_date=dt.date(2026, 3, 4) + dt.timedelta(days=k % 40),
            leader=[org.deputy.person, org.other_deputy.person][k % 2],
            case=case,
        )
        if k % 4 == 0:
            services.issue_order(actor=org.officer, supervised=s, reason="进度滞后")
            tracking.chase_item(actor=org.officer, item=s.item, message="请加快")
    services.generate_bulletin(actor=org.officer, period=Period.MONTHLY, year=2026, number=2)


def count(call) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = call()
    assert response.status_code == 200, response.status_code
    return len(ctx.captured_queries)


def counts(org, client, user) -> dict:
    api = APIClient()
    api.force_authenticate(user)
    client.force_login(user)
    # warm up: the first request after a login refreshes the session (not the ledger's cost)
    client.get(reverse("supervision:item_list"))
    api.get(APIS[0][0])
    found = {}
    tally.refresh()  # the minute's sweep has counted the ledger for the summaries
    for name, params in PAGES:
        key = (name, tuple(params.items()))
        found[key] = count(lambda: client.get(reverse(name), params))  # noqa: B023
    for url, params in APIS:
        found[(url, tuple(params.items()))] = count(lambda: api.get(url, params))  # noqa: B023
    return found


@pytest.mark.parametrize("who", ["officer", "deputy", "edu_staff"])
def test_sup_lists_do_not_grow_with_the_ledger(org, clock, client, who):
    clock.set(at(2026, 3, 2, 9, 0))
    grow(org, 22)
    sweep(at(2026, 3, 10, 0, 0))
    clock.set(at(2026, 3, 10, 9, 0))
    user = getattr(org, who)
    small = counts(org, client, user)
    clock.set(at(2026, 3, 2, 9, 0))
    grow(org, 30, offset=22)
    sweep(at(2026, 3, 10, 0, 0))
    clock.set(at(2026, 3, 10, 9, 0))
    large = counts(org, client, user)
    assert large == small
    assert max(large.values()) <= 16  # session, user, perms, nav, counts, one page of rows


def test_sup_item_and_case_pages_are_bounded(org, clock, client, django_assert_max_num_queries):
    clock.set(at(2026, 3, 2, 9, 0))
    grow(org, 12)
    from zhongshu.supervision.models import Case, SupervisedItem

    s = SupervisedItem.objects.filter(orders__isnull=False).first()
    case = Case.objects.get()
    client.force_login(org.officer)
    with django_assert_max_num_queries(30):
        assert client.get(reverse("supervision:item_detail", args=[s.uuid])).status_code == 200
    with django_assert_max_num_queries(24):
        assert client.get(reverse("supervision:case_detail", args=[case.uuid])).status_code == 200


def test_sup_excel_export_queries_do_not_grow(org, clock, client):
    from openpyxl import load_workbook

    clock.set(at(2026, 3, 2, 9, 0))
    client.force_login(org.officer)
    url = reverse("supervision:item_list")
    grow(org, 5)
    client.get(url)
    small = count(lambda: client.get(url, {"format": "xlsx"}))
    grow(org, 20, offset=5)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, {"format": "xlsx"})
    assert len(ctx.captured_queries) == small
    import io

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 26 and rows[1][4]  # the cooperating units are written
