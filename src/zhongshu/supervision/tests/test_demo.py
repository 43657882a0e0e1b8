"""The demo: items of every source and colour, a second run adds nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from zhongshu.supervision.choices import Source
from zhongshu.supervision.demo import load_demo
from zhongshu.supervision.models import SupervisedItem


@pytest.mark.django_db
def test_demo_has_every_source_and_colour_and_is_idempotent():
    call_command("load_demo", stdout=io.StringIO())
    assert set(SupervisedItem.objects.values_list("source", flat=True)) >= {
        Source.KEY_WORK,
        Source.MEETING_DECISION,
        Source.INSTRUCTION,
        Source.CITY_MANAGEMENT,
        Source.PROPOSAL,
        Source.TARGET,
    }
    colours = set(
        SupervisedItem.objects.filter(
            item__state__in=["open", "in_progress", "returned"]
        ).values_list("item__colour", flat=True)
    )
    assert colours == {"green", "yellow", "red"}
    count = SupervisedItem.objects.count()
    out = io.StringIO()
    load_demo(stdout=out)
    assert SupervisedItem.objects.count() == count and "新增 0 项" in out.getvalue()
