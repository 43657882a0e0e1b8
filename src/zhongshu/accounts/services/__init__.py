"""Account operations. Each is one audited transaction; the administrative ones check
that their actor holds the right one of the three administrator roles (三员)."""

from .accounts import (
    create_account,
    create_admin_account,
    ensure_account,
    reset_password,
    set_account_active,
    unlock_account,
)
from .auth import change_password, log_login, log_logout, temporary_password
from .roles import assign_roles, business_permissions, update_role
from .tokens import create_api_token, revoke_api_token
from .totp import enroll_totp, reset_totp, verify_login_totp

__all__ = [
    "assign_roles",
    "business_permissions",
    "change_password",
    "create_account",
    "create_admin_account",
    "create_api_token",
    "enroll_totp",
    "ensure_account",
    "log_login",
    "log_logout",
    "reset_password",
    "reset_totp",
    "revoke_api_token",
    "set_account_active",
    "temporary_password",
    "unlock_account",
    "update_role",
    "verify_login_totp",
]
