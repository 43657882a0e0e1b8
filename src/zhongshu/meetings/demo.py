"""Demo meetings for the 示范区, each taken through the real services at the moments it
happened (the clock is replayed, so deadlines, colours and the audit trail are true to
the story): the bodies of the executive meeting and the head's office meeting; an
executive meeting held two weeks ago whose minutes are signed and whose two decisions are
in the supervision ledger; next week's executive meeting with its agenda, a leave request
waiting for the presiding leader and a topic under review; a class 2 video conference
from the annual plan; next year's plan being collected; a deputy head's emergency
decision to report at next week's executive meeting (MTG-6). Idempotent: nothing is created
when the held meeting exists."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from unittest import mock
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from zhongshu.accounts.models import User
from zhongshu.org.models import Section, Unit

from . import services
from .choices import MeetingClass, MeetingType, Mode, ParticipantRole
from .models import AnnualPlan, Meeting

HELD_TOPIC = "关于优化调整城区义务教育学校布局的议题"
NEXT_TOPIC = "关于实施老旧小区改造三年行动计划的议题"
REVIEW_TOPIC = "关于加快推进智慧停车项目建设的议题"


@contextlib.contextmanager
def _at(moment: dt.datetime) -> Iterator[None]:
    """Replay the services at ``moment`` (the deadline engine, states and audit)."""
    with mock.patch.object(timezone, "now", lambda: moment):
        yield


def _workday(day: dt.date, step: int = 1) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=step)
    return day


SH = ZoneInfo("Asia/Shanghai")


def _at_day(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=SH)


def _users() -> dict[str, User]:
    return {u.username: u for u in User.objects.select_related("person__unit")}


def _pdf(name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    body = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def _topic(users, unit_user: str, title: str, presenter: str, when: dt.datetime, **extra):
    u = users[unit_user]
    with _at(when):
        topic = services.save_topic(
            actor=u,
            title=title,
            reason=extra.pop("reason"),
            explanation=extra.pop("explanation"),
            recommended_option=extra.pop("recommended_option"),
            work_plan=extra.pop("work_plan", ""),
            presenter=users[presenter].person,
            **extra,
        )
        services.add_topic_material(
            actor=u,
            topic=topic,
            title=f"{title.removeprefix('关于').removesuffix('的议题')}方案",
            file=_pdf("方案.pdf"),
        )
        services.request_topic(actor=u, topic=topic)
    return topic


def _approve(users, topic, reviewer: str, when: dt.datetime) -> None:
    with _at(when):
        services.propose_topic(
            actor=users[reviewer], topic=topic, opinion="同意提请区政府常务会议研究。"
        )
    with _at(when + dt.timedelta(days=1)):
        services.approve_topic(actor=users["quzhang"], topic=topic)


def _bodies(users) -> None:
    leaders = [
        users[n].person
        for n in ("quzhang", "changwu", "fuquzhang1", "fuquzhang2", "fuquzhang3", "fuquzhang4")
    ]
    clerk = users["hwk_0"]
    services.set_meeting_body(
        actor=clerk,
        type=MeetingType.EXECUTIVE,
        members=leaders,
        standing_attendees=[users["zhuren"].person, users["fuzhuren2"].person],
        convener=leaders[0],
    )
    services.set_meeting_body(
        actor=clerk,
        type=MeetingType.HEAD_OFFICE,
        members=leaders[:3],
        standing_attendees=[users["zhuren"].person],
        convener=leaders[0],
    )


def _executive(users, day: dt.date):
    clerk = users["hwk_0"]
    office = Unit.objects.get(name="示范区人民政府办公室")
    meeting = services.create_meeting(
        actor=clerk,
        type=MeetingType.EXECUTIVE,
        starts_at=_at_day(day, 9),
        ends_at=_at_day(day, 11, 30),
        presiding=users["quzhang"].person,
        organiser=office,
        mode=Mode.IN_PERSON,
        room="区政府第一会议室",
    )
    return meeting


def _held_meeting(users, today: dt.date) -> Meeting:
    clerk = users["hwk_0"]
    held_on = _workday(today - dt.timedelta(days=14), -1)
    requested = _at_day(_workday(held_on - dt.timedelta(days=35), -1), 10)
    topic = _topic(
        users,
        "jyj_lly",
        HELD_TOPIC,
        "jyj_fzr",
        requested,
        reason="城区学龄人口向新建小区集中，部分老城区学校生源不足、新区学位紧张。",
        explanation="方案一：撤并老城区两所小规模小学，新建一所九年一贯制学校；方案二：维持现有布局，扩建新区学校。",
        recommended_option="建议采用方案一，分两年实施。",
        work_plan="2026年完成撤并论证和新校选址，2027年秋季学期启用新校。",
        required=["legality", "risk"],
    )
    with _at(requested + dt.timedelta(days=2)):
        services.record_prerequisite(
            actor=users["jyj_lly"],
            topic=topic,
            kind="legality",
            done_on=requested.date(),
            conclusion="区司法局审核无意见。",
        )
        services.record_prerequisite(
            actor=users["jyj_lly"],
            topic=topic,
            kind="risk",
            done_on=requested.date(),
            conclusion="风险等级低。",
        )
    _approve(users, topic, "fuquzhang1", requested + dt.timedelta(days=3))
    with _at(requested + dt.timedelta(days=6)):
        meeting = _executive(users, held_on)
        services.schedule_topic(actor=clerk, topic=topic, meeting=meeting, minutes=15)
        services.add_agenda_item(
            actor=clerk,
            meeting=meeting,
            title="通报近期安全生产工作",
            speaker=users["fuquzhang2"].person,
            minutes=8,
        )
        services.add_participants(
            actor=clerk,
            meeting=meeting,
            people=[users["jyj_fzr"].person, users["czj_fzr"].person],
            role=ParticipantRole.ATTENDEE,
        )
        services.submit_meeting(actor=clerk, meeting=meeting)
    with _at(requested + dt.timedelta(days=7)):
        services.approve_meeting(actor=users["quzhang"], meeting=meeting)
    seat = meeting.participants.get(person=users["fuquzhang4"].person)
    with _at(_at_day(held_on, 8) - dt.timedelta(days=2)):
        leave = services.request_leave(
            actor=users["fuquzhang4"], participant=seat, reason="赴市里参加农业农村工作会议。"
        )
        services.decide_leave(actor=users["quzhang"], leave=leave, approve=True)
    with _at(_at_day(held_on, 8, 50)):
        for p in meeting.participants.exclude(pk=seat.pk).filter(
            role__in=[ParticipantRole.MEMBER, ParticipantRole.ATTENDEE]
        ):
            services.take_attendance(actor=clerk, participant=p, present=True)
    with _at(_at_day(held_on, 11, 40)):
        services.hold_meeting(actor=clerk, meeting=meeting)
        dcs = Section.objects.get(unit__name="示范区人民政府办公室", name="督查室")
        edu = Unit.objects.get(short_name="区教育局")
        fin = Unit.objects.get(short_name="区财政局")
        services.record_decision(
            actor=clerk,
            meeting=meeting,
            topic=topic,
            content="原则同意城区义务教育学校布局调整方案，由区教育局牵头组织实施",
            sub_items=["制定撤并学校师生安置方案", "完成新校选址和立项", "做好家长解释和舆情引导"],
            responsible_unit=edu,
            cooperating_units=[fin],
            due_on=today + dt.timedelta(days=75),
            supervising_section=dcs,
            votes="一致同意",
        )
        services.record_decision(
            actor=clerk,
            meeting=meeting,
            topic=topic,
            content="区财政局统筹安排学校布局调整所需资金，纳入下年度预算",
            sub_items=["测算资金需求", "报区政府审定"],
            responsible_unit=fin,
            due_on=today + dt.timedelta(days=20),
            supervising_section=dcs,
            votes="一致同意",
        )
        minutes = services.draft_minutes(actor=clerk, meeting=meeting)
    with _at(_at_day(_workday(held_on + dt.timedelta(days=1)), 16)):
        services.submit_minutes(actor=clerk, minutes=minutes)
    with _at(_at_day(_workday(held_on + dt.timedelta(days=2)), 10)):
        services.sign_minutes(actor=users["quzhang"], minutes=minutes)
    return meeting


def _next_meeting(users, today: dt.date) -> None:
    clerk = users["hwk_0"]
    day = _workday(today + dt.timedelta(days=8))
    requested = _at_day(_workday(today - dt.timedelta(days=35), -1), 15)
    topic = _topic(
        users,
        "zjw_lly",
        NEXT_TOPIC,
        "zjw_fzr",
        requested,
        reason="全区2000年前建成的老旧小区62个，基础设施老化。",
        explanation="分三年改造，每年约20个小区；资金由市级补助、区级配套和居民自筹组成。",
        recommended_option="建议按“先急后缓”顺序实施。",
        major_matter="project",
    )
    _approve(users, topic, "fuquzhang3", requested + dt.timedelta(days=2))
    now = timezone.now()
    meeting = _executive(users, day)
    services.schedule_topic(actor=clerk, topic=topic, meeting=meeting, minutes=15)
    services.add_participants(
        actor=clerk,
        meeting=meeting,
        people=[users["zjw_fzr"].person],
        role=ParticipantRole.ATTENDEE,
    )
    services.submit_meeting(actor=clerk, meeting=meeting)
    services.approve_meeting(actor=users["quzhang"], meeting=meeting)
    seat = meeting.participants.get(person=users["fuquzhang2"].person)
    services.request_leave(
        actor=users["fuquzhang2"], participant=seat, reason="同日带队赴省信访局汇报工作。"
    )
    # a topic requested three days ago, waiting for the deputy head in charge
    _topic(
        users,
        "jtj_lly",
        REVIEW_TOPIC,
        "jtj_fzr",
        now - dt.timedelta(days=3),
        reason="老城区停车难问题突出。",
        explanation="采用特许经营方式建设运营。",
        recommended_option="建议采用特许经营方式。",
    )


def _district_meeting(users, today: dt.date) -> None:
    """A class 2 meeting from this year's plan, by video (MTG-13)."""
    year = today.year
    plan_entry = services.propose_plan_entry(
        actor=users["yjj_fzr"],
        year=year,
        title="全区安全生产工作会议",
        unit=Unit.objects.get(short_name="区应急局"),
        meeting_class=MeetingClass.CLASS_2,
        month=today.month,
        participants=120,
        leader=users["fuquzhang2"].person,
    )
    services.endorse_plan_entry(actor=users["fuquzhang2"], entry=plan_entry)
    plan = AnnualPlan.objects.get(year=year)
    services.compile_plan(actor=users["hwk_0"], plan=plan)
    plan_entry.refresh_from_db()
    day = _workday(today + dt.timedelta(days=3))
    meeting = services.create_meeting(
        actor=users["hwk_0"],
        type=MeetingType.DISTRICT,
        meeting_class=MeetingClass.CLASS_2,
        title="全区安全生产工作会议",
        starts_at=_at_day(day, 15),
        ends_at=_at_day(day, 16, 30),
        presiding=users["fuquzhang2"].person,
        organiser=Unit.objects.get(short_name="区应急局"),
        mode=Mode.VIDEO,
        room="区应急指挥中心视频会议室",
        plan_entry=plan_entry,
    )
    services.submit_meeting(actor=users["hwk_0"], meeting=meeting)
    services.approve_meeting(actor=users["fuquzhang2"], meeting=meeting)
    # next year's plan, being collected
    entry = services.propose_plan_entry(
        actor=users["jyj_fzr"],
        year=year + 1,
        title="全区教育工作会议",
        unit=Unit.objects.get(short_name="区教育局"),
        meeting_class=MeetingClass.CLASS_2,
        month=3,
        participants=180,
        leader=users["fuquzhang1"].person,
    )
    services.endorse_plan_entry(actor=users["fuquzhang1"], entry=entry)
    services.propose_plan_entry(
        actor=users["nyw_fzr"],
        year=year + 1,
        title="全区农业农村工作会议",
        unit=Unit.objects.get(short_name="区农业农村委"),
        meeting_class=MeetingClass.CLASS_1,
        month=2,
        participants=300,
        leader=users["fuquzhang4"].person,
    )


def _emergency(users, today: dt.date) -> None:
    """MTG-6: a deputy head's emergency decision four days ago, flagged on next week's
    executive meeting until it is reported there."""
    when = _at_day(today - dt.timedelta(days=4), 2, 40)
    with _at(when + dt.timedelta(hours=6)):
        services.record_emergency_decision(
            actor=users["hwk_0"],
            decided_by=users["fuquzhang2"].person,
            decided_at=when,
            event="城区暴雨致3处下穿隧道积水",
            content="启动防汛Ⅳ级应急响应，封闭下穿隧道，调集排水抢险队伍连夜抽排。",
            meeting_type=MeetingType.EXECUTIVE,
        )


@transaction.atomic
def load_demo(*, stdout) -> None:
    if Meeting.objects.filter(topics__title=HELD_TOPIC).exists():
        stdout.write("办会：已存在，未作改动\n")
        return
    users = _users()
    today = timezone.localdate()
    _bodies(users)
    _held_meeting(users, today)
    _next_meeting(users, today)
    _district_meeting(users, today)
    _emergency(users, today)
    stdout.write(f"办会：新增会议 {Meeting.objects.count()} 个\n")
