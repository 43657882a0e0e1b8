"""Every write to an outgoing document: one function per business operation, one
transaction, audited. The state moves only through ``transitions.move``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from zhongshu.audit.services import record
from zhongshu.clock.engine import Deadline, add_working_days, deadline_for_rule
from zhongshu.documents.choices import Classification, Disclosure, Kind
from zhongshu.framework.errors import RuleViolation, Violation
from zhongshu.framework.services import on_commit, save_versioned, service
from zhongshu.org.choices import PortfolioKind, SectionKind, SeriesKind
from zhongshu.org.models import Person, Portfolio, SeriesCode, Unit
from zhongshu.org.services import can_act_for, delegation_label, leaders_in_charge, principal_of
from zhongshu.rules import catalogue
from zhongshu.tracking import services as tracking
from zhongshu.tracking.models import TrackedItem

from . import body as body_module
from . import checks, numbering, routes, transitions
from .choices import IN_PROCESS, Decision, State, StepKind
from .models import Disagreement, IssuedNumber, OutgoingDocument, Step
from .signals import outgoing_issued

S = State
PERMISSION = "DOC-OUT-PERMISSION"

SCALAR_FIELDS = (
    "kind",
    "layout",
    "title",
    "main_recipients",
    "copy_to",
    "body",
    "attachment_notes",
    "attachment_bodies",
    "note",
    "classification",
    "secrecy_period",
    "urgency",
    "disclosure",
    "disclosure_reason",
    "is_normative",
    "is_policy",
    "is_major",
    "is_report_up",
    "is_office_internal",
    "is_party_joint",
    "length_category",
    "consultation_topics",
    "is_public_interest",
    "public_comment",
    "public_comment_feedback",
    "necessity",
    "questions",
    "form_reason",
    "interpretation_plan",
    "signature",
)
FK_FIELDS = ("issuer", "drafting_unit", "ledger_item")
M2M_FIELDS = ("portfolios", "joint_units", "consulted_units")


def _person(actor: Any) -> Person:
    person = getattr(actor, "person", None)
    if person is None:
        raise RuleViolation.single(PERMISSION, "只有业务人员可以办理发文。", status=403)
    return person


def _snapshot(document: OutgoingDocument) -> dict[str, Any]:
    return {
        "state": document.state,
        "title": document.title,
        "number": document.number,
        "version": document.version,
    }


def _audit(actor: Any, event: str, document: OutgoingDocument, before: dict, **after: Any) -> None:
    record(
        actor=actor,
        event=event,
        obj=document,
        before=before,
        after={**_snapshot(document), **after},
    )


CONFLICT = "DOC-OUT-CONFLICT"


def _lock(document: OutgoingDocument, expected_version: int | None = None) -> None:
    """Hold the document's row for this transaction and make sure nobody acted on it
    since it was read: of two people acting at the same moment the second is answered
    409 (the first one's change is kept, nothing of the second's is written)."""
    current = (
        OutgoingDocument.objects.select_for_update()
        .filter(pk=document.pk)
        .values_list("state", "version")
        .first()
    )
    seen = document.version if expected_version is None else expected_version
    if current is None or current != (document.state, seen):
        raise RuleViolation.single(CONFLICT, "该文件已被他人办理或修改，请刷新后重试。", status=409)


def _save(document: OutgoingDocument, fields: list[str], expected_version: int | None) -> None:
    if "title" in fields or "number" in fields:  # the full-text index follows them
        document.search_tokens = document.words()
        fields = [*fields, "search_tokens"]
    save_versioned(document, expected_version=expected_version, fields=fields)


# --- drafting ---------------------------------------------------------------------
def _apply(document: OutgoingDocument, data: dict[str, Any]) -> list[str]:
    changed = []
    for name in SCALAR_FIELDS + FK_FIELDS:
        if name in data:
            setattr(document, name, _keep_images(document, name, data[name]))
            changed.append(name)
    if "source" in data and data["source"] is not None:
        source: models.Model = data["source"]
        document.source_type = ContentType.objects.get_for_model(source)
        document.source_id = str(getattr(source, "uuid", None) or source.pk)
        changed += ["source_type", "source_id"]
    return changed


def _keep_images(document: OutgoingDocument, name: str, value: Any) -> Any:
    """A body re-parsed from the drafting box names its pictures only: their data stays."""
    if name == "body":
        return body_module.keep_images(document.body, value)
    if name == "attachment_bodies":
        old = list(document.attachment_bodies or [])
        return [
            body_module.keep_images(old[i] if i < len(old) else [], new)
            for i, new in enumerate(value or [])
        ]
    return value


def _apply_m2m(document: OutgoingDocument, data: dict[str, Any]) -> None:
    for name in M2M_FIELDS:
        if name in data and data[name] is not None:
            getattr(document, name).set(list(data[name]))


def _default_issuer(unit: Unit) -> Unit:
    return unit


@service
def create_draft(*, actor: Any, data: dict[str, Any]) -> OutgoingDocument:
    """A new draft (拟稿). The drafter is the acting person; the drafting unit defaults
    to theirs; the issuing body to the drafting unit."""
    person = _person(actor)
    document = OutgoingDocument(drafter=person, drafting_unit=person.unit, state=S.DRAFTING)
    _apply(document, data)
    if not document.issuer_id:
        document.issuer = _default_issuer(document.drafting_unit)
    if not document.disclosure:
        default = catalogue.param("DOC-OUT-14", "default_disclosure")
        document.disclosure = {"proactive": Disclosure.PUBLIC, "withheld": "not_public"}.get(
            default, default
        )
    if not document.title.strip():
        raise RuleViolation.single("DOC-OUT-20", "请填写标题。", field="title")
    document.state_changed_at = timezone.now()
    document.search_tokens = document.words()
    document.save()
    _apply_m2m(document, data)
    _audit(actor, "outgoing_drafted", document, {})
    return document


@service
def update_draft(
    *,
    actor: Any,
    document: OutgoingDocument,
    data: dict[str, Any],
    expected_version: int | None = None,
) -> OutgoingDocument:
    _lock(document, expected_version)
    transitions.expect(document, S.DRAFTING)
    before = _snapshot(document)
    changed = _apply(document, data)
    if changed:
        _save(document, changed, expected_version)
    _apply_m2m(document, data)
    _audit(actor, "outgoing_draft_updated", document, before, fields=changed)
    return document


def route_preview(document: OutgoingDocument) -> dict[str, Any]:
    """What the drafter sees before submitting: the checks and the route (DOC-OUT-6)."""
    blocks, warnings = checks.submission(document)
    route = routes.signing_route(document)
    return {
        "blocks": [v.as_dict() for v in blocks],
        "warnings": [v.as_dict() for v in warnings],
        "stages": [str(State(s).label) for s in _stages(document)],
        "route": [entry.as_dict() for entry in route],
        "route_text": routes.describe(route),
    }


def _stages(document: OutgoingDocument) -> list[str]:
    stages: list[str] = []
    if document.pk and document.consulted_units.exists():
        stages.append(S.CONSULTATION)
    if document.pk and document.joint_units.exists():
        stages.append(S.COUNTERSIGN)
    if document.is_normative:
        stages.append(S.LEGALITY_REVIEW)
    stages += [S.FIRST_REVIEW, S.AFFAIRS_REVIEW, S.DIRECTOR_REVIEW, S.TEXT_REVIEW, S.SIGNING]
    return stages


def _next_after(document: OutgoingDocument, current: str) -> str:
    order: list[str] = [S.CONSULTATION, S.COUNTERSIGN, S.LEGALITY_REVIEW, S.FIRST_REVIEW]
    stages = _stages(document)
    start = order.index(current) + 1 if current in order else 0
    for state in order[start:]:
        if state in stages:
            return state
    return S.FIRST_REVIEW


@service
def submit(
    *, actor: Any, document: OutgoingDocument, expected_version: int | None = None
) -> list[Violation]:
    """Send the draft on (DOC-OUT-2/3/4/5/14/20 checked first). Returns the warnings,
    which stay on the document for the office to see."""
    _lock(document, expected_version)
    transitions.expect(document, S.DRAFTING)
    blocks, warnings = checks.submission(document)
    if blocks:
        raise RuleViolation(blocks)
    before = _snapshot(document)
    target = _next_after(document, S.DRAFTING)
    transitions.move(document, target)
    document.warnings = checks.as_warnings(warnings)
    document.return_reason = ""
    _save(document, ["state", "state_changed_at", "warnings", "return_reason"], expected_version)
    _enter(actor, document)
    _audit(actor, "outgoing_submitted", document, before, warnings=document.warnings)
    return warnings


def _round(document: OutgoingDocument) -> int:
    last = document.steps.aggregate(models.Max("round"))["round__max"]
    return (last or 0) + (1 if document.state == S.CONSULTATION or last is None else 0)


def _leader_deadline(start: dt.datetime) -> Deadline:
    return deadline_for_rule("DOC-IN-14", start)


def _item(
    document: OutgoingDocument,
    kind: str,
    subject: str,
    deadline: Deadline,
    responsible: Person | None,
    lead_unit: Unit | None = None,
) -> TrackedItem:
    return tracking.create_item(
        actor=None,
        kind=kind,
        subject=f"{subject}：{document.title}"[:300],
        lead_unit=lead_unit or (responsible.unit if responsible else document.drafting_unit),
        deadline=deadline,
        responsible=responsible,
        source=document,
        urgency=document.urgency,
    )


def _close(item: TrackedItem | None, outcome: str) -> None:
    if item is not None and item.closed_at is None:
        item.refresh_from_db()
        if item.state in ("closed", "cancelled"):
            return
        tracking.close_item(actor=None, item=item, outcome=outcome or "已办理")


def _cancel(item: TrackedItem | None, reason: str) -> None:
    if item is not None:
        item.refresh_from_db()
        if item.state not in ("closed", "cancelled"):
            tracking.cancel_item(actor=None, item=item, reason=reason)


def _enter(actor: Any, document: OutgoingDocument) -> None:
    """Create the steps of the state the document has just entered."""
    now = timezone.now()
    round_ = (document.steps.aggregate(models.Max("round"))["round__max"] or 0) + 1
    state = document.state
    if state == S.CONSULTATION:
        deadline = deadline_for_rule("DOC-OUT-10", now, param="feedback_days")
        for order, unit in enumerate(document.consulted_units.order_by("sort_order", "id")):
            principal = principal_of(unit)
            step = Step.objects.create(
                document=document,
                kind=StepKind.CONSULTATION,
                stage=state,
                order=order,
                round=round_,
                unit=unit,
                person=principal,
                role_label=f"{unit.short_name}书面意见",
                due_at=deadline.due,
            )
            step.item = _item(
                document, "outgoing.consultation", "征求意见", deadline, principal, unit
            )
            step.save(update_fields=["item"])
    elif state == S.COUNTERSIGN:
        units = [document.drafting_unit, *document.joint_units.order_by("sort_order", "id")]
        deadline = _leader_deadline(now)
        seen = set()
        for order, unit in enumerate(units):
            if unit.pk in seen:
                continue
            seen.add(unit.pk)
            principal = principal_of(unit)
            step = Step.objects.create(
                document=document,
                kind=StepKind.COUNTERSIGN,
                stage=state,
                order=order,
                round=round_,
                unit=unit,
                person=principal,
                role_label=f"{unit.short_name}主要负责人会签",
                due_at=deadline.due,
            )
            step.item = _item(document, "outgoing.countersign", "会签", deadline, principal, unit)
            step.save(update_fields=["item"])
    elif state == S.LEGALITY_REVIEW:
        Step.objects.create(
            document=document,
            kind=StepKind.LEGALITY,
            stage=state,
            round=round_,
            unit=routes.office_unit(),
            person=routes.section_chief(SectionKind.LEGAL),
            role_label="法制机构合法性审查",
        )
    elif state in (S.FIRST_REVIEW, S.AFFAIRS_REVIEW, S.TEXT_REVIEW):
        kind = (
            SectionKind.GOVERNMENT_AFFAIRS if state == S.AFFAIRS_REVIEW else SectionKind.SECRETARIAT
        )
        Step.objects.create(
            document=document,
            kind=StepKind.OFFICE_REVIEW,
            stage=state,
            round=round_,
            unit=routes.office_unit(),
            person=routes.section_chief(kind),
            role_label=str(State(state).label),
        )
    elif state == S.DIRECTOR_REVIEW:
        deputy = routes.deputy_director_in_charge(document.drafting_unit)
        deadline = _leader_deadline(now)
        step = Step.objects.create(
            document=document,
            kind=StepKind.OFFICE_REVIEW,
            stage=state,
            round=round_,
            unit=routes.office_unit(),
            person=deputy,
            role_label="办公室分管副主任修改把关",
            due_at=deadline.due,
        )
        if deputy is not None:
            step.item = _item(document, "outgoing.review", "审核发文", deadline, deputy)
            step.save(update_fields=["item"])
    elif state == S.SIGNING:
        route = routes.signing_route(document)
        if not route:
            raise RuleViolation.single("DOC-OUT-6", "无法确定签发领导，请检查分管设置。")
        for order, entry in enumerate(route):
            Step.objects.create(
                document=document,
                kind=StepKind.SIGNING,
                stage=state,
                order=order,
                round=round_,
                person=entry.person,
                role_label=entry.role,
            )
        _open_next_signature(document)


def _open_next_signature(document: OutgoingDocument) -> Step | None:
    """DOC-IN-14: the signer whose turn it is gets a tracked item due in 2 working days."""
    step = current_signing_step(document)
    if step is None or step.item_id:
        return step
    deadline = _leader_deadline(timezone.now())
    step.due_at = deadline.due
    step.item = _item(document, "outgoing.signing", "签发", deadline, step.person)
    step.save(update_fields=["due_at", "item"])
    return step


def pending_steps(document: OutgoingDocument, kind: str) -> models.QuerySet[Step]:
    return document.steps.filter(kind=kind, decision=Decision.PENDING).order_by(
        "round", "order", "id"
    )


def current_signing_step(document: OutgoingDocument) -> Step | None:
    return pending_steps(document, StepKind.SIGNING).select_related("person").first()


def _act(step: Step, actor: Any, decision: str, opinion: str, on_behalf_of: Person | None) -> None:
    person = _person(actor)
    step.decision = decision
    step.opinion = opinion.strip()
    step.acted_by = person
    step.acted_label = delegation_label(person, on_behalf_of)
    step.acted_at = timezone.now()
    step.save(
        update_fields=["decision", "opinion", "acted_by", "acted_label", "acted_at", "updated_at"]
    )
    _close(step.item, f"{step.get_decision_display()}：{step.opinion}")


def _need_opinion(opinion: str, rule: str = "DOC-IN-14") -> None:
    if not (opinion or "").strip():
        raise RuleViolation.single(rule, "请签署明确意见。", field="opinion")


# --- consultation (DOC-OUT-10) ----------------------------------------------------
@service
def give_opinion(*, actor: Any, step: Step, agreed: bool, opinion: str) -> Step:
    """A consulted unit's written opinion; anyone of that unit answers for it."""
    person = _person(actor)
    document = step.document
    transitions.expect(document, S.CONSULTATION)
    if step.kind != StepKind.CONSULTATION or step.decision != Decision.PENDING:
        raise RuleViolation.single(transitions.STATE, "该征求意见已答复。", status=409)
    if person.unit_id != step.unit_id:
        raise RuleViolation.single("DOC-OUT-10", "只能由被征求意见单位答复。", status=403)
    if not agreed:
        _need_opinion(opinion, "DOC-OUT-10")
    _act(step, actor, Decision.AGREED if agreed else Decision.DISAGREED, opinion or "无意见", None)
    _audit(actor, "outgoing_opinion_given", document, {}, unit=str(step.unit), agreed=agreed)
    return step


