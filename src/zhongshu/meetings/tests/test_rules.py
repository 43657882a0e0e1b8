"""One test (or more) per rule, named by its ID, with real 2026 dates."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from docx import Document

from zhongshu.clock import engine
from zhongshu.framework.errors import ConflictError, RuleViolation
from zhongshu.meetings import checks, integration, services, transitions
from zhongshu.meetings.choices import (
    Attendance,
    MajorMatter,
    MeetingClass,
    MeetingState,
    MeetingType,
    MinutesState,
    Mode,
    ParticipantRole,
    PlanEntryState,
    Prerequisite,
    TopicState,
)
from zhongshu.meetings.models import Meeting
from zhongshu.org.tests.factories import PersonFactory
from zhongshu.tracking.choices import ItemState
from zhongshu.tracking.models import TrackedItem

from .conftest import at
from .factories import approved_topic, executive_meeting, mark_present, requested_topic, rules_of

pytestmark = pytest.mark.django_db


# --- MTG-1 -------------------------------------------------------------------------------
def test_mtg_1_sessions_are_numbered_per_type_and_year(org, clock):
    first = executive_meeting(org, at(2026, 9, 22, 9), approve=False)
    second = executive_meeting(org, at(2026, 10, 13, 9), approve=False)
    office = services.create_meeting(
        actor=org.clerk,
        type=MeetingType.HEAD_OFFICE,
        starts_at=at(2026, 10, 14, 9),
        ends_at=at(2026, 10, 14, 11),
        presiding=org.head.person,
        organiser=org.office,
        mode=Mode.IN_PERSON,
    )
    assert (first.sequence, second.sequence, office.sequence) == (1, 2, 1)
    assert second.display_name == "2026年第2次常务会议"


def test_mtg_1_members_and_standing_attendees_come_from_the_body(org, clock):
    meeting = executive_meeting(org, at(2026, 9, 22, 9), approve=False)
    roles = dict(meeting.participants.values_list("person_id", "role"))
    assert {p.pk for p in org.members} <= set(roles)
    assert roles[org.clerk.person.pk] == ParticipantRole.ATTENDEE


def test_mtg_1_rhythm_counts_the_month_against_the_profile(org, clock):
    executive_meeting(org, at(2026, 10, 13, 9), approve=False)
    rows = {r["label"]: r for r in checks.rhythm(dt.date(2026, 10, 20))}
    assert rows["10月常务会议"]["count"] == 1 and rows["10月常务会议"]["ok"]
    assert rows["10月党组会议"] == {
        "label": "10月党组会议",
        "count": 0,
        "expected": "一般每月1次",
        "ok": False,
    }
    for day in (14, 20):
        executive_meeting(org, at(2026, 10, day, 9), approve=False)
    rows = {r["label"]: r for r in checks.rhythm(dt.date(2026, 10, 1))}
    assert rows["10月常务会议"]["count"] == 3 and not rows["10月常务会议"]["ok"]


@pytest.mark.parametrize(
    ("members", "ordinary", "personnel"), [(5, 3, 4), (6, 4, 4), (7, 4, 5), (9, 5, 6)]
)
def test_mtg_1_quorum_more_than_half_and_two_thirds_for_appointments(members, ordinary, personnel):
    assert checks.quorum_needed(members) == ordinary
    assert checks.quorum_needed(members, personnel=True) == personnel


def test_mtg_1_decision_without_quorum_is_refused(org, clock):
    clock.set(at(2026, 9, 22, 9))
    meeting = executive_meeting(org, at(2026, 9, 22, 9))
    mark_present(meeting, org.members[:2])  # 2 of 5
    services.hold_meeting(actor=org.clerk, meeting=meeting)
    with pytest.raises(RuleViolation) as exc:
        services.record_decision(
            actor=org.clerk,
            meeting=meeting,
            content="同意调整学校布局",
            responsible_unit=org.edu,
            due_on=dt.date(2026, 12, 31),
        )
    assert rules_of(exc) == {"MTG-1"}
    assert "不足法定人数" in exc.value.violations[0].message


def test_mtg_1_personnel_decision_needs_two_thirds(org, clock):
    clock.set(at(2026, 9, 22, 9))
    meeting = executive_meeting(org, at(2026, 9, 22, 9))
    mark_present(meeting, org.members[:3])  # 3 of 5: a quorum, not two thirds
    services.hold_meeting(actor=org.clerk, meeting=meeting)
    services.record_decision(
        actor=org.clerk,
        meeting=meeting,
        content="原则通过",
        responsible_unit=org.edu,
        due_on=dt.date(2026, 12, 31),
    )
    with pytest.raises(RuleViolation) as exc:
        services.record_decision(
            actor=org.clerk,
            meeting=meeting,
            content="任命张三为区教育局副局长",
            responsible_unit=org.edu,
            due_on=dt.date(2026, 10, 30),
            personnel=True,
        )
    assert rules_of(exc) == {"MTG-1"}


# --- MTG-2 -------------------------------------------------------------------------------
def test_mtg_2_major_matter_needs_a_collective_meeting(org, clock):
    clock.set(at(2026, 8, 3, 9))
    topic = approved_topic(
        org, major_matter=MajorMatter.FUNDS, meeting_type=MeetingType.HEAD_OFFICE
    )
    clock.set(at(2026, 9, 1, 9))
    meeting = services.create_meeting(
        actor=org.clerk,
        type=MeetingType.HEAD_OFFICE,
        starts_at=at(2026, 9, 2, 9),
        ends_at=at(2026, 9, 2, 11),
        presiding=org.head.person,
        organiser=org.office,
        mode=Mode.IN_PERSON,
    )
    services.submit_meeting(actor=org.clerk, meeting=meeting)
    services.approve_meeting(actor=org.head, meeting=meeting)
    meeting.refresh_from_db()
    services.schedule_topic(actor=org.clerk, topic=topic, meeting=meeting)
    mark_present(meeting, org.members[:3])
    meeting.refresh_from_db()
    services.hold_meeting(actor=org.clerk, meeting=meeting)
    topic.refresh_from_db()
    with pytest.raises(RuleViolation) as exc:
        services.record_decision(
            actor=org.clerk,
            meeting=meeting,
            topic=topic,
            content="安排专项资金3000万元",
            responsible_unit=org.fin,
            due_on=dt.date(2026, 12, 31),
        )
    assert rules_of(exc) == {"MTG-2"}


def test_mtg_2_flag_for_documents_without_a_meeting(org, clock):
    assert integration.major_matter_flag(MajorMatter.PROJECT).rule == "MTG-2"
    assert integration.major_matter_flag("") is None


# --- MTG-3 -------------------------------------------------------------------------------
def test_mtg_3_topic_requested_14_working_days_before_meeting_after_national_day_is_late(
    org, clock
):
    # 2026-09-17 (Thu) to 2026-10-13 (Tue, the week after National Day): Mid-Autumn
    # (09-25) and National Day (10-01…10-07) do not count, the make-up days (09-20,
    # 10-10) do — 14 working days
    clock.set(at(2026, 9, 17, 10))
    assert engine.working_days_between(dt.date(2026, 9, 17), dt.date(2026, 10, 13)) == 14
    topic = approved_topic(org)
    meeting = executive_meeting(org, at(2026, 10, 13, 9))
    with pytest.raises(RuleViolation) as exc:
        services.schedule_topic(actor=org.clerk, topic=topic, meeting=meeting)
    assert rules_of(exc) == {"MTG-3"}
    assert "仅14个工作日" in exc.value.violations[0].message
    # the head's urgent reason lets it on, flagged
    services.schedule_topic(actor=org.clerk, topic=topic, meeting=meeting, urgent_reason="区长交办")
    topic.refresh_from_db()
    assert topic.state == TopicState.SCHEDULED and topic.late


def test_mtg_3_topic_requested_15_working_days_ahead_is_in_time(org, clock):
    clock.set(at(2026, 9, 16, 10))
    assert engine.working_days_between(dt.date(2026, 9, 16), dt.date(2026, 10, 13)) == 15
    topic = approved_topic(org)
    meeting = executive_meeting(org, at(2026, 10, 13, 9))
    services.schedule_topic(actor=org.clerk, topic=topic, meeting=meeting)
    topic.refresh_from_db()
    assert not topic.late


def test_mtg_3_request_needs_materials_and_goes_to_the_deputy_in_charge(org, clock):
    topic = services.save_topic(
        actor=org.edu_staff,
        title="关于学校布局的议题",
        reason="需要",
        explanation="说明",
        recommended_option="方案一",
    )
    with pytest.raises(RuleViolation) as exc:
        services.request_topic(actor=org.edu_staff, topic=topic)
    assert rules_of(exc) == {"MTG-3"}
    topic = requested_topic(org)
    assert topic.reviewer == org.deputy.person


def test_mtg_3_only_the_deputy_in_charge_proposes_and_only_the_head_approves(org, clock):
    topic = requested_topic(org)
    with pytest.raises(PermissionDenied):
        services.propose_topic(actor=org.deputy2, topic=topic, opinion="同意")
    with pytest.raises(RuleViolation):  # approve before review: wrong state
        services.approve_topic(actor=org.head, topic=topic)
    services.propose_topic(actor=org.deputy, topic=topic, opinion="同意提请")
    with pytest.raises(PermissionDenied):
        services.approve_topic(actor=org.deputy, topic=topic)
    services.approve_topic(actor=org.head, topic=topic)
    topic.refresh_from_db()
    assert topic.state == TopicState.APPROVED and topic.approved_by == org.head.person


def test_mtg_3_city_profile_requires_agreement(org, clock, settings):
    from zhongshu.accounts.tests.factories import UserFactory
    from zhongshu.rules.services import change_rule_parameters

    admin = UserFactory(person=PersonFactory(unit=org.office), roles=["office_admin"])
    change_rule_parameters(actor=admin, rule_id="MTG-3", values={"require_agreement": True})
    clock.set(at(2026, 9, 1, 10))
    topic = approved_topic(org)
    meeting = executive_meeting(org, at(2026, 10, 13, 9))
    with pytest.raises(RuleViolation) as exc:
        services.schedule_topic(actor=org.clerk, topic=topic, meeting=meeting)
    assert rules_of(exc) == {"MTG-3"}


# --- MTG-4 -------------------------------------------------------------------------------
def test_mtg_4_prerequisites_block_scheduling_until_recorded(org, clock):
    clock.set(at(2026, 9, 1, 10))
    topic = approved_topic(org, required=[Prerequisite.LEGALITY, Prerequisite.TEXT])
    meeting = executive_meeting(org, at(2026, 10, 13, 9))
    with pytest.raises(RuleViolation) as exc:
        services.schedule_topic(actor=org.clerk, topic=topic, meeting=meeting)
    assert rules_of(exc) == {"MTG-4"}
    assert "法律审核、文字审修" in exc.value.violations[0].message
    for kind in (Prerequisite.LEGALITY, Prerequisite.TEXT):
        services.record_prerequisite(
            actor=org.clerk, topic=topic, kind=kind, done_on=dt.date(2026, 9, 20)
        )
    meeting.refresh_from_db()
    services.schedule_topic(actor=org.clerk, topic=topic, meeting=meeting)


def test_mtg_4_a_major_policy_needs_the_public_procedures(org, clock):
    topic = services.save_topic(
        actor=org.edu_staff, title="重大政策", reason="r", major_matter=MajorMatter.DECISION
    )
    assert {"public_draft", "public", "expert", "risk"} <= set(topic.required)


# --- MTG-6 -------------------------------------------------------------------------------
def test_mtg_6_request_needs_explanation_and_recommended_option(org, clock):
    topic = services.save_topic(actor=org.edu_staff, title="议题", reason="事由")
    services.add_topic_material(actor=org.edu_staff, topic=topic, title="方案")
    with pytest.raises(RuleViolation) as exc:
        services.request_topic(actor=org.edu_staff, topic=topic)
    assert rules_of(exc) == {"MTG-6"}


def test_mtg_6_absentee_gives_a_written_opinion(org, clock):
    clock.set(at(2026, 9, 21, 9))
    meeting = executive_meeting(org, at(2026, 9, 22, 9))
    services.add_written_opinion(actor=org.deputy4, meeting=meeting, text="同意方案一。")
    mark_present(meeting, [org.deputy3.person])
    with pytest.raises(RuleViolation) as exc:
        services.add_written_opinion(actor=org.deputy3, meeting=meeting, text="同意")
    assert rules_of(exc) == {"MTG-6"}


# --- MTG-7, 8, 9 -------------------------------------------------------------------------
def test_mtg_8_plan_proposed_endorsed_compiled_and_changes_need_reasons(org, clock):
    clock.set(at(2026, 12, 10, 10))
    entry = services.propose_plan_entry(
        actor=org.edu_head,
        year=2027,
        title="全区教育工作会议",
        unit=org.edu,
        meeting_class=1,
        month=3,
    )
    with pytest.raises(PermissionDenied):
        services.endorse_plan_entry(actor=org.deputy2, entry=entry)
    services.endorse_plan_entry(actor=org.deputy, entry=entry)
    assert services.compile_plan(actor=org.clerk, plan=entry.plan) == 1
    entry.refresh_from_db()
    assert entry.state == PlanEntryState.IN_PLAN
    with pytest.raises(RuleViolation) as exc:
        services.change_plan_entry(actor=org.edu_head, entry=entry, reason="", month=4)
    assert rules_of(exc) == {"MTG-8"}
    services.change_plan_entry(
        actor=org.edu_head, entry=entry, reason="与市会议冲突，推迟一月", month=4
    )
    entry.refresh_from_db()
    assert (entry.state, entry.month) == (PlanEntryState.CHANGED, 4)


def test_mtg_8_class_2_meeting_not_in_the_plan_needs_a_reason_and_is_flagged(org, clock):
    base = {
        "actor": org.clerk,
        "type": MeetingType.DISTRICT,
        "meeting_class": MeetingClass.CLASS_2,
        "starts_at": at(2026, 11, 5, 9),
        "ends_at": at(2026, 11, 5, 11),
        "presiding": org.deputy.person,
        "organiser": org.edu,
        "mode": Mode.VIDEO,
        "title": "全区校园安全工作会议",
    }
    with pytest.raises(RuleViolation) as exc:
        services.create_meeting(**base)
    assert rules_of(exc) == {"MTG-8"}
    meeting = services.create_meeting(**base, unplanned_reason="落实市里紧急部署")
    assert meeting.unplanned


def test_mtg_7_government_meetings_have_no_class_district_meetings_must(org, clock):
    with pytest.raises(RuleViolation) as exc:
        services.create_meeting(
            actor=org.clerk,
            type=MeetingType.DISTRICT,
            starts_at=at(2026, 11, 5, 9),
            ends_at=at(2026, 11, 5, 11),
            presiding=org.deputy.person,
            organiser=org.edu,
            mode=Mode.VIDEO,
        )
    assert rules_of(exc) == {"MTG-7"}


@pytest.mark.parametrize(
    ("meeting_class", "approver"), [(1, "head"), (2, "deputy"), (3, "edu_head")]
)
def test_mtg_9_approval_by_class(org, clock, meeting_class, approver):
    meeting = services.create_meeting(
        actor=org.clerk,
        type=MeetingType.DISTRICT,
        meeting_class=meeting_class,
        starts_at=at(2026, 11, 5, 9),
        ends_at=at(2026, 11, 5, 11),
        presiding=org.deputy.person,
        organiser=org.edu,
        mode=Mode.VIDEO,
        unplanned_reason="临时部署",
    )
    services.submit_meeting(actor=org.clerk, meeting=meeting)
    meeting.refresh_from_db()
    assert meeting.approver == getattr(org, approver).person
    other = org.deputy2
    with pytest.raises(PermissionDenied):
        services.approve_meeting(actor=other, meeting=meeting)
    services.approve_meeting(actor=getattr(org, approver), meeting=meeting)
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.APPROVED
    assert meeting.filed_with_office == (meeting_class == 2)


# --- MTG-10, 11, 13 ----------------------------------------------------------------------
def test_mtg_10_participants_over_the_class_cap_are_refused(org, clock):
    meeting = services.create_meeting(
        actor=org.clerk,
        type=MeetingType.DISTRICT,
        meeting_class=MeetingClass.CLASS_3,
        starts_at=at(2026, 11, 5, 9),
        ends_at=at(2026, 11, 5, 11),
        presiding=org.edu_head.person,
        organiser=org.edu,
        mode=Mode.VIDEO,
    )
    names = [(f"校长{i}", "区属学校") for i in range(150)]
    services.add_participants(actor=org.clerk, meeting=meeting, names=names)
    meeting.refresh_from_db()
    with pytest.raises(RuleViolation) as exc:
        services.add_participants(actor=org.clerk, meeting=meeting, names=[("多一人", "某校")])
    assert rules_of(exc) == {"MTG-10"}
    assert "不得超过150人" in exc.value.violations[0].message
    assert meeting.participants.count() == 150


def test_mtg_11_length_speakers_and_minutes_are_warnings(org, clock):
    meeting = services.create_meeting(
        actor=org.clerk,
        type=MeetingType.EXECUTIVE,
        starts_at=at(2026, 9, 22, 9),
        ends_at=at(2026, 9, 22, 14),
        presiding=org.head.person,
        organiser=org.office,
        mode=Mode.IN_PERSON,
    )
    speakers = [PersonFactory(unit=org.edu) for _ in range(6)]
    warnings = []
    for i, person in enumerate(speakers):
        meeting.refresh_from_db()
        warnings = services.add_agenda_item(
            actor=org.clerk,
            meeting=meeting,
            title=f"发言{i}",
            speaker=person,
            minutes=10 if i == 0 else 8,
        )
    texts = " ".join(w.message for w in warnings)
    assert {w.rule for w in warnings} == {"MTG-11"}
    assert "会期5小时" in texts and "发言6人" in texts and "10分钟" in texts
    assert meeting.agenda.count() == 6  # warnings, not refusals


def test_mtg_11_concurrent_agenda_edit_conflicts(org, clock):
    meeting = executive_meeting(org, at(2026, 9, 22, 9), approve=False)
    stale = Meeting.objects.get(pk=meeting.pk)
    services.add_agenda_item(
        actor=org.clerk, meeting=meeting, title="议程一", expected_version=meeting.version
    )
    with pytest.raises(ConflictError):
        services.add_agenda_item(
            actor=org.clerk, meeting=stale, title="议程二", expected_version=stale.version
        )
    assert meeting.agenda.count() == 1


def test_mtg_13_mode_is_recorded_and_gathering_needs_a_reason(org, clock):
    base = {
        "actor": org.clerk,
        "type": MeetingType.DISTRICT,
        "meeting_class": MeetingClass.CLASS_3,
        "starts_at": at(2026, 11, 5, 9),
        "ends_at": at(2026, 11, 5, 11),
        "presiding": org.edu_head.person,
        "organiser": org.edu,
    }
    with pytest.raises(RuleViolation) as exc:
        services.create_meeting(**base, mode=Mode.IN_PERSON)
    assert rules_of(exc) == {"MTG-13"}
    meeting = services.create_meeting(**base, mode=Mode.VIDEO)
    assert meeting.mode == Mode.VIDEO


# --- MTG-12 ------------------------------------------------------------------------------
def test_mtg_12_leave_in_writing_to_the_presiding_leader_substitute_only_approved(org, clock):
    meeting = executive_meeting(org, at(2026, 9, 22, 9))
    seat = meeting.participants.get(person=org.deputy3.person)
    with pytest.raises(RuleViolation) as exc:
        services.request_leave(actor=org.deputy3, participant=seat, reason="  ")
    assert rules_of(exc) == {"MTG-12"}
    with pytest.raises(PermissionDenied):  # nobody asks leave for someone else
        services.request_leave(actor=org.deputy2, participant=seat, reason="出差")
    substitute = PersonFactory(unit=org.gov, name="副秘书长")
    leave = services.request_leave(
        actor=org.deputy3, participant=seat, reason="赴市里开会", substitute=substitute
    )
    with pytest.raises(PermissionDenied):
        services.decide_leave(actor=org.deputy, leave=leave, approve=True)
    services.decide_leave(actor=org.head, leave=leave, approve=True, substitute_approved=False)
    seat.refresh_from_db()
    assert seat.attendance == Attendance.ON_LEAVE and seat.substitute is None
    with pytest.raises(RuleViolation) as exc:
        services.take_attendance(actor=org.clerk, participant=seat, substitute=substitute)
    assert rules_of(exc) == {"MTG-12"}


# --- MTG-14, 15 --------------------------------------------------------------------------
def _held_with_decisions(org, clock):
    clock.set(at(2026, 9, 1, 10))
    topic = approved_topic(org)
    meeting = executive_meeting(org, at(2026, 9, 29, 9))
    services.schedule_topic(actor=org.clerk, topic=topic, meeting=meeting)
    meeting.refresh_from_db()
    clock.set(at(2026, 9, 29, 9))
    mark_present(meeting, [*org.members[:4], org.clerk.person])
    services.hold_meeting(actor=org.clerk, meeting=meeting)
    topic.refresh_from_db()
    services.record_decision(
        actor=org.clerk,
        meeting=meeting,
        topic=topic,
        content="原则同意区属学校布局调整方案",
        responsible_unit=org.edu,
        due_on=dt.date(2026, 12, 31),
        sub_items=["制定实施细则", "做好家长解释工作"],
        supervising_section=org.supervision_section,
        cooperating_units=[org.fin],
    )
    services.record_decision(
        actor=org.clerk,
        meeting=meeting,
        topic=topic,
        content="财政局落实调整所需资金",
        responsible_unit=org.fin,
        due_on=dt.date(2026, 11, 30),
        supervising_section=org.supervision_section,
    )
    return meeting, topic


def test_mtg_14_minutes_due_in_3_working_days_after_national_day(org, clock):
    meeting, _topic = _held_with_decisions(org, clock)
    minutes = services.draft_minutes(actor=org.clerk, meeting=meeting)
    # held Tue 2026-09-29: 09-30, then National Day, then 10-08, 10-09 → due 10-09
    expected = engine.deadline_for_rule("MTG-14", meeting.ends_at).due
    assert minutes.due_at == expected
    assert expected.date() == dt.date(2026, 10, 9)
    item = minutes.tracked_item
    assert item.kind == "meetings.minutes" and item.responsible == org.clerk.person
    assert item.due_at == expected


def test_mtg_14_only_the_presiding_leader_signs(org, clock):
    meeting, _topic = _held_with_decisions(org, clock)
    minutes = services.draft_minutes(actor=org.clerk, meeting=meeting)
    services.submit_minutes(actor=org.clerk, minutes=minutes)
    minutes.tracked_item.refresh_from_db()
    assert minutes.tracked_item.state == ItemState.CLOSED
    for someone in (org.clerk, org.deputy):
        with pytest.raises(RuleViolation) as exc:
            services.sign_minutes(actor=someone, minutes=minutes)
        assert rules_of(exc) == {"MTG-14"}
    services.sign_minutes(actor=org.head, minutes=minutes)
    minutes.refresh_from_db()
    assert minutes.state == MinutesState.SIGNED and minutes.signed_by == org.head.person
    text = "\n".join(p.text for p in Document(minutes.document.open("rb")).paragraphs)
    assert "出席：王建国、陈晓东、赵国强、刘素梅" in text
    assert "请假：孙立新" in text
    assert "列席：区政府办宋佳" in text and "原则同意区属学校布局调整方案" in text


def test_mtg_15_signing_turns_each_decision_into_a_ledger_item(org, clock):
    meeting, topic = _held_with_decisions(org, clock)
    minutes = services.draft_minutes(actor=org.clerk, meeting=meeting)
    services.submit_minutes(actor=org.clerk, minutes=minutes)
    clock.set(at(2026, 9, 30, 10))
    items = services.sign_minutes(actor=org.head, minutes=minutes)
    assert len(items) == 2
    first = TrackedItem.objects.get(pk=items[0].pk)
    assert first.kind == "supervision.item"  # a line of the supervision ledger (SUP-5)
    assert first.lead_unit == org.edu and first.responsible == org.edu_head.person
    assert first.due_at.date() == dt.date(2026, 12, 31)
    assert list(first.tasks) == ["制定实施细则", "做好家长解释工作"]
    assert first.approver == org.supervisor.person  # the supervising section holds it
    assert set(first.item_units.values_list("unit", flat=True)) == {org.fin.pk}
    # the ledger line points back to the decision; one case for the signed minutes
    from zhongshu.supervision.services import ledger_items_for

    decision = meeting.decisions.get(position=1)
    (line,) = ledger_items_for(decision)
    assert line.item == first and line.supervising_section == org.supervision_section
    assert line.case.items.count() == 2
    assert integration.ledger_items([decision]) == {decision.pk: first}
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.CLOSED
    topic.refresh_from_db()
    assert topic.decisions.filter(tracked_item__isnull=False).count() == 2


# --- MTG-16, 17 --------------------------------------------------------------------------
def test_mtg_16_news_length_by_presiding_rank(org, clock):
    meeting = services.create_meeting(
        actor=org.clerk,
        type=MeetingType.DISTRICT,
        meeting_class=MeetingClass.CLASS_2,
        starts_at=at(2026, 9, 22, 9),
        ends_at=at(2026, 9, 22, 11),
        presiding=org.deputy.person,
        organiser=org.edu,
        mode=Mode.VIDEO,
        unplanned_reason="临时",
    )
    assert checks.news_warnings(meeting, "字" * 500, 60) == []
    warnings = checks.news_warnings(meeting, "字" * 501, 61)
    assert [w.rule for w in warnings] == ["MTG-16", "MTG-16"]
    meeting.presiding = org.head.person
    assert checks.news_warnings(meeting, "字" * 1000, 120) == []
    meeting.type = MeetingType.HEAD_OFFICE
    assert "不作报道" in checks.news_warnings(meeting, "字", 0)[0].message


def test_mtg_17_confidential_material_is_marked_to_be_returned(org, clock):
    clock.set(at(2026, 9, 1, 10))
    topic = requested_topic(org)
    material = services.add_topic_material(
        actor=org.edu_staff, topic=topic, title="涉密方案", confidential=True
    )
    assert material.to_return
    meeting = executive_meeting(org, at(2026, 9, 22, 9))
    mark_present(meeting, org.members)
    services.hold_meeting(actor=org.clerk, meeting=meeting)
    seat = meeting.participants.get(person=org.deputy.person)
    services.return_materials(actor=org.clerk, participant=seat)
    seat.refresh_from_db()
    assert seat.materials_returned


# --- transition tables -------------------------------------------------------------------
@pytest.mark.parametrize("table", sorted(transitions.TABLES))
def test_every_transition_not_in_the_table_is_refused(table):
    rows, states = transitions.TABLES[table]

    class Obj:
        pass

    for state in states.values:
        for action in transitions.actions(table):
            obj = Obj()
            obj.state = state
            listed = any(f == state and a == action for f, a, _t in rows)
            if listed:
                transitions.check(table, obj, action)
            else:
                with pytest.raises(RuleViolation) as exc:
                    transitions.check(table, obj, action)
                assert exc.value.status == 409


def test_hold_refused_before_approval(org, clock):
    meeting = executive_meeting(org, at(2026, 9, 22, 9), approve=False)
    with pytest.raises(RuleViolation) as exc:
        services.hold_meeting(actor=org.clerk, meeting=meeting)
    assert exc.value.status == 409


# --- MTG-5 -------------------------------------------------------------------------------
def test_mtg_5_major_decision_is_flagged_until_reported_to_the_congress(org, clock):
    clock.set(at(2026, 9, 1, 10))
    topic = requested_topic(org, major_matter=MajorMatter.DECISION)
    assert {v.rule for v in checks.congress_warnings(topic)} == {"MTG-5"}
    ordinary = requested_topic(org, title="关于学校食堂管理的议题")
    assert checks.congress_warnings(ordinary) == []
    services.record_congress_report(
        actor=org.edu_staff, topic=topic, reported_on=dt.date(2026, 9, 10), note="已书面报告"
    )
    topic.refresh_from_db()
    assert checks.congress_warnings(topic) == []


# --- MTG-18 (city profile) ---------------------------------------------------------------
def _city_profile(org):
    from zhongshu.accounts.tests.factories import UserFactory
    from zhongshu.rules.services import activate_profile

    admin = UserFactory(person=PersonFactory(unit=org.office), roles=["office_admin"])
    activate_profile(actor=admin, code="city")


def test_mtg_18_five_departments_report_each_quarter_in_the_city_profile(org, clock):
    from zhongshu.org.tests.factories import UnitFactory

    meeting = executive_meeting(org, at(2026, 10, 13, 9), approve=False)
    depts = [UnitFactory(parent=org.gov, short_name=f"区部门{i}") for i in range(6)]
    # the district profile has no quarterly reports
    with pytest.raises(RuleViolation) as exc:
        services.schedule_department_reports(actor=org.clerk, meeting=meeting, units=depts[:5])
    assert rules_of(exc) == {"MTG-18"} and exc.value.status == 409
    _city_profile(org)
    with pytest.raises(RuleViolation) as exc:
        services.schedule_department_reports(actor=org.clerk, meeting=meeting, units=depts[:4])
    assert rules_of(exc) == {"MTG-18"}
    items = services.schedule_department_reports(actor=org.clerk, meeting=meeting, units=depts[:5])
    assert items[0].title == "区部门0报告第四季度重点工作落实进展"
    assert services.quarter_reporters(2026, 4) == [d.pk for d in depts[:5]]
    # none twice in the quarter; the sixth is suggested first for the next meeting
    later = executive_meeting(org, at(2026, 11, 10, 9), approve=False)
    with pytest.raises(RuleViolation) as exc:
        services.schedule_department_reports(
            actor=org.clerk, meeting=later, units=[depts[0], *depts[2:6]]
        )
    assert "本季度已安排报告" in exc.value.violations[0].message
    suggested = services.suggest_reporters(later)
    assert depts[5] in suggested and depts[0] not in suggested
