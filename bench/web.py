"""Benchmark (issue 2): the workbench and the people list under 20 concurrent clients on a
real WSGI server, next to a bare Django view in the same run.

    .venv/bin/python bench/web.py [--units 300 --people 5000] [--clients 20]

Uses a fresh SQLite database in a temporary directory, or ZHONGSHU_DATABASE_URL when set
(PostgreSQL: the database is flushed and reseeded). Prints p50/p95 and the ratio to the
bare view. Goal: workbench p95 ≤ 50 ms on 2 cores, at most 3× the bare view.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from webload import gunicorn, login, measure, print_table  # noqa: E402


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [str(ROOT / ".venv/bin/python"), str(ROOT / "manage.py"), *args],
        env={**os.environ, **env},
        check=True,
        cwd=ROOT,
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--units", type=int, default=300)
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=25, help="requests per client per page")
    parser.add_argument(
        "--think",
        type=float,
        default=0.5,
        help="seconds between a client's requests (0: closed loop)",
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="zhongshu-bench-") as tmp:
        env = {
            "ZHONGSHU_VAR_DIR": tmp,
            "ZHONGSHU_SECRET_KEY": "bench-only-not-secret-" + "k" * 40,
            "DJANGO_SETTINGS_MODULE": "zhongshu.settings.dev",
        }
        print(f"database: {os.environ.get('ZHONGSHU_DATABASE_URL') or 'SQLite (WAL) in ' + tmp}")
        manage(env, "migrate", "--no-input", "-v", "0")
        manage(env, "load_demo")
        manage(env, "seed_scale", "--units", str(args.units), "--people", str(args.people))
        manage(env, "collectstatic", "--no-input", "-v", "0")
        with gunicorn(env) as port:
            cookie = login(port, "mishuke", "Demo@2026")
            for think in sorted({args.think, 0.0}, reverse=True):
                label = f"think time {think:.1f} s" if think else "closed loop (saturated)"
                print(f"\n{args.clients} clients, {label}:")
                rows = [
                    measure(
                        port,
                        p,
                        cookie,
                        clients=args.clients,
                        requests_per_client=args.requests,
                        think=think,
                    )
                    for p in ("/bench/bare/", "/", "/org/people/")
                ]
                print_table(rows, rows[0]["p95_ms"])


if __name__ == "__main__":
    main()
