"""The chain of issue 7 in the browser: the education bureau requests a topic; the deputy
head in charge proposes it and the head approves; the meetings clerk schedules the
常务会议, puts the topic on the agenda and the head approves the meeting; members sign
in (quorum shown), the meeting is held, two decisions are recorded, the minutes drafted
and submitted; the head signs them; both decisions appear in the supervision ledger with
their deadlines; one is closed and the topic page shows it."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from zhongshu.org.demo.data import DEMO_PASSWORD

from .conftest import log_in

pytestmark = pytest.mark.browser

# MEETINGS_SCREENSHOTS=1: the run also refreshes the pictures in docs/img
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "img"
TOPIC = "关于新建城东九年一贯制学校的议题"


def shoot(page, name: str) -> None:
    if os.environ.get("MEETINGS_SCREENSHOTS"):
        page.screenshot(path=str(SHOTS / f"meetings-{name}.png"), full_page=True)


@pytest.fixture
def district(transactional_db):
    from zhongshu.accounts.models import User
    from zhongshu.meetings.demo import _bodies
    from zhongshu.org.demo.loader import DemoLoader

    DemoLoader().run()
    _bodies({u.username: u for u in User.objects.select_related("person")})


def as_user(page, live_server, username: str) -> None:
    page.context.clear_cookies()
    log_in(page, live_server, username, DEMO_PASSWORD)


def done(page) -> None:
    page.wait_for_load_state()
    expect(page.locator(".messages").last).to_contain_text("已办理")


def open_topic(page, live_server) -> None:
    page.goto(f"{live_server.url}/meetings/topics/?q=城东")
    page.get_by_role("link", name=TOPIC).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TOPIC)


def open_meeting(page, live_server) -> None:
    page.goto(f"{live_server.url}/meetings/?type=executive")
    page.locator("#meeting-listing a").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("常务会议")


def test_topic_to_minutes_to_supervision_ledger(page, live_server, district, tmp_path):
    # the department requests the topic with its materials (MTG-3, MTG-6)
    as_user(page, live_server, "jyj_lly")
    page.goto(f"{live_server.url}/meetings/topics/new/")
    page.get_by_label("议题名称").fill(TOPIC)
    page.get_by_label("事由").fill("城东片区新建小区入住，学位缺口约1200个。")
    page.get_by_label("议题说明（MTG-6）").fill(
        "方案一：新建九年一贯制学校；方案二：扩建现有两校。"
    )
    page.get_by_label("首选方案建议（MTG-6）").fill("建议采用方案一。")
    page.get_by_role("button", name="保存草稿").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TOPIC)
    material = tmp_path / "建设方案.pdf"
    material.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    page.get_by_label("材料名称").fill("建设方案")
    page.get_by_label("文件").set_input_files(str(material))
    page.get_by_role("button", name="添加材料").click()
    done(page)
    page.get_by_role("button", name="申报", exact=True).click()
    done(page)
    expect(page.locator("#topic-state")).to_have_text("已申报")

    # the deputy head in charge proposes; the head approves
    as_user(page, live_server, "fuquzhang1")
    open_topic(page, live_server)
    page.get_by_label("审核意见").fill("同意提请区政府常务会议研究。")
    page.get_by_role("button", name="审核同意，提请区长").click()
    done(page)
    as_user(page, live_server, "quzhang")
    open_topic(page, live_server)
    page.get_by_role("button", name="同意上会").click()
    done(page)
    expect(page.locator("#topic-state")).to_have_text("区长已同意")

    # the meetings clerk schedules the executive meeting 30 days ahead
    day = dt.date.today() + dt.timedelta(days=30)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    as_user(page, live_server, "hwk_0")
    page.goto(f"{live_server.url}/meetings/new/")
    page.get_by_label("会议类型").select_option(label="常务会议")
    page.get_by_label("开始时间").fill(f"{day:%Y-%m-%d}T09:00")
    page.get_by_label("结束时间").fill(f"{day:%Y-%m-%d}T11:30")
    page.get_by_label("会议室").fill("区政府第一会议室")
    page.get_by_label("召开方式（MTG-13）").select_option(label="集中召开")
    page.get_by_label("主持人").select_option(label="王建国")
    page.get_by_label("承办单位").select_option(label="示范区人民政府办公室")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("次常务会议")
    page.get_by_label("已同意的议题").select_option(label=TOPIC)
    page.get_by_role("button", name="列入议程").click()
    done(page)
    expect(page.locator("#agenda")).to_contain_text(TOPIC)
    page.get_by_role("button", name="报批").click()
    done(page)
    as_user(page, live_server, "quzhang")
    open_meeting(page, live_server)
    page.get_by_role("button", name="批准召开").click()
    done(page)

    # attendance: five of the six members sign in; quorum is shown
    as_user(page, live_server, "hwk_0")
    open_meeting(page, live_server)
    for name in ("王建国", "李振华", "陈晓东", "赵国强", "刘素梅"):
        row = page.locator("#participants tr", has_text=name)
        row.get_by_role("button", name="签到").click()
        done(page)
    expect(page.locator("#quorum")).to_contain_text("组成人员 6 人，出席 5 人，法定人数 4 人")
    expect(page.locator("#quorum")).to_contain_text("已达法定人数")
    shoot(page, "meeting")
    page.get_by_role("button", name="登记召开").click()
    done(page)

    # two decisions, then the minutes
    for content, unit, due in (
        (
            "同意新建城东九年一贯制学校，由区教育局牵头实施",
            "示范区教育局",
            day + dt.timedelta(days=90),
        ),
        ("区财政局统筹安排建设资金", "示范区财政局", day + dt.timedelta(days=45)),
    ):
        panel = page.locator("#decisions-panel")
        panel.locator("summary", has_text="登记议定事项").click()
        panel.get_by_label("议题").select_option(label=TOPIC)
        panel.get_by_label("任务内容").fill(content)
        panel.get_by_label("工作子项").fill("制定方案\n组织实施")
        panel.get_by_label("落实主体").select_option(label=unit)
        panel.get_by_label("完成时限").fill(f"{due:%Y-%m-%d}")
        panel.get_by_label("督办科室").select_option(label="区政府办督查室")
        panel.get_by_role("button", name="登记", exact=True).click()
        done(page)
    expect(page.locator("#decisions")).to_contain_text("区财政局统筹安排建设资金")
    page.get_by_role("button", name="起草纪要").click()
    done(page)
    page.get_by_role("button", name="报审纪要").click()
    done(page)

    # only the presiding leader signs (MTG-14): then the decisions enter the ledger
    as_user(page, live_server, "quzhang")
    open_meeting(page, live_server)
    page.get_by_role("button", name="签发纪要").click()
    done(page)
    ledger = page.locator("#decisions .ledger-status")
    expect(ledger).to_have_count(2)
    expect(ledger.first).to_contain_text("时限")
    expect(page.locator("#minutes")).to_contain_text("已签发")
    with page.expect_download() as download:
        page.get_by_role("link", name="下载纪要（.docx）").click()
    assert download.value.suggested_filename.endswith(".docx")

    # the supervision ledger holds both lines with their deadlines
    from zhongshu.meetings.integration import ledger_items
    from zhongshu.meetings.models import Decision

    decisions = list(Decision.objects.order_by("position"))
    items = ledger_items(decisions)
    assert len(items) == 2
    assert {i.due_at.date() for i in items.values()} == {
        day + dt.timedelta(days=90),
        day + dt.timedelta(days=45),
    }

    # one is closed in the ledger; the topic page shows it
    from zhongshu.accounts.models import User
    from zhongshu.tracking.services import close_item

    item = items[decisions[1].pk]
    item.results = ["建设资金已纳入预算"]
    item.save(update_fields=["results"])
    approver = User.objects.get(person=item.approver)
    close_item(actor=approver, item=item, outcome="资金已安排")
    as_user(page, live_server, "jyj_lly")
    open_topic(page, live_server)
    statuses = page.locator("#decisions .ledger-status")
    expect(statuses.nth(1)).to_contain_text("已销号")
    expect(statuses.nth(0)).not_to_contain_text("已销号")
    shoot(page, "topic")
    assert page.csp_violations == []


def test_emergency_decision_and_major_matter_flags(page, live_server, district):
    """MTG-6: the clerk records a deputy head's emergency decision; the executive meeting
    after it flags it until it is reported there. MTG-2: a department marks its outgoing
    draft as a matter of 三重一大; without a meeting's decision the document is flagged."""
    from django.utils import timezone

    from zhongshu.accounts.models import User
    from zhongshu.meetings import services
    from zhongshu.meetings.choices import MeetingType, Mode
    from zhongshu.org.models import Unit
    from zhongshu.outgoing import services as outgoing

    users = {u.username: u for u in User.objects.select_related("person")}
    now = timezone.localtime().replace(second=0, microsecond=0)
    decided = now - dt.timedelta(days=2)
    as_user(page, live_server, "hwk_0")
    page.goto(f"{live_server.url}/meetings/emergency/")
    page.get_by_label("处置领导").select_option(label="赵国强")
    page.get_by_label("处置时间").fill(f"{decided:%Y-%m-%dT%H:%M}")
    page.get_by_label("突发事件或紧急情况").fill("城区暴雨致下穿隧道积水")
    page.get_by_label("处置决定").fill("启动防汛Ⅳ级应急响应，封闭下穿隧道。")
    page.get_by_label("事后报告的会议").select_option(label="常务会议")
    page.get_by_role("button", name="登记", exact=True).click()
    page.wait_for_load_state()
    expect(page.locator("#emergency-decisions")).to_contain_text("城区暴雨致下穿隧道积水")

    # the executive meeting held an hour ago flags it until the report is recorded
    clerk = users["hwk_0"]
    meeting = services.create_meeting(
        actor=clerk,
        type=MeetingType.EXECUTIVE,
        starts_at=now - dt.timedelta(hours=1),
        ends_at=now + dt.timedelta(hours=1),
        presiding=users["quzhang"].person,
        organiser=Unit.objects.get(name="示范区人民政府办公室"),
        mode=Mode.IN_PERSON,
    )
    services.submit_meeting(actor=clerk, meeting=meeting)
    services.approve_meeting(actor=users["quzhang"], meeting=meeting)
    meeting.refresh_from_db()
    services.hold_meeting(actor=clerk, meeting=meeting)
    page.goto(f"{live_server.url}/meetings/{meeting.uuid}/")
    panel = page.locator("#emergency")
    expect(panel).to_contain_text("临机处置“城区暴雨致下穿隧道积水”")
    expect(panel).to_contain_text("（MTG-6）")
    expect(panel.locator(".basis a")).to_have_count(1)
    panel.get_by_label("会议意见").fill("会议予以确认。")
    panel.get_by_role("button", name="已在本次会议上报告").click()
    page.wait_for_load_state()
    expect(page.locator("#emergency .emergency-pending")).to_have_count(0)
    expect(page.locator("#emergency")).to_contain_text("会议予以确认")

    # MTG-2: the education bureau marks its draft; the document page flags it
    document = outgoing.create_draft(
        actor=users["jyj_lly"], data={"title": "示范区教育局关于安排学校改扩建资金的通知"}
    )
    as_user(page, live_server, "jyj_lly")
    page.goto(f"{live_server.url}/outgoing/{document.uuid}/")
    page.get_by_role("link", name="“三重一大”事项：标注并关联会议决策议题（MTG-2）").click()
    page.get_by_label("“三重一大”事项").select_option(label="大额度资金使用")
    page.get_by_role("button", name="保存").click()
    page.wait_for_load_state()
    flags = page.locator("#flags")
    expect(flags).to_contain_text("须经会议集体决策")
    expect(flags).to_contain_text("（MTG-2）")
    assert page.csp_violations == []
