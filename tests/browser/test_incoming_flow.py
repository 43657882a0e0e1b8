"""The whole life of an incoming 请示 in a real browser: the clerk registers it, the
first review passes, the deputy head instructs on a phone-sized screen, the department
handles and replies, the clerk archives. And a review that returns a 请示 asking two
things (DOC-IN-2 → DOC-IN-8)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from zhongshu.incoming.models import IncomingDocument
from zhongshu.incoming.tests.conftest import Org
from zhongshu.incoming.tests.factories import pdf_bytes

from .conftest import log_in

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def org(transactional_db):
    return Org()


def context_page(browser, **options):
    context = browser.new_context(locale="zh-CN", **options)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.csp_violations = []
    page.on(
        "console",
        lambda m: "Content Security Policy" in m.text and page.csp_violations.append(m.text),
    )
    return context, page


def register(page, live_server, title: str, number: str) -> None:
    page.goto(f"{live_server.url}/incoming/register/")
    page.get_by_label("来文单位").fill("区教育局")
    page.get_by_label("来文字号").fill(number)
    page.get_by_label("标题").fill(title)
    page.get_by_label("文种").select_option(label="请示")
    page.get_by_label("签发人").fill("刘明")
    page.get_by_label("联系人").fill("张华")
    page.get_by_label("联系电话").fill("0311-87654321")
    page.get_by_label("正文文件").set_input_files(
        {"name": "正文.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes(title)}
    )
    page.get_by_role("button", name="登记", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("已登记")
    page.get_by_role("link", name=title).click()
    expect(page.locator("#doc-state")).to_have_text("待初审")


def test_request_from_registration_to_archive(page, live_server, browser, org):
    title = "关于增设城区中小学学位的请示"
    log_in(page, live_server, org.clerk.username)
    register(page, live_server, title, "示教发〔2026〕12号")
    page.locator("#action-pass_review").get_by_role("button", name="初审通过").click()
    expect(page.locator("#doc-state")).to_have_text("待拟办")
    proposal = page.locator("#action-propose_handling")
    proposal.get_by_label("拟办意见").fill("拟请陈晓东副区长阅示，由区教育局牵头办理。")
    proposal.get_by_label("呈批领导（一）").select_option(label="陈晓东（区政府）")
    proposal.get_by_label("主办单位").select_option(label="区教育局")
    proposal.get_by_role("button", name="拟办").click()
    expect(page.locator("#doc-state")).to_have_text("领导批示中")

    context, phone = context_page(browser, viewport=PHONE, is_mobile=True, has_touch=True)
    log_in(phone, live_server, org.deputy.username)
    phone.goto(f"{live_server.url}/incoming/leader/")
    phone.get_by_role("link", name=title).click()
    expect(phone.locator(".incoming-opinion")).to_contain_text("拟请陈晓东副区长阅示")
    phone.get_by_label("批示意见").fill("同意。请区教育局抓紧研究，按时答复。")
    phone.get_by_role("button", name="批示", exact=True).click()
    expect(phone.locator("#doc-state")).to_have_text("承办中")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
    assert phone.csp_violations == []
    context.close()

    context, dept = context_page(browser, viewport={"width": 1280, "height": 800})
    log_in(dept, live_server, org.edu_staff.username)
    doc = IncomingDocument.objects.get(title=title)
    dept.goto(f"{live_server.url}/incoming/{doc.uuid}/")
    dept.get_by_label("办理结果").fill("经研究，拟新建学校两所，新增学位800个。")
    dept.get_by_label("答复文号").fill("示教函〔2026〕5号")
    dept.get_by_label("答复内容").fill("已函复区教育局。")
    dept.get_by_role("button", name="报告办理结果").click()
    expect(dept.locator("#doc-state")).to_have_text("已办结")
    context.close()

    page.goto(f"{live_server.url}/incoming/{doc.uuid}/")
    expect(page.locator(".incoming-sheet")).to_contain_text("同意。请区教育局抓紧研究，按时答复。")
    expect(page.locator(".incoming-sheet")).to_contain_text("陈晓东")
    page.locator("#action-archive").get_by_role("button", name="归档").click()
    expect(page.locator("#doc-state")).to_have_text("已归档")
    page.get_by_role("link", name="打印处理笺").click()
    expect(page.locator("caption")).to_contain_text("处理笺")
    expect(page.locator(".incoming-sheet")).to_contain_text("示教函〔2026〕5号")
    assert page.csp_violations == []


def test_review_returns_a_request_asking_two_things(page, live_server, browser, org):
    title = "关于校舍维修和教师招聘经费的请示"
    log_in(page, live_server, org.clerk.username)
    register(page, live_server, title, "示教发〔2026〕20号")
    review = page.locator("#action-pass_review")
    review.get_by_label("请示事项数（DOC-IN-2）").fill("2")
    review.get_by_role("button", name="初审通过").click()
    expect(
        page.locator("#action-pass_review .form-errors, #action-pass_review .error").first
    ).to_contain_text("DOC-IN-2")
    expect(page.locator("#doc-state")).to_have_text("待初审")
    ret = page.locator("#action-propose_return")
    ret.get_by_label("请示事项数（DOC-IN-2）").fill("2")
    ret.get_by_label("退文理由（DOC-IN-8）").fill(
        "请示校舍维修和教师招聘两个事项，不符合一文一事，请分别报送。"
    )
    ret.get_by_role("button", name="提出退文").click()
    expect(page.locator("#doc-state")).to_have_text("退文待批")
    expect(page.locator(".incoming-findings")).to_contain_text("DOC-IN-2")

    context, phone = context_page(browser, viewport=PHONE, is_mobile=True, has_touch=True)
    log_in(phone, live_server, org.deputy.username)
    phone.goto(f"{live_server.url}/incoming/leader/")
    phone.get_by_role("link", name=f"退文审批：{title}").click()
    phone.get_by_role("button", name="同意退文", exact=True).click()
    expect(phone.locator("#doc-state")).to_have_text("已退文")
    context.close()
    page.reload()
    expect(page.locator(".incoming-sheet")).to_contain_text("不符合一文一事")
    # DOC-IN-8: the unit resubmits one matter; a new registration linked to the old one
    returned = IncomingDocument.objects.get(title=title)
    page.locator("#resubmit").click()
    expect(page.get_by_label("重报原件（收文编号）")).to_have_value(returned.register_number)
    page.get_by_label("来文字号").fill("示教发〔2026〕21号")
    page.get_by_label("标题").fill("关于校舍维修经费的请示")
    page.get_by_label("正文文件").set_input_files(
        {"name": "正文.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes("校舍维修")}
    )
    page.get_by_role("button", name="登记", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("已登记")
    page.get_by_role("link", name="关于校舍维修经费的请示").click()
    expect(page.locator("body")).to_contain_text(f"重报件，原件：{returned.register_number}")
    assert IncomingDocument.objects.get(title="关于校舍维修经费的请示").resubmission_of == returned
    assert page.csp_violations == []
