"""Excel exports of lists (openpyxl, write-only: constant memory whatever the size)."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook

MAX_ROWS = 20000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def local(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def workbook_response(
    filename: str, title: str, header: Sequence[str], rows: Iterable[Sequence]
) -> HttpResponse:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    sheet.append(list(header))
    for count, row in enumerate(rows):
        if count >= MAX_ROWS:
            break
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


ITEM_HEADER = (
    "事项",
    "类型",
    "状态",
    "预警",
    "牵头单位",
    "责任人",
    "当前办理",
    "办理时限",
    "依据",
    "暂定日历",
    "进度",
    "催办次数",
    "重点督办",
)


def item_row(item) -> list:
    from .registry import kind_of
    from .views_common import holder_label

    return [
        item.subject,
        kind_of(item.kind).label,
        item.get_state_display(),
        item.get_colour_display(),
        item.lead_unit.short_name,
        item.responsible.name if item.responsible_id else "",
        holder_label(item),
        local(item.due_at),
        item.basis_label,
        "是" if item.provisional else "",
        item.percent,
        item.chase_step,
        "是" if item.is_key else "",
    ]


def items_workbook(filename: str, title: str, items: Iterable) -> HttpResponse:
    return workbook_response(filename, title, ITEM_HEADER, (item_row(i) for i in items))
