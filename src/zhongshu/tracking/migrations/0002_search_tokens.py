"""Tracked items' subjects in the full-text index (framework.search): the words of every
existing subject, then the index (SQLite FTS5 with its triggers, or PostgreSQL GIN)."""

from django.db import migrations, models

from zhongshu.framework import search


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
        *search.backfill_operations("tracking", "TrackedItem", "tracking_trackeditem", ("subject",)),
    ]
