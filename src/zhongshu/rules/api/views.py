from __future__ import annotations

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from zhongshu.framework.api import PolicyViewSetMixin

from .. import services
from ..filtersets import RuleFilterSet
from ..models import Profile, Rule
from ..policies import RulePolicy
from ..presenters import present, with_profile
from .serializers import RuleParamsUpdateSerializer, RuleSerializer

PROFILE_PARAM = OpenApiParameter(
    "profile",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    description="规则配置代码（district、city）；缺省为当前启用的配置",
)
RULE_ID_PARAM = OpenApiParameter(
    "rule_id", OpenApiTypes.STR, OpenApiParameter.PATH, description="规则编号，如 DOC-IN-10"
)


@extend_schema_view(
    list=extend_schema(summary="规则目录", parameters=[PROFILE_PARAM]),
    retrieve=extend_schema(summary="一条规则及其参数", parameters=[PROFILE_PARAM, RULE_ID_PARAM]),
)
class RuleViewSet(PolicyViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """The catalogue with one profile's values; an office administrator edits them."""

    policy = RulePolicy()
    serializer_class = RuleSerializer
    filterset_class = RuleFilterSet
    lookup_field = "rule_id"
    lookup_value_regex = r"[A-Z]+(?:-[A-Z]+)?-[0-9]+"

    def profile(self) -> Profile:
        if not hasattr(self, "_profile"):
            code = self.request.query_params.get("profile")
            query = (
                Profile.objects.filter(code=code)
                if code
                else Profile.objects.filter(is_active=True)
            )
            found = query.first()
            if found is None:
                raise Http404("没有这个规则配置。")
            self._profile = found
        return self._profile

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no database
            return Rule.objects.none()
        return with_profile(super().get_queryset().order_by("position"), self.profile())

    def get_serializer(self, instance=None, *args, **kwargs):
        if instance is not None and not isinstance(instance, dict):
            many = kwargs.get("many", False)
            rows = instance if many else [instance]
            views = [present(rule, self.profile()) for rule in rows]
            instance = views if many else views[0]
        return super().get_serializer(instance, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        view = present(self.get_object(), self.profile())
        response = Response(RuleSerializer(view).data)
        response["ETag"] = view.etag
        return response

    @extend_schema(
        summary="修改规则参数",
        description="需要 If-Match（取自 GET 的 ETag）。对此后新建的事项生效；每次修改都记入审计。",
        parameters=[
            PROFILE_PARAM,
            RULE_ID_PARAM,
            OpenApiParameter("If-Match", OpenApiTypes.STR, OpenApiParameter.HEADER, required=True),
        ],
        request=RuleParamsUpdateSerializer,
        responses={
            200: RuleSerializer,
            403: OpenApiResponse(description="无权修改（需要业务管理员）"),
            412: OpenApiResponse(description="ETag 已过期：他人已修改"),
            422: OpenApiResponse(description="参数不合法：errors 中给出规则编号、参数名和原因"),
            428: OpenApiResponse(description="缺少 If-Match"),
        },
    )
    @action(detail=True, methods=["patch"], url_path="params")
    def params(self, request, *args, **kwargs):
        rule = self.get_object()
        self.check_verb("edit", rule)
        view = present(rule, self.profile())
        expected = self.expected_version(_Etagged(view.etag, view.version))
        payload = RuleParamsUpdateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.change_rule_parameters(
            actor=request.user,
            rule_id=rule.rule_id,
            values=payload.validated_data.get("params", {}),
            enabled=payload.validated_data.get("enabled"),
            profile=self.profile().code,
            expected_version=expected,
        )
        fresh = present(self.get_queryset().get(pk=rule.pk), self.profile())
        response = Response(RuleSerializer(fresh).data)
        response["ETag"] = fresh.etag
        return response


class _Etagged:
    """What ``expected_version`` reads: the (profile, rule) row's ETag and version."""

    def __init__(self, etag: str, version: int):
        self.etag, self.version = etag, version