@service
def record_disagreement(
    *,
    actor: Any,
    document: OutgoingDocument,
    unit: Unit,
    their_reason: str,
    drafter_reason: str,
    proposal: str = "",
) -> Disagreement:
    transitions.expect(document, S.CONSULTATION)
    if not their_reason.strip() or not drafter_reason.strip():
        raise RuleViolation.single("DOC-OUT-10", "意见不一致的，须列明各方理据。")
    item = Disagreement.objects.create(
        document=document,
        unit=unit,
        their_reason=their_reason.strip(),
        drafter_reason=drafter_reason.strip(),
        proposal=proposal.strip(),
    )
    _audit(actor, "outgoing_disagreement_recorded", document, {}, unit=unit.name)
    return item


def coordinators(document: OutgoingDocument) -> list[Person]:
    """Who decides a disagreement: the deputy office director and the deputy head in
    charge of the drafting unit (DOC-OUT-10)."""
    people = leaders_in_charge(document.drafting_unit, PortfolioKind.GOVERNMENT)
    deputy = routes.deputy_director_in_charge(document.drafting_unit)
    return [*people, *([deputy] if deputy else [])]


@service
def decide_disagreement(*, actor: Any, disagreement: Disagreement, decision: str) -> Disagreement:
    person = _person(actor)
    allowed = coordinators(disagreement.document)
    if not any(can_act_for(person, leader) for leader in allowed):
        raise RuleViolation.single(
            "DOC-OUT-10", "意见分歧由办公室相关副主任或分管副区长协调决定。", status=403
        )
    if not decision.strip():
        raise RuleViolation.single("DOC-OUT-10", "请写明协调决定。", field="decision")
    disagreement.decision = decision.strip()
    disagreement.decided_by = person
    disagreement.decided_at = timezone.now()
    disagreement.save(update_fields=["decision", "decided_by", "decided_at", "updated_at"])
    _audit(actor, "outgoing_disagreement_decided", disagreement.document, {})
    return disagreement


