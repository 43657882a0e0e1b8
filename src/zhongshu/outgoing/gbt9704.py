"""The laid-out official document (DOC-OUT-20): GB/T 9704-2012 党政机关公文格式, written
with python-docx from the structured fields.

A4; margins top 37 mm, left 28 mm, text block 156 × 225 mm (right 26 mm, bottom 35 mm);
a document grid of 22 lines × 28 characters; body in 3号仿宋_GB2312, title in 2号方正小标宋简体,
heading levels 黑体 / 楷体_GB2312 / 仿宋_GB2312; the red issuing-body mark 35 mm below the
top of the text block, the number two lines below it and the red line 4 mm below the
number; page numbers "— 1 —" in 4号宋体, outer side. The letter (函) and the minutes (纪要)
formats differ in the head. Fonts are named as offices have them, East Asian font set
explicitly; the PDF maps them to free fonts (``pdf.py``).
"""

from __future__ import annotations

import datetime as dt
import io
import math
from dataclasses import dataclass, field

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

FANGSONG = "仿宋_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
HEITI = "黑体"
KAITI = "楷体_GB2312"
SONGTI = "宋体"

# 字号 in points
CHUHAO, XIAOCHU, ERHAO, SANHAO, SIHAO = 42, 36, 22, 16, 14

PAGE_W, PAGE_H = Mm(210), Mm(297)
TOP, LEFT, BLOCK_W, BLOCK_H = Mm(37), Mm(28), Mm(156), Mm(225)
LINES, CHARS = 22, 28
# Word units: a line of the grid in twentieths of a point; the character pitch as the
# difference from the 3号 size in 1/4096 pt (Word's w:charSpace).
LINE_PITCH_TWIPS = round(225 / 25.4 * 72 * 20 / LINES)  # 579
CHAR_PITCH_PT = 156 / 25.4 * 72 / CHARS  # 15.79 pt
CHAR_SPACE = round((CHAR_PITCH_PT - SANHAO) * 4096)  # about -843
# The paragraphs' exact line: 28.9 pt, as LibreOffice keeps 1/100 mm and 22 lines of
# 28.95 pt would round to 29.0 pt and leave room for 21 only
LINE = Pt(28.9)
# The mark's line (1.3 × its size, exact) starts above its characters' top edge: by 0.16 ×
# the size (6.8 pt at 初号, measured on the PDF), so the line starts that much higher
MARK_INK_OFFSET = 0.16
CONDENSE_TWIPS = -5  # 3号 condensed by 0.25 pt: 28 × 15.75 pt fit the 442 pt line, 29 do not
RED = RGBColor(0xFF, 0x00, 0x00)
# The end block's height besides its rows: the one-point
# paragraph after the table; the slack keeps it from spilling onto a page of its own
END_BLOCK_EXTRA = 1.5
END_BLOCK_SLACK = 0.5

HEADING_FONTS = {0: FANGSONG, 1: HEITI, 2: KAITI, 3: FANGSONG, 4: FANGSONG}


@dataclass
class Sheet:
    """What goes on the page: the document's fields as strings, ready to lay out."""

    layout: str = "document"  # document | letter | minutes
    issuer_mark: str = ""  # 发文机关标志, e.g. 示范区人民政府办公室文件
    number: str = ""
    upward: bool = False
    signers: list[str] = field(default_factory=list)  # 签发人 of an upward document
    copy_number: str = ""  # 份号
    classification: str = ""  # 密级和保密期限, e.g. 秘密★1年
    urgency: str = ""  # 特急 / 加急
    title: str = ""
    main_recipients: str = ""
    body: list[dict] = field(default_factory=list)
    attachment_notes: list[str] = field(default_factory=list)
    # the attachments themselves, each on new pages after the signature (GB/T 9704 8):
    # [{"title": ..., "body": [{"level": 0..4, "text": ...}]}]
    attachments: list[dict] = field(default_factory=list)
    signature: str = ""  # 发文机关署名
    date: dt.date | None = None  # 成文日期
    note: str = ""  # 附注
    copy_to: str = ""  # 抄送机关
    printer: str = ""  # 印发机关
    printed_on: dt.date | None = None


