"""Document numbers (发文字号): 代字〔YYYY〕N号 with full-width brackets and no leading
zeros (GB/T 9704-2012 7.2.4). Parsing is lenient: a number written with the wrong
brackets or a padded sequence is understood, and the finding tells the clerk how it
should be written (a warning, not a refusal)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_LENIENT = re.compile(
    r"^\s*(?P<code>[^\s〔〕\[\]（）()【】［］]+?)\s*"
    r"(?P<open>[〔\[（(【［])\s*(?P<year>\d{4})\s*(?P<close>[〕\]）)】］])\s*"
    r"(?P<seq>\d+)\s*(?P<suffix>号)?\s*$"
)


@dataclass(frozen=True)
class DocumentNumber:
    series_code: str
    year: int
    sequence: int

    def __str__(self) -> str:
        return format_number(self.series_code, self.year, self.sequence)


@dataclass(frozen=True)
class NumberCheck:
    """The result of reading a number as typed: ``number`` is None when it cannot be
    understood at all; ``problems`` lists what is wrong with how it was written;
    ``suggestion`` is the correct spelling when one can be given."""

    raw: str
    number: DocumentNumber | None
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return self.number is not None and not self.problems

    @property
    def suggestion(self) -> str:
        return str(self.number) if self.number is not None else ""


def format_number(series_code: str, year: int, sequence: int) -> str:
    """河北政办发〔2026〕7号: full-width brackets, the sequence not padded."""
    if sequence < 1:
        raise ValueError("a document number's sequence starts at 1")
    return f"{series_code}〔{year}〕{sequence}号"


def check_number(raw: str) -> NumberCheck:
    text = (raw or "").strip()
    match = _LENIENT.match(text)
    if not match:
        return NumberCheck(
            text, None, ("文号应写作“机关代字〔年份〕序号号”，如“河北政办发〔2026〕7号”。",)
        )
    problems: list[str] = []
    if match["open"] != "〔" or match["close"] != "〕":
        problems.append("年份应使用六角括号“〔〕”。")
    if match["seq"].startswith("0"):
        problems.append("序号不编虚位（如 1 不写作 01、001）。")
    if not match["suffix"]:
        problems.append("序号后应加“号”字。")
    if text != text.replace(" ", "").replace("\u3000", ""):
        problems.append("文号中不应有空格。")
    seq = int(match["seq"])
    if seq < 1:
        return NumberCheck(text, None, ("序号从 1 开始。",))
    number = DocumentNumber(match["code"], int(match["year"]), seq)
    return NumberCheck(text, number, tuple(problems))


def parse_number(raw: str) -> DocumentNumber | None:
    """The number if it can be understood (however it was written), else None."""
    return check_number(raw).number


def normalised(raw: str) -> str:
    """The canonical spelling for matching duplicates ("" when not a number)."""
    number = parse_number(raw)
    return str(number) if number is not None else (raw or "").strip()
