"""The item's state machine: transitions, guards with rule IDs, the right actor, and
delegation (代)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from zhongshu.audit.models import AuditRecord
from zhongshu.framework.errors import RuleViolation
from zhongshu.org.tests.factories import DelegationFactory
from zhongshu.tracking import registry, services
from zhongshu.tracking.choices import ItemState
from zhongshu.tracking.transitions import STATE, TRANSITIONS

from .conftest import at
from .factories import make_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(org, clock):
    clock.set(at(2026, 9, 28, 10))
    return make_item(
        actor=org.assigner,
        responsible=org.clerk.person,
        lead_unit=org.unit,
        days=7,
        rule="DOC-IN-10",
    )


def rules_of(exc: pytest.ExceptionInfo) -> list[str]:
    return [v.rule for v in exc.value.violations]


def test_transition_table_names_sources_targets_and_actors():
    assert TRANSITIONS["approve_closeout"].sources == (ItemState.CLOSEOUT_REQUESTED,)
    assert TRANSITIONS["refuse_closeout"].target == ItemState.RETURNED
    assert {t.actor for t in TRANSITIONS.values()} == {"handler", "approver"}


def test_cal_2_item_keeps_deadline_and_basis_across_national_day(item):
    # 7 working days from Mon 28 Sep 2026: 29, 30 Sep, 8, 9, 10 (adjusted Saturday), 12, 13 Oct.
    assert item.due_at == at(2026, 10, 13, 17, 30)
    assert item.basis["rule"] == "DOC-IN-10"
    assert "DOC-IN-10" in item.basis_label
    assert item.deadline["method"] == "working_days"
    assert item.approver == item.creator  # the registry's default approver


def test_sup_8_full_cycle_open_to_closed(item, org):
    services.start_item(actor=org.clerk, item=item)
    assert item.state == ItemState.IN_PROGRESS
    services.report_progress(actor=org.clerk, item=item, text="已完成初稿", percent=60)
    services.request_closeout(actor=org.clerk, item=item, outcome="已按要求办结")
    assert item.state == ItemState.CLOSEOUT_REQUESTED
    assert item.awaiting_id == org.assigner.person.pk
    services.approve_closeout(actor=org.assigner, item=item, opinion="同意销号")
    item.refresh_from_db()
    assert item.state == ItemState.CLOSED
    assert item.closed_at is not None
    assert item.awaiting_id is None and item.next_chase_at is None
    events = list(
        AuditRecord.objects.filter(object_id=str(item.uuid)).values_list("event", flat=True)
    )
    assert events == [
        "item_created",
        "item_started",
        "progress_reported",
        "closeout_requested",
        "closeout_approved",
    ]


def test_refused_closeout_returns_item_to_handler(item, org):
    services.request_closeout(actor=org.clerk, item=item, outcome="已办结")
    services.refuse_closeout(actor=org.assigner, item=item, opinion="成效材料不全，请补充")
    assert item.state == ItemState.RETURNED
    assert item.awaiting_id == org.clerk.person.pk
    services.report_progress(actor=org.clerk, item=item, text="已补充材料", percent=90)
    assert item.state == ItemState.IN_PROGRESS


def test_track_state_refused_transition_is_409(item, org):
    with pytest.raises(RuleViolation) as exc:
        services.approve_closeout(actor=org.assigner, item=item, opinion="同意")
    assert exc.value.status == 409
    assert rules_of(exc) == [STATE]


def test_sup_12_closeout_request_needs_outcome(item, org):
    with pytest.raises(RuleViolation) as exc:
        services.request_closeout(actor=org.clerk, item=item, outcome="  ")
    assert rules_of(exc) == ["SUP-12"]


def test_sup_8_closeout_needs_results_list_where_module_keeps_lists(org, clock):
    registry.register(registry.ItemKind("test.ledger", "督办台账", uses_lists=True))
    item = make_item(
        actor=org.assigner,
        responsible=org.clerk.person,
        kind="test.ledger",
        lists={"tasks": ["改造老旧小区"], "measures": ["周调度"]},
    )
    assert item.uses_lists and item.tasks == ["改造老旧小区"]
    with pytest.raises(RuleViolation) as exc:
        services.request_closeout(actor=org.clerk, item=item, outcome="已办结", results=[])
    assert "SUP-8" in rules_of(exc)
    services.request_closeout(actor=org.clerk, item=item, outcome="已办结", results=["完成改造"])
    assert item.results == ["完成改造"]


def test_doc_in_14_approval_needs_explicit_opinion(item, org):
    services.request_closeout(actor=org.clerk, item=item, outcome="已办结")
    with pytest.raises(RuleViolation) as exc:
        services.approve_closeout(actor=org.assigner, item=item, opinion="")
    assert rules_of(exc) == ["DOC-IN-14"]
    assert exc.value.status == 422


def test_only_handler_works_and_only_approver_decides(item, org):
    with pytest.raises(PermissionDenied):
        services.start_item(actor=org.outsider, item=item)
    with pytest.raises(PermissionDenied):
        services.start_item(actor=org.colleague, item=item)  # a responsible person is named
    services.request_closeout(actor=org.clerk, item=item, outcome="已办结")
    with pytest.raises(PermissionDenied):
        services.approve_closeout(actor=org.clerk, item=item, opinion="同意")


def test_unit_item_without_responsible_is_worked_by_the_unit(org, clock):
    item = make_item(actor=org.assigner, lead_unit=org.unit)
    services.start_item(actor=org.colleague, item=item)
    assert item.state == ItemState.IN_PROGRESS
    with pytest.raises(PermissionDenied):
        services.start_item(actor=org.outsider, item=item)


def test_supervision_officer_may_decide_any_item(item, org):
    services.request_closeout(actor=org.clerk, item=item, outcome="已办结")
    services.approve_closeout(actor=org.officer, item=item, opinion="同意销号")
    assert item.state == ItemState.CLOSED


def test_delegate_acts_for_delegator_and_audit_records_dai(item, org):
    deputy = org.colleague
    DelegationFactory(delegator=org.clerk.person, delegate=deputy.person)
    services.report_progress(actor=deputy, item=item, text="代为报告进展", percent=30)
    report = item.reports.get()
    assert report.reporter == deputy.person
    assert report.on_behalf_of == org.clerk.person
    entry = AuditRecord.objects.filter(event="progress_reported").get()
    assert entry.on_behalf_of == org.clerk.person.label


def test_optimistic_lock_refuses_stale_version(item, org):
    from zhongshu.framework.errors import ConflictError

    with pytest.raises(ConflictError):
        services.start_item(actor=org.clerk, item=item, expected_version=item.version - 1)


def test_cancel_and_close_directly(item, org):
    services.close_item(actor=org.assigner, item=item, outcome="来文已答复，直接办结")
    assert item.state == ItemState.CLOSED
    other = make_item(actor=org.assigner, responsible=org.clerk.person)
    services.cancel_item(actor=org.assigner, item=other, reason="来文撤回")
    assert other.state == ItemState.CANCELLED
