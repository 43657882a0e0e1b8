"""Cases (督查任务): the office's own steps on a source document, each a tracked step with
the deadline of its rule — SUP-2/3 handling proposal (2 working days), SUP-3 supervision
notice (2 more), SUP-3/6 report (5 working days after collecting), SUP-4 ledger notice
(3 working days after approval), SUP-5 transfer notice (2 working days)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, TypedDict

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone

from zhongshu.clock import engine
from zhongshu.framework.errors import RuleViolation
from zhongshu.framework.services import service
from zhongshu.org.models import Person, Section, Unit
from zhongshu.rules import catalogue
from zhongshu.tracking import services as tracking
from zhongshu.tracking.choices import OPEN_STATES

from ..choices import CASE_SOURCE, SOURCE_RULE, CaseKind, CaseState, Period, Source, StepKind
from ..models import Case, CaseStep, SupervisedItem
from ..periods import bounds
from ._common import (
    INVALID,
    MANAGE,
    STEP_KIND,
    audit,
    deadline_on,
    ledger_officer,
    officer_of,
    person_of,
)
from .items import create_supervised

# (case kind, step) -> (rule, parameter)
STEP_RULES: dict[tuple[str, str], tuple[str, str]] = {
    (CaseKind.CITY_ONSITE, StepKind.PROPOSAL): ("SUP-2", "proposal_days"),
    (CaseKind.CITY_WRITTEN, StepKind.PROPOSAL): ("SUP-3", "proposal_days"),
    (CaseKind.CITY_WRITTEN, StepKind.NOTICE): ("SUP-3", "notice_days"),
    (CaseKind.CITY_WRITTEN, StepKind.REPORT): ("SUP-3", "report_days"),
    (CaseKind.KEY_WORK, StepKind.LEDGER_NOTICE): ("SUP-4", "notice_days"),
    (CaseKind.MEETING, StepKind.TRANSFER): ("SUP-5", "transfer_days"),
    (CaseKind.SPECIAL, StepKind.REPORT): ("SUP-6", "report_days"),
}
# SUP-6: what a 《督查通知》 must state.
NOTICE_FIELDS = {
    "basis": "督查依据",
    "time": "督查时间",
    "targets": "督查对象",
    "content": "督查内容",
    "form": "督查形式",
    "feedback": "反馈方式",
}
TRANSITIONS = {
    "approve": (CaseState.REGISTERED,),
    "notify": (CaseState.REGISTERED, CaseState.APPROVED),
    "collect": (CaseState.NOTIFIED,),
    "report": (CaseState.COLLECTED,),
}


# SUP-4 quarterly full inspections and SUP-6 follow-up until rectified (回头看): a reported
# key-work or special case opens another round of findings and report.
ROUNDS = {
    "collect": {CaseKind.KEY_WORK: (CaseState.REPORTED,), CaseKind.SPECIAL: (CaseState.REPORTED,)}
}


def check(case: Case, action: str) -> None:
    allowed = TRANSITIONS[action] + ROUNDS.get(action, {}).get(CaseKind(case.kind), ())
    if case.state not in allowed:
        raise RuleViolation.single(
            "SUP_STATE", f"督查任务处于“{case.get_state_display()}”，不能执行此操作。", status=409
        )


def open_step(actor: Any, officer: Person, case: Case, kind: str, start: dt.datetime) -> CaseStep:
    rule, param = STEP_RULES[(case.kind, kind)]
    deadline = engine.deadline_for_rule(rule, start, param=param)
    item = tracking.create_item(
        actor=actor,
        kind=STEP_KIND,
        subject=f"{StepKind(kind).label}：{case.title}"[:300],
        lead_unit=officer.unit,
        responsible=officer,
        approver=officer,
        creator=officer,
        deadline=deadline,
        source=case,
        basis=catalogue.basis(rule, **deadline.params),
    )
    return CaseStep.objects.create(case=case, kind=kind, item=item)


def close_steps(case: Case, kind: str, outcome: str) -> None:
    for step in case.steps.filter(kind=kind, item__state__in=OPEN_STATES).select_related("item"):
        tracking.close_item(actor=None, item=step.item, outcome=outcome)


@service
def register_case(
    *,
    actor: Any,
    kind: str,
    title: str,
    reference: str = "",
    ordered_by: Person | None = None,
    plan: str = "",
) -> Case:
    """A city notice opens its proposal step at once (SUP-2/3); a key-work ledger, a meeting
    or a special supervision starts with its items or plan."""
    officer = officer_of(actor)
    if kind not in CaseKind.values:
        raise RuleViolation.single("SUP-1", "请选择督查任务类别。", field="kind")
    if not title.strip():
        raise RuleViolation.single("SUP_INVALID", "请填写督查任务名称。", field="title")
    now = timezone.now()
    case = Case.objects.create(
        kind=kind,
        title=title.strip(),
        reference=reference.strip(),
        year=timezone.localdate(now).year,
        received_at=now,
        ordered_by=ordered_by,
        created_by=officer,
        plan=plan.strip(),
    )
    if (kind, StepKind.PROPOSAL) in STEP_RULES:
        open_step(actor, officer, case, StepKind.PROPOSAL, now)
    audit(actor, "case_registered", case, after={"kind": kind})
    return case


@service
def approve_case(*, actor: Any, case: Case, plan: str = "") -> None:
    """The leader's approval of the proposal, plan or ledger, recorded by the office. The
    next step's clock starts now (SUP-3 notice, SUP-4 ledger notice)."""
    officer = officer_of(actor)
    check(case, "approve")
    now = timezone.now()
    if plan.strip():
        case.plan = plan.strip()
    if case.kind == CaseKind.SPECIAL and not case.plan:
        raise RuleViolation.single("SUP-6", "专项督查须制定督查方案报领导审定。", field="plan")
    close_steps(case, StepKind.PROPOSAL, "拟办意见已审定")
    case.state, case.approved_at = CaseState.APPROVED, now
    case.save(update_fields=["plan", "state", "approved_at", "updated_at"])
    for step in (StepKind.NOTICE, StepKind.LEDGER_NOTICE):
        if (case.kind, step) in STEP_RULES:
            open_step(actor, officer, case, step, now)
    audit(actor, "case_approved", case)