def chinese_date(day: dt.date | None) -> str:
    """Arabic numerals, no padding: 2026年7月1日."""
    if day is None:
        return ""
    return f"{day.year}年{day.month}月{day.day}日"


# --- low-level helpers --------------------------------------------------------------
def _fonts(run, name: str, size: float, *, bold: bool = False, color: RGBColor | None = None):
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    rpr = run._element.get_or_add_rPr()
    if size == SANHAO:
        # 28 characters of 3号 in 156 mm: 15.79 pt a character, without relying on the
        # character grid (which LibreOffice applies by whole cells)
        spacing = rpr.find(qn("w:spacing"))
        if spacing is None:
            spacing = OxmlElement("w:spacing")
            rpr.append(spacing)
        spacing.set(qn("w:val"), str(CONDENSE_TWIPS))
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)
    return run


def _para(
    doc,
    text: str = "",
    *,
    font: str = FANGSONG,
    size: float = SANHAO,
    align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    indent_chars: float = 0,
    left_chars: float = 0,
    right_chars: float = 0,
    line=None,
    before=None,
    color: RGBColor | None = None,
    bold: bool = False,
):
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.alignment = align
    fmt.space_before = before or Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = line or LINE
    fmt.line_spacing_rule = 4  # WD_LINE_SPACING.EXACTLY
    if indent_chars:
        fmt.first_line_indent = Pt(CHAR_PITCH_PT * indent_chars)
    if left_chars:
        fmt.left_indent = Pt(CHAR_PITCH_PT * left_chars)
    if right_chars:
        fmt.right_indent = Pt(CHAR_PITCH_PT * right_chars)
    if text:
        _fonts(p.add_run(text), font, size, bold=bold, color=color)
    _no_widow(p)
    _no_grid(p)
    height = (line or LINE).pt
    per_line = max(
        (BLOCK_W.pt / (CHAR_PITCH_PT if size == SANHAO else size)) - left_chars - right_chars, 1
    )
    lines = max(math.ceil((text_width(text) + indent_chars) / per_line - 1e-9), 1)
    _advance(doc, height, lines, before.pt if before else 0.0)
    return p


def _advance(doc, height: float, lines: int = 1, before: float = 0.0) -> None:
    """Follow the layout line by line: a line that does not fit on the page starts the
    next one (the rest of the page stays empty)."""
    pos = getattr(doc, "_page_pos", 0.0) + before
    page = BLOCK_H.pt
    for _ in range(lines):
        if pos + height > page + 0.01:
            pos = 0.0
            doc._pages = getattr(doc, "_pages", 1) + 1
        pos += height
    doc._page_pos = pos


def text_width(text: str) -> float:
    """Width in characters: ASCII letters and digits take half a character."""
    return sum(0.5 if ord(ch) < 128 else 1 for ch in text or "")


def _no_widow(p) -> None:
    """Lines break where the page ends (no widow/orphan control), so the layout is
    deterministic and the end block can be put at the foot of the last page."""
    ppr = p._p.get_or_add_pPr()
    widow = OxmlElement("w:widowControl")
    widow.set(qn("w:val"), "0")
    ppr.append(widow)


def _border(
    p, side: str, *, color: str = "FF0000", size_eighths: int = 8, space: int = 0, val="single"
):
    ppr = p._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        ppr.append(borders)
    edge = OxmlElement(f"w:{side}")
    edge.set(qn("w:val"), val)
    edge.set(qn("w:sz"), str(size_eighths))
    edge.set(qn("w:space"), str(space))
    edge.set(qn("w:color"), color)
    borders.append(edge)


def _mark_size(text: str) -> float:
    """The issuing-body mark as large as 初号 allows within the 156 mm line."""
    width_pt = BLOCK_W.pt
    return max(22.0, min(float(CHUHAO), width_pt / max(len(text), 1) * 0.98))


