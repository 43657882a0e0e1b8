import uuid

from django.db import migrations, models


def fill_uuids(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    for user in User.objects.filter(uuid__isnull=True).only("pk"):
        User.objects.filter(pk=user.pk).update(uuid=uuid.uuid4())


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="roleprofile",
            name="removed_permissions",
            field=models.JSONField(blank=True, default=list, verbose_name="已撤销的内置权限"),
        ),
        migrations.AddField(
            model_name="user",
            name="totp_last_step",
            field=models.BigIntegerField(blank=True, null=True),
        ),
        # A unique uuid for existing rows: add nullable, fill, then make it unique.
        migrations.AddField(
            model_name="user",
            name="uuid",
            field=models.UUIDField(editable=False, null=True, verbose_name="编号"),
        ),
        migrations.RunPython(fill_uuids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="user",
            name="uuid",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, unique=True, verbose_name="编号"
            ),
        ),
    ]
