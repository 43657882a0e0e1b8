"""The post-migrate sync: idempotent, follows the data, never overwrites an office's values."""

from __future__ import annotations

import dataclasses

import pytest
from django.core.exceptions import ImproperlyConfigured

from zhongshu.audit.models import AuditRecord
from zhongshu.rules import catalogue_data, services, sync
from zhongshu.rules.models import CatalogueState, ParameterValue, Profile, ProfileRule, Rule

pytestmark = pytest.mark.django_db


def _value(rule_id: str, name: str, profile: str = "district") -> ParameterValue:
    return ParameterValue.objects.get(
        profile__code=profile, parameter__rule__rule_id=rule_id, parameter__name=name
    )


def test_migrate_loaded_the_whole_catalogue():
    assert Rule.objects.count() == len(catalogue_data.RULES) == 97
    assert Profile.objects.get(is_active=True).code == "district"
    assert ProfileRule.objects.count() == 2 * 97
    assert _value("MTG-10", "class_3_max", "city").value == 100


def test_a_second_sync_writes_nothing(django_assert_max_num_queries):
    revision = CatalogueState.objects.get().revision
    with django_assert_max_num_queries(10):
        report = sync.sync_catalogue()
    assert not report.changed
    assert CatalogueState.objects.get().revision == revision


def test_sync_updates_texts_but_keeps_edited_values(office_admin, monkeypatch):
    services.change_rule_parameters(actor=office_admin, rule_id="DOC-IN-10", values={"days": 9})
    old = catalogue_data.BY_ID["DOC-IN-10"]
    days = dataclasses.replace(old.param("days"), default=8)
    new = dataclasses.replace(
        old, title="请示答复期限", params=(days, old.param("difficult_days")), _by_name={}
    )
    _patch_rule(monkeypatch, new)
    revision = CatalogueState.objects.get().revision

    report = sync.sync_catalogue()

    assert report.updated == {"rules": 1, "values": 2}  # title; default in both profiles
    assert Rule.objects.get(rule_id="DOC-IN-10").title == "请示答复期限"
    edited = _value("DOC-IN-10", "days")
    assert (edited.value, edited.default) == (9, 8)  # the office's 9 stays
    untouched = _value("DOC-IN-10", "days", "city")
    assert (untouched.value, untouched.default) == (8, 8)  # never edited: follows the data
    assert CatalogueState.objects.get().revision != revision
    assert AuditRecord.objects.filter(event="rule_catalogue_synced").exists()


def test_an_edited_value_the_new_definition_rejects_is_reset(office_admin, monkeypatch):
    services.change_rule_parameters(actor=office_admin, rule_id="DOC-IN-14", values={"days": 10})
    old = catalogue_data.BY_ID["DOC-IN-14"]
    days = dataclasses.replace(old.param("days"), max=5)
    _patch_rule(monkeypatch, dataclasses.replace(old, params=(days,), _by_name={}))

    report = sync.sync_catalogue()

    assert report.reset == ["district:DOC-IN-14.days=10"]
    assert _value("DOC-IN-14", "days").value == 2
    entry = AuditRecord.objects.filter(event="rule_catalogue_synced").latest("id")
    assert entry.after["reset"] == ["district:DOC-IN-14.days=10"]


def test_a_rule_that_left_the_data_is_archived_not_deleted(monkeypatch):
    kept = tuple(r for r in catalogue_data.RULES if r.id != "PUB-4")
    monkeypatch.setattr(sync, "RULES", kept)
    sync.sync_catalogue()
    assert Rule.objects.get(rule_id="PUB-4").archived_at is not None


def test_an_edited_switch_is_kept(office_admin):
    services.change_rule_parameters(
        actor=office_admin, rule_id="DOC-IN-9", values={}, enabled=False
    )
    sync.sync_catalogue()
    assert (
        ProfileRule.objects.get(profile__code="district", rule__rule_id="DOC-IN-9").enabled is False
    )


def test_the_initial_profile_comes_from_the_setting(settings):
    Profile.objects.update(is_active=False)
    settings.RULE_PROFILE = "city"
    sync.sync_catalogue()
    assert Profile.objects.get(is_active=True).code == "city"


def test_an_unknown_initial_profile_is_a_configuration_error(settings):
    Profile.objects.update(is_active=False)
    settings.RULE_PROFILE = "county"
    with pytest.raises(ImproperlyConfigured, match="ZHONGSHU_RULE_PROFILE"):
        sync.sync_catalogue()


def test_office_admin_holds_the_edit_permission_after_migrate(office_admin, clerk):
    assert office_admin.has_perm("rules.edit_rule")
    assert not clerk.has_perm("rules.edit_rule")


def _patch_rule(monkeypatch, new_def) -> None:
    rules = tuple(new_def if r.id == new_def.id else r for r in catalogue_data.RULES)
    monkeypatch.setattr(sync, "RULES", rules)
    monkeypatch.setitem(catalogue_data.BY_ID, new_def.id, new_def)
