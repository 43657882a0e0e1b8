"""API tokens a business user creates for their own programs."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from zhongshu.audit.services import record
from zhongshu.framework.errors import RuleViolation
from zhongshu.framework.policies import is_business_user
from zhongshu.framework.services import service

from ..models import ApiToken, User

MAX_ACTIVE_TOKENS = 10
LIFETIMES_DAYS = (30, 90, 180, 365)


def active_tokens(user: User):
    return ApiToken.objects.filter(
        user=user, revoked_at__isnull=True, expires_at__gt=timezone.now()
    )


@service
def create_api_token(*, actor: User, name: str, days: int) -> tuple[ApiToken, str]:
    """A new token for ``actor``; the key is returned once and only its hash is kept."""
    if not is_business_user(actor):
        raise RuleViolation.single("API_TOKEN_BUSINESS_ONLY", "只有业务用户可以创建 API 令牌。")
    if days not in LIFETIMES_DAYS:
        raise RuleViolation.single("API_TOKEN_LIFETIME", "有效期不在可选范围内。", field="days")
    if active_tokens(actor).count() >= MAX_ACTIVE_TOKENS:
        raise RuleViolation.single(
            "API_TOKEN_LIMIT", f"有效令牌最多 {MAX_ACTIVE_TOKENS} 个，请先撤销不用的令牌。"
        )
    key = ApiToken.new_key()
    token = ApiToken.objects.create(
        user=actor,
        name=name,
        key_hash=ApiToken.hash_key(key),
        prefix=key[:8],
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    record(
        actor=actor,
        event="api_token_created",
        obj=token,
        after={"name": name, "prefix": token.prefix, "expires_at": token.expires_at},
    )
    return token, key


@service
def revoke_api_token(*, actor: User, token: ApiToken) -> None:
    if token.user_id != actor.pk:
        raise RuleViolation.single("API_TOKEN_NOT_OWN", "只能撤销自己的令牌。", status=409)
    if token.revoked_at is not None:
        return
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at", "updated_at"])
    record(actor=actor, event="api_token_revoked", obj=token, after={"prefix": token.prefix})
