"""Logging in through a real browser: the clerk's workbench, the auditor's menu, the
lockout message."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from zhongshu.accounts.tests.factories import UserFactory

from .conftest import log_in

pytestmark = pytest.mark.browser


def test_secretariat_clerk_logs_in_and_sees_the_workbench(page, live_server, secretariat_clerk):
    log_in(page, live_server, secretariat_clerk.username)
    expect(page.get_by_role("heading", level=1)).to_have_text("我的工作台")
    expect(page.locator(".whoami")).to_contain_text("王秀英")
    nav = page.get_by_role("navigation", name="主导航")
    expect(nav.get_by_role("link", name="我的工作台")).to_be_visible()
    expect(nav.get_by_role("heading", name="系统管理")).to_have_count(0)
    expect(nav.get_by_role("heading", name="安全审计")).to_have_count(0)
    assert page.csp_violations == []


def test_auditor_sees_the_audit_search_and_no_business_menu(page, live_server):
    auditor = UserFactory(auditor=True, username="shenji")
    log_in(page, live_server, auditor.username)
    expect(page.get_by_role("heading", level=1)).to_have_text("审计查询")
    nav = page.get_by_role("navigation", name="主导航")
    expect(nav.get_by_role("heading", level=2)).to_have_text(["安全审计"])
    expect(nav.get_by_role("link")).to_have_text(["审计查询", "审计链校验"])
    expect(nav.get_by_role("link", name="我的工作台")).to_have_count(0)
    expect(page.get_by_role("search", name="审计记录筛选")).to_be_visible()
    expect(page.get_by_role("link", name="待办")).to_have_count(0)
    expect(page.locator(".topsearch")).to_have_count(0)  # it searches business content
    # The login itself is on the trail the auditor is reading.
    expect(page.locator("table.list")).to_contain_text("login_succeeded")
    assert page.csp_violations == []


def test_five_wrong_passwords_lock_the_account_and_say_so(page, live_server, secretariat_clerk):
    for _ in range(4):
        log_in(page, live_server, secretariat_clerk.username, password="Wrong-pass-1")
        expect(page.get_by_role("alert")).to_contain_text("用户名或密码错误")
    log_in(page, live_server, secretariat_clerk.username, password="Wrong-pass-1")
    expect(page.get_by_role("alert")).to_contain_text("账号已被锁定")
    log_in(page, live_server, secretariat_clerk.username)  # even the right password now
    expect(page.get_by_role("alert")).to_contain_text("账号已被锁定")
