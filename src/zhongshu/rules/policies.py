"""Who may do what with the catalogue: every business user reads it; an office
administrator (``rules.edit_rule``, a business role — not one of the 三员) edits a
profile's values and switches the active profile."""

from __future__ import annotations

from typing import Any

from django.db.models import Model, QuerySet

from zhongshu.framework.policies import Policy, is_business_user

from .models import Rule

EDIT_PERMISSION = "rules.edit_rule"


class RulePolicy(Policy):
    model = Rule

    def base_queryset(self) -> QuerySet:
        return Rule.objects.filter(archived_at__isnull=True)

    def can_edit(self, user: Any, obj: Model | None = None) -> bool:
        return is_business_user(user) and user.has_perm(EDIT_PERMISSION)

    def can_switch_profile(self, user: Any, obj: Model | None = None) -> bool:
        return self.can_edit(user, obj)
