"""The calendar pages: who may see and who may edit (CAL-1), and the forms end to end."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from zhongshu.accounts.tests.factories import UserFactory
from zhongshu.clock import engine
from zhongshu.clock.choices import DayKind, YearStatus
from zhongshu.clock.models import CalendarYear

from .conftest import d

pytestmark = pytest.mark.django_db

USERS = {
    "anonymous": None,
    "clerk": {"roles": ["secretariat_clerk"]},
    "office_admin": {"roles": ["office_admin"]},
    "system_admin": {"system_admin": True},
    "security_admin": {"security_admin": True},
    "auditor": {"auditor": True},
}
PAGES = {
    "/calendar/": {"clerk": 200, "office_admin": 200},
    "/calendar/2027/": {"clerk": 200, "office_admin": 200},
    "/calendar/2027/enter/": {"clerk": 403, "office_admin": 200},
    "/calendar/day/2026-10-01/": {"clerk": 403, "office_admin": 200},
}


def as_user(client, who):
    if USERS[who] is not None:
        client.force_login(UserFactory(**USERS[who]))
    return client


@pytest.mark.parametrize("who", list(USERS))
@pytest.mark.parametrize("url", list(PAGES))
def test_calendar_pages_permission_matrix(client, who, url):
    response = as_user(client, who).get(url)
    if who == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == PAGES[url].get(who, 403)  # 三员: 403 everywhere


def test_calendar_page_shows_2026_holidays_adjusted_days_and_the_notice(client):
    body = as_user(client, "clerk").get("/calendar/2026/").content.decode()
    assert "国办发明电〔2025〕7号" in body
    assert "2026-02-15 至 2026-02-23" in body and "春节" in body
    assert "2026-02-14" in body and "2026-10-10" in body  # adjusted working days
    assert 'class="cal-day--adjusted_workday' in body and 'class="cal-day--holiday' in body
    assert "暂定日历" not in body


def test_cal_1_provisional_year_is_marked(client):
    body = as_user(client, "clerk").get("/calendar/2027/").content.decode()
    assert "暂定日历" in body and "provisional" in body
    assert "录入正式放假安排" not in body  # a clerk cannot enter it


def test_cal_1_banner_from_1_october_for_office_admins(client, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: d(2026, 10, 1))
    body = as_user(client, "office_admin").get("/calendar/").content.decode()
    assert "2027年放假安排尚未录入" in body and "/calendar/2027/enter/" in body
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: d(2026, 9, 30))
    assert "尚未录入" not in client.get("/calendar/").content.decode()


def test_calendar_page_out_of_range_is_404(client):
    assert as_user(client, "clerk").get("/calendar/2100/").status_code == 404


def test_cal_1_year_form_is_prefilled_with_the_statutory_days(client):
    body = as_user(client, "office_admin").get("/calendar/2027/enter/").content.decode()
    assert 'value="春节"' in body and 'value="2027-02-05"' in body and 'value="2027-02-08"' in body


def _year_post(rows, adjusted="", notice="国办发明电〔2026〕X号"):
    data = {
        "notice": notice,
        "adjusted_workdays": adjusted,
        "holidays-TOTAL_FORMS": str(len(rows)),
        "holidays-INITIAL_FORMS": "0",
        "holidays-MIN_NUM_FORMS": "0",
        "holidays-MAX_NUM_FORMS": "20",
    }
    for i, (name, start, end) in enumerate(rows):
        data.update(
            {f"holidays-{i}-name": name, f"holidays-{i}-start": start, f"holidays-{i}-end": end}
        )
    return data


def test_cal_1_office_admin_enters_2027_through_the_form(
    client, django_capture_on_commit_callbacks
):
    as_user(client, "office_admin")
    rows = [
        ("元旦", "2027-01-01", "2027-01-03"),
        ("春节", "2027-02-05", "2027-02-13"),
        ("", "", ""),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/calendar/2027/enter/", _year_post(rows, "2027-02-20\n2027-02-21"))
    assert response.status_code == 302 and response["Location"] == "/calendar/2027/"
    assert CalendarYear.objects.get(year=2027).status == YearStatus.OFFICIAL
    assert engine.day_info(d(2027, 2, 21)).kind == DayKind.ADJUSTED_WORKDAY
    assert not engine.is_provisional_year(2027)


def test_cal_1_year_form_shows_rule_violations_and_keeps_the_input(client):
    as_user(client, "office_admin")
    rows = [("春节", "2027-02-05", "2027-02-13")]
    response = client.post("/calendar/2027/enter/", _year_post(rows, "2027-02-22"))
    assert response.status_code == 422
    body = response.content.decode()
    assert "不是星期六或星期日。（CAL-1）" in body and "2027-02-22" in body
    incomplete = client.post("/calendar/2027/enter/", _year_post([("春节", "2027-02-05", "")]))
    assert incomplete.status_code == 422 and "请填写完整" in incomplete.content.decode()
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_cal_1_office_admin_edits_one_day(client, django_capture_on_commit_callbacks):
    as_user(client, "office_admin")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/calendar/day/2026-03-09/", {"kind": "holiday", "holiday_name": "防汛"}
        )
    assert response.status_code == 302
    assert engine.day_info(d(2026, 3, 9)).holiday_name == "防汛"
    refused = client.post("/calendar/day/2026-03-09/", {"kind": "adjusted_workday"})
    assert refused.status_code == 422 and "（CAL-1）" in refused.content.decode()
    assert client.get("/calendar/day/2026-13-40/").status_code == 404


def test_calendar_page_query_count(client):
    """The page reads the year row and the alert from the database, the days from the
    in-memory index: two queries of its own, whatever the shell around it does."""
    as_user(client, "office_admin")
    client.get("/calendar/2026/")  # warm the session and the index
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/calendar/2026/").status_code == 200
    assert len([q for q in queries if "clock_" in q["sql"]]) == 2