@service
def finish_consultation(*, actor: Any, document: OutgoingDocument) -> OutgoingDocument:
    """All consulted units answered (or their deadline passed), every disagreement
    decided: the draft goes on."""
    _lock(document)
    transitions.expect(document, S.CONSULTATION)
    now = timezone.now()
    waiting = [
        s
        for s in pending_steps(document, StepKind.CONSULTATION).select_related("unit")
        if s.due_at is None or s.due_at > now
    ]
    if waiting:
        names = "、".join(s.unit.short_name for s in waiting if s.unit)
        raise RuleViolation.single("DOC-OUT-10", f"尚未反馈且未到反馈时限：{names}。")
    open_ = document.disagreements.filter(decided_at__isnull=True).count()
    if open_:
        raise RuleViolation.single("DOC-OUT-10", f"还有{open_}项意见分歧未经协调决定。")
    for step in pending_steps(document, StepKind.CONSULTATION):
        step.decision = Decision.SKIPPED
        step.opinion = "逾期未反馈"
        step.save(update_fields=["decision", "opinion", "updated_at"])
        _cancel(step.item, "逾期未反馈，征求意见结束")
    before = _snapshot(document)
    transitions.move(document, _next_after(document, S.CONSULTATION))
    _save(document, ["state", "state_changed_at"], None)
    _enter(actor, document)
    _audit(actor, "outgoing_consultation_finished", document, before)
    return document


