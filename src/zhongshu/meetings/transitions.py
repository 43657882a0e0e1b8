"""The state machines of meetings, topics, minutes, plan entries and leave requests:
explicit transition tables. An action not in a table is refused (409).

Topic:   draft ─request─▶ requested ─propose─▶ proposed ─approve─▶ approved ─schedule─▶
         scheduled ─decide─▶ decided;  requested/proposed ─return_topic─▶ returned
         ─request─▶ requested;  draft/requested/returned ─withdraw─▶ withdrawn;
         scheduled ─unschedule─▶ approved
Meeting: draft ─submit─▶ submitted ─approve─▶ approved ─hold─▶ held ─close─▶ closed;
         draft/submitted/approved ─cancel─▶ cancelled; agenda and participants change
         in draft/submitted/approved
Minutes: drafting ─submit─▶ submitted ─sign─▶ signed; submitted ─send_back─▶ drafting
Emergency decision (MTG-6): pending ─report─▶ reported
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from zhongshu.framework.errors import RuleViolation

from .choices import (
    EmergencyState,
    LeaveState,
    MeetingState,
    MinutesState,
    PlanEntryState,
    TopicState,
)

T, M, N, P, L = TopicState, MeetingState, MinutesState, PlanEntryState, LeaveState

TOPIC: frozenset[tuple[str, str, str]] = frozenset(
    {
        (T.DRAFT, "edit", T.DRAFT),
        (T.RETURNED, "edit", T.RETURNED),
        (T.DRAFT, "request", T.REQUESTED),
        (T.RETURNED, "request", T.REQUESTED),
        (T.REQUESTED, "record_prerequisite", T.REQUESTED),
        (T.PROPOSED, "record_prerequisite", T.PROPOSED),
        (T.APPROVED, "record_prerequisite", T.APPROVED),
        (T.DRAFT, "record_prerequisite", T.DRAFT),
        (T.REQUESTED, "propose", T.PROPOSED),
        (T.REQUESTED, "return_topic", T.RETURNED),
        (T.PROPOSED, "return_topic", T.RETURNED),
        (T.PROPOSED, "approve", T.APPROVED),
        (T.APPROVED, "schedule", T.SCHEDULED),
        (T.SCHEDULED, "unschedule", T.APPROVED),
        (T.SCHEDULED, "decide", T.DECIDED),
        (T.DRAFT, "withdraw", T.WITHDRAWN),
        (T.REQUESTED, "withdraw", T.WITHDRAWN),
        (T.RETURNED, "withdraw", T.WITHDRAWN),
    }
)

MEETING: frozenset[tuple[str, str, str]] = frozenset(
    {
        (M.DRAFT, "submit", M.SUBMITTED),
        (M.SUBMITTED, "approve", M.APPROVED),
        (M.SUBMITTED, "send_back", M.DRAFT),
        (M.APPROVED, "hold", M.HELD),
        (M.HELD, "close", M.CLOSED),
        (M.DRAFT, "cancel", M.CANCELLED),
        (M.SUBMITTED, "cancel", M.CANCELLED),
        (M.APPROVED, "cancel", M.CANCELLED),
        *((s, "edit_agenda", s) for s in (M.DRAFT, M.SUBMITTED, M.APPROVED)),
        *((s, "edit_participants", s) for s in (M.DRAFT, M.SUBMITTED, M.APPROVED)),
        *((s, "request_leave", s) for s in (M.DRAFT, M.SUBMITTED, M.APPROVED)),
        *((s, "decide_leave", s) for s in (M.DRAFT, M.SUBMITTED, M.APPROVED)),
        (M.APPROVED, "take_attendance", M.APPROVED),
        (M.HELD, "take_attendance", M.HELD),
        (M.APPROVED, "written_opinion", M.APPROVED),
        (M.HELD, "written_opinion", M.HELD),
        (M.HELD, "record_decision", M.HELD),
        (M.HELD, "draft_minutes", M.HELD),
        (M.HELD, "return_materials", M.HELD),
        (M.HELD, "news", M.HELD),
        (M.CLOSED, "news", M.CLOSED),
    }
)

MINUTES: frozenset[tuple[str, str, str]] = frozenset(
    {
        (N.DRAFTING, "edit", N.DRAFTING),
        (N.DRAFTING, "submit", N.SUBMITTED),
        (N.SUBMITTED, "send_back", N.DRAFTING),
        (N.SUBMITTED, "sign", N.SIGNED),
    }
)

PLAN_ENTRY: frozenset[tuple[str, str, str]] = frozenset(
    {
        (P.PROPOSED, "endorse", P.ENDORSED),
        (P.ENDORSED, "compile", P.IN_PLAN),
        (P.IN_PLAN, "change", P.CHANGED),
        (P.CHANGED, "change", P.CHANGED),
        (P.IN_PLAN, "drop", P.DROPPED),
        (P.CHANGED, "drop", P.DROPPED),
        (P.IN_PLAN, "mark_held", P.HELD),
        (P.CHANGED, "mark_held", P.HELD),
    }
)

LEAVE: frozenset[tuple[str, str, str]] = frozenset(
    {(L.REQUESTED, "approve", L.APPROVED), (L.REQUESTED, "refuse", L.REFUSED)}
)

EMERGENCY: frozenset[tuple[str, str, str]] = frozenset(
    {(EmergencyState.PENDING, "report", EmergencyState.REPORTED)}
)

TABLES = {
    "topic": (TOPIC, TopicState),
    "meeting": (MEETING, MeetingState),
    "minutes": (MINUTES, MinutesState),
    "plan_entry": (PLAN_ENTRY, PlanEntryState),
    "leave": (LEAVE, LeaveState),
    "emergency": (EMERGENCY, EmergencyState),
}
NAMES = {
    "topic": "议题",
    "meeting": "会议",
    "minutes": "纪要",
    "plan_entry": "计划会议",
    "leave": "请假",
    "emergency": "临机处置事项",
}
STATE_RULE = "MTG_STATE"

LABELS = {
    "edit": "修改",
    "request": "申报",
    "record_prerequisite": "登记审查论证",
    "propose": "审核提出上会建议",
    "return_topic": "退回",
    "approve": "批准",
    "schedule": "列入议程",
    "unschedule": "移出议程",
    "decide": "研究决定",
    "withdraw": "撤回",
    "submit": "报批",
    "send_back": "退回修改",
    "hold": "登记召开",
    "close": "办结",
    "cancel": "取消",
    "edit_agenda": "调整议程",
    "edit_participants": "调整参会人员",
    "request_leave": "请假",
    "decide_leave": "审批请假",
    "take_attendance": "签到",
    "written_opinion": "提交书面意见",
    "record_decision": "登记议定事项",
    "draft_minutes": "起草纪要",
    "return_materials": "登记材料退回",
    "news": "新闻报道",
    "sign": "签发",
    "endorse": "同意",
    "compile": "列入计划",
    "change": "调整",
    "drop": "不再召开",
    "mark_held": "登记已召开",
    "refuse": "不批准",
    "report": "登记会上报告",
}


def allowed(table: str, state: str, action: str, to: str | None = None) -> bool:
    rows, _states = TABLES[table]
    return any(f == state and a == action and (to is None or t == to) for f, a, t in rows)


def check(table: str, obj, action: str, to: str | None = None) -> None:
    if not allowed(table, obj.state, action, to):
        _rows, states = TABLES[table]
        raise RuleViolation.single(
            STATE_RULE,
            _("%(what)s当前状态为“%(state)s”，不能%(action)s。")
            % {
                "what": NAMES[table],
                "state": states(obj.state).label,
                "action": LABELS.get(action, action),
            },
            status=409,
        )


def move(table: str, obj, action: str, to: str) -> None:
    check(table, obj, action, to)
    obj.state = to


def actions(table: str) -> list[str]:
    rows, _states = TABLES[table]
    return sorted({a for _f, a, _t in rows})
