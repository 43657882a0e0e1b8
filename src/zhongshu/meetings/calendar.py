"""The meetings calendar (week and month, by leader and room) and its iCalendar feed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from .choices import MeetingState
from .models import Meeting

SHOWN = (
    MeetingState.DRAFT,
    MeetingState.SUBMITTED,
    MeetingState.APPROVED,
    MeetingState.HELD,
    MeetingState.CLOSED,
)
FEED_DAYS_BACK = 30
FEED_LIMIT = 500
MONTH_CELL = 5  # meetings shown in a day of the month view; the rest behind a link
WEEK_CELL = 12  # …and of the week view (the rest: the day's meeting list)


CELL_FIELDS = (
    "uuid",
    "type",
    "year",
    "sequence",
    "title",
    "starts_at",
    "room",
    "state",
    "presiding_id",
    "presiding__name",
)


def parse_day(text: str | None) -> dt.date:
    try:
        return dt.date.fromisoformat(text or "")
    except ValueError:
        return timezone.localdate()


def _bounds(view: str, day: dt.date) -> tuple[dt.date, dt.date]:
    if view == "month":
        first = day.replace(day=1)
        start = first - dt.timedelta(days=first.weekday())
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        end = last + dt.timedelta(days=6 - last.weekday())
        return start, end
    start = day - dt.timedelta(days=day.weekday())
    return start, start + dt.timedelta(days=6)


def _aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def window(
    qs: QuerySet, start: dt.date, end: dt.date, *, leader: str = "", room: str = ""
) -> QuerySet:
    """The meetings starting between two days (an index range on starts_at)."""
    qs = qs.filter(
        starts_at__gte=_aware(start),
        starts_at__lt=_aware(end + dt.timedelta(days=1)),
        state__in=SHOWN,
    )
    if leader:
        qs = (
            qs.filter(presiding__uuid=leader)
            if len(leader) > 12
            else qs.filter(presiding_id=leader)
        )
    if room:
        qs = qs.filter(room=room)
    return qs


def grid(
    qs: QuerySet, view: str, day: dt.date, *, leader: str = "", room: str = ""
) -> dict[str, Any]:
    start, end = _bounds(view, day)
    rows = list(
        window(qs, start, end, leader=leader, room=room)
        .select_related("presiding")
        .only(*CELL_FIELDS)
        .order_by("starts_at", "id")
    )
    by_day: dict[dt.date, list[Meeting]] = {}
    for meeting in rows:
        by_day.setdefault(timezone.localtime(meeting.starts_at).date(), []).append(meeting)
    days = []
    current = start
    cell = MONTH_CELL if view == "month" else WEEK_CELL
    while current <= end:
        shown = by_day.get(current, [])
        days.append(
            {
                "date": current,
                "meetings": shown[:cell],
                "more": max(len(shown) - cell, 0),
                "today": current == timezone.localdate(),
                "outside": view == "month" and current.month != day.month,
            }
        )
        current += dt.timedelta(days=1)
    weeks = [days[i : i + 7] for i in range(0, len(days), 7)]
    step = dt.timedelta(days=7)
    if view == "month":
        previous = (day.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
        following = (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    else:
        previous, following = day - step, day + step
    return {
        "start": start,
        "end": end,
        "day": day,
        "weeks": weeks,
        "count": len(rows),
        "previous": previous,
        "following": following,
    }


def leaders(grid: dict[str, Any]) -> list:
    """The leaders to filter by: the members of the government's meeting bodies and
    whoever presides a meeting shown (no scan of the whole table)."""
    from zhongshu.org.models import Person

    from .models import MeetingBody

    shown = {m.presiding_id for week in grid["weeks"] for d in week for m in d["meetings"]}
    members = MeetingBody.members.through.objects.values("person_id")
    return list(
        Person.objects.filter(Q(pk__in=shown) | Q(pk__in=members)).order_by("sort_order", "id")
    )


def rooms(grid: dict[str, Any], selected: str = "") -> list[str]:
    found = {m.room for week in grid["weeks"] for d in week for m in d["meetings"] if m.room}
    if selected:
        found.add(selected)
    return sorted(found)


def _escape(text: str) -> str:
    return (
        str(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
    )


def _stamp(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _fold(line: str) -> str:
    """RFC 5545 3.1: lines longer than 75 octets are folded."""
    out, current = [], ""
    for char in line:
        if len((current + char).encode()) > 74:
            out.append(current)
            current = " " + char
        else:
            current += char
    out.append(current)
    return "\r\n".join(out)


def ics(qs: QuerySet, base_url: str) -> str:
    since = timezone.now() - dt.timedelta(days=FEED_DAYS_BACK)
    rows = (
        qs.filter(starts_at__gte=since, state__in=SHOWN)
        .order_by("starts_at", "id")
        .values_list(
            "uuid",
            "type",
            "year",
            "sequence",
            "title",
            "starts_at",
            "ends_at",
            "room",
            "state",
            "presiding__name",
        )[:FEED_LIMIT]
    )
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Zhongshu//Meetings//ZH",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:会议日程",
        "X-WR-TIMEZONE:Asia/Shanghai",
    ]
    now = _stamp(timezone.now())
    base = base_url.rstrip("/")
    tentative = (MeetingState.DRAFT, MeetingState.SUBMITTED)
    for uuid, type_, year, sequence, title, starts, ends, room, state, presiding in rows:
        name = Meeting(type=type_, year=year, sequence=sequence, title=title).display_name
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uuid}@zhongshu",
            f"DTSTAMP:{now}",
            f"DTSTART:{_stamp(starts)}",
            f"DTEND:{_stamp(ends)}",
            f"SUMMARY:{_escape(name)}",
            f"LOCATION:{_escape(room)}",
            f"DESCRIPTION:{_escape('主持：' + presiding)}",
            f"URL:{base}/meetings/{uuid}/",
            "STATUS:" + ("TENTATIVE" if state in tentative else "CONFIRMED"),
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
