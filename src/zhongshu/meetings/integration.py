"""Narrow adapters to the modules meetings build on: tracking (the ledger engine),
supervision (SUP-5), outgoing (the GB/T 9704 minutes format) and notifications.
Everything the meetings module needs from another module goes through here."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django.utils import timezone

from zhongshu.clock import engine
from zhongshu.clock.engine import Deadline
from zhongshu.org.models import Person
from zhongshu.rules import catalogue

if TYPE_CHECKING:
    from .models import Decision, Minutes

MINUTES_KIND = "meetings.minutes"
DECISION_KIND = "meetings.decision"


# --- links and notifications --------------------------------------------------------------
def link_of(obj: Any) -> str:
    from .models import Meeting, Topic

    if isinstance(obj, Meeting):
        return reverse("meetings:meeting_detail", args=[obj.uuid])
    if isinstance(obj, Topic):
        return reverse("meetings:topic_detail", args=[obj.uuid])
    return ""


def notify_people(ids: Sequence[int | None], verb: str, text: str, obj: Any) -> None:
    from zhongshu.tracking.services import notify

    notify([i for i in ids if i], verb=verb, text=text, link=link_of(obj))


# --- tracked items -------------------------------------------------------------------------
def minutes_item(*, actor: Any, minutes: Minutes, deadline: Deadline):
    """MTG-14: the minutes go for approval within N working days — the drafter's item."""
    from zhongshu.tracking.services import create_item

    meeting = minutes.meeting
    return create_item(
        actor=actor,
        kind=MINUTES_KIND,
        subject=f"报审{meeting.display_name}纪要",
        lead_unit=meeting.organiser,
        deadline=deadline,
        responsible=minutes.drafted_by,
        approver=meeting.presiding,
        source=meeting,
        basis=minutes.basis,
    )


def minutes_submitted(*, actor: Any, minutes: Minutes) -> None:
    """Submitted for approval: the drafter's MTG-14 item is done."""
    _close(minutes.tracked_item, "纪要已报审")


def minutes_signed(*, actor: Any, minutes: Minutes) -> None:
    _close(minutes.tracked_item, "纪要已签发")


def _close(item, outcome: str) -> None:
    from zhongshu.tracking.choices import OPEN_STATES
    from zhongshu.tracking.services import close_item

    if item is None:
        return
    item.refresh_from_db()
    if item.state in OPEN_STATES:
        close_item(actor=None, item=item, outcome=outcome)


def decision_deadline(decision: Decision, signed_at: dt.datetime) -> Deadline:
    """The decision's 完成时限 (a date the meeting set) as a deadline of the clock
    engine: the office end of that day, MTG-15 its basis."""
    start = timezone.localtime(signed_at)
    days = max((decision.due_on - start.date()).days, 0)
    return engine.add_calendar_days(
        start, days, rule="MTG-15", params={"due_on": decision.due_on.isoformat()}
    )


def _section_chief(section) -> Person | None:
    if section is None:
        return None
    return (
        Person.objects.filter(section=section, archived_at__isnull=True)
        .order_by("sort_order", "id")
        .first()
    )


def register_decision(*, actor: Any, decision: Decision, minutes: Minutes):
    """MTG-15 / SUP-5: a decision becomes a ledger item when the minutes are signed.

    Uses the supervision module's service when it offers one, else creates the tracked
    item itself (``_create_ledger_item``)."""
    try:
        from zhongshu.supervision import services as supervision  # type: ignore[attr-defined]
    except ImportError:
        supervision = None
    register = getattr(supervision, "register_meeting_decision", None)
    if register is not None:  # pragma: no cover - switched on when supervision ships it
        return register(actor=actor, decision=decision, minutes=minutes)
    return _create_ledger_item(actor=actor, decision=decision, minutes=minutes)


def _create_ledger_item(*, actor: Any, decision: Decision, minutes: Minutes):
    """LEAD: replace with the supervision service (SUP-5 ledger, 2-working-day transfer
    notice) once ``zhongshu.supervision.services.register_meeting_decision`` exists."""
    from zhongshu.org.services import principal_of
    from zhongshu.tracking.services import create_item

    meeting = decision.meeting
    signed_at = minutes.signed_at or timezone.now()
    deadline = decision_deadline(decision, signed_at)
    section = decision.supervising_section
    basis = catalogue.basis("MTG-15")
    basis["meeting"] = meeting.display_name
    if section is not None:
        basis["supervising_section"] = section.name
    return create_item(
        actor=actor,
        kind=DECISION_KIND,
        subject=f"{meeting.display_name}议定事项{decision.position}：{decision.content}"[:300],
        lead_unit=decision.responsible_unit,
        deadline=deadline,
        responsible=principal_of(decision.responsible_unit),
        approver=_section_chief(section) or minutes.signed_by,
        cooperating_units=list(decision.cooperating_units.all()),
        source=decision.topic or meeting,
        basis=basis,
        target=decision.content,
        lists={"tasks": decision.sub_items} if decision.sub_items else None,
    )


