"""A department drafts a normative document in the browser; consultation, legality
review, office review, two deputy heads sign in turn (one on a phone), the clerk numbers
and issues it, it appears on the public page without login; the .docx and PDF come out."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from zhongshu.org.demo.data import DEMO_PASSWORD

from .conftest import log_in

pytestmark = pytest.mark.browser

# OUTGOING_SCREENSHOTS=1: the run also refreshes the pictures in docs/img
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "img"


def shoot(page, name: str) -> None:
    if os.environ.get("OUTGOING_SCREENSHOTS"):
        page.screenshot(path=str(SHOTS / f"outgoing-{name}.png"), full_page=False)


TITLE = "示范区人民政府办公室关于印发示范区政府投资项目资金管理办法的通知"
GATES = ["政治关", "政策关", "法律关", "内容关", "格式关", "文字关"]


@pytest.fixture
def district(transactional_db):
    from zhongshu.org.demo.loader import DemoLoader

    DemoLoader().run()


def as_user(page, live_server, username: str) -> None:
    page.context.clear_cookies()
    log_in(page, live_server, username, DEMO_PASSWORD)


def open_document(page, live_server) -> None:
    page.goto(f"{live_server.url}/outgoing/?q=政府投资项目")
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)


def act(page, button: str, opinion: str | None = None) -> None:
    actions = page.locator("#actions")
    if opinion is not None:
        actions.get_by_label("意见").first.fill(opinion)
    actions.get_by_role("button", name=button, exact=True).click()
    page.wait_for_load_state()
    expect(page.locator(".messages")).to_contain_text("已办理")


def test_normative_document_from_draft_to_public_page(page, live_server, district):
    as_user(page, live_server, "czj_lly")
    page.goto(f"{live_server.url}/outgoing/new/")
    page.get_by_label("发文机关").select_option(label="示范区人民政府办公室")
    page.get_by_label("标题").fill(TITLE)
    page.get_by_label("主送机关").fill("各街道办事处，区政府各部门")
    page.get_by_label("正文", exact=True).fill(
        "为规范政府投资项目资金管理，现将有关事项通知如下。\n一、总体要求\n"
        "（一）坚持依法依规。\n政府投资项目资金实行专款专用、全过程绩效管理。\n"
        "1.严格资金拨付。\n（1）按进度拨付。"
    )
    page.get_by_label("附件说明").fill("示范区政府投资项目资金管理办法")
    page.get_by_label("附件正文").fill("第一条 为规范政府投资项目资金管理，制定本办法。")
    page.get_by_label("规范性文件（须合法性审查）").check()
    page.get_by_label("涉及分管领域").select_option(
        [
            page.get_by_label("涉及分管领域")
            .locator("option", has_text="陈晓东")
            .get_attribute("value"),
            page.get_by_label("涉及分管领域")
            .locator("option", has_text="赵国强")
            .get_attribute("value"),
        ]
    )
    page.get_by_label("征求意见单位").select_option(label="示范区审计局")
    for item in ("主要依据", "主体框架", "重点内容", "政策措施", "参与部门", "完成时限"):
        page.get_by_label(item, exact=True).fill("已说明")
    for index, answer in enumerate(("否", "否", "否", "是")):
        page.locator(f"#id_question_{index}").select_option(label=answer)
    page.get_by_label("发文规格说明").fill("涉及全区各部门，以办公室名义印发")
    page.get_by_label("篇幅类别").select_option(label="部署专项工作或具体任务")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    preview = page.locator("#route-preview")
    expect(preview).to_contain_text("陈晓东（分管副区长依次签发） → 赵国强（分管副区长签发）")
    expect(preview).to_contain_text("合法性审查")
    shoot(page, "draft-route")
    act(page, "报送")
    expect(page.locator(".tag").first).to_have_text("征求意见")

    as_user(page, live_server, "sjj_lly")  # 审计局 answers in writing
    open_document(page, live_server)
    act(page, "无不同意见", "同意")

    as_user(page, live_server, "czj_lly")
    open_document(page, live_server)
    act(page, "结束征求意见")
    expect(page.locator(".tag").first).to_have_text("合法性审查")

    as_user(page, live_server, "fzk_0")
    open_document(page, live_server)
    act(page, "审查通过", "经审查，未发现违反上位法的内容。")

    for username, gates in (("msk_0", GATES), ("zwk_0", []), ("fuzhuren1", []), ("mishuke", [])):
        as_user(page, live_server, username)
        open_document(page, live_server)
        for gate in gates:
            page.locator("#actions").get_by_label(gate).check()
        act(page, "审核通过", "同意")
    expect(page.locator(".tag").first).to_have_text("签发")

    as_user(page, live_server, "fuquzhang1")
    open_document(page, live_server)
    act(page, "签发", "同意")

    page.set_viewport_size({"width": 390, "height": 844})  # the second signature on a phone
    as_user(page, live_server, "fuquzhang2")
    open_document(page, live_server)
    expect(page.locator("#actions").get_by_role("button", name="签发", exact=True)).to_be_visible()
    page.locator("#actions").scroll_into_view_if_needed()
    shoot(page, "sign-phone")
    act(page, "签发", "同意印发")
    expect(page.locator(".tag").first).to_have_text("复核")
    page.set_viewport_size({"width": 1280, "height": 800})

    as_user(page, live_server, "mishuke")
    open_document(page, live_server)
    act(page, "复核无误")
    act(page, "编号")
    expect(page.locator("main")).to_contain_text("示政办发〔2026〕1号")
    act(page, "用印印发并公开发布")
    expect(page.locator(".tag").first).to_have_text("已公开发布")
    with page.expect_download() as download:
        page.get_by_role("link", name="下载公文（.docx）").click()
    assert download.value.suggested_filename == "示政办发〔2026〕1号.docx"

    page.context.clear_cookies()  # the public, without login
    page.goto(f"{live_server.url}/outgoing/public/?q=政府投资")
    page.get_by_role("link", name=TITLE).click()
    expect(page.locator("main")).to_contain_text("示政办发〔2026〕1号")
    shoot(page, "public")
    if shutil.which("soffice"):
        href = page.get_by_role("link", name="PDF").get_attribute("href")
        response = page.request.get(f"{live_server.url}{href}")
        assert response.status == 200 and response.body()[:4] == b"%PDF"
    assert page.csp_violations == []
