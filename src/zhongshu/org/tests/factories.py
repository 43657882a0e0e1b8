"""Factories for the organisation. Other apps' tests build on these."""

from __future__ import annotations

import factory
from django.utils import timezone

from zhongshu.org.choices import PortfolioKind, SectionKind, UnitKind
from zhongshu.org.models import Delegation, Person, Portfolio, Position, Post, Section, Unit


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"示范区第{n}局")
    short_name = factory.Sequence(lambda n: f"第{n}局")
    kind = UnitKind.DEPARTMENT

    @factory.post_generation
    def set_path(obj, create, extracted, **kwargs):
        if create:
            parent_path = obj.parent.path if obj.parent_id else "/"
            obj.path = f"{parent_path}{obj.pk}/"
            Unit.objects.filter(pk=obj.pk).update(path=obj.path)

    class Params:
        archived = factory.Trait(archived_at=factory.LazyFunction(timezone.now))


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    unit = factory.SubFactory(UnitFactory)
    name = factory.Sequence(lambda n: f"第{n}科")
    kind = SectionKind.OTHER


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post
        django_get_or_create = ("code",)

    code = "staff"
    name = "科员"
    rank = 90


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"张{n}")
    unit = factory.SubFactory(UnitFactory)

    class Params:
        archived = factory.Trait(archived_at=factory.LazyFunction(timezone.now))


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    person = factory.SubFactory(PersonFactory)
    post = factory.SubFactory(PostFactory)
    unit = factory.SelfAttribute("person.unit")


class PortfolioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Portfolio

    leader = factory.SubFactory(PersonFactory)
    kind = PortfolioKind.GOVERNMENT
    fields = factory.LazyFunction(lambda: ["财政"])


class DelegationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegation

    delegator = factory.SubFactory(PersonFactory)
    delegate = factory.SubFactory(PersonFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(days=1))
    ends_at = factory.LazyFunction(lambda: timezone.now() + timezone.timedelta(days=7))
