"""Two reviewers act on the same document at the same moment, on PostgreSQL with real
connections (a module of its own: the demo district is committed here, not held in the
module transaction of the other tests)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from zhongshu.framework.errors import RuleViolation

from .. import services
from ..choices import Decision, State, StepKind
from ..models import OutgoingDocument
from .test_concurrency import submitted
from .test_rules import GATES


@pytest.mark.pg_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrency: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_reviewers_at_the_same_moment_one_wins_the_other_gets_409():
    from zhongshu.org.demo.loader import DemoLoader

    from .helpers import Demo

    DemoLoader().run()
    demo = Demo()
    doc = submitted(demo)
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def review(username: str) -> None:
        try:
            copy = OutgoingDocument.objects.get(pk=doc.pk)
            barrier.wait(timeout=30)
            services.office_review(
                actor=demo.user(username), document=copy, opinion=username, gates=GATES
            )
            outcomes[username] = "ok"
        except RuleViolation as exc:
            outcomes[username] = exc.status
        finally:
            connections.close_all()

    threads = [threading.Thread(target=review, args=(u,)) for u in ("msk_0", "mishuke")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(map(str, outcomes.values())) == ["409", "ok"]
    doc.refresh_from_db()
    assert doc.state == State.AFFAIRS_REVIEW
    assert doc.steps.filter(kind=StepKind.OFFICE_REVIEW, decision=Decision.PASSED).count() == 1
