"""Password authentication with lockout (see ``lockout``). Every failure and lockout is
audited; the login view audits the success once the second factor (if any) passed.

The reason for a refusal is left on the request (``zhongshu_login_refusal``) so the
login page can say that the account is locked rather than that the password is wrong.
"""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import BooleanField, TextField
from django.db.models.expressions import RawSQL
from django.utils import timezone

from zhongshu.audit.services import record
from zhongshu.org.models import Delegation

from .lockout import clear_failures, register_failure
from .models import RoleProfile, User

# ``User.requires_totp_subquery`` and ``Delegation.objects.active()`` for the request's user.
_USER = User._meta.db_table
_ROLES = User.groups.through._meta.db_table
_REQUIRES_TOTP_SQL = (
    f"EXISTS (SELECT 1 FROM {_ROLES} r JOIN {RoleProfile._meta.db_table} p "
    f"ON p.group_id = r.group_id WHERE r.user_id = {_USER}.id AND p.requires_totp)"
)
_ACTS_FOR_OTHERS_SQL = (
    f"EXISTS (SELECT 1 FROM {Delegation._meta.db_table} d WHERE d.delegate_id = {_USER}.person_id "
    "AND d.starts_at <= %s AND d.ends_at > %s AND (d.revoked_at IS NULL OR d.revoked_at > %s))"
)

LOCKED = "locked"


def _refuse(request, reason: str) -> None:
    if request is not None:
        request.zhongshu_login_refusal = reason


class LockoutModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or password is None:
            return None
        with transaction.atomic():
            user = User.objects.select_for_update().filter(username=username).first()
            if user is None:
                User().set_password(password)  # same work as a real check: no timing oracle
                record(
                    actor=None,
                    event="login_failed",
                    object_type="accounts.user",
                    object_repr=username[:150],
                    after={"stage": "password", "reason": "unknown_user"},
                )
                return None
            if user.is_locked():
                record(
                    actor=None,
                    event="login_refused_locked",
                    obj=user,
                    after={"locked_until": user.locked_until},
                )
                _refuse(request, LOCKED)
                return None
            if user.check_password(password) and self.user_can_authenticate(user):
                # With a second factor the count runs on until the code is right too:
                # a known password must not reset the guessing of codes.
                if not user.totp_enabled:
                    clear_failures(user)
                return user
            if register_failure(user, event="login_failed", stage="password"):
                _refuse(request, LOCKED)
        return None

    def get_user(self, user_id):
        """The session's user with their person, unit, whether a role requires the second
        factor and whether anyone delegated work to them, in one query (this runs on
        every request; most people act for nobody else, and then no more is read).

        The two flags are written as SQL: compiling the same ``Exists`` subqueries through
        the ORM cost more than the query itself, on every request of every page."""
        user = (
            User.objects.select_related("person__unit")
            .annotate(
                _requires_totp=RawSQL(_REQUIRES_TOTP_SQL, [], output_field=BooleanField()),
                _acts_for_others=RawSQL(
                    _ACTS_FOR_OTHERS_SQL, [timezone.now()] * 3, output_field=BooleanField()
                ),
                _permissions=RawSQL(_permissions_sql(), [], output_field=TextField()),
            )
            .filter(pk=user_id)[:1]
        )
        user = next(iter(user), None)
        if user is None or not self.user_can_authenticate(user):
            return None
        if not user.is_superuser:  # the permissions came with the user: no query of their own
            user._perm_cache = _split(user._permissions)
        return user

    def get_all_permissions(self, user_obj, obj=None):
        """The user's own and their roles' permissions, kept on the user object for the
        request: read with the session's user (``get_user``), or here in one query
        (Django's backend reads them in two)."""
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if user_obj.is_superuser:
            return super().get_all_permissions(user_obj, obj)
        if not hasattr(user_obj, "_perm_cache"):
            user_obj._perm_cache = _permissions_of(user_obj.pk)
        return user_obj._perm_cache


def _permissions_sql() -> str:
    """The user's own and their roles' permissions as a subquery of the user's row:
    "app.codename" joined by commas."""
    joined = "ct.app_label || '.' || p.codename"
    aggregate = (
        f"string_agg({joined}, ',')"
        if connection.vendor == "postgresql"
        else f"group_concat({joined}, ',')"
    )
    return (
        f"SELECT {aggregate} FROM {Permission._meta.db_table} p "
        f"JOIN {ContentType._meta.db_table} ct ON ct.id = p.content_type_id "
        f"WHERE p.id IN (SELECT permission_id FROM {User.user_permissions.through._meta.db_table} "
        f"WHERE user_id = {_USER}.id UNION SELECT rp.permission_id "
        f"FROM {Group.permissions.through._meta.db_table} rp "
        f"JOIN {_ROLES} r ON r.group_id = rp.group_id WHERE r.user_id = {_USER}.id)"
    )


def _permissions_of(user_id: int) -> set[str]:
    """The permissions of a user loaded without them (``_permissions_sql`` on its row)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT ({_permissions_sql()}) FROM {_USER} WHERE id = %s", [user_id])
        row = cursor.fetchone()
    return _split(row[0] if row else None)


def _split(joined: str | None) -> set[str]:
    return {name for name in (joined or "").split(",") if name}
