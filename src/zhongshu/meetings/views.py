"""Pages of the meetings module (办会): meetings (list, calendar and its iCalendar feed,
scheduling, the meeting page with agenda, participants, leave, attendance and quorum,
decisions, minutes), topics (request, review, approval, scheduling, their decisions with
the live ledger status) and the annual plan. Views parse and render; every write is one
service call; a refusal shows its rule and 依据."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from zhongshu.framework.errors import ConflictError, RuleViolation, Violation
from zhongshu.framework.views import BusinessViewMixin, ServiceFormView, htmx_redirect

from . import calendar as meeting_calendar
from . import checks, integration, services
from .choices import Attendance, LeaveState, MeetingState, MinutesState, ParticipantRole
from .filtersets import MeetingFilterSet, TopicFilterSet
from .forms import (
    AgendaItemForm,
    CongressReportForm,
    DecisionForm,
    DepartmentReportsForm,
    LeaveForm,
    MaterialForm,
    MeetingBodyForm,
    MeetingForm,
    MinutesForm,
    NewsForm,
    OpinionForm,
    ParticipantsForm,
    PlanChangeForm,
    PlanEntryForm,
    PrerequisiteForm,
    ReasonForm,
    ScheduleTopicForm,
    TopicForm,
    WrittenOpinionForm,
    body_from_text,
    text_from_body,
)
from .models import AnnualPlan, LeaveRequest, Meeting, Minutes, Participant, PlanEntry, Topic
from .policies import MeetingPolicy, PlanEntryPolicy, TopicPolicy

MEETINGS = MeetingPolicy()
TOPICS = TopicPolicy()
PLAN = PlanEntryPolicy()
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
REFUSALS = "meetings_refusals"


# --- refusals: the message, its rule and the rule's 依据 ---------------------------------
def _refuse(request, violations: list[Violation]) -> None:
    stored = request.session.get(REFUSALS, [])
    stored += [{"rule": v.rule, "message": str(v.message)} for v in violations]
    request.session[REFUSALS] = stored


def _refusals(request) -> list[dict]:
    found = request.session.pop(REFUSALS, [])
    return [
        {**r, "basis": {"rule": r["rule"]} if r["rule"].startswith("MTG-") else None} for r in found
    ]


def _run(request, perform, done: str = "") -> bool:
    try:
        perform()
    except RuleViolation as exc:
        _refuse(request, exc.violations)
        return False
    except ConflictError as exc:
        messages.error(request, exc.message)
        return False
    messages.success(request, done or _("已办理。"))
    return True


def _version(request, obj) -> int:
    try:
        return int(request.POST.get("version") or obj.version)
    except ValueError:
        return obj.version


def _text(request, name: str) -> str:
    return request.POST.get(name, "").strip()


def _invalid(form) -> RuleViolation:
    found = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for error in errors:
            found.append(Violation(services.INVALID, f"{label}：{error}" if label else error))
    return RuleViolation(found)


def _valid(form):
    if not form.is_valid():
        raise _invalid(form)
    return form.cleaned_data


# --- meetings ----------------------------------------------------------------------------
def _meeting(request, uuid) -> Meeting:
    try:
        return (
            MEETINGS.visible_to(request.user)
            .select_related("presiding", "organiser", "approver", "plan_entry")
            .get(uuid=uuid)
        )
    except (Meeting.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


class MeetingListView(BusinessViewMixin, TemplateView):
    template_name = "meetings/meeting_list.html"

    def get_template_names(self):
        from zhongshu.framework.views import is_partial

        if is_partial(self.request):
            return ["meetings/_meeting_table.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from zhongshu.tracking.views_common import page_of

        context = super().get_context_data(**kwargs)
        qs = MEETINGS.visible_to(self.request.user).select_related("presiding", "organiser")
        filterset = MeetingFilterSet(self.request.GET or None, queryset=qs, request=self.request)
        page, querystring = page_of(self.request, filterset.qs.order_by("-starts_at", "-id"), 30)
        context.update(
            filterset=filterset,
            page_obj=page,
            object_list=page.object_list,
            querystring=querystring,
            can_create=MEETINGS.can_create(self.request.user),
        )
        return context


class MeetingCreateView(ServiceFormView):
    form_class = MeetingForm
    policy = MEETINGS
    verb = "create"
    template_name = "meetings/meeting_form.html"

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        person = getattr(self.request.user, "person", None)
        if self.request.method != "POST" and person is not None:
            start = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
            start += dt.timedelta(days=7)
            kwargs["initial"] = {
                "organiser": person.unit_id,
                "starts_at": start,
                "ends_at": start + dt.timedelta(hours=3),
                "presiding": services.head(),
            }
        return kwargs

    def perform(self, form) -> str:
        meeting = services.create_meeting(actor=self.request.user, **form.cleaned_data)
        return reverse("meetings:meeting_detail", args=[meeting.uuid])


def decision_rows(decisions) -> list[dict]:
    """Each decision with the ledger item that tracks it (its live colour, state, due)."""
    decisions = list(decisions)
    items = integration.ledger_items(decisions)
    return [{"decision": d, "item": items.get(d.pk)} for d in decisions]


class MeetingDetailView(BusinessViewMixin, TemplateView):
    template_name = "meetings/meeting_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        meeting = _meeting(self.request, self.kwargs["uuid"])
        roles = list(ParticipantRole.values)  # members, attendees, participants, staff
        participants = sorted(
            meeting.participants.select_related("person", "substitute").prefetch_related(
                "leave_requests__substitute"
            ),
            key=lambda p: (roles.index(p.role), p.pk),
        )
        agenda = list(meeting.agenda.select_related("speaker", "topic"))
        present, members = checks.member_counts(meeting)
        minutes = Minutes.objects.filter(meeting=meeting).select_related("signed_by").first()
        can = {
            verb: MEETINGS.can(user, verb, meeting)
            for verb in (
                "manage",
                "approve",
                "preside",
                "sign",
                "send_back",
                "attend",
                "decide_leave",
            )
        }
        mine = [
            p
            for p in participants
            if p.person_id and p.person_id == getattr(user.person, "pk", None)
        ]
        pending_leave = [
            lr
            for p in participants
            for lr in p.leave_requests.all()
            if lr.state == LeaveState.REQUESTED
        ]
        decisions = decision_rows(
            meeting.decisions.select_related("responsible_unit", "topic", "supervising_section")
        )
        context.update(
            object=meeting,
            meeting=meeting,
            agenda=agenda,
            participants=participants,
            members=[p for p in participants if p.role == ParticipantRole.MEMBER],
            others=[p for p in participants if p.role != ParticipantRole.MEMBER],
            present=present,
            member_count=members,
            quorum_needed=checks.quorum_needed(members) if members else 0,
            quorum_problems=checks.quorum(meeting),
            cap=checks.participant_cap(meeting),
            warnings=checks.agenda_warnings(meeting, agenda)
            + [w for item in agenda if item.topic for w in checks.congress_warnings(item.topic)],
            minutes=minutes,
            decisions=decisions,
            can=can,
            my_seat=mine[0] if mine else None,
            pending_leave=pending_leave,
            refusals=_refusals(self.request),
            opinions=meeting.written_opinions.select_related("person", "topic"),
            agenda_form=AgendaItemForm(),
            schedule_form=ScheduleTopicForm(meeting=meeting),
            participants_form=ParticipantsForm(),
            leave_form=LeaveForm(),
            decision_form=DecisionForm(meeting=meeting),
            opinion_form=WrittenOpinionForm(),
            reports_form=_reports_form(meeting, can["manage"]),
            news_form=NewsForm(
                initial={"text": meeting.news_text, "seconds": meeting.news_seconds}
            ),
            news_warnings=_news_warnings(meeting),
            emergency=meeting_emergency(meeting, can["manage"]),
            reason_form=ReasonForm(),
            state=MeetingState,
            minutes_state=MinutesState,
            attendance=Attendance,
        )
        return context


def _news_warnings(meeting: Meeting) -> list[dict]:
    """MTG-16: the saved news draft against the presiding leader's limits."""
    from .choices import MeetingType

    if meeting.type == MeetingType.HEAD_OFFICE or not (meeting.news_text or meeting.news_seconds):
        return []
    found = checks.news_warnings(meeting, meeting.news_text, meeting.news_seconds)
    return [{**v.as_dict(), "basis": {"rule": v.rule}} for v in found]


