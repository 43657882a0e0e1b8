"""Browser tests: Playwright's sync API driving Debian's chromium against pytest-django's
live server. Run with ``pytest -m browser -p no:xdist`` (``make browser``). The ``browser``
and ``page`` fixtures live in the root conftest.py: one browser for every app's tests."""

from __future__ import annotations

import pytest

from zhongshu.accounts.tests.factories import PASSWORD, UserFactory
from zhongshu.org.choices import SectionKind, UnitKind
from zhongshu.org.tests.factories import PersonFactory, SectionFactory, UnitFactory


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
