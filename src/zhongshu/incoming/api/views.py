"""/api/v1/incoming/documents/: list (filters, jieba search, cursor pages), retrieve
with ETag, register (or save a draft), correct a registration (If-Match), and one POST
per step, each calling its service. Another system can register documents and read
their status here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Prefetch
from django.http import Http404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from zhongshu.framework.api import BigListPagination, PolicyViewSetMixin, add_action_endpoints
from zhongshu.framework.errors import RuleViolation

from .. import services
from ..actions import ACTIONS
from ..filtersets import IncomingFilterSet
from ..models import Circulation, HandlingTask, IncomingDocument, Instruction
from ..policies import documents
from . import serializers as s


class DocumentPagination(BigListPagination):
    ordering = ("-received_at", "-id")


class IncomingDocumentViewSet(
    PolicyViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet
):
    policy = documents
    serializer_class = s.DocumentSerializer
    filterset_class = IncomingFilterSet
    filter_backends = [DjangoFilterBackend]
    pagination_class = DocumentPagination
    select_related = ("sender_unit", "lead_unit")
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        qs = super().get_queryset().defer("search_tokens")
        if self.action != "list":
            qs = qs.select_related("duplicate_of").prefetch_related(
                Prefetch("instructions", Instruction.objects.select_related("leader", "item")),
                Prefetch("tasks", HandlingTask.objects.select_related("unit", "item")),
                Prefetch(
                    "circulations", Circulation.objects.select_related("reader", "read_request")
                ),
                "files",
            )
        return qs

    def get_serializer_class(self):
        if self.action == "list":
            return s.DocumentSerializer
        return s.DocumentDetailSerializer

    def validated(self, serializer_class) -> dict[str, Any]:
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def document_response(self, doc: IncomingDocument, code=status.HTTP_200_OK) -> Response:
        doc = self.get_queryset().get(pk=doc.pk)
        response = Response(s.DocumentDetailSerializer(doc).data, status=code)
        response["ETag"] = doc.etag
        return response

    def run_action(self, request, path: str) -> Response:
        """One step of the flow (STEPS below): permitted for this user, then performed."""
        name, input_class, run = STEPS[path]
        doc = self.get_object()
        if not ACTIONS[name].permitted(request.user, doc):
            raise PermissionDenied("无权执行此操作。")
        run(self, request.user, doc, self.validated(input_class))
        return self.document_response(doc)

    @extend_schema(request=s.RegisterInput, responses={201: s.DocumentDetailSerializer})
    def create(self, request, *args, **kwargs):
        if not documents.can_register(request.user):
            raise PermissionDenied("无权登记收文。")
        data = self.validated(s.RegisterInput)
        draft, allow = data.pop("draft"), data.pop("allow_duplicate")
        main, attachments = data.pop("main_file", None), data.pop("attachments", [])
        paper = data.pop("paper_reason", "")
        if paper.strip():
            if main or attachments:
                raise RuleViolation.single(
                    "DOC_CLASSIFIED", "纸质办理记录不保存电子文件。", field="main_file"
                )
            doc = services.record_paper_handling(actor=request.user, data=data, reason=paper)
        elif draft:
            doc = services.save_draft(actor=request.user, data=data)
        else:
            doc = services.register_incoming(
                actor=request.user,
                data=data,
                main_file=main,
                attachments=attachments,
                allow_duplicate=allow,
            )
        return self.document_response(doc, status.HTTP_201_CREATED)

    @extend_schema(
        request=s.UpdateInput,
        responses=s.DocumentDetailSerializer,
        summary="更正登记（须 If-Match）",
    )
    def partial_update(self, request, *args, **kwargs):
        doc = self.get_object()
        if not documents.can_register(request.user):
            raise PermissionDenied("无权修改登记。")
        version = self.expected_version(doc)
        services.update_registration(
            actor=request.user,
            document=doc,
            data=self.validated(s.UpdateInput),
            expected_version=version,
        )
        return self.document_response(doc)

    @extend_schema(request=s.FileInput, responses={201: s.FileSerializer})
    @action(detail=True, methods=["post"], url_path="files")
    def files(self, request, uuid=None):
        doc = self.get_object()
        if not documents.can_register(request.user):
            raise PermissionDenied("无权上传文件。")
        data = self.validated(s.FileInput)
        stored = services.attach_file(
            actor=request.user, document=doc, upload=data["file"], role=data["role"]
        )
        return Response(s.FileSerializer(stored).data, status=status.HTTP_201_CREATED)


def _version(view, doc):
    return view.expected_version(doc) if view.request.headers.get("If-Match") else None


def _pass_review(view, user, doc, data):
    services.pass_review(actor=user, document=doc, data=data, expected_version=_version(view, doc))


def _propose_return(view, user, doc, data):
    reason, approver = data.pop("reason"), data.pop("approver", None)
    services.propose_return(
        actor=user,
        document=doc,
        reason=reason,
        data=data,
        approver=approver,
        expected_version=_version(view, doc),
    )


def _decide_return(view, user, doc, data):
    services.decide_return(actor=user, document=doc, **data)


def _propose(view, user, doc, data):
    flags = {
        k: data.pop(k)
        for k in (
            "difficult",
            "needs_consultation",
            "needs_implementation",
            "important",
            "own_due_date",
        )
        if k in data
    }
    services.propose_handling(
        actor=user, document=doc, flags=flags, expected_version=_version(view, doc), **data
    )


def _instruct(view, user, doc, data):
    step = services.pending_step(doc)
    if step is None:
        raise Http404
    services.instruct(actor=user, instruction=step, **data)


def _report(view, user, doc, data):
    task = doc.tasks.filter(uuid=data.pop("task")).select_related("unit", "item").first()
    if task is None or not documents.can_report(user, task):
        raise Http404
    services.report_handling(actor=user, task=task, **data)


def _circulate(view, user, doc, data):
    services.circulate(actor=user, document=doc, **data)


def _read(view, user, doc, data):
    row = doc.circulations.filter(uuid=data["circulation"]).select_related("read_request").first()
    if row is None or not documents.can_read(user, row):
        raise Http404
    services.mark_circulation_read(actor=user, circulation=row)


def _chase(view, user, doc, data):
    services.chase_circulation(actor=user, document=doc)


def _complete(view, user, doc, data):
    services.complete_incoming(
        actor=user, document=doc, result=data["result"], expected_version=_version(view, doc)
    )


def _reply(view, user, doc, data):
    wanted = data.pop("outgoing", None)
    outgoing = None
    if wanted is not None:
        from zhongshu.outgoing.policies import OutgoingPolicy

        outgoing = OutgoingPolicy().visible_to(user).filter(uuid=wanted).first()
        if outgoing is None:
            raise Http404
    services.record_reply(actor=user, document=doc, outgoing=outgoing, **data)


def _archive(view, user, doc, data):
    services.archive_incoming(actor=user, document=doc, expected_version=_version(view, doc))


STEPS: dict[str, tuple[str, type, Callable]] = {
    "pass-review": ("pass_review", s.ReviewInput, _pass_review),
    "propose-return": ("propose_return", s.ReturnInput, _propose_return),
    "decide-return": ("decide_return", s.ReturnDecisionInput, _decide_return),
    "propose-handling": ("propose_handling", s.ProposalInput, _propose),
    "instruct": ("instruct", s.InstructInput, _instruct),
    "report": ("report", s.ReportInput, _report),
    "circulate": ("circulate", s.CirculateInput, _circulate),
    "read": ("read", s.ReadInput, _read),
    "chase-reading": ("chase_reading", s.EmptyInput, _chase),
    "complete": ("complete", s.CompleteInput, _complete),
    "reply": ("reply", s.ReplyInput, _reply),
    "archive": ("archive", s.EmptyInput, _archive),
}


add_action_endpoints(
    IncomingDocumentViewSet,
    {path: spec[1] for path, spec in STEPS.items()},
    s.DocumentDetailSerializer,
    summary=lambda path: f"{ACTIONS[STEPS[path][0]].label}（If-Match 可选：带上则校验版本）",
)
