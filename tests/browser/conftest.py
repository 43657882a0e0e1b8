"""Browser tests: Playwright's sync API driving Debian's chromium against pytest-django's
live server. Run with ``pytest -m browser -p no:xdist`` (``make browser``)."""

from __future__ import annotations

import os

import pytest

from zhongshu.accounts.tests.factories import PASSWORD, UserFactory
from zhongshu.org.choices import SectionKind, UnitKind
from zhongshu.org.tests.factories import PersonFactory, SectionFactory, UnitFactory

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread; the test's own
    # ORM calls (factories) are still synchronous, so Django's guard must step aside
    # while the browser lives — and only then.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser, live_server, transactional_db):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.csp_violations = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and page.csp_violations.append(message.text)
        ),
    )
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def secretariat_clerk(transactional_db):
    """A clerk of 秘书科 in the government office, built with the factories."""
    office = UnitFactory(name="示范区人民政府办公室", short_name="区政府办", kind=UnitKind.OFFICE)
    section = SectionFactory(unit=office, name="秘书科", kind=SectionKind.SECRETARIAT)
    person = PersonFactory(name="王秀英", unit=office, section=section)
    return UserFactory(username="wangxiuying", person=person, roles=["secretariat_clerk"])


def log_in(page, live_server, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()
