"""``/api/v1/calendar/``: days, years and deadlines, for business users only."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from zhongshu.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

USERS = {
    "clerk": {"roles": ["secretariat_clerk"]},
    "office_admin": {"roles": ["office_admin"]},
    "system_admin": {"system_admin": True},
    "security_admin": {"security_admin": True},
    "auditor": {"auditor": True},
}
ENDPOINTS = [
    "/api/v1/calendar/days/?from=2026-10-01&to=2026-10-10",
    "/api/v1/calendar/years/",
    "/api/v1/calendar/deadline/?start=2026-09-30T10:00&amount=1",
]


@pytest.fixture
def api():
    return APIClient()


def as_user(api, who):
    api.force_authenticate(UserFactory(**USERS[who]))
    return api


@pytest.mark.parametrize("url", ENDPOINTS)
def test_calendar_api_permission_matrix(api, url):
    assert api.get(url).status_code in (401, 403)
    for who, expected in [("clerk", 200), ("office_admin", 200)] + [
        (admin, 403) for admin in ("system_admin", "security_admin", "auditor")
    ]:
        assert as_user(APIClient(), who).get(url).status_code == expected, who


def test_calendar_api_days_of_national_day_2026(api):
    data = as_user(api, "clerk").get(ENDPOINTS[0]).json()
    assert len(data) == 10
    assert data[0] == {
        "date": "2026-10-01",
        "kind": "holiday",
        "holiday_name": "国庆节",
        "is_working_day": False,
        "provisional": False,
    }
    assert data[9]["kind"] == "adjusted_workday" and data[9]["is_working_day"] is True


def test_calendar_api_days_validation(api):
    as_user(api, "clerk")
    too_long = api.get("/api/v1/calendar/days/?from=2026-01-01&to=2027-12-31")
    assert too_long.status_code == 400 and too_long.json()["errors"][0]["field"] == "to"
    assert api.get("/api/v1/calendar/days/?from=2026-01-01").status_code == 400


def test_calendar_api_years(api, django_assert_max_num_queries):
    as_user(api, "clerk")
    with django_assert_max_num_queries(6):
        data = api.get("/api/v1/calendar/years/").json()
    assert data["count"] == 23
    assert data["results"][-1]["year"] == 2026
    assert data["results"][-1]["notice"] == "国办发明电〔2025〕7号"


def test_cal_2_api_deadline_working_days(api):
    data = as_user(api, "clerk").get(ENDPOINTS[2]).json()
    assert data["due"] == "2026-10-08T17:30:00+08:00"
    assert (data["method"], data["amount"], data["provisional"]) == ("working_days", 1, False)
    assert data["params"] == {"days": 1, "office_end": "17:30"}
    assert data["basis"] == "1个工作日"


def test_cal_1_api_deadline_into_2027_is_provisional(api):
    data = (
        as_user(api, "clerk")
        .get(
            "/api/v1/calendar/deadline/?start=2026-12-28T10:00%2B08:00&method=working_days&amount=5"
        )
        .json()
    )
    assert (data["due"], data["provisional"]) == ("2027-01-05T17:30:00+08:00", True)


@pytest.mark.parametrize(
    ("query", "due"),
    [
        ("method=hours&amount=1.5", "2026-09-30T11:30:00+08:00"),
        ("method=calendar_days&amount=3", "2026-10-03T17:30:00+08:00"),
        ("method=anchored&amount=3&at=12:00", "2026-10-03T12:00:00+08:00"),
    ],
)
def test_cal_3_cal_4_api_deadline_methods(api, query, due):
    data = as_user(api, "clerk").get(f"/api/v1/calendar/deadline/?start=2026-09-30T10:00&{query}")
    assert data.status_code == 200 and data.json()["due"] == due


def test_api_deadline_for_a_rule_reads_the_catalogue(api, catalogue):
    catalogue[("DOC-IN-10", "days")] = 7
    data = (
        as_user(api, "clerk")
        .get("/api/v1/calendar/deadline/?start=2026-03-04T10:00&rule=DOC-IN-10")
        .json()
    )
    assert (data["due"], data["rule"]) == ("2026-03-13T17:30:00+08:00", "DOC-IN-10")
    assert data["params"] == {"days": 7, "office_end": "17:30"}
    assert data["basis"] == "7个工作日（DOC-IN-10）"
    unknown = api.get("/api/v1/calendar/deadline/?start=2026-03-04T10:00&rule=NOPE-1")
    assert unknown.status_code == 400 and unknown.json()["errors"][0]["field"] == "rule"


@pytest.mark.parametrize(
    "query",
    [
        "amount=1",
        "start=2026-03-04T10:00",
        "start=2026-03-04T10:00&amount=0",
        "start=2026-03-04T10:00&amount=1.5",
        "start=2026-03-04T10:00&method=anchored&amount=3",
    ],
)
def test_api_deadline_validation(api, query):
    response = as_user(api, "clerk").get(f"/api/v1/calendar/deadline/?{query}")
    assert response.status_code == 400 and response.json()["errors"][0]["rule"] == "VALIDATION"


def test_cal_1_api_deadline_outside_the_calendar_names_the_rule(api):
    response = as_user(api, "clerk").get(
        "/api/v1/calendar/deadline/?start=2099-12-30T10:00&amount=5"
    )
    assert response.status_code == 422 and response.json()["errors"][0]["rule"] == "CAL-1"