# --- the page ----------------------------------------------------------------------
def _setup(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = PAGE_W, PAGE_H
    section.top_margin = TOP
    section.left_margin = LEFT
    section.right_margin = PAGE_W - LEFT - BLOCK_W
    section.bottom_margin = PAGE_H - TOP - BLOCK_H
    section.header_distance = Mm(15)
    # the page number line's top 7 mm below the text block: 35 − 7 − 6.35 (an 18 pt line)
    section.footer_distance = Mm(21.6)
    sect = section._sectPr
    for old in sect.findall(qn("w:docGrid")):
        sect.remove(old)
    grid = OxmlElement("w:docGrid")
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))
    grid.set(qn("w:charSpace"), str(CHAR_SPACE))
    sect.append(grid)
    # Word and LibreOffice size the grid's character cells from the document defaults:
    # they must be 3号 for 28 characters a line.
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for tag in ("w:sz", "w:szCs"):
        old = rpr_default.find(qn(tag))
        if old is None:
            old = OxmlElement(tag)
            rpr_default.append(old)
        old.set(qn("w:val"), str(SANHAO * 2))
    default_fonts = rpr_default.find(qn("w:rFonts"))
    if default_fonts is None:
        default_fonts = OxmlElement("w:rFonts")
        rpr_default.insert(0, default_fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        default_fonts.set(qn(attr), FANGSONG)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        default_fonts.attrib.pop(qn(attr), None)
    style = doc.styles["Normal"]
    style.font.name = FANGSONG
    style.font.size = Pt(SANHAO)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FANGSONG)
    _page_numbers(doc)


def _page_number_paragraph(paragraph, align, *, left: bool) -> None:
    fmt = paragraph.paragraph_format
    fmt.alignment = align
    fmt.line_spacing = Pt(18)
    fmt.line_spacing_rule = 4
    fmt.space_before = fmt.space_after = Pt(0)
    if left:
        fmt.left_indent = Pt(CHAR_PITCH_PT)
    else:
        fmt.right_indent = Pt(CHAR_PITCH_PT)
    _fonts(paragraph.add_run("— "), SONGTI, SIHAO)
    run = paragraph.add_run()
    for kind, text in (
        ("begin", None),
        (None, "PAGE"),
        ("separate", None),
        (None, "1"),
        ("end", None),
    ):
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == "PAGE":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = " PAGE "
            run._r.append(instr)
        else:
            t = OxmlElement("w:t")
            t.text = text
            run._r.append(t)
    _fonts(run, SONGTI, SIHAO)
    _fonts(paragraph.add_run(" —"), SONGTI, SIHAO)


def _page_numbers(doc) -> None:
    """Odd pages on the right, even pages on the left, one character in (GB/T 9704 7.5)."""
    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    _page_number_paragraph(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT, left=False)
    _page_number_paragraph(
        section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT, left=True
    )


def _head(doc, sheet: Sheet) -> None:
    """份号, 密级, 紧急程度 at the top left in 黑体; then the mark, number and red line."""
    for text in (sheet.copy_number, sheet.classification, sheet.urgency):
        if text:
            _para(doc, text, font=HEITI, align=WD_ALIGN_PARAGRAPH.LEFT)
    if sheet.layout == "letter":
        _letter_head(doc, sheet)
        return
    size = _mark_size(sheet.issuer_mark)
    shown_lines = sum(1 for t in (sheet.copy_number, sheet.classification, sheet.urgency) if t)
    # the characters' top edge 35 mm below the top of the text block
    before = max(Mm(35).pt - shown_lines * LINE.pt - MARK_INK_OFFSET * size, 0)
    _para(
        doc,
        sheet.issuer_mark,
        font=XIAOBIAOSONG,
        size=size,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        line=Pt(size * 1.3),
        before=Pt(before),
        color=RED,
    )
    _para(doc)  # the number sits two lines below the mark: one blank line between
    if sheet.layout == "minutes":
        number = _para(doc, sheet.number, align=WD_ALIGN_PARAGRAPH.CENTER)
    elif sheet.upward:
        number = _para(doc, align=WD_ALIGN_PARAGRAPH.LEFT, left_chars=1, right_chars=1)
        _fonts(number.add_run(sheet.number), FANGSONG, SANHAO)
        # 签发人 and the names end one character from the right edge (GB/T 9704 7.2.4)
        number.paragraph_format.tab_stops.add_tab_stop(Pt(BLOCK_W.pt - CHAR_PITCH_PT), 2)
        _fonts(number.add_run("\t签发人："), FANGSONG, SANHAO)
        _fonts(number.add_run("、".join(sheet.signers)), KAITI, SANHAO)
    else:
        number = _para(doc, sheet.number, align=WD_ALIGN_PARAGRAPH.CENTER)
    # the red line, 4 mm below the number, as wide as the text block
    _border(number, "bottom", size_eighths=8, space=11)
    _advance(doc, 0, 0, 12)  # the border's distance and width
    _para(doc)  # one blank line, then the title


