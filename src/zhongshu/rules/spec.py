"""How a rule and its parameters are declared in the catalogue data.

A ``RuleDef`` is one row of ``../shared/RULES.md`` as data; a ``ParamDef`` is one of its
numbers, typed, with a unit and the default of each profile. ``ParamDef.clean`` is the
one validation path for the form, the API and the database sync; ``encode``/``decode``
convert between Python values and the JSON stored in the database and in a basis.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from .choices import Kind, ParamType, Unit
from .sources import source_code, source_label

PROFILES = ("district", "city")
SAME = object()  # a city default equal to the district one


class ParamError(ValueError):
    """A value an office typed does not fit the parameter; the message is Chinese."""


_TIME = re.compile(r"^([01]?\d|2[0-3])[:：]([0-5]\d)$")
_DURATION_PARTS = re.compile(
    r"^(?:(?P<d>\d+)\s*(?:d|天|日))?\s*(?:(?P<h>\d+)\s*(?:h|小时))?\s*(?:(?P<m>\d+)\s*(?:m|min|分钟))?$"
)
_ISO_DURATION = re.compile(r"^P(?:(?P<d>\d+)D)?(?:T(?:(?P<h>\d+)H)?(?:(?P<m>\d+)M)?)?$")
_TRUE = {"true", "1", "on", "yes", "是"}
_FALSE = {"false", "0", "off", "no", "否", ""}
MAX_LIST_ITEMS = 50
MAX_TEXT = 200


@dataclass(frozen=True)
class ParamDef:
    name: str
    label: str
    type: str
    default: Any
    unit: str = Unit.NONE
    city: Any = SAME
    min: float | None = None
    max: float | None = None
    choices: tuple[tuple[str, str], ...] = ()
    optional: bool = False  # None (shown as 不限) is allowed
    help: str = ""

    def default_for(self, profile: str) -> Any:
        if profile == "city" and self.city is not SAME:
            return self.city
        return self.default

    # --- validation -------------------------------------------------------------------
    def clean(self, raw: Any) -> Any:
        """The typed value for ``raw`` (form text or JSON), or ``ParamError``."""
        if raw is None or (isinstance(raw, str) and not raw.strip() and self.type != "list"):
            if self.optional:
                return None
            raise ParamError(f"“{self.label}”不能为空。")
        return getattr(self, f"_clean_{self.type}")(raw)

    def _range(self, value: float, what: str) -> None:
        low, high = self.min, self.max
        if (low is not None and value < low) or (high is not None and value > high):
            raise ParamError(f"“{self.label}”须为{_bounds(low, high)}的{what}。")

    def _clean_int(self, raw: Any) -> int:
        if isinstance(raw, bool):
            raise ParamError(f"“{self.label}”须为整数。")
        try:
            value = int(str(raw).strip()) if not isinstance(raw, int) else raw
        except ValueError as exc:
            raise ParamError(f"“{self.label}”须为整数。") from exc
        self._range(value, "整数")
        return value

    def _clean_float(self, raw: Any) -> float:
        if isinstance(raw, bool):
            raise ParamError(f"“{self.label}”须为数字。")
        try:
            value = float(str(raw).strip())
        except ValueError as exc:
            raise ParamError(f"“{self.label}”须为数字。") from exc
        if value != value:  # NaN
            raise ParamError(f"“{self.label}”须为数字。")
        self._range(value, "数字")
        return value

    def _clean_bool(self, raw: Any) -> bool:
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise ParamError(f"“{self.label}”须为“是”或“否”。")

    def _clean_str(self, raw: Any) -> str:
        if not isinstance(raw, str):
            raise ParamError(f"“{self.label}”须为文字。")
        value = raw.strip()
        if len(value) > MAX_TEXT:
            raise ParamError(f"“{self.label}”不能超过{MAX_TEXT}个字。")
        return value

    def _clean_time(self, raw: Any) -> dt.time:
        if isinstance(raw, dt.time):
            return raw.replace(second=0, microsecond=0)
        match = _TIME.match(str(raw).strip())
        if not match:
            raise ParamError(f"“{self.label}”须为“时:分”格式的时间，如 17:30。")
        return dt.time(int(match.group(1)), int(match.group(2)))

    def _clean_duration(self, raw: Any) -> dt.timedelta:
        if isinstance(raw, dt.timedelta):
            value = raw
        else:
            value = parse_duration(str(raw))
            if value is None:
                raise ParamError(f"“{self.label}”须为时长，如 4小时、30分钟、1天。")
        self._range(value.total_seconds() / 60, "时长（分钟）")
        if value <= dt.timedelta(0):
            raise ParamError(f"“{self.label}”须为正的时长。")
        return value

    def _clean_choice(self, raw: Any) -> str:
        value = str(raw).strip()
        if value not in dict(self.choices):
            options = "、".join(label for _, label in self.choices)
            raise ParamError(f"“{self.label}”须为以下之一：{options}。")
        return value

    def _clean_list(self, raw: Any) -> tuple[str, ...]:
        if isinstance(raw, str):
            items = [line.strip() for line in raw.replace("、", "\n").splitlines()]
        elif isinstance(raw, list | tuple):
            if not all(isinstance(item, str) for item in raw):
                raise ParamError(f"“{self.label}”的每一项须为文字。")
            items = [item.strip() for item in raw]
        else:
            raise ParamError(f"“{self.label}”须为文字列表。")
        items = [item for item in items if item]
        if not items and not self.optional:
            raise ParamError(f"“{self.label}”至少需要一项。")
        if len(items) > MAX_LIST_ITEMS or any(len(item) > MAX_TEXT for item in items):
            raise ParamError(f"“{self.label}”最多{MAX_LIST_ITEMS}项，每项不超过{MAX_TEXT}字。")
        return tuple(items)

    # --- JSON -------------------------------------------------------------------------
    def encode(self, value: Any) -> Any:
        return encode_value(value)

    def decode(self, stored: Any) -> Any:
        """Stored JSON back to the typed value (trusted: it passed ``clean`` once)."""
        if stored is None:
            return None
        return self.clean(stored)

    def display(self, value: Any) -> str:
        """The value as an office reads it: ``7个工作日``, ``17:30``, ``不限``."""
        if value is None:
            return "不限"
        if self.type == "bool":
            return "是" if value else "否"
        if self.type == "choice":
            return dict(self.choices).get(value, str(value))
        if self.type == "list":
            return "、".join(value)
        if self.type == "duration":
            return display_duration(value)
        if self.type == "time":
            return value.strftime("%H:%M")
        if self.type == "float" and float(value).is_integer():
            value = int(value)
        return f"{value}{Unit(self.unit).suffix}"


@dataclass(frozen=True)
class RuleDef:
    id: str
    title: str
    text: str
    kinds: tuple[str, ...]
    refs: tuple[tuple[str, str], ...]
    params: tuple[ParamDef, ...] = ()
    profiles: frozenset[str] = frozenset(PROFILES)
    # Phrases for 依据 labels, e.g. "{days}个工作日内答复": the first whose placeholders
    # are all among the parameters used is shown; none fits → the title.
    phrases: tuple[str, ...] = ()
    kind_note: str = ""
    _by_name: dict[str, ParamDef] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for kind in self.kinds:
            Kind(kind)
        self._by_name.update({p.name: p for p in self.params})

    @property
    def module(self) -> str:
        return self.id.rsplit("-", 1)[0]

    @property
    def number(self) -> int:
        return int(self.id.rsplit("-", 1)[1])

    @property
    def source(self) -> str:
        return source_code(self.refs)

    @property
    def source_label(self) -> str:
        return source_label(self.refs)

    def param(self, name: str) -> ParamDef:
        return self._by_name[name]

    def has_param(self, name: str) -> bool:
        return name in self._by_name


def _bounds(low: float | None, high: float | None) -> str:
    def fmt(x: float) -> str:
        return str(int(x)) if float(x).is_integer() else str(x)

    if low is not None and high is not None:
        return f"{fmt(low)}至{fmt(high)}之间"
    if low is not None:
        return f"不小于{fmt(low)}"
    return f"不大于{fmt(high)}" if high is not None else ""


def parse_duration(text: str) -> dt.timedelta | None:
    text = text.strip().replace(" ", "")
    for pattern in (_ISO_DURATION, _DURATION_PARTS):
        match = pattern.match(text.upper() if pattern is _ISO_DURATION else text.lower())
        if match and any(match.groupdict().values()):
            parts = {k: int(v or 0) for k, v in match.groupdict().items()}
            return dt.timedelta(days=parts["d"], hours=parts["h"], minutes=parts["m"])
    return None


def display_duration(value: dt.timedelta) -> str:
    minutes = int(value.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = [
        f"{days}天" if days else "",
        f"{hours}小时" if hours else "",
        f"{mins}分钟" if mins else "",
    ]
    return "".join(parts) or "0分钟"


def encode_value(value: Any) -> Any:
    """A typed value as JSON: times ``"17:30"``, durations ``"PT4H"``, lists as lists."""
    if isinstance(value, dt.timedelta):
        minutes = int(value.total_seconds() // 60)
        days, rest = divmod(minutes, 24 * 60)
        hours, mins = divmod(rest, 60)
        out = "P" + (f"{days}D" if days else "")
        if hours or mins or not days:
            out += "T" + (f"{hours}H" if hours else "") + (f"{mins}M" if mins or not hours else "")
        return out
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [encode_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): encode_value(v) for k, v in value.items()}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


# --- constructors used by the catalogue data --------------------------------------------
def integer(name: str, label: str, default: int | None, unit: str = Unit.NONE, **kw) -> ParamDef:
    kw.setdefault("min", 0)
    return ParamDef(name, label, ParamType.INT, default, unit, **kw)


def number(name: str, label: str, default: float | None, unit: str = Unit.NONE, **kw) -> ParamDef:
    return ParamDef(name, label, ParamType.FLOAT, default, unit, **kw)


def boolean(name: str, label: str, default: bool, **kw) -> ParamDef:
    return ParamDef(name, label, ParamType.BOOL, default, **kw)


def text(name: str, label: str, default: str, **kw) -> ParamDef:
    return ParamDef(name, label, ParamType.STR, default, **kw)


def clock(name: str, label: str, default: str, **kw) -> ParamDef:
    return ParamDef(name, label, ParamType.TIME, _parse_time(default), Unit.CLOCK, **kw)


def duration(name: str, label: str, default: str, **kw) -> ParamDef:
    value = parse_duration(default)
    assert value is not None, default
    return ParamDef(name, label, ParamType.DURATION, value, **kw)


def choice(name: str, label: str, default: str, choices, **kw) -> ParamDef:
    if "city" in kw and kw["city"] is not SAME:
        assert kw["city"] in dict(choices), kw["city"]
    assert default in dict(choices), default
    return ParamDef(name, label, ParamType.CHOICE, default, choices=tuple(choices), **kw)


def items(name: str, label: str, default: list[str], **kw) -> ParamDef:
    if "city" in kw and kw["city"] is not SAME:
        kw["city"] = tuple(kw["city"])
    return ParamDef(name, label, ParamType.LIST, tuple(default), **kw)


def _parse_time(text_value: str) -> dt.time:
    hour, minute = text_value.split(":")
    return dt.time(int(hour), int(minute))


def rule(
    rule_id: str,
    title: str,
    text_value: str,
    kinds: str,
    refs: tuple[tuple[str, str], ...] | list[tuple[str, str]],
    *params: ParamDef,
    **kw,
) -> RuleDef:
    """``kinds`` as written in RULES.md's Kind column ("deadline, remind", "block / warn")."""
    found = tuple(dict.fromkeys(re.findall(r"block|warn|deadline|remind|record|count|flow", kinds)))
    return RuleDef(rule_id, title, text_value, found, tuple(refs), tuple(params), **kw)
