"""Benchmark (issue 3): the ledger engine at scale.

    .venv/bin/python bench/tracking.py [--items 1000000] [--clients 20] [--requests 25]

Seeds a synthetic district (300 units, 3,000 people, 10 deputy heads) and N tracked items
with their chases by bulk insert (COPY on PostgreSQL, executemany on SQLite), laid out as
if the sweep had run a minute ago. Then measures:

- one sweep (the minute's work over N items), the same sweep again (idempotent: nothing
  to do), and the morning burst (the first sweep at 08:30 of the next working day, when
  the DOC-IN-12 chases of every overdue item fall due; rolled back afterwards);
- the workbench pages (home, 待办, 已超期, the 待办 API, the leader's view) next to a bare
  Django view, on a real WSGI server (gunicorn on 127.0.0.1, 2 workers × 4 threads) with
  logged-in sessions: 20 clients who read each page for a while (``--think``, default
  0.5 s), the same 20 clients in a closed loop (saturation: p95 then measures the queue),
  and one client at a time (the cost of one request).

Database: a fresh SQLite file in a temporary directory, or — when ZHONGSHU_DATABASE_URL is
set — that PostgreSQL database, which is DROPPED and re-created: point it at a scratch
database (e.g. postgres://postgres@127.0.0.1:5432/zhongshu_bench).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(Path(__file__).resolve().parent)]


def recreate_postgres(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1].split("?")[0]
    if not name or name in ("postgres", "template0", "template1"):
        raise SystemExit(f"refusing to drop database {name!r}: use a scratch database")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def setup(tmp: str) -> dict[str, str]:
    env = {
        "ZHONGSHU_VAR_DIR": tmp,
        "ZHONGSHU_SECRET_KEY": "bench-only-not-secret-" + "k" * 40,
        "DJANGO_SETTINGS_MODULE": "zhongshu.settings.dev",
        "ZHONGSHU_LOG_LEVEL": "WARNING",
    }
    os.environ.update(env)
    url = os.environ.get("ZHONGSHU_DATABASE_URL", "")
    if url:
        recreate_postgres(url)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    return env


def timed(call):
    started = time.perf_counter()
    result = call()
    return time.perf_counter() - started, result


def measure_sweeps(now) -> list[tuple[str, float, dict]]:
    import datetime as dt

    from zhongshu.tracking.sweep import sweep

    rows = []
    seconds, result = timed(lambda: sweep(now))
    rows.append(("sweep (the minute's work)", seconds, result.as_dict()))
    seconds, result = timed(lambda: sweep(now))
    rows.append(("same sweep again", seconds, result.as_dict()))
    seconds, result = timed(lambda: sweep(now + dt.timedelta(minutes=1)))
    rows.append(("next minute", seconds, result.as_dict()))
    return rows


def measure_burst(now) -> list[tuple[str, float, dict]]:
    """The first sweep of the next working morning, rolled back (run last: the rolled
    back rows leave dead tuples behind on PostgreSQL until autovacuum)."""
    import datetime as dt

    from django.db import transaction
    from django.utils import timezone

    from zhongshu.clock import engine
    from zhongshu.tracking.sweep import sweep

    rows = []
    morning = engine.next_working_day(timezone.localdate(now))
    burst_at = dt.datetime.combine(morning, engine.office_hours()[0], tzinfo=engine.SHANGHAI)
    burst_at += dt.timedelta(minutes=1)

    class Rollback(Exception):
        pass

    try:
        with transaction.atomic():
            seconds, result = timed(lambda: sweep(burst_at))
            raise Rollback
    except Rollback:
        pass
    rows.append((f"morning burst {burst_at:%m-%d %H:%M} (rolled back)", seconds, result.as_dict()))
    return rows


PAGES = [
    ("/bench/bare/", "clerk"),
    ("/", "clerk"),
    ("/list/todo/", "clerk"),
    ("/list/overdue/", "clerk"),
    ("/api/v1/workbench/todo/", "clerk"),
    ("/leader/", "leader"),
]


def measure_web(env, org, clients: int, requests: int, settings: str, think: float) -> list[dict]:
    from django.db import connections
    from webload import gunicorn, login, measure

    connections.close_all()
    with gunicorn(env, settings=settings) as port:
        from tracking_seed import PASSWORD

        cookies = {
            "clerk": login(port, org.clerk, PASSWORD),
            "leader": login(port, org.leader, PASSWORD),
        }
        rows = []
        for path, who in PAGES:
            try:
                rows.append(
                    measure(
                        port,
                        path,
                        cookies[who],
                        clients=clients,
                        requests_per_client=requests,
                        think=think,
                    )
                )
            except Exception as exc:  # a page that times out is reported, not fatal
                print(f"{path}: {exc}")
    return rows


def report_sweeps(rows) -> None:
    for label, seconds, result in rows:
        work = {k: v for k, v in result.items() if v and k != "skipped"}
        print(f"{label:<42}{seconds * 1000:>9.1f} ms  {work}")
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=25, help="requests per client per page")
    parser.add_argument(
        "--think",
        type=float,
        default=0.5,
        help="seconds between a client's requests in the first web run (a person reading)",
    )
    parser.add_argument("--no-web", action="store_true", help="skip the web measurement")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="zhongshu-bench-tracking-") as tmp:
        env = setup(tmp)
        from django.db import connection
        from django.utils import timezone
        from tracking_seed import seed_items, seed_org

        print(f"database: {connection.vendor} ({os.environ.get('ZHONGSHU_DATABASE_URL') or tmp})")
        now = timezone.now().replace(second=0, microsecond=0)
        started = time.perf_counter()
        org = seed_org()
        seeded = seed_items(org, args.items, now)
        print(
            f"seeded {seeded['items']:,} items ({seeded['items_seconds']:.0f} s) and "
            f"{seeded['chases']:,} chases; {time.perf_counter() - started:.0f} s in all"
        )
        report_sweeps(measure_sweeps(now))
        if not args.no_web:
            from webload import print_table

            runs = [
                (args.clients, args.think, f"{args.clients} clients, think time {args.think} s"),
                (args.clients, 0.0, f"{args.clients} clients, closed loop (saturated)"),
                (1, 0.0, "one client at a time: the cost of one request"),
            ]
            for clients, think, label in runs:
                rows = measure_web(env, org, clients, args.requests, "tracking_settings", think)
                print(f"web: {label} (gunicorn 2 workers × 4 threads)")
                print_table(rows, rows[0]["p95_ms"])
        report_sweeps(measure_burst(now))


if __name__ == "__main__":
    main()
