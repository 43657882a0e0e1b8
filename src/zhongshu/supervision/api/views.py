"""/api/v1/supervision/…: the ledger (list with the ledger's filters, cursor pages; retrieve
with ETag; one POST per operation, each calling its service), supervision orders, co-handler
opinions, cases, assessment, accountability proposals and bulletins."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from zhongshu.framework.api import BigListPagination, PolicyViewSetMixin
from zhongshu.tracking.models import TrackedItem

from .. import policies, services
from ..filtersets import SupervisedItemFilterSet
from ..periods import bounds
from . import serializers as s


class LedgerPagination(BigListPagination):
    ordering = ("id",)


def validated(request, serializer_class) -> dict[str, Any]:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class SupervisedItemViewSet(PolicyViewSetMixin, viewsets.ReadOnlyModelViewSet):
    policy = policies.items
    serializer_class = s.SupervisedItemSerializer
    filterset_class = SupervisedItemFilterSet
    filter_backends = [DjangoFilterBackend]
    pagination_class = LedgerPagination
    select_related = ("item", "item__lead_unit", "leader", "supervising_section")
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def respond(self, supervised, code=status.HTTP_200_OK) -> Response:
        fresh = self.get_queryset().get(pk=supervised.pk)
        response = Response(s.SupervisedItemSerializer(fresh).data, status=code)
        response["ETag"] = fresh.etag
        return response

    def created(self, supervised) -> Response:
        return self.respond(supervised, status.HTTP_201_CREATED)

    @extend_schema(request=s.ItemInput, responses={201: s.SupervisedItemSerializer})
    def create(self, request):
        self.check_verb("create")
        return self.created(
            services.add_supervised_item(actor=request.user, **validated(request, s.ItemInput))
        )

    @extend_schema(request=s.InstructionInput, responses={201: s.SupervisedItemSerializer})
    @action(detail=False, methods=["post"])
    def instructions(self, request):
        self.check_verb("create")
        data = validated(request, s.InstructionInput)
        return self.created(services.register_instruction(actor=request.user, **data))

    @extend_schema(request=s.RectificationInput, responses={201: s.SupervisedItemSerializer})
    @action(detail=False, methods=["post"])
    def rectifications(self, request):
        self.check_verb("create")
        data = validated(request, s.RectificationInput)
        return self.created(services.issue_rectification_order(actor=request.user, **data))

    @extend_schema(request=s.ProposalInput, responses={201: s.SupervisedItemSerializer})
    @action(detail=False, methods=["post"])
    def proposals(self, request):
        self.check_verb("create")
        data = validated(request, s.ProposalInput)
        return self.created(services.assign_proposal(actor=request.user, **data))

    @extend_schema(request=s.ImportInput, responses={201: s.SupervisedItemSerializer(many=True)})
    @action(detail=False, methods=["post"], url_path="import")
    def import_ledger(self, request):
        self.check_verb("import")
        data = validated(request, s.ImportInput)
        made = services.import_key_work(
            actor=request.user, upload=data["upload"], source=data["source"]
        )
        rows = self.get_queryset().filter(pk__in=[m.pk for m in made]).order_by("number", "id")
        return Response(
            s.SupervisedItemSerializer(rows, many=True).data, status=status.HTTP_201_CREATED
        )

    def act(self, request, verb: str, input_class, call) -> Response:
        supervised = self.get_object()
        self.check_verb(verb, supervised)
        call(supervised, validated(request, input_class))
        return self.respond(supervised)

    @extend_schema(request=s.ReasonInput, responses=s.SupervisedItemSerializer)
    @action(detail=True, methods=["post"])
    def promote(self, request, uuid=None):
        return self.act(
            request,
            "promote",
            s.ReasonInput,
            lambda x, d: services.promote_to_key(actor=request.user, supervised=x, **d),
        )

    @extend_schema(request=s.ReasonInput, responses={201: s.OrderSerializer})
    @action(detail=True, methods=["post"])
    def orders(self, request, uuid=None):
        supervised = self.get_object()
        self.check_verb("issue_order", supervised)
        order = services.issue_order(
            actor=request.user, supervised=supervised, **validated(request, s.ReasonInput)
        )
        return Response(s.OrderSerializer(order).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.OpinionInput, responses=s.SupervisedItemSerializer)
    @action(detail=True, methods=["post"], url_path="approve-closeout")
    def approve_closeout(self, request, uuid=None):
        return self.act(
            request,
            "approve_closeout",
            s.OpinionInput,
            lambda x, d: services.approve_item_closeout(actor=request.user, supervised=x, **d),
        )

    @extend_schema(request=s.TextInput, responses=s.SupervisedItemSerializer)
    @action(detail=True, methods=["post"], url_path="rectification-report")
    def rectification_report(self, request, uuid=None):
        return self.act(
            request,
            "handle",
            s.TextInput,
            lambda x, d: services.report_rectification(actor=request.user, supervised=x, **d),
        )

    @extend_schema(request=s.ReplyInput, responses=s.SupervisedItemSerializer)
    @action(detail=True, methods=["post"])
    def reply(self, request, uuid=None):
        return self.act(
            request,
            "handle",
            s.ReplyInput,
            lambda x, d: services.reply_proposal(actor=request.user, supervised=x, **d),
        )

    @extend_schema(request=s.SatisfactionInput, responses=s.SupervisedItemSerializer)
    @action(detail=True, methods=["post"])
    def satisfaction(self, request, uuid=None):
        return self.act(
            request,
            "record_satisfaction",
            s.SatisfactionInput,
            lambda x, d: services.record_satisfaction(actor=request.user, supervised=x, **d),
        )

    @extend_schema(request=s.CheckInput, responses=s.SupervisedItemSerializer)
    @action(detail=True, methods=["post"], url_path="check")
    def record_check(self, request, uuid=None):
        """回访、抽查、回头看、复查 (SUP-9, SUP-12)."""
        return self.act(
            request,
            "record_check",
            s.CheckInput,
            lambda x, d: services.record_check(actor=request.user, supervised=x, **d),
        )


class OrderAnswerView(APIView):
    @extend_schema(request=s.OrderAnswerInput, responses=s.OrderSerializer)
    def post(self, request, uuid):
        order = get_object_or_404(
            policies.orders.visible_to(request.user).select_related("step", "supervised"), uuid=uuid
        )
        if not policies.orders.can(request.user, "answer", order):
            raise PermissionDenied("无权回复该督办单。")
        services.answer_order(
            actor=request.user, order=order, **validated(request, s.OrderAnswerInput)
        )
        order.refresh_from_db()
        return Response(s.OrderSerializer(order).data)


class CoOpinionView(APIView):
    @extend_schema(request=s.CoOpinionInput, responses={204: None})
    def post(self, request, uuid):
        step = get_object_or_404(
            TrackedItem.objects.filter(kind="supervision.co_opinion"), uuid=uuid
        )
        get_object_or_404(policies.items.visible_to(request.user), item_id=step.parent_id)
        services.give_co_opinion(
            actor=request.user, step=step, **validated(request, s.CoOpinionInput)
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class CaseViewSet(PolicyViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    policy = policies.cases
    serializer_class = s.CaseSerializer
    pagination_class = LedgerPagination
    filter_backends: list = []

    @extend_schema(request=s.CaseInput, responses={201: s.CaseSerializer})
    def create(self, request, *args, **kwargs):
        self.check_verb("create")
        case = services.register_case(actor=request.user, **validated(request, s.CaseInput))
        return Response(s.CaseSerializer(case).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.MeetingDecisionsInput, responses={201: s.CaseSerializer})
    @action(detail=False, methods=["post"])
    def decisions(self, request):
        self.check_verb("create")
        case = services.register_decisions(
            actor=request.user, **validated(request, s.MeetingDecisionsInput)
        )
        return Response(s.CaseSerializer(case).data, status=status.HTTP_201_CREATED)

    def act(self, request, input_class, call) -> Response:
        case = self.get_object()
        self.check_verb("act", case)
        call(case, validated(request, input_class))
        case.refresh_from_db()
        return Response(s.CaseSerializer(case).data)

    @extend_schema(request=s.PlanInput, responses=s.CaseSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, uuid=None):
        return self.act(
            request,
            s.PlanInput,
            lambda c, d: services.approve_case(actor=request.user, case=c, **d),
        )

    @extend_schema(request=s.NoticeInput, responses=s.CaseSerializer)
    @action(detail=True, methods=["post"])
    def notice(self, request, uuid=None):
        return self.act(
            request,
            s.NoticeInput,
            lambda c, d: services.issue_case_notice(actor=request.user, case=c, **d),
        )

    @extend_schema(request=s.FindingsInput, responses=s.CaseSerializer)
    @action(detail=True, methods=["post"])
    def collect(self, request, uuid=None):
        return self.act(
            request,
            s.FindingsInput,
            lambda c, d: services.collect_case_reports(actor=request.user, case=c, **d),
        )

    @extend_schema(request=s.ReportInput, responses=s.CaseSerializer)
    @action(detail=True, methods=["post"])
    def report(self, request, uuid=None):
        return self.act(
            request,
            s.ReportInput,
            lambda c, d: services.submit_case_report(actor=request.user, case=c, **d),
        )

    @extend_schema(request=s.CaseItemsInput, responses=s.CaseSerializer)
    @action(detail=True, methods=["post"])
    def items(self, request, uuid=None):
        """The problem list (SUP-2/3/6) or the key-work items (SUP-4) as ledger lines."""
        return self.act(
            request,
            s.CaseItemsInput,
            lambda c, d: services.add_case_items(actor=request.user, case=c, **d),
        )

    @extend_schema(request=s.ArrangementsInput, responses=s.CaseSerializer)
    @action(detail=True, methods=["post"])
    def arrangements(self, request, uuid=None):
        """SUP-2: spots, preparation meeting and reception plan of the city's visit."""
        return self.act(
            request,
            s.ArrangementsInput,
            lambda c, d: services.record_arrangements(actor=request.user, case=c, arrangements=d),
        )

    @extend_schema(request=s.DocumentInput, responses={201: s.OutgoingDraftSerializer})
    @action(detail=True, methods=["post"])
    def document(self, request, uuid=None):
        """The notice or report as an outgoing draft (DOC-OUT), linked back to the case."""
        case = self.get_object()
        self.check_verb("act", case)
        document = services.draft_case_document(
            actor=request.user, case=case, **validated(request, s.DocumentInput)
        )
        return Response(s.OutgoingDraftSerializer(document).data, status=status.HTTP_201_CREATED)


