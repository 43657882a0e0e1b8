"""Helpers shared by the supervision services: who the office is, deadlines of a fixed
date, the audit call."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from zhongshu.audit.services import record
from zhongshu.clock import engine
from zhongshu.clock.engine import Deadline
from zhongshu.framework.errors import RuleViolation
from zhongshu.org.choices import SectionKind
from zhongshu.org.models import Person, Position, Section

MANAGE = "supervision.manage_supervision"
SECTION_CHIEF = "section_chief"  # the post catalogue's 科长
INVALID = "SUP_INVALID"

ITEM_KIND = "supervision.item"
STEP_KIND = "supervision.step"
ORDER_KIND = "supervision.order"
CO_OPINION_KIND = "supervision.co_opinion"
INSPECTION_KIND = "supervision.inspection"  # SUP-11: a key item's monthly inspection


def officer_of(actor: Any) -> Person:
    """The supervision office's person acting (督查室, or an office leader)."""
    person = getattr(actor, "person", None)
    if person is None or not actor.has_perm(MANAGE):
        raise PermissionDenied("仅督查室可执行此操作。")
    return person


def ledger_officer(actor: Any, section: Section | None = None) -> Person:
    """Who holds a ledger line fed by another module (MTG-15: the presiding leader or a
    meetings clerk signs the minutes). A supervision officer acting is the officer;
    otherwise the chief (科长, else the first person) of the supervising section, else of
    the 督查室. Nobody there: refused with SUP-5 (the office has no one to hold the line)."""
    person = getattr(actor, "person", None)
    if person is not None and actor.has_perm(MANAGE):
        return person
    sections = [section] if section is not None else []
    sections += list(
        Section.objects.filter(kind=SectionKind.SUPERVISION, archived_at__isnull=True).order_by(
            "unit__sort_order", "unit_id", "sort_order", "id"
        )
    )
    for candidate in sections:
        chief = _section_chief(candidate)
        if chief is not None:
            return chief
    raise RuleViolation.single("SUP-5", "未找到督查室承办人，请先维护督办科室人员。", status=409)


def _section_chief(section: Section) -> Person | None:
    chief = (
        Position.objects.active()
        .filter(section=section, post__code=SECTION_CHIEF, person__archived_at__isnull=True)
        .select_related("person__unit")
        .order_by("post__rank", "id")
        .first()
    )
    if chief is not None:
        return chief.person
    return (
        Person.objects.filter(section=section, archived_at__isnull=True)
        .select_related("unit")
        .order_by("sort_order", "id")
        .first()
    )


def person_of(actor: Any) -> Person | None:
    return getattr(actor, "person", None) if actor is not None else None


def deadline_on(day: dt.date, start: dt.datetime, rule: str) -> Deadline:
    """A completion date set by the ledger or the leader (完成时限): the office end of that
    day, computed by the engine as calendar days from the start and keeping the rule."""
    local = timezone.localtime(start, engine.SHANGHAI)
    days = max((day - local.date()).days, 0)
    return engine.add_calendar_days(local, days, rule=rule, params={"due_date": day.isoformat()})


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def months_deadline(start: dt.datetime, months: int, rule: str, param: str) -> Deadline:
    """N months from the date of ``start`` (SUP-13), as calendar days through the engine."""
    local = timezone.localtime(start, engine.SHANGHAI)
    days = (add_months(local.date(), months) - local.date()).days
    return engine.add_calendar_days(local, days, rule=rule, params={param: months})


def audit(actor: Any, event: str, obj: Any, before: dict | None = None, after: dict | None = None):
    record(actor=actor, event=event, obj=obj, before=before or {}, after=after or {})
