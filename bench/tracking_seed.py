"""Seeding for bench/tracking.py: a synthetic organisation and N tracked items (with their
chases) written by bulk insert — COPY on PostgreSQL, executemany in batches on SQLite.

The items are laid out as if the sweep had run a minute before ``now``: colours, the
due-soon reminder times, the chase steps and next chase times are what the services and
the sweep would have left, so the next sweep has a minute's work, as in production.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import time
import uuid
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from zhongshu.accounts.roles import role_group
from zhongshu.clock import engine
from zhongshu.framework import search
from zhongshu.org.models import Person, Portfolio, Unit
from zhongshu.rules import catalogue
from zhongshu.tracking import deadlines, registry
from zhongshu.tracking.choices import ChaseMethod, Colour, ItemState, Priority, ReportCadence
from zhongshu.tracking.models import Chase, Notification, TrackedItem

PASSWORD = "Bench-2026!"
BATCH = 20000


@dataclass
class Org:
    unit_ids: list[int]
    people_by_unit: dict[int, list[int]]
    office_people: list[int]
    clerk: str
    officer: str
    leader: str


def seed_org(units: int = 300, per_unit: int = 10) -> Org:
    with transaction.atomic():
        office = Unit.objects.create(
            name="压测区人民政府办公室", short_name="区政府办", kind="office"
        )
        made = Unit.objects.bulk_create(
            Unit(name=f"压测区第{n}局", short_name=f"第{n}局", kind="department")
            for n in range(units)
        )
        for unit in [office, *made]:
            unit.path = f"/{unit.pk}/"
        Unit.objects.bulk_update([office, *made], ["path"])
        people = Person.objects.bulk_create(
            Person(name=f"人员{u.pk}-{k}", unit=u) for u in made for k in range(per_unit)
        )
        office_people = Person.objects.bulk_create(
            Person(name=f"办公室{k}", unit=office) for k in range(30)
        )
        by_unit: dict[int, list[int]] = {}
        for person in people:
            by_unit.setdefault(person.unit_id, []).append(person.pk)
        for k in range(10):  # ten deputy heads, thirty units each
            portfolio = Portfolio.objects.create(leader_id=office_people[k].pk, fields=[f"领域{k}"])
            portfolio.units.add(*made[k * 30 : (k + 1) * 30])
        clerk = _user("bench_clerk", by_unit[made[0].pk][0], [])
        officer = _user("bench_officer", office_people[20].pk, ["supervision_officer"])
        leader = _user("bench_leader", office_people[0].pk, ["government_leader"])
    return Org([u.pk for u in made], by_unit, [p.pk for p in office_people], clerk, officer, leader)


def _user(username: str, person_id: int, roles: list[str]) -> str:
    user = get_user_model()(
        username=username,
        person_id=person_id,
        must_change_password=False,
        password_changed_at=timezone.now(),
    )
    user.set_password(PASSWORD)
    user.save()
    if roles:
        user.groups.add(*(role_group(code) for code in roles))
    return username


# --- items ---------------------------------------------------------------------------------------
class Layout:
    """Everything that depends only on the due time and the priority, computed once per
    distinct value (deadlines fall at 17:30 of a working day: ~100 distinct due times)."""

    def __init__(self, now: dt.datetime, past_days: int = 45, future_days: int = 75):
        self.now = now
        self.before = now - dt.timedelta(minutes=1)  # the previous sweep
        start = timezone.localdate(now) - dt.timedelta(days=past_days)
        days = [start + dt.timedelta(days=k) for k in range(past_days + future_days)]
        end = engine.office_hours()[1]
        self.dues = [
            dt.datetime.combine(d, end, tzinfo=deadlines.SHANGHAI)
            for d in days
            if engine.is_working_day(d)
        ]
        self.yellow_days = deadlines.yellow_days()
        self.cache: dict = {}
        self.basis = json.dumps(catalogue.basis("DOC-IN-10", days=7), ensure_ascii=False)

    def of(self, due: dt.datetime, priority: str) -> dict:
        key = (due, priority)
        if key not in self.cache:
            self.cache[key] = self._compute(due, priority)
        return self.cache[key]

    def _compute(self, due: dt.datetime, priority: str) -> dict:
        near = deadlines.near_start(due, self.yellow_days)
        interval = deadlines.chase_interval(priority)
        step, next_at = deadlines.latest_step(due, interval, self.before)
        if due <= self.before:
            colour = Colour.RED
        elif near <= self.before:
            colour = Colour.YELLOW
        else:
            colour = Colour.GREEN
        start = due - dt.timedelta(days=10)
        deadline = engine.Deadline(due, start, "working_days", 7, "DOC-IN-10", {"days": 7})
        remind = engine.business_hours_reminder(near)
        return {
            "colour": colour,
            "was_overdue": colour == Colour.RED,
            "yellow_at": near,
            "remind_at": remind if remind > self.before else None,
            "chase_step": step,
            "next_chase_at": next_at,
            "deadline": json.dumps(deadline.as_json()),
            "created_at": start,
        }


PRIORITIES = [Priority.URGENT] * 2 + [Priority.IMPORTANT] * 3 + [Priority.NORMAL] * 5
ITEM_COLUMNS = (
    "uuid",
    "subject",
    "search_tokens",
    "lead_unit_id",
    "responsible_id",
    "creator_id",
    "approver_id",
    "priority",
    "state",
    "state_changed_at",
    "awaiting_id",
    "awaiting_unit_id",
    "due_at",
    "deadline",
    "base_deadline",
    "basis",
    "colour",
    "was_overdue",
    "yellow_at",
    "recolour_at",
    "remind_at",
    "next_chase_at",
    "chase_step",
    "answered_step",
    "report_cadence",
    "report_due_at",
    "report_notice_at",
    "created_at",
    "updated_at",
    "closed_at",
)


class Adapter:
    """Values as the database driver wants them, memoised (few distinct datetimes)."""

    def __init__(self):
        self.pg = connection.vendor == "postgresql"
        self.memo: dict = {}

    def dt(self, value):
        if value is None or self.pg:
            return value
        found = self.memo.get(value)
        if found is None:
            found = self.memo[value] = connection.ops.adapt_datetimefield_value(value)
        return found

    def uuid(self):
        return uuid.uuid4() if self.pg else uuid.uuid4().hex


def subject_tokens(k: int, m: int) -> str:
    """``search.tokens`` of the seeded subject "压测事项{k}：落实会议议定事项第{m}项", written
    out (jieba takes 0.2 ms a subject: 200 s for a million); checked against it below."""
    words = ["压测", "事项", str(k), "落实", "会议", "议定", "第", str(m), "项"]
    return " ".join(dict.fromkeys(words))


def item_rows(org: Org, n: int, now: dt.datetime, rng: random.Random, adapt: Adapter):
    """Yield n item rows (tuples in ITEM_COLUMNS order) and note their chases."""
    for k in (0, 7, 42, 12345):
        assert subject_tokens(k, k % 97) == search.tokens(
            f"压测事项{k}：落实会议议定事项第{k % 97}项"
        )
    layout = Layout(now)
    report_due = adapt.dt(deadlines.next_report_due(ReportCadence.WEEKLY, layout.before))
    units, people, office = org.unit_ids, org.people_by_unit, org.office_people
    random_ = rng.random
    for k in range(n):
        unit = units[int(random_() * len(units))]
        staff = people[unit]
        responsible = staff[int(random_() * len(staff))] if random_() < 0.8 else None
        due = layout.dues[int(random_() * len(layout.dues))]
        priority = PRIORITIES[int(random_() * 10)]
        times = layout.of(due, priority)
        roll = random_()
        creator = office[int(random_() * len(office))]
        if roll < 0.05:
            state, awaiting, awaiting_unit = ItemState.CLOSEOUT_REQUESTED, creator, None
        elif roll < 0.10:
            state, awaiting, awaiting_unit = ItemState.CLOSED, None, None
        else:
            state = ItemState.IN_PROGRESS if roll < 0.6 else ItemState.OPEN
            awaiting, awaiting_unit = responsible, unit
        live = state != ItemState.CLOSED
        handler = state in (ItemState.OPEN, ItemState.IN_PROGRESS)
        weekly = live and random_() < 0.3
        step = times["chase_step"]
        # Answers come in now and then: a missed chase or two at most, as in steady state.
        answered = max(0, step - int(random_() * 3))
        created = adapt.dt(times["created_at"])
        recolour = {Colour.GREEN: times["yellow_at"], Colour.YELLOW: due}.get(times["colour"])
        yield (
            adapt.uuid(),
            f"压测事项{k}：落实会议议定事项第{k % 97}项",
            subject_tokens(k, k % 97),
            unit,
            responsible,
            creator,
            creator,
            priority,
            state,
            created,
            awaiting,
            awaiting_unit,
            adapt.dt(due),
            times["deadline"],
            times["deadline"],
            layout.basis,
            times["colour"],
            times["was_overdue"],
            adapt.dt(times["yellow_at"]) if live else None,
            adapt.dt(recolour) if live else None,
            adapt.dt(times["remind_at"]) if live else None,
            adapt.dt(times["next_chase_at"]) if handler else None,
            step,
            answered,
            ReportCadence.WEEKLY if weekly else ReportCadence.NONE,
            report_due if weekly else None,
            report_due if weekly else None,
            created,
            created,
            created if not live else None,
        )


def _constants(model, given, overrides: dict) -> dict:
    """Every other column at its default (JSON as text)."""
    found = {}
    for f in model._meta.concrete_fields:
        if f.column == "id" or f.attname in given:
            continue
        value = overrides.get(f.attname, f.get_default())
        if f.get_internal_type() == "JSONField":
            value = json.dumps(value)
        found[f.column] = value
    return found


def bulk_insert(model, columns, rows, **overrides) -> int:
    """COPY (PostgreSQL) or executemany in batches (SQLite); the other columns get their
    defaults. Secondary indexes are dropped for the load and built again after it."""
    constants = _constants(model, columns, overrides)
    names = [model._meta.get_field(c).column for c in columns] + list(constants)
    tail = tuple(constants.values())
    table = model._meta.db_table
    quoted = ", ".join(connection.ops.quote_name(c) for c in names)
    pg = connection.vendor == "postgresql"
    count, batch = 0, []
    with _indexes_dropped(table):
        for row in rows:
            batch.append(row + tail)
            if len(batch) >= BATCH:
                _write(table, quoted, batch, pg)
                count += len(batch)
                batch = []
        if batch:
            _write(table, quoted, batch, pg)
            count += len(batch)
    return count


def _write(table: str, columns: str, batch: list[tuple], pg: bool) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        if pg:
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in batch:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(batch[0]))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", batch)


class _indexes_dropped:
    """Drop a table's plain secondary indexes for a bulk load, recreate them after."""

    def __init__(self, table: str):
        self.table = table
        self.saved: list[tuple[str, str]] = []

    def __enter__(self):
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s "
                    "AND indexdef NOT LIKE 'CREATE UNIQUE%%'",
                    [self.table],
                )
            else:  # the full-text index's triggers too: it is rebuilt once after the load
                cursor.execute(
                    "SELECT name, sql, type FROM sqlite_master WHERE type IN ('index', 'trigger') "
                    "AND tbl_name = %s AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%%'",
                    [self.table],
                )
            self.saved = [(row[0], row[1], row[2] if len(row) > 2 else "index") for row in cursor]
            for name, _sql, kind in self.saved:
                cursor.execute(f'DROP {kind.upper()} "{name}"')
        return self

    def __exit__(self, *exc):
        with connection.cursor() as cursor:
            for _name, sql, _kind in self.saved:
                cursor.execute(sql)
            if any(kind == "trigger" for _name, _sql, kind in self.saved):
                fts = search.fts_table(self.table)
                cursor.execute(f'INSERT INTO "{fts}"("{fts}") VALUES (\'rebuild\')')
        return False


