"""Every write of the meetings module: one function per business operation (办会)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.utils import timezone

from zhongshu.audit.services import record
from zhongshu.clock import engine
from zhongshu.framework.errors import RuleViolation, Violation, raise_if
from zhongshu.framework.services import on_commit, save_versioned, service
from zhongshu.org.models import Person, Section, Unit
from zhongshu.org.services import leaders_in_charge, people_with_post, principal_of
from zhongshu.rules import catalogue
from zhongshu.tracking.acting import Acting, acting_as, try_acting_as

from . import checks, integration, transitions
from .choices import (
    GOVERNMENT_TYPES,
    Attendance,
    EmergencyState,
    LeaveState,
    MajorMatter,
    MeetingClass,
    MeetingState,
    MeetingType,
    MinutesState,
    Mode,
    ParticipantRole,
    PlanEntryState,
    PlanState,
    Prerequisite,
    TopicState,
)
from .models import (
    AgendaItem,
    AnnualPlan,
    Decision,
    DocumentMatter,
    EmergencyDecision,
    LeaveRequest,
    Meeting,
    MeetingBody,
    Minutes,
    Participant,
    PlanEntry,
    PrerequisiteRecord,
    Topic,
    TopicMaterial,
    WrittenOpinion,
)

INVALID = "MTG_INVALID"
COLLECTIVE = (MeetingType.PLENARY, MeetingType.EXECUTIVE, MeetingType.PARTY_GROUP)


# --- helpers ------------------------------------------------------------------------------
def _person(actor: Any) -> Person:
    person = getattr(actor, "person", None)
    if person is None:
        raise PermissionDenied("只有关联人员的业务用户可以办理。")
    return person


def _as(actor: Any, *people: Person | None) -> Acting:
    """The actor as one of ``people`` (themselves or by delegation, shown as 代)."""
    ids = {p.pk for p in people if p is not None}
    return acting_as(actor, lambda person: person.pk in ids)


def _audit(actor: Any, event: str, obj: Any, before: dict, after: dict, acting=None) -> None:
    record(
        actor=actor,
        event=event,
        obj=obj,
        before=before,
        after=after,
        on_behalf_of=acting.audit_label if acting else "",
    )


def head() -> Person | None:
    """The district head (区长)."""
    return people_with_post("head").order_by("id").first()


def is_head(person: Person | None) -> bool:
    return person is not None and people_with_post("head").filter(pk=person.pk).exists()


def _need(value: str, field: str, message: str, rule: str = INVALID) -> None:
    if not str(value or "").strip():
        raise RuleViolation.single(rule, message, field=field)


# --- meeting bodies (MTG-1) --------------------------------------------------------------
@service
def set_meeting_body(
    *,
    actor: Any,
    type: str,
    members: Iterable[Person],
    standing_attendees: Iterable[Person] = (),
    convener: Person | None = None,
) -> MeetingBody:
    body, _created = MeetingBody.objects.get_or_create(type=type)
    before = {
        "members": list(body.members.values_list("pk", flat=True)),
        "convener": body.convener_id,
    }
    body.convener = convener
    body.save()
    body.members.set(list(members))
    body.standing_attendees.set(list(standing_attendees))
    _audit(
        actor,
        "meeting_body_set",
        body,
        before,
        {
            "members": list(body.members.values_list("pk", flat=True)),
            "convener": convener and convener.pk,
        },
    )
    return body


# --- annual plan (MTG-8, 9) --------------------------------------------------------------
@service
def propose_plan_entry(
    *,
    actor: Any,
    year: int,
    title: str,
    unit: Unit,
    meeting_class: int,
    month: int,
    participants: int = 0,
    leader: Person | None = None,
    comprehensive: bool = False,
) -> PlanEntry:
    _need(title, "title", "请填写会议名称。")
    if meeting_class not in (MeetingClass.CLASS_1, MeetingClass.CLASS_2):
        raise RuleViolation.single("MTG-8", "年度计划只列一类、二类会议。", field="meeting_class")
    if not 1 <= int(month) <= 12:
        raise RuleViolation.single(INVALID, "计划月份应为1至12。", field="month")
    plan, _ = AnnualPlan.objects.get_or_create(year=year)
    if plan.state != PlanState.COLLECTING:
        raise RuleViolation.single("MTG-8", f"{year}年度会议计划已汇总，不再征集。", status=409)
    if comprehensive:
        raise_if(checks.comprehensive_planned(plan, unit))
    entry = PlanEntry.objects.create(
        plan=plan,
        title=title.strip(),
        unit=unit,
        meeting_class=meeting_class,
        month=month,
        participants=participants,
        leader=leader,
        proposed_by=getattr(actor, "person", None),
        comprehensive=comprehensive,
    )
    _audit(actor, "plan_entry_proposed", entry, {}, {"title": entry.title, "year": year})
    return entry


@service
def endorse_plan_entry(*, actor: Any, entry: PlanEntry) -> None:
    """MTG-8: approved by the unit's deputy head in charge."""
    acting = _as(actor, *leaders_in_charge(entry.unit))
    transitions.move("plan_entry", entry, "endorse", PlanEntryState.ENDORSED)
    entry.endorsed_by = acting.on_behalf_of or acting.person
    entry.save(update_fields=["state", "endorsed_by", "updated_at"])
    _audit(
        actor, "plan_entry_endorsed", entry, {"state": "proposed"}, {"state": entry.state}, acting
    )


@service
def compile_plan(*, actor: Any, plan: AnnualPlan) -> int:
    """MTG-8: the office compiles the endorsed entries into the plan."""
    if plan.state != PlanState.COLLECTING:
        raise RuleViolation.single("MTG-8", "会议计划已汇总。", status=409)
    entries = list(plan.entries.filter(state=PlanEntryState.ENDORSED))
    for entry in entries:
        transitions.move("plan_entry", entry, "compile", PlanEntryState.IN_PLAN)
        entry.save(update_fields=["state", "updated_at"])
    plan.state = PlanState.COMPILED
    plan.compiled_at = timezone.now()
    plan.compiled_by = getattr(actor, "person", None)
    plan.save(update_fields=["state", "compiled_at", "compiled_by", "updated_at"])
    _audit(actor, "plan_compiled", plan, {"state": "collecting"}, {"entries": len(entries)})
    return len(entries)


