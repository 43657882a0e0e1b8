"""Outgoing documents' titles and numbers in the full-text index (framework.search): the
words of every existing document, then the index (SQLite FTS5 with its triggers, or
PostgreSQL GIN)."""

from django.db import migrations, models

from zhongshu.framework import search


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
        *search.backfill_operations(
            "outgoing", "OutgoingDocument", "outgoing_outgoingdocument", ("title", "number")
        ),
    ]
