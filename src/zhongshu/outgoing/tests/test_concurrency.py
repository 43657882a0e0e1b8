"""Two people acting on the same document at the same moment: the first one's action is
kept, the second is answered 409 and writes nothing (services take the document's row
lock and compare the version they read)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.timezone import now

from zhongshu.framework.errors import RuleViolation

from .. import services
from ..choices import Decision, State, StepKind
from ..models import OutgoingDocument
from .test_rules import GATES, to_signing

pytestmark = pytest.mark.django_db


def submitted(demo) -> OutgoingDocument:
    doc = demo.draft()
    services.submit(actor=demo.user("czj_lly"), document=doc)
    assert doc.state == State.FIRST_REVIEW
    return doc


def test_concurrent_review_on_a_stale_copy_answers_409_and_writes_nothing(demo):
    doc = submitted(demo)
    mine = OutgoingDocument.objects.get(pk=doc.pk)
    theirs = OutgoingDocument.objects.get(pk=doc.pk)
    services.office_review(actor=demo.user("msk_0"), document=mine, opinion="同意", gates=GATES)
    with pytest.raises(RuleViolation) as caught:
        services.office_review(
            actor=demo.user("mishuke"), document=theirs, opinion="退回重写", gates=[]
        )
    assert caught.value.status == 409
    assert [v.rule for v in caught.value.violations] == ["DOC-OUT-CONFLICT"]
    doc.refresh_from_db()
    assert doc.state == State.AFFAIRS_REVIEW
    passed = doc.steps.filter(kind=StepKind.OFFICE_REVIEW, decision=Decision.PASSED)
    assert list(passed.values_list("opinion", flat=True)) == ["同意"]


def test_concurrent_draft_edit_answers_409(demo):
    doc = demo.draft()
    mine = OutgoingDocument.objects.get(pk=doc.pk)
    theirs = OutgoingDocument.objects.get(pk=doc.pk)
    services.update_draft(actor=demo.user("czj_lly"), document=mine, data={"copy_to": "甲"})
    with pytest.raises(RuleViolation) as caught:
        services.update_draft(actor=demo.user("czj_lly"), document=theirs, data={"copy_to": "乙"})
    assert caught.value.status == 409
    doc.refresh_from_db()
    assert doc.copy_to == "甲"


def test_api_second_of_two_reviewers_answers_409(client, demo):
    doc = submitted(demo)
    url = f"/api/v1/outgoing/documents/{doc.uuid}/review/"
    body = {"opinion": "同意", "gates": GATES}
    client.force_login(demo.user("msk_0"))
    assert client.post(url, body, content_type="application/json").status_code == 200
    client.force_login(demo.user("mishuke"))
    second = client.post(url, body, content_type="application/json")
    assert second.status_code in (403, 409)  # the step moved on to 政务科
    client.force_login(demo.user("zwk_0"))
    stale_first = client.post(
        f"/api/v1/outgoing/documents/{doc.uuid}/return/",
        {"reason": "重写"},
        content_type="application/json",
        HTTP_IF_MATCH=f'W/"{doc.version}"',  # the version before the review
    )
    assert stale_first.status_code == 412  # a stale If-Match (framework)


def test_page_sign_with_a_page_read_before_a_change_answers_409(client, demo):
    doc = to_signing(demo, demo.draft())
    read_version = doc.version
    # while the signer has the page open, the office records the meeting's approval
    services.record_meeting_approval(
        actor=demo.user("msk_0"), document=OutgoingDocument.objects.get(pk=doc.pk), on=now()
    )
    client.force_login(demo.user("changwu"))
    response = client.post(
        reverse("outgoing:act", args=[doc.uuid, "sign"]),
        {"opinion": "同意", "version": read_version},
        follow=True,
    )
    assert "DOC-OUT-CONFLICT" in response.content.decode()
    doc.refresh_from_db()
    assert doc.state == State.SIGNING
    assert not doc.steps.filter(kind=StepKind.SIGNING, decision=Decision.SIGNED).exists()