@service
def change_plan_entry(
    *, actor: Any, entry: PlanEntry, reason: str, month: int | None = None, drop: bool = False
) -> None:
    """MTG-8: a planned meeting changed or dropped needs a written explanation."""
    _need(reason, "reason", "调整或不召开计划会议须作出书面说明。", rule="MTG-8")
    before = {"state": entry.state, "month": entry.month}
    if drop:
        transitions.move("plan_entry", entry, "drop", PlanEntryState.DROPPED)
    else:
        transitions.move("plan_entry", entry, "change", PlanEntryState.CHANGED)
        if month:
            entry.month = month
    entry.change_reason = reason.strip()
    entry.save(update_fields=["state", "month", "change_reason", "updated_at"])
    _audit(actor, "plan_entry_changed", entry, before, {"state": entry.state, "reason": reason})


# --- meetings ----------------------------------------------------------------------------
def _next_sequence(type: str, year: int) -> int:
    top = Meeting.objects.filter(type=type, year=year).aggregate(m=Max("sequence"))["m"]
    return (top or 0) + 1


@service
def create_meeting(
    *,
    actor: Any,
    type: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    presiding: Person,
    organiser: Unit,
    mode: str,
    title: str = "",
    meeting_class: int = MeetingClass.NONE,
    room: str = "",
    mode_reason: str = "",
    plan_entry: PlanEntry | None = None,
    unplanned_reason: str = "",
    comprehensive: bool = False,
) -> Meeting:
    if ends_at <= starts_at:
        raise RuleViolation.single(INVALID, "结束时间应晚于开始时间。", field="ends_at")
    if mode not in Mode.values:
        raise RuleViolation.single(
            "MTG-13", "请选择召开方式（优先视频、电话或网络会议）。", field="mode"
        )
    if type in GOVERNMENT_TYPES:
        meeting_class = MeetingClass.NONE
        comprehensive = False
    elif meeting_class == MeetingClass.NONE:
        raise RuleViolation.single(
            "MTG-7", "全区性会议和专题会议须确定会议类别。", field="meeting_class"
        )
    if mode == Mode.IN_PERSON and type not in GOVERNMENT_TYPES and not mode_reason.strip():
        raise RuleViolation.single(
            "MTG-13",
            "能召开电视电话会议或网络会议的不集中开会：集中召开须说明理由。",
            field="mode_reason",
        )
    unplanned = False
    if meeting_class in (MeetingClass.CLASS_1, MeetingClass.CLASS_2) and plan_entry is None:
        if catalogue.param("MTG-8", "unplanned") == "block":
            raise RuleViolation.single(
                "MTG-8", "未列入年度会议计划的会议不予办理。", field="plan_entry"
            )
        _need(unplanned_reason, "unplanned_reason", "未列入年度会议计划的会议须说明理由。", "MTG-8")
        unplanned = True
    local = timezone.localtime(starts_at)
    year = local.year
    if plan_entry is not None and plan_entry.comprehensive:
        comprehensive = True  # MTG-10: the plan's comprehensive meeting is that meeting
    if comprehensive:
        raise_if(checks.comprehensive_limit(organiser, year))
    sequence = _next_sequence(type, year) if type in GOVERNMENT_TYPES else None
    if not title.strip():
        title = (
            f"{year}年第{sequence}次{MeetingType(type).label}"
            if sequence
            else str(MeetingType(type).label)
        )
    meeting = Meeting.objects.create(
        type=type,
        meeting_class=meeting_class,
        year=year,
        sequence=sequence,
        title=title.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        room=room,
        mode=mode,
        mode_reason=mode_reason.strip(),
        presiding=presiding,
        organiser=organiser,
        plan_entry=plan_entry,
        unplanned=unplanned,
        unplanned_reason=unplanned_reason.strip(),
        comprehensive=comprehensive,
        created_by=getattr(actor, "person", None),
    )
    body = MeetingBody.objects.filter(type=type).first()
    if body is not None:
        _seat(meeting, body.members.all(), ParticipantRole.MEMBER)
        _seat(meeting, body.standing_attendees.all(), ParticipantRole.ATTENDEE)
    _audit(actor, "meeting_created", meeting, {}, {"title": meeting.display_name, "type": type})
    return meeting


def _seat(meeting: Meeting, people: Iterable[Person], role: str) -> list[Participant]:
    taken = set(meeting.participants.exclude(person=None).values_list("person_id", flat=True))
    rows = []
    for person in people:
        if person.pk in taken:
            continue
        taken.add(person.pk)
        unit = person.unit.short_name if person.unit_id else ""
        rows.append(
            Participant(meeting=meeting, person=person, name=person.name, unit_name=unit, role=role)
        )
    return Participant.objects.bulk_create(rows)


def approver_of(meeting: Meeting) -> Person | None:
    """MTG-9: class 1 and government meetings by the head; class 2 by the attending
    district leader (filed with the office); class 3 by the department itself."""
    if meeting.meeting_class == MeetingClass.CLASS_2:
        return meeting.presiding
    if meeting.meeting_class == MeetingClass.CLASS_3:
        return principal_of(meeting.organiser)
    return head() or meeting.presiding


@service
def submit_meeting(*, actor: Any, meeting: Meeting, expected_version: int | None = None) -> None:
    transitions.move("meeting", meeting, "submit", MeetingState.SUBMITTED)
    meeting.approver = approver_of(meeting)
    save_versioned(meeting, expected_version=expected_version, fields=["state", "approver"])
    _audit(
        actor, "meeting_submitted", meeting, {"state": "draft"}, {"approver": meeting.approver_id}
    )
    approver_id = meeting.approver_id
    on_commit(
        lambda: integration.notify_people(
            [approver_id], "meeting_submitted", f"会议待审批：{meeting.display_name}", meeting
        )
    )


@service
def approve_meeting(*, actor: Any, meeting: Meeting, expected_version: int | None = None) -> None:
    acting = _as(actor, meeting.approver)
    transitions.move("meeting", meeting, "approve", MeetingState.APPROVED)
    meeting.approved_at = timezone.now()
    meeting.filed_with_office = meeting.meeting_class == MeetingClass.CLASS_2
    save_versioned(
        meeting,
        expected_version=expected_version,
        fields=["state", "approved_at", "filed_with_office"],
    )
    _audit(
        actor, "meeting_approved", meeting, {"state": "submitted"}, {"state": "approved"}, acting
    )


