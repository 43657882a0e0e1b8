"""Notices, reports and bulletins go out as documents (issue 6: "notices and reports go out
as documents"; SUP-3 the district report through the document flow; SUP-6 the 《督查通知》;
SUP-11 the bulletin issued as an outgoing document)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document
from rest_framework.test import APIClient

from zhongshu.accounts.tests.factories import UserFactory
from zhongshu.framework.errors import RuleViolation
from zhongshu.org.tests.factories import PersonFactory
from zhongshu.outgoing import body, printing
from zhongshu.outgoing.models import OutgoingDocument
from zhongshu.supervision import services
from zhongshu.supervision.choices import BulletinState, CaseKind, CaseState, Period, StepKind
from zhongshu.tracking import services as tracking

from .conftest import at
from .factories import make_supervised


def fresh(obj):
    obj.refresh_from_db()
    return obj


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


# --- documents issued through the outgoing flow ------------------------------------------
def issue_through_outgoing(document: OutgoingDocument, number: str, actor) -> OutgoingDocument:
    """Review, signing and numbering stand done (the outgoing module's own tests prove
    them); the issue itself is the outgoing service, which tells the source."""
    from zhongshu.outgoing import services as outgoing

    OutgoingDocument.objects.filter(pk=document.pk).update(
        state="distribution", number=number, signed_on=timezone.localdate()
    )
    return outgoing.issue(actor=actor, document=OutgoingDocument.objects.get(pk=document.pk))


@pytest.fixture
def clerk(org):
    """The office's 秘书科 clerk who issues documents: not a supervision officer."""
    return UserFactory(person=PersonFactory(name="孙丽", unit=org.office), roles=["office_staff"])


def test_sup_11_bulletin_document_carries_the_per_unit_table_and_chart(org, clock, clerk):
    clock.set(at(2026, 3, 2, 9, 0))
    line = make_supervised(org, unit=org.edu, days=10, subject="校园安全隐患排查")
    tracking.request_closeout(
        actor=org.edu_staff, item=line.item, outcome="已完成", results=["排查学校42所"]
    )
    services.approve_item_closeout(actor=org.officer, supervised=line, opinion="同意销号")
    clock.set(at(2026, 4, 1, 9, 0))
    bulletin = services.generate_bulletin(
        actor=org.officer, period=Period.MONTHLY, year=2026, number=3
    )
    document = services.draft_bulletin_document(actor=org.officer, bulletin=bulletin)
    (table,) = [b["table"] for b in document.body if "table" in b]
    assert table[0][:3] == ["单位", "新交办", "按时办结"]
    assert next(r for r in table if r[0] == "区教育局")[:3] == ["区教育局", "1", "1"]
    with bulletin.chart.open("rb") as stored:
        chart = stored.read()
    (picture,) = [b for b in document.body if "image" in b]
    assert body.image_bytes(picture) == chart
    clock.set(at(2026, 4, 3, 10, 0))  # Friday before Qingming
    issued = issue_through_outgoing(document, "区政办发〔2026〕9号", clerk)
    doc = Document(io.BytesIO(printing.docx_bytes(issued)))
    rows = [[c.text for c in row.cells] for row in doc.tables[0].rows]
    assert rows[0][0] == "单位" and next(r for r in rows if r[0] == "区教育局")[:3] == [
        "区教育局",
        "1",
        "1",
    ]
    (shape,) = doc.inline_shapes
    embed = shape._inline.graphic.graphicData.pic.blipFill.blip.embed
    assert doc.part.related_parts[embed].blob == chart
    # issuing the document issued the bulletin with its number
    bulletin.refresh_from_db()
    assert bulletin.state == BulletinState.ISSUED
    assert bulletin.document_number == "区政办发〔2026〕9号"


