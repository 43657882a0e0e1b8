"""The transition table: every (state, action) pair not in it is refused with 409."""

from __future__ import annotations

import itertools

import pytest

from zhongshu.framework.errors import RuleViolation
from zhongshu.incoming import transitions
from zhongshu.incoming.choices import DocState
from zhongshu.incoming.models import IncomingDocument


@pytest.mark.parametrize(
    ("state", "action"), list(itertools.product(DocState.values, transitions.ACTIONS))
)
def test_every_transition_not_in_the_table_is_refused(state, action):
    doc = IncomingDocument(state=state)
    allowed_targets = {t for f, a, t in transitions.TABLE if f == state and a == action}
    for target in DocState.values:
        if target in allowed_targets:
            transitions.check(doc, action, target)
            continue
        with pytest.raises(RuleViolation) as exc:
            transitions.check(doc, action, target)
        assert exc.value.status == 409
        assert exc.value.violations[0].rule == transitions.STATE
        assert str(DocState(state).label) in exc.value.violations[0].message


def test_table_reaches_archive_from_every_end():
    ends = {f for f, a, t in transitions.TABLE if a == "archive"}
    assert ends == {DocState.COMPLETED, DocState.RETURNED, DocState.PAPER_RECORD}
    assert not any(f == DocState.ARCHIVED for f, _a, _t in transitions.TABLE)


@pytest.mark.django_db
def test_a_service_refuses_an_action_the_state_does_not_allow(org):
    from zhongshu.incoming import services

    from .factories import registered

    doc = registered(org)
    with pytest.raises(RuleViolation) as exc:
        services.archive_incoming(actor=org.clerk, document=doc)
    assert exc.value.status == 409
    assert "待初审" in exc.value.violations[0].message
