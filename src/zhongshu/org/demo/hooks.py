"""Other apps extend the demo and the scale data without editing this app: a module
``zhongshu.<app>.demo`` may define ``load_demo(*, stdout)`` and ``seed_scale(*, stdout,
units, people)``; the commands call them after the organisation, in INSTALLED_APPS order
(the layers: modules come after the organisation they build on)."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import Any

from django.apps import apps


def contributions(function: str) -> Iterator[tuple[str, Any]]:
    for config in apps.get_app_configs():
        if config.label == "org" or not config.name.startswith("zhongshu."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.demo":
                raise
            continue
        hook = getattr(module, function, None)
        if callable(hook):
            yield config.label, hook
