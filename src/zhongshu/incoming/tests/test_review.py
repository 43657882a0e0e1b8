"""First review: DOC-IN-2, 3, 4, 5, 6, 7, 9 checks, and the return of DOC-IN-8."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from zhongshu.documents.choices import Kind, Urgency
from zhongshu.framework.errors import RuleViolation
from zhongshu.incoming import checks, services
from zhongshu.incoming.choices import DirectException, DocState
from zhongshu.org.choices import UnitKind
from zhongshu.org.tests.factories import UnitFactory
from zhongshu.rules import catalogue
from zhongshu.tracking.models import Notification, TrackedItem

from .conftest import at
from .factories import registered, registration

pytestmark = pytest.mark.django_db


def rules(findings) -> set[str]:
    return {f.rule for f in findings}


def blocked_by(org, doc, **data) -> set[str]:
    with pytest.raises(RuleViolation) as exc:
        services.pass_review(actor=org.clerk, document=doc, data=data)
    return {v.rule for v in exc.value.violations}


def test_doc_in_2_request_asking_two_things_is_refused(org):
    doc = registered(org)
    assert blocked_by(org, doc, matter_count=2) == {"DOC-IN-2"}


def test_doc_in_2_report_must_not_carry_a_request(org):
    doc = registered(org, kind=Kind.REPORT, title="关于2026年教育工作的报告")
    assert blocked_by(org, doc, carries_request=True) == {"DOC-IN-2"}


def test_doc_in_2_one_matter_passes(org):
    doc = registered(org)
    services.pass_review(actor=org.clerk, document=doc, data={"matter_count": 1})
    assert doc.state == DocState.REVIEWED
    assert doc.reviewed_by == org.clerk.person


def test_doc_in_3_signer_other_than_the_principal_is_a_warning(org):
    doc = registered(org, signer="张华")
    found = services.pass_review(actor=org.clerk, document=doc)
    assert [(f.rule, f.level) for f in found] == [("DOC-IN-3", checks.WARN)]
    assert doc.review_findings[0]["rule"] == "DOC-IN-3"


def test_doc_in_4_missing_electronic_version_is_recorded(org):
    doc = services.register_incoming(
        actor=org.clerk, data=registration(org, electronic_received=False)
    )
    found = services.pass_review(actor=org.clerk, document=doc)
    assert rules(found) == {"DOC-IN-4"}
    assert blocked_by(
        org, registered(org, sender_number="示教发〔2026〕2号"), electronic_consistent=False
    ) == {"DOC-IN-4"}


def test_doc_in_5_request_to_issue_needs_every_listed_material(org):
    doc = registered(org)
    assert blocked_by(org, doc, request_to_issue=True, materials=["发文理由和依据"]) == {"DOC-IN-5"}
    everything = [
        *catalogue.param("DOC-IN-5", "statements"),
        *catalogue.param("DOC-IN-5", "attachments"),
    ]
    services.pass_review(
        actor=org.clerk, document=doc, data={"request_to_issue": True, "materials": everything}
    )
    assert doc.state == DocState.REVIEWED


def test_doc_in_6_party_matter_and_skipped_level(org):
    doc = registered(org)
    assert blocked_by(org, doc, party_matter=True) == {"DOC-IN-6"}
    assert blocked_by(org, doc, party_matter=False, skipped_level=True) == {"DOC-IN-6"}
    services.pass_review(
        actor=org.clerk, document=doc, data={"skipped_level": True, "skipped_copied": True}
    )


def test_doc_in_6_body_under_a_department_reports_through_it(org):
    school = UnitFactory(
        name="示范区第一中学", short_name="一中", parent=org.edu, kind=UnitKind.DIRECT_UNIT
    )
    doc = registered(org, sender_unit=school, signer="李校长")
    assert blocked_by(org, doc) == {"DOC-IN-6"}
    found = services.pass_review(actor=org.clerk, document=doc, data={"emergency_direct": True})
    assert ("DOC-IN-6", checks.WARN) in {(f.rule, f.level) for f in found}


def test_doc_in_6_coordinating_body_reports_through_its_host(org):
    body = UnitFactory(
        name="示范区教育督导委员会",
        short_name="区教督委",
        kind=UnitKind.COORDINATING_BODY,
        parent=org.gov,
        host=org.edu,
    )
    doc = registered(org, sender_unit=body, signer="刘明")
    assert blocked_by(org, doc) == {"DOC-IN-6"}


def test_doc_in_7_no_submission_to_a_leader_personally(org):
    doc = registered(org)
    assert blocked_by(org, doc, addressed_leader=org.deputy.person) == {"DOC-IN-7"}
    services.pass_review(
        actor=org.clerk,
        document=doc,
        data={"addressed_leader": org.deputy.person, "direct_exception": DirectException.EMERGENCY},
    )
    assert doc.state == DocState.REVIEWED


def test_doc_in_7_no_multiple_channels(org):
    doc = registered(org)
    assert blocked_by(org, doc, also_sent_to="区委办、王建国区长") == {"DOC-IN-7"}


def test_doc_in_9_too_little_time_for_the_leaders_is_a_warning(org, clock):
    clock.set(at(2026, 9, 21, 9))
    doc = registered(org, received_at=clock.now)
    # 10 working days are asked; 22–24 September count, 25 September is Mid-Autumn (holiday)
    found = services.pass_review(
        actor=org.clerk, document=doc, data={"needed_by": timezone.datetime(2026, 9, 25).date()}
    )
    assert ("DOC-IN-9", checks.WARN) in {(f.rule, f.level) for f in found}
    assert "仅3个工作日" in next(f.message for f in found if f.rule == "DOC-IN-9")


def test_doc_in_9_urgent_needs_five_days_and_extra_urgent_is_announced(org, clock):
    clock.set(at(2026, 9, 21, 9))
    doc = registered(org, urgency=Urgency.EXTRA_URGENT, received_at=clock.now)
    found = services.preview_review(doc, {"needed_by": timezone.datetime(2026, 9, 29).date()})
    assert not any("工作日" in f.message for f in found if f.rule == "DOC-IN-9")  # 6 ≥ 5
    assert any("事先" in f.message for f in found if f.rule == "DOC-IN-9")


def test_doc_in_8_return_needs_reason_and_the_leader_in_charge(org, clock):
    clock.set(at(2026, 9, 21, 9))
    doc = registered(org)
    with pytest.raises(RuleViolation) as exc:
        services.propose_return(actor=org.clerk, document=doc, reason="")
    assert exc.value.violations[0].rule == "DOC-IN-8"
    services.propose_return(
        actor=org.clerk,
        document=doc,
        reason="请示两个事项，不符合一文一事",
        data={"matter_count": 2},
    )
    assert doc.state == DocState.RETURN_PROPOSED
    item = TrackedItem.objects.get(pk=doc.office_item_id)
    assert item.kind == "incoming.return" and item.responsible == org.deputy.person
    # DOC-IN-14: 2 working days → Wednesday 23 September 17:30
    assert timezone.localtime(item.due_at).isoformat() == "2026-09-23T17:30:00+08:00"
    with pytest.raises(PermissionDenied):
        services.decide_return(actor=org.other_leader, document=doc, approve=True)
    services.decide_return(actor=org.deputy, document=doc, approve=True, opinion="同意退回重报")
    doc.refresh_from_db()
    assert doc.state == DocState.RETURNED
    assert "陈晓东" in doc.return_approved_by and "同意退回重报" in doc.return_approved_by
    assert Notification.objects.filter(
        recipient=org.edu_head.person, verb="incoming_returned"
    ).exists()
    # the resubmission is a new registration linked to the old one
    again = registered(org, sender_number="示教发〔2026〕15号", resubmission_of=doc)
    assert list(doc.resubmissions.all()) == [again]


def test_doc_in_8_leader_refusing_a_return_sends_it_back_to_review(org):
    doc = registered(org)
    services.propose_return(actor=org.clerk, document=doc, reason="材料不全")
    with pytest.raises(RuleViolation):
        services.decide_return(actor=org.deputy, document=doc, approve=False, opinion="")
    services.decide_return(
        actor=org.deputy, document=doc, approve=False, opinion="可补充材料后办理"
    )
    doc.refresh_from_db()
    assert doc.state == DocState.REGISTERED
    assert doc.office_item.kind == "incoming.office" and doc.office_item.is_open


def test_doc_in_8_only_a_returned_document_can_be_resubmitted(org, client):
    from django.urls import reverse

    original = registered(org)
    with pytest.raises(RuleViolation) as exc:
        registered(org, sender_number="示教发〔2026〕16号", resubmission_of=original)
    assert exc.value.violations[0].rule == "DOC-IN-8"
    services.propose_return(actor=org.clerk, document=original, reason="材料不全")
    services.decide_return(actor=org.deputy, document=original, approve=True)
    client.force_login(org.clerk)
    body = client.get(reverse("incoming:document_detail", args=[original.uuid])).content.decode()
    assert "登记重报件" in body
    form = client.get(reverse("incoming:document_register"), {"resubmission": original.uuid})
    assert original.register_number in form.content.decode()
    assert original.title in form.content.decode()


def test_doc_in_8_a_delegate_approves_the_return_and_the_record_shows_dai(org):
    from zhongshu.org.tests.factories import DelegationFactory

    DelegationFactory(delegator=org.deputy.person, delegate=org.head.person)
    doc = registered(org)
    services.propose_return(actor=org.clerk, document=doc, reason="请示两个事项")
    services.decide_return(actor=org.head, document=doc, approve=True, opinion="同意退回")
    doc.refresh_from_db()
    assert doc.state == DocState.RETURNED
    assert "王建国（代陈晓东）" in doc.return_approved_by
