"""Pages: the permission matrix (anonymous → login, 三员 → 403, out of scope → 404),
the registration form end to end, actions from the page, the handling sheet, the
leader's phone view, export, statistics, and query counts on the list."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zhongshu.incoming import services
from zhongshu.incoming.choices import DocState
from zhongshu.incoming.models import IncomingDocument

from .factories import handling, instructing, pdf_upload, registered

pytestmark = pytest.mark.django_db


def client_for(client, user):
    if user is not None:
        client.force_login(user)
    return client


def pages(doc):
    return [
        reverse("incoming:document_list"),
        reverse("incoming:leader_list"),
        reverse("incoming:statistics"),
        reverse("incoming:statistics_chart"),
        reverse("incoming:document_detail", args=[doc.uuid]),
        reverse("incoming:document_sheet", args=[doc.uuid]),
        reverse("incoming:leader_document", args=[doc.uuid]),
    ]


def test_permission_matrix(org, client):
    doc = handling(org)
    detail_pages = pages(doc)[4:]
    # anonymous → login
    for url in pages(doc):
        assert client.get(url).status_code == 302
    # the three administrators read no business content
    client.force_login(org.admin)
    for url in pages(doc):
        assert client.get(url).status_code == 403
    # the registry, the leader it passed through, the handling units, the sender: 200
    for user in (org.clerk, org.deputy, org.edu_staff, org.fin_staff):
        client.force_login(user)
        for url in pages(doc):
            assert client.get(url).status_code == 200, (user, url)
    # out of scope: a leader it never passed through, another department → 404
    for user in (org.other_leader, org.outsider):
        client.force_login(user)
        for url in detail_pages:
            assert client.get(url).status_code == 404, (user, url)
        assert doc.title not in client.get(reverse("incoming:document_list")).content.decode()
    # registration only for the registry
    for user, status in ((org.clerk, 200), (org.deputy, 403), (org.edu_staff, 403)):
        client.force_login(user)
        assert client.get(reverse("incoming:document_register")).status_code == status


def test_a_leader_sees_only_what_passed_through_them(org):
    from zhongshu.incoming.policies import documents

    mine = instructing(org)
    waiting = instructing(
        org, leaders=[org.other_leader.person, org.deputy.person], sender_number="示教发〔2026〕3号"
    )
    seen = set(documents.visible_to(org.deputy))
    assert mine in seen and waiting not in seen  # the deputy's step in `waiting` has not come yet
    assert set(documents.visible_to(org.other_leader)) == {waiting}
    assert set(documents.visible_to(org.clerk)) == {mine, waiting}


def test_drafts_are_seen_only_by_the_registry(org):
    from zhongshu.incoming.policies import documents

    draft = services.save_draft(actor=org.clerk, data={"title": "草稿", "sender_unit": org.edu})
    assert draft in documents.visible_to(org.clerk)
    assert draft not in documents.visible_to(org.edu_staff)


def test_action_permissions_on_pages(org, client):
    doc = instructing(org)
    url = reverse("incoming:document_action", args=[doc.uuid, "instruct"])
    client.force_login(org.clerk)
    assert client.post(url, {"decision": "agree"}).status_code == 403
    client.force_login(org.outsider)
    assert client.post(url, {"decision": "agree"}).status_code == 404
    client.force_login(org.deputy)
    assert (
        client.post(reverse("incoming:document_action", args=[doc.uuid, "archive"])).status_code
        == 403
    )
    response = client.post(url, {"decision": "agree", "from": "leader"})
    assert response.status_code == 302
    doc.refresh_from_db()
    assert doc.state == DocState.HANDLING


def test_registration_form_registers_and_goes_on_to_the_next(org, client):
    client.force_login(org.clerk)
    response = client.post(
        reverse("incoming:document_register"),
        {
            "sender": "区教育局",
            "sender_number": "示教发(2026)012号",
            "title": "关于增设城区中小学学位的请示",
            "kind": "request",
            "urgency": "normal",
            "classification": "none",
            "received_at": "2026-09-21T09:30",
            "copies": "2",
            "pages": "3",
            "signer": "刘明",
            "contact_person": "张华",
            "contact_phone": "0311-87654321",
            "electronic_received": "on",
            "main_file": pdf_upload(),
            "intent": "register",
            "next": "another",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    doc = IncomingDocument.objects.get()
    assert doc.sender_unit == org.edu and doc.state == DocState.REGISTERED
    page = client.get(response["Location"]).content.decode()
    assert doc.register_number in page and "六角括号" in page  # the number warning shown


def test_registration_form_refusal_keeps_the_input(org, client):
    client.force_login(org.clerk)
    response = client.post(
        reverse("incoming:document_register"),
        {
            "sender": "区教育局",
            "title": "关于某事的请示",
            "kind": "request",
            "urgency": "normal",
            "classification": "none",
            "copies": "1",
            "intent": "register",
        },
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "DOC-IN-3" in body and "关于某事的请示" in body
    response = client.post(
        reverse("incoming:document_register"),
        {
            "sender": "区教育局",
            "title": "关于某事的请示",
            "kind": "request",
            "urgency": "normal",
            "classification": "none",
            "copies": "1",
            "intent": "draft",
        },
    )
    assert response.status_code == 302
    assert IncomingDocument.objects.get().state == DocState.DRAFT


def test_detail_shows_review_findings_with_rule_ids_and_actions(org, client):
    doc = registered(org, signer="张华")
    client.force_login(org.clerk)
    body = client.get(reverse("incoming:document_detail", args=[doc.uuid])).content.decode()
    assert "DOC-IN-3" in body and "初审通过" in body and "提出退文" in body
    response = client.post(
        reverse("incoming:document_action", args=[doc.uuid, "pass_review"]),
        {"matter_count": "2", "electronic_consistent": "on", "version": doc.version},
    )
    assert response.status_code == 422
    assert "DOC-IN-2" in response.content.decode()
    response = client.post(
        reverse("incoming:document_action", args=[doc.uuid, "pass_review"]),
        {"matter_count": "1", "electronic_consistent": "on", "version": doc.version},
    )
    assert response.status_code == 302
    doc.refresh_from_db()
    assert doc.state == DocState.REVIEWED


def test_stale_version_from_the_page_is_a_conflict(org, client):
    doc = registered(org)
    client.force_login(org.clerk)
    response = client.post(
        reverse("incoming:document_action", args=[doc.uuid, "pass_review"]),
        {
            "matter_count": "1",
            "electronic_consistent": "on",
            "version": doc.version - 1 if doc.version > 1 else 99,
        },
    )
    assert response.status_code == 409 and "已被他人修改" in response.content.decode()
    doc.refresh_from_db()
    assert doc.state == DocState.REGISTERED  # nothing overwritten


def test_sheet_shows_every_instruction_in_order(org, client):
    from zhongshu.incoming.choices import Decision

    doc = instructing(org, leaders=[org.deputy.person, org.head.person])
    services.instruct(
        actor=org.deputy,
        instruction=services.pending_step(doc),
        decision=Decision.INSTRUCT,
        opinion="请教育局抓紧研究",
    )
    services.instruct(
        actor=org.head,
        instruction=services.pending_step(doc),
        decision=Decision.INSTRUCT,
        opinion="同意陈晓东同志意见",
    )
    client.force_login(org.clerk)
    body = client.get(reverse("incoming:document_sheet", args=[doc.uuid])).content.decode()
    assert body.index("请教育局抓紧研究") < body.index("同意陈晓东同志意见")
    assert "拟请陈晓东副区长阅示" in body and "sheet.css" in body


def test_leader_phone_view_lists_pending_steps(org, client):
    doc = instructing(org)
    client.force_login(org.deputy)
    body = client.get(reverse("incoming:leader_list")).content.decode()
    assert doc.title in body
    body = client.get(reverse("incoming:leader_document", args=[doc.uuid])).content.decode()
    assert "同意" in body and "圈阅" in body and "转呈" in body


def test_list_filters_search_and_export(org, client, django_assert_max_num_queries):
    for n in range(12):
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
    client.force_login(org.clerk)
    url = reverse("incoming:document_list")
    with django_assert_max_num_queries(12):
        body = client.get(url).content.decode()
    assert "关于预算调整的报告" in body
    body = client.get(url, {"q": "预算"}).content.decode()
    assert "关于预算调整的报告" in body and "扩建" not in body
    body = client.get(url, {"kind": "report"}).content.decode()
    assert "扩建" not in body
    body = client.get(url, {"sender": str(org.fin.uuid)}).content.decode()
    assert "扩建" not in body and "预算" in body
    response = client.get(url, {"format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet.max_row == 14 and sheet.cell(1, 1).value == "收文编号"


def test_statistics_and_chart(org, client):
    handling(org)
    client.force_login(org.clerk)
    body = client.get(reverse("incoming:statistics")).content.decode()
    assert "请示" in body and "区教育局" in body
    chart = client.get(reverse("incoming:statistics_chart"))
    assert chart["Content-Type"] == "image/svg+xml" and b"<svg" in chart.content


def test_doc_in_16_handling_sheet_as_a_printable_pdf_with_every_instruction(org, client):
    import io
    import shutil
    from pathlib import Path

    from pypdf import PdfReader

    from zhongshu.incoming.choices import Decision
    from zhongshu.org.tests.factories import DelegationFactory

    DelegationFactory(delegator=org.head.person, delegate=org.other_leader.person)
    doc = instructing(org, leaders=[org.deputy.person, org.head.person])
    services.instruct(
        actor=org.deputy,
        instruction=services.pending_step(doc),
        decision=Decision.INSTRUCT,
        opinion="请教育局抓紧研究",
    )
    services.instruct(
        actor=org.other_leader, instruction=services.pending_step(doc), decision=Decision.CIRCLE
    )
    client.force_login(org.clerk)
    url = reverse("incoming:document_sheet_pdf", args=[doc.uuid])
    word = client.get(url, {"format": "docx"})
    import docx

    text = "\n".join(
        cell.text
        for table in docx.Document(io.BytesIO(b"".join(word.streaming_content))).tables
        for row in table.rows
        for cell in row.cells
    )
    assert text.index("请教育局抓紧研究") < text.index("圈阅")  # in order
    assert "赵国强（代王建国）" in text and "拟请陈晓东副区长阅示" in text
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    data = b"".join(response.streaming_content)
    import os

    if os.environ.get("ZHONGSHU_KEEP_SHEET"):
        Path(os.environ["ZHONGSHU_KEEP_SHEET"]).write_bytes(data)
    pdf = PdfReader(io.BytesIO(data))
    assert pdf.pages[0].mediabox.width == pytest.approx(595, abs=2)  # A4
    content = "".join(page.extract_text() for page in pdf.pages)
    for expected in ("收文处理笺", doc.register_number, "请教育局抓紧研究", "圈阅"):
        assert expected.replace(" ", "") in content.replace(" ", "")
    assert (
        client.get(url.replace(str(doc.uuid), "00000000-0000-0000-0000-000000000000")).status_code
        == 404
    )


def test_search_counts_its_matches_up_to_a_cap(org, client):
    from zhongshu.framework import search
    from zhongshu.incoming import views
    from zhongshu.tracking.views_common import CappedPaginator

    for n in range(4):
        registered(
            org, sender_number=f"示教发〔2026〕{n + 50}号", title=f"关于第{n + 1}所学校学位的请示"
        )
    hits = search.filter(IncomingDocument.objects.all(), "学位").values_list("pk", flat=True)
    paginator = CappedPaginator(hits, 2, cap=3)
    assert paginator.count == 4 and paginator.capped  # CAP + 1: no full count
    paginator = CappedPaginator(hits, 2, cap=views.SEARCH_CAP)
    assert paginator.count == 4 and not paginator.capped
    client.force_login(org.clerk)
    body = client.get(reverse("incoming:document_list"), {"q": "学位"}).content.decode()
    assert all(f"关于第{n}所学校学位的请示" in body for n in range(1, 5))
