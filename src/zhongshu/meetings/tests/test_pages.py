"""Pages: the main path through the forms (topic request → review → approval → meeting
with agenda and participants → leave → attendance and quorum → decisions → minutes →
signing → the 纪要 download → the topic page with the live ledger status), refusals
shown with their rule and 依据, the calendar and its iCalendar feed, the annual plan, the
permission matrix and bounded queries on the lists."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document

from zhongshu.meetings import services
from zhongshu.meetings.choices import (
    Attendance,
    LeaveState,
    MeetingState,
    MeetingType,
    MinutesState,
    PlanEntryState,
    TopicState,
)
from zhongshu.meetings.models import Meeting, PlanEntry, Topic
from zhongshu.tracking.choices import ItemState

from .conftest import at
from .factories import approved_topic, executive_meeting, mark_present, pdf_upload

pytestmark = pytest.mark.django_db


def meeting_url(meeting, action=None) -> str:
    if action:
        return reverse("meetings:meeting_act", args=[meeting.uuid, action])
    return reverse("meetings:meeting_detail", args=[meeting.uuid])


def topic_url(topic, action=None) -> str:
    if action:
        return reverse("meetings:topic_act", args=[topic.uuid, action])
    return reverse("meetings:topic_detail", args=[topic.uuid])


def as_user(client, user):
    client.force_login(user)
    return client


def test_main_path_through_the_pages(client, org, clock):
    # a department requests a topic (MTG-3) at least 15 working days ahead
    clock.set(at(2026, 9, 1, 10))
    c = as_user(client, org.edu_staff)
    response = c.post(
        reverse("meetings:topic_create"),
        {
            "title": "关于调整区属学校布局的议题",
            "meeting_type": MeetingType.EXECUTIVE,
            "reason": "学龄人口变化。",
            "explanation": "方案一：合并两校；方案二：新建一校。",
            "recommended_option": "建议采用方案一。",
        },
    )
    assert response.status_code == 302
    topic = Topic.objects.get(title="关于调整区属学校布局的议题")
    c.post(topic_url(topic, "material"), {"title": "调整方案", "file": pdf_upload()})
    assert c.post(topic_url(topic, "request"), {"version": topic.version}).status_code == 302
    topic.refresh_from_db()
    assert topic.state == TopicState.REQUESTED and topic.reviewer == org.deputy.person

    # the deputy head in charge proposes, the head approves
    c = as_user(client, org.deputy)
    c.post(topic_url(topic, "propose"), {"opinion": "同意提请常务会议研究。"})
    c = as_user(client, org.head)
    c.post(topic_url(topic, "approve"))
    topic.refresh_from_db()
    assert topic.state == TopicState.APPROVED

    # the office schedules the executive meeting, puts the topic on the agenda
    c = as_user(client, org.clerk)
    response = c.post(
        reverse("meetings:meeting_create"),
        {
            "type": MeetingType.EXECUTIVE,
            "meeting_class": 0,
            "starts_at": "2026-09-29T09:00",
            "ends_at": "2026-09-29T12:00",
            "room": "区政府第一会议室",
            "mode": "in_person",
            "presiding": org.head.person.pk,
            "organiser": org.office.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    meeting = Meeting.objects.get()
    assert meeting.display_name == "2026年第1次常务会议"
    c.post(meeting_url(meeting, "schedule"), {"topic": topic.pk, "minutes": 8})
    topic.refresh_from_db()
    assert topic.state == TopicState.SCHEDULED
    meeting.refresh_from_db()
    c.post(
        meeting_url(meeting, "participants"),
        {"people": [org.edu_head.person.pk], "role": "attendee", "outsiders": "李四，区审计局局长"},
    )
    assert meeting.participants.count() == 8
    c.post(meeting_url(meeting, "submit"))
    c = as_user(client, org.head)
    c.post(meeting_url(meeting, "approve"))
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.APPROVED

    # a member asks leave of the presiding leader in writing (MTG-12)
    c = as_user(client, org.deputy4)
    c.post(meeting_url(meeting, "leave"), {"reason": "赴省里开会。"})
    c = as_user(client, org.head)
    page = c.get(meeting_url(meeting)).content.decode()
    assert "待批准的请假" in page
    leave = meeting.participants.get(person=org.deputy4.person).leave_requests.get()
    c.post(meeting_url(meeting, "decide_leave"), {"leave": leave.uuid, "approve": "1"})
    leave.refresh_from_db()
    assert leave.state == LeaveState.APPROVED

    # attendance at the door: quorum shown
    clock.set(at(2026, 9, 29, 9))
    c = as_user(client, org.clerk)
    for person in org.members[:4]:
        seat = meeting.participants.get(person=person)
        c.post(meeting_url(meeting, "attendance"), {"participant": seat.uuid, "present": "1"})
    page = c.get(meeting_url(meeting)).content.decode()
    assert "组成人员 5 人，出席 4 人，法定人数 3 人" in page
    c.post(meeting_url(meeting, "hold"))
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.HELD
    assert meeting.participants.get(person=org.deputy4.person).attendance == Attendance.ON_LEAVE

    # two decisions, then the minutes
    for content, unit in (("合并两所小学", org.edu), ("安排调整资金", org.fin)):
        response = c.post(
            meeting_url(meeting, "decision"),
            {
                "topic": topic.pk,
                "content": content,
                "sub_items": "制定方案\n组织实施",
                "responsible_unit": unit.pk,
                "due_on": "2026-11-30",
                "supervising_section": org.supervision_section.pk,
            },
        )
        assert response.status_code == 302
    assert meeting.decisions.count() == 2
    c.post(meeting_url(meeting, "draft_minutes"))
    edit = reverse("meetings:minutes_edit", args=[meeting.uuid])
    form = c.get(edit)
    assert form.status_code == 200
    minutes = meeting.minutes
    c.post(
        edit,
        {
            "title": minutes.title,
            "body_text": "2026年9月29日，王建国主持召开常务会议。\n一、关于调整区属学校布局的议题\n会议同意方案一。",
            "version": minutes.version,
        },
    )
    minutes.refresh_from_db()
    assert minutes.body[1] == {"level": 1, "text": "一、关于调整区属学校布局的议题"}
    c.post(meeting_url(meeting, "submit_minutes"), {"version": minutes.version})

    # only the presiding leader signs (MTG-14); the clerk is refused
    assert c.post(meeting_url(meeting, "sign_minutes")).status_code == 403
    c = as_user(client, org.head)
    c.post(meeting_url(meeting, "sign_minutes"))
    minutes.refresh_from_db()
    assert minutes.state == MinutesState.SIGNED

    # the 纪要 download: attendance lines and decisions
    response = c.get(reverse("meetings:minutes_download", args=[meeting.uuid]))
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "请假：孙立新" in text and "合并两所小学" in text

    # the topic page shows both decisions with their ledger status; one closed
    page = c.get(topic_url(topic)).content.decode()
    assert page.count("ledger-status") == 2 and "合并两所小学" in page
    decision = meeting.decisions.get(position=1)
    item = decision.tracked_item
    from zhongshu.tracking.services import close_item

    item.results = ["两校已合并"]
    item.save(update_fields=["results"])
    close_item(actor=None, item=item, outcome="两校已合并")
    page = c.get(topic_url(topic)).content.decode()
    assert str(ItemState(ItemState.CLOSED).label) in page


def test_refusal_is_shown_with_rule_and_basis(client, org, clock):
    """MTG-3: a topic requested 14 working days before a meeting the week after National
    Day is late; scheduling it without an urgent reason is refused on the page."""
    clock.set(at(2026, 9, 21, 10))
    topic = approved_topic(org)
    meeting = executive_meeting(org, at(2026, 10, 13, 9))
    c = as_user(client, org.clerk)
    c.post(meeting_url(meeting, "schedule"), {"topic": topic.pk, "minutes": 8})
    page = c.get(meeting_url(meeting)).content.decode()
    assert "（MTG-3）" in page and "依据" in page
    assert reverse("rules:rule_detail", args=["MTG-3"]) in page
    topic.refresh_from_db()
    assert topic.state == TopicState.APPROVED


def test_mtg_1_decision_without_quorum_is_refused_on_the_page(client, org, clock):
    clock.set(at(2026, 9, 22, 9))
    meeting = executive_meeting(org, at(2026, 9, 22, 9))
    mark_present(meeting, org.members[:2])
    services.hold_meeting(actor=org.clerk, meeting=meeting)
    c = as_user(client, org.clerk)
    c.post(
        meeting_url(meeting, "decision"),
        {"content": "建设新校区", "responsible_unit": org.edu.pk, "due_on": "2026-12-31"},
    )
    assert meeting.decisions.count() == 0
    page = c.get(meeting_url(meeting)).content.decode()
    assert "不足法定人数" in page and "（MTG-1）" in page


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        (None, 302),
        ("outsider", 404),  # another department, not a participant
        ("edu_staff", 404),  # not a participant, not the organiser
        ("clerk", 200),  # the office
        ("deputy", 200),  # a member
        ("supervisor", 200),  # supervision sees meetings
    ],
)
def test_meeting_page_permission_matrix(client, org, clock, who, expected):
    meeting = executive_meeting(org, at(2026, 9, 22, 9), approve=False)
    if who:
        client.force_login(getattr(org, who))
    assert client.get(meeting_url(meeting)).status_code == expected


@pytest.mark.parametrize(
    ("who", "action", "expected"),
    [
        ("edu_head", "submit", 404),  # cannot see it
        ("deputy", "submit", 403),  # sees it, does not run meetings
        ("deputy", "approve", 403),  # not the approver
        ("clerk", "approve", 403),
        ("head", "approve", 302),
        ("clerk", "submit", 302),
        ("clerk", "nonsense", 404),
    ],
)
def test_meeting_action_permission_matrix(client, org, clock, who, action, expected):
    meeting = executive_meeting(org, at(2026, 9, 22, 9), approve=False)
    if action == "approve":
        services.submit_meeting(actor=org.clerk, meeting=meeting)
    client.force_login(getattr(org, who))
    assert client.post(meeting_url(meeting, action)).status_code == expected


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        (None, 302),
        ("outsider", 404),  # another department
        ("fin_head", 404),
        ("edu_staff", 200),  # the lead unit
        ("deputy", 200),  # the deputy head reviewing it
        ("head", 200),
        ("clerk", 200),
    ],
)
def test_topic_page_permission_matrix(client, org, clock, who, expected):
    clock.set(at(2026, 9, 1, 10))
    topic = approved_topic(org)
    if who:
        client.force_login(getattr(org, who))
    assert client.get(topic_url(topic)).status_code == expected


@pytest.mark.parametrize(
    ("who", "action", "expected"),
    [
        ("edu_staff", "propose", 403),  # the requester does not review
        ("deputy2", "propose", 403),  # another deputy: not the reviewer
        ("head", "propose", 403),  # the head approves, the deputy proposes
        ("deputy", "propose", 302),
        ("deputy", "approve", 403),
    ],
)
def test_topic_action_permission_matrix(client, org, clock, who, action, expected):
    from .factories import requested_topic

    clock.set(at(2026, 9, 1, 10))
    topic = requested_topic(org)
    client.force_login(getattr(org, who))
    response = client.post(topic_url(topic, action), {"opinion": "同意。"})
    assert response.status_code == expected


def test_three_administrators_see_no_meetings(client, org):
    from zhongshu.accounts.tests.factories import UserFactory

    admin = UserFactory(admin_role="system", person=None)
    client.force_login(admin)
    for name in ("meeting_list", "topic_list", "calendar", "plan"):
        assert client.get(reverse(f"meetings:{name}")).status_code == 403


def test_lists_filter_and_bounded_queries(client, org, clock, django_assert_max_num_queries):
    clock.set(at(2026, 9, 1, 10))
    for day in range(1, 16):
        executive_meeting(org, at(2026, 10, day, 9), approve=False)
    for n in range(12):
        approved_topic(org, title=f"议题{n}")
    c = as_user(client, org.clerk)
    with django_assert_max_num_queries(14):
        response = c.get(reverse("meetings:meeting_list"))
    assert response.status_code == 200 and response.content.decode().count("常务会议") >= 15
    with django_assert_max_num_queries(14):
        response = c.get(reverse("meetings:topic_list"), {"state": "approved"})
    assert response.content.decode().count("议题") >= 12
    response = c.get(
        reverse("meetings:meeting_list"),
        {"starts_after": "2026-10-02", "starts_before": "2026-10-02"},
    )
    assert response.content.decode().count("常务会议</a>") == 1
    response = c.get(reverse("meetings:meeting_list"), {"q": "第3次"}, HTTP_HX_REQUEST="true")
    assert "第3次" in response.content.decode() and "第4次" not in response.content.decode()


def test_calendar_week_month_and_ical_feed(client, org, clock, django_assert_max_num_queries):
    clock.set(at(2026, 10, 12, 8))
    meeting = executive_meeting(org, at(2026, 10, 13, 9))
    executive_meeting(org, at(2026, 11, 20, 9))
    c = as_user(client, org.deputy)
    with django_assert_max_num_queries(14):
        week = c.get(reverse("meetings:calendar"), {"day": "2026-10-14"}).content.decode()
    assert meeting.display_name in week and "2026年第2次常务会议" not in week
    month = c.get(reverse("meetings:calendar"), {"view": "month", "day": "2026-11-03"})
    assert "2026年第2次常务会议" in month.content.decode()
    other = c.get(
        reverse("meetings:calendar"), {"day": "2026-10-14", "room": "没有这个会议室"}
    ).content.decode()
    assert meeting.display_name not in other
    # a crowded day in the month view: five shown, the rest behind a link to its week
    for hour in range(8, 15):
        services.create_meeting(
            actor=org.clerk,
            type=MeetingType.SPECIAL,
            meeting_class=3,
            title=f"专题会议{hour}",
            starts_at=at(2026, 11, 4, hour),
            ends_at=at(2026, 11, 4, hour, 50),
            presiding=org.deputy.person,
            organiser=org.edu,
            mode="video",
        )
    with django_assert_max_num_queries(14):
        month = c.get(reverse("meetings:calendar"), {"view": "month", "day": "2026-11-03"})
    assert "另有 2 个会议" in month.content.decode()
    feed = c.get(reverse("meetings:calendar_feed"))
    body = feed.content.decode()
    assert feed["Content-Type"].startswith("text/calendar")
    assert body.startswith("BEGIN:VCALENDAR") and f"UID:{meeting.uuid}@zhongshu" in body
    assert "DTSTART:20261013T010000Z" in body  # 09:00 Asia/Shanghai


def test_mtg_8_annual_plan_pages(client, org, clock):
    clock.set(at(2026, 12, 1, 10))
    c = as_user(client, org.edu_head)
    c.post(
        reverse("meetings:plan_act", args=["propose"]),
        {
            "year": 2027,
            "title": "全区教育工作会议",
            "unit": org.edu.pk,
            "meeting_class": 1,
            "month": 3,
            "participants": 200,
        },
    )
    entry = PlanEntry.objects.get()
    c = as_user(client, org.fin_head)  # another department
    page = c.get(reverse("meetings:plan"), {"year": 2027}).content.decode()
    assert "全区教育工作会议" not in page
    c = as_user(client, org.deputy)
    c.post(reverse("meetings:plan_act", args=["endorse"]), {"year": 2027, "entry": entry.uuid})
    c = as_user(client, org.clerk)
    c.post(reverse("meetings:plan_act", args=["compile"]), {"year": 2027})
    entry.refresh_from_db()
    assert entry.state == PlanEntryState.IN_PLAN
    # a change without a written reason is refused with MTG-8
    c.post(
        reverse("meetings:plan_act", args=["change"]),
        {"year": 2027, "entry": entry.uuid, "reason": "", "month": 4},
    )
    page = c.get(reverse("meetings:plan"), {"year": 2027}).content.decode()
    assert "MTG-8" in page
    c.post(
        reverse("meetings:plan_act", args=["drop"]),
        {"year": 2027, "entry": entry.uuid, "reason": "与省会合并召开。"},
    )
    entry.refresh_from_db()
    assert entry.state == PlanEntryState.DROPPED and entry.change_reason == "与省会合并召开。"


def test_meeting_form_refuses_a_class_2_meeting_not_in_the_plan_without_a_reason(client, org):
    c = as_user(client, org.clerk)
    response = c.post(
        reverse("meetings:meeting_create"),
        {
            "type": MeetingType.DISTRICT,
            "meeting_class": 2,
            "starts_at": "2026-09-29T09:00",
            "ends_at": "2026-09-29T11:00",
            "mode": "video",
            "presiding": org.deputy.person.pk,
            "organiser": org.edu.pk,
        },
    )
    assert response.status_code == 422
    assert "MTG-8" in response.content.decode()
    assert not Meeting.objects.exists()


def test_concurrent_agenda_edits_conflict_on_the_page(client, org, clock):
    """Two clerks add to the same agenda from the same page: the second is told."""
    meeting = executive_meeting(org, at(2026, 9, 22, 9), approve=False)
    seen = meeting.version
    c = as_user(client, org.clerk)
    c.post(meeting_url(meeting, "agenda"), {"title": "通报", "minutes": 5, "version": seen})
    c.post(meeting_url(meeting, "agenda"), {"title": "其他", "minutes": 5, "version": seen})
    assert list(meeting.agenda.values_list("title", flat=True)) == ["通报"]
    page = c.get(meeting_url(meeting)).content.decode()
    assert "已被他人修改" in page


def test_mtg_1_meeting_bodies_page(client, org):
    from zhongshu.meetings.models import MeetingBody

    c = as_user(client, org.deputy)  # sees, cannot set
    page = c.get(reverse("meetings:bodies")).content.decode()
    section = page.split('id="body-executive"')[1].split("</section>")[0]
    assert all(p.name in section for p in org.members) and "<summary>设置" not in page
    assert c.post(reverse("meetings:body_set", args=["plenary"])).status_code == 403
    c = as_user(client, org.clerk)
    response = c.post(
        reverse("meetings:body_set", args=["plenary"]),
        {
            "plenary-convener": org.head.person.pk,
            "plenary-members": [p.pk for p in org.members] + [org.edu_head.person.pk],
        },
    )
    assert response.status_code == 302
    body = MeetingBody.objects.get(type=MeetingType.PLENARY)
    assert body.members.count() == 6 and body.convener == org.head.person
    assert c.post(reverse("meetings:body_set", args=["district"])).status_code == 404


def test_meeting_page_queries_do_not_grow_with_participants_or_decisions(client, org, clock):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    clock.set(at(2026, 9, 22, 9))
    meeting = executive_meeting(org, at(2026, 9, 22, 9))
    c = as_user(client, org.clerk)

    def count() -> int:
        c.get(meeting_url(meeting))  # warm: caches filled once per change
        with CaptureQueriesContext(connection) as captured:
            assert c.get(meeting_url(meeting)).status_code == 200
        # the rule catalogue checks its revision now and then: not the page's own reading
        return sum(1 for q in captured if "rules_cataloguestate" not in q["sql"])

    services.add_participants(actor=org.clerk, meeting=meeting, names=[("甲", "某局")] * 10)
    few = count()
    services.add_participants(actor=org.clerk, meeting=meeting, names=[("乙", "某局")] * 40)
    meeting.participants.filter(name="乙").update(attendance="present")
    assert count() == few
    mark_present(meeting, org.members)
    services.hold_meeting(actor=org.clerk, meeting=meeting)
    services.record_decision(
        actor=org.clerk,
        meeting=meeting,
        content="事项一",
        responsible_unit=org.edu,
        due_on=dt.date(2026, 12, 31),
    )
    one = count()
    for n in range(5):
        services.record_decision(
            actor=org.clerk,
            meeting=meeting,
            content=f"事项{n}",
            responsible_unit=org.fin,
            due_on=dt.date(2026, 12, 31),
        )
    assert count() == one
