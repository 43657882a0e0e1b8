from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from zhongshu.clock import engine

SH = ZoneInfo("Asia/Shanghai")


def at(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=SH)


def d(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, day)


@pytest.fixture
def catalogue(monkeypatch):
    """A stand-in rule catalogue: ``catalogue[(rule, name)] = value``; missing → KeyError,
    as the real ``rules.catalogue.param`` does for an unknown parameter."""
    values: dict[tuple[str, str], object] = {}

    def param(rule_id, name, profile=None):
        return values[(rule_id, name) if profile is None else (rule_id, name, profile)]

    monkeypatch.setattr(engine, "_rule_param", param)
    yield values
