from __future__ import annotations

import pytest
from django.urls import reverse

from zhongshu.accounts.tests.factories import PASSWORD, UserFactory
from zhongshu.audit.models import AuditRecord


@pytest.fixture
def clerk(db):
    return UserFactory(roles=["secretariat_clerk"])


@pytest.fixture
def system_admin(db):
    return UserFactory(system_admin=True)


@pytest.fixture
def security_admin(db):
    return UserFactory(security_admin=True)


@pytest.fixture
def auditor(db):
    return UserFactory(auditor=True)


def login(client, user, password: str = PASSWORD, **extra):
    """The real login form (not force_login): the session gets its security clocks."""
    data = {"username": user.username, "password": password, **extra}
    return client.post(reverse("accounts:login"), data)


def events(*names: str) -> list[str]:
    """Audit events (in order), optionally only the given ones."""
    qs = AuditRecord.objects.order_by("id")
    if names:
        qs = qs.filter(event__in=names)
    return list(qs.values_list("event", flat=True))
