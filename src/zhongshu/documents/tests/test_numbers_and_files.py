import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from docx import Document

from zhongshu.documents.files import DOCX, PDF, validate_upload
from zhongshu.documents.numbers import check_number, format_number, normalised
from zhongshu.framework.errors import RuleViolation


def test_document_number_is_written_without_padding_in_hexagonal_brackets():
    assert format_number("河北政办发", 2026, 7) == "河北政办发〔2026〕7号"


def test_document_number_correct_spelling_has_no_problems():
    found = check_number("河北政办发〔2026〕7号")
    assert found.ok
    assert (found.number.series_code, found.number.year, found.number.sequence) == (
        "河北政办发",
        2026,
        7,
    )


@pytest.mark.parametrize(
    "raw, problem",
    [
        ("河北政办发[2026]7号", "六角括号"),
        ("河北政办发（2026）7号", "六角括号"),
        ("河北政办发〔2026〕007号", "虚位"),
        ("河北政办发〔2026〕7", "号"),
    ],
)
def test_document_number_malformed_is_understood_with_a_correction(raw, problem):
    found = check_number(raw)
    assert not found.ok
    assert found.suggestion == "河北政办发〔2026〕7号"
    assert any(problem in p for p in found.problems)


def test_document_number_unreadable_has_no_suggestion():
    found = check_number("第七号文件")
    assert found.number is None and found.suggestion == ""
    assert normalised(" 第七号文件 ") == "第七号文件"


def _docx_bytes() -> bytes:
    buffer = io.BytesIO()
    Document().save(buffer)
    return buffer.getvalue()


def test_upload_recognises_pdf_and_docx_by_content():
    assert validate_upload(SimpleUploadedFile("a.pdf", b"%PDF-1.7\n...")) is PDF
    assert validate_upload(SimpleUploadedFile("a.docx", _docx_bytes())) is DOCX


@pytest.mark.parametrize(
    "name, content, words",
    [
        ("setup.exe", b"MZ\x90\x00rest", "可执行"),
        ("run.pdf", b"\x7fELF\x02\x01", "可执行"),
        ("notes.txt", b"plain text", "无法识别"),
        ("scan.png", b"%PDF-1.4 pretending", "不符"),
        ("empty.pdf", b"", "空文件"),
    ],
)
def test_upload_refuses_executables_unknown_and_mislabelled_files(name, content, words):
    with pytest.raises(RuleViolation) as caught:
        validate_upload(SimpleUploadedFile(name, content))
    assert words in caught.value.violations[0].message


@override_settings(DOCUMENT_MAX_UPLOAD_MB=1)
def test_upload_over_the_configured_limit_is_refused_with_the_limit():
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (1024 * 1024 + 1))
    with pytest.raises(RuleViolation) as caught:
        validate_upload(big)
    assert "1 MB" in caught.value.violations[0].message
