"""API viewsets: lists and details for every business user; writes for managers, all
through the services. PATCH needs If-Match (a stale ETag is a 412)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from zhongshu.framework.api import PolicyViewSetMixin

from .. import services
from ..filtersets import (
    DelegationFilterSet,
    PersonFilterSet,
    PortfolioFilterSet,
    PositionFilterSet,
    SectionFilterSet,
    SeriesCodeFilterSet,
    UnitFilterSet,
)
from ..models import Position, SeriesCode
from ..policies import (
    DelegationPolicy,
    PersonPolicy,
    PortfolioPolicy,
    PositionPolicy,
    PostPolicy,
    SectionPolicy,
    SeriesCodePolicy,
    UnitPolicy,
)
from . import serializers as s

IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description="取自 GET 返回的 ETag；记录已被他人修改时返回 412。",
)
REFUSED = {
    409: OpenApiResponse(description="对象当前状态不允许该操作（附违反的规则编号）"),
    422: OpenApiResponse(description="输入违反规则（附违反的规则编号）"),
}


def documented(serializer, *, patch: bool = True, archive: bool = True, create: bool = True):
    """The schema of the write endpoints a viewset has: PATCH needs If-Match; every
    write may be refused with rule IDs."""
    views: dict[str, Any] = {}
    if create:
        views["create"] = extend_schema(responses={201: serializer, **REFUSED})
    if patch:
        views["partial_update"] = extend_schema(
            parameters=[IF_MATCH],
            responses={
                200: serializer,
                412: OpenApiResponse(description="If-Match 与当前版本不符"),
                428: OpenApiResponse(description="缺少 If-Match"),
                **REFUSED,
            },
        )
    if archive:
        for name in ("archive", "restore"):
            views[name] = extend_schema(request=None, responses={200: serializer, **REFUSED})
    return extend_schema_view(**views)


class OrgViewSet(
    PolicyViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    http_method_names = ["get", "post", "patch", "head", "options"]
    ordering: tuple[str, ...] = ("id",)

    def get_queryset(self):
        return super().get_queryset().order_by(*self.ordering)

    def filter_queryset(self, queryset):
        # List filters (archived left out by default) narrow lists, never an addressed
        # object: a manager restores an archived one by its uuid.
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def respond(self, obj, status: int = 200) -> Response:
        """The object as a fresh read (with what lists prefetch), and its new ETag."""
        fresh = self.get_queryset().filter(pk=obj.pk).first()
        if fresh is None:  # e.g. a scoped manager just archived it: show what they did
            obj.refresh_from_db()
        obj = fresh or obj
        response = Response(self.get_serializer(obj).data, status=status)
        response["ETag"] = obj.etag
        return response

    def create(self, request, *args, **kwargs):
        self.check_verb("create")
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self.respond(self.create_with(serializer.validated_data), status=201)

    def partial_update(self, request, *args, **kwargs):
        obj = self.get_object()
        self.check_verb("change", obj)
        version = self.expected_version(obj)
        serializer = self.get_serializer(obj, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        return self.respond(self.update_with(obj, version, serializer.validated_data))

    def create_with(self, data: dict[str, Any]):
        raise exceptions.MethodNotAllowed("POST")

    def update_with(self, obj, version: int, data: dict[str, Any]):
        raise exceptions.MethodNotAllowed("PATCH")


class ArchiveActionsMixin:
    """``POST …/archive/`` and ``…/restore/``: archived, never deleted."""

    archive_service: Any
    restore_service: Any
    object_kwarg: str

    @action(detail=True, methods=["post"])
    def archive(self, request, uuid=None):
        obj = self.get_object()  # type: ignore[attr-defined]
        self.check_verb("archive", obj)  # type: ignore[attr-defined]
        type(self).archive_service(actor=request.user, **{self.object_kwarg: obj})
        return self.respond(obj)  # type: ignore[attr-defined]

    @action(detail=True, methods=["post"])
    def restore(self, request, uuid=None):
        obj = self.get_object()  # type: ignore[attr-defined]
        self.check_verb("restore", obj)  # type: ignore[attr-defined]
        type(self).restore_service(actor=request.user, **{self.object_kwarg: obj})
        return self.respond(obj)  # type: ignore[attr-defined]


def fixed(obj, data: dict[str, Any], name: str, message: str) -> None:
    """A field set at creation that an update may repeat but not change."""
    if name in data and data.pop(name) != getattr(obj, name):
        raise exceptions.ValidationError({name: [message]})


def current_positions() -> Prefetch:
    return Prefetch(
        "positions",
        queryset=Position.objects.active()
        .select_related("post", "unit", "section")
        .order_by("post__rank", "id"),
        to_attr="current_positions",
    )


@documented(s.UnitSerializer)
class UnitViewSet(ArchiveActionsMixin, OrgViewSet):
    policy = UnitPolicy()
    serializer_class = s.UnitSerializer
    filterset_class = UnitFilterSet
    select_related = ("parent", "host")
    ordering = ("sort_order", "id")
    archive_service = staticmethod(services.archive_unit)
    restore_service = staticmethod(services.restore_unit)
    object_kwarg = "unit"

    def get_queryset(self):
        codes = Prefetch("series_codes", queryset=SeriesCode.objects.order_by("code"))
        return super().get_queryset().prefetch_related(codes)

    def create_with(self, data):
        return services.create_unit(actor=self.request.user, **data)

    def update_with(self, obj, version, data):
        return services.update_unit(
            actor=self.request.user, unit=obj, expected_version=version, changes=data
        )


@documented(s.SectionSerializer)
class SectionViewSet(ArchiveActionsMixin, OrgViewSet):
    policy = SectionPolicy()
    serializer_class = s.SectionSerializer
    filterset_class = SectionFilterSet
    select_related = ("unit",)
    ordering = ("unit__sort_order", "unit_id", "sort_order", "id")
    archive_service = staticmethod(services.archive_section)
    restore_service = staticmethod(services.restore_section)
    object_kwarg = "section"

    def create_with(self, data):
        return services.create_section(actor=self.request.user, **data)

    def update_with(self, obj, version, data):
        fixed(obj, data, "unit", "科室不能调到其他单位。")
        return services.update_section(
            actor=self.request.user, section=obj, expected_version=version, changes=data
        )


@documented(s.SeriesCodeSerializer)
class SeriesCodeViewSet(ArchiveActionsMixin, OrgViewSet):
    policy = SeriesCodePolicy()
    serializer_class = s.SeriesCodeSerializer
    filterset_class = SeriesCodeFilterSet
    select_related = ("unit",)
    ordering = ("code", "id")
    archive_service = staticmethod(services.archive_series_code)
    restore_service = staticmethod(services.restore_series_code)
    object_kwarg = "series"

    def create_with(self, data):
        return services.create_series_code(actor=self.request.user, **data)

    def update_with(self, obj, version, data):
        fixed(obj, data, "code", "代字建立后不可修改（DOC-OUT-18）。")
        return services.update_series_code(
            actor=self.request.user, series=obj, expected_version=version, changes=data
        )


@documented(s.PostSerializer, archive=False)
class PostViewSet(OrgViewSet):
    policy = PostPolicy()
    serializer_class = s.PostSerializer
    ordering = ("rank", "id")

    def create_with(self, data):
        return services.create_post(actor=self.request.user, **data)

    def update_with(self, obj, version, data):
        fixed(obj, data, "code", "职务代码建立后不可修改。")
        return services.update_post(
            actor=self.request.user, post=obj, expected_version=version, changes=data
        )


@documented(s.PersonSerializer)
class PersonViewSet(ArchiveActionsMixin, OrgViewSet):
    """A scoped manager (own unit) edits only their units' people: others are a 404."""

    policy = PersonPolicy()
    serializer_class = s.PersonSerializer
    filterset_class = PersonFilterSet
    select_related = ("unit", "section")
    ordering = ("unit_id", "sort_order", "id")
    archive_service = staticmethod(services.archive_person)
    restore_service = staticmethod(services.restore_person)
    object_kwarg = "person"
    scoped_actions = ("partial_update", "archive")

    def get_queryset(self):
        qs = super().get_queryset().prefetch_related(current_positions())
        if getattr(self, "swagger_fake_view", False):
            return qs
        if self.action in self.scoped_actions:
            if not PersonPolicy().can_manage_any(self.request.user):
                raise exceptions.PermissionDenied("无权执行此操作。")
            qs = PersonPolicy().manageable(self.request.user, qs)
        return qs

    def create_with(self, data):
        if (
            not PersonPolicy()
            .manageable_units(self.request.user)
            .filter(pk=data["unit"].pk)
            .exists()
        ):
            raise exceptions.PermissionDenied("无权在该单位登记人员。")
        return services.create_person(actor=self.request.user, **data)

    def update_with(self, obj, version, data):
        if (
            "unit" in data
            and not PersonPolicy()
            .manageable_units(self.request.user)
            .filter(pk=data["unit"].pk)
            .exists()
        ):
            raise exceptions.PermissionDenied("无权把人员调入该单位。")
        return services.update_person(
            actor=self.request.user, person=obj, expected_version=version, changes=data
        )


