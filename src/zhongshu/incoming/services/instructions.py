"""Proposed handling (拟办意见) and the leaders' instructions (批示, DOC-IN-14): each
leader in order, each step a tracked item due in 2 working days; an explicit opinion,
name and date; circling (圈阅) counts as agreement; a leader may add handling units or
pass the document on to another leader; delegation is honoured and shown ("代")."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from zhongshu.framework.errors import RuleViolation
from zhongshu.framework.services import save_versioned, service
from zhongshu.org.models import Person, Unit
from zhongshu.org.services.lookups import delegation_label
from zhongshu.tracking import services as tracking
from zhongshu.tracking.acting import try_acting_as

from .. import deadlines, transitions
from ..choices import Decision, DocState, HandlingMode, InstructionState
from ..models import IncomingDocument, Instruction
from ._common import audit, before, finish_item, person_of
from .circulation import start_circulation
from .handling import start_handling

RULE = "DOC-IN-16"
PROPOSAL_FLAGS = (
    "difficult",
    "needs_consultation",
    "needs_implementation",
    "own_due_date",
    "important",
)


@service
def propose_handling(
    *,
    actor: Any,
    document: IncomingDocument,
    mode: str,
    proposal: str,
    leaders: Sequence[Person] = (),
    lead_unit: Unit | None = None,
    cooperating_units: Sequence[Unit] = (),
    readers: Sequence[Person] = (),
    in_order: bool = False,
    flags: dict[str, Any] | None = None,
    expected_version: int | None = None,
) -> IncomingDocument:
    """The office's proposal: 阅知 (who reads) or 批办 (the leaders, in order, and the
    handling units). Without leaders a 批办 goes straight to the units."""
    if not proposal.strip():
        raise RuleViolation.single(RULE, "处理笺须载明拟办意见。", field="proposal")
    if mode == HandlingMode.HANDLE and lead_unit is None:
        raise RuleViolation.single(RULE, "批办须确定主办单位。", field="lead_unit")
    if mode == HandlingMode.READ and not leaders and not readers:
        raise RuleViolation.single(RULE, "阅知须选择阅件的领导或人员。", field="readers")
    target = (
        DocState.INSTRUCTING
        if leaders
        else (DocState.HANDLING if mode == HandlingMode.HANDLE else DocState.CIRCULATING)
    )
    transitions.check(document, "propose_handling", target)
    was = before(document)
    for name in PROPOSAL_FLAGS:
        if flags and name in flags and flags[name] is not None:
            setattr(document, name, flags[name])
    document.mode, document.proposal = mode, proposal.strip()
    document.proposed_by, document.proposed_at = person_of(actor), timezone.now()
    document.lead_unit = lead_unit
    transitions.move(document, "propose_handling", target)
    finish_item(document.office_item, f"拟办：{document.proposal}")
    fields = [
        "state",
        "mode",
        "proposal",
        "proposed_by",
        "proposed_at",
        "lead_unit",
        *PROPOSAL_FLAGS,
    ]
    save_versioned(document, expected_version=expected_version, fields=fields)
    document.cooperating_units.set([u for u in cooperating_units if u != lead_unit])
    for position, leader in enumerate(dict.fromkeys(leaders), start=1):
        Instruction.objects.create(document=document, position=position, leader=leader)
    audit(
        actor, "incoming_handling_proposed", document, was, {"leaders": [p.name for p in leaders]}
    )
    if leaders:
        _open_next(actor, document)
    elif target == DocState.HANDLING:
        start_handling(actor, document)
    else:
        start_circulation(actor, document, readers, in_order=in_order)
    _remember_readers(document, readers, in_order)
    return document


def _remember_readers(
    document: IncomingDocument, readers: Sequence[Person], in_order: bool
) -> None:
    """Readers named with leaders are sent the document once the leaders have acted."""
    if document.state == DocState.INSTRUCTING and readers:
        from ..models import Circulation

        Circulation.objects.bulk_create(
            Circulation(document=document, position=i, reader=r, in_order=in_order)
            for i, r in enumerate(readers, start=1)
        )


def _open_next(actor: Any, document: IncomingDocument) -> Instruction | None:
    step = document.instructions.filter(state=InstructionState.WAITING).order_by("position").first()
    if step is None:
        return None
    step.state = InstructionState.PENDING
    step.item = tracking.create_item(
        actor=actor,
        kind="incoming.instruction",
        subject=f"批示：{document.title}"[:300],
        lead_unit=step.leader.unit,
        responsible=step.leader,
        creator=document.proposed_by,
        deadline=deadlines.leader_step(timezone.now()),
        source=document,
        urgency=document.urgency,
        priority=deadlines.priority(document),
    )
    step.save(update_fields=["state", "item", "updated_at"])
    return step


def pending_step(document: IncomingDocument) -> Instruction | None:
    return (
        document.instructions.filter(state=InstructionState.PENDING)
        .select_related("leader")
        .first()
    )


def acting_leader(actor: Any, step: Instruction):
    return try_acting_as(actor, lambda person: person.pk == step.leader_id)


OPINIONS = {Decision.AGREE: "同意拟办意见。", Decision.CIRCLE: "圈阅"}


@service
def instruct(
    *,
    actor: Any,
    instruction: Instruction,
    decision: str,
    opinion: str = "",
    add_units: Sequence[Unit] = (),
    pass_to: Person | None = None,
) -> Instruction:
    """A leader's step: agree, circle, instruct (an explicit opinion) or pass on."""
    document = instruction.document
    acting = acting_leader(actor, instruction)
    if acting is None:
        raise PermissionDenied("只有该环节的领导（或其委托人）可以批示。")
    if instruction.state != InstructionState.PENDING:
        raise RuleViolation.single(transitions.STATE, "该批示环节不在待批示状态。", status=409)
    transitions.check(document, "pass_on" if decision == Decision.PASS_ON else "instruct")
    text = opinion.strip() or OPINIONS.get(Decision(decision), "")
    if decision == Decision.INSTRUCT and not text:
        raise RuleViolation.single("DOC-IN-14", "批示须签署明确意见。", field="opinion")
    if decision == Decision.PASS_ON and pass_to is None:
        raise RuleViolation.single("DOC-IN-14", "转呈须选择领导。", field="pass_to")
    was = before(document)
    instruction.decision, instruction.opinion = decision, text or f"请{pass_to}同志阅示。"
    instruction.signed_by, instruction.acted_at = acting.person, timezone.now()
    instruction.signature = delegation_label(acting.person, acting.on_behalf_of)
    instruction.state = (
        InstructionState.PASSED_ON if decision == Decision.PASS_ON else InstructionState.DONE
    )
    save_versioned(
        instruction,
        expected_version=None,
        fields=["decision", "opinion", "signed_by", "acted_at", "signature", "state"],
    )
    finish_item(instruction.item, f"{instruction.signature}：{instruction.opinion}")
    _add_units(document, add_units)
    if pass_to is not None and decision == Decision.PASS_ON:
        _insert_after(instruction, pass_to)
    audit(
        actor,
        "incoming_instructed",
        document,
        was,
        {"leader": instruction.leader.name, "decision": decision, "opinion": instruction.opinion},
        on_behalf_of=acting.audit_label,
    )
    if _open_next(actor, document) is None:
        _after_instructions(actor, document)
    return instruction


