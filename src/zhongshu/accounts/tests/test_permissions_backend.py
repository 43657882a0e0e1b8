"""The authentication backend reads a user's permissions (their own and their roles') in
one query and answers exactly what Django's own backend would."""

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission

from zhongshu.accounts.backends import LockoutModelBackend
from zhongshu.accounts.models import User
from zhongshu.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_permissions_of_roles_and_own_grants_match_djangos_backend(django_assert_num_queries):
    user = UserFactory(roles=["secretariat_clerk", "office_staff"])
    user.user_permissions.add(Permission.objects.get(codename="view_all_items"))
    expected = ModelBackend().get_all_permissions(User.objects.get(pk=user.pk))
    fresh = User.objects.get(pk=user.pk)
    with django_assert_num_queries(1):
        found = LockoutModelBackend().get_all_permissions(fresh)
        assert fresh.has_perm("tracking.view_all_items")  # kept for the request
    assert found == expected and "tracking.view_all_items" in found


def test_inactive_user_has_no_permissions():
    user = UserFactory(roles=["secretariat_clerk"], is_active=False)
    assert LockoutModelBackend().get_all_permissions(user) == set()
