"""Pages: the list (filters, Excel), drafting (form, .docx import, route preview), the
document page with the action of the current step (usable on a phone), downloads of the
laid-out document, and the public page of issued public documents (no login)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from zhongshu.framework.errors import ConflictError, RuleViolation
from zhongshu.framework.views import (
    BusinessViewMixin,
    ObjectDetailView,
    ObjectListView,
    ServiceFormView,
    add_rule_errors,
    htmx_redirect,
    message_rule_errors,
)
from zhongshu.org.models import Unit

from . import hooks, printing, services
from .body import count_characters
from .choices import State, StepKind
from .filtersets import OutgoingFilterSet, PublicFilterSet
from .forms import (
    AdjustForm,
    DisagreementForm,
    DraftForm,
    EvaluationForm,
    IssueForm,
    LedgerItemForm,
    MeetingForm,
    NumberForm,
    OpinionForm,
    ReasonForm,
    ReviewForm,
)
from .models import Disagreement, OutgoingDocument
from .policies import OutgoingPolicy, PublicPolicy

POLICY = OutgoingPolicy()
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EXPORT_HEADER = (
    "文号",
    "标题",
    "文种",
    "状态",
    "拟稿单位",
    "拟稿人",
    "公开属性",
    "成文日期",
    "印发时间",
)


class DocumentListView(ObjectListView):
    policy = POLICY
    filterset_class = OutgoingFilterSet
    template_name = "outgoing/list.html"
    partial_template_name = "outgoing/_table.html"
    select_related = ("drafting_unit", "drafter", "issuer")
    ordering = ("-created_at", "-id")
    paginate_by = 30

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "xlsx":
            return self.export()
        return super().get(request, *args, **kwargs)

    def export(self):
        from zhongshu.tracking.export import local, workbook_response

        qs = self.get_queryset()
        qs = OutgoingFilterSet(self.request.GET or None, queryset=qs, request=self.request).qs
        rows = (
            (
                d.number,
                d.title,
                d.get_kind_display(),
                d.get_state_display(),
                d.drafting_unit.short_name,
                d.drafter.name,
                d.get_disclosure_display(),
                d.signed_on.isoformat() if d.signed_on else "",
                local(d.issued_at),
            )
            for d in qs.iterator(chunk_size=2000)
        )
        return workbook_response("outgoing", "发文", EXPORT_HEADER, rows)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from zhongshu.tracking.views_common import page_of

        context = TemplateView.get_context_data(self, **kwargs)
        filterset = OutgoingFilterSet(
            self.request.GET or None, queryset=self.get_queryset(), request=self.request
        )
        # the page is chosen on ids, then only its rows are read; the count is capped
        page, querystring = page_of(self.request, filterset.qs, self.paginate_by)
        context.update(
            filterset=filterset,
            page_obj=page,
            object_list=page.object_list,
            querystring=querystring,
            can_create=POLICY.can_create(self.request.user),
            can_view_numbers=POLICY.can(self.request.user, "view_numbers"),
            yearly=services.yearly_count_cached(timezone.localdate().year),
        )
        return context


class DraftCreateView(ServiceFormView):
    form_class = DraftForm
    policy = POLICY
    verb = "create"
    template_name = "outgoing/form.html"

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        person = getattr(self.request.user, "person", None)
        if self.request.method != "POST" and person is not None:
            kwargs["initial"] = {"issuer": person.unit_id}
        return kwargs

    def perform(self, form) -> str:
        document = services.create_draft(actor=self.request.user, data=form.to_data())
        return reverse("outgoing:detail", args=[document.uuid])


class DraftEditView(ServiceFormView):
    form_class = DraftForm
    policy = POLICY
    verb = "edit"
    template_name = "outgoing/form.html"

    def get_object(self):
        return _get(self.request, self.kwargs["uuid"])

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.object
        return kwargs

    def perform(self, form) -> str:
        services.update_draft(
            actor=self.request.user,
            document=self.object,
            data=form.to_data(),
            expected_version=_version(self.request, self.object),
        )
        return reverse("outgoing:detail", args=[self.object.uuid])


def _get(request, uuid) -> OutgoingDocument:
    try:
        return (
            POLICY.visible_to(request.user)
            .select_related(
                "issuer",
                "drafting_unit",
                "drafter",
                "series",
                "interpretation_approved_by",
                "ledger_item",
            )
            .get(uuid=uuid)
        )
    except OutgoingDocument.DoesNotExist as exc:
        raise Http404 from exc


def _version(request, document) -> int:
    try:
        return int(request.POST.get("version") or document.version)
    except ValueError:
        return document.version


class DocumentDetailView(ObjectDetailView):
    policy = POLICY
    template_name = "outgoing/detail.html"

    def get_object(self):
        return _get(self.request, self.kwargs["uuid"])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        document = self.object
        user = self.request.user
        can = {verb: POLICY.can(user, verb, document) for verb in ACTIONS_BY_VERB}
        can["edit"] = POLICY.can_edit(user, document)
        context.update(
            can=can,
            steps=document.steps.select_related("person", "unit", "acted_by", "item").order_by(
                "round", "kind", "order", "id"
            ),
            disagreements=document.disagreements.select_related("unit", "decided_by"),
            numbers=document.numbers.select_related("series").order_by("id"),
            preview=services.route_preview(document) if document.state == State.DRAFTING else None,
            # flags and links of the modules above (MTG-2 三重一大 …), see hooks.py
            flags=[{**v.as_dict(), "basis": {"rule": v.rule}} for v in hooks.flags(document)],
            hook_links=hooks.links(document, user),
            current_signer=services.current_signing_step(document),
            opinion_form=OpinionForm(),
            review_form=ReviewForm(),
            adjust_form=AdjustForm(
                initial={name: getattr(document, name) for name in AdjustForm.base_fields}
            ),
            reason_form=ReasonForm(),
            number_form=NumberForm(initial={"series": services.series_for(document)}),
            issue_form=IssueForm(initial={"distribution": document.main_recipients}),
            evaluation_form=EvaluationForm(),
            meeting_form=MeetingForm(),
            disagreement_form=DisagreementForm(document=document),
            gates_needed=[g for g in ReviewForm().fields["gates"].choices],
            body_levels=document.body,
            body_characters=count_characters(document.body),
        )
        return context


class RoutePreviewView(BusinessViewMixin, View):
    """htmx: the route and the checks of the draft as saved (DOC-OUT-6)."""

    def get(self, request, uuid):
        document = _get(request, uuid)
        return render(
            request,
            "outgoing/_preview.html",
            {"preview": services.route_preview(document), "object": document},
        )


def _text(request, name: str) -> str:
    return request.POST.get(name, "").strip()


def _submit(request, d):
    services.submit(actor=request.user, document=d, expected_version=_version(request, d))


def _opinion(request, d):
    step = d.steps.filter(
        kind=StepKind.CONSULTATION, decision="pending", unit_id=request.user.person.unit_id
    ).first()
    if step is None:
        raise PermissionDenied
    services.give_opinion(
        actor=request.user,
        step=step,
        agreed=request.POST.get("agreed") == "1",
        opinion=_text(request, "opinion"),
    )


def _disagreement(request, d):
    form = DisagreementForm(request.POST, document=d)
    if not form.is_valid():
        raise RuleViolation.single("DOC-OUT-10", "请填写单位和各方理由。")
    services.record_disagreement(actor=request.user, document=d, **form.cleaned_data)


def _decide(request, d):
    try:
        disagreement = d.disagreements.get(uuid=request.POST.get("disagreement"))
    except (Disagreement.DoesNotExist, ValueError) as exc:
        raise Http404 from exc
    services.decide_disagreement(
        actor=request.user, disagreement=disagreement, decision=_text(request, "decision")
    )


def _review(request, d):
    services.office_review(
        actor=request.user,
        document=d,
        opinion=_text(request, "opinion"),
        gates=request.POST.getlist("gates"),
        expected_version=_version(request, d),
    )


def _adjust(request, d):
    form = AdjustForm(request.POST)
    if not form.is_valid():
        raise RuleViolation.single("DOC-OUT-12", "请检查发文规格。")
    changes = {k: v for k, v in form.cleaned_data.items() if str(getattr(d, k)) != str(v)}
    services.adjust_form(
        actor=request.user, document=d, changes=changes, expected_version=_version(request, d)
    )


def _number(request, d):
    form = NumberForm(request.POST)
    series = form.cleaned_data["series"] if form.is_valid() else None
    services.assign_number(actor=request.user, document=d, series=series)


def _issue(request, d):
    form = IssueForm(request.POST)
    copies = form.cleaned_data["copies"] if form.is_valid() else 0
    services.issue(
        actor=request.user,
        document=d,
        distribution=_text(request, "distribution"),
        copies=copies or 0,
    )


def _meeting(request, d):
    form = MeetingForm(request.POST)
    if not form.is_valid():
        raise RuleViolation.single("DOC-OUT-7", "请填写会议审议通过时间。")
    services.record_meeting_approval(actor=request.user, document=d, **form.cleaned_data)


def _evaluate(request, d):
    form = EvaluationForm(request.POST)
    if not form.is_valid():
        raise RuleViolation.single("DOC-OUT-16", "请填写清理结论和后评估。")
    services.evaluate(actor=request.user, document=d, **form.cleaned_data)


# action name → (policy verb, what it does)
ACTIONS: dict[str, tuple[str, Any]] = {
    "submit": ("submit", _submit),
    "withdraw": (
        "withdraw",
        lambda r, d: services.withdraw(actor=r.user, document=d, reason=_text(r, "reason")),
    ),
    "opinion": ("opinion", _opinion),
    "disagreement": ("manage_consultation", _disagreement),
    "decide": ("decide", _decide),
    "finish_consultation": (
        "manage_consultation",
        lambda r, d: services.finish_consultation(actor=r.user, document=d),
    ),
    "countersign": (
        "countersign",
        lambda r, d: services.countersign(actor=r.user, document=d, opinion=_text(r, "opinion")),
    ),
    "legality_pass": (
        "legal_review",
        lambda r, d: services.legality_review(
            actor=r.user, document=d, passed=True, opinion=_text(r, "opinion")
        ),
    ),
    "legality_fail": (
        "legal_review",
        lambda r, d: services.legality_review(
            actor=r.user, document=d, passed=False, opinion=_text(r, "opinion")
        ),
    ),
    "interpretation": (
        "interpretation",
        lambda r, d: services.approve_interpretation(actor=r.user, document=d),
    ),
    "review": ("review", _review),
    "adjust": ("review", _adjust),
    "sign": (
        "sign",
        lambda r, d: services.sign(
            actor=r.user,
            document=d,
            opinion=_text(r, "opinion"),
            expected_version=_version(r, d),
            refer_to_head=r.POST.get("refer_to_head") == "1",
        ),
    ),
    "return": (
        "return",
        lambda r, d: services.return_to_drafter(
            actor=r.user, document=d, reason=_text(r, "reason")
        ),
    ),
    "recheck": (
        "recheck",
        lambda r, d: services.recheck(
            actor=r.user, document=d, substantive_change=False, note=_text(r, "note")
        ),
    ),
    "recheck_changed": (
        "recheck",
        lambda r, d: services.recheck(
            actor=r.user, document=d, substantive_change=True, note=_text(r, "note")
        ),
    ),
    "number": ("number", _number),
    "void_number": (
        "number",
        lambda r, d: services.void_number(actor=r.user, document=d, reason=_text(r, "reason")),
    ),
    "issue": ("number", _issue),
    "publish": ("number", lambda r, d: services.publish(actor=r.user, document=d)),
    "meeting": ("meeting", _meeting),
    "evaluate": ("evaluate", _evaluate),
}
ACTIONS_BY_VERB = sorted({verb for verb, _ in ACTIONS.values()})


class ActionView(BusinessViewMixin, View):
    """POST one action of the document page; the refusal's rule and message are shown."""

    def post(self, request, uuid, action):
        if action not in ACTIONS:
            raise Http404
        document = _get(request, uuid)
        verb, perform = ACTIONS[action]
        if not POLICY.can(request.user, verb, document):
            raise PermissionDenied
        try:
            perform(request, document)
            messages.success(request, "已办理。")
        except RuleViolation as exc:
            message_rule_errors(request, exc)
        except ConflictError as exc:
            messages.error(request, exc.message)
        return htmx_redirect(request, reverse("outgoing:detail", args=[document.uuid]))


