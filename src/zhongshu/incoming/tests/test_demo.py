"""The demo: documents in every state, a second run adds nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from zhongshu.incoming.choices import DocState
from zhongshu.incoming.demo import load_demo
from zhongshu.incoming.models import IncomingDocument


@pytest.mark.django_db(transaction=False)
def test_demo_shows_every_state_and_is_idempotent():

    call_command("load_demo", stdout=io.StringIO())
    states = set(IncomingDocument.objects.values_list("state", flat=True))
    assert states == set(DocState.values)
    count = IncomingDocument.objects.count()
    out = io.StringIO()
    load_demo(stdout=out)
    assert IncomingDocument.objects.count() == count
    assert "新增 0 件" in out.getvalue()
