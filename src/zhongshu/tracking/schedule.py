"""Keep an item's precomputed times in line with its state and deadline. Services call
``reschedule`` after every change; the sweep then only compares these columns with the
clock, set-based."""

from __future__ import annotations

import datetime as dt

from zhongshu.clock import engine
from zhongshu.clock.engine import Deadline

from . import deadlines
from .choices import OPEN_STATES, Colour, ItemState, ReminderKind
from .models import Reminder, TrackedItem

# The columns ``reschedule`` writes (services pass them to ``save_versioned``).
FIELDS = [
    "colour",
    "was_overdue",
    "yellow_at",
    "recolour_at",
    "remind_at",
    "next_chase_at",
    "report_notice_at",
]
DEADLINE_FIELDS = [
    "due_at",
    "deadline",
    "provisional",
    "deadline_round",
    "chase_step",
    "answered_step",
    *FIELDS,
]


def reschedule(item: TrackedItem, now: dt.datetime) -> None:
    if item.state not in OPEN_STATES:
        item.yellow_at = item.remind_at = item.next_chase_at = item.report_notice_at = None
        item.recolour_at = None
        return
    item.report_notice_at = item.report_due_at
    if item.suspended_at is not None:
        # SUP-16 / suspension: the clock stops, so do colours and chases.
        item.yellow_at = item.remind_at = item.next_chase_at = item.recolour_at = None
        return
    item.yellow_at = deadlines.yellow_start(item)
    item.colour = deadlines.colour_at(item, now)
    item.was_overdue = item.was_overdue or item.colour == Colour.RED
    item.recolour_at = _recolour_at(item)
    item.remind_at = _remind_at(item, now)
    item.next_chase_at = _next_chase_at(item, now)


def _recolour_at(item: TrackedItem) -> dt.datetime | None:
    if item.colour == Colour.GREEN:
        return min(item.yellow_at, item.due_at) if item.yellow_at else item.due_at
    if item.colour == Colour.YELLOW:
        return item.due_at
    return None


def _remind_at(item: TrackedItem, now: dt.datetime) -> dt.datetime | None:
    if now >= item.due_at or _reminded(item):
        return None
    near = deadlines.near_start(item.due_at, max(deadlines.yellow_days(), 1))
    return engine.business_hours_reminder(max(near, now))


def _reminded(item: TrackedItem) -> bool:
    if item.pk is None:
        return False
    return Reminder.objects.filter(
        item=item, kind=ReminderKind.DUE_SOON, round=item.deadline_round
    ).exists()


def _next_chase_at(item: TrackedItem, now: dt.datetime) -> dt.datetime | None:
    """DOC-IN-12: none while the approver holds the item; otherwise the next step of the
    cadence — or at once, when a step fell while the item was not being chased."""
    if item.state == ItemState.CLOSEOUT_REQUESTED:
        return None
    interval = deadlines.chase_interval(item.priority)
    step, next_at = deadlines.latest_step(item.due_at, interval, now)
    if step > item.chase_step:
        return deadlines.chase_time(item.due_at, interval, step)
    return next_at


def apply_deadline(item: TrackedItem, deadline: Deadline, now: dt.datetime) -> bool:
    """Set a new effective deadline; a moved due time starts a new chase round. Returns
    whether the due time moved."""
    moved = item.due_at != deadline.due
    item.deadline = deadline.as_json()
    item.provisional = deadline.provisional
    if moved:
        item.due_at = deadline.due
        item.deadline_round += 1
        item.chase_step = item.answered_step = 0
    reschedule(item, now)
    return moved


def awaiting_for(item: TrackedItem) -> None:
    """Who must act now (the workbench's 待办)."""
    if item.state == ItemState.CLOSEOUT_REQUESTED:
        item.awaiting_id = item.approver_id or item.creator_id
        item.awaiting_unit_id = None
    elif item.state in OPEN_STATES:
        item.awaiting_id = item.responsible_id
        item.awaiting_unit_id = item.lead_unit_id
    else:
        item.awaiting_id = item.awaiting_unit_id = None
