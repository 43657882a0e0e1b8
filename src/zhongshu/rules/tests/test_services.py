"""Editing a profile: validated, audited, effective for new items only."""

from __future__ import annotations

import json

import pytest

from zhongshu.audit.models import AuditRecord
from zhongshu.framework.errors import ConflictError, RuleViolation
from zhongshu.rules import catalogue, services
from zhongshu.rules.models import ParameterValue, Profile

pytestmark = pytest.mark.django_db


def _refused(**kwargs) -> list[tuple[str, str | None, str]]:
    with pytest.raises(RuleViolation) as caught:
        services.change_rule_parameters(**kwargs)
    assert caught.value.status == 422
    return [(v.rule, v.field, v.message) for v in caught.value.violations]


@pytest.mark.parametrize(
    ("rule_id", "values", "field", "message"),
    [
        ("DOC-IN-10", {"days": "七"}, "days", "“一般请示答复时限”须为整数。"),
        ("DOC-IN-10", {"days": 0}, "days", "“一般请示答复时限”须为1至60之间的整数。"),
        ("DOC-IN-10", {"days": 61}, "days", "“一般请示答复时限”须为1至60之间的整数。"),
        ("DOC-IN-10", {"days": True}, "days", "“一般请示答复时限”须为整数。"),
        ("DOC-IN-10", {"days": ""}, "days", "“一般请示答复时限”不能为空。"),
        ("DOC-IN-10", {"weeks": 1}, "weeks", "规则 DOC-IN-10 没有参数“weeks”。"),
        (
            "CAL-2",
            {"office_end": "25:00"},
            "office_end",
            "“下班时间（时限截止时刻）”须为“时:分”格式的时间，如 17:30。",
        ),
        (
            "DOC-OUT-17",
            {"target_reduction": "101"},
            "target_reduction",
            "“发文数量比上年减少（目标）”须为0至100之间的数字。",
        ),
        (
            "MTG-11",
            {"max_length": "半天"},
            "max_length",
            "“会期上限”须为时长，如 4小时、30分钟、1天。",
        ),
        (
            "SUP-4",
            {"inspection_cadence": "hourly"},
            "inspection_cadence",
            "“全面检查频次”须为以下之一：每日、每周、每月、每季度、每年。",
        ),
        (
            "DOC-IN-4",
            {"require_electronic": "maybe"},
            "require_electronic",
            "“须同步报送电子版”须为“是”或“否”。",
        ),
        ("DOC-IN-1", {"required_fields": []}, "required_fields", "“登记必填项”至少需要一项。"),
    ],
)
def test_invalid_values_are_refused_with_a_chinese_message(
    office_admin, rule_id, values, field, message
):
    assert _refused(actor=office_admin, rule_id=rule_id, values=values) == [
        (rule_id, field, message)
    ]
    assert not AuditRecord.objects.filter(event="rule_parameter_changed").exists()


def test_all_problems_are_reported_at_once(office_admin):
    found = _refused(
        actor=office_admin, rule_id="DOC-IN-10", values={"days": "x", "difficult_days": -1}
    )
    assert [f for _, f, _ in found] == ["days", "difficult_days"]


def test_valid_values_of_every_type_are_stored_typed(office_admin):
    services.change_rule_parameters(
        actor=office_admin, rule_id="CAL-2", values={"office_end": "18:00"}
    )
    services.change_rule_parameters(
        actor=office_admin, rule_id="MTG-11", values={"max_length": "3小时30分钟"}
    )
    services.change_rule_parameters(
        actor=office_admin, rule_id="DOC-IN-4", values={"require_electronic": "false"}
    )
    services.change_rule_parameters(
        actor=office_admin, rule_id="DOC-IN-7", values={"exceptions": "甲\n乙\n\n"}
    )
    services.change_rule_parameters(
        actor=office_admin, rule_id="MTG-10", values={"class_1_max": ""}
    )
    assert catalogue.param("CAL-2", "office_end").strftime("%H:%M") == "18:00"
    assert catalogue.param("MTG-11", "max_length").total_seconds() == 3.5 * 3600
    assert catalogue.param("DOC-IN-4", "require_electronic") is False
    assert catalogue.param("DOC-IN-7", "exceptions") == ("甲", "乙")
    assert catalogue.param("MTG-10", "class_1_max") is None  # 不限
    stored = ParameterValue.objects.get(
        parameter__rule__rule_id="MTG-11", parameter__name="max_length", profile__code="district"
    )
    assert stored.value == "PT3H30M"


