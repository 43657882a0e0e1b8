"""Benchmark (issue 7): meetings.

    .venv/bin/python bench/meetings.py [--meetings 100000] [--requests 40]

On a fresh database (a temporary SQLite file, or the scratch PostgreSQL database named by
ZHONGSHU_DATABASE_URL, which is DROPPED and re-created) with the demo district and its
demo meetings: N synthetic meetings (spread over ten years, ~27 a day, in the rooms and
with the leaders of the district) and one topic per meeting are bulk-inserted, then
p50/p95 of the meetings calendar (week and month, by leader and by room, the iCalendar
feed), the topic list (first page, state filter, search, page 50, a department's own),
the meeting list and the API lists — through Django's test client (no network, no
server). Goal: p95 ≤ 100 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(Path(__file__).resolve().parent)]

ROOMS = [
    "区政府第一会议室",
    "区政府第二会议室",
    "区政府第三会议室",
    "区应急指挥中心视频会议室",
    "区行政中心多功能厅",
]


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def setup(tmp: str) -> None:
    os.environ.update(
        {
            "ZHONGSHU_VAR_DIR": tmp,
            "ZHONGSHU_SECRET_KEY": "bench-only-not-secret-" + "k" * 40,
            "DJANGO_SETTINGS_MODULE": "bench_settings",
            "ZHONGSHU_LOG_LEVEL": "WARNING",
        }
    )
    url = os.environ.get("ZHONGSHU_DATABASE_URL", "")
    if url:
        from tracking import recreate_postgres

        recreate_postgres(url)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    from zhongshu.org.demo.loader import DemoLoader

    DemoLoader().run()
    import io

    from zhongshu.meetings.demo import load_demo

    load_demo(stdout=io.StringIO())


def seed(count: int) -> None:
    import datetime as dt
    import random
    from zoneinfo import ZoneInfo

    from django.db import connection
    from django.utils import timezone

    from zhongshu.accounts.models import User
    from zhongshu.meetings.choices import MeetingState, MeetingType, Mode, TopicState
    from zhongshu.meetings.models import Meeting, Topic
    from zhongshu.org.models import Unit

    rng = random.Random(7)
    SH = ZoneInfo("Asia/Shanghai")
    leaders = [
        User.objects.get(username=n).person
        for n in ("quzhang", "changwu", "fuquzhang1", "fuquzhang2", "fuquzhang3", "fuquzhang4")
    ]
    units = list(Unit.objects.filter(kind="department"))
    requesters = {u.pk: User.objects.filter(person__unit=u).first().person for u in units}
    types = [
        MeetingType.SPECIAL,
        MeetingType.DISTRICT,
        MeetingType.HEAD_OFFICE,
        MeetingType.EXECUTIVE,
    ]
    subjects = [
        "安全生产",
        "校园安全",
        "老旧小区改造",
        "冬季供暖",
        "防汛抗旱",
        "乡村振兴",
        "营商环境",
    ]
    today = timezone.localdate()
    first = today - dt.timedelta(days=3650)
    started = time.perf_counter()
    batch: list[Meeting] = []
    for i in range(count):
        day = first + dt.timedelta(days=rng.randrange(3660))
        hour = rng.choice((9, 10, 14, 15, 16))
        start = dt.datetime(day.year, day.month, day.day, hour, tzinfo=SH)
        kind = rng.choice(types)
        past = day < today
        batch.append(
            Meeting(
                type=kind,
                meeting_class=0 if kind in (MeetingType.HEAD_OFFICE, MeetingType.EXECUTIVE) else 3,
                year=day.year,
                title=f"{rng.choice(subjects)}专题会议{i}",
                starts_at=start,
                ends_at=start + dt.timedelta(hours=2),
                room=rng.choice(ROOMS),
                mode=rng.choice(Mode.values),
                presiding=rng.choice(leaders),
                organiser=rng.choice(units),
                state=MeetingState.CLOSED if past else MeetingState.APPROVED,
            )
        )
        if len(batch) == 5000:
            Meeting.objects.bulk_create(batch)
            batch.clear()
    if batch:
        Meeting.objects.bulk_create(batch)
    meetings = list(Meeting.objects.values_list("pk", "starts_at", "type"))
    topics: list[Topic] = []
    for i, (pk, starts_at, kind) in enumerate(meetings):
        unit = rng.choice(units)
        topics.append(
            Topic(
                title=f"关于{rng.choice(subjects)}第{i}项工作的议题",
                meeting_type=kind,
                lead_unit=unit,
                requested_by=requesters[unit.pk],
                reason="工作需要。",
                requested_at=starts_at - dt.timedelta(days=30),
                state=TopicState.DECIDED if i % 3 else TopicState.APPROVED,
                meeting_id=pk if i % 3 else None,
            )
        )
        if len(topics) == 5000:
            Topic.objects.bulk_create(topics)
            topics.clear()
    if topics:
        Topic.objects.bulk_create(topics)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.vendor == "sqlite" else "ANALYZE meetings_meeting")
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE meetings_topic")
    print(
        f"seeded {count} meetings and {len(meetings)} topics in {time.perf_counter() - started:.1f} s"
    )


def bench(requests: int) -> None:
    from django.test import Client

    from zhongshu.accounts.models import User

    leader = User.objects.get(username="fuquzhang2").person.uuid
    room = ROOMS[0]
    cases = [
        ("hwk_0", "/meetings/calendar/", "calendar, week"),
        ("hwk_0", "/meetings/calendar/?view=month", "calendar, month"),
        ("quzhang", f"/meetings/calendar/?view=month&leader={leader}", "calendar, month, leader"),
        ("hwk_0", f"/meetings/calendar/?view=week&room={room}", "calendar, week, room"),
        ("jyj_lly", "/meetings/calendar/?view=month", "calendar, month, department"),
        ("hwk_0", "/meetings/calendar.ics", "iCalendar feed"),
        ("hwk_0", "/meetings/topics/", "topics, first page"),
        ("hwk_0", "/meetings/topics/?state=approved", "topics, state filter"),
        ("hwk_0", "/meetings/topics/?q=校园安全", "topics, search"),
        ("hwk_0", "/meetings/topics/?page=50", "topics, page 50"),
        ("jyj_lly", "/meetings/topics/", "topics, department's own"),
        ("hwk_0", "/meetings/", "meetings, first page"),
        ("hwk_0", "/meetings/?type=executive&state=approved", "meetings, filtered"),
        ("jyj_lly", "/meetings/", "meetings, department"),
        ("hwk_0", "/api/v1/meetings/meetings/", "API meetings"),
        ("hwk_0", "/api/v1/meetings/topics/", "API topics"),
    ]
    for username, url, label in cases:
        client = Client()
        client.force_login(User.objects.get(username=username))
        client.get(url)  # warm
        samples = []
        for _ in range(requests):
            started = time.perf_counter()
            response = client.get(url)
            samples.append(time.perf_counter() - started)
            assert response.status_code == 200, (url, response.status_code)
        print(
            f"  {label:30} p50 {statistics.median(samples) * 1000:6.0f} ms"
            f"  p95 {p95(samples) * 1000:6.0f} ms  ({requests} requests)"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--meetings", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="zs-bench-meetings-") as tmp:
        setup(tmp)
        from django.db import connection

        print(f"database: {connection.vendor}")
        seed(args.meetings)
        print(f"at {args.meetings} meetings (goal p95 ≤ 100 ms):")
        bench(args.requests)


if __name__ == "__main__":
    main()