@documented(s.PositionSerializer, patch=False, archive=False)
class PositionViewSet(OrgViewSet):
    """Posts held: ``POST`` assigns, ``POST …/end/`` ends one (the person stays)."""

    policy = PositionPolicy()
    serializer_class = s.PositionSerializer
    filterset_class = PositionFilterSet
    select_related = ("person", "person__unit", "post", "unit", "section")
    ordering = ("person_id", "post__rank", "id")
    http_method_names = ["get", "post", "head", "options"]

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        self._check_person(data["person"])
        return self.respond(services.assign_position(actor=request.user, **data), status=201)

    def _check_person(self, person) -> None:
        policy = PersonPolicy()
        if not policy.can_manage_any(self.request.user):
            raise exceptions.PermissionDenied("无权执行此操作。")
        if not policy.manageable(self.request.user).filter(pk=person.pk).exists():
            raise exceptions.NotFound("未找到。")

    @extend_schema(
        request=s.EndPositionSerializer, responses={200: s.PositionSerializer, **REFUSED}
    )
    @action(detail=True, methods=["post"])
    def end(self, request, uuid=None):
        position = self.get_object()
        self._check_person(position.person)
        body = s.EndPositionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.end_position(actor=request.user, position=position, **body.validated_data)
        return self.respond(position)


