"""The Python API other apps call: typed values, bases, labels, violations, the cache."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from zhongshu.framework.errors import Violation
from zhongshu.rules import catalogue, services
from zhongshu.rules.models import CatalogueState

pytestmark = pytest.mark.django_db


def test_param_is_typed():
    assert catalogue.param("DOC-IN-10", "days") == 7
    assert catalogue.param("CAL-2", "office_end") == dt.time(17, 30)
    assert catalogue.param("MTG-11", "max_length") == dt.timedelta(hours=4)
    assert catalogue.param("DOC-OUT-17", "target_reduction") == 5.0
    assert catalogue.param("DOC-IN-4", "require_electronic") is True
    assert catalogue.param("SUP-4", "inspection_cadence") == "quarterly"
    assert catalogue.param("DUTY-4", "elements")[:2] == ("地点", "时间")


def test_mtg_10_and_doc_in_11_defaults_per_profile():
    assert catalogue.active_profile() == "district"
    assert catalogue.param("MTG-10", "class_1_max") == 350
    assert catalogue.param("MTG-10", "class_3_max") == 150
    assert catalogue.param("MTG-10", "class_3_max", profile="city") == 100
    assert catalogue.param("MTG-10", "class_1_max", profile="city") is None
    assert catalogue.param("DOC-IN-11", "days", profile="city") == 5
    assert catalogue.param("DOC-IN-11", "consult_days", profile="city") == 10


def test_doc_in_11_applies_only_in_the_city_profile():
    assert catalogue.rule("DOC-IN-11").enabled is False
    assert catalogue.rule("DOC-IN-11", profile="city").enabled is True
    assert catalogue.rule("DOC-IN-10").enabled is True
    assert catalogue.is_enabled("DOC-IN-10", profile="city") is False


def test_rule_info():
    info = catalogue.rule("DOC-IN-10")
    assert info.id == "DOC-IN-10"
    assert info.module == "DOC-IN"
    assert info.title == "请示答复时限"
    assert "7个工作日内予以答复" in info.text
    assert info.kinds == ("deadline", "remind")
    assert info.source == "003 (四)"
    assert info.source_label == "河北区公文规范管理意见 (四)"
    assert len(catalogue.all_rules()) == 97


def test_params_returns_a_copy():
    values = catalogue.params("DOC-IN-10")
    assert values == {"days": 7, "difficult_days": 15}
    values["days"] = 99
    assert catalogue.param("DOC-IN-10", "days") == 7


def test_unknown_ids_give_clear_errors():
    with pytest.raises(KeyError, match="规则目录中没有 'DOC-IN-99'"):
        catalogue.param("DOC-IN-99", "days")
    with pytest.raises(catalogue.UnknownParameter, match=r"没有参数 'day'.*days, difficult_days"):
        catalogue.param("DOC-IN-10", "day")
    with pytest.raises(catalogue.UnknownProfile, match="county"):
        catalogue.param("DOC-IN-10", "days", profile="county")
    with pytest.raises(catalogue.UnknownRule):
        catalogue.rule("NOPE-1")
    with pytest.raises(catalogue.UnknownRule):
        catalogue.basis("NOPE-1")


def test_basis_records_what_was_used():
    basis = catalogue.basis("DOC-IN-10", days=7)
    assert basis == {
        "rule": "DOC-IN-10",
        "title": "请示答复时限",
        "source_label": "河北区公文规范管理意见 (四)",
        "params": {"days": 7},
        "profile": "district",
    }
    assert json.loads(json.dumps(basis)) == basis


def test_basis_without_values_records_all_current_ones_as_json():
    basis = catalogue.basis("CAL-2")
    assert basis["params"] == {"office_start": "08:30", "office_end": "17:30"}
    assert catalogue.basis("MTG-11")["params"]["max_length"] == "PT4H"


def test_basis_label():
    assert (
        catalogue.basis_label(catalogue.basis("DOC-IN-10", days=7))
        == "7个工作日内答复（DOC-IN-10，河北区公文规范管理意见 (四)）"
    )
    assert (
        catalogue.basis_label(catalogue.basis("DOC-IN-10", difficult_days=15))
        == "难点问题15个工作日内答复（DOC-IN-10，河北区公文规范管理意见 (四)）"
    )
    # No phrase fits: the rule's title stands in.
    assert catalogue.basis_label(catalogue.basis("DOC-IN-2")) == (
        "请示一文一事，报告不得夹带请示（DOC-IN-2，天津市办公室建设意见 三；河北区公文规范管理意见 (九)）"
    )
    assert catalogue.basis_label(catalogue.basis("SUP-7")).startswith(
        "48小时内整改、第3日12:00前报送"
    )


def test_violation_defaults_to_the_rule_title():
    assert catalogue.violation("DOC-IN-2") == Violation(
        "DOC-IN-2", "请示一文一事，报告不得夹带请示"
    )
    found = catalogue.violation("MTG-10", "参会人数超过上限", field="attendees")
    assert (found.rule, found.message, found.field) == ("MTG-10", "参会人数超过上限", "attendees")
    with pytest.raises(catalogue.UnknownRule):
        catalogue.violation("XX-1")


def test_param_is_a_dict_lookup_once_loaded(django_assert_num_queries):
    catalogue.param("DOC-IN-10", "days")
    with django_assert_num_queries(0):
        for _ in range(1000):
            catalogue.param("DOC-IN-10", "days")
            catalogue.rule("MTG-10")


def test_a_revision_from_another_process_is_picked_up(monkeypatch, django_assert_max_num_queries):
    assert catalogue.param("DOC-IN-10", "days") == 7
    # Another process changed the value: only the database knows.
    from zhongshu.rules.models import ParameterValue

    ParameterValue.objects.filter(
        profile__code="district", parameter__rule__rule_id="DOC-IN-10", parameter__name="days"
    ).update(value=9)
    CatalogueState.objects.filter(pk=1).update(revision="00000000-0000-0000-0000-000000000009")
    assert catalogue.param("DOC-IN-10", "days") == 7  # within the check interval
    monkeypatch.setattr(catalogue, "CHECK_INTERVAL", 0.0)
    with django_assert_max_num_queries(4):  # the revision check, then one reload
        assert catalogue.param("DOC-IN-10", "days") == 9


def test_the_process_making_a_change_sees_it_at_once(office_admin):
    assert catalogue.param("SUP-16", "yellow_days") == 3
    services.change_rule_parameters(actor=office_admin, rule_id="SUP-16", values={"yellow_days": 5})
    assert catalogue.param("SUP-16", "yellow_days") == 5


def test_a_rolled_back_change_is_forgotten(office_admin):
    from django.db import transaction

    class Abort(Exception):
        pass

    with pytest.raises(Abort), transaction.atomic():
        services.change_rule_parameters(
            actor=office_admin, rule_id="SUP-16", values={"yellow_days": 5}
        )
        assert catalogue.param("SUP-16", "yellow_days") == 5
        raise Abort
    assert catalogue.param("SUP-16", "yellow_days") == 3
