"""Pages and API: the permission matrix (anonymous / no permission / permitted / out of
scope = 404), the drafting form with .docx import, actions with the rule shown, the list
with filters, Excel and a bounded number of queries, and the public page without login."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from zhongshu.framework import search

from .. import services
from ..choices import State
from ..models import OutgoingDocument
from .test_rules import to_signing

pytestmark = pytest.mark.django_db


def detail(doc) -> str:
    return reverse("outgoing:detail", args=[doc.uuid])


def act(doc, action: str) -> str:
    return reverse("outgoing:act", args=[doc.uuid, action])


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        (None, 302),  # anonymous → login
        ("jyj_lly", 404),  # another department: out of scope
        ("czj_lly", 200),  # the drafting unit
        ("czj_fzr", 200),
        ("msk_0", 200),  # 秘书科 sees every document
        ("fuquzhang1", 200),  # government leaders see the register
    ],
)
def test_detail_permission_matrix(client, demo, who, expected):
    doc = demo.draft()
    if who:
        client.force_login(demo.user(who))
    assert client.get(detail(doc)).status_code == expected


def test_admin_is_refused_business_pages(client, demo):
    from zhongshu.accounts.models import User

    admin = User.objects.filter(admin_role="system").first()
    client.force_login(admin)
    assert client.get(reverse("outgoing:list")).status_code == 403


@pytest.mark.parametrize(
    ("who", "action", "expected"),
    [
        ("czj_lly", "review", 403),  # the drafter cannot review
        ("zwk_0", "review", 403),  # 政务科 is not the first review
        ("msk_0", "review", 302),  # 秘书科 first review
        ("jyj_lly", "review", 404),  # out of scope
        ("fuquzhang1", "sign", 403),  # not yet signing
        ("mishuke", "number", 403),  # not yet numbering
    ],
)
def test_action_permission_matrix(client, demo, who, action, expected):
    doc = demo.draft()
    services.submit(actor=demo.user("czj_lly"), document=doc)
    client.force_login(demo.user(who))
    assert client.post(act(doc, action), {"opinion": "同意"}).status_code == expected


def test_drafting_form_creates_a_draft_and_shows_the_route(client, demo):
    client.force_login(demo.user("jyj_lly"))
    assert client.get(reverse("outgoing:create")).status_code == 200
    data = {
        "kind": "notice",
        "layout": "document",
        "issuer": demo.office.pk,
        "title": "示范区人民政府办公室关于做好秋季学期开学工作的通知",
        "main_recipients": "各街道办事处",
        "body_text": "为做好开学工作，现通知如下。\n一、加强校园安全\n（一）排查隐患。",
        "attachments_text": "开学工作检查表",
        "classification": "none",
        "urgency": "normal",
        "disclosure": "public",
        "length_category": "special",
        "form_reason": "涉及多部门",
        **{f"necessity_{i}": "有" for i in range(6)},
        **{f"question_{i}": ("yes" if i == 3 else "no") for i in range(4)},
    }
    response = client.post(reverse("outgoing:create"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    doc = OutgoingDocument.objects.get(title=data["title"])
    assert [p["level"] for p in doc.body] == [0, 1, 2]
    assert doc.attachment_notes == ["开学工作检查表"]
    page = client.get(detail(doc)).content.decode()
    assert "陈晓东（分管副区长签发）" in page  # DOC-OUT-6 shown before submission
    assert client.post(act(doc, "submit"), {"version": doc.version}).status_code == 302
    doc.refresh_from_db()
    assert doc.state == State.FIRST_REVIEW


def test_drafting_form_imports_a_docx(client, demo):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from docx import Document

    source = Document()
    for text in (
        "示范区教育局关于开展校园安全检查的通知",
        "各中小学：",
        "为保障师生安全，现通知如下。",
        "一、检查范围",
        "（一）全区中小学。",
        "附件：1.检查表",
        "2.汇总表",
        "示范区教育局",
        "2026年9月1日",
    ):
        source.add_paragraph(text)
    buffer = io.BytesIO()
    source.save(buffer)
    upload = SimpleUploadedFile(
        "draft.docx",
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    client.force_login(demo.user("jyj_lly"))
    data = {
        "kind": "notice", "layout": "document", "issuer": demo.unit("示范区教育局").pk,
        "classification": "none", "urgency": "normal", "disclosure": "public",
        "length_category": "other", "upload": upload,
    }  # fmt: skip
    response = client.post(reverse("outgoing:create"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    doc = OutgoingDocument.objects.latest("id")
    assert doc.title == "示范区教育局关于开展校园安全检查的通知"
    assert doc.main_recipients == "各中小学"
    assert [p["level"] for p in doc.body] == [0, 1, 2]
    assert doc.attachment_notes == ["检查表", "汇总表"]


def test_refused_action_shows_rule_id(client, demo):
    doc = demo.draft(title="关于优化营商环境")
    client.force_login(demo.user("czj_lly"))
    response = client.post(act(doc, "submit"), follow=True)
    assert "DOC-OUT-20" in response.content.decode()


def test_sign_page_usable_and_sign_through_the_page(client, demo):
    doc = to_signing(demo, demo.draft())
    client.force_login(demo.user("changwu"))
    page = client.get(detail(doc)).content.decode()
    assert 'name="opinion"' in page and "签发" in page
    assert (
        client.post(act(doc, "sign"), {"opinion": "同意", "version": doc.version}).status_code
        == 302
    )
    doc.refresh_from_db()
    assert doc.state == State.RECHECK


def test_list_filters_export_and_query_count(client, demo, django_assert_max_num_queries):
    for i in range(30):
        demo.draft(title=f"示范区人民政府办公室关于第{i}项工作的通知")
    client.force_login(demo.user("msk_0"))
    with django_assert_max_num_queries(14):
        response = client.get(reverse("outgoing:list"))
    assert response.status_code == 200
    response = client.get(reverse("outgoing:list"), {"q": "第7项"})
    assert "第7项" in response.content.decode() and "第8项" not in response.content.decode()
    export = client.get(reverse("outgoing:list"), {"format": "xlsx"})
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    from openpyxl import load_workbook

    rows = list(load_workbook(io.BytesIO(export.content)).active.values)
    assert rows[0][1] == "标题" and len(rows) == 31


def test_download_docx_of_a_draft(client, demo):
    doc = demo.draft()
    client.force_login(demo.user("czj_lly"))
    response = client.get(reverse("outgoing:download", args=[doc.uuid, "docx"]))
    assert response.status_code == 200
    assert response.content[:2] == b"PK"


def _published(demo):
    doc = to_signing(demo, demo.draft())
    services.sign(actor=demo.user("changwu"), document=doc, opinion="同意")
    services.recheck(actor=demo.user("mishuke"), document=doc, substantive_change=False)
    services.assign_number(actor=demo.user("mishuke"), document=doc)
    services.issue(actor=demo.user("mishuke"), document=doc)
    return doc


def test_doc_out_14_public_page_without_login_with_search(client, demo):
    doc = _published(demo)
    hidden = demo.draft(title="示范区人民政府办公室关于内部事项的通知")
    page = client.get(reverse("outgoing:public_list")).content.decode()
    assert doc.title in page and doc.number in page
    assert hidden.title not in page
    assert (
        doc.title
        not in client.get(reverse("outgoing:public_list"), {"q": "不存在的词"}).content.decode()
    )
    assert client.get(reverse("outgoing:public_detail", args=[doc.uuid])).status_code == 200
    assert client.get(reverse("outgoing:public_detail", args=[hidden.uuid])).status_code == 404
    docx = client.get(reverse("outgoing:public_download", args=[doc.uuid, "docx"]))
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    api = client.get("/api/v1/outgoing/public/")
    assert api.status_code == 200
    assert [d["number"] for d in api.json()["results"]] == [doc.number]


# --- API ---------------------------------------------------------------------------------
def test_api_create_submit_and_refusal_payload(client, demo):
    from .helpers import BODY, NECESSITY, QUESTIONS_NO

    client.force_login(demo.user("czj_lly"))
    payload = {
        "title": "示范区人民政府办公室关于加强财政资金管理的通知",
        "issuer": str(demo.office.uuid),
        "body": BODY,
        "necessity": NECESSITY,
        "questions": QUESTIONS_NO,
        "form_reason": "全区普发",
        "disclosure": "public",
    }
    response = client.post("/api/v1/outgoing/documents/", payload, content_type="application/json")
    assert response.status_code == 201, response.json()
    uuid = response.json()["uuid"]
    route = client.get(f"/api/v1/outgoing/documents/{uuid}/route/").json()
    assert route["route_text"] == "李振华（分管副区长签发）"
    response = client.post(
        f"/api/v1/outgoing/documents/{uuid}/submit/", {}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["state"] == "first_review"
    response = client.post(
        f"/api/v1/outgoing/documents/{uuid}/sign/",
        {"opinion": "同意"},
        content_type="application/json",
    )
    assert response.status_code == 403
    client.force_login(demo.user("msk_0"))
    response = client.post(
        f"/api/v1/outgoing/documents/{uuid}/review/",
        {"opinion": "同意", "gates": ["政治关"]},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["state"] == "affairs_review"


def test_api_rule_violation_answers_with_rule_ids(client, demo):
    doc = demo.draft(title="关于优化营商环境")
    client.force_login(demo.user("czj_lly"))
    response = client.post(
        f"/api/v1/outgoing/documents/{doc.uuid}/submit/", {}, content_type="application/json"
    )
    assert response.status_code == 422
    assert "DOC-OUT-20" in {e["rule"] for e in response.json()["errors"]}


def test_api_update_needs_if_match(client, demo):
    doc = demo.draft()
    client.force_login(demo.user("czj_lly"))
    url = f"/api/v1/outgoing/documents/{doc.uuid}/"
    assert client.patch(url, {"title": "x"}, content_type="application/json").status_code == 428
    etag = client.get(url)["ETag"]
    response = client.patch(
        url, {"copy_to": "区委办公室"}, content_type="application/json", HTTP_IF_MATCH=etag
    )
    assert response.status_code == 200 and response.json()["copy_to"] == "区委办公室"
    stale = client.patch(url, {"copy_to": "x"}, content_type="application/json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412


def test_api_list_scope_and_queries(client, demo, django_assert_max_num_queries):
    for i in range(10):
        demo.draft(title=f"示范区人民政府办公室关于第{i}项工作的通知")
    client.force_login(demo.user("jyj_lly"))
    assert client.get("/api/v1/outgoing/documents/").json()["results"] == []
    client.force_login(demo.user("czj_lly"))
    with django_assert_max_num_queries(12):
        response = client.get("/api/v1/outgoing/documents/")
    assert len(response.json()["results"]) == 10


def test_reviewer_adjusts_form_on_the_page(client, demo):
    doc = demo.draft()
    services.submit(actor=demo.user("czj_lly"), document=doc)
    client.force_login(demo.user("msk_0"))
    data = {
        "kind": "notice", "layout": "document", "classification": "none", "secrecy_period": "",
        "urgency": "urgent", "disclosure": "public", "disclosure_reason": "", "version": doc.version,
    }  # fmt: skip
    assert client.post(act(doc, "adjust"), data).status_code == 302
    doc.refresh_from_db()
    assert doc.urgency == "urgent"


def test_doc_out_1_ledger_page_lists_items_with_dates_and_the_fulfilling_document(
    client, demo, clock, django_assert_max_num_queries
):
    from .conftest import at

    for i in range(5):
        services.add_to_ledger(
            actor=demo.user("mishuke"),
            subject=f"贯彻落实市政府第{i}号文件",
            lead_unit=demo.unit("示范区财政局"),
            received_at=at(2026, 11, 16, 9),
            issue_due=at(2026, 12, 31).date(),
        )
    from zhongshu.tracking.models import TrackedItem

    item = TrackedItem.objects.filter(kind="outgoing.ledger").order_by("id").first()
    doc = demo.draft(ledger_item=item)
    client.force_login(demo.user("msk_0"))
    with django_assert_max_num_queries(16):
        page = client.get(reverse("outgoing:ledger"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "贯彻落实市政府第4号文件" in html
    assert "2026年12月7日" in html  # draft due 15 working days after 16 Nov (DOC-IN-15)
    assert "发文时限：2026年12月31日" in html
    assert doc.title in html
    # a department sees its own items only, and cannot add any
    client.force_login(demo.user("jyj_lly"))
    assert "贯彻落实" not in client.get(reverse("outgoing:ledger")).content.decode()
    assert client.post(reverse("outgoing:ledger"), {"subject": "x"}).status_code == 403
    client.force_login(demo.user("czj_lly"))
    assert "贯彻落实市政府第0号文件" in client.get(reverse("outgoing:ledger")).content.decode()


def test_doc_out_1_secretariat_adds_a_ledger_item_on_the_page(client, demo):
    client.force_login(demo.user("mishuke"))
    response = client.post(
        reverse("outgoing:ledger"),
        {
            "subject": "贯彻落实市政府关于安全生产的通知",
            "lead_unit": demo.unit("示范区财政局").pk,
            "received_on": "2026-11-16",
            "issue_due": "2026-12-31",
        },
    )
    assert response.status_code == 302
    from zhongshu.tracking.models import TrackedItem

    item = TrackedItem.objects.get(subject="贯彻落实市政府关于安全生产的通知")
    assert (item.kind, item.lead_unit.name) == ("outgoing.ledger", "示范区财政局")
    # the drafting form offers it
    client.force_login(demo.user("czj_lly"))
    assert (
        "贯彻落实市政府关于安全生产的通知"
        in client.get(reverse("outgoing:create")).content.decode()
    )


def test_doc_out_8_transferred_document_page_shows_its_state(client, demo):
    doc = to_signing(demo, demo.draft(is_party_joint=True))
    step = services.current_signing_step(doc)
    user = next(u for u in demo.users.values() if u.person_id == step.person_id)
    services.sign(actor=user, document=doc, opinion="同意")
    services.recheck(actor=demo.user("mishuke"), document=doc, substantive_change=False)
    client.force_login(demo.user("mishuke"))
    page = client.get(detail(doc))
    assert page.status_code == 200 and "已转区委办公室" in page.content.decode()
    assert act(doc, "number") not in page.content.decode()


def test_doc_out_3_the_office_sees_the_answers_and_the_necessity_statement(client, demo):
    doc = demo.draft(consultation_topics=["财政资金"])
    doc.consulted_units.set([demo.unit("示范区审计局")])
    services.submit(actor=demo.user("czj_lly"), document=doc)
    client.force_login(demo.user("msk_0"))
    html = client.get(detail(doc)).content.decode()
    assert "法律法规规章或现行文件是否已有明确规定：否（现行文件未作规定）" in html
    assert "主要依据：《市人民政府关于进一步优化营商环境的意见》" in html
    assert "涉及全区各部门，需以办公室文件印发" in html  # DOC-OUT-4
    from ..body import count_characters

    assert "财政资金" in html and f"正文{count_characters(doc.body)}字" in html  # DOC-OUT-5


def test_doc_out_14_public_list_and_api_query_counts(client, demo, django_assert_max_num_queries):
    from ..models import OutgoingDocument

    first = _published(demo)
    for i in range(12):  # more published documents, copies of the first
        doc = demo.draft(title=f"示范区人民政府办公室关于第{i}项公开事项的通知")
        OutgoingDocument.objects.filter(pk=doc.pk).update(
            state=State.PUBLISHED,
            number=f"示政办发〔2026〕{i + 10}号",
            issued_at=first.issued_at,
            published_at=first.published_at,
            signed_on=first.signed_on,
        )
    with django_assert_max_num_queries(6):
        page = client.get(reverse("outgoing:public_list"))
    assert page.content.decode().count("示政办发〔2026〕") >= 13
    with django_assert_max_num_queries(4):
        api = client.get("/api/v1/outgoing/public/")
    assert len(api.json()["results"]) == 13


def test_doc_out_14_search_finds_words_of_the_title_and_the_number_given_later(client, demo):
    """The lists search through the full-text index (jieba words of title and number): a
    two-character word of the title finds the document, and so does its number once it has
    one (the index follows the numbering); a word in neither finds nothing."""
    doc = _published(demo)
    assert doc.number
    public = reverse("outgoing:public_list")
    by_number = client.get(public, {"q": doc.number}).content.decode()
    assert doc.title in by_number
    assert "营商环境" in doc.title
    word = "营商"  # a two-character word: a trigram index could not find it
    assert search.query_words(word) == [word]
    assert doc.title in client.get(public, {"q": word}).content.decode()
    assert doc.title not in client.get(public, {"q": "不存在的词"}).content.decode()
    client.force_login(demo.user("msk_0"))
    internal = client.get(reverse("outgoing:list"), {"q": doc.number}).content.decode()
    assert doc.title in internal
