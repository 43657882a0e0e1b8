"""The working-day index: the calendar of 2000–2099 held in memory, one per process.

Working-day arithmetic is a lookup in a sorted list of working-day ordinals (``bisect``)
instead of a walk day by day. The index is built once from the database (stored years)
and the provisional calendar (every other year), and rebuilt when the calendar changes:
each process compares the one-row ``CalendarRevision`` token at most every
``CHECK_SECONDS`` (so a gunicorn worker notices an edit made in another one), and the
process that made the edit rebuilds at once, on commit.
"""

from __future__ import annotations

import datetime as dt
import functools
import threading
import time
from dataclasses import dataclass

from .choices import DayKind, YearStatus
from .holidays import MAX_YEAR, MIN_YEAR, plain_year, provisional_year

CHECK_SECONDS = 2.0
FIRST = dt.date(MIN_YEAR, 1, 1)
LAST = dt.date(MAX_YEAR, 12, 31)
BASE = FIRST.toordinal()
END = LAST.toordinal()

KINDS = (DayKind.WORKDAY, DayKind.WEEKEND, DayKind.HOLIDAY, DayKind.ADJUSTED_WORKDAY)
CODE: dict[str, int] = {kind: code for code, kind in enumerate(KINDS)}
WORKING_CODES = frozenset({CODE[DayKind.WORKDAY], CODE[DayKind.ADJUSTED_WORKDAY]})


class OutOfRange(ValueError):
    def __init__(self, day: dt.date | None = None):
        super().__init__(
            f"日期{f' {day}' if day else ''}超出工作日历范围（{MIN_YEAR}–{MAX_YEAR}年）"
        )


@dataclass(frozen=True)
class DayInfo:
    date: dt.date
    kind: str
    holiday_name: str
    is_working_day: bool
    provisional: bool

    @property
    def kind_label(self) -> str:
        return str(DayKind(self.kind).label)


@dataclass(frozen=True)
class CalendarIndex:
    token: object
    kinds: bytes  # one kind code per date, from FIRST
    names: dict[int, str]  # ordinal → holiday name (holidays and adjusted working days)
    working: list[int]  # ordinals of the working days, ascending
    provisional: bytes  # one flag per year, from MIN_YEAR
    stored: frozenset[int]  # years with rows in the database

    def day(self, day: dt.date) -> DayInfo:
        ordinal = checked_ordinal(day)
        code = self.kinds[ordinal - BASE]
        return DayInfo(
            date=day,
            kind=KINDS[code],
            holiday_name=self.names.get(ordinal, ""),
            is_working_day=code in WORKING_CODES,
            provisional=bool(self.provisional[day.year - MIN_YEAR]),
        )

    def is_provisional(self, first_year: int, last_year: int) -> bool:
        flags = self.provisional[first_year - MIN_YEAR : last_year - MIN_YEAR + 1]
        return 1 in flags


def checked_ordinal(day: dt.date) -> int:
    ordinal = day.toordinal()
    if not BASE <= ordinal <= END:
        raise OutOfRange(day)
    return ordinal


@functools.cache
def _provisional_layout() -> tuple[bytes, dict[int, str]]:
    """Kind codes and names of the whole range on the provisional calendar (computed
    once per process; stored years are laid over it)."""
    kinds = bytearray()
    names: dict[int, str] = {}
    for year in range(MIN_YEAR, MAX_YEAR + 1):
        for day, kind, name in provisional_year(year):
            kinds.append(CODE[kind])
            if name:
                names[day.toordinal()] = name
    return bytes(kinds), names


@functools.cache
def _plain_codes(year: int) -> bytes:
    return bytes(CODE[kind] for _day, (kind, _name) in sorted(plain_year(year).items()))


def build(token: object) -> CalendarIndex:
    from .models import CalendarDay, CalendarYear

    statuses = dict(CalendarYear.objects.values_list("year", "status"))
    stored = frozenset(y for y in statuses if MIN_YEAR <= y <= MAX_YEAR)
    base_kinds, base_names = _provisional_layout()
    kinds = bytearray(base_kinds)
    names = {o: n for o, n in base_names.items() if dt.date.fromordinal(o).year not in stored}
    for year in stored:
        start = dt.date(year, 1, 1).toordinal() - BASE
        plain = _plain_codes(year)
        kinds[start : start + len(plain)] = plain
    rows = CalendarDay.objects.filter(date__gte=FIRST, date__lte=LAST)
    for day, kind, name in rows.values_list("date", "kind", "holiday_name").iterator(2000):
        ordinal = day.toordinal()
        kinds[ordinal - BASE] = CODE[kind]
        if name:
            names[ordinal] = name
    provisional = bytes(
        0 if statuses.get(year) == YearStatus.OFFICIAL else 1
        for year in range(MIN_YEAR, MAX_YEAR + 1)
    )
    working = [BASE + i for i, code in enumerate(kinds) if code in WORKING_CODES]
    return CalendarIndex(token, bytes(kinds), names, working, provisional, stored)


def read_token() -> object:
    from .models import CalendarRevision

    return CalendarRevision.objects.filter(id=1).values_list("token", flat=True).first()


class _State:
    index: CalendarIndex | None = None
    next_check = 0.0
    changes = 0  # local invalidations, so test teardown can tell a test edited the calendar


_state = _State()
_lock = threading.Lock()


def current() -> CalendarIndex:
    """The index, checked against the database at most every ``CHECK_SECONDS``."""
    index = _state.index
    if index is not None and time.monotonic() < _state.next_check:
        return index
    with _lock:
        token = read_token()  # read before the rows: a concurrent edit is seen next time
        index = _state.index
        if index is None or index.token != token:
            index = build(token)
            _state.index = index
        _state.next_check = time.monotonic() + CHECK_SECONDS
        return index


def invalidate() -> None:
    """Forget the index (after a calendar edit committed in this process)."""
    with _lock:
        _state.index = None
        _state.next_check = 0.0
        _state.changes += 1


def changes() -> int:
    return _state.changes
