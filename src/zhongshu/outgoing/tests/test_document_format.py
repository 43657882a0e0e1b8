"""DOC-OUT-20: the laid-out document read back — page, margins, grid, fonts per element,
the red mark and line, page numbers, the end block; and the PDF made from it."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import shutil

import pytest
from docx import Document
from docx.oxml.ns import qn

from .. import gbt9704, printing

BODY = [
    {"level": 0, "text": "为进一步优化营商环境，结合我区实际，现就有关事项通知如下。"},
    {"level": 1, "text": "一、总体要求"},
    {"level": 2, "text": "（一）压缩审批时限。"},
    {"level": 3, "text": "1.推行一网通办。"},
    {"level": 4, "text": "（1）全面推行电子证照。"},
]


def sheet(**over) -> gbt9704.Sheet:
    values = dict(
        issuer_mark="示范区人民政府办公室文件",
        number="示政办发〔2026〕7号",
        title="示范区人民政府办公室关于进一步优化营商环境的通知",
        main_recipients="各街道办事处，区政府各部门",
        body=BODY,
        attachment_notes=["优化营商环境任务分工表"],
        signature="示范区人民政府办公室",
        date=dt.date(2026, 7, 1),
        note="此件公开发布",
        copy_to="区委办公室，区人大常委会办公室",
        printer="示范区人民政府办公室",
        printed_on=dt.date(2026, 7, 1),
    )
    values.update(over)
    return gbt9704.Sheet(**values)


def read(data: bytes):
    return Document(io.BytesIO(data))


def east_asia(paragraph) -> str:
    run = paragraph.runs[0]
    return run._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


def size_of(paragraph) -> float:
    return paragraph.runs[0].font.size.pt


def find(doc, text: str):
    return next(p for p in doc.paragraphs if p.text.startswith(text))


def test_doc_out_20_page_size_margins_and_text_block():
    doc = read(gbt9704.render_docx(sheet()))
    section = doc.sections[0]
    assert (round(section.page_width.mm, 1), round(section.page_height.mm, 1)) == (210, 297)
    assert abs(section.top_margin.mm - 37) < 0.1
    assert abs(section.left_margin.mm - 28) < 0.1
    assert abs(section.page_width.mm - section.left_margin.mm - section.right_margin.mm - 156) < 0.1
    assert (
        abs(section.page_height.mm - section.top_margin.mm - section.bottom_margin.mm - 225) < 0.1
    )


def test_doc_out_20_grid_22_lines_of_28_characters():
    doc = read(gbt9704.render_docx(sheet()))
    grid = doc.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    line_pitch_pt = int(grid.get(qn("w:linePitch"))) / 20
    assert round(225 / 25.4 * 72 / line_pitch_pt) == 22
    char_pitch_pt = 16 + int(grid.get(qn("w:charSpace"))) / 4096
    assert round(156 / 25.4 * 72 / char_pitch_pt) == 28
    # the paragraphs keep the pitch without the grid too (for LibreOffice)
    body = find(doc, "为进一步")
    assert body.paragraph_format.line_spacing.pt == pytest.approx(28.9)
    condensed = int(body.runs[0]._element.rPr.find(qn("w:spacing")).get(qn("w:val"))) / 20
    assert int(156 / 25.4 * 72 // (16 + condensed)) == 28


def test_doc_out_20_fonts_per_element_with_east_asian_names():
    doc = read(gbt9704.render_docx(sheet()))
    mark = find(doc, "示范区人民政府办公室文件")
    assert east_asia(mark) == "方正小标宋简体"
    assert mark.runs[0].font.color.rgb == gbt9704.RED
    assert mark.alignment == 1  # centred
    title = find(doc, "示范区人民政府办公室关于")
    assert (east_asia(title), size_of(title)) == ("方正小标宋简体", 22)  # 2号
    assert (east_asia(find(doc, "各街道")), size_of(find(doc, "各街道"))) == ("仿宋_GB2312", 16)
    assert east_asia(find(doc, "为进一步")) == "仿宋_GB2312"
    assert east_asia(find(doc, "一、")) == "黑体"
    assert east_asia(find(doc, "（一）")) == "楷体_GB2312"
    assert east_asia(find(doc, "1.")) == "仿宋_GB2312"
    assert east_asia(find(doc, "（1）")) == "仿宋_GB2312"
    styles = doc.styles.element.find(qn("w:docDefaults"))
    fonts = styles.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "仿宋_GB2312"


def test_doc_out_20_number_centred_with_red_line_below():
    doc = read(gbt9704.render_docx(sheet()))
    number = find(doc, "示政办发")
    assert number.alignment == 1
    border = number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert border.get(qn("w:color")) == "FF0000"
    assert int(border.get(qn("w:space"))) == 11  # about 4 mm below the number


def test_doc_out_20_upward_document_number_left_and_signer_in_kaiti():
    doc = read(gbt9704.render_docx(sheet(upward=True, signers=["王建国"])))
    number = find(doc, "示政办发")
    assert number.alignment == 0
    signer = next(r for r in number.runs if r.text == "王建国")
    assert signer._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "楷体_GB2312"
    assert "签发人：" in number.text


def test_doc_out_20_signature_date_in_arabic_numerals_and_note():
    doc = read(gbt9704.render_docx(sheet()))
    texts = [p.text for p in doc.paragraphs]
    assert "2026年7月1日" in texts  # no padding
    assert "（此件公开发布）" in texts
    assert "附件：优化营商环境任务分工表" in texts
    date = find(doc, "2026年7月1日")
    assert date.paragraph_format.right_indent.pt == pytest.approx(
        4 * gbt9704.CHAR_PITCH_PT, abs=0.05
    )


def test_doc_out_20_end_block_between_lines_and_page_numbers_outside():
    doc = read(gbt9704.render_docx(sheet()))
    table = doc.tables[-1]
    assert table.rows[0].cells[0].text == "抄送：区委办公室，区人大常委会办公室。"
    assert "2026年7月1日印发" in table.rows[1].cells[0].text
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert int(borders.find(qn("w:top")).get(qn("w:sz"))) > int(
        borders.find(qn("w:insideH")).get(qn("w:sz"))
    )
    assert doc.settings.odd_and_even_pages_header_footer
    odd, even = doc.sections[0].footer.paragraphs[0], doc.sections[0].even_page_footer.paragraphs[0]
    assert (odd.alignment, even.alignment) == (2, 0)  # right, left
    assert odd.text.startswith("— ") and odd.text.endswith(" —")
    assert odd.runs[0].font.size.pt == 14  # 4号
    assert "PAGE" in odd._p.xml


def test_doc_out_20_letter_and_minutes_formats():
    letter = read(gbt9704.render_docx(sheet(layout="letter", issuer_mark="示范区人民政府办公室")))
    mark = find(letter, "示范区人民政府办公室")
    border = mark._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert border.get(qn("w:val")) == "thickThinSmallGap"  # the letter's double red line
    assert find(letter, "示政办发").alignment == 2  # number on the right
    assert letter.tables == []  # no end block on a letter
    minutes = read(
        gbt9704.render_docx(sheet(layout="minutes", issuer_mark="示范区人民政府常务会议纪要"))
    )
    assert east_asia(find(minutes, "示范区人民政府常务会议纪要")) == "方正小标宋简体"
    assert "示范区人民政府办公室" not in [p.text for p in minutes.paragraphs]  # no signature


def test_doc_out_20_document_sheet_from_a_draft(db):
    from zhongshu.org.tests.factories import PersonFactory, UnitFactory

    from ..models import OutgoingDocument

    office = UnitFactory(name="示范区人民政府办公室", kind="office")
    document = OutgoingDocument.objects.create(
        issuer=office,
        drafting_unit=office,
        drafter=PersonFactory(unit=office),
        title="示范区人民政府办公室关于报送材料的请示",
        kind="request",
        body=BODY,
        disclosure="not_public",
        classification="secret",
        secrecy_period="1年",
        urgency="urgent",
        signed_on=dt.date(2026, 11, 18),
    )
    document.attachment_notes = ["材料清单", "联系人名单"]
    document.attachment_bodies = [[{"level": 0, "text": "一份。"}]]
    result = printing.sheet_of(document)
    assert result.attachments == [
        {"title": "材料清单", "body": [{"level": 0, "text": "一份。"}]},
        {"title": "联系人名单", "body": []},
    ]
    assert result.issuer_mark == "示范区人民政府办公室文件"
    assert result.upward and result.note == "此件不公开"
    assert (result.classification, result.urgency) == ("秘密★1年", "加急")
    doc = read(printing.docx_bytes(document))
    assert (
        find(doc, "秘密★1年").runs[0]._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))
        == "黑体"
    )


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice not installed")
def test_doc_out_20_pdf_with_embedded_free_fonts_and_end_block_on_the_last_page():
    from pypdf import PdfReader

    data = printing.pdf_from_sheet(sheet(body=BODY * 12))
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 2
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(width) / 72 * 25.4), round(float(height) / 72 * 25.4)) == (210, 297)
    first = reader.pages[0].extract_text().replace(" ", "")
    assert "示范区人民政府办公室文件" in first and "示政办发〔2026〕7号" in first
    last = reader.pages[-1].extract_text().replace(" ", "")
    assert "抄送" in last and "印发" in last
    assert all("抄送" not in page.extract_text() for page in reader.pages[:-1])
    fonts = set()
    for page in reader.pages:
        resources = page["/Resources"]["/Font"]
        for ref in resources.values():
            font = ref.get_object()
            descriptor = (
                font.get("/FontDescriptor")
                or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            )
            descriptor = descriptor.get_object()
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts.add((str(font["/BaseFont"]), embedded))
    assert fonts and all(embedded for _, embedded in fonts)
    assert any("Noto" in name for name, _ in fonts)


ATTACHMENTS = [
    {"title": "优化营商环境任务分工表", "body": BODY},
    {"title": "重点任务清单", "body": BODY[:2]},
]


def test_doc_out_20_attachments_on_new_pages_before_the_end_block():
    doc = read(
        gbt9704.render_docx(
            sheet(attachment_notes=[a["title"] for a in ATTACHMENTS], attachments=ATTACHMENTS)
        )
    )
    texts = [p.text for p in doc.paragraphs]
    first, second = find(doc, "附件1"), find(doc, "附件2")
    for label in (first, second):
        assert label.paragraph_format.page_break_before
        assert (east_asia(label), size_of(label), label.alignment) == ("黑体", 16, 0)
    title = doc.paragraphs[texts.index("附件1") + 2]  # on the third line
    assert title.text == "优化营商环境任务分工表"
    assert (east_asia(title), size_of(title), title.alignment) == ("方正小标宋简体", 22, 1)
    assert texts.index("附件：1.优化营商环境任务分工表") < texts.index("附件1")
    assert texts.index("（此件公开发布）") < texts.index("附件1")
    # the end block comes after the attachments
    body = doc.element.body
    children = list(body.iterchildren())
    assert children.index(doc.tables[-1]._tbl) > children.index(second._p)


def test_doc_out_20_end_block_lines_run_edge_to_edge_of_the_text_block():
    doc = read(gbt9704.render_docx(sheet()))
    tbl_pr = doc.tables[-1]._tbl.tblPr
    assert tbl_pr.find(qn("w:tblInd")).get(qn("w:w")) == "0"
    margins = tbl_pr.find(qn("w:tblCellMar"))
    assert {m.get(qn("w:w")) for m in margins} == {"0"}
    assert int(tbl_pr.find(qn("w:tblW")).get(qn("w:w"))) == int(gbt9704.BLOCK_W.twips)


# --- the PDF as it looks: rendered to PNG (pdftoppm) and its text lines placed
# (pdftotext -bbox-layout); millimetres from the top left of the page -----------------
PT = 25.4 / 72
needs_pdf_tools = pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftoppm") and shutil.which("pdftotext")),
    reason="LibreOffice or poppler-utils not installed (make system-deps-test)",
)


def pdf_lines(data: bytes, page: int) -> list[tuple[float, float, float, float, str]]:
    """(left, top, right, bottom, text) in mm of each text line of a page."""
    import re
    import subprocess
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        out = subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), "-bbox-layout", f.name, "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    lines = []
    for box, inner in re.findall(r"<line ([^>]*)>(.*?)</line>", out, re.S):
        coords = dict(re.findall(r'(\w+)="([0-9.]+)"', box))
        words = re.findall(r"<word[^>]*>([^<]*)</word>", inner)
        lines.append(
            (
                float(coords["xMin"]) * PT,
                float(coords["yMin"]) * PT,
                float(coords["xMax"]) * PT,
                float(coords["yMax"]) * PT,
                "".join(words),
            )
        )
    return lines


def pdf_png(data: bytes, page: int, dpi: int = 144):
    """The page rendered to a PNG, as a PIL image, and the size of a pixel in mm."""
    import subprocess
    import tempfile

    from PIL import Image

    with tempfile.TemporaryDirectory() as tmp:
        source = f"{tmp}/document.pdf"
        with open(source, "wb") as f:
            f.write(data)
        subprocess.run(
            ["pdftoppm", "-f", str(page), "-l", str(page), "-r", str(dpi), "-png",
             "-singlefile", source, f"{tmp}/page"],
            check=True,
        )  # fmt: skip
        with Image.open(f"{tmp}/page.png") as png:
            return png.convert("RGB"), 25.4 / dpi


def red_rows(image, mm: float) -> dict[float, tuple[float, float]]:
    """Rows (mm from the top) with red ink: the leftmost and rightmost red pixel (mm)."""
    width, height = image.size
    pixels = image.load()
    rows = {}
    for y in range(height):
        xs = [x for x in range(0, width) if _red(pixels[x, y])]
        if xs:
            rows[y * mm] = (xs[0] * mm, xs[-1] * mm)
    return rows


def _red(c) -> bool:
    return c[0] > 180 and c[1] < 100 and c[2] < 100


def dark_rows(image, mm: float, min_mm: float) -> list[tuple[float, float, float]]:
    """Rows with a dark line at least ``min_mm`` long: (y, left, right) in mm."""
    width, height = image.size
    grey = image.convert("L")
    pixels = grey.load()
    found = []
    for y in range(height):
        xs = [x for x in range(width) if pixels[x, y] < 128]
        if len(xs) * mm >= min_mm:
            found.append((y * mm, xs[0] * mm, xs[-1] * mm))
    return found


@pytest.fixture(scope="module")
def laid_out_pdf() -> bytes:
    return printing.pdf_from_sheet(
        sheet(
            body=BODY * 12,
            attachment_notes=[a["title"] for a in ATTACHMENTS],
            attachments=ATTACHMENTS,
        )
    )


@needs_pdf_tools
def test_doc_out_20_pdf_head_red_mark_35_mm_below_the_text_block_and_red_line(laid_out_pdf):
    image, mm = pdf_png(laid_out_pdf, 1)
    rows = red_rows(image, mm)
    tops = sorted(rows)
    # the mark's top edge 35 mm below the top of the text block (37 + 35 mm)
    assert tops[0] == pytest.approx(72, abs=0.8)
    # the red line: as wide as the text block (28 … 184 mm)
    line_y, (left, right) = next((y, lr) for y, lr in rows.items() if lr[1] - lr[0] > 150)
    assert left == pytest.approx(28, abs=0.6) and right == pytest.approx(184, abs=0.6)
    lines = pdf_lines(laid_out_pdf, 1)
    number = next(ln for ln in lines if ln[4].startswith("示政办发"))
    # the number centred, about 4 mm above the red line
    assert (number[0] + number[2]) / 2 == pytest.approx(106, abs=1.5)
    assert line_y - number[3] == pytest.approx(4, abs=1.5)
    # the mark ends above the number: one blank line between
    mark = next(ln for ln in lines if ln[4] == "示范区人民政府办公室文件")
    assert number[1] - mark[3] > 8
    # title and 主送 below the red line
    title = next(ln for ln in lines if ln[4].startswith("示范区人民政府办公室关于"))
    recipients = next(ln for ln in lines if ln[4].startswith("各街道"))
    assert line_y < title[1] < recipients[1]


@needs_pdf_tools
def test_doc_out_20_pdf_22_lines_of_28_characters_inside_the_text_block(laid_out_pdf):
    lines = pdf_lines(laid_out_pdf, 2)
    body = [ln for ln in lines if ln[3] < 262.5]
    assert len(body) == 22
    pitches = {round(b[1] - a[1], 1) for a, b in itertools.pairwise(body)}
    assert pitches <= {10.2}  # 28.9 pt a line: 225 mm / 22
    for left, top, right, _bottom, _text in body:
        assert left >= 27.5 and right <= 184.5 and top >= 36.5
    # a paragraph's first line: two characters indented, 26 characters, to the right edge
    first = next(ln for ln in body if ln[4].startswith("为进一步"))
    assert len(first[4]) == 26 and first[0] == pytest.approx(28 + 2 * 156 / 28, abs=0.5)
    assert first[2] == pytest.approx(184, abs=0.6)


@needs_pdf_tools
def test_doc_out_20_pdf_page_numbers_outside_and_end_block_at_the_foot_of_the_last_page(
    laid_out_pdf,
):
    from pypdf import PdfReader

    pages = len(PdfReader(io.BytesIO(laid_out_pdf)).pages)
    for page in range(1, pages + 1):
        number = next(ln for ln in pdf_lines(laid_out_pdf, page) if ln[1] > 262)
        assert number[4] == f"—{page}—"
        assert number[1] == pytest.approx(262 + 7, abs=1.5)  # 7 mm below the text block
        if page % 2:  # odd: right, one character in
            assert number[2] == pytest.approx(184 - 156 / 28, abs=1.0)
        else:
            assert number[0] == pytest.approx(28 + 156 / 28, abs=1.0)
    image, mm = pdf_png(laid_out_pdf, pages, dpi=72)
    rules = dark_rows(image, mm, 150)
    assert len(rules) == 3  # thick, thin, thick
    assert all(
        left == pytest.approx(28, abs=0.8) and right == pytest.approx(184, abs=0.8)
        for _, left, right in rules
    )
    assert rules[-1][0] == pytest.approx(262, abs=1.5)  # the last line at the foot
    image, mm = pdf_png(laid_out_pdf, pages - 1, dpi=72)
    assert dark_rows(image, mm, 150) == []


@needs_pdf_tools
def test_doc_out_20_pdf_attachments_start_new_pages(laid_out_pdf):
    from pypdf import PdfReader

    pages = len(PdfReader(io.BytesIO(laid_out_pdf)).pages)
    starts = {}
    for page in range(1, pages + 1):
        lines = pdf_lines(laid_out_pdf, page)
        starts[lines[0][4]] = (page, lines)
    for label, title in (("附件1", "优化营商环境任务分工表"), ("附件2", "重点任务清单")):
        page, lines = starts[label]
        assert lines[0][0] == pytest.approx(28, abs=0.5)  # top left
        heading = next(ln for ln in lines if ln[4] == title)
        assert (heading[0] + heading[2]) / 2 == pytest.approx(106, abs=1.5)  # centred
    assert starts["附件2"][0] == pages  # the end block follows the last attachment


@needs_pdf_tools
def test_doc_out_20_pdf_upward_number_left_with_signer_right():
    data = printing.pdf_from_sheet(sheet(upward=True, signers=["王建国"]))
    lines = pdf_lines(data, 1)
    number = next(ln for ln in lines if ln[4].startswith("示政办发"))
    assert number[0] == pytest.approx(28 + 156 / 28, abs=0.8)  # one character in
    same_line = [ln for ln in lines if abs(ln[1] - number[1]) < 1]
    signer = max(same_line, key=lambda ln: ln[2])
    assert "".join(ln[4] for ln in same_line).endswith("签发人：王建国")
    assert signer[2] == pytest.approx(184 - 156 / 28, abs=1.0)  # one character in
