"""Who reads the audit trail: the auditor (安全审计员), and nobody else — not the other
two administrators, not business users. Nobody writes it except ``services.record``.

The audit app sits below accounts, so it reads the administrator role by name."""

from __future__ import annotations

from typing import Any

from rest_framework import permissions

AUDITOR = "auditor"


def can_read_audit(user: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and getattr(user, "admin_role", "") == AUDITOR
    )


class IsAuditor(permissions.BasePermission):
    message = "审计记录仅限安全审计员查阅。"

    def has_permission(self, request, view) -> bool:
        return can_read_audit(request.user) and request.method in permissions.SAFE_METHODS
