"""Demo tracked items for the 示范区, so the workbench shows real work on first start:
items green, yellow and red on the official calendar, each with its rule basis.
Idempotent: an item whose subject exists is not created again."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from zhongshu.accounts.models import User
from zhongshu.clock import engine
from zhongshu.rules.catalogue import basis

from .choices import Priority, ReportCadence, Urgency
from .models import TrackedItem
from .registry import TASK
from .services import create_item, start_item
from .sweep import sweep

# subject, responsible username (their unit leads), days ago it started, rule, working days, priority
ITEMS = [
    ("答复区教育局关于增设学位的请示", "mishuke", 2, "DOC-IN-10", 7, Priority.IMPORTANT),
    ("拟办区卫健委关于冬春季传染病防控工作的报告", "mishuke", 6, "DOC-IN-14", 2, Priority.URGENT),
    (
        "起草贯彻市政府冬季供热保障工作部署的实施方案",
        "cgw_lly",
        24,
        "DOC-IN-15",
        15,
        Priority.IMPORTANT,
    ),
    ("常务会议议定事项：老旧小区改造年度任务", "zjw_lly", 1, "SUP-5", 2, Priority.NORMAL),
    ("落实区长关于岁末年初安全生产检查的批示", "yjj_lly", 9, "DOC-IN-10", 7, Priority.URGENT),
    ("核报2026年财政预算执行情况", "czj_lly", 3, "DOC-IN-10", 15, Priority.NORMAL),
]


@transaction.atomic
def load_demo(*, stdout) -> None:
    actor = User.objects.select_related("person").get(username="ducha")
    now = timezone.now()
    created = 0
    for subject, username, days_ago, rule, days, priority in ITEMS:
        if TrackedItem.objects.filter(subject=subject).exists():
            continue
        account = User.objects.select_related("person__unit").get(username=username)
        handler = account.person
        start = now - dt.timedelta(days=days_ago)
        deadline = engine.add_working_days(start, days, rule=rule, params={"days": days})
        item = create_item(
            actor=actor,
            kind=TASK,
            subject=subject,
            lead_unit=handler.unit,
            responsible=handler,
            deadline=deadline,
            basis=basis(rule, days=days),
            priority=priority,
            urgency=Urgency.URGENT if priority == Priority.URGENT else Urgency.NORMAL,
            report_cadence=ReportCadence.WEEKLY if days >= 10 else ReportCadence.NONE,
        )
        if days_ago > 5:
            start_item(actor=account, item=item)
        created += 1
    if created:
        sweep(now)
    stdout.write(f"  跟踪事项：新增 {created} 件")