def _attachment(data: bytes, content_type: str, filename: str) -> HttpResponse:
    from urllib.parse import quote

    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def _download(document: OutgoingDocument, fmt: str) -> HttpResponse:
    name = document.number or document.title
    if fmt == "pdf":
        try:
            return _attachment(printing.pdf_bytes(document), "application/pdf", f"{name}.pdf")
        except printing.PdfUnavailable as exc:
            return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
    return _attachment(printing.docx_bytes(document), DOCX, f"{name}.docx")


class DownloadView(BusinessViewMixin, View):
    def get(self, request, uuid, fmt):
        document = _get(request, uuid)
        if fmt not in ("docx", "pdf"):
            raise Http404
        return _download(document, fmt)


# --- the public page (DOC-OUT-14): no login -------------------------------------------
class PublicListView(TemplateView):
    template_name = "outgoing/public_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from zhongshu.tracking.views_common import page_of

        context = super().get_context_data(**kwargs)
        qs = PublicPolicy.queryset().select_related("issuer")
        filterset = PublicFilterSet(self.request.GET or None, queryset=qs)
        page, querystring = page_of(self.request, filterset.qs, 20)
        context.update(
            filterset=filterset,
            page_obj=page,
            object_list=page.object_list,
            querystring=querystring,
        )
        return context


