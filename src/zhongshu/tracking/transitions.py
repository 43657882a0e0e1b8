"""The item's state machine: an explicit transition table; guards return the rule IDs a
transition would break, and a refused transition is a ``RuleViolation`` with status 409.

    open ──start/report──▶ in_progress ──request_closeout──▶ closeout_requested
      │                        ▲                                 │        │
      │                        └──────── report ◀── returned ◀───┘refuse  │approve
      └──────────────── close / cancel (approver) ─────────────▶ closed ◀─┘
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from zhongshu.framework.errors import RuleViolation, Violation
from zhongshu.rules import catalogue

from .choices import OPEN_STATES, ItemState
from .models import TrackedItem

S = ItemState
# Codes of refusals the catalogue does not number (the engine's own mechanics).
STATE = "TRACK_STATE"
SUSPENDED = "TRACK_SUSPENDED"

HANDLER = "handler"
APPROVER = "approver"


def _not_suspended(item: TrackedItem, **_rest: object) -> list[Violation]:
    if item.suspended_at is not None:
        return [Violation(SUSPENDED, str(_("事项处于中止状态，请先恢复。")))]
    return []


def _outcome_given(item: TrackedItem, *, outcome: str = "", **_rest: object) -> list[Violation]:
    """SUP-12: every matter an outcome — a close-out request states the result; SUP-8:
    where the module keeps the four lists, the results list is filled in."""
    found = []
    if not outcome.strip():
        found.append(catalogue.violation("SUP-12", str(_("申请销号须填写办理结果。"))))
    if item.uses_lists and not item.results:
        found.append(catalogue.violation("SUP-8", str(_("销号前须填写成效清单。"))))
    return found


def _opinion_given(item: TrackedItem, *, opinion: str = "", **_rest: object) -> list[Violation]:
    """DOC-IN-14: an approval records an explicit opinion (name and date are recorded)."""
    if not opinion.strip():
        return [catalogue.violation("DOC-IN-14", str(_("审批须签署明确意见。")), field="opinion")]
    return []


Guard = Callable[..., list[Violation]]


@dataclass(frozen=True)
class Transition:
    name: str
    sources: tuple[str, ...]
    target: str
    actor: str  # HANDLER or APPROVER
    label: str
    guards: tuple[Guard, ...] = ()


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in [
        Transition("start", (S.OPEN,), S.IN_PROGRESS, HANDLER, "开始办理"),
        Transition(
            "report", (S.OPEN, S.IN_PROGRESS, S.RETURNED), S.IN_PROGRESS, HANDLER, "报告进展"
        ),
        Transition(
            "request_closeout",
            (S.OPEN, S.IN_PROGRESS, S.RETURNED),
            S.CLOSEOUT_REQUESTED,
            HANDLER,
            "申请销号",
            (_not_suspended, _outcome_given),
        ),
        Transition(
            "approve_closeout",
            (S.CLOSEOUT_REQUESTED,),
            S.CLOSED,
            APPROVER,
            "同意销号",
            (_opinion_given,),
        ),
        Transition(
            "refuse_closeout",
            (S.CLOSEOUT_REQUESTED,),
            S.RETURNED,
            APPROVER,
            "退回办理",
            (_opinion_given,),
        ),
        Transition("close", tuple(OPEN_STATES), S.CLOSED, APPROVER, "直接销号", (_outcome_given,)),
        Transition("cancel", tuple(OPEN_STATES), S.CANCELLED, APPROVER, "撤销事项"),
    ]
}


def check(item: TrackedItem, name: str, **data: object) -> Transition:
    """The transition, or a 409 naming what refuses it."""
    transition = TRANSITIONS[name]
    if item.state not in transition.sources:
        message = _("事项当前状态为“%(state)s”，不能%(action)s。") % {
            "state": item.get_state_display(),
            "action": transition.label,
        }
        raise RuleViolation([Violation(STATE, str(message))], status=409)
    found: list[Violation] = []
    for guard in transition.guards:
        found.extend(guard(item, **data))
    if found:
        # The item's condition refuses (409); missing input is the caller's to fix (422).
        conflict = any(v.rule in (STATE, SUSPENDED) for v in found)
        raise RuleViolation(found, status=409 if conflict else 422)
    return transition


def allowed(item: TrackedItem, name: str) -> bool:
    return item.state in TRANSITIONS[name].sources
