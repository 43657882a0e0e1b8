"""The rules as checks: each returns the Violations found (empty: none). Numbers come
from the rule catalogue, dates from the clock engine."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from django.utils import timezone

from zhongshu.clock import engine
from zhongshu.framework.errors import Violation
from zhongshu.rules import catalogue

from .choices import Attendance, MeetingClass, MeetingType, ParticipantRole
from .models import Meeting, Topic


def _fraction(text: str) -> Fraction:
    num, den = str(text).split("/")
    return Fraction(int(num), int(den))


def quorum_needed(members: int, *, personnel: bool = False) -> int:
    """MTG-1: the fewest members present for a quorum. "1/2" is 过半数 (more than half);
    a larger fraction (人事任免 2/3) is 达到…以上 (the fraction itself counts)."""
    name = "personnel_quorum" if personnel else "quorum"
    share = _fraction(catalogue.param("MTG-1", name))
    exact = share * members
    if share == Fraction(1, 2):
        return int(exact) + 1
    return int(exact) + (0 if exact.denominator == 1 else 1)


def member_counts(meeting: Meeting) -> tuple[int, int]:
    """(present, members) of the meeting's 组成人员; a substitute does not count."""
    rows = list(
        meeting.participants.filter(role=ParticipantRole.MEMBER).values_list(
            "attendance", flat=True
        )
    )
    return sum(1 for a in rows if a == Attendance.PRESENT), len(rows)


def quorum(meeting: Meeting, *, personnel: bool = False) -> list[Violation]:
    present, members = member_counts(meeting)
    if not members:
        return []
    needed = quorum_needed(members, personnel=personnel)
    if present >= needed:
        return []
    what = "讨论人事任免须" if personnel else "出席人数须"
    return [
        catalogue.violation(
            "MTG-1",
            f"{what}达到{needed}人（组成人员{members}人），实到{present}人，不足法定人数，"
            "不能作出决定。",
        )
    ]


def lead_days() -> int:
    return int(catalogue.param("MTG-3", "lead_days"))


def topic_lateness(topic: Topic, meeting_day: dt.date) -> list[Violation]:
    """MTG-3: requested at least N working days before the meeting (the request day
    does not count, the meeting day does)."""
    if topic.requested_at is None:
        return [catalogue.violation("MTG-3", "议题尚未申报。")]
    requested = timezone.localtime(topic.requested_at).date()
    days = engine.working_days_between(requested, meeting_day)
    need = lead_days()
    if days >= need:
        return []
    return [
        catalogue.violation(
            "MTG-3",
            f"议题于{requested:%Y-%m-%d}申报，距会议（{meeting_day:%Y-%m-%d}）仅{days}个工作日，"
            f"应提前{need}个工作日申报。",
        )
    ]


def missing_prerequisites(topic: Topic) -> list[Violation]:
    """MTG-4: every review or procedure the topic needs is recorded."""
    from .choices import Prerequisite

    done = set(topic.prerequisites.values_list("kind", flat=True))
    missing = [str(Prerequisite(k).label) for k in topic.required if k not in done]
    if not missing:
        return []
    return [
        catalogue.violation(
            "MTG-4", f"议题尚未完成：{'、'.join(missing)}，不能安排上会。", field="required"
        )
    ]


def agreement(topic: Topic) -> list[Violation]:
    """MTG-3 (city profile): consulted and agreed before it goes on the agenda."""
    if catalogue.param("MTG-3", "require_agreement") and not topic.agreed_with_units:
        return [catalogue.violation("MTG-3", "议题须事先征求相关部门意见并协调一致，方可上会。")]
    return []


def participant_cap(meeting: Meeting) -> int | None:
    """MTG-10: the cap of the meeting's class (None: no cap set)."""
    if meeting.meeting_class == MeetingClass.NONE:
        return None
    value = catalogue.param("MTG-10", f"class_{meeting.meeting_class}_max")
    return int(value) if value else None


def comprehensive_per_year() -> int | None:
    """MTG-10 (city profile): a department's comprehensive work meetings a year (None:
    the profile sets no limit)."""
    value = catalogue.param("MTG-10", "comprehensive_per_year")
    return int(value) if value else None


