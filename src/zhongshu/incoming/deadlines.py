"""Which rule sets each deadline of an incoming document, and how closely it is chased.

- the office's own step (初审、拟办): the same day (DOC-IN-16 即送即办), the next working
  day when the document arrives after the office closes or on a non-working day;
- each leader's step: DOC-IN-14 (2 working days);
- handling: the date the document itself sets; else DOC-IN-15 for a higher-level document
  needing local implementation (15 working days from receipt); else DOC-IN-10 (district: 7, difficult 15 working days)
  or DOC-IN-11 (city profile: 5 working days, 10 days when other departments are
  consulted);
- chases by urgency (DOC-IN-12) through the tracked item's priority.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from zhongshu.clock import engine
from zhongshu.clock.engine import Deadline
from zhongshu.documents.choices import Urgency
from zhongshu.rules import catalogue
from zhongshu.tracking.choices import Priority

from .models import IncomingDocument


def office_step(start: dt.datetime) -> Deadline:
    """DOC-IN-16: handled the day it arrives."""
    local = timezone.localtime(start)
    today = engine.add_calendar_days(local, 0, rule="DOC-IN-16", params={"same_day": True})
    if engine.is_working_day(local.date()) and local < today.due:
        return today
    return engine.add_working_days(local, 1, rule="DOC-IN-16", params={"same_day": True})


def leader_step(start: dt.datetime) -> Deadline:
    return engine.deadline_for_rule("DOC-IN-14", start)


def handling(doc: IncomingDocument, start: dt.datetime) -> tuple[Deadline, dict]:
    """The handling deadline and its 依据."""
    rule = _handling_rule(doc)
    if doc.own_due_date:
        local = timezone.localtime(start)
        days = max((doc.own_due_date - local.date()).days, 0)
        deadline = engine.add_calendar_days(
            local, days, rule=rule, params={"own_due_date": str(doc.own_due_date)}
        )
        basis = catalogue.basis(rule, own_due_date=str(doc.own_due_date))
        basis["title"] = f"按来文规定时限（{doc.own_due_date:%Y年%m月%d日}）办理"
        return deadline, basis
    if rule == "DOC-IN-15" and doc.received_at is not None:
        # DOC-IN-15 counts from receipt, not from the day the office proposed handling
        start = min(start, doc.received_at)
    if rule == "DOC-IN-11" and doc.needs_consultation:
        deadline = engine.deadline_for_rule(
            rule, start, param="consult_days", method="calendar_days"
        )
    elif rule == "DOC-IN-10" and doc.difficult:
        deadline = engine.deadline_for_rule(rule, start, param="difficult_days")
    else:
        deadline = engine.deadline_for_rule(rule, start)
    return deadline, catalogue.basis(rule, **_used(deadline))


def _used(deadline: Deadline) -> dict:
    return {k: v for k, v in deadline.params.items() if k not in ("office_end", "profile")}


def _handling_rule(doc: IncomingDocument) -> str:
    if doc.needs_implementation:
        return "DOC-IN-15"
    if catalogue.is_enabled("DOC-IN-10"):
        return "DOC-IN-10"
    return "DOC-IN-11"


def priority(doc: IncomingDocument) -> str:
    """DOC-IN-12: 紧急 followed daily, 重要 every 2 working days, 一般 weekly."""
    if doc.urgency in (Urgency.EXTRA_URGENT, Urgency.URGENT):
        return Priority.URGENT
    if doc.important:
        return Priority.IMPORTANT
    return Priority.NORMAL