def ledger_items(decisions: Sequence[Decision]) -> dict[int, Any]:
    """The ledger item tracking each decision (its live colour, state and due), read in
    one query: decision pk → TrackedItem."""
    from zhongshu.tracking.models import TrackedItem

    ids = {d.tracked_item_id: d.pk for d in decisions if d.tracked_item_id}
    if not ids:
        return {}
    items = TrackedItem.objects.filter(pk__in=list(ids)).select_related("lead_unit")
    return {ids[item.pk]: item for item in items}


# --- MTG-2: matters of 三重一大 decided without a meeting -------------------------------
def major_matter_flag(major_matter: str, topic: Any = None):
    """For outgoing documents and leaders' decisions: a Violation of MTG-2 when a matter
    of 三重一大 carries no topic decided at a collective meeting; None when fine."""
    from .choices import MajorMatter, TopicState

    if not major_matter:
        return None
    if topic is not None and topic.state == TopicState.DECIDED:
        return None
    label = MajorMatter(major_matter).label if major_matter in MajorMatter.values else major_matter
    return catalogue.violation("MTG-2", f"“三重一大”事项（{label}）须经会议集体决策。")


# --- the 纪要 document (MTG-14) ----------------------------------------------------------
def attendance_lines(minutes: Minutes) -> dict[str, str]:
    from .choices import Attendance, ParticipantRole

    rows = minutes.meeting.participants.all()
    present = [
        p.name
        for p in rows
        if p.role == ParticipantRole.MEMBER and p.attendance == Attendance.PRESENT
    ]
    leave = [
        p.name + (f"（{p.substitute.name}代）" if p.substitute_id else "")
        for p in rows.select_related("substitute")
        if p.role == ParticipantRole.MEMBER
        and p.attendance in (Attendance.ON_LEAVE, Attendance.ABSENT)
    ]
    attending = [
        f"{p.unit_name}{p.name}" if p.unit_name else p.name
        for p in rows
        if p.role != ParticipantRole.MEMBER and p.attendance == Attendance.PRESENT
    ]
    return {"出席": "、".join(present), "请假": "、".join(leave), "列席": "、".join(attending)}


def minutes_paragraphs(minutes: Minutes) -> list[dict]:
    body = list(minutes.body)
    decisions = list(minutes.meeting.decisions.select_related("responsible_unit"))
    if decisions:
        body.append({"level": 1, "text": "议定事项"})
        for d in decisions:
            body.append(
                {
                    "level": 0,
                    "text": f"{d.position}．{d.content}（落实主体：{d.responsible_unit.short_name}；"
                    f"完成时限：{d.due_on.year}年{d.due_on.month}月{d.due_on.day}日）",
                }
            )
            for sub in d.sub_items:
                body.append({"level": 0, "text": f"——{sub}"})
    body.append({"level": 0, "text": ""})
    for label, names in attendance_lines(minutes).items():
        if names:
            body.append({"level": 0, "text": f"{label}：{names}"})
    return body


def render_minutes(minutes: Minutes) -> bytes:
    """The .docx of the minutes: the outgoing module's GB/T 9704 minutes layout when it
    is there, else a plain 纪要-format document (A4, East Asian fonts, no seal)."""
    try:
        from zhongshu.outgoing import gbt9704
    except ImportError:  # pragma: no cover
        gbt9704 = None
    meeting = minutes.meeting
    signed = timezone.localtime(minutes.signed_at or timezone.now()).date()
    if gbt9704 is not None and hasattr(gbt9704, "Sheet"):
        sheet = gbt9704.Sheet(
            layout="minutes",
            issuer_mark=f"{meeting.organiser.name.removesuffix('办公室')}{_type_label(meeting)}纪要",
            number=f"〔{meeting.year}〕第{minutes.number}期",
            title=minutes.title,
            body=minutes_paragraphs(minutes),
            date=signed,
            classification="",
        )
        return gbt9704.render_docx(sheet)
    return _plain_minutes(minutes, signed)


def _type_label(meeting) -> str:
    from .choices import MeetingType

    return MeetingType(meeting.type).label


def _plain_minutes(minutes: Minutes, signed: dt.date) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.left_margin = Mm(37), Mm(28)
    section.right_margin, section.bottom_margin = Mm(26), Mm(35)

    def para(text: str, font: str, size: int, center: bool = False):
        p = doc.add_paragraph()
        run = p.add_run(text)
        run.font.name = font
        run.font.size = Pt(size)
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        return p

    para(f"{_type_label(minutes.meeting)}纪要", "方正小标宋简体", 36, center=True)
    para(f"第{minutes.number}期", "仿宋_GB2312", 16, center=True)
    para(minutes.title, "方正小标宋简体", 22, center=True)
    for p in minutes_paragraphs(minutes):
        para(p["text"], "黑体" if p.get("level") == 1 else "仿宋_GB2312", 16)
    para(f"{signed.year}年{signed.month}月{signed.day}日", "仿宋_GB2312", 16)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
