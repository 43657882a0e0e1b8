import pytest

from zhongshu.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_workbench_requires_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_business_user_sees_workbench_with_nav(client):
    user = UserFactory(roles=["secretariat_clerk"])
    assert client.login(username=user.username, password=PASSWORD)
    response = client.get("/")
    assert response.status_code == 200
    assert "我的工作台" in response.content.decode()
    assert response["Content-Security-Policy"].startswith("default-src 'self'")
    assert response["X-Request-ID"]


def test_admin_roles_get_no_business_pages(client):
    user = UserFactory(auditor=True)
    client.force_login(user)
    assert client.get("/").status_code == 403
