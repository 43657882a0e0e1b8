"""The system administrator's account pages: create a business account for a person
(picked with their unit), disable and enable, reset the password, unlock."""

import datetime as dt

import pytest
from django.utils import timezone

from zhongshu.accounts.models import User
from zhongshu.accounts.tests.factories import UserFactory
from zhongshu.audit.models import AuditRecord
from zhongshu.org.tests.factories import PersonFactory, UnitFactory

from .conftest import events, login

pytestmark = pytest.mark.django_db


def test_person_picker_tells_two_people_of_the_same_name_apart(client, system_admin):
    PersonFactory(name="张伟", unit=UnitFactory(short_name="财政局"))
    PersonFactory(name="张伟", unit=UnitFactory(short_name="教育局"))
    client.force_login(system_admin)
    html = client.get("/accounts/admin/users/new/", {"person_q": "张伟"}).content.decode()
    assert "张伟（财政局）" in html and "张伟（教育局）" in html


def test_person_picker_offers_only_people_without_an_account(client, system_admin):
    taken = UserFactory().person
    archived = PersonFactory(name="李归档", archived=True)
    free = PersonFactory(name="王自由")
    client.force_login(system_admin)
    html = client.get("/accounts/admin/users/new/").content.decode()
    assert free.label in html
    assert taken.label not in html and archived.label not in html


def test_system_admin_creates_an_account_that_must_change_its_password(client, system_admin):
    person = PersonFactory(name="赵敏")
    client.force_login(system_admin)
    response = client.post(
        "/accounts/admin/users/new/", {"person": str(person.uuid), "username": "zhaomin"}
    )
    assert response.status_code == 200
    password = response.context["password"]
    assert password in response.content.decode()
    account = User.objects.get(username="zhaomin")
    assert account.person == person and account.must_change_password
    assert not account.groups.exists()  # roles come from the security administrator
    entry = AuditRecord.objects.get(event="account_created")
    assert entry.actor_name == system_admin.username
    assert password not in str(entry.after)
    # First login: straight to the password change.
    client.logout()
    login(client, account, password=password)
    assert client.get("/accounts/profile/")["Location"] == "/accounts/password/"


def test_create_account_refuses_a_taken_username_and_a_person_with_an_account(client, system_admin):
    existing = UserFactory(username="taken")
    client.force_login(system_admin)
    fresh = PersonFactory()
    response = client.post(
        "/accounts/admin/users/new/", {"person": str(fresh.uuid), "username": "taken"}
    )
    assert response.status_code == 422
    assert "ACCOUNT_USERNAME_TAKEN" in response.content.decode()
    response = client.post(
        "/accounts/admin/users/new/",
        {"person": str(existing.person.uuid), "username": "another"},
    )
    assert response.status_code == 422


def test_disabled_account_cannot_log_in_and_enabling_restores_it(client, system_admin):
    target = UserFactory()
    client.force_login(system_admin)
    client.post(f"/accounts/admin/users/{target.uuid}/disable/")
    target.refresh_from_db()
    assert not target.is_active
    assert events()[-1] == "account_disabled"
    other = client.__class__()
    assert login(other, target).status_code == 200  # refused: the form again
    client.post(f"/accounts/admin/users/{target.uuid}/enable/")
    assert login(other, target).status_code == 302
    assert "account_enabled" in events()


def test_disabling_an_account_ends_its_open_sessions(client, system_admin):
    target = UserFactory(roles=["secretariat_clerk"])
    login(client, target)
    admin_client = client.__class__()
    admin_client.force_login(system_admin)
    admin_client.post(f"/accounts/admin/users/{target.uuid}/disable/")
    assert client.get("/api/v1/accounts/me/").status_code in (401, 403)


def test_password_reset_shows_a_temporary_password_once_and_forces_a_change(client, system_admin):
    target = UserFactory(roles=["secretariat_clerk"])
    target.locked_until = timezone.now() + dt.timedelta(minutes=10)
    target.save()
    client.force_login(system_admin)
    response = client.post(f"/accounts/admin/users/{target.uuid}/reset-password/")
    password = response.context["password"]
    assert response["Cache-Control"] == "no-store"
    target.refresh_from_db()
    assert target.check_password(password) and target.must_change_password
    assert not target.is_locked()
    assert events()[-1] == "password_reset"


def test_unlock_clears_the_lock_and_is_audited(client, system_admin):
    target = UserFactory(failed_logins=3, locked_until=timezone.now() + dt.timedelta(minutes=9))
    client.force_login(system_admin)
    client.post(f"/accounts/admin/users/{target.uuid}/unlock/")
    target.refresh_from_db()
    assert not target.is_locked() and target.failed_logins == 0
    assert events()[-1] == "account_unlocked"


def test_administrator_accounts_are_refused_on_the_account_pages(client, system_admin):
    other = UserFactory(security_admin=True)
    client.force_login(system_admin)
    refused = client.post(f"/accounts/admin/users/{other.uuid}/disable/", follow=True)
    assert "ADMIN_SEPARATION" in refused.content.decode()  # the reason, with its code
    other.refresh_from_db()
    assert other.is_active
    page = client.get(f"/accounts/admin/users/{other.uuid}/").content.decode()
    assert "/disable/" not in page and "/reset-password/" not in page  # nothing offered


def test_account_list_is_paged_filtered_and_has_no_n_plus_one(
    client, system_admin, django_assert_max_num_queries
):
    for _ in range(12):
        UserFactory(roles=["secretariat_clerk"])
    client.force_login(system_admin)
    with django_assert_max_num_queries(12):
        response = client.get("/accounts/admin/users/", {"kind": "business"})
    assert response.status_code == 200
    assert len(response.context["accounts"]) == 12
    response = client.get("/accounts/admin/users/", {"kind": "admin"})
    assert [a.username for a in response.context["accounts"]] == [system_admin.username]


def test_account_list_filters_locked_accounts(client, system_admin):
    locked = UserFactory(locked_until=timezone.now() + dt.timedelta(minutes=5))
    UserFactory()
    client.force_login(system_admin)
    response = client.get("/accounts/admin/users/", {"status": "locked"})
    assert [a.pk for a in response.context["accounts"]] == [locked.pk]


def test_configuration_page_hides_secrets(client, system_admin, monkeypatch):
    monkeypatch.setenv("ZHONGSHU_SECRET_KEY", "do-not-show-this-secret")
    client.force_login(system_admin)
    html = client.get("/accounts/admin/config/").content.decode()
    assert "ZHONGSHU_LOCKOUT_THRESHOLD" in html
    assert "do-not-show-this-secret" not in html
    assert "已设置，不显示" in html


def test_create_admin_account_command_makes_an_administrator_without_person_or_roles():
    from django.core.management import call_command

    call_command("create_admin_account", "audit01", role="auditor", password="Audit-2026-x")
    user = User.objects.get(username="audit01")
    assert user.admin_role == "auditor" and user.person is None and user.must_change_password
    assert not user.groups.exists()


def test_archiving_a_person_disables_their_login_and_ends_the_session(client):
    from zhongshu.org import services as org_services

    user = UserFactory()
    client.force_login(user)
    assert client.get("/").status_code == 200
    org_services.archive_person(actor=None, person=user.person)
    user.refresh_from_db()
    assert not user.is_active
    assert "account_disabled" in events()
    assert client.get("/").status_code == 302  # the open session no longer logs them in
