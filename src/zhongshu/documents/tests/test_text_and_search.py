"""Text extraction (DOCX, PDF; failures flagged, not refused) and the jieba search
tokens: every word of a query cut from a text is among the text's tokens, so a text is
always found by its own words."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhongshu.documents.text import ExtractionError, extract_text
from zhongshu.framework import search

WORDS = [
    "学位",
    "增设",
    "城区",
    "中小学",
    "请示",
    "供热",
    "保障",
    "老旧小区",
    "改造",
    "资金",
    "关于",
    "的",
    "示教发",
    "〔2026〕",
    "12号",
    "安全生产",
    "检查",
]


def test_docx_paragraphs_and_tables_are_read():
    import docx

    document = docx.Document()
    document.add_paragraph("关于增设城区中小学学位的请示")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "新增学位"
    table.cell(0, 1).text = "800个"
    buffer = io.BytesIO()
    document.save(buffer)
    text = extract_text(buffer, "docx")
    assert "增设城区中小学学位" in text and "新增学位 800个" in text


def test_unreadable_pdf_raises_extraction_error_and_other_types_have_no_text():
    with pytest.raises(ExtractionError) as exc:
        extract_text(io.BytesIO(b"%PDF-1.4 not really"), "pdf")
    assert "文件已保存" in exc.value.reason
    assert extract_text(io.BytesIO(b"anything"), "ofd") == ""


def test_two_character_words_inside_longer_words_are_tokens():
    tokens = search.tokens("关于增设城区中小学学位的请示").split()
    assert {"中小学", "小学", "学位", "增设", "请示"} <= set(tokens)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8))
def test_a_text_is_found_by_its_own_words(parts):
    text = "".join(parts)
    tokens = set(search.tokens(text).split())
    assert set(search.query_words(text)) <= tokens


def test_query_words_drop_operators_and_quotes():
    # FTS5 / tsquery syntax is never passed through: operators become plain words
    assert search.query_words('学位" OR *') == ["学位", "or"]
    assert search.query_words("学位 AND (请示)") == ["学位", "and", "请示"]
    assert search.query_words("   ") == []
