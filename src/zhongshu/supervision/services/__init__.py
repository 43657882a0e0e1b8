"""Supervision operations. Each write is one service; the clock is the tracking engine's."""

from .assessment import decide_accountability, propose_accountability, unit_scores
from .bulletins import edit_bulletin, generate_bulletin, issue_bulletin
from .cases import (
    add_case_items,
    approve_case,
    collect_case_reports,
    issue_case_notice,
    ledger_items_for,
    origin_of,
    record_arrangements,
    register_case,
    register_decisions,
    submit_case_report,
)
from .documents import documents_of, draft_bulletin_document, draft_case_document
from .imports import import_key_work
from .items import (
    add_supervised_item,
    answer_order,
    approve_item_closeout,
    issue_order,
    promote_to_key,
    record_check,
    register_instruction,
)
from .proposals import (
    assign_proposal,
    give_co_opinion,
    record_satisfaction,
    reply_proposal,
)
from .rectification import (
    issue_rectification_order,
    lapse_rectifications,
    report_rectification,
)

__all__ = [
    "add_case_items",
    "add_supervised_item",
    "answer_order",
    "approve_case",
    "approve_item_closeout",
    "assign_proposal",
    "collect_case_reports",
    "decide_accountability",
    "documents_of",
    "draft_bulletin_document",
    "draft_case_document",
    "edit_bulletin",
    "generate_bulletin",
    "give_co_opinion",
    "import_key_work",
    "issue_bulletin",
    "issue_case_notice",
    "issue_order",
    "issue_rectification_order",
    "lapse_rectifications",
    "ledger_items_for",
    "origin_of",
    "promote_to_key",
    "propose_accountability",
    "record_arrangements",
    "record_check",
    "record_satisfaction",
    "register_case",
    "register_decisions",
    "register_instruction",
    "reply_proposal",
    "report_rectification",
    "submit_case_report",
    "unit_scores",
]
