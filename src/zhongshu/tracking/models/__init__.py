from .events import Chase, Extension, ProgressReport, Reminder, ReportAttachment, Suspension
from .inbox import Notification, ReadRequest, SchedulerTick
from .items import ItemUnit, TrackedItem

__all__ = [
    "Chase",
    "Extension",
    "ItemUnit",
    "Notification",
    "ProgressReport",
    "ReadRequest",
    "Reminder",
    "ReportAttachment",
    "SchedulerTick",
    "Suspension",
    "TrackedItem",
]
