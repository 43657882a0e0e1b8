"""The demo loads once through the services; a second run adds nothing."""

from __future__ import annotations

import io

import pytest

from ..choices import State
from ..demo import load_demo
from ..models import OutgoingDocument

pytestmark = pytest.mark.django_db


def test_demo_loads_documents_in_their_states_and_is_idempotent(demo):
    load_demo(stdout=io.StringIO())
    states = dict(OutgoingDocument.objects.values_list("title", "state"))
    assert states["示范区人民政府办公室关于印发示范区财政专项资金管理办法的通知"] == State.PUBLISHED
    assert states["示范区人民政府办公室关于加强校园及周边安全管理工作的通知"] == State.SIGNING
    assert State.CONSULTATION in states.values() and State.DRAFTING in states.values()
    published = OutgoingDocument.objects.get(state=State.PUBLISHED, kind="notice")
    assert published.number.startswith("示政办发〔")
    count = OutgoingDocument.objects.count()
    out = io.StringIO()
    load_demo(stdout=out)
    assert OutgoingDocument.objects.count() == count
    assert "未作改动" in out.getvalue()
