"""DOC-OUT-20: tables and pictures in the body (a bulletin's per-unit table and chart):
laid out in the .docx, kept through the drafting box, kept when the text is edited."""

from __future__ import annotations

import io
import shutil

import pytest
from docx import Document
from docx.oxml.ns import qn

from .. import body, gbt9704, printing
from .test_document_format import BODY, sheet

ROWS = [["单位", "新交办", "按时办结"], ["区教育局", "12", "10"], ["区财政局", "3", "3"]]


def png(width: int = 400, height: int = 200) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), (46, 125, 50)).save(out, format="PNG")
    return out.getvalue()


def blocks(picture: bytes) -> list[dict]:
    return [
        *BODY[:2],
        body.table_block(ROWS),
        body.image_block("chart", picture, width_mm=140),
        {"level": 0, "text": "以上情况，特此通报。"},
    ]


def test_doc_out_20_body_table_and_picture_in_the_docx():
    picture = png()
    doc = Document(io.BytesIO(gbt9704.render_docx(sheet(body=blocks(picture)))))
    table = doc.tables[0]  # the body table comes before the end block's
    assert [[c.text for c in row.cells] for row in table.rows] == ROWS
    header = table.rows[0]._tr.trPr
    assert header.find(qn("w:tblHeader")) is not None  # repeated on each page
    run = table.rows[1].cells[0].paragraphs[0].runs[0]
    assert run.font.size.pt == gbt9704.TABLE_SIZE
    assert run._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋_GB2312"
    (shape,) = doc.inline_shapes
    assert round(shape.width.mm) == 140
    blob = doc.part.related_parts[shape._inline.graphic.graphicData.pic.blipFill.blip.embed].blob
    assert blob == picture
    # in reading order: heading, table, picture, closing line
    children = list(doc.element.body.iterchildren())
    closing = next(p for p in doc.paragraphs if p.text == "以上情况，特此通报。")
    assert children.index(table._tbl) < children.index(closing._p)


def test_doc_out_20_picture_wider_than_the_line_is_narrowed_and_one_without_data_left_out():
    doc = Document(
        io.BytesIO(
            gbt9704.render_docx(
                sheet(body=[body.image_block("chart", png(), width_mm=300), body.image_block("x")])
            )
        )
    )
    (shape,) = doc.inline_shapes
    assert round(shape.width.mm) == 156


def test_doc_out_20_drafting_box_round_trip_of_tables_and_pictures():
    picture = png()
    original = blocks(picture)
    text = body.as_lines(original)
    assert "|单位|新交办|按时办结|" in text.splitlines() and "[图：chart]" in text.splitlines()
    parsed = body.parse_lines(text.replace("以上情况", "上述情况"))
    assert parsed[2] == body.table_block(ROWS)
    assert parsed[3] == {"level": 0, "text": "", "image": "chart", "width_mm": 150}
    kept = body.keep_images(original, parsed)
    assert body.image_bytes(kept[3]) == picture and kept[3]["width_mm"] == 140
    assert kept[4]["text"] == "上述情况，特此通报。"
    assert body.count_characters(kept) == body.count_characters(parsed)


def test_doc_out_20_editing_the_draft_keeps_its_pictures(db):
    from zhongshu.accounts.tests.factories import UserFactory
    from zhongshu.org.tests.factories import PersonFactory, UnitFactory

    from .. import services

    office = UnitFactory(name="示范区人民政府办公室", kind="office")
    user = UserFactory(person=PersonFactory(unit=office), roles=["office_staff"])
    picture = png()
    document = services.create_draft(
        actor=user,
        data={"kind": "bulletin", "title": "关于督查情况的通报", "body": blocks(picture)},
    )
    edited = body.parse_lines(body.as_lines(document.body) + "\n特此通报。")
    services.update_draft(actor=user, document=document, data={"body": edited})
    document.refresh_from_db()
    assert body.image_bytes(document.body[3]) == picture
    assert document.body[-1]["text"] == "特此通报。"
    doc = Document(io.BytesIO(printing.docx_bytes(document)))
    assert len(doc.inline_shapes) == 1 and doc.tables[0].rows[2].cells[0].text == "区财政局"


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice not installed")
def test_doc_out_20_pdf_long_table_and_chart_keep_the_end_block_on_the_last_page():
    from pypdf import PdfReader

    rows = [ROWS[0]] + [[f"第{n}单位", str(n), str(n // 2)] for n in range(1, 61)]
    data = printing.pdf_from_sheet(
        sheet(body=[*BODY, body.table_block(rows), body.image_block("chart", png(800, 400))])
    )
    reader = PdfReader(io.BytesIO(data))
    texts = [page.extract_text().replace(" ", "") for page in reader.pages]
    assert len(texts) >= 2 and "第60单位" in "".join(texts)
    assert "抄送" in texts[-1] and all("抄送" not in t for t in texts[:-1])
    assert "单位新交办按时办结" in texts[1].replace("\n", "")  # the header repeated


def test_doc_out_20_api_shows_tables_and_pictures_and_an_edit_keeps_the_picture(client, demo):
    picture = png()
    doc = demo.draft(body=blocks(picture))
    client.force_login(demo.user("czj_lly"))
    url = f"/api/v1/outgoing/documents/{doc.uuid}/"
    got = client.get(url)
    shown = got.json()["body"]
    assert shown[2] == {"level": 0, "text": "", "table": ROWS}
    assert shown[3] == {"level": 0, "text": "", "image": "chart", "width_mm": 140}  # no data
    edited = [*shown, {"level": 0, "text": "特此通报。"}]
    response = client.patch(
        url, {"body": edited}, content_type="application/json", HTTP_IF_MATCH=got["ETag"]
    )
    assert response.status_code == 200
    doc.refresh_from_db()
    assert body.image_bytes(doc.body[3]) == picture and doc.body[2]["table"] == ROWS
    assert doc.body[-1]["text"] == "特此通报。"
