"""Close-out (销号): the handler requests it with the result, the approver approves or
returns the item; an approver (or the module, when its source completes) may also close
or cancel an item directly."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils import timezone

from zhongshu.framework.services import service

from .. import transitions
from ..choices import ItemState
from ..models import TrackedItem
from ..policies import as_approver, as_handler
from ..schedule import FIELDS, reschedule
from ._common import audit, before, save
from .notify import notify

STATE_FIELDS = ["state", "state_changed_at", *FIELDS]


def _move(item: TrackedItem, state: str) -> None:
    item.state = state
    item.state_changed_at = timezone.now()
    reschedule(item, item.state_changed_at)


@service
def request_closeout(
    *,
    actor: Any,
    item: TrackedItem,
    outcome: str,
    results: Sequence[str] | None = None,
    expected_version: int | None = None,
) -> None:
    acting = as_handler(actor, item)
    if results is not None:
        item.results = [str(r).strip() for r in results if str(r).strip()]
    transitions.check(item, "request_closeout", outcome=outcome)
    was = before(item)
    item.outcome = outcome.strip()
    _move(item, ItemState.CLOSEOUT_REQUESTED)
    save(item, [*STATE_FIELDS, "outcome", "results"], expected_version)
    audit(acting, "closeout_requested", item, was, {"outcome": item.outcome})
    notify(
        [item.approver_id or item.creator_id],
        verb="closeout_requested",
        item=item,
        text=f"申请销号：{item.subject}",
    )


@service
def approve_closeout(
    *, actor: Any, item: TrackedItem, opinion: str, expected_version: int | None = None
) -> None:
    """DOC-IN-14: the approver's opinion, name and date are recorded."""
    acting = as_approver(actor, item)
    transitions.check(item, "approve_closeout", opinion=opinion)
    _finish(acting, item, ItemState.CLOSED, "closeout_approved", opinion, expected_version)
    notify(
        [item.responsible_id], verb="closeout_approved", item=item, text=f"已销号：{item.subject}"
    )


@service
def refuse_closeout(
    *, actor: Any, item: TrackedItem, opinion: str, expected_version: int | None = None
) -> None:
    acting = as_approver(actor, item)
    transitions.check(item, "refuse_closeout", opinion=opinion)
    was = before(item)
    _move(item, ItemState.RETURNED)
    save(item, STATE_FIELDS, expected_version)
    audit(acting, "closeout_refused", item, was, {"opinion": opinion.strip()})
    notify(
        [item.responsible_id],
        verb="closeout_refused",
        item=item,
        text=f"销号申请被退回（{opinion.strip()[:100]}）：{item.subject}",
    )


@service
def close_item(
    *, actor: Any, item: TrackedItem, outcome: str, expected_version: int | None = None
) -> None:
    """Close directly: the approver, or the module when its source is done (e.g. the
    reply to a 请示 went out)."""
    acting = as_approver(actor, item) if actor is not None else None
    transitions.check(item, "close", outcome=outcome)
    item.outcome = outcome.strip()
    _finish(acting, item, ItemState.CLOSED, "item_closed", outcome, expected_version, actor)


@service
def cancel_item(
    *, actor: Any, item: TrackedItem, reason: str, expected_version: int | None = None
) -> None:
    acting = as_approver(actor, item) if actor is not None else None
    transitions.check(item, "cancel")
    item.outcome = reason.strip()
    _finish(acting, item, ItemState.CANCELLED, "item_cancelled", reason, expected_version, actor)
    notify(
        [item.responsible_id], verb="item_cancelled", item=item, text=f"事项已撤销：{item.subject}"
    )


def _finish(acting, item, state, event, opinion, expected_version, actor=None) -> None:
    was = before(item)
    _move(item, state)
    item.closed_at = item.state_changed_at
    save(item, [*STATE_FIELDS, "closed_at", "outcome"], expected_version)
    audit(acting, event, item, was, {"opinion": opinion.strip()}, actor=actor)
