"""Handling tasks as tracked items: the issuance ledger through the outgoing module
(DOC-IN-15 → DOC-OUT-1), extension requests, the DOC-IN-12 chase cadence by urgency run
by the sweep, and the reply linked to the outgoing document that answered."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from zhongshu.clock import engine
from zhongshu.documents.choices import Kind, Urgency
from zhongshu.framework.errors import RuleViolation
from zhongshu.incoming import services, statistics
from zhongshu.incoming.choices import DocState, HandlingMode, TaskRole
from zhongshu.incoming.models import IncomingDocument
from zhongshu.outgoing.models import OutgoingDocument
from zhongshu.tracking import services as tracking
from zhongshu.tracking.choices import ChaseMethod
from zhongshu.tracking.models import Chase, TrackedItem
from zhongshu.tracking.sweep import sweep

from .conftest import at
from .factories import handling, reviewed

pytestmark = pytest.mark.django_db


def higher_level(org, **over) -> IncomingDocument:
    data = {
        "sender_unit": org.city,
        "kind": Kind.NOTICE,
        "sender_number": "市政发〔2026〕21号",
        "title": "市政府关于加强冬季供热保障工作的通知",
        "signer": "",
        "contact_person": "",
        "contact_phone": "",
    }
    return reviewed(org, **(data | over))


def test_doc_in_15_enters_the_issuance_ledger_through_the_outgoing_service(org, clock):
    clock.set(at(2026, 11, 2, 10))
    doc = higher_level(org, received_at=at(2026, 10, 30, 9))
    clock.set(at(2026, 11, 3, 10))  # the office proposes the next working day
    services.propose_handling(
        actor=org.clerk,
        document=doc,
        mode=HandlingMode.HANDLE,
        proposal="请区财政局牵头起草实施方案。",
        lead_unit=org.fin,
        flags={"needs_implementation": True, "own_due_date": None},
    )
    task = doc.tasks.get()
    # DOC-IN-15: 15 working days from receipt (30 October), not from the proposal
    assert task.basis["rule"] == "DOC-IN-15"
    assert task.due_at == engine.add_working_days(at(2026, 10, 30, 9), 15).due
    ledger = services.ledger_items(doc).get()
    assert ledger.kind == "outgoing.ledger" and ledger.lead_unit == org.fin
    assert ledger.basis["rule"] == "DOC-IN-15"
    assert ledger.due_at == task.due_at
    assert "市政发〔2026〕21号" in ledger.subject
    # the outgoing module counts it on its ledger (DOC-OUT-1)
    from zhongshu.outgoing.services import ledger_count

    assert ledger_count(2026)["open"] == 1
    assert not TrackedItem.objects.filter(kind="incoming.issuance_ledger").exists()


def test_doc_in_15_the_date_the_document_sets_is_kept_on_the_ledger(org, clock):
    clock.set(at(2026, 11, 2, 10))
    doc = higher_level(org)
    services.propose_handling(
        actor=org.clerk,
        document=doc,
        mode=HandlingMode.HANDLE,
        proposal="按市政府要求于11月20日前印发实施方案。",
        lead_unit=org.fin,
        flags={"needs_implementation": True, "own_due_date": dt.date(2026, 11, 20)},
    )
    assert timezone.localtime(doc.tasks.get().due_at).date() == dt.date(2026, 11, 20)
    assert "2026年11月20日" in services.ledger_items(doc).get().target


def test_a_document_not_to_implement_enters_no_ledger(org):
    doc = handling(org)
    assert not services.ledger_items(doc).exists()


def test_extension_request_moves_the_handling_deadline_on_approval(org, clock):
    clock.set(at(2026, 11, 2, 10))
    doc = handling(org)
    lead = doc.tasks.get(role=TaskRole.LEAD)
    old_due = lead.item.due_at
    # the handling unit asks; an outsider may not
    with pytest.raises(Exception):  # noqa: B017  (403 from the tracking policy)
        tracking.request_extension(
            actor=org.outsider, item=lead.item, amount=3, reason="需征求意见"
        )
    extension = tracking.request_extension(
        actor=org.edu_staff, item=lead.item, amount=3, reason="需征求区财政局意见"
    )
    # the leader who instructed decides it
    assert extension.approver_id == org.deputy.person.pk
    tracking.decide_extension(
        actor=org.deputy, extension=extension, approve=True, opinion="同意延期3个工作日"
    )
    lead.refresh_from_db()
    lead.item.refresh_from_db()
    assert lead.current_due_at == engine.add_working_days(old_due, 3).due
    assert lead.current_due_at > old_due
    # the sheet and the statistics use the deadline now
    from django.test import Client

    client = Client()
    client.force_login(org.clerk)
    page = client.get(f"/incoming/{doc.uuid}/sheet/").content.decode()
    assert timezone.localtime(lead.current_due_at).strftime("%Y-%m-%d %H:%M") in page
    api = client.get(f"/api/v1/incoming/documents/{doc.uuid}/").json()
    task = next(t for t in api["tasks"] if t["role"] == "lead")
    assert task["due_at"] == timezone.localtime(lead.current_due_at).isoformat()
    clock.set(old_due + dt.timedelta(hours=1))  # past the old deadline, within the new
    rows = {r["unit"]: r for r in statistics.overdue_by_unit(IncomingDocument.objects.all())}
    assert rows["区教育局"]["late"] == 0  # extended
    assert rows["区财政局"]["late"] == 1  # the cooperating unit asked for nothing


@pytest.mark.parametrize(
    ("urgency", "important", "chases"),
    [
        (Urgency.URGENT, False, 10),  # 紧急：跟踪催办, every working day
        (Urgency.NORMAL, True, 5),  # 重要：重点催办, every 2 working days
        (Urgency.NORMAL, False, 2),  # 一般：定期催办, weekly
    ],
)
def test_doc_in_12_the_sweep_chases_overdue_handling_by_urgency(
    org, clock, urgency, important, chases
):
    clock.set(at(2026, 11, 2, 10))
    doc = reviewed(org, urgency=urgency, important=important)
    services.propose_handling(
        actor=org.clerk,
        document=doc,
        mode=HandlingMode.HANDLE,
        proposal="请区教育局办理。",
        lead_unit=org.edu,
    )
    item = doc.tasks.get().item
    due = timezone.localtime(item.due_at)
    # ten working days after the deadline, the sweep running every office morning
    day = due.date()
    mornings = []
    while len(mornings) < 10:
        day += dt.timedelta(days=1)
        if engine.is_working_day(day):
            mornings.append(at(day.year, day.month, day.day, 9, 5))
    for moment in [due + dt.timedelta(minutes=5), *mornings]:
        clock.set(moment)
        sweep(moment)
    made = Chase.objects.filter(item=item, method=ChaseMethod.SYSTEM)
    assert made.count() == chases
    assert all(c.message.endswith("（DOC-IN-12）") for c in made)


def issued_reply(org, doc: IncomingDocument | None = None, **over) -> OutgoingDocument:
    """An issued outgoing letter (the outgoing module's flow is its own tests' subject)."""
    data = {
        "title": "示范区人民政府关于增设城区中小学学位的批复",
        "kind": Kind.REPLY,
        "issuer": org.gov,
        "drafting_unit": org.edu,
        "drafter": org.edu_staff.person,
        "state": "issued",
        "number": "示政函〔2026〕7号",
        "issued_at": timezone.now(),
    }
    if doc is not None:
        data |= {
            "source_type": ContentType.objects.get_for_model(IncomingDocument),
            "source_id": str(doc.uuid),
        }
    return OutgoingDocument.objects.create(**(data | over))


def completed(org) -> IncomingDocument:
    doc = handling(org)
    for task in doc.tasks.order_by("role"):
        staff = org.edu_staff if task.unit == org.edu else org.fin_staff
        services.report_handling(actor=staff, task=task, result="已研究", reply_text="另行函复")
    doc.refresh_from_db()
    assert doc.state == DocState.COMPLETED
    return doc


def test_reply_links_the_outgoing_document_drafted_for_it(org):
    doc = completed(org)
    reply = issued_reply(org, doc)
    assert list(services.reply_candidates(doc)) == [reply]
    services.record_reply(actor=org.clerk, document=doc, outgoing=reply)
    doc.refresh_from_db()
    assert services.reply_document(doc) == reply
    assert doc.reply_number == "示政函〔2026〕7号"
    from django.test import Client

    client = Client()
    client.force_login(org.clerk)
    sheet = client.get(f"/incoming/{doc.uuid}/").content.decode()
    assert f"/outgoing/{reply.uuid}/" in sheet and "据此拟制的发文" in sheet
    api = client.get(f"/api/v1/incoming/documents/{doc.uuid}/").json()
    assert api["reply_outgoing"]["uuid"] == str(reply.uuid)


def test_reply_given_by_number_links_the_issued_outgoing_document(org):
    doc = completed(org)
    reply = issued_reply(org)
    services.record_reply(actor=org.clerk, document=doc, reply_number="示政函[2026]07号")
    doc.refresh_from_db()
    assert services.reply_document(doc) == reply


def test_reply_through_the_api_and_the_page(org):
    from django.test import Client

    doc = completed(org)
    reply = issued_reply(org, doc)
    client = Client()
    client.force_login(org.clerk)
    response = client.post(
        f"/incoming/{doc.uuid}/reply/", {"outgoing": str(reply.uuid), "reply_text": "已批复"}
    )
    assert response.status_code in (200, 302), response.content.decode()[:500]
    doc.refresh_from_db()
    assert services.reply_document(doc) == reply and doc.reply_text == "已批复"
    other = completed_again(org)
    response = client.post(
        f"/api/v1/incoming/documents/{other.uuid}/reply/",
        {"outgoing": str(reply.uuid)},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["reply_outgoing"]["number"] == "示政函〔2026〕7号"


def completed_again(org) -> IncomingDocument:
    doc = reviewed(org, sender_number="示教发〔2026〕40号")
    services.propose_handling(
        actor=org.clerk,
        document=doc,
        mode=HandlingMode.HANDLE,
        proposal="请区教育局办理。",
        lead_unit=org.edu,
    )
    services.report_handling(
        actor=org.edu_staff, task=doc.tasks.get(), result="已办", reply_text="已函复"
    )
    doc.refresh_from_db()
    return doc


def test_a_reply_that_is_not_issued_is_refused(org):
    doc = completed(org)
    draft = issued_reply(org, doc, state="drafting", number="")
    with pytest.raises(RuleViolation) as exc:
        services.record_reply(actor=org.clerk, document=doc, outgoing=draft)
    assert exc.value.violations[0].rule == "DOC-IN-16"
    with pytest.raises(RuleViolation):
        services.record_reply(actor=org.clerk, document=doc, outgoing=org.edu)
    with pytest.raises(RuleViolation):
        services.record_reply(actor=org.clerk, document=doc)


def test_archive_keeps_the_record_whole_and_readable(org):
    from django.test import Client

    from zhongshu.audit.models import AuditRecord

    doc = completed(org)
    reply = issued_reply(org, doc)
    services.record_reply(actor=org.clerk, document=doc, outgoing=reply)
    files = list(doc.files.values_list("uuid", flat=True))
    services.archive_incoming(actor=org.clerk, document=doc)
    doc.refresh_from_db()
    assert doc.state == DocState.ARCHIVED and doc.archived_at and doc.archived_by
    assert doc.instructions.count() == 1 and doc.tasks.count() == 2 and len(files) == 1
    assert services.reply_document(doc) == reply
    # no step of it is left waiting on anybody
    open_items = TrackedItem.objects.filter(
        source_type=ContentType.objects.get_for_model(IncomingDocument), source_id=str(doc.uuid)
    ).exclude(state__in=["closed", "cancelled"])
    assert not open_items.exists()
    assert AuditRecord.objects.filter(event="incoming_archived").exists()
    # nothing can change it any more
    with pytest.raises(RuleViolation) as exc:
        services.update_registration(actor=org.clerk, document=doc, data={"title": "改"})
    assert exc.value.status == 409
    for user in (org.clerk, org.edu_staff):
        client = Client()
        client.force_login(user)
        assert client.get(f"/incoming/{doc.uuid}/sheet/").status_code == 200
        assert client.get(f"/incoming/{doc.uuid}/sheet.pdf?format=docx").status_code == 200
        assert client.get(f"/incoming/{doc.uuid}/files/{files[0]}/").status_code == 200
        assert client.get(f"/api/v1/incoming/documents/{doc.uuid}/").json()["state"] == "archived"
