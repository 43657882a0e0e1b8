"""Triggers refusing UPDATE and DELETE of audit records (per database vendor), and the
chain head row created once so that concurrent first writers never race to create it."""

from django.db import migrations


def forwards(apps, schema_editor):
    from zhongshu.audit import triggers

    AuditChainHead = apps.get_model("audit", "AuditChainHead")
    AuditChainHead.objects.get_or_create(id=1)
    triggers.install(schema_editor.connection)


def backwards(apps, schema_editor):
    from zhongshu.audit import triggers

    triggers.remove(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0002_actor_name_index"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
