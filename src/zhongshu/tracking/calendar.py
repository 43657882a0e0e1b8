"""The tracking side of the official calendar (CAL-1): when an administrator enters a
year's arrangement, the open deadlines it moves are recomputed from their stored
Deadline, audited, and the people concerned are told; from 1 October the office
administrators are alerted every day while next year's arrangement is missing."""

from __future__ import annotations

import datetime as dt
import logging

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from zhongshu.audit.services import record, snapshot
from zhongshu.clock.engine import Deadline
from zhongshu.clock.services import missing_next_year

from . import deadlines
from .choices import OPEN_STATES
from .models import TrackedItem
from .schedule import DEADLINE_FIELDS, apply_deadline
from .services.clock import effective_deadline
from .services.notify import notify

log = logging.getLogger(__name__)
CHUNK = 500


def on_calendar_changed(sender=None, *, years, actor=None, **kwargs) -> int:
    """Receiver of ``clock.signals.calendar_changed`` (sent on commit)."""
    return recompute_deadlines(years=years, actor=actor)


def recompute_deadlines(*, years, actor=None) -> int:
    """Recompute the working-day deadlines of open items that start or fall in ``years``
    (or run across them); returns how many moved."""
    years = sorted(set(years))
    if not years:
        return 0
    first = dt.datetime(years[0], 1, 1, tzinfo=deadlines.SHANGHAI)
    last = dt.datetime(years[-1] + 1, 1, 1, tzinfo=deadlines.SHANGHAI)
    # Items due after the first changed day (their span may cross it) whose deadline
    # started before the end of the last changed year.
    candidates = (
        TrackedItem.objects.filter(state__in=OPEN_STATES, due_at__gte=first)
        .filter(created_at__lt=last)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    moved = 0
    ids = list(candidates)
    for start in range(0, len(ids), CHUNK):
        with transaction.atomic():
            # Lock the items only: the joined people may be absent (outer joins).
            items = TrackedItem.objects.select_for_update(of=("self",)).filter(
                pk__in=ids[start : start + CHUNK]
            )
            for item in items.select_related("responsible", "creator"):
                moved += _recompute(item, actor)
    return moved


def _recompute(item: TrackedItem, actor) -> int:
    base = Deadline.from_json(item.base_deadline)
    fresh = deadlines.recomputed_base(base)
    if fresh.due == base.due and fresh.provisional == base.provisional:
        return 0
    was = snapshot(item, ["due_at", "provisional", "colour"])
    old_due = item.due_at
    now = timezone.now()
    item.base_deadline = fresh.as_json()
    if item.legal_deadline:
        legal = deadlines.recomputed_base(Deadline.from_json(item.legal_deadline))
        item.legal_deadline, item.legal_due_at = legal.as_json(), legal.due
    item.basis = item.basis or deadlines.basis_for(fresh)
    apply_deadline(item, effective_deadline(item, now), now)
    TrackedItem.objects.filter(pk=item.pk).update(
        base_deadline=item.base_deadline,
        legal_deadline=item.legal_deadline,
        legal_due_at=item.legal_due_at,
        **{name: getattr(item, name) for name in DEADLINE_FIELDS},
        version=item.version + 1,
        updated_at=now,
    )
    record(
        actor=actor,
        event="item_deadline_recomputed",
        obj=item,
        before=was,
        after={**snapshot(item, ["due_at", "provisional", "colour"]), "reason": "CAL-1"},
    )
    if item.due_at != old_due:
        when = timezone.localtime(item.due_at).strftime("%Y-%m-%d %H:%M")
        notify(
            [item.responsible_id, item.creator_id],
            verb="deadline_moved",
            item=item,
            text=f"因工作日历调整（CAL-1），时限改为{when}：{item.subject}",
        )
    return 1


def alert_missing_year(today: dt.date) -> int | None:
    """CAL-1: tell the office administrators, once a day, that a year is missing."""
    year = missing_next_year(today)
    if year is None:
        return None
    User = get_user_model()
    admins = User.objects.filter(
        is_active=True, person__isnull=False, groups__profile__code="office_admin"
    ).values_list("person_id", flat=True)
    with transaction.atomic():
        notify(
            set(admins),
            verb="calendar_missing",
            link="/calendar/",
            text=f"{year}年工作日历（国务院办公厅放假安排）尚未录入，期限按暂定日历计算（CAL-1）。",
            dedupe_key=f"calendar_missing:{year}:{today.isoformat()}",
        )
    return year