def _add_units(document: IncomingDocument, units: Sequence[Unit]) -> None:
    units = [u for u in units if u.pk != document.lead_unit_id]
    if not units:
        return
    if document.lead_unit_id is None:
        document.lead_unit = units[0]
        save_versioned(document, expected_version=None, fields=["lead_unit"])
        units = units[1:]
    document.cooperating_units.add(*units)


def _insert_after(step: Instruction, leader: Person) -> None:
    later = list(
        step.document.instructions.filter(position__gt=step.position).order_by("-position")
    )
    for row in later:  # highest first: positions stay unique while they move
        Instruction.objects.filter(pk=row.pk).update(position=row.position + 1)
    Instruction.objects.create(document=step.document, position=step.position + 1, leader=leader)


def _after_instructions(actor: Any, document: IncomingDocument) -> None:
    document.refresh_from_db()
    if document.lead_unit_id:
        transitions.move(document, "instruct", DocState.HANDLING)
        save_versioned(document, expected_version=None, fields=["state"])
        start_handling(actor, document)
        return
    waiting = list(document.circulations.filter(sent_at__isnull=True).select_related("reader"))
    if waiting:
        transitions.move(document, "instruct", DocState.CIRCULATING)
        save_versioned(document, expected_version=None, fields=["state"])
        start_circulation(actor, document, [], in_order=waiting[0].in_order)
        return
    transitions.move(document, "instruct", DocState.COMPLETED)
    document.completed_at = timezone.now()
    document.result = document.result or "领导已阅示。"
    save_versioned(document, expected_version=None, fields=["state", "completed_at", "result"])
