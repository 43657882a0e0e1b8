"""Demo supervision ledger of the 示范区: items of every source (SUP-1) and colour (SUP-16),
walked through the services at past moments — a key-work ledger, meeting decisions, a
leader's instruction, a special supervision, a city task, city-management orders (one
rectified, one lapsed, one running), a proposal with a co-handler, a supervision order,
a key item, close-outs, a return visit, a special supervision's report and problem list,
a city on-site visit's arrangements, and last month's bulletin. Idempotent: a second run adds nothing."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from unittest import mock

from django.db import transaction
from django.utils import timezone

from zhongshu.accounts.models import User
from zhongshu.org.models import Unit
from zhongshu.tracking import services as tracking
from zhongshu.tracking.sweep import sweep

from . import services
from .choices import CaseKind, Period, Source
from .models import Case, SupervisedItem

MARKER = "2026年区政府重点工作督查台账"

# subject, leader, lead unit, cooperating, days ago created, days from creation to due, percent
KEY_WORK = [
    ("新建、改扩建中小学校5所，新增学位4000个", "fuquzhang1", "jyj", ["czj", "ghj"], 200, 240, 70),
    ("建成区域医疗中心并投入运行", "fuquzhang1", "wjw", ["fgw"], 200, 150, 60),
    ("完成老旧小区改造30个", "fuquzhang3", "zjw", ["czj", "cgw"], 200, 230, 80),
    ("背街小巷环境整治100条", "fuquzhang3", "cgw", ["dcjd", "xcjd"], 200, 205, 90),
    ("实施河道综合治理12公里", "fuquzhang4", "swj", ["sthj"], 200, 330, 55),
    ("预算绩效管理全覆盖", "changwu", "czj", [], 200, 100, 100),
]


@contextlib.contextmanager
def _at(moment: dt.datetime) -> Iterator[None]:
    with mock.patch("django.utils.timezone.now", lambda: moment):
        yield


def _user(username: str) -> User:
    return User.objects.select_related("person__unit").get(username=username)


def _unit(code_user: str) -> Unit:
    return _user(f"{code_user}_lly").person.unit


@transaction.atomic
def load_demo(*, stdout) -> None:
    if Case.objects.filter(title=MARKER).exists():
        stdout.write("  督查督办：新增 0 项")
        return
    now = timezone.now()
    officer = _user("ducha")

    def ago(days: float, hour: int = 9) -> dt.datetime:
        day = timezone.localtime(now - dt.timedelta(days=days))
        return day.replace(hour=hour, minute=0, second=0, microsecond=0)

    with _at(ago(200)):
        case = services.register_case(actor=officer, kind=CaseKind.KEY_WORK, title=MARKER)
    items = []
    for subject, leader, unit, coop, days_ago, span, percent in KEY_WORK:
        start = ago(days_ago)
        with _at(start):
            s = services.add_supervised_item(
                actor=officer,
                source=Source.KEY_WORK,
                subject=subject,
                lead_unit=_unit(unit),
                cooperating_units=[_unit(c) for c in coop],
                leader=_user(leader).person,
                due_date=(start + dt.timedelta(days=span)).date(),
                standard=subject,
                case=case,
            )
        with _at(ago(days_ago - 30, 10)):
            tracking.report_progress(
                actor=_user(f"{unit}_lly"),
                item=s.item,
                text="已制定实施方案，按节点推进。",
                percent=percent // 2,
            )
        with _at(ago(20, 10)):
            tracking.report_progress(
                actor=_user(f"{unit}_lly"), item=s.item, text="按计划推进。", percent=percent
            )
        items.append(s)
    with _at(ago(196)):
        services.approve_case(actor=officer, case=case)
        services.issue_case_notice(
            actor=officer, case=case, notice={"content": "印发重点工作督查台账"}
        )
    done = items[-1]
    with _at(ago(95)):
        tracking.request_closeout(
            actor=_user("czj_lly"),
            item=done.item,
            outcome="已实现预算绩效管理全覆盖。",
            results=["全覆盖"],
        )
        services.approve_item_closeout(actor=officer, supervised=done, opinion="经核实，同意销号。")
    with _at(ago(15)):
        services.issue_order(
            actor=officer, supervised=items[1], reason="区域医疗中心建设进度滞后于计划。"
        )
        services.promote_to_key(
            actor=officer, supervised=items[1], reason="经催办仍进展缓慢（SUP-5）。"
        )

    with _at(ago(100)):
        services.add_supervised_item(
            actor=officer,
            source=Source.TARGET,
            subject="年度目标责任书：义务教育优质均衡发展督导评估达标",
            lead_unit=_unit("jyj"),
            leader=_user("fuquzhang1").person,
            due_date=ago(-120).date(),
            standard="通过国家义务教育优质均衡发展督导评估",
        )
    with _at(ago(30)):
        services.register_decisions(
            actor=officer,
            meeting="区政府第23次常务会议",
            reference="区政府常务会议纪要〔2026〕23号",
            decisions=[
                {
                    "subject": "研究冬季清雪保障方案并组织演练",
                    "lead_unit": _unit("cgw"),
                    "due_date": ago(2).date(),
                    "sub_items": ["修订清雪预案", "储备融雪剂", "组织一次演练"],
                },
                {
                    "subject": "制定农贸市场提升改造计划",
                    "lead_unit": _unit("swuj"),
                    "due_date": ago(-40).date(),
                },
            ],
        )
    with _at(ago(29)):
        meeting = Case.objects.get(title="区政府第23次常务会议")
        services.issue_case_notice(actor=officer, case=meeting, notice={"content": "转办通知"})

    with _at(ago(6)):
        services.register_instruction(
            actor=officer,
            instructed_by=_user("quzhang").person,
            instruction="请应急局牵头，岁末年初安全生产大检查要全覆盖，一周内回告。",
            subject="岁末年初安全生产大检查",
            lead_unit=_unit("yjj"),
            cooperating_units=[_unit("scj"), _unit("zjw")],
        )
    with _at(ago(12)):
        special = services.register_case(
            actor=officer,
            kind=CaseKind.SPECIAL,
            title="冬季供暖保障专项督查",
            ordered_by=_user("quzhang").person,
            plan="分两组对8个街道开展明察暗访。",
        )
        services.approve_case(actor=officer, case=special)
        services.issue_case_notice(
            actor=officer,
            case=special,
            notice={
                "basis": "区长批示",
                "time": "11月16日至20日",
                "targets": "各街道、区城管委",
                "content": "供暖设施运行与投诉处置",
                "form": "明察暗访、查验资料",
                "feedback": "书面报告督查室",
            },
        )
    with _at(ago(8)):
        services.collect_case_reports(
            actor=officer, case=special, findings="8个街道中2个存在室温不达标投诉处置不及时。"
        )
    with _at(ago(5)):
        services.submit_case_report(
            actor=officer,
            case=special,
            report="一、总体情况\n供暖运行总体平稳。\n二、存在问题\n2个街道投诉处置不及时。",
        )
        services.add_case_items(
            actor=officer,
            case=special,
            lines=[
                {
                    "subject": "整改供暖投诉处置不及时问题",
                    "lead_unit": _unit("cgw"),
                    "due_date": ago(-10).date(),
                }
            ],
        )
    with _at(ago(1)):
        services.register_case(
            actor=officer,
            kind=CaseKind.CITY_WRITTEN,
            title="市政府督查室关于优化营商环境督查的通知",
        )
        onsite = services.register_case(
            actor=officer, kind=CaseKind.CITY_ONSITE, title="市政府督查室安全生产实地督查"
        )
        services.record_arrangements(
            actor=officer,
            case=onsite,
            arrangements={
                "spots": "区应急指挥中心、滨海化工园区",
                "preparation": "督查前一日下午召开迎检准备会",
                "reception": "区政府办牵头，区应急局、区市场监管局配合",
            },
        )
    with _at(ago(60)):
        services.record_check(
            actor=officer,
            supervised=done,
            method="return_visit",
            finding="回访财政局，预算绩效管理全覆盖情况属实。",
            confirmed=True,
        )

    for days, problem, unit, outcome in (
        (10, "人民路与建设路交口占道经营", "dcjd", "rectified"),
        (8, "滨河公园垃圾清运不及时", "bhjd", "lapsed"),
        (1, "南湖小区违规广告牌", "nhjd", "pending"),
    ):
        with _at(ago(days)):
            order = services.issue_rectification_order(
                actor=officer, problem=problem, lead_unit=_unit(unit), reinspections=2
            )
        if outcome == "rectified":
            with _at(ago(days - 1)):
                services.report_rectification(
                    actor=_user(f"{unit}_lly"), supervised=order, text="已清理完毕并建立长效机制。"
                )
                services.approve_item_closeout(
                    actor=officer, supervised=order, opinion="经复查已整改到位。"
                )
    with _at(ago(60)):
        services.assign_proposal(
            actor=officer,
            reference="区人大十届五次会议建议第12号",
            subject="关于增设学校周边临时停车泊位的建议",
            proposer="张代表",
            lead_unit=_unit("jtj"),
            co_units=[_unit("jyj")],
        )
    sweep(now)
    services.lapse_rectifications(actor=None, now=now)
    last_month = timezone.localdate(now).replace(day=1) - dt.timedelta(days=1)
    services.generate_bulletin(
        actor=officer,
        period=Period.MONTHLY,
        year=last_month.year,
        number=last_month.month,
        leader_instruction="请各单位对照通报问题抓好整改。——王建国",
    )
    stdout.write(f"  督查督办：新增 {SupervisedItem.objects.count()} 项")
