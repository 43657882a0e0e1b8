"""Loads the built-in official years (2004–2026, from ``chinese-calendar``) after every
migrate. Idempotent: a year already stored — possibly corrected by an administrator — is
left alone, so a flushed test database is reloaded and a live one is never overwritten."""

from __future__ import annotations

from django.db import connections, router, transaction
from django.utils import timezone

from .choices import WORKING_KINDS, YearStatus
from .holidays import BUILTIN_FIRST, BUILTIN_LAST, builtin_notice, builtin_year


def load_builtin_years(using: str = "default") -> list[int]:
    """Store the known years that are missing; returns the years it stored."""
    from .models import CalendarDay, CalendarRevision, CalendarYear

    with transaction.atomic(using=using):
        present = set(CalendarYear.objects.using(using).values_list("year", flat=True))
        missing = [y for y in range(BUILTIN_FIRST, BUILTIN_LAST + 1) if y not in present]
        if not missing:
            return []
        now = timezone.now()
        years = CalendarYear.objects.using(using).bulk_create(
            CalendarYear(
                year=y, status=YearStatus.OFFICIAL, notice=builtin_notice(y), entered_at=now
            )
            for y in missing
        )
        if not all(y.pk for y in years):  # backends without RETURNING on bulk insert
            years = list(CalendarYear.objects.using(using).filter(year__in=missing))
        CalendarDay.objects.using(using).bulk_create(
            (
                CalendarDay(
                    year=cal_year,
                    date=day,
                    kind=kind,
                    is_working_day=kind in WORKING_KINDS,
                    holiday_name=name,
                )
                for cal_year in years
                for day, (kind, name) in builtin_year(cal_year.year).items()
            ),
            batch_size=2000,
        )
        CalendarRevision.bump(using=using)
    return missing


def on_post_migrate(sender, using="default", **kwargs) -> None:
    from .models import CalendarDay, CalendarRevision

    if not router.allow_migrate_model(using, CalendarDay):
        return
    tables = set(connections[using].introspection.table_names())
    if {CalendarDay._meta.db_table, CalendarRevision._meta.db_table} <= tables:
        load_builtin_years(using)
