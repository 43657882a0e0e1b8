"""Chinese full-text search over a model's text, shared by incoming documents and the ledger engine
(tracked items' subjects; the supervision ledger searches through them).

Chinese is written without spaces, so words are cut with jieba (``cut_for_search``: the
whole word and the shorter words inside it, so “学位” finds “增设中小学学位”). The tokens
of a row are kept in one text column, space-separated, and indexed by the database's own
full-text index:

- SQLite: an FTS5 table (external content, kept up to date by triggers);
- PostgreSQL: a GIN index on ``to_tsvector('simple', <column>)``.

A query is cut the same way and every word must match. Using it in a model::

    from zhongshu.framework import search

    class OutgoingDocument(BaseModel):
        search_tokens = models.TextField(editable=False, default="")

    # in the service that writes the row
    doc.search_tokens = search.tokens(doc.title, doc.number, body_text)

    # in the app's 0001 migration, after CreateModel
    operations = [..., *search.index_operations("outgoing_outgoingdocument")]

    # in a filterset or view
    qs = search.filter(qs, "学位 请示")

``tokens`` is pure; ``filter`` returns a queryset (chain it with anything else). The
column name defaults to ``search_tokens``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.db import connection, migrations
from django.db.models import QuerySet

COLUMN = "search_tokens"
MAX_QUERY_WORDS = 8
# Above this many matches (SQLite) a search walks the list order instead of the matches.
COMMON = 2000
_WORD = re.compile(r"\w", re.UNICODE)
_jieba = None


def _cutter():
    global _jieba
    if _jieba is None:
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        _jieba = jieba
    return _jieba


def _words(text: str, *, for_search: bool) -> list[str]:
    jieba = _cutter()
    cut = jieba.cut_for_search(text) if for_search else jieba.cut(text)
    return [w.strip().lower() for w in cut if w.strip() and _WORD.search(w)]


def tokens(*texts: str | None) -> str:
    """The space-separated search tokens of ``texts`` (each word once, in first order)."""
    seen: dict[str, None] = {}
    for text in texts:
        if text:
            for word in _words(text, for_search=True):
                seen.setdefault(_clean(word), None)
    seen.pop("", None)
    return " ".join(seen)


def query_words(query: str) -> list[str]:
    """The words a query must all match."""
    words = [_clean(w) for w in _words(query or "", for_search=False)]
    return list(dict.fromkeys(w for w in words if w))[:MAX_QUERY_WORDS]


def _clean(word: str) -> str:
    # Quotes and FTS/tsquery operators never reach the index or the query.
    return re.sub(r"[\"'*:&|!()^<>\-+]", "", word)


def fts_table(table: str) -> str:
    return f"{table}_fts"


def filter(
    queryset: QuerySet, query: str, *, column: str = COLUMN, through: tuple[str, Any] | None = None
) -> QuerySet:
    """Rows whose tokens contain every word of ``query`` (an empty query: no filter).

    ``through=("item_id", TrackedItem)``: the tokens are another model's, reached by this
    row's foreign key column (a supervision ledger line searches its tracked item's subject).
    """
    words = query_words(query)
    if not words:
        return queryset
    own = queryset.model._meta.db_table
    indexed = through[1]._meta.db_table if through else own
    key = f"{_q(own)}.{_q(through[0])}" if through else f"{_q(own)}.id"
    if connection.vendor == "postgresql":
        matches = f"to_tsvector('simple', {_q(indexed)}.{_q(column)}) @@ to_tsquery('simple', %s)"
        if through:
            matches = f"{key} IN (SELECT id FROM {_q(indexed)} WHERE {matches})"
        return queryset.extra(where=[matches], params=[" & ".join(f"'{w}'" for w in words)])
    match = " AND ".join(f'"{w}"' for w in words)
    fts = _q(fts_table(indexed))
    hits = f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s"
    # A common word matches tens of thousands of rows: sorting them all for one page is
    # what costs. Then the list's own ordering index is walked and each row is checked
    # against the matches ("+" keeps SQLite from driving the query by id); a rare word
    # drives the query by its few matches instead.
    driver = "+" if _many(hits, match) else ""
    return queryset.extra(where=[f"{driver}{key} IN ({hits})"], params=[match])


def _many(hits: str, match: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM ({hits} LIMIT {COMMON + 1})", [match])
        return cursor.fetchone()[0] > COMMON


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


# --- the index, created by the using app's migration ------------------------------------
def _sqlite_sql(table: str, column: str) -> list[str]:
    fts = fts_table(table)
    return [
        f'CREATE VIRTUAL TABLE "{fts}" USING fts5({column}, content="{table}", '
        f"content_rowid='id', tokenize='unicode61')",
        f'CREATE TRIGGER "{fts}_ai" AFTER INSERT ON "{table}" BEGIN '
        f'INSERT INTO "{fts}"(rowid, {column}) VALUES (new.id, new.{column}); END',
        f'CREATE TRIGGER "{fts}_ad" AFTER DELETE ON "{table}" BEGIN '
        f'INSERT INTO "{fts}"("{fts}", rowid, {column}) VALUES (\'delete\', old.id, old.{column}); END',
        f'CREATE TRIGGER "{fts}_au" AFTER UPDATE OF {column} ON "{table}" BEGIN '
        f'INSERT INTO "{fts}"("{fts}", rowid, {column}) VALUES (\'delete\', old.id, old.{column}); '
        f'INSERT INTO "{fts}"(rowid, {column}) VALUES (new.id, new.{column}); END',
    ]


def _sqlite_drop(table: str) -> list[str]:
    fts = fts_table(table)
    return [f'DROP TRIGGER IF EXISTS "{fts}_{s}"' for s in ("ai", "ad", "au")] + [
        f'DROP TABLE IF EXISTS "{fts}"'
    ]


def _pg_sql(table: str, column: str) -> list[str]:
    return [
        f'CREATE INDEX "{table}_{column}_gin" ON "{table}" '
        f"USING gin (to_tsvector('simple', {column}))"
    ]


def index_operations(
    table: str, column: str = COLUMN
) -> list[migrations.operations.base.Operation]:
    """Migration operations creating the full-text index of ``table.column`` for the
    database in use (SQLite FTS5 + triggers, or a PostgreSQL GIN index)."""

    def forward(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        statements: Iterable[str] = (
            _pg_sql(table, column)
            if vendor == "postgresql"
            else _sqlite_sql(table, column)
            if vendor == "sqlite"
            else []
        )
        for sql in statements:
            schema_editor.execute(sql)

    def backward(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql":
            schema_editor.execute(f'DROP INDEX IF EXISTS "{table}_{column}_gin"')
        elif vendor == "sqlite":
            for sql in _sqlite_drop(table):
                schema_editor.execute(sql)

    return [migrations.RunPython(forward, backward, elidable=False)]


def rebuild(model) -> None:
    """Rebuild the SQLite FTS table from the content table (after a bulk load)."""
    if connection.vendor == "sqlite":
        fts = fts_table(model._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f'INSERT INTO "{fts}"("{fts}") VALUES (\'rebuild\')')


def backfill_operations(
    app_label: str, model_name: str, table: str, fields: tuple[str, ...], column: str = COLUMN
) -> list[migrations.operations.base.Operation]:
    """For a migration that adds the tokens column to a table that already has rows: the
    words of every row's ``fields``, then the index (``index_operations``), filled from them
    (SQLite's external-content FTS table starts empty and is rebuilt from the column)."""

    def fill(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        batch = []
        for row in model.objects.only("id", *fields).iterator(chunk_size=2000):
            setattr(row, column, tokens(*(getattr(row, f) for f in fields)))
            batch.append(row)
            if len(batch) >= 2000:
                model.objects.bulk_update(batch, [column])
                batch = []
        if batch:
            model.objects.bulk_update(batch, [column])

    def rebuild_index(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            fts = fts_table(table)
            schema_editor.execute(f'INSERT INTO "{fts}"("{fts}") VALUES (\'rebuild\')')

    noop = migrations.RunPython.noop
    return [
        migrations.RunPython(fill, noop, elidable=False),
        *index_operations(table, column),
        migrations.RunPython(rebuild_index, noop, elidable=False),
    ]
