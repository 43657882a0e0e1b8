from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from . import navigation, pending


def shell(request: HttpRequest) -> dict[str, Any]:
    """What the UI shell needs on every page: navigation and the pending count."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_groups": navigation.for_user(user),
        "pending_count": pending.count_for(user),
    }
