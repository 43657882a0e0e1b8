"""/api/v1/outgoing/documents/: list (filters, cursor pages), create, retrieve (ETag),
update (If-Match), the route preview, one POST per step of the path (each calling its
service), the laid-out document; /api/v1/outgoing/public/: the public documents, no
login."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from zhongshu.framework.api import PolicyViewSetMixin, add_action_endpoints
from zhongshu.framework.pagination import BigListPagination

from .. import printing, services
from ..choices import StepKind
from ..filtersets import OutgoingFilterSet, PublicFilterSet
from ..models import Disagreement
from ..policies import OutgoingPolicy, PublicPolicy
from . import serializers as s


class DocumentPagination(BigListPagination):
    ordering = ("-created_at", "-id")


def _opinion_step(request, document):
    step = document.steps.filter(
        kind=StepKind.CONSULTATION, decision="pending", unit_id=request.user.person.unit_id
    ).first()
    if step is None:
        raise Http404
    return step


def _decide(request, document, data):
    try:
        disagreement = document.disagreements.get(uuid=data["disagreement"])
    except Disagreement.DoesNotExist as exc:
        raise Http404 from exc
    services.decide_disagreement(
        actor=request.user, disagreement=disagreement, decision=data["decision"]
    )


# name → (policy verb, input, perform(request, document, data, version))
ACTIONS: dict[str, tuple[str, Any, Any]] = {
    "submit": (
        "submit",
        s.EmptyInput,
        lambda r, d, data, v: services.submit(actor=r.user, document=d, expected_version=v),
    ),
    "withdraw": (
        "withdraw",
        s.ReasonInput,
        lambda r, d, data, v: services.withdraw(actor=r.user, document=d, **data),
    ),
    "opinion": (
        "opinion",
        s.ConsultationOpinionInput,
        lambda r, d, data, v: services.give_opinion(actor=r.user, step=_opinion_step(r, d), **data),
    ),
    "disagreement": (
        "manage_consultation",
        s.DisagreementInput,
        lambda r, d, data, v: services.record_disagreement(actor=r.user, document=d, **data),
    ),
    "decide": ("decide", s.DecideInput, lambda r, d, data, v: _decide(r, d, data)),
    "finish-consultation": (
        "manage_consultation",
        s.EmptyInput,
        lambda r, d, data, v: services.finish_consultation(actor=r.user, document=d),
    ),
    "countersign": (
        "countersign",
        s.OpinionInput,
        lambda r, d, data, v: services.countersign(actor=r.user, document=d, **data),
    ),
    "legality-review": (
        "legal_review",
        s.LegalityInput,
        lambda r, d, data, v: services.legality_review(actor=r.user, document=d, **data),
    ),
    "interpretation": (
        "interpretation",
        s.EmptyInput,
        lambda r, d, data, v: services.approve_interpretation(actor=r.user, document=d),
    ),
    "review": (
        "review",
        s.ReviewInput,
        lambda r, d, data, v: services.office_review(
            actor=r.user, document=d, expected_version=v, **data
        ),
    ),
    "adjust-form": (
        "review",
        s.AdjustInput,
        lambda r, d, data, v: services.adjust_form(
            actor=r.user, document=d, changes=data, expected_version=v
        ),
    ),
    "sign": (
        "sign",
        s.SignInput,
        lambda r, d, data, v: services.sign(actor=r.user, document=d, expected_version=v, **data),
    ),
    "return": (
        "return",
        s.ReasonInput,
        lambda r, d, data, v: services.return_to_drafter(
            actor=r.user, document=d, expected_version=v, **data
        ),
    ),
    "recheck": (
        "recheck",
        s.RecheckInput,
        lambda r, d, data, v: services.recheck(actor=r.user, document=d, **data),
    ),
    "number": (
        "number",
        s.NumberInput,
        lambda r, d, data, v: services.assign_number(
            actor=r.user, document=d, series=data.get("series")
        ),
    ),
    "void-number": (
        "number",
        s.ReasonInput,
        lambda r, d, data, v: services.void_number(actor=r.user, document=d, **data),
    ),
    "issue": (
        "number",
        s.IssueInput,
        lambda r, d, data, v: services.issue(actor=r.user, document=d, **data),
    ),
    "publish": (
        "number",
        s.EmptyInput,
        lambda r, d, data, v: services.publish(actor=r.user, document=d),
    ),
    "meeting": (
        "meeting",
        s.MeetingInput,
        lambda r, d, data, v: services.record_meeting_approval(actor=r.user, document=d, **data),
    ),
    "evaluate": (
        "evaluate",
        s.EvaluationInput,
        lambda r, d, data, v: services.evaluate(actor=r.user, document=d, **data),
    ),
}


class OutgoingViewSet(PolicyViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    policy = OutgoingPolicy()
    serializer_class = s.OutgoingSerializer
    filterset_class = OutgoingFilterSet
    filter_backends = [DjangoFilterBackend]
    pagination_class = DocumentPagination
    select_related = ("issuer", "drafting_unit", "drafter")

    def get_queryset(self):
        qs = super().get_queryset()
        if self.action == "retrieve":
            qs = qs.prefetch_related("steps__person", "steps__unit")
        return qs

    def get_serializer_class(self):
        if self.action == "retrieve":
            return s.OutgoingDetailSerializer
        if self.action in ("create", "partial_update"):
            return s.DraftInput
        return super().get_serializer_class()

    def validated(self, serializer_class, *, partial: bool = False) -> dict:
        serializer = serializer_class(data=self.request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def document_response(self, document, code=status.HTTP_200_OK) -> Response:
        document = (
            self.policy.visible_to(self.request.user)
            .select_related(*self.select_related)
            .prefetch_related("steps__person", "steps__unit")
            .get(pk=document.pk)
        )
        response = Response(s.OutgoingDetailSerializer(document).data, status=code)
        response["ETag"] = document.etag
        return response

    @extend_schema(request=s.DraftInput, responses={201: s.OutgoingDetailSerializer})
    def create(self, request, *args, **kwargs):
        self.check_verb("create")
        document = services.create_draft(actor=request.user, data=self.validated(s.DraftInput))
        return self.document_response(document, status.HTTP_201_CREATED)

    @extend_schema(request=s.DraftInput, responses=s.OutgoingDetailSerializer)
    def partial_update(self, request, *args, **kwargs):
        document = self.get_object()
        self.check_verb("edit", document)
        version = self.expected_version(document)
        data = self.validated(s.DraftInput, partial=True)
        services.update_draft(
            actor=request.user, document=document, data=data, expected_version=version
        )
        return self.document_response(document)

    @extend_schema(responses=s.RoutePreviewSerializer)
    @action(detail=True, methods=["get"])
    def route(self, request, uuid=None):
        """The checks and the signing route as the drafter sees them before submitting."""
        return Response(services.route_preview(self.get_object()))

    @extend_schema(
        responses={(200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY)}
    )
    @action(detail=True, methods=["get"], url_path="document-docx")
    def document_docx(self, request, uuid=None):
        """The laid-out document (GB/T 9704-2012), .docx."""
        return _file(self.get_object(), "docx")

    @extend_schema(
        responses={(200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY)}
    )
    @action(detail=True, methods=["get"], url_path="document-pdf")
    def document_pdf(self, request, uuid=None):
        """The laid-out document as PDF (free fonts embedded)."""
        return _file(self.get_object(), "pdf")

    def run_action(self, request, name: str) -> Response:
        verb, input_class, perform = ACTIONS[name]
        document = self.get_object()
        self.check_verb(verb, document)
        version = self.expected_version(document) if request.headers.get("If-Match") else None
        perform(request, document, self.validated(input_class), version)
        document.refresh_from_db()
        return self.document_response(document)


add_action_endpoints(
    OutgoingViewSet, {name: spec[1] for name, spec in ACTIONS.items()}, s.OutgoingDetailSerializer
)


def _file(document, fmt: str) -> HttpResponse:
    from ..views import _download

    return _download(document, fmt)


class PublicPagination(BigListPagination):
    ordering = ("-issued_at", "-id")
    page_size = 20


class PublicViewSet(viewsets.ReadOnlyModelViewSet):
    """Issued public documents (DOC-OUT-14): no login."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    serializer_class = s.PublicSerializer
    filterset_class = PublicFilterSet
    filter_backends = [DjangoFilterBackend]
    pagination_class = PublicPagination
    lookup_field = "uuid"

    def get_queryset(self):
        return PublicPolicy.queryset().select_related("issuer")


__all__ = ["OutgoingViewSet", "PublicViewSet", "printing"]
