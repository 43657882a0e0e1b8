"""The counts in the top bar: 待办 (items awaiting me or my unit, and the extension
requests I approve) and the unread notifications of the bell. Two or three indexed
counts per page."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q

from zhongshu.framework.policies import is_business_user

from .acting import reach_of
from .choices import OPEN_STATES, Colour, DecisionStatus
from .models import Extension, Notification, TrackedItem


def todo_filter(reach) -> Q:
    people = reach.person_ids
    return Q(state__in=OPEN_STATES) & (
        Q(awaiting_id__in=people)
        | Q(awaiting__isnull=True, awaiting_unit_id__in=list(reach.unit_ids))
    )


def todo_counts(reach) -> dict[str, int]:
    """待办 by colour and the extension approvals, counted once per request."""
    cached = getattr(reach, "_todo_counts", None)
    if cached is not None:
        return cached
    counts = TrackedItem.objects.filter(todo_filter(reach)).aggregate(
        items=Count("id"),
        yellow=Count("id", filter=Q(colour=Colour.YELLOW)),
        red=Count("id", filter=Q(colour=Colour.RED)),
    )
    counts["approvals"] = Extension.objects.filter(
        status=DecisionStatus.PENDING, approver_id__in=reach.person_ids
    ).count()
    counts["total"] = counts["items"] + counts["approvals"]
    reach._todo_counts = counts
    return counts


def pending_count(user: Any) -> int:
    if not is_business_user(user):
        return 0
    reach = reach_of(user)
    if reach.person is None:
        return 0
    return todo_counts(reach)["total"]


def unread_count(user: Any) -> int:
    if not is_business_user(user):
        return 0
    reach = reach_of(user)
    if reach.person is None:
        return 0
    return Notification.objects.filter(
        recipient_id__in=reach.person_ids, read_at__isnull=True
    ).count()