# --- countersign (DOC-OUT-11) -----------------------------------------------------
@service
def countersign(*, actor: Any, document: OutgoingDocument, opinion: str) -> Step:
    _lock(document)
    person = _person(actor)
    transitions.expect(document, S.COUNTERSIGN)
    mine = [
        s
        for s in pending_steps(document, StepKind.COUNTERSIGN).select_related("person")
        if s.person is not None and can_act_for(person, s.person)
    ]
    if not mine:
        raise RuleViolation.single("DOC-OUT-11", "会签公文由各部门主要负责人签发。", status=403)
    _need_opinion(opinion)
    step = mine[0]
    _act(step, actor, Decision.SIGNED, opinion, step.person)
    if not pending_steps(document, StepKind.COUNTERSIGN).exists():
        before = _snapshot(document)
        transitions.move(document, _next_after(document, S.COUNTERSIGN))
        _save(document, ["state", "state_changed_at"], None)
        _enter(actor, document)
        _audit(actor, "outgoing_countersigned", document, before)
    return step


# --- legality review (DOC-OUT-9) -------------------------------------------------
@service
def legality_review(
    *, actor: Any, document: OutgoingDocument, passed: bool, opinion: str
) -> OutgoingDocument:
    _lock(document)
    person = _person(actor)
    transitions.expect(document, S.LEGALITY_REVIEW)
    if not (person.section is not None and person.section.kind == SectionKind.LEGAL):
        raise RuleViolation.single("DOC-OUT-9", "合法性审查由法制机构办理。", status=403)
    if not opinion.strip():
        raise RuleViolation.single("DOC-OUT-9", "请填写审查意见。", field="opinion")
    step = pending_steps(document, StepKind.LEGALITY).first()
    if step is not None:
        _act(step, actor, Decision.PASSED if passed else Decision.FAILED, opinion, None)
    before = _snapshot(document)
    document.legality_passed = passed
    if passed:
        transitions.move(document, S.FIRST_REVIEW)
    else:
        transitions.move(document, S.DRAFTING)
        document.return_reason = f"合法性审查未通过：{opinion.strip()}"
    _save(document, ["state", "state_changed_at", "legality_passed", "return_reason"], None)
    if passed:
        _enter(actor, document)
    _audit(actor, "outgoing_legality_reviewed", document, before, passed=passed)
    return document


# --- interpretation (DOC-OUT-15) ---------------------------------------------------
@service
def approve_interpretation(*, actor: Any, document: OutgoingDocument) -> OutgoingDocument:
    """The drafting unit's principal approves the interpretation plan and materials."""
    person = _person(actor)
    principal = principal_of(document.drafting_unit)
    if principal is None or not can_act_for(person, principal):
        raise RuleViolation.single(
            "DOC-OUT-15", "解读方案和材料须经起草部门主要负责人审定。", status=403
        )
    if not document.interpretation_plan.strip():
        raise RuleViolation.single("DOC-OUT-15", "请先填写政策解读方案和材料。")
    document.interpretation_approved_by = principal
    _save(document, ["interpretation_approved_by"], None)
    _audit(actor, "outgoing_interpretation_approved", document, {})
    return document


