"""No N+1: the lists cost the same number of queries with 2 rows as with 8, for the
registry (sees all) and for a department (scoped by the policy)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from zhongshu.incoming import services
from zhongshu.incoming.choices import Decision

from .factories import instructing

pytestmark = pytest.mark.django_db

URLS = [
    reverse("incoming:document_list"),
    reverse("incoming:document_list") + "?q=学位",
    reverse("incoming:document_list") + "?colour=green",
    "/api/v1/incoming/documents/",
    "/api/v1/incoming/documents/?q=学位",
    reverse("incoming:leader_list"),
]


def add_documents(org, start: int, n: int) -> None:
    for i in range(start, start + n):
        doc = instructing(org, sender_number=f"示教发〔2026〕{i + 100}号")
        if i % 2:
            services.instruct(
                actor=org.deputy,
                instruction=services.pending_step(doc),
                decision=Decision.AGREE,
            )


def counts(user) -> dict[str, int]:
    client = Client()
    client.force_login(user)
    found = {}
    for url in URLS:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        found[url] = len(queries)
    return found


@pytest.mark.parametrize("who", ["clerk", "edu_staff", "deputy"])
def test_list_query_count_does_not_grow_with_the_rows(org, who):
    user = getattr(org, who)
    add_documents(org, 0, 2)
    counts(user)  # warm caches (permissions, calendar, catalogue)
    few = counts(user)
    add_documents(org, 2, 6)
    many = counts(user)
    assert many == few
