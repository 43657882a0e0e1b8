"""Pages of MTG-2 on outgoing documents (mark a document 三重一大 and link the topic a
collective meeting decided it on) and MTG-6 emergency decisions (recorded, flagged on
the next meeting of the body until reported there)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from zhongshu.framework.views import BusinessViewMixin

from . import checks, integration, services
from .choices import EmergencyState, MeetingState, TopicState
from .forms import DocumentMatterForm, EmergencyDecisionForm, EmergencyReportForm
from .models import DocumentMatter
from .policies import DocumentMatterPolicy, EmergencyDecisionPolicy
from .views import MEETINGS, TOPICS, _meeting, _refusals, _run, _valid, _version

MATTERS = DocumentMatterPolicy()
EMERGENCY = EmergencyDecisionPolicy()


# --- MTG-2 -------------------------------------------------------------------------------
def _document(request, uuid):
    from zhongshu.outgoing.policies import OutgoingPolicy

    document = OutgoingPolicy().visible_to(request.user).filter(uuid=uuid).first()
    if document is None:
        raise Http404
    if not MATTERS.can_mark(request.user, document):
        raise PermissionDenied
    return document


def decided_topics(user):
    """Topics the user sees that are on, or were decided at, a collective meeting."""
    return (
        TOPICS.visible_to(user)
        .filter(
            state__in=[TopicState.SCHEDULED, TopicState.DECIDED],
            meeting__type__in=integration.COLLECTIVE_TYPES,
        )
        .select_related("meeting")
        .order_by("-meeting__starts_at", "-id")
    )


class DocumentMatterView(BusinessViewMixin, View):
    """GET: the form; POST: mark the document (a refusal comes back with its rule)."""

    template_name = "meetings/document_matter.html"

    def get(self, request, uuid):
        document = _document(request, uuid)
        matter = DocumentMatter.objects.filter(document=document).select_related("topic").first()
        initial = {}
        if matter is not None:
            initial = {"major_matter": matter.major_matter, "topic": matter.topic}
        form = DocumentMatterForm(initial=initial, topics=decided_topics(request.user)[:200])
        return self.page(request, document, form)

    def post(self, request, uuid):
        document = _document(request, uuid)
        form = DocumentMatterForm(request.POST, topics=decided_topics(request.user))

        def perform():
            data = _valid(form)
            services.mark_document_matter(
                actor=request.user,
                document=document,
                major_matter=data["major_matter"],
                topic=data["topic"],
            )

        if _run(request, perform, _("已保存。")):
            return HttpResponseRedirect(reverse("outgoing:detail", args=[document.uuid]))
        return HttpResponseRedirect(request.path)

    def page(self, request, document, form):
        flags = integration.document_flags(document)
        return render(
            request,
            self.template_name,
            {
                "document": document,
                "form": form,
                "flags": [{**f.as_dict(), "basis": {"rule": f.rule}} for f in flags],
                "refusals": _refusals(request),
            },
        )


# --- MTG-6 -------------------------------------------------------------------------------
def emergency_rows(decisions) -> list[dict]:
    """Each decision with the meeting it is due at (the first of its body after it, read
    for the whole page in one query) and its flag while pending."""
    from .models import Meeting

    decisions = list(decisions)
    pending = [d for d in decisions if d.state == EmergencyState.PENDING]
    upcoming: list = []
    if pending:
        upcoming = list(
            Meeting.objects.filter(
                type__in={d.meeting_type for d in pending},
                starts_at__gt=min(d.decided_at for d in pending),
            )
            .exclude(state=MeetingState.CANCELLED)
            .order_by("starts_at", "id")
            .only("uuid", "type", "title", "year", "sequence", "starts_at", "state")[:500]
        )
    rows = []
    for d in decisions:
        if d.state == EmergencyState.PENDING:
            due = next(
                (m for m in upcoming if m.type == d.meeting_type and m.starts_at > d.decided_at),
                None,
            )
            rows.append({"decision": d, "due_at": due, "flags": checks.emergency_flags(d)})
        else:
            rows.append({"decision": d, "due_at": d.meeting, "flags": []})
    return rows


class EmergencyListView(BusinessViewMixin, TemplateView):
    template_name = "meetings/emergency_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from zhongshu.tracking.views_common import page_of

        context = super().get_context_data(**kwargs)
        user = self.request.user
        qs = EMERGENCY.visible_to(user).select_related("decided_by", "meeting")
        state = self.request.GET.get("state", "")
        if state:
            qs = qs.filter(state=state)
        page, querystring = page_of(self.request, qs.order_by("-decided_at", "-id"), 20)
        context.update(
            page_obj=page,
            rows=emergency_rows(page.object_list),
            querystring=querystring,
            state=state,
            can_create=EMERGENCY.can_create(user),
            form=EmergencyDecisionForm(),
            refusals=_refusals(self.request),
        )
        return context

    def post(self, request):
        if not EMERGENCY.can_create(request.user):
            raise PermissionDenied
        form = EmergencyDecisionForm(request.POST)

        def perform():
            services.record_emergency_decision(actor=request.user, **_valid(form))

        _run(request, perform, _("已登记，待下次会议报告。"))
        return HttpResponseRedirect(reverse("meetings:emergency_list"))


class EmergencyReportView(BusinessViewMixin, View):
    """POST from the meeting page: the decision was reported at this meeting."""

    def post(self, request, uuid):
        meeting = _meeting(request, uuid)
        decision = (
            EMERGENCY.visible_to(request.user).filter(uuid=request.POST.get("decision")).first()
        )
        if decision is None:
            raise Http404
        if not (
            EMERGENCY.can_report(request.user, decision)
            and MEETINGS.can_manage(request.user, meeting)
        ):
            raise PermissionDenied
        form = EmergencyReportForm(request.POST)

        def perform():
            services.report_emergency_decision(
                actor=request.user,
                decision=decision,
                meeting=meeting,
                note=_valid(form)["note"],
                expected_version=_version(request, decision),
            )

        _run(request, perform, _("已登记会上报告。"))
        return HttpResponseRedirect(
            reverse("meetings:meeting_detail", args=[meeting.uuid]) + "#emergency"
        )


def meeting_emergency(meeting, can_manage: bool) -> dict[str, Any]:
    """The meeting page's MTG-6 panel: pending decisions of its body (flagged), those
    reported here, and whether the report can be recorded now."""
    pending = checks.pending_emergency(meeting)
    return {
        "pending": [
            {"decision": d, "flags": [_with_basis(f) for f in checks.emergency_flags(d)]}
            for d in pending
        ],
        "reported": list(meeting.emergency_reports.select_related("decided_by")),
        "can_report": can_manage and meeting.state in (MeetingState.HELD, MeetingState.CLOSED),
        "form": EmergencyReportForm(),
    }


def _with_basis(violation) -> dict[str, Any]:
    return {**violation.as_dict(), "basis": {"rule": violation.rule}}