# --- office review (DOC-IN-13, DOC-OUT-12) ----------------------------------------
REVIEW_NEXT: dict[str, str] = {
    S.FIRST_REVIEW: S.AFFAIRS_REVIEW,
    S.AFFAIRS_REVIEW: S.DIRECTOR_REVIEW,
    S.DIRECTOR_REVIEW: S.TEXT_REVIEW,
    S.TEXT_REVIEW: S.SIGNING,
}


def may_review(person: Person, document: OutgoingDocument) -> bool:
    """秘书科 for the first and the text review, 政务科 for its review, the deputy office
    director in charge (or the one acting for them) for theirs."""
    state = document.state
    if state in (S.FIRST_REVIEW, S.TEXT_REVIEW, S.AFFAIRS_REVIEW):
        wanted = (
            SectionKind.GOVERNMENT_AFFAIRS if state == S.AFFAIRS_REVIEW else SectionKind.SECRETARIAT
        )
        return bool(person.section is not None and person.section.kind == wanted)
    if state == S.DIRECTOR_REVIEW:
        step = pending_steps(document, StepKind.OFFICE_REVIEW).select_related("person").first()
        return bool(step and step.person and can_act_for(person, step.person))
    return False


@service
def office_review(
    *,
    actor: Any,
    document: OutgoingDocument,
    opinion: str,
    gates: Iterable[str] = (),
    expected_version: int | None = None,
) -> OutgoingDocument:
    _lock(document, expected_version)
    person = _person(actor)
    transitions.expect(document, *REVIEW_NEXT)
    if not may_review(person, document):
        raise RuleViolation.single("DOC-IN-13", "此环节不由您审核。", status=403)
    wanted = catalogue.param("DOC-OUT-12", "gates")
    for gate in gates:
        if gate in wanted:
            document.gates[gate] = {"by": person.name, "at": timezone.now().isoformat()}
    target = REVIEW_NEXT[document.state]
    if target == S.SIGNING:
        transitions.check(document, target)
        blocks = checks.before_signing(document)
        if blocks:
            raise RuleViolation(blocks)
    step = pending_steps(document, StepKind.OFFICE_REVIEW).select_related("person").first()
    if step is not None:
        _act(step, actor, Decision.PASSED, opinion or "同意", step.person)
    before = _snapshot(document)
    transitions.move(document, target)
    _save(document, ["state", "state_changed_at", "gates"], expected_version)
    _enter(actor, document)
    _audit(actor, "outgoing_reviewed", document, before, stage=before["state"])
    return document


FORM_FIELDS = (
    "kind",
    "layout",
    "issuer",
    "classification",
    "secrecy_period",
    "urgency",
    "disclosure",
    "disclosure_reason",
)


@service
def adjust_form(
    *,
    actor: Any,
    document: OutgoingDocument,
    changes: dict[str, Any],
    expected_version: int | None = None,
) -> OutgoingDocument:
    """DOC-OUT-12: the office's reviewer fixes the form and level (文种, 版式, 发文机关),
    密级, 保密期限 and 公开属性 while reviewing; the disclosure rule still holds."""
    _lock(document, expected_version)
    person = _person(actor)
    transitions.expect(document, *REVIEW_NEXT)
    if not may_review(person, document):
        raise RuleViolation.single("DOC-IN-13", "此环节不由您审核。", status=403)
    unknown = set(changes) - set(FORM_FIELDS)
    if unknown:
        raise RuleViolation.single("DOC-OUT-12", f"审核时不能修改：{'、'.join(sorted(unknown))}。")
    before = {name: str(getattr(document, name)) for name in changes}
    for name, value in changes.items():
        setattr(document, name, value)
    blocks = checks.check_disclosure(document) + checks.check_title(document)
    if blocks:
        raise RuleViolation(blocks)
    _save(document, list(changes), expected_version)
    _audit(
        actor, "outgoing_form_adjusted", document, before, **{k: str(v) for k, v in changes.items()}
    )
    return document


# --- returning, withdrawing -----------------------------------------------------------
@service
def return_to_drafter(
    *, actor: Any, document: OutgoingDocument, reason: str, expected_version: int | None = None
) -> OutgoingDocument:
    """Always possible while the draft is with someone else, with the reasons."""
    _lock(document, expected_version)
    _person(actor)
    if document.state not in IN_PROCESS:
        transitions.check(document, S.DRAFTING)
    if not reason.strip():
        raise RuleViolation.single("DOC-IN-13", "退回须说明理由。", field="reason")
    before = _snapshot(document)
    for step in document.steps.filter(decision=Decision.PENDING):
        step.decision = Decision.SKIPPED
        step.save(update_fields=["decision", "updated_at"])
        _cancel(step.item, f"退回拟稿人：{reason.strip()}")
    transitions.move(document, S.DRAFTING)
    document.return_reason = reason.strip()
    _save(document, ["state", "state_changed_at", "return_reason"], expected_version)
    _audit(actor, "outgoing_returned", document, before, reason=reason.strip())
    tracking.notify(
        [document.drafter_id],
        verb="outgoing_returned",
        text=f"发文被退回：{document.title}（{reason.strip()}）",
    )
    return document


@service
def withdraw(*, actor: Any, document: OutgoingDocument, reason: str) -> OutgoingDocument:
    _lock(document)
    before = _snapshot(document)
    transitions.move(document, S.WITHDRAWN)
    document.return_reason = reason.strip()
    _save(document, ["state", "state_changed_at", "return_reason"], None)
    _audit(actor, "outgoing_withdrawn", document, before, reason=reason)
    return document


