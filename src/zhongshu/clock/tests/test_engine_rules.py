"""Deadlines set by a rule read their parameters from the rule catalogue (CAL-2)."""

from __future__ import annotations

import pytest

from zhongshu.accounts.tests.factories import UserFactory
from zhongshu.clock import engine
from zhongshu.rules import catalogue
from zhongshu.rules.services import change_rule_parameters

from .conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _catalogue_cache():
    catalogue.reset_cache()
    yield
    catalogue.reset_cache()  # the test's edits are rolled back


def test_cal_2_deadline_for_doc_in_10_reads_the_catalogue():
    result = engine.deadline_for_rule("DOC-IN-10", at(2026, 3, 4))
    assert (result.due, result.rule) == (at(2026, 3, 13, 17, 30), "DOC-IN-10")
    assert result.params == {"days": 7, "office_end": "17:30"}
    assert result.describe() == "7个工作日（DOC-IN-10）"
    difficult = engine.deadline_for_rule("DOC-IN-10", at(2026, 3, 4), param="difficult_days")
    assert difficult.due == at(2026, 3, 25, 17, 30)
    assert difficult.params == {"difficult_days": 15, "days": 15, "office_end": "17:30"}


def test_cal_2_office_end_edited_in_the_catalogue_applies_to_new_deadlines():
    admin = UserFactory(roles=["office_admin"])
    before = engine.add_working_days(at(2026, 3, 4), 1)
    change_rule_parameters(actor=admin, rule_id="CAL-2", values={"office_end": "18:00"})
    after = engine.add_working_days(at(2026, 3, 4), 1)
    assert (before.due, after.due) == (at(2026, 3, 5, 17, 30), at(2026, 3, 5, 18))
    assert engine.business_hours_reminder(at(2026, 3, 4, 17, 45)) == at(2026, 3, 4, 17, 45)


def test_deadline_for_an_unknown_rule_is_a_lookup_error():
    with pytest.raises(LookupError):
        engine.deadline_for_rule("NOPE-1", at(2026, 3, 4))
