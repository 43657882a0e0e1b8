"""The ledger in the layout offices use today: 序号, 工作任务, 分管区长, 牵头单位, 配合单位,
完成时限, 进展情况 — read (all rows or none, one error line per bad row) and written."""

from __future__ import annotations

import calendar
import datetime as dt
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import IO, Any

from openpyxl import load_workbook

from zhongshu.org.models import Person, Unit

HEADER = ("序号", "工作任务", "分管区长", "牵头单位", "配合单位", "完成时限", "进展情况")
EXPORT_HEADER = (*HEADER, "来源", "预警", "状态", "进度", "依据")
SPLIT = re.compile(r"[、，,；;/\s]+")
FULL = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")
MONTH = re.compile(r"^(\d{4})[-/.年](\d{1,2})月?(底|末)?$")
YEAR_END = re.compile(r"^(\d{4})年(底|末)$")


@dataclass
class Row:
    line: int
    number: int
    subject: str
    leader: Person | None
    lead_unit: Unit
    cooperating: list[Unit] = field(default_factory=list)
    due_date: dt.date = dt.date.min
    progress: str = ""


def parse_due(value: Any, year: int) -> dt.date | None:
    """A completion date as offices write it: a date cell, 2026-06-30, 2026年6月30日,
    2026年6月(底) (the month's last day), 2026年底, 年底 / 6月底 (of ``year``)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip().replace(" ", "")
    if not text:
        return None
    if text in ("年底", "年末"):
        return dt.date(year, 12, 31)
    if re.fullmatch(r"\d{1,2}月(底|末)?", text):
        text = f"{year}年{text}"
    for pattern in (FULL, MONTH, YEAR_END):
        found = pattern.match(text)
        if not found:
            continue
        try:
            if pattern is FULL:
                return dt.date(*(int(g) for g in found.groups()))
            if pattern is YEAR_END:
                return dt.date(int(found.group(1)), 12, 31)
            y, m = int(found.group(1)), int(found.group(2))
            return dt.date(y, m, calendar.monthrange(y, m)[1])
        except ValueError:
            return None
    return None


class Lookup:
    """Units by full or short name and leaders by name, read once per import."""

    def __init__(self) -> None:
        self.units: dict[str, Unit] = {}
        for unit in Unit.objects.filter(archived_at__isnull=True):
            self.units.setdefault(unit.short_name, unit)
            self.units.setdefault(unit.name, unit)
        self.people: dict[str, list[Person]] = {}

    def unit(self, name: str) -> Unit | None:
        return self.units.get(name.strip())

    def leader(self, name: str) -> list[Person]:
        name = re.sub(r"(副?区长|同志)$", "", name.strip())
        if name not in self.people:
            self.people[name] = list(
                Person.objects.filter(name=name, archived_at__isnull=True).select_related("unit")
            )
        return self.people[name]


def read_rows(upload: IO[bytes], year: int) -> tuple[list[Row], list[str]]:
    """Every row parsed, or the errors (one line per bad row, naming the row and cells)."""
    try:
        book = load_workbook(upload, read_only=True, data_only=True)
    except Exception:
        return [], ["文件不是有效的 Excel（.xlsx）文件。"]
    sheet = book.worksheets[0]
    lines = sheet.iter_rows(values_only=True)
    header = [str(c or "").strip() for c in next(lines, ())]
    missing = [name for name in HEADER if name not in header]
    if missing:
        return [], [f"表头缺少：{'、'.join(missing)}（应为：{'、'.join(HEADER)}）。"]
    at = {name: header.index(name) for name in HEADER}
    lookup, rows, errors = Lookup(), [], []
    for line, cells in enumerate(lines, start=2):
        if not any(c not in (None, "") for c in cells):
            continue
        row, problems = _row(line, cells, at, lookup, year)
        if problems:
            errors.append(f"第{line}行：" + "；".join(problems) + "。")
        elif row is not None:
            rows.append(row)
    if not rows and not errors:
        errors.append("表格中没有督办事项。")
    return rows, errors


def _cell(cells: tuple, at: dict[str, int], name: str) -> Any:
    index = at[name]
    return cells[index] if index < len(cells) else None


def _row(line: int, cells: tuple, at: dict, lookup: Lookup, year: int):
    problems: list[str] = []
    text = lambda name: str(_cell(cells, at, name) or "").strip()  # noqa: E731
    subject = text("工作任务")
    if not subject:
        problems.append("工作任务为空")
    unit = lookup.unit(text("牵头单位"))
    if unit is None:
        problems.append(f"牵头单位“{text('牵头单位')}”不存在")
    cooperating = []
    for name in filter(None, SPLIT.split(text("配合单位"))):
        found = lookup.unit(name)
        if found is None:
            problems.append(f"配合单位“{name}”不存在")
        else:
            cooperating.append(found)
    leader = None
    if text("分管区长"):
        people = lookup.leader(text("分管区长"))
        if len(people) != 1:
            problems.append(f"分管区长“{text('分管区长')}”{'重名' if people else '不存在'}")
        else:
            leader = people[0]
    due = parse_due(_cell(cells, at, "完成时限"), year)
    if due is None:
        problems.append(f"完成时限“{text('完成时限')}”无法识别")
    try:
        number = int(float(text("序号") or 0))
    except ValueError:
        problems.append(f"序号“{text('序号')}”不是数字")
        number = 0
    if problems:
        return None, problems
    assert unit is not None and due is not None
    row = Row(line, number, subject, leader, unit, cooperating, due, text("进展情况"))
    return row, []


EXPORT_FIELDS = (
    "number",
    "source",
    "progress_note",
    "leader_id",
    "leader__name",
    "item_id",
    "item__subject",
    "item__due_at",
    "item__outcome",
    "item__closed_at",
    "item__colour",
    "item__state",
    "item__percent",
    "item__basis",
    "item__deadline",
    "item__lead_unit_id",
    "item__lead_unit__short_name",
)


def export_rows(queryset):
    """The lines as ``write_ledger`` reads them: only the exported columns, the cooperating
    units in one query for all lines."""
    from django.db.models import Prefetch

    from zhongshu.org.models import Unit

    units = Unit.objects.only("short_name").order_by()
    return (
        queryset.select_related("item__lead_unit", "leader")
        .only(*EXPORT_FIELDS)
        .prefetch_related(Prefetch("item__cooperating_units", units, to_attr="cooperating_list"))
    )


def write_ledger(items: Iterable[Any]) -> bytes:
    """Supervised items (read by ``export_rows``, or with item, lead unit, leader and
    cooperating units loaded)."""
    from openpyxl import Workbook

    from zhongshu.tracking.export import local

    book = Workbook(write_only=True)
    sheet = book.create_sheet("督查台账")
    sheet.append(list(EXPORT_HEADER))
    for s in items:
        item = s.item
        cooperating = getattr(item, "cooperating_list", None)
        if cooperating is None:
            cooperating = item.cooperating_units.all()
        sheet.append(
            [
                s.number,
                item.subject,
                s.leader.name if s.leader_id else "",
                item.lead_unit.short_name,
                "、".join(u.short_name for u in cooperating),
                local(item.due_at)[:10],
                s.progress_note or (item.outcome if item.closed_at else ""),
                s.get_source_display(),
                item.get_colour_display(),
                item.get_state_display(),
                f"{item.percent}%",
                item.basis_label,
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
