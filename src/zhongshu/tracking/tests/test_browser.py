"""SUP-16 in a real browser: a clerk watches an item on the workbench turn yellow, then
red, as the clock is moved and the sweep runs. Run with ``make browser``."""

from __future__ import annotations

import pytest
from tests.browser import conftest as shared

# The browser and page fixtures come from the root conftest.py.
log_in = shared.log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def clerk_item(transactional_db, monkeypatch):
    from django.utils import timezone

    from zhongshu.accounts.tests.factories import UserFactory
    from zhongshu.org.tests.factories import PersonFactory, UnitFactory

    from .conftest import at
    from .factories import make_item

    monkeypatch.setattr(timezone, "now", lambda: at(2026, 9, 28, 10))
    unit = UnitFactory(name="示范区财政局", short_name="财政局")
    clerk = UserFactory(username="wangfang", person=PersonFactory(name="王芳", unit=unit))
    item = make_item(
        responsible=clerk.person, lead_unit=unit, days=7, subject="报送三季度预算执行情况"
    )
    monkeypatch.undo()  # the live server runs on the real clock; the sweep is told the time
    return clerk, item


def test_sup_16_clerk_sees_item_turn_yellow_then_red(page, live_server, clerk_item):
    from playwright.sync_api import expect

    from zhongshu.tracking.sweep import sweep

    from .conftest import at

    clerk, item = clerk_item
    log_in(page, live_server, clerk.username)
    row = page.locator("table.list tr", has_text=item.subject)
    expect(row.locator(".tag.color-green")).to_have_text("绿")
    expect(row).to_contain_text("2026-10-13 17:30")
    sweep(at(2026, 10, 10, 9))  # the adjusted working Saturday: three working days left
    page.reload()
    expect(row.locator(".tag.color-yellow")).to_have_text("黄")
    sweep(at(2026, 10, 13, 17, 31))
    page.reload()
    expect(row.locator(".tag.color-red")).to_have_text("红")
    page.get_by_role("link", name="已超期").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("已超期")
    expect(page.locator("table.list")).to_contain_text(item.subject)
    assert page.csp_violations == []
