"""The ledger engine's operations. Modules create and work items only through these."""

from .chases import answer_chase, chase_item
from .clock import (
    decide_extension,
    effective_deadline,
    request_extension,
    resume_item,
    suspend_item,
)
from .closeout import approve_closeout, cancel_item, close_item, refuse_closeout, request_closeout
from .items import create_item, reassign_item, report_progress, start_item, update_item_lists
from .notify import mark_all_notifications_read, mark_notification_read, notify
from .reading import mark_read, request_reading

__all__ = [
    "answer_chase",
    "approve_closeout",
    "cancel_item",
    "chase_item",
    "close_item",
    "create_item",
    "decide_extension",
    "effective_deadline",
    "mark_all_notifications_read",
    "mark_notification_read",
    "mark_read",
    "notify",
    "reassign_item",
    "refuse_closeout",
    "report_progress",
    "request_closeout",
    "request_extension",
    "request_reading",
    "resume_item",
    "start_item",
    "suspend_item",
    "update_item_lists",
]
