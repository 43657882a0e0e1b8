"""The transition table is the only way a document moves: every pair not in it is
refused (409)."""

from __future__ import annotations

import itertools

import pytest

from zhongshu.framework.errors import RuleViolation

from .. import transitions
from ..choices import IN_PROCESS, State
from ..models import OutgoingDocument


def test_every_transition_not_in_the_table_is_refused():
    refused = 0
    for source, target in itertools.product(State.values, State.values):
        document = OutgoingDocument(state=source)
        if transitions.allowed(source, target):
            transitions.check(document, target)
            continue
        with pytest.raises(RuleViolation) as caught:
            transitions.check(document, target)
        assert caught.value.status == 409
        assert caught.value.violations[0].rule == transitions.STATE
        refused += 1
    assert refused == len(State.values) ** 2 - len(transitions.TABLE)


@pytest.mark.parametrize("state", IN_PROCESS)
def test_return_to_drafter_is_always_possible_in_process(state):
    assert transitions.allowed(state, State.DRAFTING)


@pytest.mark.parametrize(
    "state", [State.NUMBERING, State.DISTRIBUTION, State.ISSUED, State.PUBLISHED]
)
def test_no_return_after_signing_and_recheck(state):
    assert not transitions.allowed(state, State.DRAFTING)


def test_issued_and_withdrawn_are_final_except_publication():
    assert [t for (s, t) in transitions.TABLE if s == State.PUBLISHED] == []
    assert [t for (s, t) in transitions.TABLE if s == State.WITHDRAWN] == []
    assert [t for (s, t) in transitions.TABLE if s == State.ISSUED] == [State.PUBLISHED]
