"""SUP-7 city management: a problem unfixed after two re-inspections becomes a
rectification order at once — fix within 48 hours (CAL-3: clock hours, holidays included),
report by 12:00 of the third day (CAL-4: calendar days from the issue date); a missing
report counts as not rectified."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from zhongshu.clock import engine
from zhongshu.clock.engine import Deadline
from zhongshu.framework.errors import RuleViolation
from zhongshu.framework.services import service
from zhongshu.org.models import Person, Unit
from zhongshu.rules import catalogue
from zhongshu.tracking import services as tracking
from zhongshu.tracking.choices import Priority, ReportCadence
from zhongshu.tracking.policies import as_handler

from ..choices import Rectification, Source
from ..models import SupervisedItem
from ._common import audit, officer_of
from .items import create_supervised


def rectification_deadlines(issued_at: dt.datetime) -> tuple[Deadline, Deadline]:
    """(fix by, report by) for an order issued at ``issued_at``."""
    p = catalogue.params("SUP-7")
    fix = engine.add_hours(
        issued_at,
        float(p["rectify_hours"]),
        rule="SUP-7",
        params={"rectify_hours": p["rectify_hours"]},
    )
    report = engine.anchored(
        issued_at,
        int(p["report_day"]),
        p["report_time"],
        rule="SUP-7",
        params={"report_day": p["report_day"]},
    )
    return fix, report


@service
def issue_rectification_order(
    *,
    actor: Any,
    problem: str,
    lead_unit: Unit,
    reinspections: int,
    location: str = "",
    leader: Person | None = None,
    responsible: Person | None = None,
) -> SupervisedItem:
    officer = officer_of(actor)
    needed = int(catalogue.param("SUP-7", "reinspections"))
    if reinspections < needed:
        raise RuleViolation.single(
            "SUP-7",
            f"经{needed}次督办复查仍未整改到位的问题方可转入督查室（本问题复查{reinspections}次）。",
            field="reinspections",
        )
    now = timezone.now()
    fix, report = rectification_deadlines(now)
    supervised = create_supervised(
        actor=actor,
        officer=officer,
        source=Source.CITY_MANAGEMENT,
        subject=f"限期整改：{problem.strip()}"[:300],
        lead_unit=lead_unit,
        deadline=report,
        leader=leader,
        responsible=responsible,
        reference=location,
        detail=problem,
        cadence=ReportCadence.NONE,
        reinspections=reinspections,
        rectify_due_at=fix.due,
        rectify_deadline=fix.as_json(),
        rectification=Rectification.PENDING,
    )
    supervised.item.priority = Priority.URGENT
    supervised.item.save(update_fields=["priority"])
    return supervised


@service
def report_rectification(*, actor: Any, supervised: SupervisedItem, text: str) -> None:
    """The unit reports; in time it is a close-out request for the office to verify, late
    it no longer counts (SUP-7: 逾期不报视为未整改)."""
    item = supervised.item
    as_handler(actor, item)
    if supervised.rectification != Rectification.PENDING:
        raise RuleViolation.single("SUP-7", "该整改督办单已有结果。", status=409)
    now = timezone.now()
    if now > item.due_at:  # recorded as not rectified by lapse_rectifications
        raise RuleViolation.single("SUP-7", "已超过报送整改情况的时限，视为未整改。", status=409)
    tracking.report_progress(actor=actor, item=item, text=text, percent=100)
    tracking.request_closeout(actor=actor, item=item, outcome=text, results=[text])
    supervised.rectification_reported_at = now
    supervised.save(update_fields=["rectification_reported_at", "updated_at"])
    audit(actor, "rectification_reported", supervised, after={"at": now.isoformat()})


def _lapse(supervised: SupervisedItem, now: dt.datetime) -> None:
    SupervisedItem.objects.filter(pk=supervised.pk).update(
        rectification=Rectification.NOT_RECTIFIED, updated_at=now
    )
    supervised.rectification = Rectification.NOT_RECTIFIED
    audit(None, "rectification_lapsed", supervised, after={"rule": "SUP-7"})


@service
def lapse_rectifications(*, actor: Any = None, now: dt.datetime | None = None) -> int:
    """Run by the periodic sweep: every pending order whose report time has passed without
    a report is recorded as not rectified (the item stays red until closed)."""
    now = now or timezone.now()
    lapsed = list(
        SupervisedItem.objects.filter(
            rectification=Rectification.PENDING,
            rectification_reported_at__isnull=True,
            item__due_at__lt=now,
        )
        # No ordering: the model's default order made the planner walk the whole ledger by
        # its year index every minute; unordered, it reads only the pending orders' index.
        .order_by()
        .select_related("item")
    )
    for supervised in lapsed:
        _lapse(supervised, now)
    return len(lapsed)


def mark_rectified(supervised: SupervisedItem) -> None:
    """Called when the office approves the close-out of a reported rectification."""
    if supervised.rectification == Rectification.PENDING:
        supervised.rectification = Rectification.RECTIFIED
        supervised.save(update_fields=["rectification", "updated_at"])