def _letter_head(doc, sheet: Sheet) -> None:
    """信函格式: the mark 30 mm from the top of the page (here: 7 mm above the text block,
    taken from the first line), a red double line (thick over thin) below it, the number
    at the right under the line."""
    size = _mark_size(sheet.issuer_mark)
    mark = _para(
        doc,
        sheet.issuer_mark,
        font=XIAOBIAOSONG,
        size=size,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        line=Pt(size * 1.25),
        color=RED,
    )
    _border(mark, "bottom", size_eighths=18, space=4, val="thickThinSmallGap")
    _advance(doc, 0, 0, 6.5)
    _para(doc, sheet.number, align=WD_ALIGN_PARAGRAPH.RIGHT, right_chars=1)
    _para(doc)


def _title(doc, sheet: Sheet) -> None:
    _no_grid(
        _para(
            doc,
            sheet.title,
            font=XIAOBIAOSONG,
            size=ERHAO,
            align=WD_ALIGN_PARAGRAPH.CENTER,
            line=Pt(ERHAO * 1.45),
        )
    )
    _para(doc)
    if sheet.main_recipients:
        _para(doc, f"{sheet.main_recipients}：", align=WD_ALIGN_PARAGRAPH.LEFT)


def _body(doc, sheet: Sheet) -> None:
    _paragraphs(doc, sheet.body)


def _paragraphs(doc, body: list[dict]) -> None:
    for paragraph in body:
        if "table" in paragraph:
            _table(doc, paragraph["table"])
            continue
        if "image" in paragraph:
            _image(doc, paragraph)
            continue
        level = int(paragraph.get("level", 0))
        text = paragraph.get("text", "")
        _para(doc, text, font=HEADING_FONTS.get(level, FANGSONG), indent_chars=2)


TABLE_SIZE = 10.5  # 五号: a statistics table of eight columns fits the 156 mm line
CELL_MARGIN = 5.4  # Word's default left and right cell margins, in points


def _table(doc, rows: list[list[str]]) -> None:
    """A body table (e.g. a bulletin's per-unit figures): ruled, 五号仿宋, the header row
    repeated on each page, rows never split; its height is followed like the lines'."""
    if not rows:
        return
    columns = max(len(row) for row in rows)
    table = doc.add_table(rows=0, cols=columns)
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(int(BLOCK_W.twips)))
    width.set(qn("w:type"), "dxa")
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        for key, value in (("val", "single"), ("sz", "4"), ("space", "0"), ("color", "000000")):
            edge.set(qn(f"w:{key}"), value)
        borders.append(edge)
    _table_properties(table, [width, borders])
    usable = BLOCK_W.pt / columns - 2 * CELL_MARGIN
    line = TABLE_SIZE * 1.3
    header_height = 0.0
    for index, cells in enumerate(rows):
        row = table.add_row()
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
        if index == 0:
            tr_pr.append(OxmlElement("w:tblHeader"))
        lines = 1
        for cell, text in zip(row.cells, list(cells) + [""] * (columns - len(cells)), strict=True):
            cell.width = Pt(BLOCK_W.pt / columns)
            p = cell.paragraphs[0]
            fmt = p.paragraph_format
            fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
            fmt.space_before = fmt.space_after = Pt(0)
            fmt.line_spacing, fmt.line_spacing_rule = Pt(line), 4
            _no_grid(p)
            if text:
                _fonts(p.add_run(str(text)), FANGSONG, TABLE_SIZE, bold=index == 0)
            wide = text_width(str(text)) * TABLE_SIZE
            lines = max(lines, math.ceil(wide / usable - 1e-9) if wide else 1)
        height = lines * line + 1
        pages = getattr(doc, "_pages", 1)
        _advance(doc, height)
        if index == 0:
            header_height = height
        elif getattr(doc, "_pages", 1) != pages:  # the header row repeats on the new page
            doc._page_pos += header_height


