"""SUP-10 scores and accountability proposals; SUP-7/SUP-11 bulletins with chart and .docx."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document

from zhongshu.framework.errors import RuleViolation
from zhongshu.supervision import services
from zhongshu.supervision.choices import BulletinState, Period
from zhongshu.tracking import services as tracking
from zhongshu.tracking.sweep import sweep

from .conftest import at
from .factories import make_supervised

pytestmark = pytest.mark.django_db


def close(org, supervised):
    tracking.request_closeout(
        actor=org.edu_staff if supervised.item.lead_unit == org.edu else org.fin_staff,
        item=supervised.item,
        outcome="已完成",
        results=["已完成"],
    )
    services.approve_item_closeout(actor=org.officer, supervised=supervised, opinion="同意销号")


@pytest.fixture
def march(org, clock):
    """March 2026: 教育局 closes two items on time; 财政局 closes one late and leaves one
    overdue; 水务局 lets two rectification orders lapse."""
    clock.set(at(2026, 3, 2, 9, 0))
    a = make_supervised(org, unit=org.edu, days=20, subject="甲")
    b = make_supervised(org, unit=org.edu, days=20, subject="乙")
    c = make_supervised(org, unit=org.fin, days=3, subject="丙")
    make_supervised(org, unit=org.fin, days=5, subject="丁")
    for day in (3, 4):
        clock.set(at(2026, 3, day, 9, 0))
        services.issue_rectification_order(
            actor=org.officer, problem=f"占道{day}", lead_unit=org.water, reinspections=2
        )
    clock.set(at(2026, 3, 10, 10, 0))
    sweep(clock.now)
    services.lapse_rectifications(actor=None)
    close(org, a)
    close(org, b)
    close(org, c)  # due 5 March: late
    return locals()


def test_sup_10_scores_per_unit_from_the_profile(org, march):
    table = {
        r["unit"].short_name: r
        for r in services.unit_scores(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    }
    edu, fin, water = table["区教育局"], table["区财政局"], table["区水务局"]
    assert (edu["on_time"], edu["late"], edu["overdue"], edu["score"]) == (2, 0, 0, 102)
    assert (fin["on_time"], fin["late"], fin["overdue"], fin["score"]) == (0, 1, 1, 95)
    assert (water["not_rectified"], water["overdue"], water["score"]) == (2, 2, 84)
    first = services.unit_scores(dt.date(2026, 3, 1), dt.date(2026, 3, 31))[0]
    assert first["unit"] == org.edu

    table = services.unit_scores(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    assert {r["unit"].short_name for r in table} == {"区教育局", "区财政局", "区水务局"}


def test_sup_10_accountability_for_repeated_non_rectification_with_evidence(org, march):
    proposals = services.propose_accountability(
        actor=org.officer, start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31)
    )
    assert [p.unit for p in proposals] == [org.water]
    proposal = proposals[0]
    assert "久拖不改" in proposal.reason and len(proposal.evidence) == 2
    again = services.propose_accountability(
        actor=org.officer, start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31)
    )
    assert again[0].pk == proposal.pk  # refreshed, not duplicated
    services.decide_accountability(actor=org.officer, proposal=proposal, refer=True, opinion="移送")
    proposal.refresh_from_db()
    assert proposal.state == "referred"
    with pytest.raises(RuleViolation):
        services.decide_accountability(
            actor=org.officer, proposal=proposal, refer=True, opinion="再"
        )


def test_sup_10_severe_lag_proposal(org, clock):
    clock.set(at(2026, 1, 5, 9, 0))
    make_supervised(org, unit=org.fin, days=10, subject="长期拖延")
    clock.set(at(2026, 3, 31, 12, 0))
    sweep(clock.now)
    proposals = services.propose_accountability(
        actor=org.officer, start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31)
    )
    assert [p.unit for p in proposals] == [org.fin] and "严重滞后" in proposals[0].reason


@pytest.fixture
def catalogue_reset():
    from zhongshu.rules import catalogue

    catalogue.reset_cache()
    yield
    catalogue.reset_cache()


def test_sup_11_monthly_bulletin_with_tables_praise_criticism_chart_and_docx(org, march):
    bulletin = services.generate_bulletin(
        actor=org.officer,
        period=Period.MONTHLY,
        year=2026,
        number=3,
        leader_instruction="请各单位对照整改。",
    )
    totals = bulletin.figures["totals"]
    assert (totals["on_time"], totals["late"], totals["not_rectified"]) == (2, 1, 2)
    assert bulletin.praise == "区教育局" and "区水务局" in bulletin.criticism
    assert bulletin.chart.read()[:8] == b"\x89PNG\r\n\x1a\n"
    document = Document(io.BytesIO(bulletin.document.read()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "关于2026年3月督查督办落实情况的通报" in text and "请各单位对照整改。" in text
    assert document.tables[0].rows[1].cells[0].text == "区教育局"
    assert len(document.inline_shapes) == 1


def test_sup_bulletin_edited_then_issued_with_a_number(org, march, client):
    bulletin = services.generate_bulletin(
        actor=org.officer, period=Period.QUARTERLY, year=2026, number=1
    )
    assert bulletin.period_start == dt.date(2026, 1, 1) and bulletin.period_end == dt.date(
        2026, 3, 31
    )
    services.edit_bulletin(
        actor=org.officer,
        bulletin=bulletin,
        title=bulletin.title,
        body="修改后的正文",
        praise="区教育局",
        criticism="区水务局",
        leader_instruction="",
    )
    with pytest.raises(RuleViolation) as exc:
        services.issue_bulletin(
            actor=org.officer, bulletin=bulletin, document_number="区政办 2026 3"
        )
    assert exc.value.violations[0].rule == "DOC-OUT-18"
    services.issue_bulletin(
        actor=org.officer, bulletin=bulletin, document_number="区政办发〔2026〕3号"
    )
    bulletin.refresh_from_db()
    assert (
        bulletin.state == BulletinState.ISSUED and bulletin.document_number == "区政办发〔2026〕3号"
    )
    # Issued bulletins are read by every business user; the chart is shown in the page.
    client.force_login(org.edu_staff)
    page = client.get(reverse("supervision:bulletin_detail", args=[bulletin.uuid]))
    assert page.status_code == 200 and "修改后的正文" in page.content.decode()
    chart = client.get(reverse("supervision:bulletin_file", args=[bulletin.uuid, "chart"]))
    assert chart.status_code == 200


def test_sup_draft_bulletin_is_the_office_s_own(org, march, client):
    bulletin = services.generate_bulletin(
        actor=org.officer, period=Period.MONTHLY, year=2026, number=3
    )
    client.force_login(org.edu_staff)
    assert (
        client.get(reverse("supervision:bulletin_detail", args=[bulletin.uuid])).status_code == 404
    )
    client.force_login(org.officer)
    response = client.post(
        reverse("supervision:bulletin_list"), {"period": "monthly", "year": 2026, "number": 13}
    )
    assert response.status_code == 422


def test_sup_assessment_page(org, march, client):
    client.force_login(org.officer)
    response = client.get(
        reverse("supervision:assessment"), {"period": "monthly", "year": 2026, "number": 3}
    )
    assert response.status_code == 200 and len(response.context["table"]) == 3
    response = client.post(reverse("supervision:assessment") + "?period=monthly&year=2026&number=3")
    assert response.status_code == 302


def test_sup_4_year_end_assessment_and_bulletin(org, march, client):
    year_end = services.generate_bulletin(
        actor=org.officer, period=Period.ANNUAL, year=2026, number=1
    )
    assert (year_end.period_start, year_end.period_end) == (
        dt.date(2026, 1, 1),
        dt.date(2026, 12, 31),
    )
    assert year_end.title == "关于2026年度督查督办落实情况的通报"
    edu = next(r for r in year_end.figures["units"] if r["unit"] == "区教育局")
    assert edu["on_time"] == 2
    client.force_login(org.officer)
    page = client.get(
        reverse("supervision:assessment"), {"period": "annual", "year": 2026, "number": 1}
    )
    assert page.status_code == 200 and page.context["label"] == "2026年度"


def test_sup_11_period_number_out_of_range_is_refused_not_a_crash(org, march, client):
    client.force_login(org.officer)
    page = client.get(
        reverse("supervision:assessment"), {"period": "quarterly", "year": 2026, "number": 7}
    )
    assert page.status_code == 200 and page.context["form"].errors["number"]
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(org.officer)
    response = api.get(
        "/api/v1/supervision/assessment/", {"period": "quarterly", "year": 2026, "number": 7}
    )
    assert response.status_code == 400
    response = api.post(
        "/api/v1/supervision/bulletins/",
        {"period": "annual", "year": 2026, "number": 2},
        format="json",
    )
    assert response.status_code == 400
    with pytest.raises(RuleViolation):
        services.generate_bulletin(actor=org.officer, period=Period.ANNUAL, year=2026, number=2)
