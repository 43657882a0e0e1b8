"""Not a test: takes the README's workbench screenshot (docs/img/workbench.png).

.venv/bin/python -m pytest -q -m browser -p no:xdist tests/browser/shoot_workbench.py
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import log_in

TARGET = Path(__file__).resolve().parents[2] / "docs" / "img" / "workbench.png"


@pytest.mark.browser
def test_shoot_workbench(page, live_server, secretariat_clerk):
    log_in(page, live_server, secretariat_clerk.username)
    expect(page.get_by_role("heading", level=1)).to_have_text("我的工作台")
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(TARGET), full_page=True)