NOTICE_STEPS = (StepKind.NOTICE, StepKind.LEDGER_NOTICE, StepKind.TRANSFER)


def check_notice(case: Case, notice: dict[str, str]) -> None:
    """May the notice go out now, and does it state what it must (SUP-6)?"""
    check(case, "notify")
    needs_approval = (CaseKind.SPECIAL, CaseKind.CITY_WRITTEN, CaseKind.KEY_WORK)
    if case.kind in needs_approval and case.state != CaseState.APPROVED:
        raise RuleViolation.single(_rule_of(case), "须经领导审定后方可下发通知。", status=409)
    if case.kind == CaseKind.SPECIAL:
        missing = [
            catalogue.violation("SUP-6", f"《督查通知》须载明{label}。", field=name)
            for name, label in NOTICE_FIELDS.items()
            if not str(notice.get(name, "")).strip()
        ]
        if missing:
            raise RuleViolation(missing)


def notify(actor: Any, case: Case, notice: dict[str, str], outcome: str) -> None:
    """The notice is out: its step closes, the case is notified (key work: the quarter's
    full inspection opens)."""
    for kind in NOTICE_STEPS:
        close_steps(case, kind, outcome)
    case.notice = {k: str(v).strip() for k, v in notice.items()}
    case.state, case.notified_at = CaseState.NOTIFIED, timezone.now()
    case.save(update_fields=["notice", "state", "notified_at", "updated_at"])
    if case.kind == CaseKind.KEY_WORK:
        open_inspection(actor, _holder(actor, case), case, case.notified_at)


def _holder(actor: Any, case: Case) -> Person:
    """Who holds the office's next step: the officer acting, else (a document issued by a
    秘书科 clerk) the officer who registered the case."""
    person = person_of(actor)
    if person is not None and actor.has_perm(MANAGE):
        return person
    if case.created_by is None:
        raise RuleViolation.single("SUP-4", "未找到督查任务的承办人。", status=409)
    return case.created_by


@service
def issue_case_notice(*, actor: Any, case: Case, notice: dict[str, str]) -> None:
    """The supervision / ledger / transfer notice goes out; for a special supervision it
    states basis, time, targets, content, form and feedback method (SUP-6). A notice sent
    as an outgoing document goes out when that is issued instead (``draft_case_document``)."""
    officer_of(actor)
    check_notice(case, notice)
    notify(actor, case, notice, "通知已下发")
    audit(actor, "case_notice_issued", case)


