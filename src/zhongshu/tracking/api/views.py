"""/api/v1/tracking/items/ (list with filters, cursor pages; retrieve with ETag; one POST
per action, each calling its service), chases' answers, extension decisions, and
/api/v1/notifications/."""

from __future__ import annotations

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import filters, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from zhongshu.framework.api import BigListPagination, PolicyViewSetMixin

from .. import counts, deadlines, policies, registry, services
from ..actions import ACTIONS, perform
from ..counts import unread_count
from ..filtersets import TrackedItemFilterSet
from ..models import Chase, Extension, ProgressReport
from ..views_common import ITEM_RELATED
from . import serializers as s


class ItemPagination(BigListPagination):
    ordering = ("due_at", "id")


class TrackedItemViewSet(
    PolicyViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet
):
    policy = policies.items
    serializer_class = s.TrackedItemSerializer
    filterset_class = TrackedItemFilterSet
    filter_backends = [DjangoFilterBackend, filters.OrderingFilter]
    ordering_fields = ["due_at", "created_at", "state_changed_at"]
    ordering = ("due_at", "id")
    pagination_class = ItemPagination
    select_related = ITEM_RELATED
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        qs = super().get_queryset()
        if self.action == "retrieve":
            qs = qs.select_related("creator", "approver").prefetch_related(
                Prefetch(
                    "reports",
                    ProgressReport.objects.select_related(
                        "reporter", "on_behalf_of"
                    ).prefetch_related("attachments"),
                ),
                Prefetch(
                    "chases",
                    Chase.objects.select_related("chaser", "on_behalf_of", "target", "item"),
                ),
                Prefetch(
                    "extensions",
                    Extension.objects.select_related("requested_by", "decided_by", "item"),
                ),
            )
        return qs

    def get_serializer_class(self):
        if self.action == "retrieve":
            return s.TrackedItemDetailSerializer
        if self.action == "create":
            return s.TaskInput
        return super().get_serializer_class()

    @extend_schema(request=s.TaskInput, responses={201: s.TrackedItemSerializer})
    def create(self, request, *args, **kwargs):
        self.check_verb("create")
        data = self.validated(s.TaskInput)
        item = services.create_item(
            actor=request.user,
            kind=registry.TASK,
            subject=data["subject"],
            lead_unit=data["lead_unit"],
            responsible=data["responsible"],
            deadline=deadlines.deadline_from(data["amount"], data["unit"], _now()),
            priority=data["priority"],
            urgency=data["urgency"],
            report_cadence=data["report_cadence"],
            target=data["target"],
        )
        return self.item_response(item, status.HTTP_201_CREATED)

    def validated(self, serializer_class) -> dict:
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def item_response(self, item, code=status.HTTP_200_OK) -> Response:
        item = (
            self.policy.visible_to(self.request.user).select_related(*ITEM_RELATED).get(pk=item.pk)
        )
        response = Response(s.TrackedItemSerializer(item).data, status=code)
        response["ETag"] = item.etag
        return response

    def run_action(self, request, name: str) -> Response:
        item = self.get_object()
        self.check_verb(ACTIONS[name][1], item)
        version = self.expected_version(item) if request.headers.get("If-Match") else None
        data = self.validated(s.ACTION_INPUTS[name])
        perform(name, request.user, item, data, version)
        return self.item_response(item)


def _action_endpoint(name: str):
    @extend_schema(
        request=s.ACTION_INPUTS[name],
        responses=s.TrackedItemSerializer,
        summary=f"{name}（If-Match 可选：带上则校验版本）",
    )
    def endpoint(self, request, uuid=None):
        return self.run_action(request, name)

    endpoint.__name__ = name.replace("-", "_")
    return action(detail=True, methods=["post"], url_path=name)(endpoint)


for _name in ACTIONS:
    setattr(TrackedItemViewSet, _name.replace("-", "_"), _action_endpoint(_name))


def _now():
    from django.utils import timezone

    return timezone.now()


class ChaseAnswerView(APIView):
    @extend_schema(request=s.AnswerInput, responses=s.ChaseSerializer)
    def post(self, request, uuid):
        chase = get_object_or_404(
            Chase.objects.filter(item__in=policies.items.visible_to(request.user)).select_related(
                "item", "chaser", "target", "on_behalf_of"
            ),
            uuid=uuid,
        )
        if not policies.items.can(request.user, "answer_chase", chase):
            from rest_framework.exceptions import PermissionDenied

            raise PermissionDenied("无权答复该催办。")
        data = s.AnswerInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.answer_chase(actor=request.user, chase=chase, answer=data.validated_data["answer"])
        return Response(s.ChaseSerializer(chase).data)


class ExtensionDecideView(APIView):
    @extend_schema(request=s.DecisionInput, responses=s.ExtensionSerializer)
    def post(self, request, uuid):
        extension = get_object_or_404(
            Extension.objects.filter(
                item__in=policies.items.visible_to(request.user)
            ).select_related("item", "requested_by"),
            uuid=uuid,
        )
        if not policies.items.can(request.user, "decide_extension", extension.item):
            from rest_framework.exceptions import PermissionDenied

            raise PermissionDenied("无权审批该延期申请。")
        data = s.DecisionInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.decide_extension(actor=request.user, extension=extension, **data.validated_data)
        extension.refresh_from_db()
        return Response(s.ExtensionSerializer(extension).data)


class NotificationPagination(BigListPagination):
    ordering = ("-created_at", "-id")


class NotificationViewSet(PolicyViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """The bell: my notifications and, as a delegate, my delegators' (marked 代)."""

    policy = policies.notifications
    serializer_class = s.NotificationSerializer
    pagination_class = NotificationPagination
    select_related = ("item", "recipient")
    filter_backends: list = []

    def get_queryset(self):
        qs = super().get_queryset()
        if self.request.query_params.get("unread"):
            qs = qs.filter(read_at__isnull=True)
        return qs

    def get_serializer_context(self):
        person = getattr(self.request.user, "person", None)
        return {**super().get_serializer_context(), "me_id": person.pk if person else None}

    @extend_schema(request=None, responses=s.NotificationSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request, uuid=None):
        note = self.get_object()
        services.mark_notification_read(actor=request.user, notification=note)
        return Response(self.get_serializer(note).data)

    @extend_schema(request=None, responses={200: dict})
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        return Response({"marked": services.mark_all_notifications_read(actor=request.user)})

    @extend_schema(responses={200: dict})
    @action(detail=False, methods=["get"], url_path="unread-count")
    def unread_count(self, request):
        """The bell's number: counted up to 1,000 (``capped`` then says there are more)."""
        count = unread_count(request.user)
        return Response({"unread": count, "capped": count > counts.BADGE_CAP})
