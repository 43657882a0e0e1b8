"""A leader's instruction through the supervision ledger in a real browser (SUP-12): the
office registers it, the unit reports progress, it turns yellow (SUP-16) and is chased, the
unit asks to close it, the supervision office approves the close-out, the monthly bulletin
counts it as done on time and goes into the outgoing flow as a 通报. The clock is moved
with a settable ``timezone.now`` (the live server runs in this process) and the sweep is
run at each moment."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from zhongshu.supervision.models import SupervisedItem
from zhongshu.supervision.tests.conftest import Org
from zhongshu.tracking.sweep import sweep
from zhongshu.tracking.tests.conftest import Clock, at

from .conftest import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def org(transactional_db):
    return Org()


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


def log_out(page, live_server) -> None:
    page.context.clear_cookies()


def open_action(page, summary: str):
    block = page.locator("details", has=page.locator("summary", has_text=summary)).first
    block.locator("summary").click()
    return block


def test_sup_12_instruction_to_bulletin(page, live_server, org, clock):
    clock.set(at(2026, 3, 9, 10, 0))  # Monday
    subject = "学校周边交通拥堵治理"
    # 1. The supervision office registers the head's instruction.
    log_in(page, live_server, org.officer.username)
    page.goto(f"{live_server.url}/supervision/instructions/new/")
    page.get_by_label("批示领导").select_option(label=org.head.person.name)
    page.get_by_label("批示内容").fill("请教育局会同有关方面3月20日前解决并回告。")
    page.get_by_label("事项", exact=True).fill(subject)
    page.get_by_label("承办单位").select_option(label=str(org.edu))
    page.get_by_label("办结时限").fill("2026-03-20")
    page.get_by_role("button", name="提交").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(subject)
    expect(page.locator("main")).to_contain_text("2026-03-20 17:30")
    supervised = SupervisedItem.objects.get(item__subject=subject)

    # 2. The unit reports progress on the item's tracking page.
    log_out(page, live_server)
    log_in(page, live_server, org.edu_staff.username)
    page.goto(f"{live_server.url}/supervision/?mine=1")
    page.get_by_role("link", name=subject).click()
    page.get_by_role("link", name="办理（报告进展、申请延期、申请销号、四个清单）").click()
    block = open_action(page, "报告进展")
    block.get_by_label("进展情况").fill("已会同交警在校门口设置临时停车区。")
    block.get_by_label("进度（%）").fill("40")
    block.get_by_role("button", name="报告进展").click()
    expect(page.locator("main")).to_contain_text("已会同交警")

    # 3. Three working days before the deadline it turns yellow; the office chases.
    clock.set(at(2026, 3, 18, 9, 0))
    sweep(clock.now)
    log_out(page, live_server)
    log_in(page, live_server, org.officer.username)
    page.goto(f"{live_server.url}/supervision/")
    row = page.locator("table.list tr", has_text=subject)
    expect(row.locator(".tag.color-yellow")).to_have_text("黄")
    page.goto(f"{live_server.url}/tracking/items/{supervised.item.uuid}/")
    block = open_action(page, "催办")
    block.get_by_label("催办内容").fill("请抓紧办理，按时回告。")
    block.get_by_role("button", name="催办").click()
    expect(page.locator("main")).to_contain_text("请抓紧办理")

    # 4. The unit finishes and asks to close it.
    clock.set(at(2026, 3, 19, 15, 0))
    log_out(page, live_server)
    log_in(page, live_server, org.edu_staff.username)
    page.goto(f"{live_server.url}/tracking/items/{supervised.item.uuid}/")
    block = open_action(page, "申请销号")
    block.get_by_label("办理结果").fill("临时停车区启用，拥堵明显缓解，已回告区长。")
    block.get_by_label("成效清单（每行一项）").fill("设置临时停车泊位40个")
    block.get_by_role("button", name="申请销号").click()
    expect(page.locator("main")).to_contain_text("待销号")

    # 5. The supervision office approves the close-out (销号).
    log_out(page, live_server)
    log_in(page, live_server, org.officer.username)
    page.goto(f"{live_server.url}/supervision/items/{supervised.uuid}/")
    block = open_action(page, "审核销号")
    block.get_by_label("意见").fill("经核实已办结，同意销号。")
    block.get_by_role("button", name="审核销号").click()
    expect(page.locator("main")).to_contain_text("已销号")

    # 6. The monthly bulletin counts it as done on time.
    clock.set(at(2026, 4, 1, 9, 0))  # a new working day: the session of 19 March has ended
    log_out(page, live_server)
    log_in(page, live_server, org.officer.username)
    page.goto(f"{live_server.url}/supervision/bulletins/")
    page.get_by_label("周期").select_option("monthly")
    page.get_by_label("年度").fill("2026")
    page.get_by_label("月份或季度").fill("3")
    page.get_by_role("button", name="生成草稿").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("关于2026年3月督查督办落实情况的通报")
    row = page.locator("table.list tr", has_text=org.edu.short_name)
    expect(row.locator("td").nth(2)).to_have_text("1")
    expect(page.locator("main")).to_contain_text("按时办结1项")
    expect(page.locator("img.bulletin-chart")).to_be_visible()

    # 7. The office sends it into the outgoing flow as a document (通报).
    page.get_by_role("button", name="生成发文稿").click()
    expect(page).to_have_url(re.compile(r"/outgoing/[0-9a-f-]+/$"))
    expect(page.locator("main")).to_contain_text("关于2026年3月督查督办落实情况的通报")
    # its body carries the per-unit table and the chart (issue 6: embedded in the document)
    unit_row = page.locator("main table tr", has_text=org.edu.short_name)
    expect(unit_row.locator("td").nth(2)).to_have_text("1")
    expect(page.locator('main img[alt="chart"]')).to_be_visible()
    assert page.csp_violations == []
