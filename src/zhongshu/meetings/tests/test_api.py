"""API: the chain through /api/v1/meetings/ (topic → review → approval → meeting →
agenda → leave → attendance → decisions → minutes → signing → ledger status), errors with
rule IDs (409/422), ETag / If-Match, the permission matrix and query counts on lists."""

from __future__ import annotations

import datetime as dt

import pytest

from zhongshu.meetings import services
from zhongshu.meetings.choices import MeetingType, PlanEntryState

from .conftest import at
from .factories import api, approved_topic, executive_meeting, mark_present, pdf_upload

pytestmark = pytest.mark.django_db
MEETINGS = "/api/v1/meetings/meetings/"
TOPICS = "/api/v1/meetings/topics/"
PLAN = "/api/v1/meetings/plan-entries/"


def test_the_chain_through_the_api(org, clock):
    clock.set(at(2026, 9, 1, 10))
    staff = api(org.edu_staff)
    response = staff.post(
        TOPICS,
        {
            "title": "关于调整区属学校布局的议题",
            "reason": "学龄人口变化。",
            "explanation": "两个方案。",
            "recommended_option": "方案一。",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    topic = response.data["uuid"]
    # MTG-3: requesting without materials is refused with the rule
    response = staff.post(f"{TOPICS}{topic}/request/", {}, format="json")
    assert response.status_code == 422
    assert {e["rule"] for e in response.data["errors"]} == {"MTG-3"}
    response = staff.post(
        f"{TOPICS}{topic}/materials/",
        {"title": "调整方案", "file": pdf_upload(), "confidential": "true"},
        format="multipart",
    )
    assert response.data["materials"][0]["to_return"] is True  # MTG-17
    assert staff.post(f"{TOPICS}{topic}/request/").data["state"] == "requested"
    response = api(org.deputy).post(
        f"{TOPICS}{topic}/propose/", {"opinion": "同意提请。"}, format="json"
    )
    assert response.data["state"] == "proposed"
    assert api(org.head).post(f"{TOPICS}{topic}/approve/").data["state"] == "approved"

    clerk = api(org.clerk)
    response = clerk.post(
        MEETINGS,
        {
            "type": MeetingType.EXECUTIVE,
            "starts_at": "2026-09-29T09:00:00+08:00",
            "ends_at": "2026-09-29T12:00:00+08:00",
            "mode": "in_person",
            "room": "区政府第一会议室",
            "presiding": str(org.head.person.uuid),
            "organiser": str(org.office.uuid),
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    meeting = response.data["uuid"]
    assert response.data["display_name"] == "2026年第1次常务会议"
    assert response.data["quorum"] == {"members": 5, "present": 0, "needed": 3, "reached": False}
    response = clerk.post(
        f"{MEETINGS}{meeting}/schedule-topic/", {"topic": topic, "minutes": 10}, format="json"
    )
    assert str(response.data["agenda"][0]["topic"]) == topic
    clerk.post(f"{MEETINGS}{meeting}/submit/")
    assert api(org.head).post(f"{MEETINGS}{meeting}/approve/").data["state"] == "approved"

    response = api(org.deputy4).post(
        f"{MEETINGS}{meeting}/leave/", {"reason": "赴省里开会。"}, format="json"
    )
    seat = next(p for p in response.data["participants"] if p["name"] == "孙立新")
    leave = seat["leave_requests"][0]["uuid"]
    response = api(org.head).post(
        f"{MEETINGS}{meeting}/decide-leave/", {"leave": leave, "approve": True}, format="json"
    )
    seat = next(p for p in response.data["participants"] if p["name"] == "孙立新")
    assert seat["attendance"] == "on_leave"

    clock.set(at(2026, 9, 29, 9))
    for p in response.data["participants"]:
        if p["role"] == "member" and p["name"] != "孙立新":
            clerk.post(
                f"{MEETINGS}{meeting}/attendance/", {"participant": p["uuid"]}, format="json"
            )
    response = clerk.post(f"{MEETINGS}{meeting}/hold/")
    assert response.data["state"] == "held" and response.data["quorum"]["reached"] is True
    for content, unit in (("合并两所小学", org.edu), ("安排调整资金", org.fin)):
        response = clerk.post(
            f"{MEETINGS}{meeting}/decisions/",
            {
                "topic": topic,
                "content": content,
                "sub_items": ["制定方案", "组织实施"],
                "responsible_unit": str(unit.uuid),
                "due_on": "2026-11-30",
                "supervising_section": str(org.supervision_section.uuid),
            },
            format="json",
        )
        assert response.status_code == 200, response.content
    assert [d["ledger"] for d in response.data["decisions"]] == [None, None]
    clerk.post(f"{MEETINGS}{meeting}/draft-minutes/")
    response = clerk.post(
        f"{MEETINGS}{meeting}/edit-minutes/",
        {"body": [{"level": 0, "text": "会议研究了学校布局。"}]},
        format="json",
    )
    assert response.data["minutes"]["body"][0]["text"] == "会议研究了学校布局。"
    clerk.post(f"{MEETINGS}{meeting}/submit-minutes/")
    # MTG-14: the clerk may not sign (403), the presiding leader does
    assert clerk.post(f"{MEETINGS}{meeting}/sign-minutes/").status_code == 403
    response = api(org.head).post(f"{MEETINGS}{meeting}/sign-minutes/")
    assert response.data["minutes"]["state"] == "signed" and response.data["state"] == "closed"
    ledger = [d["ledger"] for d in response.data["decisions"]]
    assert all(line and line["state"] == "open" for line in ledger)
    assert ledger[0]["due_at"].startswith("2026-11-30")
    docx = api(org.head).get(f"{MEETINGS}{meeting}/minutes-docx/")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"

    response = api(org.edu_staff).get(f"{TOPICS}{topic}/")
    assert [d["content"] for d in response.data["decisions"]] == ["合并两所小学", "安排调整资金"]
    assert response.data["decisions"][0]["ledger"]["colour"] == "green"


def test_mtg_1_decision_without_quorum_answers_422_with_the_rule(org, clock):
    clock.set(at(2026, 9, 22, 9))
    meeting = executive_meeting(org, at(2026, 9, 22, 9))
    mark_present(meeting, org.members[:2])
    services.hold_meeting(actor=org.clerk, meeting=meeting)
    response = api(org.clerk).post(
        f"{MEETINGS}{meeting.uuid}/decisions/",
        {"content": "建设新校区", "responsible_unit": str(org.edu.uuid), "due_on": "2026-12-31"},
        format="json",
    )
    assert response.status_code == 422
    assert response.data["errors"][0]["rule"] == "MTG-1"


def test_state_refusal_is_409(org, clock):
    meeting = executive_meeting(org, at(2026, 9, 22, 9), approve=False)
    response = api(org.clerk).post(f"{MEETINGS}{meeting.uuid}/hold/")
    assert response.status_code == 409
    assert response.data["errors"][0]["rule"] == "MTG_STATE"


def test_mtg_10_participants_over_the_cap_answer_422(org, clock, settings):
    meeting = services.create_meeting(
        actor=org.clerk,
        type=MeetingType.SPECIAL,
        meeting_class=3,
        starts_at=at(2026, 9, 22, 9),
        ends_at=at(2026, 9, 22, 11),
        presiding=org.edu_head.person,
        organiser=org.edu,
        mode="video",
    )
    outsiders = [{"name": f"参会人{i}", "unit": "某单位"} for i in range(151)]
    response = api(org.clerk).post(
        f"{MEETINGS}{meeting.uuid}/participants/", {"outsiders": outsiders}, format="json"
    )
    assert response.status_code == 422 and response.data["errors"][0]["rule"] == "MTG-10"
    assert meeting.participants.count() == 0


def test_if_match_conflict_on_the_agenda(org, clock):
    """Concurrent edits to the agenda conflict instead of overwriting (412)."""
    meeting = executive_meeting(org, at(2026, 9, 22, 9), approve=False)
    clerk = api(org.clerk)
    etag = clerk.get(f"{MEETINGS}{meeting.uuid}/")["ETag"]
    first = clerk.post(
        f"{MEETINGS}{meeting.uuid}/agenda/", {"title": "通报"}, format="json", HTTP_IF_MATCH=etag
    )
    assert first.status_code == 200
    second = clerk.post(
        f"{MEETINGS}{meeting.uuid}/agenda/", {"title": "其他"}, format="json", HTTP_IF_MATCH=etag
    )
    assert second.status_code == 412
    assert [a["title"] for a in first.data["agenda"]] == ["通报"]


@pytest.mark.parametrize(
    ("who", "method", "path", "expected"),
    [
        (None, "get", "", 401),
        ("outsider", "get", "", 404),
        ("edu_staff", "get", "", 404),
        ("deputy", "get", "", 200),
        ("clerk", "get", "", 200),
        ("deputy", "post", "submit/", 403),
        ("head", "post", "sign-minutes/", 403),
        ("outsider", "post", "submit/", 404),
        ("clerk", "post", "submit/", 200),
    ],
)
def test_meeting_permission_matrix(org, clock, who, method, path, expected):
    meeting = executive_meeting(org, at(2026, 9, 22, 9), approve=False)
    client = api(getattr(org, who) if who else None)
    response = getattr(client, method)(f"{MEETINGS}{meeting.uuid}/{path}", {}, format="json")
    assert response.status_code == expected


@pytest.mark.parametrize(
    ("who", "path", "expected"),
    [
        ("outsider", "", 404),
        ("fin_head", "", 404),
        ("edu_staff", "", 200),
        ("deputy", "", 200),
        ("edu_staff", "propose/", 403),
        ("deputy", "approve/", 403),
        ("head", "approve/", 403),  # not yet proposed
    ],
)
def test_topic_permission_matrix(org, clock, who, path, expected):
    from .factories import requested_topic

    clock.set(at(2026, 9, 1, 10))
    topic = requested_topic(org)
    client = api(getattr(org, who))
    method = client.post if path else client.get
    response = method(f"{TOPICS}{topic.uuid}/{path}", {"opinion": "同意"}, format="json")
    assert response.status_code == expected


def test_administrators_get_no_business_data(org):
    from zhongshu.accounts.tests.factories import UserFactory

    admin = UserFactory(admin_role="system", person=None)
    for base in (MEETINGS, TOPICS, PLAN):
        response = api(admin).get(base)
        assert response.status_code in (403, 404) or response.data["results"] == []


def test_lists_scope_filters_and_bounded_queries(org, clock, django_assert_max_num_queries):
    clock.set(at(2026, 9, 1, 10))
    for day in range(1, 21):
        executive_meeting(org, at(2026, 10, day, 9), approve=False)
    for n in range(8):
        approved_topic(org, title=f"议题{n}")
    with django_assert_max_num_queries(8):
        response = api(org.clerk).get(MEETINGS, {"state": "draft"})
    assert len(response.data["results"]) == 20
    with django_assert_max_num_queries(8):
        response = api(org.clerk).get(TOPICS, {"state": "approved"})
    assert len(response.data["results"]) == 8
    assert api(org.outsider).get(TOPICS).data["results"] == []
    assert api(org.outsider).get(MEETINGS).data["results"] == []


def test_mtg_8_plan_through_the_api(org, clock):
    clock.set(at(2026, 12, 1, 10))
    response = api(org.edu_head).post(
        PLAN,
        {
            "year": 2027,
            "title": "全区教育工作会议",
            "unit": str(org.edu.uuid),
            "meeting_class": 1,
            "month": 3,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    entry = response.data["uuid"]
    assert api(org.deputy2).post(f"{PLAN}{entry}/endorse/").status_code == 403
    assert api(org.deputy).post(f"{PLAN}{entry}/endorse/").data["state"] == "endorsed"
    response = api(org.clerk).post(f"{PLAN}compile/", {"year": 2027}, format="json")
    assert response.data == {"year": 2027, "entries": 1}
    response = api(org.clerk).post(
        f"{PLAN}{entry}/change/", {"reason": "", "month": 4}, format="json"
    )
    assert response.status_code == 422 and response.data["errors"][0]["rule"] == "MTG-8"
    response = api(org.clerk).post(
        f"{PLAN}{entry}/change/", {"reason": "推迟。", "month": 4}, format="json"
    )
    assert response.data["state"] == PlanEntryState.CHANGED and response.data["month"] == 4
    assert api(org.fin_head).get(PLAN, {"year": 2027}).data["results"] == []


def test_mtg_3_late_topic_needs_an_urgent_reason_over_the_api(org, clock):
    """A topic requested 14 working days before a meeting the week after National Day."""
    clock.set(at(2026, 9, 21, 10))
    topic = approved_topic(org)
    meeting = executive_meeting(org, at(2026, 10, 13, 9))
    path = f"{MEETINGS}{meeting.uuid}/schedule-topic/"
    response = api(org.clerk).post(path, {"topic": str(topic.uuid)}, format="json")
    assert response.status_code == 422 and response.data["errors"][0]["rule"] == "MTG-3"
    response = api(org.clerk).post(
        path, {"topic": str(topic.uuid), "urgent_reason": "防汛急需"}, format="json"
    )
    assert response.status_code == 200
    topic.refresh_from_db()
    assert topic.late is True and dt.date(2026, 10, 13) == meeting.starts_at.date()


def test_mtg_5_congress_report_and_mtg_18_reports_over_the_api(org, clock):
    from zhongshu.meetings.choices import MajorMatter

    from .factories import requested_topic

    clock.set(at(2026, 9, 1, 10))
    topic = requested_topic(org, major_matter=MajorMatter.DECISION)
    response = api(org.edu_staff).post(
        f"{TOPICS}{topic.uuid}/congress-report/",
        {"reported_on": "2026-09-10", "note": "已书面报告"},
        format="json",
    )
    assert response.status_code == 200 and response.data["congress_reported_on"] == "2026-09-10"
    assert api(org.outsider).post(f"{TOPICS}{topic.uuid}/congress-report/").status_code == 404
    # MTG-18 is a city-profile rule: refused (409) in the district profile
    meeting = executive_meeting(org, at(2026, 10, 13, 9), approve=False)
    response = api(org.clerk).post(
        f"{MEETINGS}{meeting.uuid}/department-reports/",
        {"units": [str(org.edu.uuid), str(org.fin.uuid)]},
        format="json",
    )
    assert response.status_code == 409 and response.data["errors"][0]["rule"] == "MTG-18"
