"""Supervised items made through the services (the clock is the tracking engine's)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from zhongshu.supervision import services
from zhongshu.supervision.choices import Source


def make_supervised(org, *, unit=None, source=Source.KEY_WORK, days=30, subject=None, leader=None):
    return services.add_supervised_item(
        actor=org.officer,
        source=source,
        subject=subject or "推进义务教育学校新建扩建工程",
        lead_unit=unit or org.edu,
        due_date=timezone.localdate() + dt.timedelta(days=days),
        leader=leader if leader is not None else org.deputy.person,
        standard="年底前新增学位2000个",
    )