def seed_items(org: Org, n: int, now: dt.datetime, seed: int = 2026) -> dict:
    rng = random.Random(seed)
    adapt = Adapter()
    started = time.perf_counter()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous = OFF")
            cursor.execute("PRAGMA cache_size = -262144")  # 256 MB while loading
    first_id = (TrackedItem.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    items = bulk_insert(
        TrackedItem, ITEM_COLUMNS, item_rows(org, n, now, rng, adapt), kind=registry.TASK
    )
    items_seconds = time.perf_counter() - started
    assert TrackedItem.objects.filter(id__gte=first_id).count() == items, "ids not sequential"
    chased = adapt.dt(now - dt.timedelta(hours=2))
    moment = adapt.dt(now)
    chase_rows = (
        (
            adapt.uuid(),
            item_id,
            target,
            unit,
            ChaseMethod.SYSTEM,
            f"第{step}次催办（DOC-IN-12）",
            chased,
            1,
            step,
            moment,
            moment,
        )
        for item_id, step, target, unit in TrackedItem.objects.filter(
            id__gte=first_id, chase_step__gt=0, state__in=["open", "in_progress"]
        )
        .values_list("id", "chase_step", "responsible_id", "lead_unit_id")
        .iterator(chunk_size=20000)
    )
    chases = bulk_insert(
        Chase,
        (
            "uuid",
            "item_id",
            "target_id",
            "target_unit_id",
            "method",
            "message",
            "chased_at",
            "round",
            "step",
            "created_at",
            "updated_at",
        ),
        chase_rows,
    )
    clerk = Person.objects.get(account__username=org.clerk)
    bulk_insert(
        Notification,
        ("uuid", "recipient_id", "verb", "text", "created_at", "deliver"),
        ((adapt.uuid(), clerk.pk, "chased", f"催办通知{k}", moment, False) for k in range(60)),
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # As autovacuum leaves a table in steady state: statistics, and the visibility
            # map that lets index-only scans skip the heap (ANALYZE alone does not set it).
            cursor.execute("VACUUM ANALYZE")
        else:
            cursor.execute("ANALYZE")
            cursor.execute("PRAGMA synchronous = NORMAL")
    return {
        "items": items,
        "chases": chases,
        "items_seconds": items_seconds,
        "seconds": time.perf_counter() - started,
    }
