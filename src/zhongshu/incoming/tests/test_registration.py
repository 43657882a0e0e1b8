"""Registration: DOC-IN-1 (register, duplicates), DOC-IN-3 (signer), DOC-IN-4, number
warnings, classification, drafts, files (bad input, extraction failures), conflicts."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone

from zhongshu.documents.choices import Classification, Kind
from zhongshu.framework import search
from zhongshu.framework.errors import ConflictError, RuleViolation
from zhongshu.incoming import services
from zhongshu.incoming.choices import DocState
from zhongshu.incoming.models import IncomingDocument
from zhongshu.tracking.models import TrackedItem

from .factories import docx_upload, pdf_upload, registered, registration

pytestmark = pytest.mark.django_db


def rules_of(exc) -> set[str]:
    return {v.rule for v in exc.value.violations}


def test_doc_in_1_registration_numbers_and_opens_the_office_step(org, clock):
    clock.set(clock.now.replace(year=2026, month=9, day=21, hour=9))
    doc = registered(org)
    assert doc.state == DocState.REGISTERED
    assert doc.register_number == "收〔2026〕1号"
    assert registered(org, sender_number="示教发〔2026〕13号").register_number == "收〔2026〕2号"
    item = TrackedItem.objects.get(pk=doc.office_item_id)
    assert item.kind == "incoming.office"
    assert item.basis["rule"] == "DOC-IN-16"
    # 即送即办: due the same day at the office's end (21 Sep 2026 is a Monday)
    assert timezone.localtime(item.due_at).date().isoformat() == "2026-09-21"


def test_doc_in_16_office_step_after_hours_is_due_next_working_day(org, clock):
    from .conftest import at

    clock.set(at(2026, 9, 30, 18, 0))  # the eve of National Day
    doc = registered(org)
    # 1–7 October are holidays, 8 October is the next working day
    assert timezone.localtime(doc.office_item.due_at).isoformat() == "2026-10-08T17:30:00+08:00"


def test_doc_in_1_registration_requires_title_kind_and_sender(org):
    with pytest.raises(RuleViolation) as exc:
        services.register_incoming(
            actor=org.clerk,
            data=registration(org, title="", kind="", sender_unit=None),
            main_file=pdf_upload(),
        )
    fields = {v.field for v in exc.value.violations}
    assert {"title", "kind", "sender_unit"} <= fields
    assert rules_of(exc) == {"DOC-IN-1"}


def test_doc_in_1_same_sender_and_number_is_caught_and_linked(org):
    first = registered(org)
    with pytest.raises(RuleViolation) as exc:
        registered(org, sender_number="示教发〔2026〕12号")
    assert "收〔2026〕1号" in str(exc.value) or first.register_number in str(exc.value)
    # written differently, it is still the same number
    with pytest.raises(RuleViolation):
        registered(org, sender_number="示教发[2026]012号")
    second = services.register_incoming(
        actor=org.clerk, data=registration(org), main_file=pdf_upload(), allow_duplicate=True
    )
    assert second.duplicate_of == first
    assert list(first.duplicates.all()) == [second]


def test_doc_in_1_same_number_from_another_sender_is_no_duplicate(org):
    registered(org)
    other = registered(org, sender_unit=org.fin, signer="周红")
    assert other.duplicate_of is None


def test_malformed_number_is_a_warning_not_a_refusal(org):
    doc = registered(org, sender_number="示教发(2026)012号")
    assert doc.state == DocState.REGISTERED
    assert any("六角括号" in p for p in doc.number_problems)
    assert any("虚位" in p for p in doc.number_problems)
    services.update_registration(
        actor=org.clerk, document=doc, data={"sender_number": "示教发〔2026〕12号"}
    )
    doc.refresh_from_db()
    assert doc.number_problems == []


def test_doc_in_3_submission_names_signer_contact_and_phone(org):
    with pytest.raises(RuleViolation) as exc:
        registered(org, signer="", contact_phone="")
    assert rules_of(exc) == {"DOC-IN-3"}
    assert "签发人" in str(exc.value) and "联系电话" in str(exc.value)


def test_doc_in_3_does_not_apply_to_a_higher_level_document(org):
    doc = registered(
        org,
        sender_unit=org.city,
        sender_number="市政发〔2026〕3号",
        kind=Kind.NOTICE,
        signer="",
        contact_person="",
        contact_phone="",
    )
    assert doc.state == DocState.REGISTERED


def test_external_sender_as_free_text(org):
    doc = registered(
        org,
        sender_unit=None,
        sender_name="某某大学",
        signer="",
        contact_person="",
        contact_phone="",
    )
    assert doc.sender_label == "某某大学"


def test_doc_in_4_electronic_file_required_when_declared(org):
    with pytest.raises(RuleViolation) as exc:
        services.register_incoming(actor=org.clerk, data=registration(org))
    assert {v.field for v in exc.value.violations} == {"main_file"}
    doc = services.register_incoming(
        actor=org.clerk, data=registration(org, electronic_received=False)
    )
    assert doc.state == DocState.REGISTERED


def test_half_filled_form_is_kept_as_draft_then_registered(org):
    draft = services.save_draft(actor=org.clerk, data={"title": "关于某事的请示"})
    assert draft.state == DocState.DRAFT and draft.register_number == ""
    draft = services.save_draft(actor=org.clerk, document=draft, data={"sender_unit": org.edu})
    doc = services.register_incoming(
        actor=org.clerk, document=draft, data=registration(org), main_file=pdf_upload()
    )
    assert doc.pk == draft.pk and doc.state == DocState.REGISTERED


@override_settings(DOCUMENT_MAX_CLASSIFICATION="none")
def test_classified_document_is_refused_and_only_paper_record_kept(org):
    with pytest.raises(RuleViolation) as exc:
        registered(org, classification=Classification.SECRET, secrecy_period="10年")
    assert rules_of(exc) == {"DOC_CLASSIFIED"}
    assert "涉密网络" in str(exc.value)
    assert not IncomingDocument.objects.exists()
    doc = services.record_paper_handling(
        actor=org.clerk,
        data=registration(org, classification=Classification.SECRET),
        reason="秘密件，纸质流转",
    )
    assert doc.state == DocState.PAPER_RECORD and not doc.files.exists()


@override_settings(DOCUMENT_MAX_CLASSIFICATION="secret")
def test_deployment_may_declare_a_higher_classification(org):
    doc = registered(org, classification=Classification.SECRET, secrecy_period="10年")
    assert doc.state == DocState.REGISTERED


@override_settings(DOCUMENT_MAX_UPLOAD_MB=1)
def test_oversized_and_executable_files_are_refused_nothing_else_lost(org):
    draft = services.save_draft(actor=org.clerk, data=registration(org))
    big = SimpleUploadedFile("大.pdf", b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 10))
    with pytest.raises(RuleViolation) as exc:
        services.register_incoming(actor=org.clerk, document=draft, data={}, main_file=big)
    assert "超过上限" in str(exc.value)
    exe = SimpleUploadedFile("正文.pdf", b"MZ\x90\x00" + b"0" * 100)
    with pytest.raises(RuleViolation) as exc:
        services.register_incoming(actor=org.clerk, document=draft, data={}, main_file=exe)
    assert "可执行" in str(exc.value)
    draft.refresh_from_db()
    assert draft.state == DocState.DRAFT and draft.title == registration(org)["title"]


def test_file_failing_text_extraction_is_kept_and_flagged(org):
    broken = SimpleUploadedFile("正文.pdf", b"%PDF-1.4\n garbage that is no pdf")
    doc = registered(org, main_file=broken)
    stored = doc.files.get()
    assert stored.extraction_failed and stored.extraction_note
    assert doc.state == DocState.REGISTERED


def test_docx_text_is_searchable_with_two_character_words(org):
    doc = registered(
        org,
        main_file=docx_upload("为缓解城区入学压力，拟新建学校两所。\n所需资金由区财政安排。"),
        title="关于城区教育资源配置的请示",
    )
    assert (
        "入学" in doc.search_tokens
        or "入学" in IncomingDocument.objects.get(pk=doc.pk).search_tokens
    )
    registered(
        org, sender_number="示教发〔2026〕40号", title="关于教师培训的报告", kind=Kind.REPORT
    )
    found = search.filter(IncomingDocument.objects.all(), "入学")
    assert list(found) == [doc]
    assert list(search.filter(IncomingDocument.objects.all(), "资源 配置")) == [doc]
    assert list(search.filter(IncomingDocument.objects.all(), "示教发〔2026〕12号")) == [doc]
    assert set(search.filter(IncomingDocument.objects.all(), "教育局")) == set(
        IncomingDocument.objects.all()
    )


def test_concurrent_edit_gets_a_conflict_not_an_overwrite(org):
    doc = registered(org)
    stale = doc.version
    services.update_registration(
        actor=org.clerk, document=doc, data={"title": "改后的标题"}, expected_version=stale
    )
    again = IncomingDocument.objects.get(pk=doc.pk)
    with pytest.raises(ConflictError):
        services.update_registration(
            actor=org.clerk, document=again, data={"title": "另一人改"}, expected_version=stale
        )
    assert IncomingDocument.objects.get(pk=doc.pk).title == "改后的标题"


def test_pdf_text_is_extracted_for_search(org):
    from .factories import pdf_bytes

    doc = registered(org, main_file=pdf_upload(content=pdf_bytes("关于校舍维修资金的请示")))
    stored = doc.files.get()
    assert "校舍" in stored.text and not stored.extraction_failed
    assert list(search.filter(IncomingDocument.objects.all(), "校舍")) == [doc]


def test_search_of_a_common_word_gives_the_same_rows_in_list_order(org, monkeypatch):
    def plain(n: int, title: str) -> IncomingDocument:  # no file: only the title speaks
        data = registration(
            org, sender_number=f"示教发〔2026〕{n}号", title=title, electronic_received=False
        )
        return services.register_incoming(actor=org.clerk, data=data)

    docs = [plain(n, f"关于第{n}所学校学位的请示") for n in (1, 2, 3)]
    plain(9, "关于教师培训的请示")
    rare = list(search.filter(IncomingDocument.objects.order_by("-received_at", "-id"), "学位"))
    monkeypatch.setattr(search, "COMMON", 1)  # three matches now count as "many"
    common = list(search.filter(IncomingDocument.objects.order_by("-received_at", "-id"), "学位"))
    assert rare == common == sorted(docs, key=lambda d: (d.received_at, d.id), reverse=True)
