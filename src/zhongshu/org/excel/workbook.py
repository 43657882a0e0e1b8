"""Reading and writing the organisation's Excel sheets.

A sheet is a header row of Chinese column names and one object per row. Templates carry
an instructions sheet (填写说明). Reading returns each non-blank row with its Excel row
number, so every error can name its line ("第5行：…").
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import quote

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_ROWS = 10000
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="EEF1F5")


@dataclass(frozen=True)
class Column:
    header: str
    required: bool = False
    width: int = 16
    choices: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Row:
    number: int  # the Excel row number, as the user sees it
    values: dict[str, str]

    def get(self, header: str) -> str:
        return self.values.get(header, "")


class ImportFileError(Exception):
    """The file as a whole cannot be read (not a workbook, headers missing…)."""


def _header_cells(sheet, columns: Sequence[Column]) -> None:
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(
            row=1, column=index, value=column.header + ("*" if column.required else "")
        )
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        if column.choices:
            rule = DataValidation(type="list", formula1='"' + ",".join(column.choices) + '"')
            rule.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
            sheet.add_data_validation(rule)
    sheet.freeze_panes = "A2"


def build(
    title: str,
    columns: Sequence[Column],
    rows: Iterable[Sequence[object]] = (),
    instructions: Sequence[str] = (),
) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    _header_cells(sheet, columns)
    for values in rows:
        # Everything as text: phone numbers keep their leading zeros, ids their form.
        sheet.append(["" if v is None else str(v) for v in values])
    if instructions:
        notes = workbook.create_sheet("填写说明")
        notes.column_dimensions["A"].width = 100
        for line in instructions:
            notes.append([line])
            notes.cell(row=notes.max_row, column=1).alignment = Alignment(wrap_text=True)
        for column in columns:
            if column.note:
                mark = "（必填）" if column.required else ""
                notes.append([f"{column.header}{mark}：{column.note}"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel turned a phone number into 13800000000.0
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value).strip()


def read(upload, columns: Sequence[Column]) -> list[Row]:
    """The non-blank rows of the first sheet, keyed by header (a trailing * ignored)."""
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not xlsx
        raise ImportFileError("无法读取文件，请使用下载的模板（.xlsx）。") from exc
    sheet = workbook.worksheets[0]
    lines = sheet.iter_rows(values_only=True)
    headers = [_text(h).rstrip("*") for h in next(lines, ())]
    missing = [c.header for c in columns if c.required and c.header not in headers]
    if missing:
        raise ImportFileError("缺少必填列：" + "、".join(missing) + "。请使用下载的模板。")
    known = {c.header for c in columns}
    rows = []
    for number, values in enumerate(lines, start=2):
        data = {h: _text(v) for h, v in zip(headers, values, strict=False) if h in known}
        if any(data.values()):
            rows.append(Row(number, data))
        if len(rows) > MAX_ROWS:
            raise ImportFileError(f"一次最多导入 {MAX_ROWS} 行。")
    workbook.close()
    return rows


def download(content: bytes, filename: str) -> HttpResponse:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(content, content_type=XLSX)
    # RFC 6266: an ASCII fallback plus the UTF-8 Chinese name.
    name = f"{filename}-{stamp}.xlsx"
    response["Content-Disposition"] = (
        f"attachment; filename=\"org-{stamp}.xlsx\"; filename*=UTF-8''{quote(name)}"
    )
    return response
