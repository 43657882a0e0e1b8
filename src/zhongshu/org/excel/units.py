"""The units sheet: template, export rows, and the import plan (checked before any write)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from ..choices import UnitKind
from ..models import Unit
from ..tree import tree_order
from .workbook import Column, Row

UUID, NAME, SHORT, KIND, PARENT, HOST, ORDER, PHONE = (
    "编号",
    "全称",
    "简称",
    "类别",
    "上级单位",
    "牵头部门",
    "排序",
    "电话",
)
KIND_LABELS = {str(label): value for value, label in UnitKind.choices}
COLUMNS = [
    Column(UUID, width=38, note="导出时自动填写，用于更新已有单位；新建单位留空。请勿修改。"),
    Column(NAME, required=True, width=30, note="单位全称，在用单位中不得重名。"),
    Column(SHORT, required=True, note="简称，如：区财政局。"),
    Column(KIND, required=True, width=20, choices=tuple(KIND_LABELS), note="从下拉列表中选择。"),
    Column(PARENT, width=30, note="上级单位的全称；可以是本表前面行中新建的单位。顶级单位留空。"),
    Column(HOST, width=24, note="议事协调机构的牵头（挂靠）部门全称。"),
    Column(ORDER, width=8, note="整数，越小越靠前，默认 100。"),
    Column(PHONE, note="联系电话。"),
]
INSTRUCTIONS = [
    "单位导入说明",
    "1. 第一张工作表为数据表，第一行为列名，请勿修改列名；带 * 的列必填。",
    "2. 导入前系统逐行检查全部数据：任何一行有误，整个文件都不会导入，并逐行列出错误。",
    "3. 编号为空的行新建单位；填有编号的行更新该单位（编号来自导出文件）。",
    "",
    "各列说明：",
]


def export_rows(units) -> list[list[Any]]:
    rows = []
    for unit in tree_order(units):
        rows.append(
            [
                str(unit.uuid),
                unit.name,
                unit.short_name,
                unit.get_kind_display(),
                unit.parent.name if unit.parent_id else "",
                unit.host.name if unit.host_id else "",
                unit.sort_order,
                unit.phone,
            ]
        )
    return rows


@dataclass
class UnitStep:
    row: int
    unit: Unit | None  # None: create
    data: dict[str, Any]
    parent: str = ""  # full name, resolved when applied (it may be created above)
    host: str = ""


@dataclass
class UnitPlan:
    steps: list[UnitStep] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)


def _kind(text: str) -> str | None:
    if text in KIND_LABELS:
        return KIND_LABELS[text]
    return text if text in UnitKind.values else None


def parse_order(text: str) -> int | None:
    if not text:
        return 100
    try:
        value = int(text)
    except ValueError:
        return None
    return value if value >= 0 else None


class _Checker:
    def __init__(self, rows: list[Row]):
        self.rows = rows
        units = list(Unit.objects.filter(archived_at__isnull=True))
        self.by_name = {u.name: u for u in units}
        ids = [r.get(UUID) for r in rows if r.get(UUID)]
        valid = [i for i in ids if is_uuid(i)]
        self.by_uuid = {str(u.uuid): u for u in Unit.objects.filter(uuid__in=valid)}
        self.seen: dict[str, int] = {}
        self.plan = UnitPlan()

    def error(self, row: Row, message: str) -> None:
        self.plan.errors.append((row.number, message))

    def check(self, row: Row) -> None:
        before = len(self.plan.errors)
        unit = self._target(row)
        name, short = row.get(NAME), row.get(SHORT)
        for header in (NAME, SHORT, KIND):
            if not row.get(header):
                self.error(row, f"“{header}”不能为空")
        kind, order = _kind(row.get(KIND)), parse_order(row.get(ORDER))
        if row.get(KIND) and kind is None:
            self.error(row, f"类别“{row.get(KIND)}”无效，请从下拉列表中选择")
        if order is None:
            self.error(row, f"排序“{row.get(ORDER)}”须为非负整数")
        self._check_name(row, name, unit)
        for header in (PARENT, HOST):
            ref = row.get(header)
            if ref and ref not in self.by_name and ref not in self.seen:
                self.error(row, f"{header}“{ref}”不存在")
            if ref and ref == name:
                self.error(row, f"{header}不能是本单位")
        if len(self.plan.errors) == before:
            data = {"name": name, "short_name": short, "kind": kind, "sort_order": order}
            data["phone"] = row.get(PHONE)
            step = UnitStep(row.number, unit, data, row.get(PARENT), row.get(HOST))
            self.plan.steps.append(step)
        if name:
            self.seen.setdefault(name, row.number)

    def _target(self, row: Row) -> Unit | None:
        ref = row.get(UUID)
        if not ref:
            return None
        unit = self.by_uuid.get(ref)
        if unit is None:
            self.error(row, f"编号“{ref}”不存在")
        elif unit.archived_at is not None:
            self.error(row, f"单位“{unit.name}”已归档，不能通过导入修改")
        return unit

    def _check_name(self, row: Row, name: str, unit: Unit | None) -> None:
        if not name:
            return
        if name in self.seen:
            self.error(row, f"全称“{name}”与第{self.seen[name]}行重复")
        existing = self.by_name.get(name)
        if existing is not None and (unit is None or existing.pk != unit.pk):
            self.error(row, f"已有同名的在用单位“{name}”")


def is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


def plan(rows: list[Row]) -> UnitPlan:
    """Check every row against the database and the rows above it; write nothing."""
    checker = _Checker(rows)
    for row in rows:
        checker.check(row)
    return checker.plan