def _image(doc, block: dict) -> None:
    """A picture (a chart) centred in its own paragraph, at most the line's width; a block
    without data (its name typed in the drafting box) is left out."""
    from .body import image_bytes

    data = image_bytes(block)
    if not data:
        return
    width = min(float(block.get("width_mm") or 150), BLOCK_W.mm)
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0
    _no_grid(p)
    shape = p.add_run().add_picture(io.BytesIO(data), width=Mm(width))
    _advance(doc, shape.height.pt + 2)


def _attachment_pages(doc, sheet: Sheet) -> None:
    """GB/T 9704 8: each attachment starts a new page before the end block; “附件” and its
    number in 3号黑体 at the top left of the text block, the attachment's title centred on
    the third line (2号小标宋), its text formatted as the body."""
    many = len(sheet.attachments) > 1
    for index, attachment in enumerate(sheet.attachments, start=1):
        doc._page_pos = 0.0
        doc._pages = getattr(doc, "_pages", 1) + 1
        label = _para(
            doc, f"附件{index}" if many else "附件", font=HEITI, align=WD_ALIGN_PARAGRAPH.LEFT
        )
        label.paragraph_format.page_break_before = True
        _para(doc)
        _para(
            doc,
            attachment.get("title", ""),
            font=XIAOBIAOSONG,
            size=ERHAO,
            align=WD_ALIGN_PARAGRAPH.CENTER,
            line=Pt(ERHAO * 1.45),
        )
        _para(doc)
        _paragraphs(doc, list(attachment.get("body") or []))


def _attachments(doc, sheet: Sheet) -> None:
    notes = sheet.attachment_notes
    if not notes:
        return
    _para(doc)
    if len(notes) == 1:
        _para(doc, f"附件：{notes[0]}", indent_chars=2)
        return
    for index, note in enumerate(notes, start=1):
        if index == 1:
            _para(doc, f"附件：{index}.{note}", indent_chars=2)
        else:  # aligned under the first note's number
            _para(doc, f"{index}.{note}", left_chars=5)


def _signature(doc, sheet: Sheet) -> None:
    """署名 centred over the date; the date four characters from the right (7.3.5.1, with
    a seal); the seal is placed over both by hand after printing."""
    if sheet.layout == "minutes":
        return
    _para(doc)
    _para(doc)
    date = chinese_date(sheet.date)
    offset = max((len(date) - len(sheet.signature)) / 2, 0)
    _para(doc, sheet.signature, align=WD_ALIGN_PARAGRAPH.RIGHT, right_chars=4 + offset)
    _para(doc, date, align=WD_ALIGN_PARAGRAPH.RIGHT, right_chars=4)
    if sheet.note:
        _para(doc, f"（{sheet.note}）", indent_chars=2)


