"""Notices, reports and bulletins go out as documents (issue 6: "notices and reports go out
as documents"; SUP-3 the district report through the document flow; SUP-6 the 《督查通知》;
SUP-11 the bulletin issued as an outgoing document)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from zhongshu.framework.errors import RuleViolation
from zhongshu.outgoing.models import OutgoingDocument
from zhongshu.supervision import services
from zhongshu.supervision.choices import BulletinState, CaseKind, Period

from .conftest import at

pytestmark = pytest.mark.django_db
API = "/api/v1/supervision"


def issue_outgoing(document: OutgoingDocument, number: str) -> None:
    """Stands for the outgoing module's flow (review, signing, numbering) having run."""
    OutgoingDocument.objects.filter(pk=document.pk).update(state="issued", number=number)


def special_case(org):
    case = services.register_case(
        actor=org.officer,
        kind=CaseKind.SPECIAL,
        title="安全生产大检查",
        ordered_by=org.head.person,
        plan="分三组开展明查暗访",
    )
    services.approve_case(actor=org.officer, case=case)
    services.issue_case_notice(
        actor=org.officer,
        case=case,
        notice={
            "basis": "区长批示",
            "time": "2026年3月10日至20日",
            "targets": "各街道、区应急局",
            "content": "危化品企业安全管理",
            "form": "明查暗访",
            "feedback": "3月25日前书面报送",
        },
    )
    return case


def test_sup_6_notice_goes_out_as_an_outgoing_draft_with_its_six_parts(org, clock):
    clock.set(at(2026, 3, 9, 10, 0))
    case = special_case(org)
    document = services.draft_case_document(actor=org.officer, case=case, what="notice")
    assert document.kind == "notice" and document.title == "关于开展安全生产大检查专项督查的通知"
    assert document.drafter == org.officer.person and document.state == "drafting"
    texts = [p["text"] for p in document.body]
    assert texts[:2] == ["一、督查依据", "区长批示"] and "六、反馈方式" in texts
    assert list(services.documents_of(case)) == [document]
    with pytest.raises(RuleViolation) as exc:  # one live draft at a time
        services.draft_case_document(actor=org.officer, case=case, what="notice")
    assert exc.value.violations[0].rule == "SUP_STATE"


def test_sup_3_district_report_only_once_written_and_goes_up_to_the_city(org, clock):
    clock.set(at(2026, 3, 9, 10, 0))
    case = services.register_case(
        actor=org.officer, kind=CaseKind.CITY_WRITTEN, title="市督查室安全生产督查"
    )
    with pytest.raises(RuleViolation):
        services.draft_case_document(actor=org.officer, case=case, what="report")
    services.approve_case(actor=org.officer, case=case, plan="各单位自查")
    services.issue_case_notice(actor=org.officer, case=case, notice={"content": "请自查"})
    services.collect_case_reports(actor=org.officer, case=case, findings="自查报告12份")
    services.submit_case_report(
        actor=org.officer, case=case, report="一、总体情况\n全区开展自查。\n二、存在问题\n3项。"
    )
    document = services.draft_case_document(actor=org.officer, case=case, what="report")
    assert document.kind == "report" and document.main_recipients == "市政府督查室"
    assert [p["level"] for p in document.body] == [1, 0, 1, 0]


def test_sup_4_ledger_notice_lists_the_items(org, clock):
    clock.set(at(2026, 3, 2, 9, 0))
    case = services.register_case(
        actor=org.officer, kind=CaseKind.KEY_WORK, title="2026年区政府重点工作任务分解台账"
    )
    services.add_supervised_item(
        actor=org.officer,
        source="key_work",
        subject="新建扩建学校5所",
        lead_unit=org.edu,
        due_date=dt.date(2026, 12, 31),
        case=case,
    )
    services.approve_case(actor=org.officer, case=case)
    services.issue_case_notice(actor=org.officer, case=case, notice={"content": "现将台账印发"})
    document = services.draft_case_document(actor=org.officer, case=case, what="notice")
    texts = [p["text"] for p in document.body]
    assert document.title == "关于印发《2026年区政府重点工作任务分解台账》的通知"
    assert any(
        "新建扩建学校5所（牵头单位：区教育局；完成时限：2026年12月31日）" in t for t in texts
    )


def test_sup_11_bulletin_issued_with_the_number_of_its_outgoing_document(org, clock, client):
    clock.set(at(2026, 4, 1, 9, 0))
    bulletin = services.generate_bulletin(
        actor=org.officer, period=Period.MONTHLY, year=2026, number=3
    )
    with pytest.raises(RuleViolation) as exc:  # nothing issued yet, no number typed
        services.issue_bulletin(actor=org.officer, bulletin=bulletin)
    assert exc.value.violations[0].rule == "DOC-OUT-18"
    client.force_login(org.officer)
    page = reverse("supervision:bulletin_detail", args=[bulletin.uuid])
    response = client.post(page, {"draft_document": "1"})
    document = OutgoingDocument.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("outgoing:detail", args=[document.uuid])
    assert document.kind == "bulletin" and document.title == bulletin.title
    issue_outgoing(document, "区政办发〔2026〕7号")
    with pytest.raises(RuleViolation):  # a different number than the document's
        services.issue_bulletin(
            actor=org.officer, bulletin=bulletin, document_number="区政办发〔2026〕8号"
        )
    assert client.post(page, {"document_number": ""}).status_code == 302
    bulletin.refresh_from_db()
    assert bulletin.state == BulletinState.ISSUED
    assert bulletin.document_number == "区政办发〔2026〕7号"


def test_sup_document_drafting_is_the_office_s_own(org, clock, client):
    clock.set(at(2026, 3, 9, 10, 0))
    case = special_case(org)
    client.force_login(org.edu_staff)
    url = reverse("supervision:case_action", args=[case.uuid, "draft-notice"])
    assert client.post(url).status_code == 404  # the unit does not see the office's case
    client.force_login(org.head)
    assert client.post(url).status_code == 403  # the head sees it, but the office drafts
    api = APIClient()
    api.force_authenticate(org.officer)
    made = api.post(f"{API}/cases/{case.uuid}/document/", {"what": "notice"}, format="json")
    assert made.status_code == 201 and made.json()["kind"] == "notice"
    again = api.post(f"{API}/cases/{case.uuid}/document/", {"what": "notice"}, format="json")
    assert again.status_code == 409 and again.json()["errors"][0]["rule"] == "SUP_STATE"
    client.force_login(org.officer)
    page = client.get(reverse("supervision:case_detail", args=[case.uuid]))
    assert "关于开展安全生产大检查专项督查的通知" in page.content.decode()