@service
def cancel_meeting(
    *, actor: Any, meeting: Meeting, reason: str, expected_version: int | None = None
) -> None:
    _need(reason, "reason", "取消会议须说明理由。", "MTG-8")
    was = meeting.state
    transitions.move("meeting", meeting, "cancel", MeetingState.CANCELLED)
    save_versioned(meeting, expected_version=expected_version, fields=["state"])
    for topic in meeting.topics.filter(state=TopicState.SCHEDULED):
        topic.state = TopicState.APPROVED
        topic.meeting = None
        topic.save(update_fields=["state", "meeting", "updated_at"])
    if meeting.plan_entry_id:
        entry = meeting.plan_entry
        if entry is not None and transitions.allowed("plan_entry", entry.state, "change"):
            entry.state = PlanEntryState.CHANGED
            entry.change_reason = reason.strip()
            entry.save(update_fields=["state", "change_reason", "updated_at"])
    _audit(actor, "meeting_cancelled", meeting, {"state": was}, {"reason": reason})


# --- agenda (MTG-11) ---------------------------------------------------------------------
def _touch(meeting: Meeting, expected_version: int | None, action: str) -> None:
    """Every agenda or list change bumps the meeting's version: two clerks editing the
    same agenda conflict instead of overwriting each other."""
    transitions.check("meeting", meeting, action)
    save_versioned(meeting, expected_version=expected_version, fields=[])


@service
def add_agenda_item(
    *,
    actor: Any,
    meeting: Meeting,
    title: str,
    speaker: Person | None = None,
    minutes: int = 8,
    topic: Topic | None = None,
    expected_version: int | None = None,
) -> list[Violation]:
    """Returns the MTG-11 warnings of the agenda as it now stands."""
    _need(title, "title", "请填写议程。")
    _touch(meeting, expected_version, "edit_agenda")
    top = meeting.agenda.aggregate(m=Max("position"))["m"] or 0
    item = AgendaItem.objects.create(
        meeting=meeting,
        topic=topic,
        position=top + 1,
        title=title.strip(),
        speaker=speaker,
        minutes=minutes,
    )
    _audit(actor, "agenda_item_added", meeting, {}, {"item": item.title, "position": item.position})
    return checks.agenda_warnings(meeting)


@service
def remove_agenda_item(
    *, actor: Any, item: AgendaItem, expected_version: int | None = None
) -> None:
    meeting = item.meeting
    _touch(meeting, expected_version, "edit_agenda")
    if item.topic_id:
        raise RuleViolation.single(INVALID, "议题请通过“移出议程”办理。", status=409)
    title = item.title
    item.delete()
    _audit(actor, "agenda_item_removed", meeting, {"item": title}, {})


# --- quarterly department reports (MTG-18, city profile) ---------------------------------
def _quarter(moment: dt.datetime) -> tuple[int, int]:
    local = timezone.localtime(moment)
    return local.year, (local.month - 1) // 3 + 1


