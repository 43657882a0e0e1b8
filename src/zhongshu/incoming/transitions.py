"""The incoming document's state machine: an explicit transition table. An action not in
the table for the document's state is refused with status 409 and its reason.

    draft ─register─▶ registered ─pass_review─▶ reviewed ─propose(批办)─▶ instructing
      │                  │   ▲                     │  │                     │ instruct/pass_on
      └record_paper─▶ paper_record   refuse_return │  └propose(阅知)─▶ circulating ◀─┤
                         ▼   │                     └assign──────▶ handling ◀─────────┘
                   return_proposed ─approve_return─▶ returned         │ report (all units)
                                                                      ▼
          circulating ─complete─▶ completed ─archive─▶ archived ◀─ returned / paper_record
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from zhongshu.framework.errors import RuleViolation

from .choices import DocState
from .models import IncomingDocument

S = DocState
STATE = "DOC_IN_STATE"

# (from state, action, to state)
TABLE: frozenset[tuple[str, str, str]] = frozenset(
    {
        (S.DRAFT, "save_draft", S.DRAFT),
        (S.DRAFT, "register", S.REGISTERED),
        (S.DRAFT, "record_paper", S.PAPER_RECORD),
        (S.REGISTERED, "edit", S.REGISTERED),
        (S.REGISTERED, "attach", S.REGISTERED),
        (S.DRAFT, "attach", S.DRAFT),
        (S.REGISTERED, "pass_review", S.REVIEWED),
        (S.REGISTERED, "propose_return", S.RETURN_PROPOSED),
        (S.RETURN_PROPOSED, "approve_return", S.RETURNED),
        (S.RETURN_PROPOSED, "refuse_return", S.REGISTERED),
        (S.REVIEWED, "propose_handling", S.INSTRUCTING),
        (S.REVIEWED, "propose_handling", S.CIRCULATING),
        (S.REVIEWED, "propose_handling", S.HANDLING),
        (S.INSTRUCTING, "instruct", S.INSTRUCTING),
        (S.INSTRUCTING, "instruct", S.HANDLING),
        (S.INSTRUCTING, "instruct", S.CIRCULATING),
        (S.INSTRUCTING, "instruct", S.COMPLETED),
        (S.INSTRUCTING, "pass_on", S.INSTRUCTING),
        (S.INSTRUCTING, "circulate", S.INSTRUCTING),
        (S.HANDLING, "circulate", S.HANDLING),
        (S.CIRCULATING, "circulate", S.CIRCULATING),
        (S.COMPLETED, "circulate", S.COMPLETED),
        (S.HANDLING, "report_handling", S.HANDLING),
        (S.HANDLING, "report_handling", S.COMPLETED),
        (S.CIRCULATING, "complete", S.COMPLETED),
        (S.HANDLING, "complete", S.COMPLETED),
        (S.COMPLETED, "record_reply", S.COMPLETED),
        (S.COMPLETED, "archive", S.ARCHIVED),
        (S.RETURNED, "archive", S.ARCHIVED),
        (S.PAPER_RECORD, "archive", S.ARCHIVED),
    }
)
ACTIONS = sorted({action for _f, action, _t in TABLE})

LABELS = {
    "save_draft": "保存草稿",
    "register": "登记",
    "record_paper": "登记纸质办理记录",
    "edit": "修改登记",
    "attach": "上传文件",
    "pass_review": "初审通过",
    "propose_return": "提出退文",
    "approve_return": "批准退文",
    "refuse_return": "不同意退文",
    "propose_handling": "拟办",
    "instruct": "批示",
    "pass_on": "转呈",
    "circulate": "传阅",
    "report_handling": "报告办理结果",
    "complete": "办结",
    "record_reply": "登记答复",
    "archive": "归档",
}


def allowed(document: IncomingDocument, action: str, to: str | None = None) -> bool:
    return any(f == document.state and a == action and (to is None or t == to) for f, a, t in TABLE)


def check(document: IncomingDocument, action: str, to: str | None = None) -> None:
    """Refuse (409) an action the document's state does not allow."""
    if not allowed(document, action, to):
        label = LABELS.get(action, action)
        state = DocState(document.state).label
        raise RuleViolation.single(
            STATE,
            _("收文当前状态为“%(state)s”，不能%(action)s。") % {"state": state, "action": label},
            status=409,
        )


def move(document: IncomingDocument, action: str, to: str) -> None:
    check(document, action, to)
    document.state = to
