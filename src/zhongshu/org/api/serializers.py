"""API representations. Serializers only parse and render: writes go through services.
Related objects are addressed by their public uuid (posts by their code)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import Delegation, Person, Portfolio, Position, Post, Section, SeriesCode, Unit
from ..services.portfolios import clean_fields

ACTIVE_UNITS = Unit.objects.filter(archived_at__isnull=True)
ACTIVE_PEOPLE = Person.objects.filter(archived_at__isnull=True)
ACTIVE_SECTIONS = Section.objects.filter(archived_at__isnull=True)


def uuid_ref(queryset, **kwargs):
    return serializers.SlugRelatedField(slug_field="uuid", queryset=queryset, **kwargs)


class UnitSerializer(serializers.ModelSerializer):
    parent = uuid_ref(ACTIVE_UNITS, required=False, allow_null=True)
    host = uuid_ref(ACTIVE_UNITS, required=False, allow_null=True)
    depth = serializers.IntegerField(read_only=True)
    series_codes = serializers.SerializerMethodField()

    class Meta:
        model = Unit
        fields = [
            "uuid",
            "name",
            "short_name",
            "kind",
            "parent",
            "host",
            "depth",
            "sort_order",
            "phone",
            "series_codes",
            "archived_at",
            "version",
        ]
        read_only_fields = ["uuid", "archived_at", "version"]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_series_codes(self, obj: Unit) -> list[str]:
        return [s.code for s in obj.series_codes.all() if s.archived_at is None]


class SectionSerializer(serializers.ModelSerializer):
    unit = uuid_ref(ACTIVE_UNITS)

    class Meta:
        model = Section
        fields = ["uuid", "unit", "name", "kind", "sort_order", "phone", "archived_at", "version"]
        read_only_fields = ["uuid", "archived_at", "version"]


class SeriesCodeSerializer(serializers.ModelSerializer):
    unit = uuid_ref(ACTIVE_UNITS)

    class Meta:
        model = SeriesCode
        fields = ["uuid", "unit", "code", "kind", "description", "archived_at", "version"]
        read_only_fields = ["uuid", "archived_at", "version"]


class PostSerializer(serializers.ModelSerializer):
    class Meta:
        model = Post
        fields = ["uuid", "code", "name", "rank", "is_leader", "version"]
        read_only_fields = ["uuid", "version"]


class HeldPostSerializer(serializers.ModelSerializer):
    """A post a person holds today, inside the person."""

    post = serializers.SlugRelatedField(slug_field="code", read_only=True)
    post_name = serializers.CharField(source="post.name", read_only=True)
    unit = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    section = serializers.SlugRelatedField(slug_field="uuid", read_only=True)

    class Meta:
        model = Position
        fields = ["uuid", "post", "post_name", "unit", "section", "is_primary", "started_on"]


class PersonSerializer(serializers.ModelSerializer):
    unit = uuid_ref(ACTIVE_UNITS)
    section = uuid_ref(ACTIVE_SECTIONS, required=False, allow_null=True)
    label = serializers.CharField(read_only=True)
    positions = HeldPostSerializer(source="current_positions", many=True, read_only=True)

    class Meta:
        model = Person
        fields = [
            "uuid",
            "name",
            "label",
            "unit",
            "section",
            "mobile",
            "office_phone",
            "email",
            "sort_order",
            "positions",
            "archived_at",
            "version",
        ]
        read_only_fields = ["uuid", "archived_at", "version"]


class PositionSerializer(serializers.ModelSerializer):
    person = uuid_ref(ACTIVE_PEOPLE)
    post = serializers.SlugRelatedField(slug_field="code", queryset=Post.objects.all())
    unit = uuid_ref(ACTIVE_UNITS, required=False)
    section = uuid_ref(ACTIVE_SECTIONS, required=False, allow_null=True)

    class Meta:
        model = Position
        fields = [
            "uuid",
            "person",
            "post",
            "unit",
            "section",
            "is_primary",
            "started_on",
            "ended_on",
            "version",
        ]
        read_only_fields = ["uuid", "ended_on", "version"]


class EndPositionSerializer(serializers.Serializer):
    ended_on = serializers.DateField(required=False, help_text="免职日期，默认今天。")


class PortfolioSerializer(serializers.ModelSerializer):
    leader = uuid_ref(ACTIVE_PEOPLE)
    leader_label = serializers.CharField(source="leader.label", read_only=True)
    fields = serializers.ListField(child=serializers.CharField(max_length=40), required=False)
    units = uuid_ref(ACTIVE_UNITS, many=True, required=False)
    sections = uuid_ref(ACTIVE_SECTIONS, many=True, required=False)

    class Meta:
        model = Portfolio
        fields = [
            "uuid",
            "leader",
            "leader_label",
            "kind",
            "fields",
            "units",
            "sections",
            "started_on",
            "ended_on",
            "version",
        ]
        read_only_fields = ["uuid", "version"]

    def validate_fields(self, value: list[str]) -> list[str]:
        return clean_fields(value)


class DelegationSerializer(serializers.ModelSerializer):
    delegator = uuid_ref(ACTIVE_PEOPLE)
    delegate = uuid_ref(ACTIVE_PEOPLE)
    delegator_label = serializers.CharField(source="delegator.label", read_only=True)
    delegate_label = serializers.CharField(source="delegate.label", read_only=True)
    active = serializers.SerializerMethodField()

    class Meta:
        model = Delegation
        fields = [
            "uuid",
            "delegator",
            "delegator_label",
            "delegate",
            "delegate_label",
            "starts_at",
            "ends_at",
            "reason",
            "revoked_at",
            "active",
            "version",
        ]
        read_only_fields = ["uuid", "revoked_at", "version"]

    @extend_schema_field(serializers.BooleanField())
    def get_active(self, obj: Delegation) -> bool:
        return obj.is_active()
