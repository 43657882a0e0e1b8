"""Benchmark (issue 6): the supervision ledger at scale.

    .venv/bin/python bench/supervision.py [--items 1000000] [--requests 30]

Seeds the synthetic district of bench/tracking.py (300 units, 3,000 people, 10 deputy
heads with 30 units each) and N ledger lines: N tracked items of kind ``supervision.item``
(states, colours, chases as the sweep would have left them; 5 % closed) and N supervised
items beside them (the seven sources, the deputy head in charge of the lead unit, yearly
numbers), by bulk insert (COPY on PostgreSQL). Then measures, in process (Django's test
client, logged in; no web server in the way), the p50 / p95 of:

- the ledger list (督查台账) as the office sees it: unfiltered, by colour, by unit, by
  leader, by source, by colour + leader, sorted by number, a search, page 50;
- a unit's own list (``?mine=1``) and a deputy head's portfolio;
- the API list (cursor pages) and the ledger views by leader / unit / source, the red wall
  (the office's from the tally the sweep takes each minute, timed once; a deputy head's
  from their part of it);

and the time to generate the monthly bulletin for all units (figures, chart, .docx) and
the quarter's, and the Excel export of the first 20,000 lines of a filter.

Goals (issue 6): ledger filter p95 ≤ 100 ms; the monthly bulletin for all units ≤ 10 s.

Database: a fresh SQLite file in a temporary directory, or — when ZHONGSHU_DATABASE_URL is
set — that PostgreSQL database, which is DROPPED and re-created: point it at a scratch
database (e.g. postgres://postgres@127.0.0.1:5432/zh_supervision_bench).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(Path(__file__).resolve().parent)]

SOURCES = [
    ("key_work", 30),
    ("meeting_decision", 25),
    ("instruction", 15),
    ("city_task", 10),
    ("special", 8),
    ("city_management", 7),
    ("proposal", 5),
]


def seed_ledger(org, n: int, now) -> dict:
    """N tracked items of the ledger's kind, then a supervised item beside each."""
    from django.db import connection
    from tracking_seed import ITEM_COLUMNS, Adapter, bulk_insert, item_rows

    from zhongshu.org.models import Portfolio
    from zhongshu.supervision.models import SupervisedItem
    from zhongshu.supervision.services._common import ITEM_KIND
    from zhongshu.tracking.models import TrackedItem

    rng = random.Random(2026)
    adapt = Adapter()
    started = time.perf_counter()
    first_id = (TrackedItem.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    items = bulk_insert(
        TrackedItem, ITEM_COLUMNS, item_rows(org, n, now, rng, adapt), kind=ITEM_KIND
    )
    leader_of = {
        unit_id: leader_id
        for leader_id, unit_id in Portfolio.objects.values_list("leader_id", "units")
        if unit_id
    }
    pool = [s for s, weight in SOURCES for _ in range(weight)]
    year = now.year
    moment = adapt.dt(now)

    def rows():
        ids = (
            TrackedItem.objects.filter(id__gte=first_id)
            .order_by("id")
            .values_list("id", "lead_unit_id")
            .iterator(chunk_size=20000)
        )
        for number, (item_id, unit_id) in enumerate(ids, start=1):
            yield (
                adapt.uuid(),
                item_id,
                pool[int(rng.random() * len(pool))],
                year,
                number,
                leader_of.get(unit_id),
                moment,
                moment,
            )

    lines = bulk_insert(
        SupervisedItem,
        (
            "uuid",
            "item_id",
            "source",
            "year",
            "number",
            "leader_id",
            "created_at",
            "updated_at",
        ),
        rows(),
    )
    with connection.cursor() as cursor:
        # VACUUM on PostgreSQL as autovacuum would: the visibility map lets the ledger's
        # counts scan the indexes only (ANALYZE alone left them reading the heap).
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return {"items": items, "lines": lines, "seconds": time.perf_counter() - started}


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def measure_pages(org, requests: int, only: str = "") -> list[tuple[str, float, float, int]]:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from zhongshu.org.models import Person, Unit

    User = get_user_model()
    officer = User.objects.get(username=org.officer)
    leader = User.objects.get(username=org.leader)
    clerk = User.objects.get(username=org.clerk)
    some_unit = Unit.objects.get(pk=org.unit_ids[7])
    deputy = Person.objects.get(pk=org.office_people[3])
    clients = {}
    for name, user in (("office", officer), ("unit", clerk), ("deputy", leader)):
        client = Client(SERVER_NAME="localhost")
        client.force_login(user)
        clients[name] = client
    cases = [
        ("ledger, unfiltered", "office", "/supervision/", {}),
        ("ledger, red", "office", "/supervision/", {"colour": "red"}),
        ("ledger, by unit", "office", "/supervision/", {"unit": str(some_unit.uuid)}),
        ("ledger, by leader", "office", "/supervision/", {"leader": str(deputy.uuid)}),
        ("ledger, by source", "office", "/supervision/", {"source": "proposal"}),
        (
            "ledger, red + leader",
            "office",
            "/supervision/",
            {"colour": "red", "leader": str(deputy.uuid)},
        ),
        ("ledger, sorted by number", "office", "/supervision/", {"sort": "number"}),
        ("ledger, search", "office", "/supervision/", {"q": "议定事项第42项"}),
        ("ledger, page 50", "office", "/supervision/", {"page": "50"}),
        ("unit's own list", "unit", "/supervision/", {"mine": "1"}),
        ("deputy head's portfolio", "deputy", "/supervision/", {}),
        ("API list", "office", "/api/v1/supervision/items/", {}),
        ("API list, red", "office", "/api/v1/supervision/items/", {"colour": "red"}),
        ("summary by leader", "office", "/supervision/summary/", {"by": "leader"}),
        ("summary by unit", "office", "/supervision/summary/", {"by": "unit"}),
        ("summary by source", "office", "/supervision/summary/", {"by": "source"}),
        ("summary by unit, deputy", "deputy", "/supervision/summary/", {"by": "unit"}),
        ("red wall", "office", "/supervision/red/", {}),
        ("red wall, deputy", "deputy", "/supervision/red/", {}),
    ]
    users = {"office": officer, "unit": clerk, "deputy": leader}
    results = []
    from zhongshu.supervision import tally

    started = time.perf_counter()
    tally.refresh()
    print(
        f"  tally of the open ledger (the sweep's minute job) {time.perf_counter() - started:6.2f} s"
    )
    for label, who, url, params in cases:
        if only and not any(word in label for word in only.split(",")):
            continue
        if url in ("/supervision/summary/", "/supervision/red/"):
            tally.refresh()  # as the scheduler's sweep keeps it (once a minute)
        client = clients[who]
        response = client.get(url, params)  # warm up (and check)
        assert response.status_code == 200, (label, response.status_code)
        samples = []
        for _ in range(requests):
            started = time.perf_counter()
            client.get(url, params)
            samples.append((time.perf_counter() - started) * 1000)
        p50, p95 = percentiles(samples)
        line = f"  {label:<28} p50 {p50:8.1f} ms   p95 {p95:8.1f} ms"
        if url == "/supervision/":
            q50, q95 = percentiles([ledger_query(users[who], params) for _ in range(requests)])
            line += f"   | the ledger's queries p50 {q50:6.1f} ms  p95 {q95:6.1f} ms"
        results.append((label, p50, p95, requests))
        print(line, flush=True)
    return results


def ledger_query(user, params: dict) -> float:
    """The ledger's own work for one page (scope, filters, capped count, the page's ids,
    its rows), without the shell around it (session, menu and the 待办 badge counts)."""
    from django.http import QueryDict
    from django.test import RequestFactory

    from zhongshu.supervision import policies
    from zhongshu.supervision.filtersets import SupervisedItemFilterSet
    from zhongshu.supervision.views import ledger_rows, page_of
    from zhongshu.tracking.acting import reach_of

    request = RequestFactory().get("/supervision/", params)
    request.user = user
    data = QueryDict(mutable=True)
    data.update(params)
    started = time.perf_counter()
    qs = policies.items.visible_to(user)
    if params.get("mine"):
        qs = qs.filter(item__lead_unit_id__in=list(reach_of(user).unit_ids))
    items = SupervisedItemFilterSet(data, queryset=qs, request=request).qs
    page, _query = page_of(request, ledger_rows(items))
    assert page.paginator.count >= 0 and len(page.object_list) >= 0
    return (time.perf_counter() - started) * 1000


def measure_documents(org, now) -> list[tuple[str, float]]:
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.test import Client

    from zhongshu.supervision import services
    from zhongshu.supervision.ledger_excel import export_rows, write_ledger
    from zhongshu.supervision.models import SupervisedItem

    officer = get_user_model().objects.get(username=org.officer)
    found = []

    class Rollback(Exception):
        pass

    local = now.astimezone(dt.timezone(dt.timedelta(hours=8)))
    quarter = (local.month - 1) // 3 + 1
    for label, period, number in (
        ("monthly bulletin, all units", "monthly", local.month),
        ("quarterly bulletin, all units", "quarterly", quarter),
    ):
        try:
            with transaction.atomic():
                started = time.perf_counter()
                bulletin = services.generate_bulletin(
                    actor=officer, period=period, year=local.year, number=number
                )
                seconds = time.perf_counter() - started
                units = len(bulletin.figures["units"])
                raise Rollback
        except Rollback:
            pass
        found.append((f"{label} ({units} units)", seconds))
        print(f"  {label:<34} {seconds:6.2f} s ({units} units)", flush=True)
    rows = export_rows(SupervisedItem.objects.filter(item__colour="red"))[:20000]
    started = time.perf_counter()
    data = write_ledger(rows)
    seconds = time.perf_counter() - started
    found.append(("Excel export, 20,000 red lines", seconds))
    print(f"  Excel export, 20,000 red lines     {seconds:6.2f} s ({len(data):,} bytes)")
    client = Client(SERVER_NAME="localhost")
    client.force_login(officer)
    started = time.perf_counter()
    response = client.get("/supervision/", {"format": "xlsx", "colour": "red"})
    seconds = time.perf_counter() - started
    assert response.status_code == 200
    found.append(("Excel export through the page", seconds))
    print(f"  Excel export through the page      {seconds:6.2f} s")
    return found


def keep_settings(tmp: str) -> None:
    import os

    if not os.environ.get("ZHONGSHU_DATABASE_URL"):
        raise SystemExit("--keep needs ZHONGSHU_DATABASE_URL (the database of an earlier run)")
    os.environ.update(
        {
            "ZHONGSHU_VAR_DIR": tmp,
            "ZHONGSHU_SECRET_KEY": "bench-only-not-secret-" + "k" * 40,
            "DJANGO_SETTINGS_MODULE": "zhongshu.settings.dev",
            "ZHONGSHU_LOG_LEVEL": "WARNING",
        }
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)


def existing_org():
    """The Org of tracking_seed, read back from the seeded database."""
    from tracking_seed import Org

    from zhongshu.org.models import Person, Unit

    units = list(Unit.objects.filter(kind="department").order_by("id").values_list("id", flat=True))
    office = Unit.objects.get(kind="office", short_name="区政府办")
    people = list(Person.objects.filter(unit=office).order_by("id").values_list("id", flat=True))
    return Org(units, {}, people, "bench_clerk", "bench_officer", "bench_leader")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument(
        "--keep",
        action="store_true",
        help="measure the PostgreSQL database seeded by an earlier run (no drop, no seed)",
    )
    parser.add_argument(
        "--only", default="", help="measure only the pages whose label has one of these words"
    )
    parser.add_argument("--no-documents", action="store_true", help="skip bulletins and export")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        import os

        from tracking import setup

        if args.keep:
            keep_settings(tmp)
        else:
            setup(tmp)
        from django.db import connection
        from django.utils import timezone
        from tracking_seed import seed_org

        now = timezone.now()
        started = time.perf_counter()
        if args.keep:
            org = existing_org()
            print(f"{connection.vendor}: measuring the ledger seeded earlier", flush=True)
        else:
            org = seed_org()
            seeded = seed_ledger(org, args.items, now)
            print(
                f"{connection.vendor}: seeded {seeded['lines']:,} ledger lines "
                f"({seeded['seconds']:.0f} s; {time.perf_counter() - started:.0f} s in all)",
                flush=True,
            )
        print(f"pages ({args.requests} requests each, in process):")
        measure_pages(org, args.requests, args.only)
        if not args.no_documents:
            print("documents:")
            measure_documents(org, now)
        if os.environ.get("ZHONGSHU_DATABASE_URL"):
            connection.close()


if __name__ == "__main__":
    main()
