"""The minute clock of the application: enqueue the sweep once per minute and the
calendar check once per day. Each run is claimed by inserting its key (unique), so two
schedulers running side by side enqueue every job once."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import SchedulerTick

log = logging.getLogger(__name__)
DAILY_AT = dt.time(8, 0)
KEEP_DAYS = 7


def claim(key: str, now: dt.datetime) -> bool:
    try:
        with transaction.atomic():
            SchedulerTick.objects.create(key=key, created_at=now)
    except IntegrityError:
        return False
    return True


def tick(now: dt.datetime | None = None) -> list[str]:
    """Enqueue what is due at ``now``; returns the keys this scheduler claimed."""
    from .tasks import check_calendar_year, sweep_items

    now = now or timezone.now()
    local = timezone.localtime(now)
    claimed = []
    minute = local.strftime("%Y-%m-%dT%H:%M")
    if claim(f"sweep:{minute}", now):
        sweep_items.enqueue(local.replace(second=0, microsecond=0).isoformat())
        claimed.append(f"sweep:{minute}")
    day = local.date().isoformat()
    if local.time() >= DAILY_AT and claim(f"daily:{day}", now):
        check_calendar_year.enqueue(day)
        SchedulerTick.objects.filter(created_at__lt=now - dt.timedelta(days=KEEP_DAYS)).delete()
        claimed.append(f"daily:{day}")
    return claimed
