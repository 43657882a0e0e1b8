"""The outgoing document's state machine: an explicit transition table. A service moves a
document only through ``move``; a pair not in the table is refused (409).

    drafting ─submit─▶ [consultation] ─▶ [countersign] ─▶ [legality_review] ─▶ first_review
      ▲                                                                          │
      │ return (from every state in process, with reasons)                       ▼
      └──────── recheck ◀─sign (last)─ signing ◀─ text_review ◀─ director_review ◀─ affairs_review
                  │  └─substantive change─▶ signing
                  ▼
              numbering ─number─▶ distribution ─issue─▶ issued / published
"""

from __future__ import annotations

from django.utils import timezone

from zhongshu.framework.errors import RuleViolation

from .choices import IN_PROCESS, State
from .models import OutgoingDocument

S = State
STATE = "DOC-OUT-STATE"

# (from, to) → action
TABLE: dict[tuple[str, str], str] = {
    (S.DRAFTING, S.CONSULTATION): "submit",
    (S.DRAFTING, S.COUNTERSIGN): "submit",
    (S.DRAFTING, S.LEGALITY_REVIEW): "submit",
    (S.DRAFTING, S.FIRST_REVIEW): "submit",
    (S.DRAFTING, S.WITHDRAWN): "withdraw",
    (S.CONSULTATION, S.COUNTERSIGN): "finish_consultation",
    (S.CONSULTATION, S.LEGALITY_REVIEW): "finish_consultation",
    (S.CONSULTATION, S.FIRST_REVIEW): "finish_consultation",
    (S.COUNTERSIGN, S.LEGALITY_REVIEW): "countersign",
    (S.COUNTERSIGN, S.FIRST_REVIEW): "countersign",
    (S.LEGALITY_REVIEW, S.FIRST_REVIEW): "legality_pass",
    (S.FIRST_REVIEW, S.AFFAIRS_REVIEW): "review",
    (S.AFFAIRS_REVIEW, S.DIRECTOR_REVIEW): "review",
    (S.DIRECTOR_REVIEW, S.TEXT_REVIEW): "review",
    (S.TEXT_REVIEW, S.SIGNING): "review",
    (S.SIGNING, S.RECHECK): "sign",
    (S.RECHECK, S.NUMBERING): "recheck",
    (S.RECHECK, S.SIGNING): "recheck_changed",
    (S.RECHECK, S.TRANSFERRED): "recheck",  # DOC-OUT-8
    (S.NUMBERING, S.DISTRIBUTION): "number",
    (S.DISTRIBUTION, S.NUMBERING): "void_number",
    (S.DISTRIBUTION, S.ISSUED): "issue",
    (S.DISTRIBUTION, S.PUBLISHED): "issue",
    (S.ISSUED, S.PUBLISHED): "publish",
}
for _state in IN_PROCESS:
    TABLE[(_state, S.DRAFTING)] = "return"


def allowed(source: str, target: str) -> bool:
    return (source, target) in TABLE


def check(document: OutgoingDocument, target: str) -> None:
    if not allowed(document.state, target):
        raise RuleViolation.single(
            STATE,
            f"“{State(document.state).label}”状态下不能转为“{State(target).label}”。",
            status=409,
        )


def expect(document: OutgoingDocument, *states: str) -> None:
    """The action needs the document in one of ``states``."""
    if document.state not in states:
        labels = "、".join(str(State(s).label) for s in states)
        raise RuleViolation.single(
            STATE,
            f"当前状态为“{document.get_state_display()}”，此操作需在“{labels}”状态。",
            status=409,
        )


def move(document: OutgoingDocument, target: str) -> None:
    check(document, target)
    document.state = target
    document.state_changed_at = timezone.now()
