"""Pytest plugin: each process keeps one working-day index, so a test that edits the
calendar (then rolls back) must not leave its days to the next test. Enable it from the
root conftest with ``pytest_plugins = ["zhongshu.clock.testing"]``."""

from __future__ import annotations

import pytest


def _mark() -> tuple[int, object]:
    from zhongshu.clock import index

    return index.changes(), getattr(index._state.index, "token", None)


@pytest.fixture(autouse=True)
def _fresh_clock():
    changes, token = _mark()
    yield
    # Rebuild only when the test changed the calendar (a rebuild costs ~20 ms): an edit
    # committed in-process, or an index built on a revision the rollback undoes.
    now_changes, now_token = _mark()
    if now_changes != changes or (token is not None and now_token != token):
        from zhongshu.clock import engine

        engine.invalidate()
