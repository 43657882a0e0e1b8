"""The posts catalogue code reads (routing looks for ``deputy_head``, ``office_director``…).
Every deployment needs these codes; names and ranks stay editable in the product UI."""

import uuid

from django.db import migrations

POSTS = [
    # code, name, rank (lower is higher), is_leader
    ("head", "区长", 10, True),
    ("executive_deputy_head", "常务副区长", 20, True),
    ("deputy_head", "副区长", 30, True),
    ("office_director", "办公室主任", 40, True),
    ("deputy_office_director", "办公室副主任", 50, True),
    ("unit_principal", "部门主要负责人", 60, True),
    ("unit_deputy", "部门副职", 65, True),
    ("section_chief", "科长", 70, False),
    ("deputy_section_chief", "副科长", 75, False),
    ("staff", "科员", 90, False),
    ("information_officer", "信息员", 92, False),
    ("duty_officer", "值班员", 93, False),
    ("liaison", "联络员", 94, False),
]


def add_posts(apps, schema_editor):
    Post = apps.get_model("org", "Post")
    for code, name, rank, is_leader in POSTS:
        Post.objects.get_or_create(
            code=code,
            defaults={"uuid": uuid.uuid4(), "name": name, "rank": rank, "is_leader": is_leader},
        )


class Migration(migrations.Migration):
    dependencies = [("org", "0001_initial")]
    operations = [migrations.RunPython(add_posts, migrations.RunPython.noop)]