class BulletinViewSet(PolicyViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    policy = policies.bulletins
    serializer_class = s.BulletinSerializer
    pagination_class = LedgerPagination
    filter_backends: list = []

    @extend_schema(request=s.BulletinInput, responses={201: s.BulletinSerializer})
    def create(self, request, *args, **kwargs):
        self.check_verb("create")
        bulletin = services.generate_bulletin(
            actor=request.user, **validated(request, s.BulletinInput)
        )
        return Response(s.BulletinSerializer(bulletin).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.BulletinEditInput, responses=s.BulletinSerializer)
    @action(detail=True, methods=["post"])
    def edit(self, request, uuid=None):
        bulletin = self.get_object()
        self.check_verb("edit", bulletin)
        version = self.expected_version(bulletin)
        services.edit_bulletin(
            actor=request.user,
            bulletin=bulletin,
            expected_version=version,
            **validated(request, s.BulletinEditInput),
        )
        bulletin.refresh_from_db()
        response = Response(s.BulletinSerializer(bulletin).data)
        response["ETag"] = bulletin.etag
        return response

    @extend_schema(request=None, responses={201: s.OutgoingDraftSerializer})
    @action(detail=True, methods=["post"])
    def document(self, request, uuid=None):
        """The bulletin as an outgoing draft (通报, DOC-OUT), linked back to it."""
        bulletin = self.get_object()
        self.check_verb("edit", bulletin)
        document = services.draft_bulletin_document(actor=request.user, bulletin=bulletin)
        return Response(s.OutgoingDraftSerializer(document).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.IssueInput, responses=s.BulletinSerializer)
    @action(detail=True, methods=["post"])
    def issue(self, request, uuid=None):
        """Issued with the number of its outgoing document (blank number), or a typed one."""
        bulletin = self.get_object()
        self.check_verb("issue", bulletin)
        services.issue_bulletin(
            actor=request.user, bulletin=bulletin, **validated(request, s.IssueInput)
        )
        bulletin.refresh_from_db()
        return Response(s.BulletinSerializer(bulletin).data)


PERIOD_PARAMS = [
    OpenApiParameter("period", str, enum=["monthly", "quarterly"], required=True),
    OpenApiParameter("year", int, required=True),
    OpenApiParameter("number", int, required=True, description="月份（1–12）或季度（1–4）"),
]


def _period(request) -> tuple:
    data = s.PeriodInput(data=request.query_params)
    data.is_valid(raise_exception=True)
    v = data.validated_data
    return bounds(v["period"], v["year"], v["number"])


class AssessmentView(APIView):
    @extend_schema(parameters=PERIOD_PARAMS, responses=s.ScoreSerializer(many=True))
    def get(self, request):
        if not policies.sees_all(request.user):
            raise PermissionDenied("无权查看考核结果。")
        start, end = _period(request)
        return Response(s.ScoreSerializer(services.unit_scores(start, end), many=True).data)


class AccountabilityViewSet(PolicyViewSetMixin, viewsets.ReadOnlyModelViewSet):
    policy = policies.accountability
    serializer_class = s.AccountabilitySerializer
    pagination_class = LedgerPagination
    select_related = ("unit",)
    filter_backends: list = []

    @extend_schema(
        parameters=PERIOD_PARAMS,
        request=None,
        responses={201: s.AccountabilitySerializer(many=True)},
    )
    @action(detail=False, methods=["post"])
    def propose(self, request):
        self.check_verb("create")
        start, end = _period(request)
        made = services.propose_accountability(actor=request.user, start=start, end=end)
        return Response(
            s.AccountabilitySerializer(made, many=True).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(request=s.AccountabilityDecisionInput, responses=s.AccountabilitySerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, uuid=None):
        proposal = self.get_object()
        self.check_verb("act", proposal)
        services.decide_accountability(
            actor=request.user,
            proposal=proposal,
            **validated(request, s.AccountabilityDecisionInput),
        )
        proposal.refresh_from_db()
        return Response(s.AccountabilitySerializer(proposal).data)
