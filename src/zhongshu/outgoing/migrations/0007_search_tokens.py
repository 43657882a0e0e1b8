"""Outgoing documents' titles and numbers in the full-text index (framework.search): the
words of every existing document, then the index (SQLite FTS5 with its triggers, or
PostgreSQL GIN), filled from them."""

from django.db import migrations, models

from zhongshu.framework import search

TABLE = "outgoing_outgoingdocument"


def fill_tokens(apps, schema_editor):
    OutgoingDocument = apps.get_model("outgoing", "OutgoingDocument")
    batch = []
    for document in OutgoingDocument.objects.only("id", "title", "number").iterator(
        chunk_size=2000
    ):
        document.search_tokens = search.tokens(document.title, document.number)
        batch.append(document)
        if len(batch) >= 2000:
            OutgoingDocument.objects.bulk_update(batch, ["search_tokens"])
            batch = []
    if batch:
        OutgoingDocument.objects.bulk_update(batch, ["search_tokens"])


def rebuild_index(apps, schema_editor):
    """SQLite's external-content FTS table starts empty: read the filled column into it."""
    if schema_editor.connection.vendor == "sqlite":
        fts = search.fts_table(TABLE)
        schema_editor.execute(f'INSERT INTO "{fts}"("{fts}") VALUES (\'rebuild\')')


class Migration(migrations.Migration):
    dependencies = [
        ("outgoing", "0006_kind_bulletin"),
    ]

    operations = [
        migrations.AddField(
            model_name="outgoingdocument",
            name="search_tokens",
            field=models.TextField(default="", editable=False, verbose_name="检索词"),
        ),
        migrations.RunPython(fill_tokens, migrations.RunPython.noop, elidable=False),
        *search.index_operations(TABLE),
        migrations.RunPython(rebuild_index, migrations.RunPython.noop, elidable=False),
    ]
