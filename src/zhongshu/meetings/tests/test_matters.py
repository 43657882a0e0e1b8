"""MTG-2 on outgoing documents (三重一大 without a collective meeting's decision is
flagged on the document), MTG-6 emergency decisions (flagged on the next meeting of the
body until reported there), MTG-10 in the city profile (one comprehensive meeting per
department per year) and MTG-16 (the head's office meeting is not reported) — services,
pages and API, with real 2026 dates."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from zhongshu.framework.errors import RuleViolation
from zhongshu.meetings import checks, integration, services
from zhongshu.meetings.choices import (
    EmergencyState,
    MajorMatter,
    MeetingClass,
    MeetingType,
    Mode,
)
from zhongshu.meetings.models import EmergencyDecision, Meeting
from zhongshu.org.tests.factories import PersonFactory
from zhongshu.outgoing import hooks
from zhongshu.outgoing import services as outgoing

from .conftest import at
from .factories import api, approved_topic, executive_meeting, mark_present, rules_of

pytestmark = pytest.mark.django_db


def _city_profile(org):
    from zhongshu.accounts.tests.factories import UserFactory
    from zhongshu.rules.services import activate_profile

    admin = UserFactory(person=PersonFactory(unit=org.office), roles=["office_admin"])
    activate_profile(actor=admin, code="city")


# --- MTG-2 on outgoing documents ---------------------------------------------------------
def draft(org, user=None):
    user = user or org.edu_staff
    return outgoing.create_draft(
        actor=user, data={"title": "示范区教育局关于安排学校改扩建专项资金的通知"}
    )


def decided_topic(org, *, meeting_type=MeetingType.EXECUTIVE, major=MajorMatter.FUNDS):
    """A topic on the funds, approved on 3 August 2026, decided at a meeting on
    1 September 2026 with a quorum."""
    from zhongshu.meetings.choices import TopicState

    topic = approved_topic(org, major_matter=major, meeting_type=meeting_type)
    if meeting_type == MeetingType.EXECUTIVE:
        meeting = executive_meeting(org, at(2026, 9, 1, 9))
    else:
        meeting = services.create_meeting(
            actor=org.clerk,
            type=meeting_type,
            starts_at=at(2026, 9, 1, 9),
            ends_at=at(2026, 9, 1, 11),
            presiding=org.head.person,
            organiser=org.office,
            mode=Mode.IN_PERSON,
        )
        services.submit_meeting(actor=org.clerk, meeting=meeting)
        services.approve_meeting(actor=org.head, meeting=meeting)
        meeting.refresh_from_db()
    services.schedule_topic(actor=org.clerk, topic=topic, meeting=meeting, urgent_reason="急需")
    topic.refresh_from_db()
    mark_present(meeting, org.members[:3])
    meeting.refresh_from_db()
    services.hold_meeting(actor=org.clerk, meeting=meeting)
    services.record_decision(
        actor=org.clerk,
        meeting=meeting,
        topic=topic,
        content="同意安排学校改扩建专项资金3000万元",
        responsible_unit=org.edu,
        due_on=dt.date(2026, 12, 31),
    )
    topic.refresh_from_db()
    assert topic.state == TopicState.DECIDED
    return topic


def test_mtg_2_outgoing_document_on_a_major_matter_without_a_meeting_is_flagged(org, clock):
    clock.set(at(2026, 8, 3, 9))
    document = draft(org)
    assert hooks.flags(document) == []  # not a matter of 三重一大
    services.mark_document_matter(
        actor=org.edu_staff, document=document, major_matter=MajorMatter.FUNDS
    )
    (flag,) = hooks.flags(document)
    assert flag.rule == "MTG-2" and "大额度资金使用" in flag.message
    assert "尚未关联" in flag.message
    clock.set(at(2026, 8, 3, 10))
    topic = decided_topic(org)
    services.mark_document_matter(
        actor=org.edu_staff, document=document, major_matter=MajorMatter.FUNDS, topic=topic
    )
    assert hooks.flags(document) == []
    # removing the mark removes the flag; the audit keeps both
    services.mark_document_matter(actor=org.edu_staff, document=document, major_matter="")
    assert hooks.flags(document) == []


def test_mtg_2_topic_not_yet_decided_or_decided_at_head_office_meeting_keeps_the_flag(org, clock):
    from zhongshu.meetings.choices import TopicState

    clock.set(at(2026, 8, 3, 9))
    pending = approved_topic(org, major_matter=MajorMatter.PROJECT)
    document = draft(org)
    services.mark_document_matter(
        actor=org.edu_staff, document=document, major_matter=MajorMatter.PROJECT, topic=pending
    )
    assert "尚未经会议研究决定" in hooks.flags(document)[0].message
    # a topic the head's office meeting decided (not a matter of 三重一大 there) does not count
    ordinary = decided_topic(org, meeting_type=MeetingType.HEAD_OFFICE, major="")
    assert ordinary.state == TopicState.DECIDED
    services.mark_document_matter(
        actor=org.edu_staff, document=document, major_matter=MajorMatter.PROJECT, topic=ordinary
    )
    (flag,) = hooks.flags(document)
    assert flag.rule == "MTG-2" and "全体会议、常务会议或党组会议" in flag.message
    assert integration.major_matter_flag(MajorMatter.PROJECT, ordinary).rule == "MTG-2"


def test_mtg_2_flag_and_link_on_the_outgoing_page_and_api(client, org, clock):
    clock.set(at(2026, 8, 3, 9))
    document = draft(org)
    client.force_login(org.edu_staff)
    page = client.get(reverse("outgoing:detail", args=[document.uuid])).content.decode()
    link = reverse("meetings:document_matter", args=[document.uuid])
    assert link in page
    # the drafter marks it on the meetings page
    assert client.get(link).status_code == 200
    response = client.post(link, {"major_matter": MajorMatter.DECISION, "topic": ""})
    assert response.status_code == 302
    page = client.get(reverse("outgoing:detail", args=[document.uuid])).content.decode()
    assert "（MTG-2）" in page and "依据" in page
    data = api(org.edu_staff).get(f"/api/v1/outgoing/documents/{document.uuid}/").json()
    assert [f["rule"] for f in data["flags"]] == ["MTG-2"]
    # the API links the decided topic: the flag goes
    clock.set(at(2026, 8, 3, 10))
    topic = decided_topic(org)
    url = f"/api/v1/meetings/document-matters/{document.uuid}/"
    response = api(org.edu_staff).put(
        url, {"major_matter": "decision", "topic": str(topic.uuid)}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["flags"] == [] and response.json()["topic"] == str(topic.uuid)
    data = api(org.edu_staff).get(f"/api/v1/outgoing/documents/{document.uuid}/").json()
    assert data["flags"] == []


def test_mtg_2_marking_permissions(client, org, clock):
    clock.set(at(2026, 8, 3, 9))
    document = draft(org)
    link = reverse("meetings:document_matter", args=[document.uuid])
    # someone outside the drafting unit does not see the document: 404
    client.force_login(org.outsider)
    assert client.get(link).status_code == 404
    url = f"/api/v1/meetings/document-matters/{document.uuid}/"
    assert api(org.outsider).put(url, {"major_matter": "funds"}, format="json").status_code == 404
    # a leader who sees every document but did not draft it cannot mark it
    client.force_login(org.deputy)
    assert client.get(link).status_code == 403
    page = client.get(reverse("outgoing:detail", args=[document.uuid])).content.decode()
    assert link not in page
    # the bad value is refused with the input rule
    response = api(org.edu_staff).put(url, {"major_matter": "bogus"}, format="json")
    assert response.status_code == 400


# --- MTG-6 emergency decisions -----------------------------------------------------------
def flood_decision(org, **fields):
    values = {
        "decided_by": org.deputy2.person,
        "decided_at": at(2026, 7, 21, 2, 30),
        "event": "7·21特大暴雨城区内涝",
        "content": "启动防汛Ⅱ级应急响应，调拨抢险资金500万元",
        "meeting_type": MeetingType.EXECUTIVE,
    }
    values.update(fields)
    return services.record_emergency_decision(actor=org.clerk, **values)


def test_mtg_6_emergency_decision_is_flagged_on_the_next_meeting_until_reported(org, clock):
    clock.set(at(2026, 7, 14, 8))
    earlier = executive_meeting(org, at(2026, 7, 14, 9))
    clock.set(at(2026, 7, 21, 8))
    decision = flood_decision(org, major_matter=MajorMatter.FUNDS)
    assert decision.state == EmergencyState.PENDING
    following = executive_meeting(org, at(2026, 7, 28, 9))
    assert checks.pending_emergency(earlier) == []  # held before the decision
    assert checks.pending_emergency(following) == [decision]
    assert checks.next_meeting(decision) == following
    # a matter of 三重一大 decided without a meeting: MTG-2 as well, until reported
    assert [f.rule for f in checks.emergency_flags(decision)] == ["MTG-6", "MTG-2"]
    # not before the meeting is held
    with pytest.raises(RuleViolation) as exc:
        services.report_emergency_decision(actor=org.clerk, decision=decision, meeting=following)
    assert rules_of(exc) == {"MTG-6"} and exc.value.status == 409
    # not at another body's meeting
    clock.set(at(2026, 7, 28, 8))
    office = services.create_meeting(
        actor=org.clerk,
        type=MeetingType.HEAD_OFFICE,
        starts_at=at(2026, 7, 27, 15),
        ends_at=at(2026, 7, 27, 17),
        presiding=org.head.person,
        organiser=org.office,
        mode=Mode.IN_PERSON,
    )
    services.submit_meeting(actor=org.clerk, meeting=office)
    services.approve_meeting(actor=org.head, meeting=office)
    office.refresh_from_db()
    services.hold_meeting(actor=org.clerk, meeting=office)
    with pytest.raises(RuleViolation) as exc:
        services.report_emergency_decision(actor=org.clerk, decision=decision, meeting=office)
    assert rules_of(exc) == {"MTG-6"} and "常务会议" in exc.value.violations[0].message
    # reported at the executive meeting once held: the flag goes, here and later
    clock.set(at(2026, 7, 28, 9))
    services.hold_meeting(actor=org.clerk, meeting=following)
    following.refresh_from_db()
    services.report_emergency_decision(
        actor=org.clerk, decision=decision, meeting=following, note="会议予以确认"
    )
    decision.refresh_from_db()
    assert decision.state == EmergencyState.REPORTED and decision.meeting == following
    assert checks.emergency_flags(decision) == []
    assert checks.pending_emergency(following) == []
    later = executive_meeting(org, at(2026, 8, 11, 9), approve=False)
    assert checks.pending_emergency(later) == []
    with pytest.raises(RuleViolation) as exc:  # reported once
        services.report_emergency_decision(actor=org.clerk, decision=decision, meeting=later)
    assert rules_of(exc) == {"MTG_STATE"}


def test_mtg_6_emergency_decision_is_taken_by_the_head_or_a_deputy_head(org, clock):
    clock.set(at(2026, 7, 21, 8))
    with pytest.raises(RuleViolation) as exc:
        flood_decision(org, decided_by=org.edu_head.person)
    assert rules_of(exc) == {"MTG-6"}
    with pytest.raises(RuleViolation) as exc:
        flood_decision(org, event=" ")
    assert rules_of(exc) == {"MTG-6"}
    with pytest.raises(RuleViolation) as exc:  # not in the future
        flood_decision(org, decided_at=at(2026, 7, 22, 9))
    assert rules_of(exc) == {"MTG_INVALID"}
    assert flood_decision(org, decided_by=org.head.person).decided_by == org.head.person


def test_mtg_6_pages_flag_and_report_on_the_meeting(client, org, clock):
    clock.set(at(2026, 7, 21, 8))
    client.force_login(org.clerk)
    response = client.post(
        reverse("meetings:emergency_list"),
        {
            "decided_by": org.deputy2.person.pk,
            "decided_at": "2026-07-21T02:30",
            "event": "7·21特大暴雨城区内涝",
            "content": "启动防汛Ⅱ级应急响应",
            "meeting_type": MeetingType.EXECUTIVE,
            "major_matter": "",
        },
    )
    assert response.status_code == 302
    meeting = executive_meeting(org, at(2026, 7, 28, 9))
    listing = client.get(reverse("meetings:emergency_list")).content.decode()
    assert "7·21特大暴雨城区内涝" in listing and meeting.display_name in listing
    page = client.get(reverse("meetings:meeting_detail", args=[meeting.uuid])).content.decode()
    assert "临机处置“7·21特大暴雨城区内涝”" in page and "（MTG-6）" in page and "依据" in page
    assert reverse("meetings:emergency_report", args=[meeting.uuid]) not in page  # not held
    clock.set(at(2026, 7, 28, 9))
    services.hold_meeting(actor=org.clerk, meeting=meeting)
    client.force_login(org.clerk)  # a week later: a new session
    response = client.get(reverse("meetings:meeting_detail", args=[meeting.uuid]))
    assert response.status_code == 200, response
    page = response.content.decode()
    assert reverse("meetings:emergency_report", args=[meeting.uuid]) in page
    decision = EmergencyDecision.objects.get()
    response = client.post(
        reverse("meetings:emergency_report", args=[meeting.uuid]),
        {"decision": decision.uuid, "version": decision.version, "note": "会议予以确认"},
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.state == EmergencyState.REPORTED
    # a department's liaison sees none of it and cannot record one
    client.force_login(org.outsider)
    listing = client.get(reverse("meetings:emergency_list")).content.decode()
    assert "7·21特大暴雨城区内涝" not in listing
    assert client.post(reverse("meetings:emergency_list"), {}).status_code == 403


def test_mtg_6_api_records_lists_and_reports(org, clock, django_assert_max_num_queries):
    clock.set(at(2026, 7, 21, 8))
    url = "/api/v1/meetings/emergency-decisions/"
    body = {
        "decided_by": str(org.deputy2.person.uuid),
        "decided_at": "2026-07-21T02:30:00+08:00",
        "event": "7·21特大暴雨城区内涝",
        "content": "启动防汛Ⅱ级应急响应",
    }
    response = api(org.clerk).post(url, body, format="json")
    assert response.status_code == 201, response.content
    assert [f["rule"] for f in response.json()["flags"]] == ["MTG-6"]
    bad = api(org.clerk).post(url, {**body, "decided_by": str(org.edu_head.person.uuid)})
    assert bad.status_code == 422 and bad.json()["errors"][0]["rule"] == "MTG-6"
    assert api(org.outsider).post(url, body, format="json").status_code == 403
    for day in range(22, 30):
        clock.set(at(2026, 7, day, 8))
        flood_decision(org, decided_at=at(2026, 7, day, 2))
    with django_assert_max_num_queries(8):
        listing = api(org.clerk).get(url)
    assert len(listing.json()["results"]) == 9
    assert api(org.outsider).get(url).json()["results"] == []
    meeting = executive_meeting(org, at(2026, 7, 30, 9))
    detail = api(org.clerk).get(f"/api/v1/meetings/meetings/{meeting.uuid}/").json()
    assert len(detail["emergency_decisions"]) == 9
    assert {f["rule"] for d in detail["emergency_decisions"] for f in d["flags"]} == {"MTG-6"}
    clock.set(at(2026, 7, 30, 9))
    services.hold_meeting(actor=org.clerk, meeting=meeting)
    first = response.json()["uuid"]
    response = api(org.clerk).post(
        f"/api/v1/meetings/meetings/{meeting.uuid}/report-emergency/",
        {"decision": first, "note": "确认"},
        format="json",
    )
    assert response.status_code == 200, response.content
    reported = [d for d in response.json()["emergency_decisions"] if d["uuid"] == first]
    assert reported[0]["state"] == "reported" and reported[0]["flags"] == []


# --- MTG-10 (city profile): one comprehensive meeting per department per year -----------
def comprehensive(org, starts_at, unit=None, **fields):
    return services.create_meeting(
        actor=org.clerk,
        type=MeetingType.DISTRICT,
        meeting_class=MeetingClass.CLASS_2,
        title="全市教育工作会议",
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=2),
        presiding=org.deputy.person,
        organiser=unit or org.edu,
        mode=Mode.VIDEO,
        unplanned_reason="年度综合性工作会议",
        comprehensive=True,
        **fields,
    )


def test_mtg_10_city_profile_one_comprehensive_meeting_per_department_per_year(org, clock):
    clock.set(at(2026, 2, 2, 9))
    # the district profile sets no such limit
    comprehensive(org, at(2026, 2, 10, 9))
    comprehensive(org, at(2026, 3, 10, 9))
    _city_profile(org)
    with pytest.raises(RuleViolation) as exc:
        comprehensive(org, at(2026, 4, 14, 9))
    assert rules_of(exc) == {"MTG-10"}
    assert exc.value.violations[0].field == "comprehensive"
    assert "2026年已安排2次综合性工作会议，每年原则上只安排1次" in exc.value.violations[0].message
    # another department, next year, or an ordinary meeting: fine
    comprehensive(org, at(2026, 4, 14, 9), unit=org.fin)
    comprehensive(org, at(2027, 2, 9, 9))
    # a cancelled comprehensive meeting does not count
    fin_first = Meeting.objects.get(organiser=org.fin, comprehensive=True)
    services.cancel_meeting(actor=org.clerk, meeting=fin_first, reason="改为视频会议另行安排")
    comprehensive(org, at(2026, 5, 12, 9), unit=org.fin)


def test_mtg_10_city_profile_comprehensive_meeting_is_outside_the_100_cap(org, clock):
    clock.set(at(2026, 2, 2, 9))
    _city_profile(org)
    meeting = comprehensive(org, at(2026, 2, 10, 9))
    names = [(f"校长{i}", "市属学校") for i in range(150)]
    services.add_participants(actor=org.clerk, meeting=meeting, names=names)
    assert meeting.participants.count() == 150
    ordinary = services.create_meeting(
        actor=org.clerk,
        type=MeetingType.DISTRICT,
        meeting_class=MeetingClass.CLASS_2,
        title="全市校园安全专题会议",
        starts_at=at(2026, 2, 11, 9),
        ends_at=at(2026, 2, 11, 11),
        presiding=org.deputy.person,
        organiser=org.edu,
        mode=Mode.VIDEO,
        unplanned_reason="专项工作",
    )
    with pytest.raises(RuleViolation) as exc:
        services.add_participants(actor=org.clerk, meeting=ordinary, names=names)
    assert rules_of(exc) == {"MTG-10"} and "不得超过100人" in exc.value.violations[0].message


def test_mtg_10_comprehensive_meeting_refused_over_the_api_and_the_form(client, org, clock):
    clock.set(at(2026, 2, 2, 9))
    _city_profile(org)
    comprehensive(org, at(2026, 2, 10, 9))
    body = {
        "type": "district",
        "meeting_class": 2,
        "title": "全市教育工作推进会",
        "starts_at": "2026-06-09T09:00:00+08:00",
        "ends_at": "2026-06-09T11:00:00+08:00",
        "mode": "video",
        "presiding": str(org.deputy.person.uuid),
        "organiser": str(org.edu.uuid),
        "unplanned_reason": "年中推进",
        "comprehensive": True,
    }
    response = api(org.clerk).post("/api/v1/meetings/meetings/", body, format="json")
    assert response.status_code == 422
    assert response.json()["errors"][0]["rule"] == "MTG-10"
    client.force_login(org.clerk)
    response = client.post(
        reverse("meetings:meeting_create"),
        {
            "type": "district",
            "meeting_class": 2,
            "title": "全市教育工作推进会",
            "starts_at": "2026-06-09T09:00",
            "ends_at": "2026-06-09T11:00",
            "mode": "video",
            "presiding": org.deputy.person.pk,
            "organiser": org.edu.pk,
            "unplanned_reason": "年中推进",
            "comprehensive": "on",
        },
    )
    assert response.status_code == 422
    assert "每年原则上只安排1次" in response.content.decode()


# --- MTG-16 news -------------------------------------------------------------------------
def held(org, meeting_type, presiding, day=22):
    meeting = services.create_meeting(
        actor=org.clerk,
        type=meeting_type,
        starts_at=at(2026, 9, day, 9),
        ends_at=at(2026, 9, day, 11),
        presiding=presiding,
        organiser=org.office,
        mode=Mode.IN_PERSON,
    )
    services.submit_meeting(actor=org.clerk, meeting=meeting)
    services.approve_meeting(actor=org.head, meeting=meeting)
    meeting.refresh_from_db()
    services.hold_meeting(actor=org.clerk, meeting=meeting)
    meeting.refresh_from_db()
    return meeting


def test_mtg_16_the_head_office_meeting_is_not_reported(client, org, clock):
    clock.set(at(2026, 9, 22, 9))
    meeting = held(org, MeetingType.HEAD_OFFICE, org.head.person)
    with pytest.raises(RuleViolation) as exc:
        services.save_news(actor=org.clerk, meeting=meeting, text="区长办公会议研究了……")
    assert rules_of(exc) == {"MTG-16"}
    response = api(org.clerk).post(
        f"/api/v1/meetings/meetings/{meeting.uuid}/news/", {"text": "消息"}, format="json"
    )
    assert response.status_code == 422 and response.json()["errors"][0]["rule"] == "MTG-16"
    client.force_login(org.clerk)
    page = client.get(reverse("meetings:meeting_detail", args=[meeting.uuid])).content.decode()
    assert "区长办公会议一般不作报道（MTG-16）" in page
    assert reverse("meetings:meeting_act", args=[meeting.uuid, "news"]) not in page


def test_mtg_16_news_draft_over_the_deputy_head_limit_is_flagged_on_page_and_api(
    client, org, clock
):
    clock.set(at(2026, 9, 22, 9))
    meeting = services.create_meeting(
        actor=org.clerk,
        type=MeetingType.DISTRICT,
        meeting_class=MeetingClass.CLASS_2,
        title="全区秋季开学工作会议",
        starts_at=at(2026, 9, 22, 9),
        ends_at=at(2026, 9, 22, 11),
        presiding=org.deputy.person,
        organiser=org.edu,
        mode=Mode.VIDEO,
        unplanned_reason="开学工作",
    )
    services.submit_meeting(actor=org.clerk, meeting=meeting)
    services.approve_meeting(actor=org.deputy, meeting=meeting)
    meeting.refresh_from_db()
    services.hold_meeting(actor=org.clerk, meeting=meeting)
    meeting.refresh_from_db()
    warnings = services.save_news(actor=org.clerk, meeting=meeting, text="字" * 520, seconds=50)
    assert [w.rule for w in warnings] == ["MTG-16"]
    meeting.refresh_from_db()
    assert meeting.news_text == "字" * 520  # the draft is kept, the warning shown
    client.force_login(org.clerk)
    page = client.get(reverse("meetings:meeting_detail", args=[meeting.uuid])).content.decode()
    assert "文字稿不超过500字（现520字）。（MTG-16）" in page and "依据" in page
    news = api(org.clerk).get(f"/api/v1/meetings/meetings/{meeting.uuid}/").json()["news"]
    assert news["text"] == "字" * 520 and [w["rule"] for w in news["warnings"]] == ["MTG-16"]


def test_mtg_6_list_and_meeting_page_queries_do_not_grow_with_decisions(client, org, clock):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    clock.set(at(2026, 7, 31, 8))
    meeting = executive_meeting(org, at(2026, 8, 4, 9))
    client.force_login(org.clerk)

    def counts() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as listing:
            assert client.get(reverse("meetings:emergency_list")).status_code == 200
        with CaptureQueriesContext(connection) as page:
            assert (
                client.get(reverse("meetings:meeting_detail", args=[meeting.uuid])).status_code
                == 200
            )
        return len(listing), len(page)

    for day in (1, 2):
        flood_decision(org, decided_at=at(2026, 7, day, 3), major_matter=MajorMatter.FUNDS)
    counts()  # warm the caches (rule catalogue, content types)

    def fewest() -> tuple[int, int]:
        # a cache that expires on the wall clock may add a query to one request
        first, second = counts(), counts()
        return min(first[0], second[0]), min(first[1], second[1])

    few = fewest()
    for day in range(3, 28):
        flood_decision(org, decided_at=at(2026, 7, day, 3), major_matter=MajorMatter.FUNDS)
    assert fewest() == few


def test_mtg_10_city_profile_plans_one_comprehensive_meeting_per_department(org, clock):
    from zhongshu.meetings.choices import PlanEntryState

    clock.set(at(2026, 12, 1, 10))
    _city_profile(org)

    def propose(title, unit=None):
        return services.propose_plan_entry(
            actor=org.edu_head,
            year=2027,
            title=title,
            unit=unit or org.edu,
            meeting_class=MeetingClass.CLASS_1,
            month=3,
            participants=300,
            comprehensive=True,
        )

    entry = propose("2027年全市教育工作会议")
    with pytest.raises(RuleViolation) as exc:
        propose("2027年全市教育系统年中推进会")
    assert rules_of(exc) == {"MTG-10"} and "年度计划已列1次综合性工作会议" in str(exc.value)
    propose("2027年全市财政工作会议", unit=org.fin)
    response = api(org.edu_head).post(
        "/api/v1/meetings/plan-entries/",
        {
            "year": 2027,
            "title": "2027年全市教育系统年中推进会",
            "unit": str(org.edu.uuid),
            "meeting_class": 2,
            "month": 7,
            "comprehensive": True,
        },
        format="json",
    )
    assert response.status_code == 422 and response.json()["errors"][0]["rule"] == "MTG-10"
    # the planned meeting, once compiled, is that year's comprehensive meeting
    services.endorse_plan_entry(actor=org.deputy, entry=entry)
    plan = entry.plan
    services.compile_plan(actor=org.clerk, plan=plan)
    entry.refresh_from_db()
    assert entry.state == PlanEntryState.IN_PLAN
    clock.set(at(2027, 2, 1, 10))
    meeting = services.create_meeting(
        actor=org.clerk,
        type=MeetingType.DISTRICT,
        meeting_class=MeetingClass.CLASS_1,
        title=entry.title,
        starts_at=at(2027, 3, 9, 9),
        ends_at=at(2027, 3, 9, 11),
        presiding=org.head.person,
        organiser=org.edu,
        mode=Mode.VIDEO,
        plan_entry=entry,
    )
    assert meeting.comprehensive
    with pytest.raises(RuleViolation) as exc:
        comprehensive(org, at(2027, 9, 8, 9))
    assert rules_of(exc) == {"MTG-10"}