def test_a_change_is_audited_with_before_and_after(office_admin):
    services.change_rule_parameters(
        actor=office_admin, rule_id="DOC-IN-10", values={"days": 10, "difficult_days": 15}
    )
    entry = AuditRecord.objects.get(event="rule_parameter_changed")
    assert entry.actor_id == office_admin.pk
    assert entry.object_type == "rules.rule"
    assert entry.object_repr.startswith("DOC-IN-10")
    # Only what changed: difficult_days was already 15.
    assert entry.before == {"profile": "district", "params": {"days": 7}}
    assert entry.after == {"profile": "district", "params": {"days": 10}}
    value = ParameterValue.objects.get(
        profile__code="district", parameter__rule__rule_id="DOC-IN-10", parameter__name="days"
    )
    assert (value.value, value.default, value.changed_by_id) == (10, 7, office_admin.pk)
    assert value.changed_at is not None


def test_an_unchanged_value_writes_nothing(office_admin):
    services.change_rule_parameters(actor=office_admin, rule_id="DOC-IN-10", values={"days": "7"})
    assert not AuditRecord.objects.filter(event="rule_parameter_changed").exists()


def test_a_stale_version_is_refused(office_admin):
    target = services.profile_rule_for("DOC-IN-10")
    services.change_rule_parameters(
        actor=office_admin, rule_id="DOC-IN-10", values={"days": 8}, expected_version=target.version
    )
    with pytest.raises(ConflictError):
        services.change_rule_parameters(
            actor=office_admin,
            rule_id="DOC-IN-10",
            values={"days": 9},
            expected_version=target.version,
        )
    assert catalogue.param("DOC-IN-10", "days") == 8


def test_editing_another_profile_leaves_the_active_one(office_admin):
    services.change_rule_parameters(
        actor=office_admin, rule_id="MTG-10", values={"class_3_max": 80}, profile="city"
    )
    assert catalogue.param("MTG-10", "class_3_max", profile="city") == 80
    assert catalogue.param("MTG-10", "class_3_max") == 150
    assert AuditRecord.objects.get(event="rule_parameter_changed").after["profile"] == "city"


def test_switching_a_rule_off_in_a_profile_is_audited(office_admin):
    services.change_rule_parameters(
        actor=office_admin, rule_id="DOC-IN-9", values={}, enabled=False
    )
    assert catalogue.rule("DOC-IN-9").enabled is False
    entry = AuditRecord.objects.get(event="rule_disabled")
    assert (entry.before, entry.after) == (
        {"profile": "district", "enabled": True},
        {"profile": "district", "enabled": False},
    )


def test_activating_the_city_profile_is_audited(office_admin):
    services.activate_profile(actor=office_admin, code="city")
    assert catalogue.active_profile() == "city"
    assert catalogue.param("MTG-10", "class_3_max") == 100
    assert catalogue.rule("DOC-IN-11").enabled is True
    assert list(Profile.objects.filter(is_active=True).values_list("code", flat=True)) == ["city"]
    entry = AuditRecord.objects.get(event="rule_profile_activated")
    assert (entry.before, entry.after) == ({"profile": "district"}, {"profile": "city"})
    assert catalogue.basis("MTG-10", class_3_max=100)["profile"] == "city"


def test_activating_an_unknown_profile_is_refused(office_admin):
    with pytest.raises(RuleViolation):
        services.activate_profile(actor=office_admin, code="county")


def test_doc_in_10_items_keep_the_basis_they_were_computed_on(office_admin):
    """Changing a parameter affects only items created afterwards: an item stores its
    basis as JSON, and the stored basis still shows the values it was computed with."""
    old_item = {
        "subject": "关于拨付经费的请示",
        "basis": catalogue.basis("DOC-IN-10", days=catalogue.param("DOC-IN-10", "days")),
    }
    stored_old = json.dumps(old_item, ensure_ascii=False)  # as a JSONField would keep it

    services.change_rule_parameters(actor=office_admin, rule_id="DOC-IN-10", values={"days": 10})
    new_item = {
        "subject": "关于增设岗位的请示",
        "basis": catalogue.basis("DOC-IN-10", days=catalogue.param("DOC-IN-10", "days")),
    }

    reloaded_old = json.loads(stored_old)
    assert reloaded_old["basis"]["params"] == {"days": 7}
    assert catalogue.basis_label(reloaded_old["basis"]).startswith("7个工作日内答复")
    assert new_item["basis"]["params"] == {"days": 10}
    assert catalogue.basis_label(new_item["basis"]).startswith("10个工作日内答复")
    # The old snapshot was not a view on the live catalogue.
    assert old_item["basis"]["params"] == {"days": 7}
