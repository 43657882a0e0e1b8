from __future__ import annotations

import hashlib
import secrets
import uuid

from django.contrib.auth.models import AbstractBaseUser, Group, PermissionsMixin, UserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhongshu.framework.models import BaseModel

from .choices import AdminRole


class User(AbstractBaseUser, PermissionsMixin):
    """A login account. Business users are linked to a person in the organisation; the
    three administrators (``admin_role``) hold no business role."""

    uuid = models.UUIDField(_("编号"), default=uuid.uuid4, unique=True, editable=False)
    username = models.CharField(_("用户名"), max_length=64, unique=True)
    person = models.OneToOneField(
        "org.Person",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="account",
        verbose_name=_("人员"),
    )
    admin_role = models.CharField(
        _("管理员类别"),
        max_length=12,
        choices=AdminRole.choices,
        default=AdminRole.NONE,
        blank=True,
    )
    is_active = models.BooleanField(_("启用"), default=True)
    date_joined = models.DateTimeField(_("创建时间"), default=timezone.now)
    password_changed_at = models.DateTimeField(_("密码修改时间"), null=True, blank=True)
    must_change_password = models.BooleanField(_("须修改密码"), default=True)
    failed_logins = models.PositiveSmallIntegerField(_("连续失败次数"), default=0)
    locked_until = models.DateTimeField(_("锁定至"), null=True, blank=True)
    # Sealed with SM4-GCM (accounts.sealing); read and write through the methods below.
    totp_secret = models.CharField(max_length=128, blank=True)
    totp_enabled = models.BooleanField(_("已启用动态口令"), default=False)
    # The last accepted TOTP time step: a code is accepted once (no replay).
    totp_last_step = models.BigIntegerField(null=True, blank=True)

    # Only Django's own machinery reads these; the application never grants superuser.
    is_staff = False

    objects = UserManager()

    USERNAME_FIELD = "username"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("账号")
        verbose_name_plural = _("账号")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(admin_role="") | models.Q(person__isnull=True),
                name="accounts_admin_not_business_person",
            ),
            models.CheckConstraint(
                condition=models.Q(is_superuser=False), name="accounts_no_superuser"
            ),
        ]

    def __str__(self) -> str:
        return self.username

    @property
    def display_name(self) -> str:
        # The shell adds the administrator role itself: "audit01（安全审计员）".
        return self.person.name if self.person_id else self.username

    @property
    def is_business(self) -> bool:
        return self.is_active and not self.admin_role

    def is_locked(self, now=None) -> bool:
        return bool(self.locked_until and self.locked_until > (now or timezone.now()))

    @property
    def totp_required(self) -> bool:
        """A role the user holds makes the second factor mandatory."""
        if self.admin_role or not self.pk:
            return False
        annotated = getattr(self, "_requires_totp", None)
        if annotated is not None:
            return bool(annotated)
        return RoleProfile.objects.filter(group__user=self, requires_totp=True).exists()

    def set_totp_secret(self, secret: str) -> None:
        from .sealing import seal

        self.totp_secret = seal(secret, purpose="totp")

    def get_totp_secret(self) -> str:
        from .sealing import unseal

        return unseal(self.totp_secret, purpose="totp")

    @staticmethod
    def requires_totp_subquery() -> models.Exists:
        """``totp_required`` as an annotation, for loading the user once per request."""
        return models.Exists(
            RoleProfile.objects.filter(group__user=models.OuterRef("pk"), requires_totp=True)
        )


class RoleProfile(models.Model):
    """Settings of a business role (a Django group): whether its members must use TOTP."""

    group = models.OneToOneField(Group, models.CASCADE, related_name="profile")
    code = models.SlugField(_("代码"), max_length=40, unique=True)
    description = models.CharField(_("说明"), max_length=200, blank=True)
    requires_totp = models.BooleanField(_("强制动态口令"), default=False)
    # Permissions the security administrator took away from what the code grants;
    # ``sync_roles`` does not add them back after an upgrade.
    removed_permissions = models.JSONField(_("已撤销的内置权限"), default=list, blank=True)

    class Meta:
        verbose_name = _("角色")
        verbose_name_plural = _("角色")

    def __str__(self) -> str:
        return self.group.name


class ApiToken(BaseModel):
    """An API token; only its SHA-256 is stored. The key is shown once, at creation."""

    user = models.ForeignKey(User, models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("名称"), max_length=60)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    expires_at = models.DateTimeField(_("失效时间"))
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API 令牌")
        verbose_name_plural = _("API 令牌")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @staticmethod
    def new_key() -> str:
        return "zs_" + secrets.token_urlsafe(32)