# --- signing (DOC-OUT-6, DOC-IN-14) -----------------------------------------------
@service
def sign(
    *,
    actor: Any,
    document: OutgoingDocument,
    opinion: str,
    expected_version: int | None = None,
    refer_to_head: bool = False,
) -> Step:
    """The signer whose turn it is signs with an explicit opinion; the last signature's
    date is the document date (成文日期). A deputy head may pass it up to the district
    head (必要时报区长签发): the head's signature is added to the route."""
    _lock(document, expected_version)
    person = _person(actor)
    transitions.expect(document, S.SIGNING)
    blocks = checks.before_signing(document)
    if blocks:
        raise RuleViolation(blocks)
    step = current_signing_step(document)
    if step is None or step.person is None or not can_act_for(person, step.person):
        who = step.person.name if step and step.person else "—"
        raise RuleViolation.single(
            "DOC-OUT-6", f"不在签发路线上或未轮到您签发（当前应由{who}签发）。", status=403
        )
    _need_opinion(opinion)
    _act(step, actor, Decision.SIGNED, opinion, step.person)
    if refer_to_head:
        _refer_to_head(document, step)
    before = _snapshot(document)
    if current_signing_step(document) is None:
        document.signed_on = timezone.localdate(step.acted_at)
        transitions.move(document, S.RECHECK)
        _save(document, ["state", "state_changed_at", "signed_on"], expected_version)
        Step.objects.create(
            document=document,
            kind=StepKind.OFFICE_REVIEW,
            stage=S.RECHECK,
            round=step.round,
            unit=routes.office_unit(),
            person=routes.section_chief(SectionKind.SECRETARIAT),
            role_label="秘书科复核",
        )
    else:
        _open_next_signature(document)
    _audit(actor, "outgoing_signed", document, before, signer=step.acted_label)
    return step


def _refer_to_head(document: OutgoingDocument, step: Step) -> None:
    the_head = routes.head()
    if the_head is None:
        raise RuleViolation.single("DOC-OUT-6", "未找到区长，无法报区长签发。")
    route = document.steps.filter(kind=StepKind.SIGNING, round=step.round)
    if route.filter(person=the_head).exists():
        return
    last = route.aggregate(models.Max("order"))["order__max"] or 0
    Step.objects.create(
        document=document,
        kind=StepKind.SIGNING,
        stage=S.SIGNING,
        order=last + 1,
        round=step.round,
        person=the_head,
        role_label="区长签发（分管副区长呈报）",
    )


@service
def recheck(
    *, actor: Any, document: OutgoingDocument, substantive_change: bool, note: str = ""
) -> OutgoingDocument:
    """复核 after signing: a substantive change goes back to the (last) signer."""
    _lock(document)
    person = _person(actor)
    transitions.expect(document, S.RECHECK)
    if not (person.section is not None and person.section.kind == SectionKind.SECRETARIAT):
        raise RuleViolation.single("DOC-IN-13", "复核由秘书科办理。", status=403)
    step = pending_steps(document, StepKind.OFFICE_REVIEW).first()
    if step is not None:
        _act(
            step,
            actor,
            Decision.RETURNED if substantive_change else Decision.PASSED,
            note or "复核无误",
            None,
        )
    before = _snapshot(document)
    if substantive_change:
        if not note.strip():
            raise RuleViolation.single("DOC-OUT-6", "请说明实质性修改内容。", field="note")
        last = (
            document.steps.filter(kind=StepKind.SIGNING, decision=Decision.SIGNED)
            .order_by("-acted_at", "-id")
            .first()
        )
        transitions.move(document, S.SIGNING)
        document.signed_on = None
        _save(document, ["state", "state_changed_at", "signed_on"], None)
        if last is not None:
            Step.objects.create(
                document=document,
                kind=StepKind.SIGNING,
                stage=S.SIGNING,
                round=last.round + 1,
                person=last.person,
                role_label=f"{last.role_label}（复核后重签）",
                opinion="",
            )
            _open_next_signature(document)
    elif document.is_party_joint:
        # DOC-OUT-8: approved on the government side, the document goes on to 区委办公室,
        # which numbers and issues it in the party committee's series
        transitions.move(document, S.TRANSFERRED)
        document.transferred_at = timezone.now()
        _save(document, ["state", "state_changed_at", "transferred_at"], None)
    else:
        transitions.move(document, S.NUMBERING)
        _save(document, ["state", "state_changed_at"], None)
    _audit(actor, "outgoing_rechecked", document, before, substantive_change=substantive_change)
    return document


# --- numbering (DOC-OUT-18) ---------------------------------------------------------
def series_for(document: OutgoingDocument) -> SeriesCode | None:
    """The issuer's series: its 令 series for an order, a 函 series for a letter, else its
    document series."""
    codes = list(
        SeriesCode.objects.filter(unit=document.issuer, archived_at__isnull=True).order_by("code")
    )
    if document.kind == Kind.ORDER:
        return next((c for c in codes if c.kind == SeriesKind.ORDER), None)
    plain = [c for c in codes if c.kind == SeriesKind.DOCUMENT]
    if document.kind == Kind.LETTER:
        letter = next((c for c in plain if c.code.endswith("函")), None)
        if letter:
            return letter
    return next((c for c in plain if not c.code.endswith("函")), plain[0] if plain else None)


