"""The auditor's search (filters, keyset paging), record page, Excel export (itself
audited) and chain verification from the UI; the audit API (cursor paged, filtered)."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.utils import timezone

from zhongshu.accounts.tests.factories import UserFactory
from zhongshu.audit.models import AuditRecord, VerificationRun
from zhongshu.audit.services import record

from .helpers import append, as_database_owner

pytestmark = pytest.mark.django_db


@pytest.fixture
def auditor_client(client):
    client.force_login(UserFactory(auditor=True))
    return client


def _ids(response) -> list[int]:
    return [r.id for r in response.context["records"]]


def test_search_lists_newest_first_and_pages_by_id(auditor_client, django_assert_max_num_queries):
    append(120)
    with django_assert_max_num_queries(6):
        first = auditor_client.get("/audit/")
    newest = AuditRecord.objects.order_by("-id")[:50]
    assert _ids(first) == [r.id for r in newest]
    earlier = first.context["earlier"]
    second = auditor_client.get("/audit/", {"before": earlier})
    assert _ids(second)[0] == earlier - 1
    assert not set(_ids(first)) & set(_ids(second))
    third = auditor_client.get("/audit/", {"before": second.context["earlier"]})
    total = AuditRecord.objects.count()  # 120, plus what migrations recorded
    assert len(_ids(third)) == total - 100 and third.context["earlier"] is None


def test_search_filters_by_event_actor_object_and_request_id(auditor_client):
    clerk = UserFactory()
    target = record(
        actor=clerk,
        event="person_archived",
        object_type="org.person",
        object_id="p1",
        object_repr="张伟",
    )
    record(actor=None, event="thing_happened", object_type="test", object_repr="其他")
    assert _ids(auditor_client.get("/audit/", {"event": "person_archived"})) == [target.id]
    assert _ids(auditor_client.get("/audit/", {"actor": clerk.username})) == [target.id]
    assert _ids(auditor_client.get("/audit/", {"object": "张"})) == [target.id]
    assert _ids(
        auditor_client.get("/audit/", {"object_type": "org.person", "object_id": "p1"})
    ) == [target.id]
    hits = _ids(auditor_client.get("/audit/", {"request_id": target.request_id}))
    assert target.id in hits


def test_search_filters_by_time_range(auditor_client, monkeypatch):
    base = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: base - dt.timedelta(days=3))
    old = record(actor=None, event="thing_happened")
    monkeypatch.setattr(timezone, "now", lambda: base)
    new = record(actor=None, event="thing_happened")
    since = timezone.localtime(base - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    assert _ids(
        auditor_client.get("/audit/", {"occurred_after": since, "event": "thing_happened"})
    ) == [new.id]
    assert _ids(
        auditor_client.get("/audit/", {"occurred_before": since, "event": "thing_happened"})
    ) == [old.id]


def test_record_page_shows_before_after_and_hashes(auditor_client):
    entry = record(actor=None, event="thing_happened", before={"a": 1}, after={"a": 2})
    html = auditor_client.get(f"/audit/{entry.id}/").content.decode()
    assert entry.hash in html and entry.prev_hash in html
    assert auditor_client.get("/audit/999999/").status_code == 404


def test_export_gives_the_filtered_records_as_excel_and_is_audited(auditor_client):
    record(actor=None, event="person_archived", object_repr='=HYPERLINK("http://x")')
    record(actor=None, event="thing_happened")
    response = auditor_client.post("/audit/export/", {"event": "person_archived"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="audit-')
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("编号", "时间", "事件")
    assert [r[2] for r in rows[1:]] == ["person_archived"]
    cell = sheet.cell(row=2, column=8)
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")  # text, not a formula
    exported = AuditRecord.objects.filter(event="audit_exported").get()
    assert exported.after == {"filters": {"event": "person_archived"}, "count": 1}


def test_export_refuses_get(auditor_client):
    assert auditor_client.get("/audit/export/").status_code == 405


def test_verify_page_reports_a_whole_chain_and_audits_the_check(
    auditor_client, django_capture_on_commit_callbacks
):
    append(3)
    with django_capture_on_commit_callbacks(execute=True):
        response = auditor_client.post("/audit/verify/")
    assert response.status_code == 302  # queued for the worker; the page shows the result
    assert "审计链完整" in auditor_client.get("/audit/verify/").content.decode()
    assert AuditRecord.objects.order_by("-id").first().event == "audit_verified"
    run = VerificationRun.objects.get()
    assert run.status == "ok" and run.checked == run.head_id >= 3 and run.finished_at


def test_verify_page_polls_while_a_check_is_queued_and_never_queues_two(auditor_client):
    auditor_client.post("/audit/verify/")  # not committed: the worker has not run it
    auditor_client.post("/audit/verify/")
    assert VerificationRun.objects.count() == 1
    html = auditor_client.get("/audit/verify/").content.decode()
    assert "排队中" in html and 'hx-trigger="every 2s"' in html


def test_verification_task_leaves_a_run_another_worker_took():
    from zhongshu.audit.services import perform_verification

    run = VerificationRun.objects.create(requested_at=timezone.now(), status="running")
    assert perform_verification(run.pk) == "skipped"


def test_verify_page_names_the_first_broken_record(
    auditor_client, django_capture_on_commit_callbacks
):
    entries = append(3)
    with as_database_owner() as cursor:
        cursor.execute(
            "UPDATE audit_auditrecord SET after = %s WHERE id = %s", ['{"n": 9}', entries[1].id]
        )
    with django_capture_on_commit_callbacks(execute=True):
        auditor_client.post("/audit/verify/")
    html = auditor_client.get("/audit/verify/").content.decode()
    assert "审计链断裂" in html and f"第 {entries[1].id} 条记录" in html
    verified = AuditRecord.objects.order_by("-id").first()
    assert verified.after["ok"] is False and verified.after["broken_id"] == entries[1].id


def test_audit_api_is_cursor_paged_and_filtered(auditor_client, django_assert_max_num_queries):
    append(60)
    record(actor=None, event="person_archived")
    with django_assert_max_num_queries(6):  # session, user, page: not one per record
        page = auditor_client.get("/api/v1/audit/records/").json()
    assert len(page["results"]) == 50 and page["next"] and "cursor=" in page["next"]
    ids = [r["id"] for r in page["results"]]
    assert ids == sorted(ids, reverse=True)
    more = auditor_client.get(page["next"]).json()
    assert not {r["id"] for r in more["results"]} & set(ids)
    only = auditor_client.get("/api/v1/audit/records/", {"event": "person_archived"}).json()
    assert [r["event"] for r in only["results"]] == ["person_archived"]


def test_audit_api_is_refused_to_business_users_even_with_a_token(client):
    from zhongshu.accounts import services

    clerk = UserFactory(roles=["secretariat_clerk"])
    _token, key = services.create_api_token(actor=clerk, name="t", days=30)
    response = client.get("/api/v1/audit/records/", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 403