def meeting_emergency(meeting: Meeting, can_manage: bool) -> dict[str, Any]:
    from .views_matters import meeting_emergency as panel

    return panel(meeting, can_manage)


def _reports_form(meeting: Meeting, can_manage: bool) -> DepartmentReportsForm | None:
    """MTG-18 (city profile): the executive meeting's quarterly department reports."""
    from zhongshu.rules import catalogue

    from .choices import MeetingType

    if not (
        can_manage
        and meeting.type == MeetingType.EXECUTIVE
        and meeting.state in (MeetingState.DRAFT, MeetingState.SUBMITTED, MeetingState.APPROVED)
        and catalogue.is_enabled("MTG-18")
    ):
        return None
    return DepartmentReportsForm(initial={"units": services.suggest_reporters(meeting)})


def _participant(meeting: Meeting, request) -> Participant:
    try:
        return meeting.participants.select_related("person").get(
            uuid=request.POST.get("participant")
        )
    except (Participant.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def _minutes(meeting: Meeting) -> Minutes:
    try:
        return meeting.minutes
    except Minutes.DoesNotExist as exc:
        raise Http404 from exc


def _add_agenda(r, m):
    data = _valid(AgendaItemForm(r.POST))
    warnings = services.add_agenda_item(
        actor=r.user, meeting=m, expected_version=_version(r, m), **data
    )
    for w in warnings:
        messages.warning(r, w.text)


def _remove_agenda(r, m):
    item = m.agenda.filter(uuid=r.POST.get("item")).first()
    if item is None:
        raise Http404
    if item.topic_id:
        services.unschedule_topic(actor=r.user, topic=item.topic, expected_version=_version(r, m))
    else:
        services.remove_agenda_item(actor=r.user, item=item, expected_version=_version(r, m))


def _schedule(r, m):
    data = _valid(ScheduleTopicForm(r.POST, meeting=m))
    services.schedule_topic(
        actor=r.user,
        topic=data["topic"],
        meeting=m,
        minutes=data["minutes"],
        urgent_reason=data["urgent_reason"],
        expected_version=_version(r, m),
    )


def _department_reports(r, m):
    data = _valid(DepartmentReportsForm(r.POST))
    services.schedule_department_reports(
        actor=r.user, meeting=m, units=list(data["units"]), expected_version=_version(r, m)
    )


def _participants(r, m):
    form = ParticipantsForm(r.POST)
    data = _valid(form)
    services.add_participants(
        actor=r.user,
        meeting=m,
        people=list(data["people"]),
        names=form.names(),
        role=data["role"],
        expected_version=_version(r, m),
    )


def _leave(r, m):
    data = _valid(LeaveForm(r.POST))
    seat = m.participants.filter(person_id__in=_reach_people(r.user)).first()
    if seat is None:
        raise PermissionDenied
    services.request_leave(actor=r.user, participant=seat, **data)


def _reach_people(user) -> list[int]:
    from zhongshu.tracking.acting import reach_of

    return reach_of(user).person_ids


def _decide_leave(r, m):
    try:
        leave = LeaveRequest.objects.select_related("participant__meeting").get(
            uuid=r.POST.get("leave"), participant__meeting=m
        )
    except (LeaveRequest.DoesNotExist, ValueError) as exc:
        raise Http404 from exc
    services.decide_leave(
        actor=r.user,
        leave=leave,
        approve=r.POST.get("approve") == "1",
        substitute_approved=r.POST.get("substitute_approved") == "1",
    )


def _attendance(r, m):
    seat = _participant(m, r)
    substitute = None
    if r.POST.get("substitute") == "1":
        substitute = seat.substitute
    services.take_attendance(
        actor=r.user, participant=seat, present=r.POST.get("present") != "0", substitute=substitute
    )


def _decision(r, m):
    form = DecisionForm(r.POST, meeting=m)
    _valid(form)
    services.record_decision(actor=r.user, meeting=m, **form.to_kwargs())


def _opinion(r, m):
    data = _valid(WrittenOpinionForm(r.POST))
    services.add_written_opinion(actor=r.user, meeting=m, text=data["text"])


def _news(r, m):
    data = _valid(NewsForm(r.POST))
    for w in services.save_news(
        actor=r.user, meeting=m, text=data["text"] or "", seconds=data["seconds"] or 0
    ):
        messages.warning(r, w.text)


def _returned(r, m):
    services.return_materials(actor=r.user, participant=_participant(m, r))


MEETING_ACTIONS: dict[str, tuple[str, Any]] = {
    "submit": (
        "manage",
        lambda r, m: services.submit_meeting(
            actor=r.user, meeting=m, expected_version=_version(r, m)
        ),
    ),
    "approve": (
        "approve",
        lambda r, m: services.approve_meeting(
            actor=r.user, meeting=m, expected_version=_version(r, m)
        ),
    ),
    "cancel": (
        "manage",
        lambda r, m: services.cancel_meeting(
            actor=r.user, meeting=m, reason=_text(r, "reason"), expected_version=_version(r, m)
        ),
    ),
    "agenda": ("manage", _add_agenda),
    "remove_agenda": ("manage", _remove_agenda),
    "schedule": ("manage", _schedule),
    "participants": ("manage", _participants),
    "department_reports": ("manage", _department_reports),
    "leave": ("attend", _leave),
    "decide_leave": ("decide_leave", _decide_leave),
    "attendance": ("manage", _attendance),
    "hold": (
        "manage",
        lambda r, m: services.hold_meeting(
            actor=r.user, meeting=m, expected_version=_version(r, m)
        ),
    ),
    "decision": ("manage", _decision),
    "opinion": ("attend", _opinion),
    "returned": ("manage", _returned),
    "news": ("manage", _news),
    "draft_minutes": ("manage", lambda r, m: services.draft_minutes(actor=r.user, meeting=m)),
    "submit_minutes": (
        "manage",
        lambda r, m: services.submit_minutes(
            actor=r.user, minutes=_minutes(m), expected_version=_version(r, _minutes(m))
        ),
    ),
    "send_back_minutes": (
        "send_back",
        lambda r, m: services.send_back_minutes(
            actor=r.user, minutes=_minutes(m), reason=_text(r, "reason")
        ),
    ),
    "sign_minutes": ("sign", lambda r, m: services.sign_minutes(actor=r.user, minutes=_minutes(m))),
}


class MeetingActionView(BusinessViewMixin, View):
    """POST one action of the meeting page; a refusal comes back with its rule."""

    def post(self, request, uuid, action):
        if action not in MEETING_ACTIONS:
            raise Http404
        meeting = _meeting(request, uuid)
        verb, perform = MEETING_ACTIONS[action]
        if not MEETINGS.can(request.user, verb, meeting):
            raise PermissionDenied
        _run(request, lambda: perform(request, meeting))
        return htmx_redirect(request, reverse("meetings:meeting_detail", args=[meeting.uuid]))


class MinutesEditView(ServiceFormView):
    form_class = MinutesForm
    policy = MEETINGS
    verb = "manage"
    template_name = "meetings/minutes_form.html"

    def get_object(self):
        return _meeting(self.request, self.kwargs["uuid"])

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        minutes = _minutes(self.object)
        if self.request.method != "POST":
            kwargs["initial"] = {"title": minutes.title, "body_text": text_from_body(minutes.body)}
        return kwargs

    def perform(self, form) -> str:
        minutes = _minutes(self.object)
        services.edit_minutes(
            actor=self.request.user,
            minutes=minutes,
            title=form.cleaned_data["title"],
            body=body_from_text(form.cleaned_data["body_text"]),
            expected_version=_version(self.request, minutes),
        )
        return reverse("meetings:meeting_detail", args=[self.object.uuid])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["minutes"] = _minutes(self.object)
        return context


def attachment(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def minutes_docx(minutes: Minutes) -> HttpResponse:
    """The signed 纪要 as filed; a draft rendered as it stands."""
    if minutes.state == MinutesState.SIGNED and minutes.document:
        with minutes.document.open("rb") as handle:
            data = handle.read()
    else:
        data = integration.render_minutes(minutes)
    return attachment(data, DOCX, f"{minutes.title}.docx")


class MinutesDownloadView(BusinessViewMixin, View):
    def get(self, request, uuid):
        return minutes_docx(_minutes(_meeting(request, uuid)))


# --- the calendar and its iCalendar feed --------------------------------------------------
class CalendarView(BusinessViewMixin, TemplateView):
    template_name = "meetings/calendar.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        view = "month" if self.request.GET.get("view") == "month" else "week"
        day = meeting_calendar.parse_day(self.request.GET.get("day"))
        qs = MEETINGS.visible_to(self.request.user)
        leader = self.request.GET.get("leader") or ""
        room = self.request.GET.get("room") or ""
        grid = meeting_calendar.grid(qs, view, day, leader=leader, room=room)
        context.update(
            grid,
            view=view,
            leader=leader,
            room=room,
            leaders=meeting_calendar.leaders(grid),
            rhythm=checks.rhythm(day) if view == "month" else [],
            rooms=meeting_calendar.rooms(grid, room),
        )
        return context


class CalendarFeedView(BusinessViewMixin, View):
    """iCalendar (RFC 5545) of the meetings the user may see, from 30 days back."""

    def get(self, request):
        qs = MEETINGS.visible_to(request.user).select_related("presiding")
        body = meeting_calendar.ics(qs, request.build_absolute_uri("/"))
        return HttpResponse(body, content_type="text/calendar; charset=utf-8")


# --- topics ------------------------------------------------------------------------------
def _topic(request, uuid) -> Topic:
    try:
        return (
            TOPICS.visible_to(request.user)
            .select_related(
                "lead_unit", "requested_by", "presenter", "reviewer", "approved_by", "meeting"
            )
            .get(uuid=uuid)
        )
    except (Topic.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


class TopicListView(BusinessViewMixin, TemplateView):
    template_name = "meetings/topic_list.html"

    def get_template_names(self):
        from zhongshu.framework.views import is_partial

        if is_partial(self.request):
            return ["meetings/_topic_table.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from zhongshu.tracking.views_common import page_of

        context = super().get_context_data(**kwargs)
        qs = TOPICS.visible_to(self.request.user).select_related("lead_unit", "meeting", "reviewer")
        filterset = TopicFilterSet(self.request.GET or None, queryset=qs, request=self.request)
        page, querystring = page_of(self.request, filterset.qs.order_by("-id"), 30)
        context.update(
            filterset=filterset,
            page_obj=page,
            object_list=page.object_list,
            querystring=querystring,
            can_create=TOPICS.can_create(self.request.user),
        )
        return context


class TopicCreateView(ServiceFormView):
    form_class = TopicForm
    policy = TOPICS
    verb = "create"
    template_name = "meetings/topic_form.html"

    def perform(self, form) -> str:
        topic = services.save_topic(actor=self.request.user, **form.cleaned_data)
        return reverse("meetings:topic_detail", args=[topic.uuid])


class TopicEditView(ServiceFormView):
    form_class = TopicForm
    policy = TOPICS
    verb = "edit"
    template_name = "meetings/topic_form.html"

    def get_object(self):
        return _topic(self.request, self.kwargs["uuid"])

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        if self.request.method != "POST":
            kwargs["initial"] = TopicForm.initial_of(self.object)
        return kwargs

    def perform(self, form) -> str:
        services.save_topic(
            actor=self.request.user,
            topic=self.object,
            expected_version=_version(self.request, self.object),
            **form.cleaned_data,
        )
        return reverse("meetings:topic_detail", args=[self.object.uuid])


class TopicDetailView(BusinessViewMixin, TemplateView):
    template_name = "meetings/topic_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        topic = _topic(self.request, self.kwargs["uuid"])
        verbs = (
            "edit",
            "request",
            "add_material",
            "withdraw",
            "record",
            "review",
            "approve",
            "return",
        )
        done = {r.kind: r for r in topic.prerequisites.select_related("recorded_by")}
        from .choices import Prerequisite

        context.update(
            object=topic,
            topic=topic,
            can={verb: TOPICS.can(user, verb, topic) for verb in verbs},
            materials=topic.materials.all(),
            prerequisites=[
                {"kind": k, "label": Prerequisite(k).label, "record": done.get(k)}
                for k in topic.required
                if k in Prerequisite.values
            ],
            decisions=decision_rows(
                topic.decisions.select_related("responsible_unit", "meeting", "supervising_section")
            ),
            refusals=_refusals(self.request),
            warnings=checks.congress_warnings(topic),
            congress_form=CongressReportForm(),
            material_form=MaterialForm(),
            prerequisite_form=PrerequisiteForm(),
            opinion_form=OpinionForm(),
            reason_form=ReasonForm(),
        )
        return context


def _material(r, t):
    data = _valid(MaterialForm(r.POST, r.FILES))
    services.add_topic_material(
        actor=r.user,
        topic=t,
        title=data["title"],
        file=data["file"],
        confidential=data["confidential"],
    )


def _prerequisite(r, t):
    data = _valid(PrerequisiteForm(r.POST))
    services.record_prerequisite(actor=r.user, topic=t, **data)


def _congress(r, t):
    data = _valid(CongressReportForm(r.POST))
    services.record_congress_report(actor=r.user, topic=t, **data)


TOPIC_ACTIONS: dict[str, tuple[str, Any]] = {
    "congress": ("record", _congress),
    "material": ("add_material", _material),
    "request": (
        "request",
        lambda r, t: services.request_topic(actor=r.user, topic=t, expected_version=_version(r, t)),
    ),
    "prerequisite": ("record", _prerequisite),
    "propose": (
        "review",
        lambda r, t: services.propose_topic(
            actor=r.user, topic=t, opinion=_text(r, "opinion"), expected_version=_version(r, t)
        ),
    ),
    "approve": (
        "approve",
        lambda r, t: services.approve_topic(actor=r.user, topic=t, expected_version=_version(r, t)),
    ),
    "return": (
        "return",
        lambda r, t: services.return_topic(
            actor=r.user, topic=t, reason=_text(r, "reason"), expected_version=_version(r, t)
        ),
    ),
    "withdraw": (
        "withdraw",
        lambda r, t: services.withdraw_topic(
            actor=r.user, topic=t, expected_version=_version(r, t)
        ),
    ),
}


class TopicActionView(BusinessViewMixin, View):
    def post(self, request, uuid, action):
        if action not in TOPIC_ACTIONS:
            raise Http404
        topic = _topic(request, uuid)
        verb, perform = TOPIC_ACTIONS[action]
        if not TOPICS.can(request.user, verb, topic):
            raise PermissionDenied
        _run(request, lambda: perform(request, topic))
        return htmx_redirect(request, reverse("meetings:topic_detail", args=[topic.uuid]))


# --- the annual plan (MTG-8) -------------------------------------------------------------
def plan_year(request) -> int:
    try:
        return int(request.GET.get("year") or request.POST.get("year") or 0) or (
            timezone.localdate().year + 1
        )
    except ValueError:
        return timezone.localdate().year + 1


class PlanView(BusinessViewMixin, TemplateView):
    template_name = "meetings/plan.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        year = plan_year(self.request)
        plan = AnnualPlan.objects.filter(year=year).first()
        entries = list(
            PLAN.visible_to(user)
            .filter(plan__year=year)
            .select_related("unit", "leader", "endorsed_by")
            .order_by("month", "id")
        )
        context.update(
            year=year,
            plan=plan,
            rows=[{"entry": e, "can_endorse": PLAN.can_endorse(user, e)} for e in entries],
            can_propose=PLAN.can_propose(user) and (plan is None or plan.state == "collecting"),
            can_compile=PLAN.can_compile(user) and plan is not None and plan.state == "collecting",
            can_change=PLAN.can_change(user),
            entry_form=PlanEntryForm(initial={"unit": getattr(user.person, "unit_id", None)}),
            change_form=PlanChangeForm(),
            refusals=_refusals(self.request),
        )
        return context


def _entry(request) -> PlanEntry:
    try:
        return (
            PLAN.visible_to(request.user).select_related("unit").get(uuid=request.POST.get("entry"))
        )
    except (PlanEntry.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


class PlanActionView(BusinessViewMixin, View):
    def post(self, request, action):
        year = plan_year(request)
        user = request.user
        if action == "propose":
            if not PLAN.can_propose(user):
                raise PermissionDenied
            form = PlanEntryForm(request.POST)
            _run(
                request, lambda: services.propose_plan_entry(actor=user, year=year, **_valid(form))
            )
        elif action == "endorse":
            entry = _entry(request)
            if not PLAN.can_endorse(user, entry):
                raise PermissionDenied
            _run(request, lambda: services.endorse_plan_entry(actor=user, entry=entry))
        elif action == "compile":
            if not PLAN.can_compile(user):
                raise PermissionDenied
            plan = AnnualPlan.objects.filter(year=year).first()
            if plan is None:
                raise Http404
            _run(request, lambda: services.compile_plan(actor=user, plan=plan))
        elif action in ("change", "drop"):
            entry = _entry(request)
            if not PLAN.can_change(user, entry):
                raise PermissionDenied
            form = PlanChangeForm(request.POST)

            def change():
                data = _valid(form)
                services.change_plan_entry(
                    actor=user,
                    entry=entry,
                    reason=data["reason"],
                    month=data.get("month"),
                    drop=action == "drop",
                )

            _run(request, change)
        else:
            raise Http404
        return htmx_redirect(request, f"{reverse('meetings:plan')}?year={year}")


# --- meeting bodies (MTG-1) --------------------------------------------------------------
class MeetingBodiesView(BusinessViewMixin, TemplateView):
    """The members and standing attendees of each government meeting type; the quorum
    and rhythm beside them come from the rule catalogue."""

    template_name = "meetings/bodies.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from zhongshu.rules import catalogue

        from .choices import GOVERNMENT_TYPES
        from .models import MeetingBody

        context = super().get_context_data(**kwargs)
        bodies = {
            b.type: b
            for b in MeetingBody.objects.select_related("convener").prefetch_related(
                "members", "standing_attendees"
            )
        }
        rows = []
        for type_ in GOVERNMENT_TYPES:
            body = bodies.get(type_)
            initial = (
                {
                    "convener": body.convener_id,
                    "members": list(body.members.all()),
                    "standing_attendees": list(body.standing_attendees.all()),
                }
                if body
                else {}
            )
            rows.append(
                {
                    "type": type_,
                    "label": type_.label,
                    "body": body,
                    "form": MeetingBodyForm(initial=initial, prefix=type_.value),
                }
            )
        context.update(
            rows=rows,
            can_manage=MEETINGS.can_create(self.request.user),
            quorum=catalogue.param("MTG-1", "quorum"),
            personnel_quorum=catalogue.param("MTG-1", "personnel_quorum"),
            rhythm=checks.rhythm(timezone.localdate()),
            refusals=_refusals(self.request),
        )
        return context


class MeetingBodyActionView(BusinessViewMixin, View):
    def post(self, request, type):
        from .choices import GOVERNMENT_TYPES

        if type not in GOVERNMENT_TYPES:
            raise Http404
        if not MEETINGS.can_create(request.user):
            raise PermissionDenied
        form = MeetingBodyForm(request.POST, prefix=type)

        def save():
            data = _valid(form)
            services.set_meeting_body(
                actor=request.user,
                type=type,
                members=list(data["members"]),
                standing_attendees=list(data["standing_attendees"]),
                convener=data["convener"],
            )

        _run(request, save)
        return htmx_redirect(request, reverse("meetings:bodies"))