@service
def assign_number(
    *, actor: Any, document: OutgoingDocument, series: SeriesCode | None = None
) -> IssuedNumber:
    """The next number of the series, under the counter's row lock; never reused."""
    _lock(document)
    person = _person(actor)
    transitions.expect(document, S.NUMBERING)
    series = series or document.series or series_for(document)
    if series is None:
        raise RuleViolation.single("DOC-OUT-18", "发文机关没有可用的发文代字。", field="series")
    if series.archived_at is not None:
        raise RuleViolation.single("DOC-OUT-18", "该发文代字已停用。", field="series")
    if document.kind == Kind.ORDER and series.kind != SeriesKind.ORDER:
        raise RuleViolation.single("DOC-OUT-18", "命令（令）使用令号序列。", field="series")
    year = (document.signed_on or timezone.localdate()).year
    sequence = numbering.next_sequence(series, year)
    text = numbering.render(series, year, sequence)
    issued = IssuedNumber.objects.create(
        series=series,
        year=year,
        sequence=sequence,
        text=text,
        document=document,
        assigned_at=timezone.now(),
        assigned_by=person,
    )
    before = _snapshot(document)
    document.series = series
    document.number = text
    document.year = year
    transitions.move(document, S.DISTRIBUTION)
    _save(document, ["series", "number", "year", "state", "state_changed_at"], None)
    _audit(actor, "outgoing_numbered", document, before, number=text)
    return issued


@service
def void_number(*, actor: Any, document: OutgoingDocument, reason: str) -> IssuedNumber:
    """A number given in error is voided, kept with its reason, and never given again."""
    _lock(document)
    _person(actor)
    if not reason.strip():
        raise RuleViolation.single("DOC-OUT-18", "作废文号须注明理由。", field="reason")
    transitions.expect(document, S.DISTRIBUTION)
    issued = document.numbers.filter(voided_at__isnull=True).order_by("-id").first()
    if issued is None:
        raise RuleViolation.single("DOC-OUT-18", "该文件没有有效文号。", status=409)
    issued.voided_at = timezone.now()
    issued.void_reason = reason.strip()
    issued.save(update_fields=["voided_at", "void_reason"])
    before = _snapshot(document)
    document.number = ""
    transitions.move(document, S.NUMBERING)
    _save(document, ["number", "state", "state_changed_at"], None)
    _audit(actor, "outgoing_number_voided", document, before, voided=issued.text, reason=reason)
    return issued


# --- distribution, issue, publication (DOC-OUT-13, 14) ------------------------------
@service
def issue(
    *,
    actor: Any,
    document: OutgoingDocument,
    distribution: str = "",
    copies: int = 0,
    printed_by: str = "",
) -> OutgoingDocument:
    """Sealed and sent. A public document is published at once (publication counts as
    issuance, DOC-OUT-14); a normative one gets its filing deadline (DOC-OUT-13)."""
    _lock(document)
    _person(actor)
    transitions.expect(document, S.DISTRIBUTION)
    now = timezone.now()
    before = _snapshot(document)
    document.distribution = distribution.strip() or document.main_recipients
    document.copies = copies
    document.printed_by = printed_by.strip() or _printer(document)
    document.sealed_at = now
    document.issued_at = now
    if copies and document.classification == Classification.NONE:
        # DOC-OUT-14: unclassified documents circulate electronically; paper is recorded
        document.warnings = [
            *document.warnings,
            catalogue.violation(
                "DOC-OUT-14", f"非涉密公文应以电子方式运转，本件另印制纸质{copies}份。"
            ).as_dict(),
        ]
    target = S.PUBLISHED if document.disclosure == Disclosure.PUBLIC else S.ISSUED
    if target == S.PUBLISHED:
        document.published_at = now
    transitions.move(document, target)
    _save(
        document,
        [
            "distribution",
            "copies",
            "printed_by",
            "warnings",
            "sealed_at",
            "issued_at",
            "published_at",
            "state",
            "state_changed_at",
        ],
        None,
    )
    _after_issue(document, actor)
    on_commit(_forget_yearly_count)
    _audit(actor, "outgoing_issued", document, before)
    return document


def _printer(document: OutgoingDocument) -> str:
    office = routes.office_unit()
    return office.name if office else document.issuer.name


@service
def publish(*, actor: Any, document: OutgoingDocument) -> OutgoingDocument:
    _lock(document)
    _person(actor)
    if document.disclosure != Disclosure.PUBLIC:
        raise RuleViolation.single("DOC-OUT-14", "该文件不主动公开，不能公开发布。", status=409)
    before = _snapshot(document)
    transitions.move(document, S.PUBLISHED)
    document.published_at = timezone.now()
    _save(document, ["state", "state_changed_at", "published_at"], None)
    _audit(actor, "outgoing_published", document, before)
    return document


def _after_issue(document: OutgoingDocument, actor: Any = None) -> None:
    outcome = f"已印发：{document.number}"
    _close(document.ledger_item, outcome)
    for item in TrackedItem.objects.filter(
        source_type=ContentType.objects.get_for_model(OutgoingDocument),
        source_id=str(document.uuid),
        kind__in=["outgoing.issue", "outgoing.revision"],
    ).exclude(state__in=["closed", "cancelled"]):
        _close(item, outcome)
    if document.is_normative:
        start = document.published_at or document.issued_at or timezone.now()
        deadline = deadline_for_rule(
            "DOC-OUT-13", start, param="filing_days", method="calendar_days"
        )
        _item(document, "outgoing.filing", "规范性文件备案", deadline, document.drafter)
    # the module that drafted it (its generic source) records the number and date
    outgoing_issued.send(sender=OutgoingDocument, document=document, actor=actor)