@documented(s.PortfolioSerializer, archive=False)
class PortfolioViewSet(OrgViewSet):
    policy = PortfolioPolicy()
    serializer_class = s.PortfolioSerializer
    filterset_class = PortfolioFilterSet
    select_related = ("leader__unit",)
    prefetch_related = ("units", "sections")
    ordering = ("kind", "leader__sort_order", "id")

    def create_with(self, data):
        return services.create_portfolio(actor=self.request.user, **data)

    def update_with(self, obj, version, data):
        return services.update_portfolio(
            actor=self.request.user, portfolio=obj, expected_version=version, changes=data
        )

    @extend_schema(request=None, responses={200: s.PortfolioSerializer, **REFUSED})
    @action(detail=True, methods=["post"])
    def end(self, request, uuid=None):
        portfolio = self.get_object()
        self.check_verb("end", portfolio)
        services.end_portfolio(actor=request.user, portfolio=portfolio)
        return self.respond(portfolio)


@documented(s.DelegationSerializer, patch=False, archive=False)
class DelegationViewSet(OrgViewSet):
    """Delegator and delegate see a delegation; a leader delegates their own work."""

    policy = DelegationPolicy()
    serializer_class = s.DelegationSerializer
    filterset_class = DelegationFilterSet
    select_related = ("delegator__unit", "delegate__unit")
    ordering = ("-starts_at", "-id")
    http_method_names = ["get", "post", "head", "options"]

    def create_with(self, data):
        if not DelegationPolicy().can_delegate_for(self.request.user, data["delegator"]):
            raise exceptions.PermissionDenied("只能委托本人的待办事项。")
        return services.create_delegation(actor=self.request.user, **data)

    @extend_schema(request=None, responses={200: s.DelegationSerializer, **REFUSED})
    @action(detail=True, methods=["post"])
    def revoke(self, request, uuid=None):
        delegation = self.get_object()
        self.check_verb("revoke", delegation)
        services.revoke_delegation(actor=request.user, delegation=delegation)
        return self.respond(delegation)
