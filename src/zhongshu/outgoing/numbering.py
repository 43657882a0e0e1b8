"""DOC-OUT-18: one series per code per year (a 令号 series never resets), the next
number taken under a row lock on the counter, every number recorded and never reused."""

from __future__ import annotations

from zhongshu.documents.numbers import format_number
from zhongshu.org.choices import SeriesKind
from zhongshu.org.models import SeriesCode
from zhongshu.rules import catalogue

from .models import NumberCounter

ORDER_YEAR = 0  # the counter key of a series that never resets


def counter_year(series: SeriesCode, year: int) -> int:
    return ORDER_YEAR if series.kind == SeriesKind.ORDER else year


def next_sequence(series: SeriesCode, year: int) -> int:
    """The next sequence of the series; call inside the transaction that records the
    number (the counter row stays locked until it commits)."""
    key = counter_year(series, year)
    NumberCounter.objects.bulk_create(
        [NumberCounter(series=series, year=key, last=0)], ignore_conflicts=True
    )
    counter = NumberCounter.objects.select_for_update().get(series=series, year=key)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def render(series: SeriesCode, year: int, sequence: int) -> str:
    """河北政办发〔2026〕7号; a 令号 series: 示政令第7号. Padded only if the profile says so."""
    digits = int(catalogue.param("DOC-OUT-18", "sequence_digits") or 0)
    if series.kind == SeriesKind.ORDER:
        return f"{series.code}第{sequence}号"
    if digits:
        return f"{series.code}〔{year}〕{sequence:0{digits}d}号"
    return format_number(series.code, year, sequence)
