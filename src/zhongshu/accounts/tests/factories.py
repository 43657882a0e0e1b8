"""Account factories: a business user is linked to a person; ``roles`` names role codes."""

from __future__ import annotations

import factory
from django.utils import timezone

from zhongshu.accounts.choices import AdminRole
from zhongshu.accounts.models import User
from zhongshu.org.tests.factories import PersonFactory

PASSWORD = "Zs-test-2026!"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    person = factory.SubFactory(PersonFactory)
    must_change_password = False
    password_changed_at = factory.LazyFunction(timezone.now)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(obj, create, extracted, **kwargs):
        if not extracted:
            obj.save()
            return
        from zhongshu.accounts.roles import role_group, sync_roles

        sync_roles()
        obj.save()
        obj.groups.add(*(role_group(code) for code in extracted))

    class Params:
        system_admin = factory.Trait(person=None, admin_role=AdminRole.SYSTEM)
        security_admin = factory.Trait(person=None, admin_role=AdminRole.SECURITY)
        auditor = factory.Trait(person=None, admin_role=AdminRole.AUDITOR)
