"""The whole path of a normative document, step by step, on the demo district."""

from __future__ import annotations

import pytest

from zhongshu.tracking.models import TrackedItem

from .. import services
from ..choices import State, StepKind

pytestmark = pytest.mark.django_db

GATES = ["政治关", "政策关", "法律关", "内容关", "格式关", "文字关"]


def test_normative_document_from_draft_to_publication(demo, clock):
    doc = demo.draft(
        is_normative=True,
        consulted_units=[demo.unit("示范区行政审批局")],
    )
    services.submit(actor=demo.user("czj_lly"), document=doc)
    assert doc.state == State.CONSULTATION
    step = doc.steps.get(kind=StepKind.CONSULTATION)
    assert step.item is not None and step.item.kind == "outgoing.consultation"
    services.give_opinion(actor=demo.user("spj_lly"), step=step, agreed=True, opinion="无意见")
    services.finish_consultation(actor=demo.user("czj_lly"), document=doc)
    assert doc.state == State.LEGALITY_REVIEW
    services.legality_review(actor=demo.user("fzk_0"), document=doc, passed=True, opinion="合法")
    assert doc.state == State.FIRST_REVIEW
    services.office_review(actor=demo.user("msk_0"), document=doc, opinion="同意", gates=GATES[:2])
    services.office_review(actor=demo.user("zwk_0"), document=doc, opinion="同意", gates=GATES[2:4])
    services.office_review(
        actor=demo.user("fuzhuren1"), document=doc, opinion="同意", gates=GATES[4:]
    )
    services.office_review(actor=demo.user("mishuke"), document=doc, opinion="文字无误")
    assert doc.state == State.SIGNING
    signer = services.current_signing_step(doc)
    assert signer.person.name == "李振华"  # 财政 is the executive deputy head's field
    services.sign(actor=demo.user("changwu"), document=doc, opinion="同意印发")
    assert doc.state == State.RECHECK and doc.signed_on is not None
    services.recheck(actor=demo.user("mishuke"), document=doc, substantive_change=False)
    issued = services.assign_number(actor=demo.user("mishuke"), document=doc)
    assert issued.text == "示政办发〔2026〕1号"
    services.issue(actor=demo.user("mishuke"), document=doc, copies=0)
    assert doc.state == State.PUBLISHED
    filing = TrackedItem.objects.get(kind="outgoing.filing", source_id=str(doc.uuid))
    assert filing.due_at.date().isoformat() == "2026-12-06"
