"""The posts catalogue that code reads (routing looks for ``deputy_head``,
``office_director``…). Every deployment needs these codes; their names and ranks stay
editable in the product UI, so an existing post is never overwritten.

Migration 0002 created them once; ``ensure_posts`` runs after every migrate and after a
test flush, so a database emptied by ``flush`` gets them back like the rule catalogue and
the calendar do."""

from __future__ import annotations

import uuid

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


def ensure_posts(using: str = "default") -> int:
    """Create the catalogue posts that are missing; return how many were created."""
    from .models import Post

    existing = set(Post.objects.using(using).values_list("code", flat=True))
    missing = [
        Post(code=code, uuid=uuid.uuid4(), name=name, rank=rank, is_leader=is_leader)
        for code, name, rank, is_leader in POSTS
        if code not in existing
    ]
    Post.objects.using(using).bulk_create(missing)
    return len(missing)


def on_post_migrate(sender, using: str = "default", **kwargs) -> None:
    from django.db import connections

    if "org_post" in connections[using].introspection.table_names():
        ensure_posts(using)
