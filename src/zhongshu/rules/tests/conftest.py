from __future__ import annotations

import pytest

from zhongshu.accounts.tests.factories import UserFactory
from zhongshu.rules import catalogue


@pytest.fixture(autouse=True)
def _fresh_catalogue():
    """Each test starts from the database's catalogue, not a copy cached by the last one
    (whose transaction was rolled back)."""
    catalogue.reset_cache()
    yield
    catalogue.reset_cache()


@pytest.fixture
def office_admin(db):
    return UserFactory(roles=["office_admin"])


@pytest.fixture
def clerk(db):
    return UserFactory(roles=["secretariat_clerk"])


@pytest.fixture
def auditor(db):
    return UserFactory(auditor=True)