# --- meeting approval (DOC-OUT-7, 9, 13) ------------------------------------------
@service
def record_meeting_approval(
    *,
    actor: Any,
    document: OutgoingDocument,
    on: dt.datetime,
    major_revision: bool = False,
    unchanged: bool = False,
) -> list[TrackedItem]:
    """The executive meeting approved the draft in principle: the drafter revises within
    1 (3) working days (DOC-OUT-7); the document is issued within 5 (DOC-OUT-13). A
    normative document without a passed legality review cannot go to the meeting
    (DOC-OUT-9)."""
    _person(actor)
    if document.is_normative and document.legality_passed is not True:
        raise RuleViolation.single(
            "DOC-OUT-9", "规范性文件未经合法性审查或审查未通过，不得提交会议讨论。"
        )
    document.meeting_approved_on = timezone.localdate(on)
    _save(document, ["meeting_approved_on"], None)
    items = []
    if not unchanged:
        param = "major_days" if major_revision else "days"
        deadline = deadline_for_rule("DOC-OUT-7", on, param=param)
        items.append(
            _item(document, "outgoing.revision", "会后修改上报", deadline, document.drafter)
        )
    param = "normative_days" if document.is_normative else "approved_days"
    deadline = deadline_for_rule("DOC-OUT-13", on, param=param)
    secretariat = routes.section_chief(SectionKind.SECRETARIAT)
    items.append(_item(document, "outgoing.issue", "会议审议通过后印发", deadline, secretariat))
    _audit(actor, "outgoing_meeting_approved", document, {}, on=str(document.meeting_approved_on))
    return items


# --- the issuance ledger (DOC-OUT-1) ------------------------------------------------
@service
def add_to_ledger(
    *,
    actor: Any,
    subject: str,
    lead_unit: Unit,
    received_at: dt.datetime,
    issue_due: dt.date | None = None,
    responsible: Person | None = None,
    source: models.Model | None = None,
) -> TrackedItem:
    """A city document to implement enters the issuance ledger: the lead department's
    draft is due 15 working days after receipt (DOC-IN-15); the issue date is kept as the
    target. The item closes when the document that fulfils it is issued (办结一件销号一件)."""
    if not subject.strip():
        raise RuleViolation.single("DOC-OUT-1", "请填写发文事项。", field="subject")
    deadline = deadline_for_rule("DOC-IN-15", received_at)
    target = (
        f"发文时限：{issue_due.year}年{issue_due.month}月{issue_due.day}日" if issue_due else ""
    )
    item = tracking.create_item(
        actor=actor,
        kind="outgoing.ledger",
        subject=subject.strip(),
        lead_unit=lead_unit,
        deadline=deadline,
        responsible=responsible or principal_of(lead_unit),
        source=source,
        target=target,
        basis=catalogue.basis("DOC-IN-15", days=deadline.params.get("days")),
    )
    record(actor=actor, event="outgoing_ledger_added", obj=item, after={"subject": item.subject})
    return item


def ledger_count(year: int) -> dict[str, int]:
    """DOC-OUT-1: items on the year's ledger, closed (issued) and still open."""
    items = TrackedItem.objects.filter(kind="outgoing.ledger", created_at__year=year)
    closed = items.filter(state="closed").count()
    total = items.count()
    return {"total": total, "closed": closed, "open": total - closed}


# --- afterwards (DOC-OUT-16) --------------------------------------------------------
@service
def evaluate(
    *, actor: Any, document: OutgoingDocument, validity: str, evaluation: str
) -> OutgoingDocument:
    _lock(document)
    _person(actor)
    transitions.expect(document, S.ISSUED, S.PUBLISHED)
    before = {"validity": document.validity}
    document.validity = validity
    document.evaluation = evaluation.strip()
    _save(document, ["validity", "evaluation"], None)
    _audit(actor, "outgoing_evaluated", document, before, validity=validity)
    return document


def yearly_count(year: int) -> dict[str, Any]:
    """DOC-OUT-17: documents issued this year against last year, and the target."""

    def count(y: int) -> int:
        start = dt.datetime(y, 1, 1, tzinfo=timezone.get_current_timezone())
        end = dt.datetime(y + 1, 1, 1, tzinfo=timezone.get_current_timezone())
        return OutgoingDocument.objects.filter(
            issued_at__gte=start, issued_at__lt=end, state__in=[S.ISSUED, S.PUBLISHED]
        ).count()

    this, last = count(year), count(year - 1)
    target = catalogue.param("DOC-OUT-17", "target_reduction")
    goal = int(last * (1 - float(target) / 100)) if last else None
    change = round((this - last) / last * 100, 1) if last else None
    return {"year": year, "count": this, "last_year": last, "goal": goal, "change_percent": change}


YEARLY_CACHE_SECONDS = 60


def yearly_count_cached(year: int) -> dict[str, Any]:
    """DOC-OUT-17 for the list's header: counting a year's issued documents reads every
    one of them (1M documents: half a second), so the figure is kept for a minute and
    dropped when a document is issued."""
    from django.core.cache import cache

    key = f"outgoing:yearly:{year}"
    figures = cache.get(key)
    if figures is None:
        figures = yearly_count(year)
        cache.set(key, figures, YEARLY_CACHE_SECONDS)
    return figures


def _forget_yearly_count() -> None:
    from django.core.cache import cache

    year = timezone.localdate().year
    cache.delete_many([f"outgoing:yearly:{year}", f"outgoing:yearly:{year + 1}"])


def add_leader_days(start: dt.datetime, days: int) -> Deadline:
    return add_working_days(start, days, rule="DOC-IN-14", params={"days": days})


__all__ = [
    "Portfolio",
    "add_to_ledger",
    "adjust_form",
    "approve_interpretation",
    "assign_number",
    "countersign",
    "create_draft",
    "decide_disagreement",
    "evaluate",
    "finish_consultation",
    "give_opinion",
    "issue",
    "ledger_count",
    "legality_review",
    "office_review",
    "publish",
    "recheck",
    "record_disagreement",
    "record_meeting_approval",
    "return_to_drafter",
    "route_preview",
    "sign",
    "submit",
    "update_draft",
    "void_number",
    "withdraw",
    "yearly_count",
    "yearly_count_cached",
]
