"""Narrow adapters to the modules meetings build on: tracking (the ledger engine),
supervision (SUP-5), outgoing (the GB/T 9704 minutes format) and notifications.
Everything the meetings module needs from another module goes through here."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django.utils import timezone

from zhongshu.clock.engine import Deadline
from zhongshu.rules import catalogue

if TYPE_CHECKING:
    from .models import Decision, Minutes

MINUTES_KIND = "meetings.minutes"


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


def register_decisions(*, actor: Any, minutes: Minutes) -> dict[int, Any]:
    """MTG-15 / SUP-5: when the minutes are signed, the meeting's decisions enter the
    supervision ledger in one case — each with its content, sub-items (the SUP-8 task
    list), responsible unit, deadline and supervising section, pointing back to the
    decision. Returns decision pk → the ledger line's tracked item."""
    from zhongshu.org.services import leaders_in_charge, principal_of
    from zhongshu.supervision import services as supervision

    meeting = minutes.meeting
    decisions = list(
        meeting.decisions.filter(tracked_item__isnull=True)
        .select_related("responsible_unit", "supervising_section")
        .prefetch_related("cooperating_units")
        .order_by("position")
    )
    if not decisions:
        return {}
    rows = []
    for decision in decisions:
        unit = decision.responsible_unit
        leaders = leaders_in_charge(unit)
        rows.append(
            {
                "subject": f"{meeting.display_name}议定事项{decision.position}：{decision.content}"[
                    :300
                ],
                "lead_unit": unit,
                "due_date": decision.due_on,
                "cooperating_units": list(decision.cooperating_units.all()),
                "leader": leaders[0] if leaders else None,
                "responsible": principal_of(unit),
                "standard": decision.content,
                "sub_items": list(decision.sub_items),
                "supervising_section": decision.supervising_section,
                "source": decision,
            }
        )
    case = supervision.register_decisions(
        actor=actor,
        meeting=meeting.display_name,
        decisions=rows,
        reference=f"{minutes.title}（〔{meeting.year}〕第{minutes.number}期）",
    )
    return {d.pk: line.item for d, line in zip(decisions, case.registered_items, strict=True)}


def ledger_items(decisions: Sequence[Decision]) -> dict[int, Any]:
    """The ledger lines that point back to each decision (their live colour, state and
    due), read in one query: decision pk → TrackedItem."""
    from django.contrib.contenttypes.models import ContentType

    from zhongshu.supervision.models import SupervisedItem

    keys = {str(d.uuid): d.pk for d in decisions}
    if not keys:
        return {}
    from .models import Decision as DecisionModel

    lines = SupervisedItem.objects.filter(
        origin_type=ContentType.objects.get_for_model(DecisionModel), origin_id__in=list(keys)
    ).select_related("item")
    return {keys[line.origin_id]: line.item for line in lines}


# --- MTG-2: matters of 三重一大 decided without a meeting -------------------------------
COLLECTIVE_TYPES = ("plenary", "executive", "party_group")


def major_matter_flag(major_matter: str, topic: Any = None):
    """For outgoing documents and leaders' decisions: a Violation of MTG-2 when a matter
    of 三重一大 carries no topic decided at a collective meeting (plenary, executive or
    party group); None when fine."""
    from .choices import MajorMatter, TopicState

    if not major_matter:
        return None
    meeting = getattr(topic, "meeting", None) if topic is not None else None
    if (
        topic is not None
        and topic.state == TopicState.DECIDED
        and meeting is not None
        and meeting.type in COLLECTIVE_TYPES
    ):
        return None
    label = MajorMatter(major_matter).label if major_matter in MajorMatter.values else major_matter
    if topic is None:
        why = "尚未关联会议研究决定的议题"
    elif topic.state != TopicState.DECIDED:
        why = f"关联的议题“{topic.title}”尚未经会议研究决定"
    else:
        why = f"关联的议题“{topic.title}”不是在全体会议、常务会议或党组会议上决定的"
    return catalogue.violation("MTG-2", f"“三重一大”事项（{label}）须经会议集体决策：{why}。")


def document_flags(document: Any) -> list:
    """outgoing's hook (outgoing/hooks.py): the MTG-2 flag of a document marked 三重一大."""
    from .models import DocumentMatter

    matter = (
        DocumentMatter.objects.filter(document_id=document.pk)
        .select_related("topic__meeting")
        .first()
    )
    if matter is None:
        return []
    flag = major_matter_flag(matter.major_matter, matter.topic)
    return [flag] if flag else []


def document_links(document: Any, user: Any) -> list[dict[str, str]]:
    """outgoing's hook: where the drafter marks the document 三重一大 and links the topic."""
    from .policies import DocumentMatterPolicy

    if not DocumentMatterPolicy().can_mark(user, document):
        return []
    return [
        {
            "label": "“三重一大”事项：标注并关联会议决策议题（MTG-2）",
            "url": reverse("meetings:document_matter", args=[document.uuid]),
        }
    ]


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
    """The .docx of the minutes in the GB/T 9704 纪要 layout of the outgoing module:
    the 纪要 mark, the issue number, the body with the decisions and the 出席/请假/列席
    lines, no seal."""
    from zhongshu.outgoing import gbt9704

    meeting = minutes.meeting
    signed = timezone.localtime(minutes.signed_at or timezone.now()).date()
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


def _type_label(meeting) -> str:
    from .choices import MeetingType

    return MeetingType(meeting.type).label
