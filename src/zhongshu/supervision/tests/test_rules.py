"""A test per rule, with real 2026 dates on the official calendar."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from zhongshu.framework.errors import RuleViolation
from zhongshu.supervision import services
from zhongshu.supervision.choices import (
    CaseKind,
    CaseState,
    Rectification,
    Satisfaction,
    Source,
    StepKind,
)
from zhongshu.supervision.services.rectification import rectification_deadlines
from zhongshu.tracking import services as tracking
from zhongshu.tracking.choices import ItemState
from zhongshu.tracking.models import TrackedItem
from zhongshu.tracking.sweep import sweep

from .conftest import at
from .factories import make_supervised

pytestmark = pytest.mark.django_db


def fresh(obj):
    obj.refresh_from_db()
    return obj


def rules(exc) -> list[str]:
    return [v.rule for v in exc.value.violations]


def step_due(case, kind):
    return case.steps.get(kind=kind).item.due_at


# --- SUP-7 city management --------------------------------------------------------------
def test_sup_7_order_issued_on_a_tuesday_morning(org, clock):
    clock.set(at(2026, 5, 12, 9, 0))  # Tuesday
    order = services.issue_rectification_order(
        actor=org.officer, problem="人民路占道经营", lead_unit=org.water, reinspections=2
    )
    assert order.rectify_due_at == at(2026, 5, 14, 9, 0)  # 48 hours
    assert order.item.due_at == at(2026, 5, 15, 12, 0)  # 12:00 of the third day
    assert order.item.basis["rule"] == "SUP-7"
    assert order.rectification == Rectification.PENDING


def test_sup_7_order_issued_before_may_day_runs_through_the_holiday(org, clock):
    # 30 April 2026 is the last working day before 1–5 May: CAL-3 hours and the CAL-4
    # anchored day run on, holidays included.
    clock.set(at(2026, 4, 30, 16, 0))
    fix, report = rectification_deadlines(clock.now)
    assert fix.due == at(2026, 5, 2, 16, 0)
    assert report.due == at(2026, 5, 3, 12, 0)
    assert fix.method == "hours" and report.method == "anchored"


def test_sup_7_missing_report_counts_as_not_rectified(org, clock):
    clock.set(at(2026, 5, 12, 9, 0))
    order = services.issue_rectification_order(
        actor=org.officer, problem="建设路垃圾堆放", lead_unit=org.water, reinspections=3
    )
    clock.set(at(2026, 5, 15, 11, 59))
    assert services.lapse_rectifications(actor=None) == 0
    clock.set(at(2026, 5, 15, 12, 1))
    assert services.lapse_rectifications(actor=None) == 1
    assert fresh(order).rectification == Rectification.NOT_RECTIFIED


def test_sup_7_late_report_is_refused_and_not_rectified(org, clock):
    clock.set(at(2026, 5, 12, 9, 0))
    order = services.issue_rectification_order(
        actor=org.officer, problem="建设路垃圾堆放", lead_unit=org.water, reinspections=2
    )
    clock.set(at(2026, 5, 15, 14, 0))
    with pytest.raises(RuleViolation) as exc:
        services.report_rectification(actor=org.water_staff, supervised=order, text="已清理")
    assert rules(exc) == ["SUP-7"]
    services.lapse_rectifications(actor=None)
    assert fresh(order).rectification == Rectification.NOT_RECTIFIED


def test_sup_7_report_in_time_and_verified_is_rectified(org, clock):
    clock.set(at(2026, 5, 12, 9, 0))
    order = services.issue_rectification_order(
        actor=org.officer, problem="建设路垃圾堆放", lead_unit=org.water, reinspections=2
    )
    clock.set(at(2026, 5, 14, 8, 0))
    services.report_rectification(actor=org.water_staff, supervised=order, text="已清理完毕")
    assert fresh(order.item).state == ItemState.CLOSEOUT_REQUESTED
    services.approve_item_closeout(actor=org.officer, supervised=order, opinion="经复核已整改")
    assert fresh(order).rectification == Rectification.RECTIFIED
    assert fresh(order.item).state == ItemState.CLOSED


def test_sup_7_needs_two_reinspections_before_the_office(org, clock):
    with pytest.raises(RuleViolation) as exc:
        services.issue_rectification_order(
            actor=org.officer, problem="占道", lead_unit=org.water, reinspections=1
        )
    assert rules(exc) == ["SUP-7"]


# --- SUP-5 meeting decisions --------------------------------------------------------------
def test_sup_5_transfer_notice_within_2_working_days_over_may_day(org, clock):
    clock.set(at(2026, 4, 29, 10, 0))  # Wednesday before the holiday
    case = services.register_decisions(
        actor=org.officer,
        meeting="区政府第12次常务会议",
        decisions=[
            {"subject": "推进老旧小区改造", "lead_unit": org.fin, "due_date": dt.date(2026, 6, 30)},
            {"subject": "完善学校安保设施", "lead_unit": org.edu, "due_date": dt.date(2026, 7, 31)},
        ],
    )
    assert step_due(case, StepKind.TRANSFER) == at(2026, 5, 6, 17, 30)
    assert case.items.count() == 2
    item = case.items.get(source=Source.MEETING_DECISION, item__lead_unit=org.edu).item
    assert item.due_at == at(2026, 7, 31, 17, 30) and item.basis["rule"] == "SUP-5"
    services.issue_case_notice(actor=org.officer, case=case, notice={"content": "转办通知"})
    step = case.steps.get(kind=StepKind.TRANSFER).item
    assert fresh(step).state == ItemState.CLOSED and fresh(case).state == CaseState.NOTIFIED


def test_sup_5_slow_item_promoted_to_key(org, clock):
    clock.set(at(2026, 3, 2, 9, 0))
    supervised = make_supervised(org, source=Source.MEETING_DECISION)
    services.promote_to_key(actor=org.officer, supervised=supervised, reason="经两次催办仍进展缓慢")
    assert fresh(supervised.item).is_key
    with pytest.raises(RuleViolation):
        services.promote_to_key(actor=org.officer, supervised=supervised, reason=" ")


# --- SUP-2 / SUP-3 city tasks -------------------------------------------------------------
def test_sup_3_written_feedback_deadlines_across_national_day(org, clock):
    clock.set(at(2026, 9, 29, 10, 0))
    case = services.register_case(
        actor=org.officer, kind=CaseKind.CITY_WRITTEN, title="市督查室关于安全生产督查的通知"
    )
    assert step_due(case, StepKind.PROPOSAL) == at(2026, 10, 8, 17, 30)
    clock.set(at(2026, 10, 8, 15, 0))
    services.approve_case(actor=org.officer, case=case, plan="由应急、住建等单位自查")
    assert step_due(case, StepKind.NOTICE) == at(2026, 10, 10, 17, 30)  # Saturday made working
    services.issue_case_notice(actor=org.officer, case=case, notice={"content": "自查"})
    clock.set(at(2026, 10, 12, 10, 0))
    services.collect_case_reports(actor=org.officer, case=case, findings="各单位自查报告12份")
    assert step_due(case, StepKind.REPORT) == at(2026, 10, 19, 17, 30)
    services.submit_case_report(actor=org.officer, case=case, report="全区总体情况报告")
    assert fresh(case).state == CaseState.REPORTED
    assert not TrackedItem.objects.filter(supervision_step__case=case, state="open").exists()


def test_sup_2_onsite_proposal_within_2_working_days(org, clock):
    clock.set(at(2026, 3, 13, 16, 0))  # Friday
    case = services.register_case(actor=org.officer, kind=CaseKind.CITY_ONSITE, title="市实地督查")
    assert step_due(case, StepKind.PROPOSAL) == at(2026, 3, 17, 17, 30)
    assert case.steps.get().item.basis["rule"] == "SUP-2"


# --- SUP-4 key work -----------------------------------------------------------------------
def test_sup_4_ledger_notice_within_3_working_days_of_approval(org, clock):
    clock.set(at(2026, 3, 2, 9, 0))
    case = services.register_case(actor=org.officer, kind=CaseKind.KEY_WORK, title="2026年重点工作")
    services.add_supervised_item(
        actor=org.officer,
        source=Source.KEY_WORK,
        subject="新建扩建学校5所",
        lead_unit=org.edu,
        due_date=dt.date(2026, 12, 31),
        leader=org.deputy.person,
        case=case,
    )
    with pytest.raises(RuleViolation):
        services.issue_case_notice(actor=org.officer, case=case, notice={})
    clock.set(at(2026, 3, 6, 10, 0))
    services.approve_case(actor=org.officer, case=case)
    assert step_due(case, StepKind.LEDGER_NOTICE) == at(2026, 3, 11, 17, 30)


# --- SUP-6 special supervision ------------------------------------------------------------
def test_sup_6_notice_states_six_things_and_report_in_5_working_days(org, clock):
    clock.set(at(2026, 6, 1, 9, 0))
    case = services.register_case(
        actor=org.officer, kind=CaseKind.SPECIAL, title="防汛专项督查", ordered_by=org.head.person
    )
    with pytest.raises(RuleViolation) as exc:
        services.approve_case(actor=org.officer, case=case)
    assert rules(exc) == ["SUP-6"]
    services.approve_case(actor=org.officer, case=case, plan="分三组明察暗访")
    with pytest.raises(RuleViolation) as exc:
        services.issue_case_notice(actor=org.officer, case=case, notice={"basis": "区长批示"})
    assert set(rules(exc)) == {"SUP-6"} and len(exc.value.violations) == 5
    services.issue_case_notice(
        actor=org.officer,
        case=case,
        notice={
            "basis": "区长批示",
            "time": "6月8日至12日",
            "targets": "各街道",
            "content": "防汛物资",
            "form": "明察暗访",
            "feedback": "书面报告",
        },
    )
    clock.set(at(2026, 6, 18, 10, 0))  # Thursday before the Dragon Boat Festival
    services.collect_case_reports(actor=org.officer, case=case, findings="3处隐患")
    assert step_due(case, StepKind.REPORT) == at(2026, 6, 26, 17, 30)


# --- SUP-12 leaders' instructions ---------------------------------------------------------
def test_sup_12_instruction_without_limit_reports_back_in_5_working_days(org, clock):
    clock.set(at(2026, 3, 9, 10, 0))
    item = services.register_instruction(
        actor=org.officer,
        instructed_by=org.head.person,
        instruction="请教育局抓紧研究解决，限期回告。",
        subject="学校周边交通拥堵问题",
        lead_unit=org.edu,
    )
    assert item.item.due_at == at(2026, 3, 16, 17, 30)
    assert item.source == Source.INSTRUCTION and item.leader == org.head.person


def test_sup_12_instruction_with_limit(org, clock):
    clock.set(at(2026, 3, 9, 10, 0))
    item = services.register_instruction(
        actor=org.officer,
        instructed_by=org.head.person,
        instruction="月底前报结果",
        subject="背街小巷整治",
        lead_unit=org.fin,
        due_date=dt.date(2026, 3, 31),
    )
    assert item.item.due_at == at(2026, 3, 31, 17, 30)


# --- SUP-13 proposals ---------------------------------------------------------------------
def test_sup_13_reply_in_3_months_co_opinion_in_1_month_grades_and_redo(org, clock):
    clock.set(at(2026, 3, 10, 10, 0))
    proposal = services.assign_proposal(
        actor=org.officer,
        reference="区人大建议第15号",
        subject="关于增设学校周边停车位的建议",
        proposer="王代表",
        lead_unit=org.edu,
        co_units=[org.fin],
    )
    assert proposal.item.due_at == at(2026, 6, 10, 17, 30)
    co = TrackedItem.objects.get(parent=proposal.item)
    assert co.due_at == at(2026, 4, 10, 17, 30) and co.lead_unit == org.fin
    with pytest.raises(RuleViolation) as exc:
        services.reply_proposal(actor=org.edu_staff, supervised=proposal, reply="答复", grade="A")
    assert rules(exc) == ["SUP-13"]
    services.give_co_opinion(actor=org.fin_staff, step=co, opinion="同意，资金已安排")
    with pytest.raises(RuleViolation):
        services.reply_proposal(actor=org.edu_staff, supervised=proposal, reply="答复", grade="E")
    services.reply_proposal(actor=org.edu_staff, supervised=proposal, reply="已增设", grade="B")
    services.record_satisfaction(
        actor=org.officer, supervised=proposal, satisfaction=Satisfaction.UNSATISFIED
    )
    assert fresh(proposal).redo_count == 1
    assert fresh(proposal.item).state == ItemState.RETURNED
    services.reply_proposal(actor=org.edu_staff, supervised=proposal, reply="再次答复", grade="A")
    services.record_satisfaction(
        actor=org.officer, supervised=proposal, satisfaction=Satisfaction.SATISFIED
    )
    assert fresh(proposal.item).state == ItemState.CLOSED and fresh(proposal).reply_grade == "A"


# --- SUP-9 supervision order --------------------------------------------------------------
def test_sup_9_order_needs_analysis_problems_measures_and_a_date(org, clock):
    clock.set(at(2026, 6, 15, 10, 0))
    supervised = make_supervised(org, unit=org.fin)
    order = services.issue_order(actor=org.officer, supervised=supervised, reason="进度滞后30%")
    assert order.step.due_at == at(2026, 6, 18, 17, 30) and order.step.parent == supervised.item
    with pytest.raises(RuleViolation) as exc:
        services.answer_order(
            actor=org.fin_staff,
            order=order,
            analysis="",
            problems="",
            measures="加派人手",
            commit_date=dt.date(2026, 7, 1),
        )
    assert rules(exc) == ["SUP-9", "SUP-9"]
    with pytest.raises(PermissionDenied):
        services.answer_order(
            actor=org.edu_staff,
            order=order,
            analysis="a",
            problems="b",
            measures="c",
            commit_date=dt.date(2026, 7, 1),
        )
    services.answer_order(
        actor=org.fin_staff,
        order=order,
        analysis="完成70%",
        problems="拆迁滞后",
        measures="加派人手",
        commit_date=dt.date(2026, 7, 1),
    )
    assert fresh(order.step).state == ItemState.CLOSED and fresh(order).state == "answered"


def test_sup_9_only_the_office_issues_orders(org, clock):
    supervised = make_supervised(org)
    with pytest.raises(PermissionDenied):
        services.issue_order(actor=org.edu_staff, supervised=supervised, reason="滞后")


# --- SUP-16 colour and extensions approved by the leader in charge --------------------------
def test_sup_16_item_turns_yellow_then_red_and_stays_red(org, clock):
    clock.set(at(2026, 3, 2, 9, 0))
    supervised = make_supervised(org, days=10)  # due Thursday 12 March 17:30
    sweep(at(2026, 3, 9, 0, 1))
    assert fresh(supervised.item).colour == "yellow"
    sweep(at(2026, 3, 12, 17, 31))
    assert fresh(supervised.item).colour == "red"


def test_sup_extension_decided_by_the_leader_in_charge(org, clock):
    clock.set(at(2026, 3, 2, 9, 0))
    supervised = make_supervised(org, days=10)
    extension = tracking.request_extension(
        actor=org.edu_staff, item=supervised.item, amount=5, reason="设备延迟到货"
    )
    assert extension.approver_id == org.deputy.person.pk
    with pytest.raises(PermissionDenied):
        tracking.decide_extension(
            actor=org.other_deputy, extension=extension, approve=True, opinion="同意"
        )
    tracking.decide_extension(actor=org.deputy, extension=extension, approve=True, opinion="同意")
    assert fresh(supervised.item).due_at == at(2026, 3, 19, 17, 30)


def test_sup_8_item_keeps_the_four_lists(org, clock):
    supervised = make_supervised(org)
    tracking.update_item_lists(
        actor=org.edu_staff,
        item=supervised.item,
        tasks=["选址"],
        responsibilities=["教育局牵头"],
        measures=["专班推进"],
        results=["完成立项"],
    )
    item = fresh(supervised.item)
    assert item.uses_lists and item.measures == ["专班推进"]


def test_sup_7_the_minute_sweep_job_records_not_rectified(org, clock):
    from zhongshu.tracking.tasks import sweep_items

    clock.set(at(2026, 5, 12, 9, 0))
    order = services.issue_rectification_order(
        actor=org.officer, problem="占道", lead_unit=org.water, reinspections=2
    )
    sweep_items.call(at(2026, 5, 15, 12, 1).isoformat())
    assert fresh(order).rectification == Rectification.NOT_RECTIFIED
    assert fresh(order.item).colour == "red"


@pytest.mark.parametrize(
    ("state", "action"),
    [
        (CaseState.REGISTERED, "collect"),
        (CaseState.REGISTERED, "report"),
        (CaseState.APPROVED, "approve"),
        (CaseState.APPROVED, "collect"),
        (CaseState.NOTIFIED, "approve"),
        (CaseState.NOTIFIED, "notify"),
        (CaseState.NOTIFIED, "report"),
        (CaseState.COLLECTED, "notify"),
        (CaseState.REPORTED, "collect"),
        (CaseState.REPORTED, "report"),
    ],
)
def test_sup_case_transitions_not_in_the_table_are_refused(org, clock, state, action):
    from zhongshu.supervision.models import Case

    case = services.register_case(actor=org.officer, kind=CaseKind.CITY_WRITTEN, title="市督查")
    Case.objects.filter(pk=case.pk).update(state=state)
    case.refresh_from_db()
    call = {
        "approve": lambda: services.approve_case(actor=org.officer, case=case, plan="x"),
        "notify": lambda: services.issue_case_notice(actor=org.officer, case=case, notice={}),
        "collect": lambda: services.collect_case_reports(
            actor=org.officer, case=case, findings="x"
        ),
        "report": lambda: services.submit_case_report(actor=org.officer, case=case, report="x"),
    }[action]
    with pytest.raises(RuleViolation) as exc:
        call()
    assert exc.value.status == 409


# --- SUP-1 sources, SUP-14 truthful feedback -------------------------------------------------
def test_sup_1_every_source_keeps_its_rule_and_an_unknown_source_is_refused(org, clock):
    from zhongshu.supervision.choices import SOURCE_RULE

    clock.set(at(2026, 3, 2, 9, 0))
    for source, rule in SOURCE_RULE.items():
        s = services.add_supervised_item(
            actor=org.officer,
            source=source,
            subject=f"来源{source.label}的事项",
            lead_unit=org.edu,
            due_date=dt.date(2026, 6, 30),
        )
        assert s.source == source and s.item.basis["rule"] == rule
    with pytest.raises(RuleViolation) as exc:
        services.add_supervised_item(
            actor=org.officer,
            source="rumour",
            subject="x",
            lead_unit=org.edu,
            due_date=dt.date(2026, 6, 30),
        )
    assert rules(exc) == ["SUP-1"]
    with pytest.raises(RuleViolation) as exc:
        services.register_case(actor=org.officer, kind="gossip", title="x")
    assert rules(exc) == ["SUP-1"]


def test_sup_14_feedback_must_state_what_was_done(org, clock):
    clock.set(at(2026, 3, 2, 9, 0))
    supervised = make_supervised(org)
    with pytest.raises(RuleViolation) as exc:
        tracking.report_progress(actor=org.edu_staff, item=supervised.item, text=" ", percent=10)
    assert rules(exc) == ["SUP-14"]
    with pytest.raises(RuleViolation) as exc:
        services.record_check(
            actor=org.officer,
            supervised=supervised,
            method="spot_check",
            finding="",
            confirmed=True,
        )
    assert rules(exc) == ["SUP-14"]
    case = services.register_case(actor=org.officer, kind=CaseKind.CITY_WRITTEN, title="市督查")
    services.approve_case(actor=org.officer, case=case, plan="自查")
    services.issue_case_notice(actor=org.officer, case=case, notice={"content": "自查"})
    with pytest.raises(RuleViolation) as exc:
        services.collect_case_reports(actor=org.officer, case=case, findings="")
    assert rules(exc) == ["SUP-14"]
    services.collect_case_reports(actor=org.officer, case=case, findings="自查报告3份")
    with pytest.raises(RuleViolation) as exc:
        services.submit_case_report(actor=org.officer, case=case, report="  ")
    assert rules(exc) == ["SUP-14"]
