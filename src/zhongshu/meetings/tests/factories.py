"""Helpers that walk meetings and topics through the services to a given state."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from zhongshu.meetings import services
from zhongshu.meetings.choices import Attendance, MeetingType, Mode


def pdf_upload(name: str = "材料.pdf") -> SimpleUploadedFile:
    body = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def executive_meeting(org, starts_at: dt.datetime, *, approve: bool = True):
    meeting = services.create_meeting(
        actor=org.clerk,
        type=MeetingType.EXECUTIVE,
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=3),
        presiding=org.head.person,
        organiser=org.office,
        mode=Mode.IN_PERSON,
        room="区政府第一会议室",
    )
    if approve:
        services.submit_meeting(actor=org.clerk, meeting=meeting)
        services.approve_meeting(actor=org.head, meeting=meeting)
    meeting.refresh_from_db()
    return meeting


def requested_topic(org, **fields):
    values = {
        "title": "关于调整区属学校布局的议题",
        "reason": "学龄人口变化，需调整学校布局。",
        "explanation": "方案一：合并两校；方案二：新建一校。",
        "recommended_option": "建议采用方案一。",
    }
    values.update(fields)
    topic = services.save_topic(actor=org.edu_staff, **values)
    services.add_topic_material(
        actor=org.edu_staff, topic=topic, title="调整方案", file=pdf_upload()
    )
    services.request_topic(actor=org.edu_staff, topic=topic)
    topic.refresh_from_db()
    return topic


def approved_topic(org, **fields):
    topic = requested_topic(org, **fields)
    services.propose_topic(actor=org.deputy, topic=topic, opinion="同意提请常务会议研究。")
    services.approve_topic(actor=org.head, topic=topic)
    topic.refresh_from_db()
    return topic


def sign_in(meeting, people, present=True):
    for seat in meeting.participants.filter(person__in=people):
        services.take_attendance(actor=None, participant=seat, present=present)


def mark_present(meeting, people):
    meeting.participants.filter(person__in=people).update(attendance=Attendance.PRESENT)


def rules_of(exc) -> set[str]:
    """The rule IDs of a refusal caught with ``pytest.raises(RuleViolation)``."""
    return {v.rule for v in exc.value.violations}


def api(user=None):
    """An API client, authenticated as ``user`` when given."""
    from rest_framework.test import APIClient

    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client
