"""Background jobs (django-tasks). ``manage.py run_scheduler`` enqueues the sweep every
minute and the daily calendar check; ``manage.py db_worker --no-reload`` runs them."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task


@task()
def sweep_items(now_iso: str | None = None) -> dict:
    from .registry import sweep_hooks
    from .sweep import sweep

    now = dt.datetime.fromisoformat(now_iso) if now_iso else timezone.now()
    result = sweep(now).as_dict()
    for hook in sweep_hooks():
        hook(now)
    return result


@task()
def deliver_notifications() -> int:
    from .services.notify import deliver_pending

    return deliver_pending()


@task()
def check_calendar_year(today_iso: str | None = None) -> int | None:
    from .calendar import alert_missing_year

    today = dt.date.fromisoformat(today_iso) if today_iso else timezone.localdate()
    return alert_missing_year(today)
