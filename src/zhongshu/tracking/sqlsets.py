"""Set-based writes the ORM does not offer: ``INSERT … SELECT … ON CONFLICT DO NOTHING``
built from a queryset, so the values are adapted by Django for SQLite and PostgreSQL
alike, and a unique constraint turns a repeated insert into nothing."""

from __future__ import annotations

from contextlib import contextmanager

from django.db import connection
from django.db.models import BooleanField, CharField, Func, QuerySet, UUIDField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Concat


def literal_in(column: str, values, model=None) -> RawSQL:
    """``column IN ('a', 'b')`` with the values written out. SQLite matches a partial
    index (``WHERE state IN ('open', …)``) only against literal terms, never against
    bound parameters; PostgreSQL sees literals anyway (client-side binding). The values
    are our own choice constants: no quotes in them."""
    from .models import TrackedItem

    quote = connection.ops.quote_name
    table = quote((model or TrackedItem)._meta.db_table)
    if any("'" in str(value) for value in values):
        raise ValueError("literal_in takes constants without quotes")
    quoted = ", ".join(f"'{value}'" for value in values)
    return RawSQL(f"{table}.{quote(column)} IN ({quoted})", [], output_field=BooleanField())


class NewUUID(Func):
    """A random UUID made by the database (rows inserted by a SELECT need their own)."""

    template = "gen_random_uuid()"
    output_field = UUIDField()

    def as_sqlite(self, compiler, connection, **extra):
        # Django stores UUIDs on SQLite as 32 hex digits.
        return "lower(hex(randomblob(16)))", []


def text(*parts) -> Concat:
    """SQL string concatenation of constants and expressions (ids are cast to text)."""
    exprs = [Value(p) if isinstance(p, str) else Cast(p, CharField()) for p in parts]
    return Concat(*exprs, output_field=CharField())


def insert_select(model, columns: dict, queryset: QuerySet) -> int:
    """Insert one row per row of ``queryset``; ``columns`` maps column names to the
    expressions that fill them. Returns the number of rows inserted."""
    aliases = {f"c{i:02d}": expr for i, expr in enumerate(columns.values())}
    select = queryset.order_by().annotate(**aliases).values(*aliases)
    sql, params = select.query.sql_with_params()
    quote = connection.ops.quote_name
    names = ", ".join(quote(name) for name in columns)
    statement = f"INSERT INTO {quote(model._meta.db_table)} ({names}) {sql} ON CONFLICT DO NOTHING"
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return max(cursor.rowcount, 0)


SWEEP_LOCK = 0x7A5357  # "zSW"


def try_lock(key: int = SWEEP_LOCK) -> bool:
    """A session lock on PostgreSQL: a second sweep at the same time returns at once.
    SQLite serialises writing transactions by itself (and the sweep is idempotent)."""
    if connection.vendor != "postgresql":
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        return bool(cursor.fetchone()[0])


def unlock(key: int = SWEEP_LOCK) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


@contextmanager
def sweep_lock():
    acquired = try_lock()
    try:
        yield acquired
    finally:
        if acquired:
            unlock()
