"""Each source's flow past its first steps: the city's on-site visit with its arrangements and
problem list (SUP-2), the key-work ledger's quarterly full inspection and report (SUP-4), the
special supervision's follow-up round (SUP-6), progress reports on each item's cadence."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from zhongshu.framework.errors import RuleViolation
from zhongshu.supervision import services
from zhongshu.supervision.choices import CaseKind, CaseState, Source, StepKind
from zhongshu.supervision.models import SupervisedItem
from zhongshu.tracking import services as tracking
from zhongshu.tracking.choices import ItemState

from .conftest import at

pytestmark = pytest.mark.django_db


def fresh(obj):
    obj.refresh_from_db()
    return obj


def steps(case, kind):
    return list(case.steps.filter(kind=kind).select_related("item").order_by("item__created_at"))


def test_sup_2_onsite_visit_arrangements_and_problem_list_tracked_until_fixed(org, clock, client):
    clock.set(at(2026, 6, 16, 9, 0))  # Tuesday
    case = services.register_case(
        actor=org.officer, kind=CaseKind.CITY_ONSITE, title="市政府督查室营商环境实地督查"
    )
    (proposal,) = steps(case, StepKind.PROPOSAL)
    assert proposal.item.due_at == at(2026, 6, 18, 17, 30)  # 2 working days (SUP-2)
    with pytest.raises(RuleViolation) as exc:
        services.record_arrangements(
            actor=org.officer, case=case, arrangements={"spots": "政务中心"}
        )
    assert {v.field for v in exc.value.violations} == {"preparation", "reception"}
    assert {v.rule for v in exc.value.violations} == {"SUP-2"}
    services.record_arrangements(
        actor=org.officer,
        case=case,
        arrangements={
            "spots": "区政务服务中心、经开区企业服务站",
            "preparation": "6月17日下午召开迎检准备会",
            "reception": "区政府办牵头，财政局配合",
        },
    )
    services.approve_case(actor=org.officer, case=case, plan="由区财政局、区教育局自查")
    services.issue_case_notice(actor=org.officer, case=case, notice={"content": "请自查"})
    services.collect_case_reports(actor=org.officer, case=case, findings="自查报告2份")
    # the problem list the city left, entered on the case page
    client.force_login(org.officer)
    response = client.post(
        reverse("supervision:case_action", args=[case.uuid, "problems"]),
        {
            "lines": "窗口排队时间长｜区财政局｜2026-07-15｜增设窗口；推行预约\n校园周边停车难|区教育局|7月底"
        },
    )
    assert response.status_code == 302
    problems = list(case.items.select_related("item").order_by("number"))
    assert [p.source for p in problems] == [Source.CITY_TASK] * 2
    assert problems[0].item.basis["rule"] == "SUP-2"
    assert problems[0].item.tasks == ["增设窗口", "推行预约"]
    assert problems[1].item.due_at == at(2026, 7, 31, 17, 30)
    page = client.get(reverse("supervision:case_detail", args=[case.uuid])).content.decode()
    assert "区政务服务中心" in page and "窗口排队时间长" in page
    # tracked until fixed: the unit asks to close, the office approves
    item = problems[0].item
    tracking.request_closeout(
        actor=org.fin_staff, item=item, outcome="新增窗口3个", results=["新增窗口3个"]
    )
    services.approve_item_closeout(actor=org.officer, supervised=problems[0], opinion="已整改")
    assert fresh(item).state == ItemState.CLOSED
    assert case.items.filter(item__state=ItemState.OPEN).count() == 1
    bad = client.post(
        reverse("supervision:case_action", args=[case.uuid, "problems"]),
        {"lines": "缺时限｜区财政局"},
    )
    assert bad.status_code == 422 and "第1行格式不正确" in bad.content.decode()


def test_sup_4_quarterly_full_inspection_and_a_report_after_each(org, clock):
    clock.set(at(2026, 3, 2, 9, 0))
    case = services.register_case(
        actor=org.officer, kind=CaseKind.KEY_WORK, title="2026年区政府重点工作台账"
    )
    services.add_case_items(
        actor=org.officer,
        case=case,
        lines=[{"subject": "新建学校5所", "lead_unit": org.edu, "due_date": dt.date(2026, 12, 31)}],
    )
    services.approve_case(actor=org.officer, case=case)
    services.issue_case_notice(actor=org.officer, case=case, notice={"content": "印发台账"})
    (q1,) = steps(case, StepKind.INSPECTION)
    assert q1.item.due_at == at(2026, 3, 31, 17, 30) and q1.item.basis["rule"] == "SUP-4"
    clock.set(at(2026, 3, 25, 9, 0))
    services.collect_case_reports(actor=org.officer, case=case, findings="一季度全面督查：完成20%")
    services.submit_case_report(actor=org.officer, case=case, report="一季度进展、问题、原因")
    q1_done, q2 = steps(case, StepKind.INSPECTION)
    assert q1_done.item.state == ItemState.CLOSED
    assert q2.item.due_at == at(2026, 6, 30, 17, 30)  # the next quarter's
    # the second quarter's round: a reported key-work ledger is inspected again
    clock.set(at(2026, 6, 26, 9, 0))
    services.collect_case_reports(actor=org.officer, case=case, findings="二季度全面督查：完成55%")
    services.submit_case_report(actor=org.officer, case=case, report="二季度进展、问题、原因")
    case = fresh(case)
    assert [r["round"] for r in case.rounds] == [1, 2]
    assert case.rounds[0]["report"] == "一季度进展、问题、原因"
    assert steps(case, StepKind.INSPECTION)[-1].item.due_at == at(2026, 9, 30, 17, 30)


def test_sup_4_no_inspection_step_after_the_ledger_s_year(org, clock):
    clock.set(at(2026, 12, 21, 9, 0))
    case = services.register_case(actor=org.officer, kind=CaseKind.KEY_WORK, title="2026年台账")
    services.approve_case(actor=org.officer, case=case)
    services.issue_case_notice(actor=org.officer, case=case, notice={"content": "印发"})
    services.collect_case_reports(actor=org.officer, case=case, findings="四季度督查")
    services.submit_case_report(actor=org.officer, case=case, report="全年情况")
    # the Q4 step closed; the year-end assessment, not a 2027 inspection, follows
    assert [s.item.state for s in steps(case, StepKind.INSPECTION)] == [ItemState.CLOSED]


def test_sup_6_follow_up_round_after_the_report(org, clock):
    clock.set(at(2026, 3, 9, 10, 0))
    case = services.register_case(
        actor=org.officer, kind=CaseKind.SPECIAL, title="河道保洁", plan="暗访"
    )
    services.approve_case(actor=org.officer, case=case)
    notice = dict.fromkeys(("basis", "time", "targets", "content", "form", "feedback"), "x")
    services.issue_case_notice(actor=org.officer, case=case, notice=notice)
    services.collect_case_reports(actor=org.officer, case=case, findings="3处垃圾堆积")
    services.submit_case_report(actor=org.officer, case=case, report="专项督查报告")
    services.add_case_items(
        actor=org.officer,
        case=case,
        lines=[
            {"subject": "清理垃圾堆积", "lead_unit": org.water, "due_date": dt.date(2026, 3, 20)}
        ],
    )
    # 回头看: a second round of findings and report (SUP-6 follow-up until rectified)
    clock.set(at(2026, 3, 23, 10, 0))
    services.collect_case_reports(actor=org.officer, case=case, findings="回头看：已清理2处")
    (_, report2) = steps(case, StepKind.REPORT)
    assert report2.item.due_at == at(2026, 3, 30, 17, 30)  # 5 working days again
    services.submit_case_report(actor=org.officer, case=case, report="回头看报告")
    assert fresh(case).state == CaseState.REPORTED and len(case.rounds) == 2


def test_sup_8_progress_reports_on_the_item_s_cadence(org, clock):
    clock.set(at(2026, 3, 3, 10, 0))  # Tuesday
    weekly = services.add_supervised_item(
        actor=org.officer,
        source=Source.KEY_WORK,
        subject="每周报送的事项",
        lead_unit=org.edu,
        due_date=dt.date(2026, 6, 30),
        cadence="weekly",
    )
    assert weekly.item.report_cadence == "weekly"
    assert weekly.item.report_due_at == at(2026, 3, 6, 17, 30)  # Friday
    monthly = services.add_supervised_item(
        actor=org.officer,
        source=Source.KEY_WORK,
        subject="每月报送的事项",
        lead_unit=org.edu,
        due_date=dt.date(2026, 6, 30),
    )
    assert monthly.item.report_due_at == at(2026, 3, 31, 17, 30)
    with pytest.raises(RuleViolation) as exc:
        services.add_supervised_item(
            actor=org.officer,
            source=Source.KEY_WORK,
            subject="x",
            lead_unit=org.edu,
            due_date=dt.date(2026, 6, 30),
            cadence="daily",
        )
    assert exc.value.violations[0].field == "cadence"
    # a late report is marked late; the next one falls due a week on
    clock.set(at(2026, 3, 9, 9, 0))
    report = tracking.report_progress(
        actor=org.edu_staff, item=weekly.item, text="开工", percent=10
    )
    assert report.late and fresh(weekly.item).report_due_at == at(2026, 3, 13, 17, 30)
    api = APIClient()
    api.force_authenticate(org.officer)
    made = api.post(
        "/api/v1/supervision/items/instructions/",
        {
            "instructed_by": str(org.head.person.uuid),
            "instruction": "请抓紧办理",
            "subject": "批示事项",
            "lead_unit": str(org.fin.uuid),
            "cadence": "weekly",
        },
        format="json",
    )
    assert made.status_code == 201
    assert SupervisedItem.objects.get(item__subject="批示事项").item.report_cadence == "weekly"


def test_sup_12_return_visit_finds_a_closed_item_not_done_and_follows_it_up(org, clock, client):
    clock.set(at(2026, 3, 9, 10, 0))
    supervised = services.register_instruction(
        actor=org.officer,
        instructed_by=org.head.person,
        instruction="请教育局3月20日前解决并回告。",
        subject="校门口拥堵治理",
        lead_unit=org.edu,
        due_date=dt.date(2026, 3, 20),
    )
    item = supervised.item
    # open item, spot check finds it not done: the lead unit is chased at once
    services.record_check(
        actor=org.officer,
        supervised=supervised,
        method="spot_check",
        finding="现场未见临时停车区",
        confirmed=False,
    )
    chase = item.chases.get()
    assert chase.target_unit == org.edu and "现场未见临时停车区" in chase.message
    tracking.request_closeout(
        actor=org.edu_staff, item=item, outcome="已设停车区", results=["停车泊位40个"]
    )
    services.approve_item_closeout(actor=org.officer, supervised=supervised, opinion="同意销号")
    clock.set(at(2026, 4, 7, 10, 0))
    with pytest.raises(RuleViolation) as exc:  # a closed item not done needs a new date
        services.record_check(
            actor=org.officer,
            supervised=supervised,
            method="return_visit",
            finding="回访：高峰时段仍拥堵",
            confirmed=False,
        )
    assert exc.value.violations[0].rule == "SUP-12"
    client.force_login(org.officer)
    response = client.post(
        reverse("supervision:item_action", args=[supervised.uuid, "check"]),
        {
            "method": "return_visit",
            "finding": "回访：高峰时段仍拥堵",
            "confirmed": "0",
            "due_date": "2026-04-30",
        },
    )
    assert response.status_code == 302
    follow = SupervisedItem.objects.select_related("item").get(
        item__subject__startswith="回访未落实"
    )
    assert follow.item.lead_unit == org.edu and follow.item.due_at == at(2026, 4, 30, 17, 30)
    assert follow.leader == supervised.leader and follow.source == Source.INSTRUCTION
    assert [c.method for c in supervised.checks.all()] == ["return_visit", "spot_check"]
    page = client.get(reverse("supervision:item_detail", args=[supervised.uuid]))
    assert "回访：高峰时段仍拥堵" in page.content.decode()
    # the unit may not record checks
    client.force_login(org.edu_staff)
    refused = client.post(
        reverse("supervision:item_action", args=[supervised.uuid, "check"]),
        {"method": "spot_check", "finding": "x", "confirmed": "1"},
    )
    assert refused.status_code == 403
    api = APIClient()
    api.force_authenticate(org.officer)
    made = api.post(
        f"/api/v1/supervision/items/{follow.uuid}/check/",
        {"method": "look_back", "finding": "回头看：已整改", "confirmed": True},
        format="json",
    )
    assert made.status_code == 200 and follow.checks.get().confirmed


def test_sup_11_key_item_inspected_every_month_until_closed(org, clock, client):
    from zhongshu.tracking.models import TrackedItem

    def inspections(s):
        return list(
            TrackedItem.objects.filter(parent=s.item, kind="supervision.inspection").order_by(
                "due_at"
            )
        )

    clock.set(at(2026, 3, 10, 9, 0))
    s = services.add_supervised_item(
        actor=org.officer,
        source=Source.MEETING_DECISION,
        subject="农贸市场提升改造",
        lead_unit=org.fin,
        due_date=dt.date(2026, 6, 30),
    )
    services.promote_to_key(actor=org.officer, supervised=s, reason="经两次催办仍进展缓慢")
    (march,) = inspections(s)
    assert march.due_at == at(2026, 3, 31, 17, 30) and march.basis["rule"] == "SUP-11"
    clock.set(at(2026, 3, 20, 10, 0))  # inspected early: April's step follows
    services.record_check(
        actor=org.officer, supervised=s, method="onsite", finding="现场查看：已开工", confirmed=True
    )
    march, april = inspections(s)
    assert march.state == ItemState.CLOSED and "现场查看" in march.outcome
    assert april.due_at == at(2026, 4, 30, 17, 30) and april.state == ItemState.OPEN
    client.force_login(org.officer)
    page = client.get(reverse("supervision:item_detail", args=[s.uuid])).content.decode()
    assert "2026年4月督查" in page
    # closed: no more monthly inspections
    clock.set(at(2026, 4, 15, 10, 0))
    tracking.request_closeout(
        actor=org.fin_staff, item=s.item, outcome="改造完成", results=["完成改造"]
    )
    services.approve_item_closeout(actor=org.officer, supervised=s, opinion="同意销号")
    assert [i.state for i in inspections(s)] == [ItemState.CLOSED, ItemState.CLOSED]
