"""API tokens: a business user creates one (the key is shown once, only its hash is
kept), lists and revokes their own; expired or revoked tokens get 401."""

import datetime as dt

import pytest
from django.utils import timezone

from zhongshu.accounts import services
from zhongshu.accounts.models import ApiToken
from zhongshu.accounts.tests.factories import UserFactory

from .conftest import events

pytestmark = pytest.mark.django_db

ME = "/api/v1/accounts/me/"


def _bearer(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_token_page_shows_the_new_key_once_and_stores_only_its_hash(client, clerk):
    client.force_login(clerk)
    response = client.post("/accounts/tokens/", {"name": "报送接口", "days": 90})
    key = response.context["new_key"]
    assert key.startswith("zs_") and key in response.content.decode()
    token = ApiToken.objects.get(user=clerk)
    assert token.key_hash == ApiToken.hash_key(key) and key not in token.key_hash
    assert token.expires_at - timezone.now() > dt.timedelta(days=89)
    assert key not in client.get("/accounts/tokens/").content.decode()
    assert events()[-1] == "api_token_created"


def test_token_authenticates_the_api(client, clerk):
    _token, key = services.create_api_token(actor=clerk, name="t", days=30)
    response = client.get(ME, **_bearer(key))
    assert response.status_code == 200
    assert response.json()["username"] == clerk.username
    assert ApiToken.objects.get(user=clerk).last_used_at is not None


def test_expired_token_gets_401(client, clerk):
    token, key = services.create_api_token(actor=clerk, name="t", days=30)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    response = client.get(ME, **_bearer(key))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"


def test_revoked_token_gets_401(client, clerk):
    token, key = services.create_api_token(actor=clerk, name="t", days=30)
    client.force_login(clerk)
    client.post(f"/accounts/tokens/{token.uuid}/revoke/")
    client.logout()
    assert client.get(ME, **_bearer(key)).status_code == 401
    assert events()[-1] == "api_token_revoked"


def test_unknown_token_and_no_credentials_get_401(client):
    assert client.get(ME, **_bearer("zs_not-a-real-key")).status_code == 401
    assert client.get(ME).status_code == 401


def test_token_of_a_disabled_or_locked_account_gets_401(client):
    user = UserFactory()
    _token, key = services.create_api_token(actor=user, name="t", days=30)
    user.locked_until = timezone.now() + dt.timedelta(minutes=5)
    user.save()
    assert client.get(ME, **_bearer(key)).status_code == 401
    user.locked_until = None
    user.is_active = False
    user.save()
    assert client.get(ME, **_bearer(key)).status_code == 401


def test_a_user_cannot_revoke_someone_elses_token(client, clerk):
    other_token, key = services.create_api_token(actor=UserFactory(), name="t", days=30)
    client.force_login(clerk)
    assert client.post(f"/accounts/tokens/{other_token.uuid}/revoke/").status_code == 404
    assert client.get(ME, **_bearer(key)).status_code == 200


def test_token_lifetime_must_be_one_of_the_offered_choices(clerk):
    from zhongshu.framework.errors import RuleViolation

    with pytest.raises(RuleViolation):
        services.create_api_token(actor=clerk, name="t", days=3650)


@pytest.mark.parametrize("kind", ["system_admin", "security_admin", "auditor"])
def test_administrators_have_no_token_page_and_cannot_create_tokens(client, kind):
    from zhongshu.framework.errors import RuleViolation

    admin = UserFactory(**{kind: True})
    client.force_login(admin)
    assert client.get("/accounts/tokens/").status_code == 403
    with pytest.raises(RuleViolation):
        services.create_api_token(actor=admin, name="t", days=30)


def test_token_list_shows_only_my_tokens(client, clerk):
    services.create_api_token(actor=clerk, name="我的", days=30)
    services.create_api_token(actor=UserFactory(), name="别人的", days=30)
    client.force_login(clerk)
    names = [t.name for t in client.get("/accounts/tokens/").context["tokens"]]
    assert names == ["我的"]
