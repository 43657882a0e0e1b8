"""API: register and read status (another system), every step, errors with rule IDs,
ETag / If-Match, the permission matrix and query counts on the list."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from zhongshu.incoming.choices import DocState
from zhongshu.incoming.models import IncomingDocument

from .factories import handling, instructing, pdf_upload, registered

pytestmark = pytest.mark.django_db
BASE = "/api/v1/incoming/documents/"


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def register_payload(org, **over):
    data = {
        "sender_unit": str(org.edu.uuid),
        "sender_number": "示教发〔2026〕12号",
        "title": "关于增设城区中小学学位的请示",
        "kind": "request",
        "received_at": "2026-09-21T09:30:00+08:00",
        "signer": "刘明",
        "contact_person": "张华",
        "contact_phone": "0311-87654321",
        "main_file": pdf_upload(),
    }
    data.update(over)
    return data


def test_register_read_and_walk_every_step_through_the_api(org):
    clerk = api(org.clerk)
    response = clerk.post(BASE, register_payload(org), format="multipart")
    assert response.status_code == 201, response.content
    uuid = response.data["uuid"]
    assert response.data["state"] == "registered" and response["ETag"]
    assert response.data["files"][0]["extraction_failed"] is False
    response = clerk.post(f"{BASE}{uuid}/pass-review/", {"matter_count": 1}, format="json")
    assert response.status_code == 200 and response.data["state"] == "reviewed"
    response = clerk.post(
        f"{BASE}{uuid}/propose-handling/",
        {
            "mode": "handle",
            "proposal": "拟请陈晓东副区长阅示。",
            "leaders": [str(org.deputy.person.uuid)],
            "lead_unit": str(org.edu.uuid),
        },
        format="json",
    )
    assert response.data["state"] == "instructing"
    assert response.data["instructions"][0]["state"] == "pending"
    response = api(org.deputy).post(
        f"{BASE}{uuid}/instruct/",
        {"decision": "instruct", "opinion": "同意，抓紧办理。"},
        format="json",
    )
    assert response.status_code == 200 and response.data["state"] == "handling"
    task = response.data["tasks"][0]["uuid"]
    response = api(org.edu_staff).post(
        f"{BASE}{uuid}/report/",
        {"task": task, "result": "已办理", "reply_number": "示教函〔2026〕5号"},
        format="json",
    )
    assert response.data["state"] == "completed"
    response = clerk.post(f"{BASE}{uuid}/archive/", {}, format="json")
    assert response.data["state"] == "archived"
    status = api(org.edu_staff).get(f"{BASE}{uuid}/")
    assert (
        status.data["state_label"] == "已归档"
        and status.data["reply_number"] == "示教函〔2026〕5号"
    )


def test_refusals_carry_rule_ids_and_status(org):
    clerk = api(org.clerk)
    response = clerk.post(
        BASE, register_payload(org, signer="", main_file=pdf_upload()), format="multipart"
    )
    assert response.status_code == 422
    assert response.data["errors"][0]["rule"] == "DOC-IN-3"
    doc = registered(org)
    response = clerk.post(f"{BASE}{doc.uuid}/pass-review/", {"matter_count": 2}, format="json")
    assert response.status_code == 422 and response.data["errors"][0]["rule"] == "DOC-IN-2"
    response = clerk.post(f"{BASE}{doc.uuid}/archive/", {}, format="json")
    assert response.status_code == 409 and response.data["errors"][0]["rule"] == "DOC_IN_STATE"
    assert "待初审" in response.data["errors"][0]["message"]


def test_bad_file_is_refused_with_a_clear_message(org):
    from django.core.files.uploadedfile import SimpleUploadedFile

    exe = SimpleUploadedFile("正文.pdf", b"MZ\x90\x00" + b"0" * 64)
    response = api(org.clerk).post(BASE, register_payload(org, main_file=exe), format="multipart")
    assert response.status_code == 422 and "可执行" in response.data["errors"][0]["message"]
    assert not IncomingDocument.objects.exists()


def test_draft_then_concurrent_edit_is_a_conflict(org):
    clerk = api(org.clerk)
    doc = registered(org)
    assert clerk.patch(f"{BASE}{doc.uuid}/", {"title": "新标题"}, format="json").status_code == 428
    etag = clerk.get(f"{BASE}{doc.uuid}/")["ETag"]
    assert (
        clerk.patch(
            f"{BASE}{doc.uuid}/", {"title": "新标题"}, format="json", HTTP_IF_MATCH=etag
        ).status_code
        == 200
    )
    response = clerk.patch(
        f"{BASE}{doc.uuid}/", {"title": "另一个"}, format="json", HTTP_IF_MATCH=etag
    )
    assert response.status_code == 412
    assert IncomingDocument.objects.get(pk=doc.pk).title == "新标题"
    response = clerk.post(BASE, {"draft": True, "title": "半截"}, format="json")
    assert response.status_code == 201 and response.data["state"] == DocState.DRAFT


def test_permission_matrix(org):
    doc = handling(org)
    url = f"{BASE}{doc.uuid}/"
    assert api().get(BASE).status_code in (401, 403)
    assert api(org.admin).get(BASE).status_code == 403
    for user in (org.clerk, org.deputy, org.edu_staff, org.fin_staff):
        assert api(user).get(url).status_code == 200
    for user in (org.other_leader, org.outsider):
        assert api(user).get(url).status_code == 404
        assert api(user).get(BASE).data["results"] == []
    assert (
        api(org.edu_staff).post(BASE, register_payload(org), format="multipart").status_code == 403
    )
    assert api(org.edu_staff).post(f"{url}archive/", {}, format="json").status_code == 403
    other = instructing(org, sender_number="示教发〔2026〕99号")
    response = api(org.clerk).post(
        f"{BASE}{other.uuid}/instruct/", {"decision": "agree"}, format="json"
    )
    assert response.status_code == 403


def test_list_filters_search_and_query_count(org, django_assert_max_num_queries):
    for n in range(8):
        registered(
            org, sender_number=f"示教发〔2026〕{n + 1}号", title=f"关于第{n + 1}所学校扩建的请示"
        )
    registered(
        org,
        sender_unit=org.fin,
        signer="周红",
        sender_number="示财发〔2026〕1号",
        title="关于预算调整的报告",
        kind="report",
    )
    client = api(org.clerk)
    with django_assert_max_num_queries(8):
        response = client.get(BASE)
    assert len(response.data["results"]) == 9
    assert [r["title"] for r in client.get(BASE, {"q": "预算"}).data["results"]] == [
        "关于预算调整的报告"
    ]
    assert len(client.get(BASE, {"kind": "request"}).data["results"]) == 8


def test_classified_document_is_refused_and_only_its_paper_record_is_kept(org):
    clerk = api(org.clerk)
    response = clerk.post(
        BASE,
        register_payload(org, classification="secret", secrecy_period="10年"),
        format="multipart",
    )
    assert response.status_code == 422
    assert response.data["errors"][0]["rule"] == "DOC_CLASSIFIED"
    assert "涉密网络" in response.data["errors"][0]["message"]
    assert not IncomingDocument.objects.exists()
    # the paper record keeps no file
    response = clerk.post(
        BASE,
        register_payload(org, classification="secret", paper_reason="秘密件，纸质流转"),
        format="multipart",
    )
    assert response.status_code == 422 and not IncomingDocument.objects.exists()
    payload = register_payload(org, classification="secret", paper_reason="秘密件，纸质流转")
    payload.pop("main_file")
    response = clerk.post(BASE, payload, format="multipart")
    assert response.status_code == 201 and response.data["state"] == DocState.PAPER_RECORD
    assert response.data["files"] == []
    uuid = response.data["uuid"]
    response = clerk.post(f"{BASE}{uuid}/files/", {"file": pdf_upload()}, format="multipart")
    assert response.status_code == 409
    assert IncomingDocument.objects.get(uuid=uuid).files.count() == 0


def test_a_refused_upload_leaves_the_record_and_its_files_intact(org):
    from django.core.files.uploadedfile import SimpleUploadedFile

    doc = registered(org)
    before = (doc.version, doc.title, list(doc.files.values_list("name", flat=True)))
    clerk = api(org.clerk)
    for bad, words in (
        (SimpleUploadedFile("附件.exe", b"MZ\x90\x00" + b"0" * 64), "可执行"),
        (SimpleUploadedFile("附件.bin", b"\x00\x01\x02garbage" * 10), ""),
    ):
        response = clerk.post(f"{BASE}{doc.uuid}/files/", {"file": bad}, format="multipart")
        assert response.status_code == 422
        assert words in response.data["errors"][0]["message"]
    doc.refresh_from_db()
    assert (doc.version, doc.title, list(doc.files.values_list("name", flat=True))) == before
    assert doc.state == DocState.REGISTERED
