"""The API layer shared by every app: permissions, pagination, error format, ETags."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import exceptions, status, viewsets
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .errors import ConflictError, RuleViolation
from .pagination import BigListPagination, DefaultPagination  # noqa: F401  (re-exported)
from .permissions import IsBusinessUser  # noqa: F401  (re-exported)
from .policies import Policy


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "该记录已被他人修改（If-Match 不符），请重新获取后再提交。"
    default_code = "precondition_failed"


class PreconditionRequired(exceptions.APIException):
    status_code = 428
    default_detail = "更新需要 If-Match 请求头（取自 GET 返回的 ETag）。"
    default_code = "precondition_required"


def _errors(rule: str, message: Any) -> dict:
    return {"errors": [{"rule": rule, "message": str(message)}]}


def exception_handler(exc, context):
    if isinstance(exc, RuleViolation):
        return Response(exc.as_payload(), status=exc.status)
    if isinstance(exc, ConflictError):
        return Response(
            _errors("CONFLICT", exc.message), status=status.HTTP_412_PRECONDITION_FAILED
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound("未找到。")
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied("无权执行此操作。")
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError) and isinstance(response.data, dict):
        errors = []
        for name, messages in response.data.items():
            for message in messages if isinstance(messages, list) else [messages]:
                errors.append({"rule": "VALIDATION", "field": name, "message": str(message)})
        response.data = {"errors": errors}
    elif isinstance(response.data, dict) and "detail" in response.data:
        code = getattr(exc, "default_code", "error")
        response.data = _errors(str(code).upper(), response.data["detail"])
    return response


class PolicyViewSetMixin:
    """Querysets come from the policy (an object you may not see is a 404); objects are
    addressed by their public uuid; GET sends an ETag and updates require If-Match."""

    policy: Policy
    lookup_field = "uuid"
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()

    def get_queryset(self):
        qs = self.policy.visible_to(self.request.user)  # type: ignore[attr-defined]
        if self.select_related:
            qs = qs.select_related(*self.select_related)
        if self.prefetch_related:
            qs = qs.prefetch_related(*self.prefetch_related)
        return qs

    def check_verb(self, verb: str, obj=None) -> None:
        if not self.policy.can(self.request.user, verb, obj):  # type: ignore[attr-defined]
            raise exceptions.PermissionDenied("无权执行此操作。")

    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()  # type: ignore[attr-defined]
        serializer = self.get_serializer(obj)  # type: ignore[attr-defined]
        response = Response(serializer.data)
        response["ETag"] = obj.etag
        return response

    def expected_version(self, obj) -> int:
        """The version the client last saw, from If-Match; 412 when it is stale."""
        header = self.request.headers.get("If-Match")  # type: ignore[attr-defined]
        if not header:
            raise PreconditionRequired()
        if header.strip() not in (obj.etag, obj.etag.removeprefix("W/"), "*"):
            raise PreconditionFailed()
        return obj.version


class ReadOnlyPolicyViewSet(PolicyViewSetMixin, viewsets.ReadOnlyModelViewSet):
    pass


def add_action_endpoints(
    viewset: type,
    inputs: dict[str, type],
    response: type,
    summary: Any = "{name}（If-Match 可选：带上则校验版本）",
) -> None:
    """One POST endpoint per business operation, ``<uuid>/<name>/``, each answered by the
    viewset's ``run_action(request, name)`` and documented with its input serializer.
    ``inputs`` maps the URL name to the input serializer; ``summary`` is a format string
    of ``name`` or a function of it."""
    from drf_spectacular.utils import extend_schema
    from rest_framework.decorators import action

    def endpoint_for(name: str):
        text = summary(name) if callable(summary) else summary.format(name=name)

        @extend_schema(request=inputs[name], responses=response, summary=text)
        def endpoint(self, request, uuid=None):
            return self.run_action(request, name)

        endpoint.__name__ = name.replace("-", "_")
        return action(detail=True, methods=["post"], url_path=name)(endpoint)

    for name in inputs:
        setattr(viewset, name.replace("-", "_"), endpoint_for(name))
