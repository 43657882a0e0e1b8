"""Units: the materialised path, moves, cycles, archiving (never deleting)."""

from __future__ import annotations

import pytest

from zhongshu.framework.errors import ConflictError, RuleViolation
from zhongshu.org import services
from zhongshu.org.choices import UnitKind
from zhongshu.org.models import Unit

from .conftest import events, make_unit, person_in

pytestmark = pytest.mark.django_db


def rules_of(exc_info) -> list[str]:
    return [v.rule for v in exc_info.value.violations]


def test_new_unit_path_is_parent_path_plus_own_id(district):
    assert district.gov.path == f"/{district.gov.pk}/"
    assert district.finance_branch.path == f"{district.finance.path}{district.finance_branch.pk}/"
    assert district.finance_branch.depth == 2
    assert events("unit_created").count("unit_created") == 5


def test_moving_a_unit_rewrites_its_whole_subtree(district):
    leaf = make_unit(
        "示范区财政局国库支付中心一所", "一所", UnitKind.DIRECT_UNIT, district.finance_branch
    )
    services.update_unit(
        actor=None,
        unit=district.finance_branch,
        expected_version=None,
        changes={"parent": district.education},
    )
    district.finance_branch.refresh_from_db()
    leaf.refresh_from_db()
    assert district.finance_branch.path == f"{district.education.path}{district.finance_branch.pk}/"
    assert leaf.path == f"{district.finance_branch.path}{leaf.pk}/"
    assert set(services.unit_subtree(district.education)) == {
        district.education,
        district.finance_branch,
        leaf,
    }
    assert district.finance_branch not in services.unit_subtree(district.finance)


def test_moving_a_unit_to_the_top_level(district):
    services.update_unit(
        actor=None, unit=district.finance_branch, expected_version=None, changes={"parent": None}
    )
    district.finance_branch.refresh_from_db()
    assert district.finance_branch.path == f"/{district.finance_branch.pk}/"


@pytest.mark.parametrize("target", ["self", "child"])
def test_org_unit_cycle_moving_under_itself_or_its_descendant_is_refused(district, target):
    new_parent = district.finance if target == "self" else district.finance_branch
    with pytest.raises(RuleViolation) as exc_info:
        services.update_unit(
            actor=None,
            unit=district.finance,
            expected_version=None,
            changes={"parent": new_parent},
        )
    assert rules_of(exc_info) == ["ORG-UNIT-CYCLE"]
    district.finance.refresh_from_db()
    assert district.finance.parent_id == district.gov.pk


def test_org_unit_name_active_names_are_unique(district):
    with pytest.raises(RuleViolation) as exc_info:
        make_unit("示范区财政局", "重名")
    assert rules_of(exc_info) == ["ORG-UNIT-NAME"]


def test_org_unit_not_empty_a_unit_with_people_is_not_archived(district):
    person_in(district.education)
    with pytest.raises(RuleViolation) as exc_info:
        services.archive_unit(actor=None, unit=district.education)
    assert rules_of(exc_info) == ["ORG-UNIT-NOT-EMPTY"]
    assert exc_info.value.status == 409


def test_archived_unit_keeps_its_row_and_history_and_can_be_restored(district):
    unit = make_unit("示范区临时指挥部", "临时指挥部", UnitKind.COORDINATING_BODY, district.gov)
    services.archive_unit(actor=None, unit=unit)
    unit.refresh_from_db()
    assert unit.archived_at is not None
    assert Unit.objects.filter(pk=unit.pk).exists()  # archived, never deleted
    # the name is free again while archived, but restoring a clashing name is refused
    services.restore_unit(actor=None, unit=unit)
    assert Unit.objects.get(pk=unit.pk).archived_at is None
    assert events("unit_archived", "unit_restored") == ["unit_archived", "unit_restored"]


def test_there_is_no_delete_service():
    assert not [name for name in services.__all__ if name.startswith("delete")]


def test_org_unit_host_a_body_cannot_be_hosted_by_itself(district):
    with pytest.raises(RuleViolation) as exc_info:
        services.update_unit(
            actor=None,
            unit=district.finance,
            expected_version=None,
            changes={"host": district.finance},
        )
    assert rules_of(exc_info) == ["ORG-UNIT-HOST"]


def test_stale_version_is_a_conflict_not_an_overwrite(district):
    stale = district.finance.version
    services.update_unit(
        actor=None, unit=district.finance, expected_version=stale, changes={"phone": "66880001"}
    )
    with pytest.raises(ConflictError):
        services.update_unit(
            actor=None,
            unit=Unit.objects.get(pk=district.finance.pk),
            expected_version=stale,
            changes={"phone": "66880002"},
        )
    assert Unit.objects.get(pk=district.finance.pk).phone == "66880001"


def test_update_records_before_and_after(district):
    services.update_unit(
        actor=None, unit=district.finance, expected_version=None, changes={"short_name": "财政局"}
    )
    from zhongshu.audit.models import AuditRecord

    entry = AuditRecord.objects.filter(event="unit_updated").get()
    assert entry.before == {"short_name": "区财政局"}
    assert entry.after == {"short_name": "财政局"}


def test_section_rules(district):
    with pytest.raises(RuleViolation) as exc_info:
        services.create_section(actor=None, unit=district.finance, name="办公室")
    assert rules_of(exc_info) == ["ORG-SECTION-NAME"]
    person_in(district.finance, "李四", section=district.finance_office)
    with pytest.raises(RuleViolation) as exc_info:
        services.archive_section(actor=None, section=district.finance_office)
    assert rules_of(exc_info) == ["ORG-SECTION-NOT-EMPTY"]


def test_org_series_code_a_code_is_never_reused(district):
    code = services.create_series_code(actor=None, unit=district.gov, code="示政发")
    services.archive_series_code(actor=None, series=code)
    with pytest.raises(RuleViolation) as exc_info:
        services.create_series_code(actor=None, unit=district.office, code="示政发")
    assert rules_of(exc_info) == ["ORG-SERIES-CODE"]
