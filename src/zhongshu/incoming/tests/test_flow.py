"""Proposed handling, the leaders' steps (DOC-IN-14, delegation), handling deadlines
(DOC-IN-10, 11, 15), chases by urgency (DOC-IN-12), circulation, completion (DOC-IN-16),
reply and archive."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from zhongshu.documents.choices import Kind, Urgency
from zhongshu.framework.errors import RuleViolation
from zhongshu.incoming import services
from zhongshu.incoming.choices import Decision, DocState, HandlingMode, InstructionState, TaskRole
from zhongshu.org.tests.factories import DelegationFactory
from zhongshu.rules.models import Profile
from zhongshu.tracking.choices import ItemState, Priority
from zhongshu.tracking.models import Notification, ReadRequest, TrackedItem

from .conftest import at
from .factories import handling, instructing, reviewed

pytestmark = pytest.mark.django_db


def local(moment) -> str:
    return timezone.localtime(moment).isoformat()


def test_doc_in_14_each_leader_step_is_a_tracked_item_due_in_two_working_days(org, clock):
    clock.set(at(2026, 9, 22, 10))
    doc = instructing(org, leaders=[org.deputy.person, org.head.person])
    first, second = doc.instructions.order_by("position")
    assert first.state == InstructionState.PENDING and second.state == InstructionState.WAITING
    assert first.item.responsible == org.deputy.person and first.item.kind == "incoming.instruction"
    # 22 Sep + 2 working days: 23, 24 → Thursday 24 September 17:30 (25th is Mid-Autumn)
    assert local(first.item.due_at) == "2026-09-24T17:30:00+08:00"
    assert first.item.basis["rule"] == "DOC-IN-14"
    clock.set(at(2026, 9, 24, 16))
    services.instruct(
        actor=org.deputy,
        instruction=first,
        decision=Decision.INSTRUCT,
        opinion="请区教育局抓紧研究。",
    )
    first.refresh_from_db()
    assert first.signature == "陈晓东" and first.opinion == "请区教育局抓紧研究。"
    assert first.acted_at == clock.now
    assert TrackedItem.objects.get(pk=first.item_id).state == ItemState.CLOSED
    second.refresh_from_db()
    assert second.state == InstructionState.PENDING
    # the next step starts when the first ends; Mid-Autumn (25th) and the weekend are skipped
    from zhongshu.clock import engine

    assert second.item.due_at == engine.add_working_days(clock.now, 2).due
    assert local(second.item.due_at) == "2026-09-29T17:30:00+08:00"


def test_doc_in_14_an_instruction_records_an_explicit_opinion(org):
    doc = instructing(org)
    step = services.pending_step(doc)
    with pytest.raises(RuleViolation) as exc:
        services.instruct(
            actor=org.deputy, instruction=step, decision=Decision.INSTRUCT, opinion=" "
        )
    assert exc.value.violations[0].rule == "DOC-IN-14"


def test_doc_in_14_circling_counts_as_agreement(org):
    doc = instructing(org)
    step = services.instruct(
        actor=org.deputy, instruction=services.pending_step(doc), decision=Decision.CIRCLE
    )
    assert step.opinion == "圈阅" and step.state == InstructionState.DONE
    doc.refresh_from_db()
    assert doc.state == DocState.HANDLING


def test_only_the_leader_of_the_step_instructs(org):
    doc = instructing(org)
    with pytest.raises(PermissionDenied):
        services.instruct(
            actor=org.head, instruction=services.pending_step(doc), decision=Decision.AGREE
        )


def test_delegation_is_honoured_and_shown(org):
    DelegationFactory(delegator=org.deputy.person, delegate=org.head.person)
    doc = instructing(org)
    step = services.instruct(
        actor=org.head, instruction=services.pending_step(doc), decision=Decision.AGREE
    )
    assert step.signature == "王建国（代陈晓东）"
    assert step.signed_by == org.head.person and step.leader == org.deputy.person


def test_leader_passes_the_document_on_and_adds_a_unit(org):
    doc = instructing(org)
    step = services.pending_step(doc)
    services.instruct(
        actor=org.deputy,
        instruction=step,
        decision=Decision.PASS_ON,
        pass_to=org.head.person,
        add_units=[org.other],
    )
    doc.refresh_from_db()
    assert doc.state == DocState.INSTRUCTING
    nxt = services.pending_step(doc)
    assert nxt.leader == org.head.person and nxt.position == 2
    assert org.other in doc.cooperating_units.all()
    services.instruct(actor=org.head, instruction=nxt, decision=Decision.AGREE)
    doc.refresh_from_db()
    assert doc.state == DocState.HANDLING
    assert {t.unit for t in doc.tasks.all()} == {org.edu, org.fin, org.other}


def test_doc_in_10_request_reply_within_seven_working_days_skipping_national_day(org, clock):
    clock.set(at(2026, 9, 28, 10))
    doc = handling(org)
    lead = doc.tasks.get(role=TaskRole.LEAD)
    # 29, 30 September, then National Day (1–7 October) is skipped on the official calendar
    assert lead.basis["rule"] == "DOC-IN-10"
    assert lead.item.kind == "incoming.handling" and lead.item.lead_unit == org.edu
    from zhongshu.clock import engine

    assert lead.due_at == engine.add_working_days(clock.now, 7).due
    assert lead.due_at.month == 10 and timezone.localtime(lead.due_at).day > 8


def test_doc_in_10_difficult_request_gets_fifteen_working_days(org, clock):
    from zhongshu.clock import engine

    clock.set(at(2026, 11, 2, 10))
    doc = reviewed(org)
    services.propose_handling(
        actor=org.clerk,
        document=doc,
        mode=HandlingMode.HANDLE,
        proposal="难点问题，请区教育局研究答复。",
        lead_unit=org.edu,
        flags={"difficult": True},
    )
    task = doc.tasks.get()
    assert task.due_at == engine.add_working_days(clock.now, 15).due
    assert task.basis["params"]["difficult_days"] == 15


def test_doc_in_11_city_profile_five_days_or_ten_with_consultation(org, clock):
    from zhongshu.clock import engine
    from zhongshu.rules import catalogue

    Profile.objects.exclude(code="city").update(is_active=False)
    Profile.objects.update_or_create(code="city", defaults={"is_active": True})
    catalogue.reset_cache()
    try:
        clock.set(at(2026, 11, 2, 10))
        doc = reviewed(org)
        services.propose_handling(
            actor=org.clerk,
            document=doc,
            mode=HandlingMode.HANDLE,
            proposal="请区教育局办理。",
            lead_unit=org.edu,
        )
        assert doc.tasks.get().basis["rule"] == "DOC-IN-11"
        assert doc.tasks.get().due_at == engine.add_working_days(clock.now, 5).due
        other = reviewed(org, sender_number="示教发〔2026〕30号")
        services.propose_handling(
            actor=org.clerk,
            document=other,
            mode=HandlingMode.HANDLE,
            proposal="征求财政意见后答复。",
            lead_unit=org.edu,
            flags={"needs_consultation": True},
        )
        assert other.tasks.get().due_at == engine.add_calendar_days(clock.now, 10).due
    finally:
        catalogue.reset_cache()


def test_doc_in_15_higher_level_document_fifteen_days_and_issuance_ledger(org, clock):
    from zhongshu.clock import engine

    clock.set(at(2026, 11, 2, 10))
    doc = reviewed(
        org,
        sender_unit=org.city,
        kind=Kind.NOTICE,
        sender_number="市政发〔2026〕21号",
        title="市政府关于加强冬季供热保障工作的通知",
        signer="",
        contact_person="",
        contact_phone="",
    )
    services.propose_handling(
        actor=org.clerk,
        document=doc,
        mode=HandlingMode.HANDLE,
        proposal="请区财政局牵头起草实施方案。",
        lead_unit=org.fin,
        flags={"needs_implementation": True},
    )
    task = doc.tasks.get()
    assert task.basis["rule"] == "DOC-IN-15"
    assert task.due_at == engine.add_working_days(clock.now, 15).due
    ledger = services.ledger_items(doc).get()
    assert ledger.kind == "outgoing.ledger" and ledger.lead_unit == org.fin
    assert ledger.basis["rule"] == "DOC-IN-15"


def test_document_own_date_overrides(org, clock):
    clock.set(at(2026, 11, 2, 10))
    doc = reviewed(org)
    services.propose_handling(
        actor=org.clerk,
        document=doc,
        mode=HandlingMode.HANDLE,
        proposal="按来文时限办理。",
        lead_unit=org.edu,
        flags={"own_due_date": timezone.datetime(2026, 11, 6).date()},
    )
    assert local(doc.tasks.get().due_at) == "2026-11-06T17:30:00+08:00"


@pytest.mark.parametrize(
    ("urgency", "important", "priority"),
    [
        (Urgency.EXTRA_URGENT, False, Priority.URGENT),
        (Urgency.URGENT, False, Priority.URGENT),
        (Urgency.NORMAL, True, Priority.IMPORTANT),
        (Urgency.NORMAL, False, Priority.NORMAL),
    ],
)
def test_doc_in_12_chase_cadence_by_urgency(org, urgency, important, priority):
    doc = reviewed(org, urgency=urgency, important=important)
    services.propose_handling(
        actor=org.clerk,
        document=doc,
        mode=HandlingMode.HANDLE,
        proposal="请办理。",
        lead_unit=org.edu,
    )
    item = doc.tasks.get().item
    assert item.priority == priority
    assert item.next_chase_at is not None


def test_doc_in_10_request_needs_a_reply_and_completion_follows_all_units(org):
    doc = handling(org)
    lead = doc.tasks.get(role=TaskRole.LEAD)
    coop = doc.tasks.get(role=TaskRole.COOPERATING)
    with pytest.raises(PermissionDenied):
        services.report_handling(actor=org.fin_staff, task=lead, result="已办")
    with pytest.raises(RuleViolation) as exc:
        services.report_handling(actor=org.edu_staff, task=lead, result="已研究", reply_text="")
    assert exc.value.violations[0].rule == "DOC-IN-10"
    services.report_handling(
        actor=org.edu_staff,
        task=lead,
        result="同意增设学位800个",
        reply_number="示教函〔2026〕5号",
        reply_text="已函复",
    )
    doc.refresh_from_db()
    assert doc.state == DocState.HANDLING and doc.reply_number == "示教函〔2026〕5号"
    services.report_handling(actor=org.fin_staff, task=coop, result="资金已纳入预算")
    doc.refresh_from_db()
    assert doc.state == DocState.COMPLETED and doc.completed_at
    assert TrackedItem.objects.get(pk=lead.item_id).state == ItemState.CLOSED
    services.record_reply(actor=org.clerk, document=doc, reply_number="示政函[2026]07号")
    doc.refresh_from_db()
    assert doc.reply_number == "示政函〔2026〕7号" and doc.reply_id == ""  # no such issued document
    services.archive_incoming(actor=org.clerk, document=doc)
    assert doc.state == DocState.ARCHIVED and doc.archived_by == org.clerk.person
    assert doc.instructions.count() == 1 and doc.tasks.count() == 2  # the record is kept whole


def test_read_only_document_circulates_in_order(org):
    doc = reviewed(org, kind=Kind.REPORT, title="关于秋季开学工作情况的报告")
    services.propose_handling(
        actor=org.clerk,
        document=doc,
        mode=HandlingMode.READ,
        proposal="呈领导阅知。",
        readers=[org.deputy.person, org.head.person],
        in_order=True,
    )
    assert doc.state == DocState.CIRCULATING
    first, second = doc.circulations.order_by("position")
    assert first.read_request is not None and second.read_request is None
    services.chase_circulation(actor=org.clerk, document=doc)
    assert Notification.objects.filter(recipient=org.deputy.person, verb="reading_chased").exists()
    with pytest.raises(PermissionDenied):
        services.mark_circulation_read(actor=org.head, circulation=first)
    services.mark_circulation_read(actor=org.deputy, circulation=first)
    second.refresh_from_db()
    assert second.read_request is not None
    services.mark_circulation_read(actor=org.head, circulation=second)
    doc.refresh_from_db()
    assert doc.state == DocState.COMPLETED
    assert ReadRequest.objects.filter(read_at__isnull=False).count() == 2


def test_circulation_in_parallel_alongside_handling(org):
    doc = handling(org)
    services.circulate(
        actor=org.clerk, document=doc, readers=[org.head.person, org.other_leader.person]
    )
    assert doc.circulations.filter(read_request__isnull=False).count() == 2
    assert doc.state == DocState.HANDLING


def test_read_mode_with_leaders_then_readers(org):
    doc = reviewed(org, kind=Kind.REPORT)
    services.propose_handling(
        actor=org.clerk,
        document=doc,
        mode=HandlingMode.READ,
        proposal="呈陈副区长阅，后送王区长阅。",
        leaders=[org.deputy.person],
        readers=[org.head.person],
    )
    assert doc.state == DocState.INSTRUCTING and doc.circulations.get().sent_at is None
    services.instruct(
        actor=org.deputy, instruction=services.pending_step(doc), decision=Decision.CIRCLE
    )
    doc.refresh_from_db()
    assert doc.state == DocState.CIRCULATING and doc.circulations.get().sent_at is not None


def test_doc_in_16_proposal_needs_text_and_a_lead_unit(org):
    doc = reviewed(org)
    with pytest.raises(RuleViolation):
        services.propose_handling(
            actor=org.clerk, document=doc, mode=HandlingMode.HANDLE, proposal="", lead_unit=org.edu
        )
    with pytest.raises(RuleViolation) as exc:
        services.propose_handling(
            actor=org.clerk, document=doc, mode=HandlingMode.HANDLE, proposal="请办理。"
        )
    assert exc.value.violations[0].field == "lead_unit"
    services.propose_handling(
        actor=org.clerk,
        document=doc,
        mode=HandlingMode.HANDLE,
        proposal="请办理。",
        lead_unit=org.edu,
    )
    assert TrackedItem.objects.get(pk=doc.office_item_id).state == ItemState.CLOSED
