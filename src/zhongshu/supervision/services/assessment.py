"""SUP-10: per-unit scores from the profile's rules, and accountability proposals for
severe lag or repeated non-rectification, with the evidence attached."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, F, Q
from django.utils import timezone

from zhongshu.framework.errors import RuleViolation
from zhongshu.framework.services import service
from zhongshu.org.models import Unit
from zhongshu.rules import catalogue
from zhongshu.tracking.choices import OPEN_STATES, Colour, ItemState

from ..choices import ProposalState, Rectification, Satisfaction
from ..models import AccountabilityProposal, SupervisedItem
from ..periods import moments
from ._common import audit, officer_of

MEASURES = ("assigned", "on_time", "late", "overdue", "not_rectified", "poor_quality")


def counts_by_unit(start: dt.date, end: dt.date) -> dict[int, dict[str, int]]:
    """One grouped query over the ledger: what each lead unit did in the period."""
    begin, stop = moments(start, end)
    closed = Q(item__state=ItemState.CLOSED, item__closed_at__gte=begin, item__closed_at__lt=stop)
    late = Q(item__was_overdue=True) | Q(item__closed_at__gt=F("item__due_at"))
    rows = (
        SupervisedItem.objects.filter(
            Q(item__created_at__lt=stop)
            & (Q(item__state__in=OPEN_STATES) | Q(item__closed_at__gte=begin))
        )
        .values("item__lead_unit_id")
        .annotate(
            assigned=Count("id", filter=Q(item__created_at__gte=begin)),
            on_time=Count("id", filter=closed & ~late),
            late=Count("id", filter=closed & late),
            overdue=Count("id", filter=Q(item__state__in=OPEN_STATES, item__due_at__lt=stop)),
            not_rectified=Count(
                "id",
                filter=Q(
                    rectification=Rectification.NOT_RECTIFIED,
                    item__due_at__gte=begin,
                    item__due_at__lt=stop,
                ),
            ),
            poor_quality=Count(
                "id",
                filter=Q(
                    satisfaction=Satisfaction.UNSATISFIED,
                    replied_at__gte=begin,
                    replied_at__lt=stop,
                ),
            ),
            # the lines open now by colour (the bulletin's totals; same pass over the ledger)
            **{
                f"open_{colour}": Count(
                    "id", filter=Q(item__state__in=OPEN_STATES, item__colour=colour)
                )
                for colour in Colour.values
            },
        )
    )
    return {row.pop("item__lead_unit_id"): row for row in rows}


def score_of(counts: dict[str, int], p: dict[str, Any]) -> int:
    return (
        int(p["base_score"])
        + counts["on_time"] * int(p["on_time_points"])
        - counts["late"] * int(p["late_points"])
        - counts["overdue"] * int(p["overdue_points"])
        - counts["not_rectified"] * int(p["not_rectified_points"])
        - counts["poor_quality"] * int(p["quality_points"])
    )


def _rank(row: dict[str, Any]) -> tuple[int, int, int]:
    unit: Unit = row["unit"]
    return (-int(row["score"]), unit.sort_order, unit.pk)


def unit_scores(start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    """Each unit with items in the period: its counts and score, best first."""
    p = catalogue.params("SUP-10")
    by_unit = counts_by_unit(start, end)
    units = Unit.objects.in_bulk(list(by_unit))
    table = [
        {"unit": units[pk], **counts, "score": score_of(counts, p)}
        for pk, counts in by_unit.items()
        if pk in units
    ]
    table.sort(key=_rank)
    return table


def _evidence(unit_id: int, start: dt.date, end: dt.date, p: dict) -> tuple[list[dict], list[str]]:
    begin, stop = moments(start, end)
    severe_before = stop - dt.timedelta(days=int(p["severe_lag_days"]))
    lagging = SupervisedItem.objects.filter(
        item__lead_unit_id=unit_id, item__state__in=OPEN_STATES, item__due_at__lt=severe_before
    ).select_related("item")
    unrectified = SupervisedItem.objects.filter(
        item__lead_unit_id=unit_id,
        rectification=Rectification.NOT_RECTIFIED,
        item__due_at__gte=begin,
        item__due_at__lt=stop,
    ).select_related("item")
    evidence, reasons = [], []
    lag_list = list(lagging[:50])
    if lag_list:
        reasons.append(
            f"{len(lag_list)}项督办事项超期{p['severe_lag_days']}日以上仍未办结（工作进度严重滞后）"
        )
    rect_list = list(unrectified[:50])
    if len(rect_list) >= int(p["repeat_not_rectified"]):
        reasons.append(f"期内{len(rect_list)}项限期整改逾期未整改（整改久拖不改）")
    else:
        rect_list = []
    for s in [*lag_list, *rect_list]:
        evidence.append(
            {
                "item": str(s.uuid),
                "subject": s.item.subject,
                "due": timezone.localtime(s.item.due_at).strftime("%Y-%m-%d %H:%M"),
                "state": s.item.get_state_display(),
                "rectification": s.get_rectification_display() if s.rectification else "",
                "chases": s.item.chase_step,
            }
        )
    return evidence, reasons


@service
def propose_accountability(
    *, actor: Any, start: dt.date, end: dt.date
) -> list[AccountabilityProposal]:
    """SUP-10: a proposal for each unit with severe lag or repeated non-rectification in the
    period (running it again refreshes the evidence, adds no duplicate)."""
    officer = officer_of(actor)
    if end < start:
        raise RuleViolation.single("SUP_INVALID", "期间结束不能早于开始。", field="end")
    p = catalogue.params("SUP-10")
    made = []
    for unit_id in counts_by_unit(start, end):
        evidence, reasons = _evidence(unit_id, start, end, p)
        if not reasons:
            continue
        proposal, _ = AccountabilityProposal.objects.update_or_create(
            unit_id=unit_id,
            period_start=start,
            period_end=end,
            defaults={
                "reason": "；".join(reasons) + "。",
                "evidence": evidence,
                "created_by": officer,
            },
        )
        audit(actor, "accountability_proposed", proposal, after={"reason": proposal.reason})
        made.append(proposal)
    return made


@service
def decide_accountability(
    *, actor: Any, proposal: AccountabilityProposal, refer: bool, opinion: str
) -> None:
    """Referred to the discipline body (纪检监察) or not, with the office's opinion."""
    officer_of(actor)
    if proposal.state != ProposalState.PROPOSED:
        raise RuleViolation.single("SUP-10", "该问责建议已处理。", status=409)
    if not opinion.strip():
        raise RuleViolation.single("SUP-10", "请签署处理意见。", field="opinion")
    proposal.state = ProposalState.REFERRED if refer else ProposalState.DROPPED
    proposal.reason = f"{proposal.reason}\n处理意见：{opinion.strip()}"
    proposal.save(update_fields=["state", "reason", "updated_at"])
    audit(actor, "accountability_decided", proposal, after={"state": proposal.state})