def comprehensive_limit(organiser, year: int) -> list[Violation]:
    """MTG-10 (city profile): one comprehensive work meeting per department per year."""
    from .choices import MeetingState

    limit = comprehensive_per_year()
    if limit is None:
        return []
    held = (
        Meeting.objects.filter(organiser=organiser, year=year, comprehensive=True)
        .exclude(state=MeetingState.CANCELLED)
        .count()
    )
    if held < limit:
        return []
    return [
        catalogue.violation(
            "MTG-10",
            f"{organiser.short_name or organiser.name}{year}年已安排{held}次综合性工作会议，"
            f"每年原则上只安排{limit}次。",
            field="comprehensive",
        )
    ]


def comprehensive_planned(plan, unit) -> list[Violation]:
    """MTG-10 (city profile): the annual plan lists at most that many comprehensive work
    meetings of a department (entries not dropped)."""
    from .choices import PlanEntryState
    from .models import PlanEntry

    limit = comprehensive_per_year()
    if limit is None:
        return []
    planned = (
        PlanEntry.objects.filter(plan=plan, unit=unit, comprehensive=True)
        .exclude(state=PlanEntryState.DROPPED)
        .count()
    )
    if planned < limit:
        return []
    return [
        catalogue.violation(
            "MTG-10",
            f"{unit.short_name or unit.name}{plan.year}年度计划已列{planned}次综合性工作会议，"
            f"每年原则上只安排{limit}次。",
            field="comprehensive",
        )
    ]


def over_cap(meeting: Meeting, total: int) -> list[Violation]:
    if meeting.comprehensive and comprehensive_per_year() is not None:
        return []  # MTG-10 (city profile): comprehensive meetings are outside the cap
    cap = participant_cap(meeting)
    if cap is None or total <= cap:
        return []
    label = MeetingClass(meeting.meeting_class).label
    return [
        catalogue.violation(
            "MTG-10", f"{label}参会人员不得超过{cap}人，本次拟{total}人。", field="participants"
        )
    ]


def _hours(value) -> float:
    if isinstance(value, dt.timedelta):
        return value.total_seconds() / 3600
    text = str(value).strip().lower()
    if text.endswith("h"):
        return float(text[:-1])
    if text.endswith("m"):
        return float(text[:-1]) / 60
    return float(text)


def agenda_warnings(meeting: Meeting, items: list | None = None) -> list[Violation]:
    """MTG-11 (warnings): half a day, 5 speakers, 8 minutes each."""
    found: list[Violation] = []
    max_hours = _hours(catalogue.param("MTG-11", "max_length"))
    length = (meeting.ends_at - meeting.starts_at).total_seconds() / 3600
    if length > max_hours:
        found.append(
            catalogue.violation("MTG-11", f"会期{length:g}小时，超过{max_hours:g}小时（半天）。")
        )
    rows = list(meeting.agenda.all()) if items is None else items
    speakers = {r.speaker_id for r in rows if r.speaker_id}
    cap = int(catalogue.param("MTG-11", "speakers"))
    if len(speakers) > cap:
        found.append(catalogue.violation("MTG-11", f"发言{len(speakers)}人，超过{cap}人。"))
    minutes = int(catalogue.param("MTG-11", "minutes"))
    for row in rows:
        if row.speaker_id and row.minutes > minutes:
            found.append(
                catalogue.violation(
                    "MTG-11", f"“{row.title}”发言{row.minutes}分钟，超过{minutes}分钟。"
                )
            )
    return found


def news_warnings(meeting: Meeting, text: str, seconds: int) -> list[Violation]:
    """MTG-16: the limit of the presiding leader's rank; the head's office meeting is
    not reported; executive and party group meetings get a spoken item only."""
    from zhongshu.org.services import people_with_post

    if meeting.type == MeetingType.HEAD_OFFICE:
        return [catalogue.violation("MTG-16", "区长办公会议一般不作报道。")]
    found: list[Violation] = []
    if meeting.type in (MeetingType.EXECUTIVE, MeetingType.PARTY_GROUP) and len(text) > 0:
        found.append(catalogue.violation("MTG-16", "常务会议、党组会议一般发口播稿。"))
    is_head = people_with_post("head").filter(pk=meeting.presiding_id).exists()
    rank = "head" if is_head else "deputy"
    text_max = int(catalogue.param("MTG-16", f"{rank}_text_max"))
    minutes_max = int(catalogue.param("MTG-16", f"{rank}_broadcast_minutes"))
    who = "区长" if is_head else "副区长"
    length = len("".join(text.split()))
    if length > text_max:
        found.append(
            catalogue.violation(
                "MTG-16", f"{who}出席的会议，文字稿不超过{text_max}字（现{length}字）。"
            )
        )
    if seconds > minutes_max * 60:
        found.append(
            catalogue.violation("MTG-16", f"{who}出席的会议，广播电视新闻不超过{minutes_max}分钟。")
        )
    return found