def quarter_reporters(year: int, quarter: int) -> list[int]:
    """Ids of the units already scheduled to report in that quarter."""
    first = dt.date(year, 3 * quarter - 2, 1)
    last = dt.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1)
    start = timezone.make_aware(dt.datetime.combine(first, dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(last, dt.time.min))
    return list(
        AgendaItem.objects.filter(
            report_unit__isnull=False,
            meeting__starts_at__gte=start,
            meeting__starts_at__lt=end,
        )
        .exclude(meeting__state=MeetingState.CANCELLED)
        .values_list("report_unit_id", flat=True)
    )


def suggest_reporters(meeting: Meeting) -> list[Unit]:
    """MTG-18: the departments that have reported least this year come first."""
    from zhongshu.org.choices import UnitKind

    year, quarter = _quarter(meeting.starts_at)
    taken = set(quarter_reporters(year, quarter))
    need = int(catalogue.param("MTG-18", "departments"))
    units = Unit.objects.filter(kind=UnitKind.DEPARTMENT, archived_at__isnull=True).exclude(
        pk__in=taken
    )
    reported: dict[int, int] = {}
    for unit_id in AgendaItem.objects.filter(
        report_unit__isnull=False, meeting__year=year
    ).values_list("report_unit_id", flat=True):
        reported[unit_id] = reported.get(unit_id, 0) + 1
    ordered = sorted(units, key=lambda u: (reported.get(u.pk, 0), u.sort_order, u.pk))
    return ordered[:need]


@service
def schedule_department_reports(
    *,
    actor: Any,
    meeting: Meeting,
    units: Sequence[Unit],
    expected_version: int | None = None,
) -> list[AgendaItem]:
    """MTG-18 (city profile): each quarter N departments report the progress of their key
    work to the executive meeting — exactly N, none twice in the quarter."""
    if not catalogue.is_enabled("MTG-18"):
        raise RuleViolation.single("MTG-18", "当前规则配置不要求部门季度工作报告。", status=409)
    if meeting.type != MeetingType.EXECUTIVE:
        raise RuleViolation.single("MTG-18", "部门季度工作报告在常务会议上进行。", status=409)
    need = int(catalogue.param("MTG-18", "departments"))
    chosen = list({u.pk: u for u in units}.values())
    problems: list[Violation] = []
    if len(chosen) != need:
        problems.append(
            catalogue.violation(
                "MTG-18", f"每季度由{need}个部门报告，本次选了{len(chosen)}个。", field="units"
            )
        )
    year, quarter = _quarter(meeting.starts_at)
    taken = set(quarter_reporters(year, quarter))
    twice = [u.short_name for u in chosen if u.pk in taken]
    if twice:
        problems.append(
            catalogue.violation("MTG-18", f"{'、'.join(twice)}本季度已安排报告。", field="units")
        )
    raise_if(problems)
    _touch(meeting, expected_version, "edit_agenda")
    top = meeting.agenda.aggregate(m=Max("position"))["m"] or 0
    numbers = "一二三四"
    items = [
        AgendaItem.objects.create(
            meeting=meeting,
            position=top + i,
            title=f"{unit.short_name}报告第{numbers[quarter - 1]}季度重点工作落实进展",
            speaker=principal_of(unit),
            minutes=int(catalogue.param("MTG-11", "minutes")),
            report_unit=unit,
        )
        for i, unit in enumerate(chosen, start=1)
    ]
    _audit(
        actor,
        "department_reports_scheduled",
        meeting,
        {},
        {"units": [u.pk for u in chosen], "quarter": f"{year}Q{quarter}"},
    )
    return items


# --- topics (MTG-3, 4, 2, 6) -------------------------------------------------------------
TOPIC_FIELDS = (
    "title",
    "meeting_type",
    "reason",
    "explanation",
    "recommended_option",
    "work_plan",
    "major_matter",
    "personnel",
    "required",
    "consultation_note",
    "agreed_with_units",
    "wanted_date",
    "presenter",
)


@service
def save_topic(
    *,
    actor: Any,
    topic: Topic | None = None,
    lead_unit: Unit | None = None,
    expected_version: int | None = None,
    **fields: Any,
) -> Topic:
    """A draft topic (or a returned one being corrected)."""
    unknown = set(fields) - set(TOPIC_FIELDS)
    if unknown:
        raise TypeError(f"unknown topic fields {sorted(unknown)}")
    required = list(fields.get("required") or (topic.required if topic else []))
    bad = [k for k in required if k not in Prerequisite.values]
    if bad:
        raise RuleViolation.single("MTG-4", f"未知的审查论证：{'、'.join(bad)}", field="required")
    if fields.get("major_matter") == MajorMatter.DECISION:
        # MTG-4: a major policy goes through the public procedures before the meeting
        for kind in catalogue.param("MTG-4", "major_procedures"):
            code = {v.label: v.value for v in Prerequisite}.get(kind)
            if code and code not in required:
                required.append(code)
    if fields.get("major_matter") == MajorMatter.PERSONNEL:
        fields["personnel"] = True
    person = _person(actor)
    if topic is None:
        _need(fields.get("title", ""), "title", "请填写议题名称。")
        _need(fields.get("reason", ""), "reason", "请说明事由。", "MTG-3")
        values = {k: v for k, v in fields.items() if k != "required"}
        topic = Topic.objects.create(
            lead_unit=lead_unit or person.unit,
            requested_by=person,
            required=required,
            **values,
        )
        _audit(actor, "topic_drafted", topic, {}, {"title": topic.title})
        return topic
    transitions.check("topic", topic, "edit")
    before = {k: str(getattr(topic, k)) for k in fields}
    for name, value in fields.items():
        setattr(topic, name, value)
    topic.required = required
    save_versioned(topic, expected_version=expected_version, fields=[*fields, "required"])
    _audit(actor, "topic_edited", topic, before, {k: str(getattr(topic, k)) for k in fields})
    return topic


@service
def add_topic_material(
    *,
    actor: Any,
    topic: Topic,
    title: str,
    file: Any = None,
    confidential: bool = False,
    to_return: bool = False,
) -> TopicMaterial:
    _need(title, "title", "请填写材料名称。")
    if file is not None:
        from zhongshu.documents.files import validate_upload

        validate_upload(file)
    material = TopicMaterial.objects.create(
        topic=topic,
        title=title.strip(),
        file=file or "",
        confidential=confidential,
        to_return=to_return or confidential,
        uploaded_by=getattr(actor, "person", None),
    )
    _audit(actor, "topic_material_added", topic, {}, {"material": material.title})
    return material


@service
def request_topic(*, actor: Any, topic: Topic, expected_version: int | None = None) -> None:
    """MTG-3: the lead unit requests the topic with its materials; it goes to the deputy
    head in charge of the unit."""
    problems: list[Violation] = []
    if not topic.materials.exists():
        problems.append(
            catalogue.violation("MTG-3", "申报议题须同时提交上会材料。", field="materials")
        )
    if not topic.explanation.strip():
        problems.append(catalogue.violation("MTG-6", "请填写议题说明。", field="explanation"))
    if not topic.recommended_option.strip():
        problems.append(
            catalogue.violation(
                "MTG-6", "有多个方案的须提出首选建议；请填写建议方案。", field="recommended_option"
            )
        )
    raise_if(problems)
    was = topic.state
    transitions.move("topic", topic, "request", TopicState.REQUESTED)
    topic.requested_at = timezone.now()
    leaders = leaders_in_charge(topic.lead_unit)
    topic.reviewer = leaders[0] if leaders else head()
    topic.return_reason = ""
    save_versioned(
        topic,
        expected_version=expected_version,
        fields=["state", "requested_at", "reviewer", "return_reason"],
    )
    _audit(actor, "topic_requested", topic, {"state": was}, {"reviewer": topic.reviewer_id})
    reviewer_id = topic.reviewer_id
    on_commit(
        lambda: integration.notify_people(
            [reviewer_id], "topic_requested", f"议题待审核：{topic.title}", topic
        )
    )


@service
def record_prerequisite(
    *, actor: Any, topic: Topic, kind: str, done_on: dt.date, conclusion: str = ""
) -> PrerequisiteRecord:
    """MTG-4: a legality review, text review, public consultation, expert argument or
    risk assessment is recorded."""
    if kind not in Prerequisite.values:
        raise RuleViolation.single("MTG-4", "未知的审查论证。", field="kind")
    transitions.check("topic", topic, "record_prerequisite")
    row, _ = PrerequisiteRecord.objects.update_or_create(
        topic=topic,
        kind=kind,
        defaults={
            "done_on": done_on,
            "conclusion": conclusion.strip(),
            "recorded_by": _person(actor),
        },
    )
    if kind not in topic.required:
        topic.required = [*topic.required, kind]
        topic.save(update_fields=["required", "updated_at"])
    _audit(actor, "topic_prerequisite_recorded", topic, {}, {"kind": kind, "done_on": str(done_on)})
    return row


@service
def record_congress_report(
    *, actor: Any, topic: Topic, reported_on: dt.date, note: str = ""
) -> None:
    """MTG-5: the report of a major decision to the people's congress is recorded."""
    if topic.state == TopicState.WITHDRAWN:
        raise RuleViolation.single(
            transitions.STATE_RULE, "议题已撤回，不能登记向区人大报告情况。", status=409
        )
    before = {"reported_on": str(topic.congress_reported_on or "")}
    topic.congress_reported_on = reported_on
    topic.congress_note = note.strip()
    topic.save(update_fields=["congress_reported_on", "congress_note", "updated_at"])
    _audit(actor, "topic_congress_reported", topic, before, {"reported_on": str(reported_on)})


@service
def propose_topic(
    *, actor: Any, topic: Topic, opinion: str, expected_version: int | None = None
) -> None:
    """MTG-3: the deputy head in charge reviews and proposes it to the head."""
    acting = _as(actor, topic.reviewer)
    _need(opinion, "opinion", "请填写审核意见和上会建议。", "MTG-3")
    transitions.move("topic", topic, "propose", TopicState.PROPOSED)
    topic.review_opinion = opinion.strip()
    topic.reviewed_at = timezone.now()
    save_versioned(
        topic, expected_version=expected_version, fields=["state", "review_opinion", "reviewed_at"]
    )
    _audit(actor, "topic_proposed", topic, {"state": "requested"}, {"opinion": opinion}, acting)
    the_head = head()
    if the_head is not None:
        head_id = the_head.pk
        on_commit(
            lambda: integration.notify_people(
                [head_id], "topic_proposed", f"议题待批准：{topic.title}", topic
            )
        )


@service
def return_topic(
    *, actor: Any, topic: Topic, reason: str, expected_version: int | None = None
) -> None:
    acting = _as(actor, topic.reviewer, head())
    _need(reason, "reason", "退回须说明理由。", "MTG-3")
    was = topic.state
    transitions.move("topic", topic, "return_topic", TopicState.RETURNED)
    topic.return_reason = reason.strip()
    save_versioned(topic, expected_version=expected_version, fields=["state", "return_reason"])
    _audit(actor, "topic_returned", topic, {"state": was}, {"reason": reason}, acting)


@service
def approve_topic(*, actor: Any, topic: Topic, expected_version: int | None = None) -> None:
    """MTG-3: the head approves; it then may be scheduled."""
    acting = _as(actor, head())
    transitions.move("topic", topic, "approve", TopicState.APPROVED)
    topic.approved_by = acting.on_behalf_of or acting.person
    topic.approved_at = timezone.now()
    save_versioned(
        topic, expected_version=expected_version, fields=["state", "approved_by", "approved_at"]
    )
    _audit(actor, "topic_approved", topic, {"state": "proposed"}, {"state": "approved"}, acting)


@service
def withdraw_topic(*, actor: Any, topic: Topic, expected_version: int | None = None) -> None:
    was = topic.state
    transitions.move("topic", topic, "withdraw", TopicState.WITHDRAWN)
    save_versioned(topic, expected_version=expected_version, fields=["state"])
    _audit(actor, "topic_withdrawn", topic, {"state": was}, {"state": topic.state})


@service
def schedule_topic(
    *,
    actor: Any,
    topic: Topic,
    meeting: Meeting,
    minutes: int = 8,
    urgent_reason: str = "",
    expected_version: int | None = None,
) -> AgendaItem:
    """Put an approved topic on a meeting's agenda. MTG-4: its reviews recorded; MTG-3:
    requested in time (a late one only with the head's urgent reason, flagged)."""
    transitions.check("topic", topic, "schedule")
    problems: list[Violation] = []
    if topic.meeting_type != meeting.type:
        problems.append(
            Violation(
                INVALID,
                f"议题提请{MeetingType(topic.meeting_type).label}，不能列入{meeting.display_name}。",
            )
        )
    problems += checks.missing_prerequisites(topic)
    problems += checks.agreement(topic)
    late = checks.topic_lateness(topic, timezone.localtime(meeting.starts_at).date())
    if late and not urgent_reason.strip():
        problems += late
    raise_if(problems)
    _touch(meeting, expected_version, "edit_agenda")
    top = meeting.agenda.aggregate(m=Max("position"))["m"] or 0
    item = AgendaItem.objects.create(
        meeting=meeting,
        topic=topic,
        position=top + 1,
        title=topic.title,
        speaker=topic.presenter,
        minutes=minutes,
    )
    topic.state = TopicState.SCHEDULED
    topic.meeting = meeting
    topic.late = bool(late)
    topic.late_reason = urgent_reason.strip() if late else ""
    topic.save(update_fields=["state", "meeting", "late", "late_reason", "updated_at"])
    _audit(
        actor,
        "topic_scheduled",
        topic,
        {"state": "approved"},
        {"meeting": str(meeting.uuid), "late": topic.late},
    )
    return item


@service
def unschedule_topic(*, actor: Any, topic: Topic, expected_version: int | None = None) -> None:
    meeting = topic.meeting
    transitions.check("topic", topic, "unschedule")
    if meeting is not None:
        _touch(meeting, expected_version, "edit_agenda")
        meeting.agenda.filter(topic=topic).delete()
    topic.state = TopicState.APPROVED
    topic.meeting = None
    topic.save(update_fields=["state", "meeting", "updated_at"])
    _audit(actor, "topic_unscheduled", topic, {"state": "scheduled"}, {"state": "approved"})


# --- participants, leave, attendance (MTG-10, 12, 6, 17) ---------------------------------
@service
def add_participants(
    *,
    actor: Any,
    meeting: Meeting,
    people: Sequence[Person] = (),
    names: Sequence[tuple[str, str]] = (),
    role: str = ParticipantRole.PARTICIPANT,
    expected_version: int | None = None,
) -> list[Participant]:
    """Invite people (and named outsiders: (name, unit)). MTG-10: the class's cap
    refuses a larger list."""
    if role not in ParticipantRole.values:
        raise RuleViolation.single(INVALID, "未知的参会身份。", field="role")
    _touch(meeting, expected_version, "edit_participants")
    taken = set(meeting.participants.exclude(person=None).values_list("person_id", flat=True))
    fresh = [p for p in people if p.pk not in taken]
    total = meeting.participants.count() + len(fresh) + len(names)
    raise_if(checks.over_cap(meeting, total))
    rows = _seat(meeting, fresh, role)
    rows += Participant.objects.bulk_create(
        [
            Participant(meeting=meeting, name=n.strip(), unit_name=u.strip(), role=role)
            for n, u in names
            if n.strip()
        ]
    )
    now = timezone.now()
    Participant.objects.filter(pk__in=[r.pk for r in rows if r.pk]).update(invited_at=now)
    _audit(actor, "participants_added", meeting, {}, {"count": len(rows), "total": total})
    ids = [p.pk for p in fresh]
    on_commit(
        lambda: integration.notify_people(
            ids,
            "meeting_invitation",
            f"会议通知：{meeting.display_name}（{timezone.localtime(meeting.starts_at):%m月%d日 %H:%M}，{meeting.room}）",
            meeting,
        )
    )
    return rows


@service
def request_leave(
    *, actor: Any, participant: Participant, reason: str, substitute: Person | None = None
) -> LeaveRequest:
    """MTG-12: in writing, to the presiding leader."""
    acting = _as(actor, participant.person)
    meeting = participant.meeting
    transitions.check("meeting", meeting, "request_leave")
    _need(reason, "reason", "请假须书面说明事由，不得口头请假。", "MTG-12")
    if participant.leave_requests.filter(state=LeaveState.REQUESTED).exists():
        raise RuleViolation.single("MTG-12", "已有待批准的请假。", status=409)
    leave = LeaveRequest.objects.create(
        participant=participant,
        reason=reason.strip(),
        substitute=substitute,
        requested_by=acting.person,
    )
    _audit(
        actor,
        "leave_requested",
        participant,
        {},
        {"reason": reason, "substitute": substitute and substitute.pk},
        acting,
    )
    presiding_id = meeting.presiding_id
    on_commit(
        lambda: integration.notify_people(
            [presiding_id],
            "leave_requested",
            f"{participant.name}请假：{meeting.display_name}",
            meeting,
        )
    )
    return leave


@service
def decide_leave(
    *, actor: Any, leave: LeaveRequest, approve: bool, substitute_approved: bool = False
) -> None:
    """MTG-12: only the presiding leader decides; a substitute only when approved."""
    participant = leave.participant
    meeting = participant.meeting
    acting = _as(actor, meeting.presiding)
    transitions.check("meeting", meeting, "decide_leave")
    transitions.move(
        "leave",
        leave,
        "approve" if approve else "refuse",
        LeaveState.APPROVED if approve else LeaveState.REFUSED,
    )
    leave.decided_by = acting.on_behalf_of or acting.person
    leave.decided_at = timezone.now()
    leave.substitute_approved = bool(approve and substitute_approved and leave.substitute_id)
    leave.save(
        update_fields=["state", "decided_by", "decided_at", "substitute_approved", "updated_at"]
    )
    if approve:
        participant.attendance = Attendance.ON_LEAVE
        participant.substitute = leave.substitute if leave.substitute_approved else None
        participant.save(update_fields=["attendance", "substitute", "updated_at"])
    _audit(
        actor,
        "leave_decided",
        participant,
        {"state": "requested"},
        {"state": leave.state, "substitute": participant.substitute_id},
        acting,
    )


@service
def take_attendance(
    *, actor: Any, participant: Participant, present: bool = True, substitute: Person | None = None
) -> None:
    """Sign in (on a phone at the door). A substitute attends only if the presiding
    leader approved them (MTG-12)."""
    meeting = participant.meeting
    transitions.check("meeting", meeting, "take_attendance")
    if substitute is not None and participant.substitute_id != substitute.pk:
        raise RuleViolation.single("MTG-12", "代会须经会议主持人批准。", field="substitute")
    before = {"attendance": participant.attendance}
    if participant.attendance == Attendance.ON_LEAVE and substitute is None:
        if present:
            participant.attendance = Attendance.PRESENT
    else:
        participant.attendance = Attendance.PRESENT if present else Attendance.ABSENT
    if substitute is not None:
        participant.attendance = Attendance.ON_LEAVE  # the member is away; the substitute sits
    participant.checked_in_at = timezone.now() if present else None
    participant.save(update_fields=["attendance", "checked_in_at", "updated_at"])
    _audit(actor, "attendance_taken", participant, before, {"attendance": participant.attendance})


@service
def hold_meeting(*, actor: Any, meeting: Meeting, expected_version: int | None = None) -> None:
    """The meeting took place: those not signed in and not on leave are absent."""
    transitions.move("meeting", meeting, "hold", MeetingState.HELD)
    meeting.held_at = timezone.now()
    save_versioned(meeting, expected_version=expected_version, fields=["state", "held_at"])
    meeting.participants.filter(attendance=Attendance.INVITED).update(attendance=Attendance.ABSENT)
    if meeting.plan_entry_id:
        entry = meeting.plan_entry
        if entry is not None and transitions.allowed("plan_entry", entry.state, "mark_held"):
            entry.state = PlanEntryState.HELD
            entry.save(update_fields=["state", "updated_at"])
    present, members = checks.member_counts(meeting)
    _audit(
        actor,
        "meeting_held",
        meeting,
        {"state": "approved"},
        {"present": present, "members": members},
    )


@service
def add_written_opinion(
    *, actor: Any, meeting: Meeting, text: str, topic: Topic | None = None
) -> WrittenOpinion:
    """MTG-6: a member who cannot attend gives a written opinion."""
    person = _person(actor)
    transitions.check("meeting", meeting, "written_opinion")
    _need(text, "text", "请填写书面意见。", "MTG-6")
    seat = meeting.participants.filter(person=person).first()
    if seat is None or seat.attendance == Attendance.PRESENT:
        raise RuleViolation.single("MTG-6", "书面意见由因故不能参会的参会人员提出。", status=409)
    opinion = WrittenOpinion.objects.create(
        meeting=meeting, topic=topic, person=person, text=text.strip()
    )
    _audit(actor, "written_opinion_added", meeting, {}, {"person": person.pk})
    return opinion


@service
def return_materials(*, actor: Any, participant: Participant) -> None:
    """MTG-17: confidential materials handed back before leaving the room."""
    transitions.check("meeting", participant.meeting, "return_materials")
    participant.materials_returned = True
    participant.save(update_fields=["materials_returned", "updated_at"])
    _audit(actor, "materials_returned", participant, {"returned": False}, {"returned": True})


# --- decisions (MTG-1 quorum, MTG-2, MTG-15) ---------------------------------------------
@service
def record_decision(
    *,
    actor: Any,
    meeting: Meeting,
    content: str,
    responsible_unit: Unit,
    due_on: dt.date,
    topic: Topic | None = None,
    sub_items: Sequence[str] = (),
    supervising_section: Section | None = None,
    cooperating_units: Sequence[Unit] = (),
    votes: str = "",
    personnel: bool = False,
) -> Decision:
    transitions.check("meeting", meeting, "record_decision")
    _need(content, "content", "请填写任务内容。", "MTG-15")
    personnel = personnel or bool(topic and topic.personnel)
    problems = checks.quorum(meeting, personnel=personnel)
    if topic is not None:
        if topic.meeting_id != meeting.pk:
            problems.append(Violation(INVALID, "该议题不在本次会议议程中。", "topic"))
        if topic.major_matter and meeting.type not in COLLECTIVE:
            problems.append(
                catalogue.violation(
                    "MTG-2",
                    f"“三重一大”事项（{MajorMatter(topic.major_matter).label}）须经全体会议、常务会议"
                    "或党组会议集体决策。",
                )
            )
    held_on = timezone.localtime(meeting.starts_at).date()
    if due_on < held_on:
        problems.append(Violation(INVALID, "完成时限不能早于会议日期。", "due_on"))
    raise_if(problems)
    present, members = checks.member_counts(meeting)
    top = meeting.decisions.aggregate(m=Max("position"))["m"] or 0
    decision = Decision.objects.create(
        meeting=meeting,
        topic=topic,
        position=top + 1,
        content=content.strip(),
        sub_items=[s.strip() for s in sub_items if s and s.strip()],
        responsible_unit=responsible_unit,
        due_on=due_on,
        supervising_section=supervising_section,
        votes=votes.strip(),
        personnel=personnel,
        present_count=present,
        member_count=members,
        recorded_by=_person(actor),
    )
    if cooperating_units:
        decision.cooperating_units.set(cooperating_units)
    if topic is not None and topic.state == TopicState.SCHEDULED:
        transitions.move("topic", topic, "decide", TopicState.DECIDED)
        topic.save(update_fields=["state", "updated_at"])
    _audit(
        actor,
        "decision_recorded",
        decision,
        {},
        {"content": decision.content[:200], "present": present},
    )
    return decision


# --- minutes (MTG-14) --------------------------------------------------------------------
def _body_from_agenda(meeting: Meeting) -> list[dict]:
    body = [
        {
            "level": 0,
            "text": f"{timezone.localtime(meeting.starts_at):%Y年%-m月%-d日}，"
            f"{meeting.presiding.name}主持召开{meeting.display_name}。会议研究了以下事项：",
        }
    ]
    numbers = "一二三四五六七八九十"
    for index, item in enumerate(meeting.agenda.select_related("topic"), start=0):
        mark = numbers[index] if index < len(numbers) else str(index + 1)
        body.append({"level": 1, "text": f"{mark}、{item.title}"})
        body.append({"level": 0, "text": "会议听取了汇报，经研究，议定如下："})
    return body


@service
def draft_minutes(*, actor: Any, meeting: Meeting) -> Minutes:
    """MTG-14: drafted from the agenda; due for approval within N working days after the
    meeting — a tracked item for the drafter."""
    transitions.check("meeting", meeting, "draft_minutes")
    if hasattr(meeting, "minutes"):
        raise RuleViolation.single(INVALID, "本次会议已有纪要。", status=409)
    person = _person(actor)
    deadline = engine.deadline_for_rule("MTG-14", meeting.ends_at)
    number = (
        Minutes.objects.filter(meeting__type=meeting.type, meeting__year=meeting.year).count() + 1
    )
    minutes = Minutes.objects.create(
        meeting=meeting,
        number=number,
        title=f"{meeting.display_name}纪要",
        body=_body_from_agenda(meeting),
        due_at=deadline.due,
        basis=catalogue.basis("MTG-14", days=deadline.params.get("days")),
        drafted_by=person,
    )
    minutes.tracked_item = integration.minutes_item(actor=actor, minutes=minutes, deadline=deadline)
    minutes.save(update_fields=["tracked_item", "updated_at"])
    _audit(actor, "minutes_drafted", minutes, {}, {"due_at": deadline.due.isoformat()})
    return minutes


@service
def edit_minutes(
    *,
    actor: Any,
    minutes: Minutes,
    body: list[dict],
    title: str = "",
    expected_version: int | None = None,
) -> None:
    transitions.check("minutes", minutes, "edit")
    before = {"body": minutes.body}
    minutes.body = [
        {"level": int(p.get("level", 0)), "text": str(p.get("text", "")).strip()}
        for p in body
        if str(p.get("text", "")).strip()
    ]
    if title.strip():
        minutes.title = title.strip()
    save_versioned(minutes, expected_version=expected_version, fields=["body", "title"])
    _audit(actor, "minutes_edited", minutes, before, {"body": minutes.body})


@service
def submit_minutes(*, actor: Any, minutes: Minutes, expected_version: int | None = None) -> None:
    transitions.move("minutes", minutes, "submit", MinutesState.SUBMITTED)
    minutes.submitted_at = timezone.now()
    save_versioned(minutes, expected_version=expected_version, fields=["state", "submitted_at"])
    integration.minutes_submitted(actor=actor, minutes=minutes)
    _audit(actor, "minutes_submitted", minutes, {"state": "drafting"}, {"state": "submitted"})
    presiding_id = minutes.meeting.presiding_id
    on_commit(
        lambda: integration.notify_people(
            [presiding_id], "minutes_submitted", f"纪要待签发：{minutes.title}", minutes.meeting
        )
    )


@service
def send_back_minutes(
    *, actor: Any, minutes: Minutes, reason: str, expected_version: int | None = None
) -> None:
    acting = _as(actor, minutes.meeting.presiding)
    _need(reason, "reason", "退回须说明理由。")
    transitions.move("minutes", minutes, "send_back", MinutesState.DRAFTING)
    save_versioned(minutes, expected_version=expected_version, fields=["state"])
    _audit(actor, "minutes_sent_back", minutes, {"state": "submitted"}, {"reason": reason}, acting)


@service
def sign_minutes(*, actor: Any, minutes: Minutes, expected_version: int | None = None) -> list:
    """MTG-14: signed by the presiding leader only; the 纪要 .docx is produced; MTG-15 /
    SUP-5: every decision becomes a ledger item. Returns the ledger items."""
    meeting = minutes.meeting
    acting = try_acting_as(actor, lambda person: person.pk == meeting.presiding_id)
    if acting is None:
        raise RuleViolation.single(
            "MTG-14", f"会议纪要由主持会议的领导（{meeting.presiding.name}）签发。", status=403
        )
    transitions.move("minutes", minutes, "sign", MinutesState.SIGNED)
    minutes.signed_by = acting.on_behalf_of or acting.person
    minutes.signed_at = timezone.now()
    save_versioned(
        minutes, expected_version=expected_version, fields=["state", "signed_by", "signed_at"]
    )
    content = integration.render_minutes(minutes)
    from django.core.files.base import ContentFile

    minutes.document.save(f"minutes-{minutes.uuid}.docx", ContentFile(content), save=False)
    Minutes.objects.filter(pk=minutes.pk).update(document=minutes.document.name)
    integration.minutes_signed(actor=actor, minutes=minutes)
    lines = integration.register_decisions(actor=actor, minutes=minutes)
    items = []
    for decision in meeting.decisions.select_related("tracked_item").order_by("position"):
        if decision.pk in lines:
            decision.tracked_item = lines[decision.pk]
            decision.save(update_fields=["tracked_item", "updated_at"])
        if decision.tracked_item_id is not None:
            items.append(decision.tracked_item)
    if transitions.allowed("meeting", meeting.state, "close"):
        meeting.state = MeetingState.CLOSED
        meeting.save(update_fields=["state", "updated_at"])
    _audit(
        actor, "minutes_signed", minutes, {"state": "submitted"}, {"decisions": len(items)}, acting
    )
    return items


# --- news (MTG-16) -----------------------------------------------------------------------
@service
def save_news(*, actor: Any, meeting: Meeting, text: str, seconds: int = 0) -> list[Violation]:
    """MTG-16: the news draft of a held meeting; its length against the limit of the
    presiding leader's rank (warnings, kept on the page); the head's office meeting is
    not reported (refused)."""
    transitions.check("meeting", meeting, "news")
    if meeting.type == MeetingType.HEAD_OFFICE:
        raise RuleViolation.single("MTG-16", "区长办公会议一般不作报道，不拟新闻稿。", field="text")
    warnings = checks.news_warnings(meeting, text, seconds)
    before = {"news": meeting.news_text}
    meeting.news_text = text.strip()
    meeting.news_seconds = seconds
    meeting.save(update_fields=["news_text", "news_seconds", "updated_at"])
    _audit(actor, "news_saved", meeting, before, {"length": len(meeting.news_text)})
    return warnings


# --- MTG-2: outgoing documents on matters of 三重一大 ------------------------------------
@service
def mark_document_matter(
    *, actor: Any, document: Any, major_matter: str, topic: Topic | None = None
) -> DocumentMatter | None:
    """Mark an outgoing document as a matter of 三重一大 and link the topic a collective
    meeting decided it on; the document is flagged (MTG-2) until that topic is decided.
    An empty ``major_matter`` removes the mark."""
    person = _person(actor)
    if major_matter and major_matter not in MajorMatter.values:
        raise RuleViolation.single(INVALID, "请选择“三重一大”事项类别。", field="major_matter")
    if topic is not None and topic.state in (TopicState.WITHDRAWN, TopicState.RETURNED):
        raise RuleViolation.single(
            "MTG-2", "所选议题已撤回或退回，不能作为会议决策依据。", field="topic"
        )
    current = DocumentMatter.objects.filter(document=document).first()
    before = (
        {"major_matter": current.major_matter, "topic": str(current.topic_id or "")}
        if current
        else {}
    )
    if not major_matter:
        if current is not None:
            current.delete()
        _audit(actor, "document_matter_cleared", document, before, {})
        return None
    matter, _created = DocumentMatter.objects.update_or_create(
        document=document,
        defaults={"major_matter": major_matter, "topic": topic, "marked_by": person},
    )
    flag = integration.major_matter_flag(major_matter, topic)
    _audit(
        actor,
        "document_matter_marked",
        document,
        before,
        {
            "major_matter": major_matter,
            "topic": str(topic.uuid) if topic else "",
            "flagged": bool(flag),
        },
    )
    return matter


# --- MTG-6: a leader's emergency decision, reported at the next meeting -----------------
REPORTING_TYPES = GOVERNMENT_TYPES


@service
def record_emergency_decision(
    *,
    actor: Any,
    decided_by: Person,
    decided_at: dt.datetime,
    event: str,
    content: str,
    meeting_type: str = MeetingType.EXECUTIVE,
    major_matter: str = "",
) -> EmergencyDecision:
    """MTG-6: the head or a deputy head decided in an emergency without a meeting; the
    decision is reported at the next meeting of ``meeting_type`` and flagged there until
    it is."""
    _need(event, "event", "请填写突发事件或紧急情况。", "MTG-6")
    _need(content, "content", "请填写处置决定。", "MTG-6")
    problems: list[Violation] = []
    if not people_with_post(["head", "deputy_head"]).filter(pk=decided_by.pk).exists():
        problems.append(
            catalogue.violation("MTG-6", "临机处置由区长、副区长作出。", field="decided_by")
        )
    if meeting_type not in REPORTING_TYPES:
        problems.append(
            Violation(
                INVALID, "请选择报告的政府会议（全体、常务、区长办公或党组会议）。", "meeting_type"
            )
        )
    if major_matter and major_matter not in MajorMatter.values:
        problems.append(Violation(INVALID, "请选择“三重一大”事项类别。", "major_matter"))
    if decided_at > timezone.now():
        problems.append(Violation(INVALID, "处置时间不能晚于现在。", "decided_at"))
    raise_if(problems)
    decision = EmergencyDecision.objects.create(
        meeting_type=meeting_type,
        decided_by=decided_by,
        decided_at=decided_at,
        event=event.strip(),
        content=content.strip(),
        major_matter=major_matter,
        recorded_by=_person(actor),
    )
    _audit(
        actor,
        "emergency_decision_recorded",
        decision,
        {},
        {"event": decision.event, "decided_by": decided_by.name, "meeting_type": meeting_type},
    )
    return decision


@service
def report_emergency_decision(
    *,
    actor: Any,
    decision: EmergencyDecision,
    meeting: Meeting,
    note: str = "",
    expected_version: int | None = None,
) -> EmergencyDecision:
    """MTG-6: the decision was reported at ``meeting`` — a held meeting of its body, after
    the decision was taken."""
    transitions.check("emergency", decision, "report")
    problems: list[Violation] = []
    if meeting.type != decision.meeting_type:
        problems.append(
            catalogue.violation(
                "MTG-6",
                f"该临机处置事项应在{MeetingType(decision.meeting_type).label}上报告。",
                field="meeting",
            )
        )
    if meeting.starts_at <= decision.decided_at:
        problems.append(
            catalogue.violation("MTG-6", "报告的会议应在临机处置之后召开。", field="meeting")
        )
    if meeting.state not in (MeetingState.HELD, MeetingState.CLOSED):
        raise_if(problems)
        raise RuleViolation.single("MTG-6", "会议召开后方可登记报告情况。", status=409)
    raise_if(problems)
    transitions.move("emergency", decision, "report", EmergencyState.REPORTED)
    decision.meeting = meeting
    decision.reported_at = timezone.now()
    decision.report_note = note.strip()
    save_versioned(
        decision,
        expected_version=expected_version,
        fields=["state", "meeting", "reported_at", "report_note"],
    )
    _audit(
        actor,
        "emergency_decision_reported",
        decision,
        {"state": EmergencyState.PENDING},
        {"meeting": meeting.display_name},
    )
    return decision
