"""``/api/v1/calendar/``: the days of the official calendar, the stored years, and the
deadline engine (CAL-1 … CAL-4) for clients that show or plan deadlines."""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from zhongshu.framework.api import PolicyViewSetMixin
from zhongshu.framework.errors import RuleViolation

from .. import engine
from ..policies import calendar_policy
from .serializers import (
    CalendarDaySerializer,
    CalendarYearSerializer,
    DaysQuerySerializer,
    DeadlineQuerySerializer,
    DeadlineSerializer,
)


class CatalogueUnavailable(exceptions.APIException):
    status_code = 503
    default_detail = "规则目录尚不可用。"
    default_code = "catalogue_unavailable"


def _param(name: str, kind, description: str, required: bool = False) -> OpenApiParameter:
    return OpenApiParameter(name, kind, OpenApiParameter.QUERY, required, description)


DAYS_PARAMETERS = [
    _param("from", OpenApiTypes.DATE, "第一天（含）", True),
    _param("to", OpenApiTypes.DATE, "最后一天（含），最多400天", True),
]
DEADLINE_PARAMETERS = [
    _param("start", OpenApiTypes.DATETIME, "引起时限的事项发生时间（不带时区按北京时间）", True),
    _param("method", str, "working_days | calendar_days | hours | anchored（默认 working_days）"),
    _param("amount", OpenApiTypes.NUMBER, "天数或小时数；anchored 为第几日"),
    _param("rule", str, "规则编号，如 DOC-IN-10：参数取自规则目录"),
    _param("param", str, "规则参数名（默认 days）"),
    _param("profile", str, "政策配置（district | city），默认本部署"),
    _param("office_end", OpenApiTypes.TIME, "下班时间（默认取 CAL-2 参数 17:30）"),
    _param("at", OpenApiTypes.TIME, "anchored 的时刻，如 12:00"),
]


class CalendarViewSet(viewsets.ViewSet):
    @extend_schema(parameters=DAYS_PARAMETERS, responses=CalendarDaySerializer(many=True))
    @action(detail=False, methods=["get"])
    def days(self, request):
        """The days of a date range: kind, holiday name, working or not, provisional."""
        query = DaysQuerySerializer(
            data={"first": request.query_params.get("from"), "last": request.query_params.get("to")}
        )
        query.is_valid(raise_exception=True)
        found = engine.days(query.validated_data["first"], query.validated_data["last"])
        return Response(CalendarDaySerializer(found, many=True).data)

    @extend_schema(parameters=DEADLINE_PARAMETERS, responses=DeadlineSerializer)
    @action(detail=False, methods=["get"])
    def deadline(self, request):
        """A deadline computed by the engine, with its basis and the provisional mark."""
        query = DeadlineQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        try:
            result = compute(query.validated_data)
        except ValueError as exc:  # outside the calendar's range
            raise RuleViolation.single("CAL-1", str(exc), field="start") from exc
        return Response(DeadlineSerializer(result).data)


def compute(data: dict) -> engine.Deadline:
    start, method = data["start"], data["method"]
    if "rule" in data:
        return _for_rule(data)
    amount = data["amount"]
    if method == "working_days":
        return engine.add_working_days(start, int(amount), office_end=data.get("office_end"))
    if method == "calendar_days":
        return engine.add_calendar_days(start, int(amount), office_end=data.get("office_end"))
    if method == "hours":
        return engine.add_hours(start, amount)
    return engine.anchored(start, int(amount), data["at"])


def _for_rule(data: dict) -> engine.Deadline:
    try:
        return engine.deadline_for_rule(
            data["rule"],
            data["start"],
            param=data["param"],
            method=data["method"],
            profile=data.get("profile"),
        )
    except ImportError as exc:
        raise CatalogueUnavailable() from exc
    except (LookupError, ObjectDoesNotExist) as exc:
        raise exceptions.ValidationError({"rule": "规则目录中没有该规则或参数。"}) from exc


class CalendarYearViewSet(PolicyViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """The stored years: official ones with their notice; a year not listed runs on the
    provisional calendar."""

    policy = calendar_policy
    serializer_class = CalendarYearSerializer
    select_related = ("entered_by",)

    def get_queryset(self):
        return super().get_queryset().order_by("year")