def test_sup_3_notice_and_report_drafted_first_complete_their_steps_when_issued(org, clock, clerk):
    clock.set(at(2026, 9, 29, 10, 0))
    case = services.register_case(
        actor=org.officer, kind=CaseKind.CITY_WRITTEN, title="市督查室安全生产督查"
    )
    clock.set(at(2026, 10, 8, 15, 0))  # the first working day after National Day
    services.approve_case(actor=org.officer, case=case, plan="由应急、住建等单位自查")
    with pytest.raises(RuleViolation):  # no content, nothing recorded yet
        services.draft_case_document(actor=org.officer, case=case, what="notice")
    notice = services.draft_case_document(
        actor=org.officer, case=case, what="notice", notice={"content": "请各单位开展自查"}
    )
    step = case.steps.get(kind=StepKind.NOTICE).item
    assert step.due_at == at(2026, 10, 10, 17, 30)  # Saturday 10 October is a working day
    assert fresh(step).state == "open" and fresh(case).state == CaseState.APPROVED
    clock.set(at(2026, 10, 10, 11, 0))
    issue_through_outgoing(notice, "区政办发〔2026〕15号", clerk)
    case = fresh(case)
    assert case.state == CaseState.NOTIFIED and case.notified_at == at(2026, 10, 10, 11, 0)
    assert (case.notice_number, case.notice_issued_at) == (
        "区政办发〔2026〕15号",
        at(2026, 10, 10, 11, 0),
    )
    step = fresh(step)
    assert step.state == "closed" and step.outcome == "已印发：区政办发〔2026〕15号"
    assert step.closed_at <= step.due_at  # on time
    clock.set(at(2026, 10, 12, 10, 0))
    services.collect_case_reports(actor=org.officer, case=case, findings="自查报告12份")
    report = services.draft_case_document(
        actor=org.officer, case=case, what="report", report="一、总体情况\n全区开展自查。"
    )
    clock.set(at(2026, 10, 16, 16, 0))
    issue_through_outgoing(report, "区政办报〔2026〕3号", clerk)
    case = fresh(case)
    assert case.state == CaseState.REPORTED and case.report == "一、总体情况\n全区开展自查。"
    assert case.report_number == "区政办报〔2026〕3号"
    assert case.report_issued_at == at(2026, 10, 16, 16, 0)
    assert case.rounds[-1]["number"] == "区政办报〔2026〕3号"
    (report_step,) = case.steps.filter(kind=StepKind.REPORT)
    assert fresh(report_step.item).state == "closed"
    assert fresh(report_step.item).due_at == at(2026, 10, 19, 17, 30)


def test_sup_4_ledger_notice_issued_as_a_document_opens_the_quarter_s_inspection(org, clock, clerk):
    clock.set(at(2026, 3, 2, 9, 0))
    case = services.register_case(
        actor=org.officer, kind=CaseKind.KEY_WORK, title="2026年区政府重点工作任务分解台账"
    )
    services.approve_case(actor=org.officer, case=case)
    document = services.draft_case_document(
        actor=org.officer, case=case, what="notice", notice={"content": "现将台账印发"}
    )
    clock.set(at(2026, 3, 5, 10, 0))
    issue_through_outgoing(document, "区政办发〔2026〕4号", clerk)
    (inspection,) = fresh(case).steps.filter(kind=StepKind.INSPECTION)
    # held by the office's officer who registered the case, not by the issuing clerk
    assert inspection.item.responsible == org.officer.person
    assert inspection.item.due_at == at(2026, 3, 31, 17, 30)
    assert fresh(case.steps.get(kind=StepKind.LEDGER_NOTICE).item).state == "closed"


def test_sup_5_transfer_notice_recorded_first_keeps_the_number_when_issued(org, clock, clerk):
    clock.set(at(2026, 4, 29, 10, 0))  # Wednesday before May Day
    case = services.register_decisions(
        actor=org.officer,
        meeting="区政府第12次常务会议",
        decisions=[
            {"subject": "推进老旧小区改造", "lead_unit": org.fin, "due_date": dt.date(2026, 6, 30)}
        ],
    )
    services.issue_case_notice(actor=org.officer, case=case, notice={"content": "转办通知"})
    document = services.draft_case_document(actor=org.officer, case=case, what="notice")
    clock.set(at(2026, 5, 6, 9, 30))
    issue_through_outgoing(document, "区政办发〔2026〕21号", clerk)
    case = fresh(case)
    assert case.state == CaseState.NOTIFIED and case.notice_number == "区政办发〔2026〕21号"
    step = case.steps.get(kind=StepKind.TRANSFER).item
    assert step.state == "closed" and step.outcome == "通知已下发"  # closed when recorded


def test_sup_6_notice_drafted_first_still_states_its_six_parts(org, clock):
    clock.set(at(2026, 6, 1, 9, 0))
    case = services.register_case(
        actor=org.officer, kind=CaseKind.SPECIAL, title="防汛专项督查", ordered_by=org.head.person
    )
    services.approve_case(actor=org.officer, case=case, plan="分三组明察暗访")
    with pytest.raises(RuleViolation) as exc:
        services.draft_case_document(
            actor=org.officer, case=case, what="notice", notice={"basis": "区长批示"}
        )
    assert {v.rule for v in exc.value.violations} == {"SUP-6"}
    assert fresh(case).notice == {}  # nothing kept from the refused draft
    client_page = reverse("supervision:case_action", args=[case.uuid, "notice"])
    from django.test import Client

    client = Client()
    client.force_login(org.officer)
    response = client.post(
        client_page,
        {
            "basis": "区长批示",
            "time": "6月8日至12日",
            "targets": "各街道",
            "content": "防汛物资",
            "form": "明察暗访",
            "feedback": "书面报告",
            "as_document": "1",
        },
    )
    document = OutgoingDocument.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("outgoing:detail", args=[document.uuid])
    assert fresh(case).state == CaseState.APPROVED  # goes out when the document is issued
