"""Who reads and who keeps the calendar. Every business user reads it (deadlines are
counted on it); office administrators with ``clock.manage_calendar`` edit it; the three
administrators (三员) see neither."""

from __future__ import annotations

from typing import Any

from zhongshu.framework.policies import Policy, is_business_user

from .models import CalendarYear


class CalendarPolicy(Policy):
    model = CalendarYear

    def can_manage(self, user: Any, obj: Any = None) -> bool:
        return is_business_user(user) and bool(user.has_perm("clock.manage_calendar"))


calendar_policy = CalendarPolicy()
