"""The incoming documents' operations: one function per step, used by the pages and the
API alike."""

from .circulation import chase_circulation, circulate, mark_circulation_read
from .handling import (
    archive_incoming,
    complete_incoming,
    ledger_items,
    record_reply,
    reply_candidates,
    reply_document,
    report_handling,
)
from .instructions import instruct, pending_step, propose_handling
from .registration import (
    FIELDS,
    attach_file,
    find_duplicate,
    record_paper_handling,
    register_incoming,
    save_draft,
    update_registration,
)
from .review import REVIEW_FIELDS, decide_return, pass_review, preview_review, propose_return

__all__ = [
    "FIELDS",
    "REVIEW_FIELDS",
    "archive_incoming",
    "attach_file",
    "chase_circulation",
    "circulate",
    "complete_incoming",
    "decide_return",
    "find_duplicate",
    "instruct",
    "ledger_items",
    "mark_circulation_read",
    "pass_review",
    "pending_step",
    "preview_review",
    "propose_handling",
    "propose_return",
    "record_paper_handling",
    "record_reply",
    "register_incoming",
    "reply_candidates",
    "reply_document",
    "report_handling",
    "save_draft",
    "update_registration",
]
