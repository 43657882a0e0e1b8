"""The left navigation, contributed by each app.

An app's ``AppConfig.ready`` calls ``register`` with its entries; the shell shows the
entries whose ``visible`` check passes for the user. No app edits the base template.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import get_script_prefix, reverse


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    group: str
    order: int = 100
    visible: Callable[[Any], bool] = field(default=lambda user: True)
    icon: str = ""

    @property
    def url(self) -> str:
        return _url(self.url_name, get_script_prefix())


GROUPS = {
    "home": ("工作台", 0),
    "documents": ("办文", 10),
    "meetings": ("办会", 20),
    "supervision": ("督查督办", 30),
    "information": ("政务信息", 40),
    "duty": ("值班应急", 50),
    "org": ("组织机构", 80),
    "settings": ("规则与日历", 85),
    "admin": ("系统管理", 90),
    "audit": ("安全审计", 95),
}

_ITEMS: list[NavItem] = []
_URLS: dict[tuple[str, str], str] = {}


def _url(url_name: str, prefix: str) -> str:
    """Menu URLs never change while the process runs: reverse each once."""
    key = (url_name, prefix)
    found = _URLS.get(key)
    if found is None:
        found = _URLS[key] = reverse(url_name)
    return found


def register(*items: NavItem) -> None:
    for item in items:
        if item.group not in GROUPS:
            raise ValueError(f"unknown navigation group {item.group!r}")
        if all(existing.url_name != item.url_name for existing in _ITEMS):
            _ITEMS.append(item)


def for_user(user: Any) -> list[dict[str, Any]]:
    groups: dict[str, list[NavItem]] = {}
    for item in sorted(_ITEMS, key=lambda i: i.order):
        if item.visible(user):
            groups.setdefault(item.group, []).append(item)
    return [
        {"key": key, "label": GROUPS[key][0], "items": groups[key]}
        for key in sorted(groups, key=lambda k: GROUPS[k][1])
    ]