def _end_block(doc, sheet: Sheet) -> None:
    """版记 on the last page, at the foot of the text block: 抄送 and 印发 between a thick
    line (first and last, 0.35 mm) and a thin one (0.25 mm), 4号仿宋, one character in on
    each side. A spacer paragraph of the height left on the page pushes it down (every
    line before has an exact height, so the height used is known)."""
    if sheet.layout == "letter" or not (sheet.copy_to or sheet.printer):
        return
    rows = ([f"抄送：{sheet.copy_to}。"] if sheet.copy_to else []) + [None]
    row_height = Pt(SIHAO * 1.75)
    # rows, their borders, the one-point paragraph after the table, a little air
    block = row_height.pt * len(rows) + END_BLOCK_EXTRA
    page = BLOCK_H.pt
    left = page - getattr(doc, "_page_pos", 0.0)
    new_page = left < block + END_BLOCK_SLACK  # no room: the end block goes to the next page
    if new_page:
        doc._page_pos = 0.0
        doc._pages = getattr(doc, "_pages", 1) + 1
        left = page
    gap = max(left - block - END_BLOCK_SLACK, 1)
    while gap > 0.5:  # blank lines of at most one grid line each (one tall line is capped)
        step = min(gap, LINE.pt)
        spacer = _para(doc, line=Pt(step))
        if new_page:  # the first spacer starts the page (a break of its own would take a line)
            spacer.paragraph_format.page_break_before = True
            new_page = False
        gap -= step
    table = doc.add_table(rows=len(rows), cols=1)
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(int(BLOCK_W.twips)))
    width.set(qn("w:type"), "dxa")
    borders = OxmlElement("w:tblBorders")
    for side, size in (
        ("top", 8),
        ("left", 0),
        ("bottom", 8),
        ("right", 0),
        ("insideH", 6),
        ("insideV", 0),
    ):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "single" if size else "nil")
        if size:
            edge.set(qn("w:sz"), str(size))
            edge.set(qn("w:space"), "0")
            edge.set(qn("w:color"), "000000")
        borders.append(edge)
    # no cell margins and no indent: the lines run from edge to edge of the text block
    # (Word and LibreOffice otherwise pull a table out by its left cell margin)
    indent = OxmlElement("w:tblInd")
    indent.set(qn("w:w"), "0")
    indent.set(qn("w:type"), "dxa")
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), "0")
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    _table_properties(table, [width, indent, borders, margins])
    for row, text in zip(table.rows, rows, strict=True):
        row.height = row_height
        row.height_rule = 2  # WD_ROW_HEIGHT_RULE.EXACTLY
        cell = row.cells[0]
        cell.width = BLOCK_W
        p = cell.paragraphs[0]
        fmt = p.paragraph_format
        fmt.left_indent = Pt(CHAR_PITCH_PT)
        fmt.right_indent = Pt(CHAR_PITCH_PT)
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.line_spacing = Pt(SIHAO * 1.5)
        fmt.line_spacing_rule = 4
        fmt.keep_with_next = True
        _no_grid(p)
        if text is None:
            fmt.tab_stops.add_tab_stop(Pt(BLOCK_W.pt - CHAR_PITCH_PT * 2.2), 2)
            _fonts(p.add_run(sheet.printer), FANGSONG, SIHAO)
            _fonts(p.add_run(f"\t{chinese_date(sheet.printed_on)}印发"), FANGSONG, SIHAO)
        else:
            _fonts(p.add_run(text), FANGSONG, SIHAO)
    # a body cannot end with a table: a one-point paragraph after it
    tail = _para(doc, line=Pt(1))
    tail.paragraph_format.space_before = Pt(0)


# w:tblPr's children in the order the schema wants them (Word refuses others)
TBL_PR_ORDER = (
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
    "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd",
    "tblLayout", "tblCellMar", "tblLook",
)  # fmt: skip


def _table_properties(table, elements) -> None:
    """Set table properties, replacing any of the same name, in schema order."""
    tbl_pr = table._tbl.tblPr
    for element in elements:
        for old in tbl_pr.findall(element.tag):
            tbl_pr.remove(old)
        tbl_pr.append(element)
    rank = {qn(f"w:{name}"): i for i, name in enumerate(TBL_PR_ORDER)}
    children = sorted(tbl_pr, key=lambda child: rank.get(child.tag, len(rank)))
    for child in children:
        tbl_pr.remove(child)
        tbl_pr.append(child)


def _no_grid(p):
    """A paragraph that keeps its own line height instead of snapping to the line grid."""
    ppr = p._p.get_or_add_pPr()
    if ppr.find(qn("w:snapToGrid")) is not None:
        return p
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    ppr.append(snap)
    return p


def build(sheet: Sheet):
    """The python-docx Document."""
    doc = Document()
    _setup(doc)
    body = doc.element.body
    # the default template starts with no paragraph; keep it that way
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    _head(doc, sheet)
    _title(doc, sheet)
    _body(doc, sheet)
    _attachments(doc, sheet)
    _signature(doc, sheet)
    _attachment_pages(doc, sheet)
    _end_block(doc, sheet)
    return doc


def render_docx(sheet: Sheet, *, for_pdf: bool = False) -> bytes:
    """The .docx. ``for_pdf``: the same document with a line grid only (LibreOffice
    gives a 3号 character two cells of a 15.79 pt character grid; Word squeezes it into
    one) — the condensed character spacing keeps 28 a line either way."""
    doc = build(sheet)
    if for_pdf:
        grid = doc.sections[0]._sectPr.find(qn("w:docGrid"))
        grid.getparent().remove(grid)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def add_page_break(doc) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


__all__ = ["WD_SECTION", "Sheet", "build", "chinese_date", "render_docx"]
