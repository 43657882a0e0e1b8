"""Statistics of incoming documents: volumes by kind and sender, time in each step,
overdue rate per handling unit, and a monthly chart rendered locally (matplotlib, SVG)."""

from __future__ import annotations

import io
from collections import defaultdict
from typing import Any

from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from zhongshu.documents.choices import Kind

from .choices import DocState, TaskState
from .models import HandlingTask, Instruction

CJK_FONTS = [
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "Noto Sans SC",
    "WenQuanYi Zen Hei",
    "DejaVu Sans",
]


def summary(qs) -> dict[str, Any]:
    registered = qs.exclude(state=DocState.DRAFT)
    kinds = dict(Kind.choices)
    by_kind = [
        (kinds.get(r["kind"], r["kind"] or "—"), r["n"])
        for r in registered.values("kind").annotate(n=Count("id")).order_by("-n")
    ]
    by_sender = list(
        registered.values_list("sender_name").annotate(n=Count("id")).order_by("-n")[:15]
    )
    by_state = [
        (DocState(r["state"]).label, r["n"])
        for r in registered.values("state").annotate(n=Count("id")).order_by("state")
    ]
    return {
        "total": registered.count(),
        "by_kind": by_kind,
        "by_sender": by_sender,
        "by_state": by_state,
        "steps": step_times(registered),
        "overdue": overdue_by_unit(registered),
    }


def _hours(delta) -> float:
    return round(delta.total_seconds() / 3600, 1)


def step_times(qs) -> list[tuple[str, float, int]]:
    """Average hours per step: registration → review, review → proposal, each leader
    step, handling (task open → done)."""
    rows = []
    pairs = [
        ("初审", "registered_at", "reviewed_at"),
        ("拟办", "reviewed_at", "proposed_at"),
        ("收文至办结", "registered_at", "completed_at"),
    ]
    for label, start, end in pairs:
        durations = [
            b - a
            for a, b in qs.filter(
                **{f"{start}__isnull": False, f"{end}__isnull": False}
            ).values_list(start, end)[:5000]
        ]
        if durations:
            rows.append(
                (
                    label,
                    _hours(sum(durations, timezone.timedelta()) / len(durations)),
                    len(durations),
                )
            )
    steps = [
        b - a
        for a, b in Instruction.objects.filter(
            document__in=qs, acted_at__isnull=False, item__isnull=False
        ).values_list("item__created_at", "acted_at")[:5000]
    ]
    if steps:
        rows.append(
            ("领导批示（每位）", _hours(sum(steps, timezone.timedelta()) / len(steps)), len(steps))
        )
    tasks = [
        b - a
        for a, b in HandlingTask.objects.filter(document__in=qs, done_at__isnull=False).values_list(
            "created_at", "done_at"
        )[:5000]
    ]
    if tasks:
        rows.append(("承办", _hours(sum(tasks, timezone.timedelta()) / len(tasks)), len(tasks)))
    return rows


def overdue_by_unit(qs) -> list[dict[str, Any]]:
    """Per handling unit: tasks, tasks overdue (open past due, or done late), rate."""
    now = timezone.now()
    rows = (
        HandlingTask.objects.filter(document__in=qs)
        .exclude(state=TaskState.CANCELLED)
        # the deadline now: the tracked item's (moved by an approved extension)
        .annotate(due=Coalesce("item__due_at", "due_at"))
        .values("unit__short_name")
        .annotate(
            n=Count("id"),
            late=Count(
                "id",
                filter=Q(state=TaskState.OPEN, due__lt=now)
                | Q(state=TaskState.DONE, done_at__gt=F("due")),
            ),
        )
        .order_by("-late", "-n")[:30]
    )
    return [
        {
            "unit": r["unit__short_name"],
            "n": r["n"],
            "late": r["late"],
            "rate": round(100 * r["late"] / r["n"], 1),
        }
        for r in rows
    ]


def monthly(qs) -> list[tuple[str, dict[str, int]]]:
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    kinds = dict(Kind.choices)
    for r in (
        qs.exclude(state=DocState.DRAFT)
        .filter(received_at__isnull=False)
        .annotate(month=TruncMonth("received_at"))
        .values("month", "kind")
        .annotate(n=Count("id"))
        .order_by("month")
    ):
        counts[r["month"].strftime("%Y-%m")][str(kinds.get(r["kind"], r["kind"]))] = r["n"]
    return sorted(counts.items())


def monthly_chart_svg(qs) -> bytes:
    """A stacked bar chart of documents received per month and kind (no network)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    plt.rcParams["font.sans-serif"] = CJK_FONTS
    plt.rcParams["axes.unicode_minus"] = False
    data = monthly(qs)[-12:]
    months = [m for m, _ in data]
    kinds = sorted({k for _, per in data for k in per})
    figure, axes = plt.subplots(figsize=(8, 3.2), dpi=100)
    bottom = [0] * len(months)
    for kind in kinds:
        values = [per.get(kind, 0) for _, per in data]
        axes.bar(months, values, bottom=bottom, label=kind)
        bottom = [a + b for a, b in zip(bottom, values, strict=True)]
    axes.set_title("每月收文量")
    axes.set_ylabel("件")
    if kinds:
        axes.legend(fontsize=7, ncol=4, loc="upper left")
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg")
    plt.close(figure)
    return buffer.getvalue()
