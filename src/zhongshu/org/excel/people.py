"""The people sheet (with their posts): template, export rows, and the import plan."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from ..models import Person, Post, Section, Unit
from .units import is_uuid, parse_order
from .workbook import Column, Row

UUID, NAME, UNIT, SECTION, POSTS, MOBILE, PHONE, EMAIL, ORDER = (
    "编号",
    "姓名",
    "单位",
    "科室",
    "职务",
    "手机",
    "办公电话",
    "电子邮箱",
    "排序",
)
COLUMNS = [
    Column(UUID, width=38, note="导出时自动填写，用于更新已有人员；新建人员留空。请勿修改。"),
    Column(NAME, required=True, width=12, note="姓名。"),
    Column(UNIT, required=True, width=28, note="所在单位的全称或简称（须为在用单位）。"),
    Column(SECTION, width=14, note="所在科室名称，须属于该单位；没有可留空。"),
    Column(POSTS, width=24, note="职务名称，多个用顿号“、”分隔，如：科长、信息员。"),
    Column(MOBILE, width=14, note="手机号码。"),
    Column(PHONE, width=14, note="办公电话。"),
    Column(EMAIL, width=24, note="电子邮箱。"),
    Column(ORDER, width=8, note="整数，越小越靠前，默认 100。"),
]
INSTRUCTIONS = [
    "人员导入说明",
    "1. 第一张工作表为数据表，第一行为列名，请勿修改列名；带 * 的列必填。",
    "2. 导入前系统逐行检查全部数据：任何一行有误，整个文件都不会导入，并逐行列出错误。",
    "3. 编号为空的行新建人员；填有编号的行更新该人员（编号来自导出文件）。",
    "4. “职务”列中尚未担任的职务会登记到该人员所在单位和科室；已有职务不会因导入而结束。",
    "",
    "各列说明：",
]


def export_rows(people) -> list[list[Any]]:
    rows = []
    for person in people:
        posts = "、".join(p.post.name for p in getattr(person, "current_positions", []))
        rows.append(
            [
                str(person.uuid),
                person.name,
                person.unit.name,
                person.section.name if person.section_id else "",
                posts,
                person.mobile,
                person.office_phone,
                person.email,
                person.sort_order,
            ]
        )
    return rows


@dataclass
class PersonStep:
    row: int
    person: Person | None  # None: create
    data: dict[str, Any]
    posts: list[Post]


@dataclass
class PersonPlan:
    steps: list[PersonStep] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)


class _Catalogue:
    """Everything a row may name, read once: units, sections, posts, existing people."""

    def __init__(self, rows: list[Row]):
        units = list(Unit.objects.filter(archived_at__isnull=True))
        self.units = {u.name: u for u in units}
        self.short: dict[str, list[Unit]] = {}
        for unit in units:
            self.short.setdefault(unit.short_name, []).append(unit)
        self.sections = {
            (s.unit_id, s.name): s for s in Section.objects.filter(archived_at__isnull=True)
        }
        posts = list(Post.objects.all())
        self.posts = {p.code: p for p in posts}
        self.posts.update({p.name: p for p in posts})
        ids = [r.get(UUID) for r in rows if is_uuid(r.get(UUID))]
        self.people = {str(p.uuid): p for p in Person.objects.filter(uuid__in=ids)}
        names = {r.get(NAME) for r in rows if not r.get(UUID)}
        self.existing = set(
            Person.objects.filter(name__in=names, archived_at__isnull=True).values_list(
                "unit_id", "name"
            )
        )

    def unit(self, ref: str) -> tuple[Unit | None, str]:
        if ref in self.units:
            return self.units[ref], ""
        matches = self.short.get(ref, [])
        if len(matches) == 1:
            return matches[0], ""
        if matches:
            return None, f"单位简称“{ref}”对应多个单位，请填写全称"
        return None, f"单位“{ref}”不存在"


def _check_row(cat: _Catalogue, row: Row, seen: dict[tuple[int, str], int]) -> list[str]:
    errors: list[str] = []
    person = None
    if row.get(UUID):
        person = cat.people.get(row.get(UUID))
        if person is None:
            errors.append(f"编号“{row.get(UUID)}”不存在")
        elif person.archived_at is not None:
            errors.append(f"人员“{person.name}”已归档，不能通过导入修改")
    for header in (NAME, UNIT):
        if not row.get(header):
            errors.append(f"“{header}”不能为空")
    unit, problem = cat.unit(row.get(UNIT)) if row.get(UNIT) else (None, "")
    if problem:
        errors.append(problem)
    if unit is not None and row.get(SECTION) and (unit.pk, row.get(SECTION)) not in cat.sections:
        errors.append(f"单位“{unit.short_name}”没有科室“{row.get(SECTION)}”")
    for name in _split(row.get(POSTS)):
        if name not in cat.posts:
            errors.append(f"职务“{name}”不存在")
    if parse_order(row.get(ORDER)) is None:
        errors.append(f"排序“{row.get(ORDER)}”须为非负整数")
    if row.get(EMAIL):
        try:
            validate_email(row.get(EMAIL))
        except ValidationError:
            errors.append(f"电子邮箱“{row.get(EMAIL)}”格式不正确")
    if unit is not None and person is None and row.get(NAME):
        key = (unit.pk, row.get(NAME))
        if key in cat.existing:
            errors.append(
                f"{unit.short_name}已有人员“{row.get(NAME)}”；如需更新请使用导出文件（带编号）"
            )
        elif key in seen:
            errors.append(f"与第{seen[key]}行重复")
        seen.setdefault(key, row.number)
    return errors


def _split(text: str) -> list[str]:
    for sep in ("，", ",", "；", ";", "/"):
        text = text.replace(sep, "、")
    return [part.strip() for part in text.split("、") if part.strip()]


def plan(rows: list[Row]) -> PersonPlan:
    """Check every row against the database and the rows above it; write nothing."""
    cat = _Catalogue(rows)
    result, seen = PersonPlan(), {}
    for row in rows:
        errors = _check_row(cat, row, seen)
        if errors:
            result.errors.extend((row.number, e) for e in errors)
            continue
        unit, _ = cat.unit(row.get(UNIT))
        data = {
            "name": row.get(NAME),
            "unit": unit,
            "section": cat.sections.get((unit.pk, row.get(SECTION))) if unit else None,
            "mobile": row.get(MOBILE),
            "office_phone": row.get(PHONE),
            "email": row.get(EMAIL),
            "sort_order": parse_order(row.get(ORDER)),
        }
        posts = [cat.posts[name] for name in _split(row.get(POSTS))]
        result.steps.append(PersonStep(row.number, cat.people.get(row.get(UUID)), data, posts))
    return result
