"""The auditor's Excel export of a filtered audit trail."""

from __future__ import annotations

import io
import json

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

EXPORT_LIMIT = 100_000

COLUMNS = [
    ("编号", "id"),
    ("时间", "occurred_at"),
    ("事件", "event"),
    ("操作人", "actor_name"),
    ("代谁办理", "on_behalf_of"),
    ("对象类型", "object_type"),
    ("对象编号", "object_id"),
    ("对象", "object_repr"),
    ("变更前", "before"),
    ("变更后", "after"),
    ("请求编号", "request_id"),
    ("地址", "address"),
    ("前序哈希", "prev_hash"),
    ("哈希", "hash"),
]


def _cell(sheet, value):
    if value is None:
        return None
    if isinstance(value, dict | list):
        value = json.dumps(value, ensure_ascii=False, sort_keys=True)
    elif hasattr(value, "tzinfo"):
        value = timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S")
    if not isinstance(value, str):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"  # never a formula, whatever the text starts with ("=", "+", "@")
    return cell


def workbook_bytes(records) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("审计记录")
    sheet.append([title for title, _ in COLUMNS])
    for record in records:
        sheet.append([_cell(sheet, getattr(record, name)) for _, name in COLUMNS])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