def congress_warnings(topic: Topic) -> list[Violation]:
    """MTG-5 (record): a major decision on the overall work is reported to the people's
    congress before the meeting deliberates it; flagged while no report is recorded."""
    from .choices import MajorMatter

    if topic.major_matter != MajorMatter.DECISION or topic.congress_reported_on:
        return []
    return [
        catalogue.violation(
            "MTG-5",
            "涉及全局工作的重大决策，应在会议审议前向区人大及其常委会报告；尚未登记报告情况。",
        )
    ]


def rhythm(day: dt.date) -> list[dict]:
    """MTG-1 (record): how often the government's meetings were arranged in the month
    (the plenary: in the year) of ``day`` against the profile's expected rhythm."""
    from .choices import MeetingState

    first = day.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)

    def count(type_: str, start: dt.date, end: dt.date) -> int:
        return (
            Meeting.objects.filter(
                type=type_,
                starts_at__gte=timezone.make_aware(dt.datetime.combine(start, dt.time.min)),
                starts_at__lt=timezone.make_aware(dt.datetime.combine(end, dt.time.min)),
            )
            .exclude(state=MeetingState.CANCELLED)
            .count()
        )

    p = catalogue.params("MTG-1")
    low, high = int(p["executive_per_month_min"]), int(p["executive_per_month_max"])
    party = int(p["party_group_per_month"])
    plenary = int(p["plenary_per_year"])
    executive = count(MeetingType.EXECUTIVE, first, following)
    party_count = count(MeetingType.PARTY_GROUP, first, following)
    plenary_count = count(MeetingType.PLENARY, dt.date(day.year, 1, 1), dt.date(day.year + 1, 1, 1))
    return [
        {
            "label": f"{day.month}月常务会议",
            "count": executive,
            "expected": f"一般每月{low}至{high}次",
            "ok": low <= executive <= high,
        },
        {
            "label": f"{day.month}月党组会议",
            "count": party_count,
            "expected": f"一般每月{party}次",
            "ok": party_count >= party,
        },
        {
            "label": f"{day.year}年全体会议",
            "count": plenary_count,
            "expected": f"一般每年{plenary}次",
            "ok": plenary_count >= plenary,
        },
    ]


def pending_emergency(meeting: Meeting) -> list:
    """MTG-6: the emergency decisions of the meeting's body taken before it and not yet
    reported — flagged on the meeting until they are."""
    from .choices import EmergencyState, MeetingState
    from .models import EmergencyDecision

    if meeting.state == MeetingState.CANCELLED:
        return []
    return list(
        EmergencyDecision.objects.filter(
            state=EmergencyState.PENDING,
            meeting_type=meeting.type,
            decided_at__lt=meeting.starts_at,
        )
        .select_related("decided_by")
        .order_by("decided_at", "id")
    )


def emergency_flag(decision) -> Violation:
    when = timezone.localtime(decision.decided_at)
    return catalogue.violation(
        "MTG-6",
        f"{decision.decided_by.name}于{when:%Y-%m-%d %H:%M}临机处置“{decision.event}”，"
        f"事后应在{MeetingType(decision.meeting_type).label}上报告，尚未报告。",
    )


def emergency_flags(decision) -> list[Violation]:
    """A pending emergency decision: MTG-6 (to report), and MTG-2 when it is a matter of
    三重一大 taken without a meeting."""
    from .choices import EmergencyState
    from .integration import major_matter_flag

    if decision.state != EmergencyState.PENDING:
        return []
    found = [emergency_flag(decision)]
    major = major_matter_flag(decision.major_matter)
    return found + ([major] if major else [])


def next_meeting(decision):
    """The first meeting of the decision's body after it (not cancelled): where it is due."""
    from .choices import MeetingState

    return (
        Meeting.objects.filter(type=decision.meeting_type, starts_at__gt=decision.decided_at)
        .exclude(state=MeetingState.CANCELLED)
        .order_by("starts_at", "id")
        .first()
    )
