"""Who may do what in account administration (三员).

The system administrator manages accounts and sees the configuration; the security
administrator manages roles, permissions and second factors; the auditor only reads the
audit trail (``audit.policies``). Every service checks its actor with ``require_admin``
so that separation holds whatever view or command calls it.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from .choices import AdminRole


def is_admin(user: Any, role: str) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and getattr(user, "admin_role", "") == role
    )


def is_system_admin(user: Any) -> bool:
    return is_admin(user, AdminRole.SYSTEM)


def is_security_admin(user: Any) -> bool:
    return is_admin(user, AdminRole.SECURITY)


def is_auditor(user: Any) -> bool:
    return is_admin(user, AdminRole.AUDITOR)


def is_account_admin(user: Any) -> bool:
    """The two administrators who look up accounts: system (to manage them) and
    security (to assign roles and reset second factors)."""
    return is_system_admin(user) or is_security_admin(user)


def require_admin(actor: Any, role: str) -> None:
    if not is_admin(actor, role):
        raise PermissionDenied(f"该操作仅限{AdminRole(role).label}。")
