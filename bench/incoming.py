"""Benchmark (issue 4): incoming documents at scale.

    .venv/bin/python bench/incoming.py [--register 2000] [--documents 1000000] [--samples 40]

1. Registers N documents through the service layer (``register_incoming``: numbering,
   duplicate check, search tokens, the DOC-IN-16 tracked item, audit) and reports the rate.
2. Seeds M synthetic registered documents by bulk insert (jieba search tokens computed
   for each title and number; the full-text index — FTS5 on SQLite, GIN on PostgreSQL —
   kept by the database), then measures, as the 秘书科 clerk (sees all), through the
   Django test client (the whole request: middleware, policy, filters, template):
   - the register list page, default and filtered by kind, p50 / p95;
   - full-text search (two-character words and a document number), p50 / p95;
   - the API list, p50 / p95;
   - the export of a 10,000-row ledger to Excel.

Database: a fresh SQLite file in a temporary directory, or the PostgreSQL database in
``ZHONGSHU_DATABASE_URL`` (DROPPED and re-created: point it at a scratch database).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(Path(__file__).resolve().parent)]

from tracking import setup, timed  # noqa: E402  (bench/tracking.py)

SUBJECTS = [
    "增设城区中小学学位",
    "调整城乡低保标准",
    "老旧小区改造",
    "冬季供热保障",
    "高标准农田建设",
    "公交线网优化",
    "安全生产大检查",
    "校舍维修资金",
    "医疗保障基金监管",
    "河道综合治理",
    "营商环境优化",
    "新建社区卫生服务中心",
    "垃圾分类示范片区",
    "防汛物资储备",
    "文化庙会",
    "退役军人服务保障",
    "市场主体培育",
    "政务服务事项下放",
    "生态环境问题整改",
    "重大项目前期经费",
]
KINDS = ["request", "report", "notice", "opinion", "letter", "bulletin"]
KIND_WORD = {
    "request": "请示",
    "report": "报告",
    "notice": "通知",
    "opinion": "意见",
    "letter": "函",
    "bulletin": "通报",
}
STATES = [
    "registered",
    "reviewed",
    "instructing",
    "handling",
    "completed",
    "archived",
    "circulating",
]


def make_org():
    from zhongshu.accounts.tests.factories import UserFactory
    from zhongshu.org.choices import UnitKind
    from zhongshu.org.tests.factories import PersonFactory, UnitFactory

    gov = UnitFactory(name="示范区人民政府", short_name="区政府", kind=UnitKind.GOVERNMENT)
    office = UnitFactory(
        name="示范区人民政府办公室", short_name="区政府办", kind=UnitKind.OFFICE, parent=gov
    )
    units = [
        UnitFactory(name=f"示范区第{i}局", short_name=f"区第{i}局", parent=gov)
        for i in range(1, 41)
    ]
    clerk = UserFactory(
        username="bench_clerk",
        person=PersonFactory(name="林静", unit=office),
        roles=["secretariat_clerk"],
    )
    return clerk, units


def register_through_services(clerk, units, n: int) -> float:
    from django.utils import timezone

    from zhongshu.incoming import services

    rng = random.Random(1)
    started = time.perf_counter()
    for i in range(n):
        unit = rng.choice(units)
        kind = rng.choice(KINDS)
        services.register_incoming(
            actor=clerk,
            data={
                "sender_unit": unit,
                "sender_number": f"示{unit.short_name[1:]}发〔2026〕{i + 1}号",
                "title": f"关于{rng.choice(SUBJECTS)}的{KIND_WORD[kind]}",
                "kind": kind,
                "received_at": timezone.now(),
                "signer": "负责人",
                "contact_person": "联系人",
                "contact_phone": "0311-88000000",
                "electronic_received": False,
            },
        )
        if (i + 1) % 10000 == 0:
            elapsed = time.perf_counter() - started
            print(f"  registered {i + 1:,} / {n:,} ({elapsed:.0f} s)", flush=True)
    return n / (time.perf_counter() - started)


def seed(units, clerk, total: int, batch: int = 5000) -> float:
    import datetime as dt

    from django.db import transaction
    from django.utils import timezone

    from zhongshu.framework import search
    from zhongshu.incoming.models import IncomingDocument

    rng = random.Random(2)
    start = timezone.now() - dt.timedelta(days=3 * 365)
    existing = IncomingDocument.objects.count()
    step = dt.timedelta(days=3 * 365) / max(total, 1)
    tokens_cache: dict[str, str] = {}
    prefixes: dict[tuple[str, int], str] = {}

    def number_tokens(unit, year: int) -> str:
        # the number's tokens are its prefix's (cut once per series code and year) plus the
        # sequence and 号, as jieba cuts the whole number
        key = (unit.short_name, year)
        if key not in prefixes:
            prefixes[key] = search.tokens(f"示{unit.short_name[1:]}发〔{year}〕")
        return prefixes[key]

    started = time.perf_counter()
    made = 0
    while made < total:
        rows = []
        for j in range(min(batch, total - made)):
            i = existing + made + j
            unit = units[i % len(units)]
            kind = KINDS[i % len(KINDS)]
            title = f"关于{rng.choice(SUBJECTS)}的{KIND_WORD[kind]}"
            number = f"示{unit.short_name[1:]}发〔{2024 + i % 3}〕{i + 1}号"
            key = f"{title}|{unit.short_name}"
            if key not in tokens_cache:
                tokens_cache[key] = search.tokens(title, unit.name)
            received = start + step * (made + j)
            rows.append(
                IncomingDocument(
                    state=STATES[i % len(STATES)],
                    register_year=received.year + 10000,  # apart from the service-registered ones
                    register_seq=i + 1,
                    register_number=f"收〔{received.year}〕{i + 1}号",
                    sender_unit=unit,
                    sender_name=unit.name,
                    sender_number=number,
                    sender_number_key=number,
                    title=title,
                    kind=kind,
                    received_at=received,
                    registered_at=received,
                    registered_by=clerk.person,
                    lead_unit=units[(i * 7) % len(units)],
                    search_tokens=f"{tokens_cache[key]} {number_tokens(unit, 2024 + i % 3)} {i + 1} 号",
                )
            )
        with transaction.atomic():
            IncomingDocument.objects.bulk_create(rows, batch_size=1000)
        made += len(rows)
        if made % 100000 < batch:
            print(
                f"  seeded {made:,} / {total:,} ({time.perf_counter() - started:.0f} s)", flush=True
            )
    return time.perf_counter() - started


def bulk_seed(units, clerk, total: int) -> float:
    """On SQLite the FTS insert trigger steps aside during the bulk load and the index is
    rebuilt in one pass afterwards (what an import would do)."""
    from django.db import connection

    from zhongshu.framework import search
    from zhongshu.incoming.models import IncomingDocument

    if connection.vendor != "sqlite":
        return seed(units, clerk, total)
    table = IncomingDocument._meta.db_table
    trigger = next(sql for sql in search._sqlite_sql(table, search.COLUMN) if '_ai"' in sql)
    with connection.cursor() as cursor:
        cursor.execute(f'DROP TRIGGER "{search.fts_table(table)}_ai"')
    seconds = seed(units, clerk, total)
    started = time.perf_counter()
    search.rebuild(IncomingDocument)
    with connection.cursor() as cursor:
        cursor.execute(trigger)
    rebuilt = time.perf_counter() - started
    print(f"  full-text index rebuilt in {rebuilt:.0f} s")
    return seconds + rebuilt


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def sample(client, urls: list[str], n: int) -> tuple[float, float]:
    times = []
    for i in range(n):
        url = urls[i % len(urls)]
        elapsed, response = timed(lambda url=url: client.get(url))
        assert response.status_code == 200, (url, response.status_code)
        times.append(elapsed)
    return percentiles(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--register", type=int, default=2000)
    parser.add_argument("--documents", type=int, default=1_000_000)
    parser.add_argument("--samples", type=int, default=40)
    parser.add_argument(
        "--keep",
        default="",
        help="a directory for the SQLite database, kept afterwards; a run on a kept "
        "database that already holds the documents only measures",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        tmp = args.keep or scratch
        Path(tmp).mkdir(parents=True, exist_ok=True)
        setup(tmp)
        from django.db import connection
        from django.test import Client

        from zhongshu.accounts.models import User
        from zhongshu.incoming import export
        from zhongshu.incoming.models import IncomingDocument
        from zhongshu.incoming.views import list_queryset
        from zhongshu.org.models import Unit

        print(f"database: {connection.vendor}")
        if args.keep and IncomingDocument.objects.count() >= args.documents > 0:
            clerk = User.objects.get(username="bench_clerk")
            units = list(Unit.objects.filter(name__startswith="示范区第").order_by("id"))
        else:
            clerk, units = make_org()
            rate = register_through_services(clerk, units, args.register)
            print(
                f"register_incoming through the services: {args.register:,} documents, "
                f"{rate:,.0f} per second"
            )
            seconds = bulk_seed(units, clerk, args.documents)
            print(f"bulk seed: {args.documents:,} documents in {seconds:.0f} s")
        total = IncomingDocument.objects.count()
        print(f"{total:,} documents in the register")
        with connection.cursor() as cursor:
            cursor.execute(
                "ANALYZE" if connection.vendor == "sqlite" else "ANALYZE incoming_incomingdocument"
            )
        from django.conf import settings

        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        client = Client()
        client.force_login(clerk)
        client.get("/incoming/")  # warm: jieba dictionary, templates, calendar
        client.get("/incoming/?q=学位")
        rows = [
            ("list page /incoming/", ["/incoming/", "/incoming/?page=2", "/incoming/?page=50"]),
            (
                "list page, kind=request",
                ["/incoming/?kind=request", "/incoming/?kind=report&page=3"],
            ),
            (
                "list page, sender filter",
                [f"/incoming/?sender={units[3].uuid}", f"/incoming/?sender={units[9].uuid}"],
            ),
            (
                "search, one two-character word",
                ["/incoming/?q=学位", "/incoming/?q=供热", "/incoming/?q=河道"],
            ),
            ("search, two words", ["/incoming/?q=城乡+低保", "/incoming/?q=安全生产+检查"]),
            (
                "search, a document number",
                ["/incoming/?q=示第3局发〔2025〕12345号", "/incoming/?q=示第7局发〔2024〕77号"],
            ),
            ("API list /api/v1/incoming/documents/", ["/api/v1/incoming/documents/"]),
            (
                "API search",
                ["/api/v1/incoming/documents/?q=供热", "/api/v1/incoming/documents/?q=学位"],
            ),
        ]
        print(f"\n{total:,} documents, {args.samples} requests each (clerk, sees all):")
        for label, urls in rows:
            p50, p95 = sample(client, urls, args.samples)
            print(f"  {label:<40} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms")
        qs = list_queryset(clerk)[:10000]
        elapsed, response = timed(lambda: export.documents_workbook(qs))
        print(
            f"\nexport of a 10,000-row ledger to Excel: {elapsed:.2f} s ({len(response.content) / 1e6:.1f} MB)"
        )


if __name__ == "__main__":
    main()
