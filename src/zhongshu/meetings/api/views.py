"""/api/v1/meetings/meetings/ (list with filters and cursor pages, create, retrieve with
agenda, participants, quorum, decisions and their live ledger status and the minutes;
one POST per operation), /api/v1/meetings/topics/ (request, review, approve, return,
withdraw, materials, reviews) and /api/v1/meetings/plan-entries/ (the annual plan).
Every write calls the service the pages call; refusals answer 409/422 with rule IDs."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from zhongshu.framework.api import PolicyViewSetMixin, add_action_endpoints
from zhongshu.framework.pagination import BigListPagination

from .. import services
from ..filtersets import MeetingFilterSet, TopicFilterSet
from ..models import AnnualPlan, LeaveRequest, Minutes, Participant
from ..policies import (
    DocumentMatterPolicy,
    EmergencyDecisionPolicy,
    MeetingPolicy,
    PlanEntryPolicy,
    TopicPolicy,
)
from . import serializers as s


class MeetingPagination(BigListPagination):
    ordering = ("-starts_at", "-id")
    page_size = 20


class TopicPagination(BigListPagination):
    ordering = ("-id",)
    page_size = 20


class PlanPagination(BigListPagination):
    ordering = ("month", "id")
    page_size = 50


def _validated(request, input_class) -> dict[str, Any]:
    serializer = input_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def _minutes(meeting) -> Minutes:
    try:
        return meeting.minutes
    except Minutes.DoesNotExist as exc:
        raise Http404 from exc


def _seat(meeting, uuid) -> Participant:
    try:
        return meeting.participants.get(uuid=uuid)
    except Participant.DoesNotExist as exc:
        raise Http404 from exc


def _participants(r, m, data, v):
    names = [(o["name"], o.get("unit", "")) for o in data.pop("outsiders", [])]
    services.add_participants(actor=r.user, meeting=m, names=names, expected_version=v, **data)


def _leave(r, m, data, v):
    from zhongshu.tracking.acting import reach_of

    seat = m.participants.filter(person_id__in=reach_of(r.user).person_ids).first()
    if seat is None:
        raise exceptions.PermissionDenied("无权执行此操作。")
    services.request_leave(actor=r.user, participant=seat, **data)


def _decide_leave(r, m, data, v):
    try:
        leave = LeaveRequest.objects.get(uuid=data["leave"], participant__meeting=m)
    except LeaveRequest.DoesNotExist as exc:
        raise Http404 from exc
    services.decide_leave(
        actor=r.user,
        leave=leave,
        approve=data["approve"],
        substitute_approved=data["substitute_approved"],
    )


def _attendance(r, m, data, v):
    seat = _seat(m, data["participant"])
    substitute = seat.substitute if data["substitute_attends"] else None
    if data["substitute_attends"] and substitute is None:
        from zhongshu.framework.errors import RuleViolation

        raise RuleViolation.single("MTG-12", "代会须经会议主持人批准。", field="substitute")
    services.take_attendance(
        actor=r.user, participant=seat, present=data["present"], substitute=substitute
    )


def _news(r, m, data, v):
    services.save_news(actor=r.user, meeting=m, **data)


def _report_emergency(r, m, data, v):
    """MTG-6: an emergency decision of the body reported at this (held) meeting."""
    policy = EmergencyDecisionPolicy()
    decision = policy.visible_to(r.user).filter(uuid=data["decision"]).first()
    if decision is None:
        raise exceptions.NotFound()
    services.report_emergency_decision(
        actor=r.user, decision=decision, meeting=m, note=data["note"]
    )


def _edit_minutes(r, m, data, v):
    minutes = _minutes(m)
    services.edit_minutes(
        actor=r.user,
        minutes=minutes,
        body=[dict(p) for p in data["body"]],
        title=data.get("title", ""),
    )


# name → (policy verb, input, perform(request, meeting, data, version))
MEETING_ACTIONS: dict[str, tuple[str, Any, Any]] = {
    "submit": (
        "manage",
        s.MeetingEmptyInput,
        lambda r, m, d, v: services.submit_meeting(actor=r.user, meeting=m, expected_version=v),
    ),
    "approve": (
        "approve",
        s.MeetingEmptyInput,
        lambda r, m, d, v: services.approve_meeting(actor=r.user, meeting=m, expected_version=v),
    ),
    "cancel": (
        "manage",
        s.MeetingReasonInput,
        lambda r, m, d, v: services.cancel_meeting(
            actor=r.user, meeting=m, expected_version=v, **d
        ),
    ),
    "agenda": (
        "manage",
        s.AgendaInput,
        lambda r, m, d, v: services.add_agenda_item(
            actor=r.user, meeting=m, expected_version=v, **d
        ),
    ),
    "schedule-topic": (
        "manage",
        s.ScheduleInput,
        lambda r, m, d, v: services.schedule_topic(
            actor=r.user, meeting=m, expected_version=v, **d
        ),
    ),
    "participants": ("manage", s.ParticipantsInput, _participants),
    "department-reports": (
        "manage",
        s.DepartmentReportsInput,
        lambda r, m, d, v: services.schedule_department_reports(
            actor=r.user, meeting=m, expected_version=v, **d
        ),
    ),
    "leave": ("attend", s.LeaveInput, _leave),
    "decide-leave": ("decide_leave", s.DecideLeaveInput, _decide_leave),
    "attendance": ("manage", s.AttendanceInput, _attendance),
    "hold": (
        "manage",
        s.MeetingEmptyInput,
        lambda r, m, d, v: services.hold_meeting(actor=r.user, meeting=m, expected_version=v),
    ),
    "decisions": (
        "manage",
        s.DecisionRecordInput,
        lambda r, m, d, v: services.record_decision(actor=r.user, meeting=m, **d),
    ),
    "written-opinion": (
        "attend",
        s.OpinionTextInput,
        lambda r, m, d, v: services.add_written_opinion(actor=r.user, meeting=m, **d),
    ),
    "materials-returned": (
        "manage",
        s.ParticipantRef,
        lambda r, m, d, v: services.return_materials(
            actor=r.user, participant=_seat(m, d["participant"])
        ),
    ),
    "news": ("manage", s.NewsInput, _news),
    "report-emergency": ("manage", s.EmergencyReportInput, _report_emergency),
    "draft-minutes": (
        "manage",
        s.MeetingEmptyInput,
        lambda r, m, d, v: services.draft_minutes(actor=r.user, meeting=m),
    ),
    "edit-minutes": ("manage", s.MinutesInput, _edit_minutes),
    "submit-minutes": (
        "manage",
        s.MeetingEmptyInput,
        lambda r, m, d, v: services.submit_minutes(actor=r.user, minutes=_minutes(m)),
    ),
    "send-back-minutes": (
        "send_back",
        s.MeetingReasonInput,
        lambda r, m, d, v: services.send_back_minutes(actor=r.user, minutes=_minutes(m), **d),
    ),
    "sign-minutes": (
        "sign",
        s.MeetingEmptyInput,
        lambda r, m, d, v: services.sign_minutes(actor=r.user, minutes=_minutes(m)),
    ),
}


class MeetingViewSet(PolicyViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    policy = MeetingPolicy()
    serializer_class = s.MeetingSerializer
    filterset_class = MeetingFilterSet
    filter_backends = [DjangoFilterBackend]
    pagination_class = MeetingPagination
    select_related = ("presiding", "organiser")

    def get_queryset(self):
        qs = super().get_queryset()
        if self.action != "list":
            qs = qs.prefetch_related(
                "agenda__speaker",
                "agenda__topic",
                "participants__person",
                "participants__substitute",
                "participants__leave_requests__substitute",
            )
        return qs

    def get_serializer_class(self):
        if self.action == "retrieve":
            return s.MeetingDetailSerializer
        if self.action == "create":
            return s.MeetingCreateInput
        return super().get_serializer_class()

    def meeting_response(self, meeting, code=status.HTTP_200_OK) -> Response:
        meeting = self.get_queryset().get(pk=meeting.pk)
        response = Response(s.MeetingDetailSerializer(meeting).data, status=code)
        response["ETag"] = meeting.etag
        return response

    @extend_schema(request=s.MeetingCreateInput, responses={201: s.MeetingDetailSerializer})
    def create(self, request, *args, **kwargs):
        self.check_verb("create")
        data = _validated(request, s.MeetingCreateInput)
        meeting = services.create_meeting(actor=request.user, **data)
        return self.meeting_response(meeting, status.HTTP_201_CREATED)

    @extend_schema(
        responses={(200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY)}
    )
    @action(detail=True, methods=["get"], url_path="minutes-docx")
    def minutes_docx(self, request, uuid=None):
        """The 纪要 (GB/T 9704 minutes layout), .docx: as signed and filed, or the draft."""
        from ..views import minutes_docx

        return minutes_docx(_minutes(self.get_object()))

    def run_action(self, request, name: str) -> Response:
        verb, input_class, perform = MEETING_ACTIONS[name]
        meeting = self.get_object()
        self.check_verb(verb, meeting)
        version = self.expected_version(meeting) if request.headers.get("If-Match") else None
        perform(request, meeting, _validated(request, input_class), version)
        return self.meeting_response(meeting)


add_action_endpoints(
    MeetingViewSet,
    {name: spec[1] for name, spec in MEETING_ACTIONS.items()},
    s.MeetingDetailSerializer,
)


# --- topics ------------------------------------------------------------------------------
def _material(r, t, d, v):
    services.add_topic_material(
        actor=r.user,
        topic=t,
        title=d["title"],
        file=d.get("file"),
        confidential=d["confidential"],
    )


TOPIC_ACTIONS: dict[str, tuple[str, Any, Any]] = {
    "materials": ("add_material", s.MaterialInput, _material),
    "request": (
        "request",
        s.MeetingEmptyInput,
        lambda r, t, d, v: services.request_topic(actor=r.user, topic=t, expected_version=v),
    ),
    "prerequisites": (
        "record",
        s.PrerequisiteInput,
        lambda r, t, d, v: services.record_prerequisite(actor=r.user, topic=t, **d),
    ),
    "congress-report": (
        "record",
        s.CongressReportInput,
        lambda r, t, d, v: services.record_congress_report(actor=r.user, topic=t, **d),
    ),
    "propose": (
        "review",
        s.TopicOpinionInput,
        lambda r, t, d, v: services.propose_topic(actor=r.user, topic=t, expected_version=v, **d),
    ),
    "approve": (
        "approve",
        s.MeetingEmptyInput,
        lambda r, t, d, v: services.approve_topic(actor=r.user, topic=t, expected_version=v),
    ),
    "return": (
        "return",
        s.MeetingReasonInput,
        lambda r, t, d, v: services.return_topic(actor=r.user, topic=t, expected_version=v, **d),
    ),
    "withdraw": (
        "withdraw",
        s.MeetingEmptyInput,
        lambda r, t, d, v: services.withdraw_topic(actor=r.user, topic=t, expected_version=v),
    ),
}


class TopicViewSet(PolicyViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    policy = TopicPolicy()
    serializer_class = s.TopicSerializer
    filterset_class = TopicFilterSet
    filter_backends = [DjangoFilterBackend]
    pagination_class = TopicPagination
    select_related = ("lead_unit", "requested_by", "reviewer", "meeting")
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_serializer_class(self):
        if self.action == "retrieve":
            return s.TopicDetailSerializer
        if self.action in ("create", "partial_update"):
            return s.TopicInput
        return super().get_serializer_class()

    def topic_response(self, topic, code=status.HTTP_200_OK) -> Response:
        topic = self.get_queryset().prefetch_related("materials").get(pk=topic.pk)
        response = Response(s.TopicDetailSerializer(topic).data, status=code)
        response["ETag"] = topic.etag
        return response

    @extend_schema(request=s.TopicInput, responses={201: s.TopicDetailSerializer})
    def create(self, request, *args, **kwargs):
        self.check_verb("create")
        topic = services.save_topic(actor=request.user, **_validated(request, s.TopicInput))
        return self.topic_response(topic, status.HTTP_201_CREATED)

    @extend_schema(request=s.TopicInput, responses=s.TopicDetailSerializer)
    def partial_update(self, request, *args, **kwargs):
        """Correct a draft or returned topic (If-Match required)."""
        topic = self.get_object()
        self.check_verb("edit", topic)
        version = self.expected_version(topic)
        serializer = s.TopicInput(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.save_topic(
            actor=request.user, topic=topic, expected_version=version, **serializer.validated_data
        )
        return self.topic_response(topic)

    def run_action(self, request, name: str) -> Response:
        verb, input_class, perform = TOPIC_ACTIONS[name]
        topic = self.get_object()
        self.check_verb(verb, topic)
        version = self.expected_version(topic) if request.headers.get("If-Match") else None
        perform(request, topic, _validated(request, input_class), version)
        return self.topic_response(topic)


add_action_endpoints(
    TopicViewSet, {name: spec[1] for name, spec in TOPIC_ACTIONS.items()}, s.TopicDetailSerializer
)


# --- the annual plan (MTG-8) -------------------------------------------------------------
class PlanEntryViewSet(PolicyViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    policy = PlanEntryPolicy()
    serializer_class = s.PlanEntrySerializer
    pagination_class = PlanPagination
    select_related = ("plan", "unit", "leader")

    def get_queryset(self):
        qs = super().get_queryset()
        year = self.request.query_params.get("year")
        if year and year.isdigit():
            qs = qs.filter(plan__year=int(year))
        return qs

    def get_serializer_class(self):
        if self.action == "create":
            return s.PlanEntryInput
        return super().get_serializer_class()

    @extend_schema(request=s.PlanEntryInput, responses={201: s.PlanEntrySerializer})
    def create(self, request, *args, **kwargs):
        """A department proposes next year's class 1 or 2 meeting."""
        self.check_verb("propose")
        entry = services.propose_plan_entry(
            actor=request.user, **_validated(request, s.PlanEntryInput)
        )
        return Response(s.PlanEntrySerializer(entry).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.MeetingEmptyInput, responses=s.PlanEntrySerializer)
    @action(detail=True, methods=["post"])
    def endorse(self, request, uuid=None):
        """The deputy head in charge of the unit agrees."""
        entry = self.get_object()
        self.check_verb("endorse", entry)
        services.endorse_plan_entry(actor=request.user, entry=entry)
        entry.refresh_from_db()
        return Response(s.PlanEntrySerializer(entry).data)

    @extend_schema(request=s.PlanChangeInput, responses=s.PlanEntrySerializer)
    @action(detail=True, methods=["post"])
    def change(self, request, uuid=None):
        """Change or drop a planned meeting, with a written explanation."""
        entry = self.get_object()
        self.check_verb("change", entry)
        services.change_plan_entry(
            actor=request.user, entry=entry, **_validated(request, s.PlanChangeInput)
        )
        entry.refresh_from_db()
        return Response(s.PlanEntrySerializer(entry).data)

    @extend_schema(request=s.CompileInput, responses=s.CompileResult)
    @action(detail=False, methods=["post"])
    def compile(self, request):
        """The office compiles the endorsed entries into the year's plan."""
        self.check_verb("compile")
        year = _validated(request, s.CompileInput)["year"]
        plan = AnnualPlan.objects.filter(year=year).first()
        if plan is None:
            raise Http404
        count = services.compile_plan(actor=request.user, plan=plan)
        return Response({"year": year, "entries": count})


