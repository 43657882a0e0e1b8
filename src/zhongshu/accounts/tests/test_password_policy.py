"""Password policy: at least 8 characters from 3 of the 4 classes (configurable); the
current password cannot be reused; changes are audited."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from zhongshu.accounts import services
from zhongshu.accounts.tests.factories import PASSWORD, UserFactory
from zhongshu.accounts.validators import ComplexityValidator

from .conftest import events, login

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "password",
    ["abcdefgh", "ABCDEFGH1", "abcd1234", "Ab1!xyz", "zhongshu", "12345678!"],
)
def test_password_with_fewer_than_three_classes_or_eight_characters_is_refused(password):
    with pytest.raises(ValidationError):
        ComplexityValidator().validate(password)


@pytest.mark.parametrize("password", ["Abcdefg1", "abcdef1!", "ABCDEF1!", "Qz-7 river"])
def test_password_with_eight_characters_from_three_classes_is_accepted(password):
    ComplexityValidator().validate(password)


def test_password_policy_is_configurable(settings):
    settings.PASSWORD_MIN_LENGTH = 12
    settings.PASSWORD_MIN_CLASSES = 4
    with pytest.raises(ValidationError):
        ComplexityValidator().validate("Abcdefg1!")
    ComplexityValidator().validate("Abcdefgh1!xy")


def test_common_passwords_are_refused_too():
    with pytest.raises(ValidationError):
        validate_password("Password1")


def test_change_password_refuses_the_current_password():
    user = UserFactory()
    with pytest.raises(ValidationError, match="不能与当前密码相同"):
        services.change_password(actor=user, user=user, new_password=PASSWORD)


def test_change_password_sets_the_clock_clears_the_flag_and_is_audited():
    user = UserFactory(must_change_password=True)
    services.change_password(actor=user, user=user, new_password="Nw-pass-2027")
    user.refresh_from_db()
    assert user.check_password("Nw-pass-2027")
    assert not user.must_change_password
    assert events()[-1] == "password_changed"


def test_password_change_page_refuses_reuse_and_weak_passwords(client):
    user = UserFactory()
    login(client, user)
    same = {"old_password": PASSWORD, "new_password1": PASSWORD, "new_password2": PASSWORD}
    response = client.post("/accounts/password/", same)
    assert response.status_code == 422
    assert "不能与原密码相同" in response.content.decode()
    weak = {"old_password": PASSWORD, "new_password1": "abcdefgh", "new_password2": "abcdefgh"}
    response = client.post("/accounts/password/", weak)
    assert response.status_code == 422
    assert "至少 3 类" in response.content.decode()


def test_password_change_page_needs_the_old_password(client):
    user = UserFactory()
    login(client, user)
    data = {
        "old_password": "wrong",
        "new_password1": "Nw-pass-2027",
        "new_password2": "Nw-pass-2027",
    }
    response = client.post("/accounts/password/", data)
    assert response.status_code == 422
    assert "原密码不正确" in response.content.decode()


def test_password_change_keeps_this_session_and_leaves_the_forced_page(client):
    user = UserFactory(roles=["secretariat_clerk"], must_change_password=True)
    login(client, user)
    new = "Nw-pass-2027"
    data = {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    response = client.post("/accounts/password/", data)
    assert response.status_code == 302
    assert client.get("/api/v1/accounts/me/").status_code == 200
    assert events()[-1] == "password_changed"


def test_temporary_passwords_meet_the_policy():
    for _ in range(50):
        ComplexityValidator().validate(services.temporary_password())