def _public(uuid) -> OutgoingDocument:
    try:
        return PublicPolicy.queryset().select_related("issuer").get(uuid=uuid)
    except (OutgoingDocument.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


class PublicDetailView(TemplateView):
    template_name = "outgoing/public_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["object"] = _public(self.kwargs["uuid"])
        return context


class PublicDownloadView(View):
    def get(self, request, uuid, fmt):
        if fmt not in ("docx", "pdf"):
            raise Http404
        return _download(_public(uuid), fmt)


def units_for_picker():
    return Unit.objects.filter(archived_at__isnull=True)


class LedgerView(BusinessViewMixin, TemplateView):
    """DOC-OUT-1 发文清单: each item with its lead unit, draft due date (DOC-IN-15), issue
    date, the document that fulfils it and whether it is closed (办结一件销号一件); 秘书科
    adds items."""

    template_name = "outgoing/ledger.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not POLICY.can(request.user, "view_ledger"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def items(self):
        from zhongshu.tracking.models import TrackedItem

        year = _year(self.request)
        qs = TrackedItem.objects.filter(kind="outgoing.ledger", created_at__year=year)
        return (
            POLICY.ledger_scope(self.request.user, qs)
            .select_related("lead_unit")
            .order_by("due_at", "id")
        )

    def get_context_data(self, **kwargs):
        from django.core.paginator import Paginator

        context = super().get_context_data(**kwargs)
        page = Paginator(self.items(), 50).get_page(self.request.GET.get("page"))
        fulfilled = {
            d.ledger_item_id: d
            for d in OutgoingDocument.objects.filter(
                ledger_item_id__in=[item.pk for item in page]
            ).only("uuid", "title", "number", "state", "ledger_item_id")
        }
        context.update(
            page_obj=page,
            rows=[(item, fulfilled.get(item.pk)) for item in page],
            year=_year(self.request),
            counts=services.ledger_count(_year(self.request)),
            can_add=POLICY.can(self.request.user, "add_to_ledger"),
            form=kwargs.get("form") or LedgerItemForm(),
        )
        return context

    def post(self, request, *args, **kwargs):
        if not POLICY.can(request.user, "add_to_ledger"):
            raise PermissionDenied
        form = LedgerItemForm(request.POST)
        if form.is_valid():
            import datetime as dt

            data = form.cleaned_data
            received = dt.datetime.combine(
                data["received_on"], dt.time(9), tzinfo=timezone.get_current_timezone()
            )
            try:
                services.add_to_ledger(
                    actor=request.user,
                    subject=data["subject"],
                    lead_unit=data["lead_unit"],
                    received_at=received,
                    issue_due=data["issue_due"],
                )
                messages.success(request, "已列入发文清单。")
                return htmx_redirect(request, reverse("outgoing:ledger"))
            except RuleViolation as exc:
                add_rule_errors(form, exc, on_fields=False)
        response = self.render_to_response(self.get_context_data(form=form))
        response.status_code = 422
        return response


def _year(request) -> int:
    try:
        return int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        return timezone.localdate().year


class NumberRegisterView(BusinessViewMixin, TemplateView):
    """DOC-OUT-18 文号登记: the numbers of a year, series by series, in order, each with
    its document, who numbered it and when; a voided number stays with its reason."""

    template_name = "outgoing/numbers.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not POLICY.can(request.user, "view_numbers"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        from django.core.paginator import Paginator

        from zhongshu.org.models import SeriesCode

        from .models import IssuedNumber

        context = super().get_context_data(**kwargs)
        year = _year(self.request)
        qs = IssuedNumber.objects.filter(year__in=[year, 0]).select_related(
            "series", "document", "assigned_by"
        )
        series = self.request.GET.get("series") or ""
        if series.isdigit():
            qs = qs.filter(series_id=int(series))
        page = Paginator(qs.order_by("series_id", "year", "sequence"), 100).get_page(
            self.request.GET.get("page")
        )
        context.update(
            page_obj=page,
            year=year,
            series=series,
            all_series=SeriesCode.objects.filter(archived_at__isnull=True).order_by("code"),
            voided=qs.filter(voided_at__isnull=False).count(),
        )
        return context