# --- MTG-6: emergency decisions --------------------------------------------------------------
class EmergencyPagination(BigListPagination):
    ordering = ("-decided_at", "-id")
    page_size = 20


class EmergencyDecisionViewSet(
    PolicyViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet
):
    """A leader's emergency decision (临机处置), recorded by the office; reported at the
    next meeting of its body (``report-emergency`` on the meeting)."""

    policy = EmergencyDecisionPolicy()
    serializer_class = s.EmergencyDecisionSerializer
    pagination_class = EmergencyPagination
    select_related = ("decided_by", "meeting")

    def get_queryset(self):
        qs = super().get_queryset()
        state = self.request.query_params.get("state")
        return qs.filter(state=state) if state else qs

    @extend_schema(request=s.EmergencyDecisionInput, responses={201: s.EmergencyDecisionSerializer})
    def create(self, request, *args, **kwargs):
        self.check_verb("create")
        decision = services.record_emergency_decision(
            actor=request.user, **_validated(request, s.EmergencyDecisionInput)
        )
        return Response(
            s.EmergencyDecisionSerializer(decision).data, status=status.HTTP_201_CREATED
        )


# --- MTG-2: outgoing documents on matters of 三重一大 -------------------------------------
class DocumentMatterView(APIView):
    """GET: the document's 三重一大 mark, its topic and its MTG-2 flags; PUT: mark it and
    link the topic a collective meeting decided it on (empty ``major_matter`` removes
    the mark)."""

    def _document(self, request, uuid):
        from zhongshu.outgoing.policies import OutgoingPolicy

        document = OutgoingPolicy().visible_to(request.user).filter(uuid=uuid).first()
        if document is None:
            raise exceptions.NotFound()
        return document

    def _answer(self, document) -> Response:
        from .. import integration
        from ..models import DocumentMatter

        matter = DocumentMatter.objects.filter(document=document).select_related("topic").first()
        return Response(
            {
                "document": document.uuid,
                "major_matter": matter.major_matter if matter else "",
                "topic": matter.topic.uuid if matter and matter.topic else None,
                "flags": [v.as_dict() for v in integration.document_flags(document)],
            }
        )

    @extend_schema(responses=s.DocumentMatterSerializer)
    def get(self, request, uuid):
        return self._answer(self._document(request, uuid))

    @extend_schema(request=s.DocumentMatterInput, responses=s.DocumentMatterSerializer)
    def put(self, request, uuid):
        document = self._document(request, uuid)
        if not DocumentMatterPolicy().can_mark(request.user, document):
            raise exceptions.PermissionDenied()
        data = _validated(request, s.DocumentMatterInput)
        topic = None
        if data["topic"]:
            topic = TopicPolicy().visible_to(request.user).filter(uuid=data["topic"]).first()
            if topic is None:
                raise exceptions.NotFound()
        services.mark_document_matter(
            actor=request.user, document=document, major_matter=data["major_matter"], topic=topic
        )
        return self._answer(document)
