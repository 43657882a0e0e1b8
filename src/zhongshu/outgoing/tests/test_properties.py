"""Properties: the body's heading levels survive writing them as lines and reading them
back; every number the series renders parses back to itself (DOC-OUT-18)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhongshu.documents.numbers import check_number
from zhongshu.org.models import SeriesCode

from .. import body, numbering

NUMERALS = "一二三四五六七八九十"
TEXT = st.text(alphabet="营商环境优化审批时限压缩企业开办服务效能。，", min_size=1, max_size=30)


@st.composite
def paragraphs(draw):
    level = draw(st.integers(min_value=0, max_value=4))
    n = draw(st.integers(min_value=1, max_value=9))
    prefix = {
        0: "",
        1: f"{NUMERALS[n - 1]}、",
        2: f"（{NUMERALS[n - 1]}）",
        3: f"{n}.",
        4: f"（{n}）",
    }
    text = draw(TEXT)
    if level == 0:
        text = text.lstrip("（(0123456789")
    return {"level": level, "text": prefix[level] + text}


@given(st.lists(paragraphs(), min_size=1, max_size=12))
def test_body_levels_round_trip_through_lines(items):
    assert body.parse_lines(body.as_lines(items)) == items


@pytest.mark.django_db
@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(["示政办发", "示政发", "河北政办发", "津政办发"]),
    st.integers(min_value=1990, max_value=2099),
    st.integers(min_value=1, max_value=99999),
)
def test_doc_out_18_rendered_numbers_parse_back_without_problems(code, year, sequence):
    series = SeriesCode(code=code, kind="document")
    text = numbering.render(series, year, sequence)
    checked = check_number(text)
    assert checked.ok, checked.problems
    assert (checked.number.series_code, checked.number.year, checked.number.sequence) == (
        code,
        year,
        sequence,
    )


def test_attachment_bodies_round_trip_through_the_text_box():
    bodies = [
        [{"level": 0, "text": "第一个附件。"}, {"level": 1, "text": "一、要求"}],
        [{"level": 0, "text": "第二个附件。"}],
    ]
    text = body.attachment_bodies_as_text(bodies)
    assert body.parse_attachment_bodies(text) == bodies
    assert body.parse_attachment_bodies("") == []
