"""Tracked items' subjects in the full-text index (framework.search): the words of every
existing subject, then the index (SQLite FTS5 with its triggers, or PostgreSQL GIN),
filled from them."""

from django.db import migrations, models

from zhongshu.framework import search

TABLE = "tracking_trackeditem"


def fill_tokens(apps, schema_editor):
    TrackedItem = apps.get_model("tracking", "TrackedItem")
    batch = []
    for item in TrackedItem.objects.only("id", "subject").iterator(chunk_size=2000):
        item.search_tokens = search.tokens(item.subject)
        batch.append(item)
        if len(batch) >= 2000:
            TrackedItem.objects.bulk_update(batch, ["search_tokens"])
            batch = []
    if batch:
        TrackedItem.objects.bulk_update(batch, ["search_tokens"])


def rebuild_index(apps, schema_editor):
    """SQLite's external-content FTS table starts empty: read the filled column into it."""
    if schema_editor.connection.vendor == "sqlite":
        fts = search.fts_table(TABLE)
        schema_editor.execute(f'INSERT INTO "{fts}"("{fts}") VALUES (\'rebuild\')')


class Migration(migrations.Migration):
    dependencies = [
        ("tracking", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="trackeditem",
            name="search_tokens",
            field=models.TextField(default="", editable=False, verbose_name="检索词"),
        ),
        migrations.RunPython(fill_tokens, migrations.RunPython.noop, elidable=False),
        *search.index_operations(TABLE),
        migrations.RunPython(rebuild_index, migrations.RunPython.noop, elidable=False),
    ]