def open_inspection(actor: Any, officer: Person, case: Case, now: dt.datetime) -> None:
    """SUP-4: the quarter's full inspection of the key-work ledger, due by the quarter's
    last day; none after the case's year (the year-end assessment closes it)."""
    today = timezone.localdate(now)
    if today.year > case.year:
        return
    _start, end = bounds(Period.QUARTERLY, today.year, (today.month - 1) // 3 + 1)
    quarter = (today.month - 1) // 3 + 1
    item = tracking.create_item(
        actor=actor,
        kind=STEP_KIND,
        subject=f"{today.year}年第{quarter}季度全面督查：{case.title}"[:300],
        lead_unit=officer.unit,
        responsible=officer,
        approver=officer,
        creator=officer,
        deadline=deadline_on(end, now, "SUP-4"),
        source=case,
        basis=catalogue.basis("SUP-4"),
    )
    CaseStep.objects.create(case=case, kind=StepKind.INSPECTION, item=item)


def _rule_of(case: Case) -> str:
    rules: dict[str, str] = {CaseKind.SPECIAL: "SUP-6", CaseKind.KEY_WORK: "SUP-4"}
    return rules.get(case.kind, "SUP-3")


@service
def collect_case_reports(*, actor: Any, case: Case, findings: str) -> None:
    """The units' self-inspection reports or the findings are collected: the report clock
    starts (SUP-3 / SUP-6: 5 working days)."""
    officer = officer_of(actor)
    check(case, "collect")
    if not findings.strip():
        raise RuleViolation.single("SUP-14", "请如实汇总督查发现。", field="findings")
    now = timezone.now()
    case.findings, case.state, case.collected_at = findings.strip(), CaseState.COLLECTED, now
    case.save(update_fields=["findings", "state", "collected_at", "updated_at"])
    if (case.kind, StepKind.REPORT) in STEP_RULES:
        open_step(actor, officer, case, StepKind.REPORT, now)
    audit(actor, "case_reports_collected", case)


def check_report(case: Case, report: str) -> None:
    check(case, "report")
    if not report.strip():
        raise RuleViolation.single("SUP-14", "督查报告不能为空。", field="report")


def record_report(actor: Any, case: Case, report: str, outcome: str) -> None:
    """The round's report is done: its step closes, the round is kept; key work: the
    quarter's inspection closes and the next quarter's opens."""
    close_steps(case, StepKind.REPORT, outcome)
    now = timezone.now()
    case.report, case.state, case.reported_at = report.strip(), CaseState.REPORTED, now
    case.rounds = [
        *case.rounds,
        {
            "round": len(case.rounds) + 1,
            "collected_at": case.collected_at.isoformat() if case.collected_at else "",
            "findings": case.findings,
            "reported_at": now.isoformat(),
            "report": case.report,
        },
    ]
    case.save(update_fields=["report", "state", "reported_at", "rounds", "updated_at"])
    if case.kind == CaseKind.KEY_WORK:
        # the report after this inspection (SUP-4) closes the quarter's step; the next
        # quarter's opens (from the day after this quarter ends when reported early)
        open_steps = case.steps.filter(kind=StepKind.INSPECTION, item__state__in=OPEN_STATES)
        due = [timezone.localdate(s.item.due_at) for s in open_steps.select_related("item")]
        close_steps(case, StepKind.INSPECTION, "全面督查报告已完成")
        start = (
            dt.datetime.combine(max(due) + dt.timedelta(days=1), dt.time(9), engine.SHANGHAI)
            if due
            else now
        )
        open_inspection(actor, _holder(actor, case), case, max(start, now))


@service
def submit_case_report(*, actor: Any, case: Case, report: str) -> None:
    """The district report / 督查报告 of this round, kept in ``rounds``; it goes out as an
    outgoing document through ``draft_case_document`` (or is drafted there first and
    recorded when the document is issued). For key work it is the report after the
    quarter's full inspection (SUP-4) and opens the next quarter's."""
    officer_of(actor)
    check_report(case, report)
    record_report(actor, case, report, "督查报告已完成")
    audit(actor, "case_reported", case)


class Decision(TypedDict, total=False):
    """One decision of a meeting (MTG-15: 任务内容、工作子项、落实主体、完成时限、督办科室)."""

    subject: str
    lead_unit: Unit
    due_date: dt.date
    cooperating_units: Sequence[Unit]
    leader: Person | None
    responsible: Person | None
    standard: str
    sub_items: Sequence[str]  # the item's SUP-8 task list
    supervising_section: Section | None
    source: models.Model | None  # the record the line came from (e.g. meetings' Decision)


def origin_of(source: models.Model) -> dict[str, Any]:
    """The generic pointer to ``source`` (uuid when it has one, else pk), as tracking keeps
    its own ``source_type``/``source_id``."""
    key = getattr(source, "uuid", None) or source.pk
    return {"origin_type": ContentType.objects.get_for_model(source), "origin_id": str(key)}


def ledger_items_for(source: models.Model) -> QuerySet[SupervisedItem]:
    """The ledger lines made from ``source`` (e.g. a meetings Decision)."""
    return SupervisedItem.objects.filter(**origin_of(source)).select_related("item")


@service
def register_decisions(
    *, actor: Any, meeting: str, decisions: Sequence[Decision], reference: str = ""
) -> Case:
    """SUP-5 / MTG-15: a meeting's decisions enter the ledger; the transfer notice to the
    responsible units is due within 2 working days.

    Used by a clerk by hand (form, API) and by the meetings module when the minutes are
    signed: then ``actor`` may be the presiding leader or a meetings clerk, and the line is
    held by the supervising section's chief (else the 督查室's) instead of being refused.
    Each decision may carry ``sub_items`` (its SUP-8 task list), ``supervising_section`` and
    ``source`` (the record it came from, pointed at generically). Returns the case; its
    lines are ``case.items`` and, in the order given, ``case.registered_items``."""
    if not decisions:
        raise RuleViolation.single("SUP-5", "请录入议定事项。", field="decisions")
    if not meeting.strip():
        raise RuleViolation.single("SUP-5", "请填写会议名称。", field="meeting")
    sections = [d.get("supervising_section") for d in decisions]
    officer = ledger_officer(actor, next((s for s in sections if s is not None), None))
    now = timezone.now()
    case = Case.objects.create(
        kind=CaseKind.MEETING,
        title=meeting.strip()[:300],
        reference=reference.strip()[:200],
        year=timezone.localdate(now).year,
        received_at=now,
        created_by=officer,
    )
    made = []
    for decision in decisions:
        section = decision.get("supervising_section")
        holder = officer if section is None else ledger_officer(actor, section)
        sub_items = [str(s).strip() for s in decision.get("sub_items") or () if str(s).strip()]
        source = decision.get("source")
        made.append(
            create_supervised(
                actor=actor,
                officer=holder,
                source=Source.MEETING_DECISION,
                subject=decision["subject"],
                lead_unit=decision["lead_unit"],
                deadline=deadline_on(decision["due_date"], now, "SUP-5"),
                cooperating_units=decision.get("cooperating_units", ()),
                leader=decision.get("leader"),
                responsible=decision.get("responsible"),
                standard=decision.get("standard", ""),
                reference=(reference or meeting).strip(),
                case=case,
                lists={"tasks": sub_items} if sub_items else None,
                supervising_section=section,
                **(origin_of(source) if source is not None else {}),
            )
        )
    open_step(actor, officer, case, StepKind.TRANSFER, now)
    audit(actor, "decisions_registered", case, after={"count": len(decisions)})
    case.registered_items = made  # type: ignore[attr-defined]
    return case


class CaseLine(TypedDict, total=False):
    subject: str
    lead_unit: Unit
    due_date: dt.date
    leader: Person | None
    standard: str
    sub_items: Sequence[str]


@service
def add_case_items(*, actor: Any, case: Case, lines: Sequence[CaseLine]) -> list[SupervisedItem]:
    """The case's problem list (SUP-2/3 问题清单 after the city's inspection, SUP-6 findings to
    rectify, SUP-4 key-work items): each problem a ledger line tracked until fixed."""
    officer = officer_of(actor)
    if not lines:
        raise RuleViolation.single("SUP-8", "请录入问题或事项清单。", field="lines")
    source = CASE_SOURCE[CaseKind(case.kind)]
    rule = SOURCE_RULE[source]
    if case.kind == CaseKind.CITY_ONSITE:
        rule = "SUP-2"
    now = timezone.now()
    made = []
    for line in lines:
        if line["due_date"] < timezone.localdate(now):
            raise RuleViolation.single(INVALID, "完成时限不能早于今天。", field="lines")
        subs = [str(x).strip() for x in line.get("sub_items") or () if str(x).strip()]
        made.append(
            create_supervised(
                actor=actor,
                officer=officer,
                source=source,
                subject=line["subject"],
                lead_unit=line["lead_unit"],
                deadline=deadline_on(line["due_date"], now, rule),
                leader=line.get("leader"),
                standard=line.get("standard", ""),
                reference=case.reference or case.title,
                case=case,
                lists={"tasks": subs} if subs else None,
            )
        )
    audit(actor, "case_items_added", case, after={"count": len(made)})
    return made


ARRANGEMENTS = {"spots": "督查点位", "preparation": "迎检准备会", "reception": "接待方案"}


@service
def record_arrangements(*, actor: Any, case: Case, arrangements: dict[str, str]) -> None:
    """SUP-2: the city's on-site visit — inspection spots, preparation meeting, reception
    plan — each stated."""
    officer_of(actor)
    if case.kind != CaseKind.CITY_ONSITE:
        raise RuleViolation.single("SUP-2", "仅市级来区实地督查需安排迎检。", status=409)
    missing = [
        catalogue.violation("SUP-2", f"请填写{label}。", field=name)
        for name, label in ARRANGEMENTS.items()
        if not str(arrangements.get(name, "")).strip()
    ]
    if missing:
        raise RuleViolation(missing)
    before = dict(case.arrangements)
    case.arrangements = {k: str(arrangements[k]).strip() for k in ARRANGEMENTS}
    case.save(update_fields=["arrangements", "updated_at"])
    audit(actor, "case_arrangements_recorded", case, before=before, after=case.arrangements)
