"""The incoming pages: the register and its search, the registration form, a document
with its handling sheet and the actions of its state, the printable sheet, the leaders'
phone view, statistics. Views parse and render; services act."""

from __future__ import annotations

import io
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from zhongshu.framework.errors import ConflictError, RuleViolation
from zhongshu.framework.views import (
    BusinessViewMixin,
    PartialTemplateMixin,
    add_rule_errors,
    htmx_redirect,
)
from zhongshu.tracking.views_common import page_of, wants_excel

from . import export, forms, services, statistics
from .actions import ACTIONS, available
from .choices import DocState, InstructionState
from .filtersets import IncomingFilterSet, filter_choices
from .models import IncomingDocument, Instruction
from .policies import documents

LIST_RELATED = ("sender_unit", "lead_unit")


def list_queryset(user):
    return documents.visible_to(user).select_related(*LIST_RELATED).defer("search_tokens")


# A full-text search counts at most 1,000 + 1 matches ("超过 1000 条"): counting the matches
# of a common word among a million documents costs more than the page.
SEARCH_CAP = 1000


def search_page_of(request, queryset, per_page: int):
    """``page_of`` with the search's lower count cap; the ids passed the policy and the
    filters, so their rows are read without repeating the search."""
    rows = IncomingDocument.objects.select_related(*LIST_RELATED).defer("search_tokens")
    return page_of(request, queryset, per_page, cap=SEARCH_CAP, rows=rows)


class DocumentListView(BusinessViewMixin, PartialTemplateMixin, TemplateView):
    template_name = "incoming/document_list.html"
    partial_template_name = "incoming/_document_table.html"

    def get(self, request, *args, **kwargs):
        qs = list_queryset(request.user)
        self.filterset = IncomingFilterSet(request.GET or None, queryset=qs, request=request)
        docs = self.filterset.qs if self.filterset.is_bound else qs
        if not request.GET.get("state") and not request.GET.get("q"):
            docs = (
                docs.exclude(state=DocState.DRAFT)
                if not documents.can_register(request.user)
                else docs
            )
        if wants_excel(request):
            return export.documents_workbook(docs)
        if request.GET.get("q", "").strip():
            self.page, self.querystring = search_page_of(request, docs, per_page=30)
        else:
            self.page, self.querystring = page_of(request, docs, per_page=30)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            filterset=self.filterset,
            page_obj=self.page,
            object_list=self.page.object_list,
            querystring=self.querystring,
            filter_choices=filter_choices(),
            can_register=documents.can_register(self.request.user),
            **kwargs,
        )


def _document(request, uuid) -> IncomingDocument:
    qs = documents.visible_to(request.user).select_related(
        "sender_unit",
        "lead_unit",
        "office_item",
        "duplicate_of",
        "resubmission_of",
        "registered_by",
        "reviewed_by",
        "proposed_by",
        "archived_by",
    )
    try:
        return qs.get(uuid=uuid)
    except IncomingDocument.DoesNotExist as exc:
        raise Http404 from exc


def sheet_context(doc: IncomingDocument) -> dict[str, Any]:
    """What the handling sheet (阅办单) shows: DOC-IN-16."""
    return {
        "doc": doc,
        "instructions": list(
            doc.instructions.select_related("leader", "signed_by", "item").order_by("position")
        ),
        "tasks": list(
            doc.tasks.select_related("unit", "item").order_by("-role", "id")
        ),  # 主办 first
        "circulations": list(
            doc.circulations.select_related("reader__unit", "read_request").order_by("position")
        ),
        "files": list(doc.files.all()),
        "cooperating": list(doc.cooperating_units.all()),
        "related": list(doc.related.all()),
        "reply_outgoing": services.reply_document(doc),
        "ledger": list(services.ledger_items(doc)),
    }


class DocumentDetailView(BusinessViewMixin, TemplateView):
    template_name = "incoming/document_detail.html"

    def get(self, request, *args, **kwargs):
        self.doc = _document(request, kwargs["uuid"])
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        doc = self.doc
        user = self.request.user
        bound = kwargs.pop("bound", {})
        actions = available(user, doc)
        action_forms = {
            name: bound.get(name) or ACTIONS[name].initial(doc, name) for name in actions
        }
        findings = doc.review_findings
        if doc.state == DocState.REGISTERED and documents.can_register(user):
            findings = [f.as_dict() for f in services.preview_review(doc)]
        context = sheet_context(doc)
        return super().get_context_data(
            **context,
            object=doc,
            actions=action_forms,
            labels={name: ACTIONS[name].label for name in actions},
            error_action=kwargs.pop("error_action", ""),
            findings=findings,
            my_tasks=[t for t in context["tasks"] if documents.can_report(user, t)],
            my_reads=[
                c
                for c in context["circulations"]
                if documents.can_read(user, c) and c.read_at is None
            ],
            can_register=documents.can_register(user),
            linked_outgoing=list(services.reply_candidates(doc).select_related("issuer")),
            duplicates=list(doc.duplicates.all()),
            resubmissions=list(doc.resubmissions.all()),
            **kwargs,
        )


class DocumentActionView(DocumentDetailView):
    """POST /incoming/<uuid>/<action>/: one form, one service call."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        name = kwargs["action"]
        if name not in ACTIONS:
            raise Http404
        self.doc = _document(request, kwargs["uuid"])
        action = ACTIONS[name]
        if not action.permitted(request.user, self.doc):
            raise PermissionDenied
        form = action.bound(self.doc, name, request.POST, request.FILES)
        conflict = False
        if form.is_valid():
            try:
                action.perform(request.user, self.doc, form, _version(request))
                page = (
                    "leader_document" if request.POST.get("from") == "leader" else "document_detail"
                )
                return htmx_redirect(request, reverse(f"incoming:{page}", args=[self.doc.uuid]))
            except RuleViolation as exc:
                add_rule_errors(form, exc)
            except ConflictError as exc:
                form.add_error(None, exc.message)
                conflict = True
        self.doc = _document(request, kwargs["uuid"])
        template = (
            "incoming/leader_document.html"
            if request.POST.get("from") == "leader"
            else self.template_name
        )
        context = self.get_context_data(bound={name: form}, error_action=name)
        response = self.response_class(request=request, template=[template], context=context)
        response.status_code = 409 if conflict else 422  # a concurrent edit: a conflict
        return response


def _is_uuid(raw: str) -> bool:
    import uuid

    try:
        uuid.UUID(raw)
    except ValueError:
        return False
    return True


def _version(request) -> int | None:
    raw = request.POST.get("version", "")
    return int(raw) if raw.isdigit() else None


class RegisterView(BusinessViewMixin, TemplateView):
    """登记 (new, or a draft / a registered entry being corrected)."""

    template_name = "incoming/register_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not documents.can_register(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_doc(self) -> IncomingDocument | None:
        if "uuid" not in self.kwargs:
            return None
        doc = _document(self.request, self.kwargs["uuid"])
        if doc.state not in (DocState.DRAFT, DocState.REGISTERED):
            raise Http404
        return doc

    def get(self, request, *args, **kwargs):
        doc = self.get_doc()
        wanted = request.GET.get("resubmission", "")
        resubmitting = (
            documents.visible_to(request.user).filter(uuid=wanted).first()
            if doc is None and _is_uuid(wanted)
            else None
        )
        form = forms.RegistrationForm(initial=forms.RegistrationForm.initial_for(doc, resubmitting))
        return self.render_to_response(self.get_context_data(form=form, doc=doc))

    def post(self, request, *args, **kwargs):
        doc = self.get_doc()
        form = forms.RegistrationForm(request.POST, request.FILES)
        intent = request.POST.get("intent", "register")
        conflict = False
        if form.is_valid():
            try:
                doc = self._perform(intent, form, doc, _version(request))
                if intent == "register" and request.POST.get("next") == "another":
                    return htmx_redirect(
                        request, reverse("incoming:document_register") + f"?last={doc.uuid}"
                    )
                return htmx_redirect(request, reverse("incoming:document_detail", args=[doc.uuid]))
            except RuleViolation as exc:
                add_rule_errors(form, exc, rename={"sender_unit": "sender", "paper_reason": None})
            except ConflictError as exc:
                form.add_error(None, exc.message)
                conflict = True
        response = self.render_to_response(self.get_context_data(form=form, doc=doc))
        response.status_code = 409 if conflict else 422
        return response

    def _perform(self, intent: str, form, doc, version) -> IncomingDocument:
        user = self.request.user
        data = form.data_for_service()
        if intent == "draft":
            return services.save_draft(
                actor=user,
                data=data,
                document=doc,
                related=form.related(),
                expected_version=version,
            )
        if intent == "paper":
            return services.record_paper_handling(
                actor=user,
                data=data,
                reason=self.request.POST.get("paper_reason", ""),
                document=doc,
            )
        if doc is not None and doc.state == DocState.REGISTERED:
            return services.update_registration(
                actor=user,
                document=doc,
                data=data,
                related=form.related(),
                expected_version=version,
            )
        return services.register_incoming(
            actor=user,
            data=data,
            document=doc,
            main_file=form.cleaned_data.get("main_file"),
            attachments=form.cleaned_data.get("attachments") or [],
            related=form.related(),
            allow_duplicate=form.cleaned_data.get("allow_duplicate", False),
            expected_version=version,
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        last = self.request.GET.get("last")
        last_doc = (
            documents.visible_to(self.request.user).filter(uuid=last).first() if last else None
        )
        return super().get_context_data(units=forms.units(), last=last_doc, **kwargs)


class SheetView(BusinessViewMixin, TemplateView):
    """The handling sheet (阅办单) as offices print it: a print stylesheet, A4."""

    template_name = "incoming/sheet.html"

    def get(self, request, *args, **kwargs):
        doc = _document(request, kwargs["uuid"])
        return self.render_to_response(self.get_context_data(**sheet_context(doc)))


class SheetPdfView(BusinessViewMixin, View):
    """The handling sheet as a PDF to print (DOC-IN-16); .docx with ``?format=docx``."""

    def get(self, request, uuid):
        from . import printing
        from .services._common import office_unit

        doc = _document(request, uuid)
        context = sheet_context(doc)
        office = office_unit().name
        name = f"处理笺-{doc.register_number or doc.uuid}"
        if request.GET.get("format") == "docx":
            data = printing.docx_bytes(context, office)
            return FileResponse(io.BytesIO(data), as_attachment=True, filename=f"{name}.docx")
        try:
            data = printing.pdf_bytes(context, office)
        except printing.PdfUnavailable as exc:
            return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
        return FileResponse(
            io.BytesIO(data), filename=f"{name}.pdf", content_type="application/pdf"
        )


class LeaderListView(BusinessViewMixin, TemplateView):
    """A leader's pending instructions, phone-sized."""

    template_name = "incoming/leader_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from zhongshu.tracking.acting import reach_of

        people = reach_of(self.request.user).person_ids
        steps = (
            Instruction.objects.filter(leader_id__in=people, state=InstructionState.PENDING)
            .select_related("document__sender_unit", "leader", "item")
            .order_by("item__due_at", "id")
        )
        returns = (
            documents.visible_to(self.request.user)
            .filter(state=DocState.RETURN_PROPOSED, office_item__responsible_id__in=people)
            .select_related("sender_unit")
        )
        return super().get_context_data(steps=steps, returns=returns, **kwargs)


class LeaderDocumentView(DocumentDetailView):
    template_name = "incoming/leader_document.html"


class FileDownloadView(BusinessViewMixin, View):
    def get(self, request, uuid, file_uuid):
        doc = _document(request, uuid)
        stored = get_object_or_404(doc.files.all(), uuid=file_uuid)
        return FileResponse(stored.file.open("rb"), as_attachment=True, filename=stored.name)


class StatisticsView(BusinessViewMixin, TemplateView):
    template_name = "incoming/statistics.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        qs = documents.visible_to(self.request.user)
        return super().get_context_data(stats=statistics.summary(qs), **kwargs)


class MonthlyChartView(BusinessViewMixin, View):
    def get(self, request):
        qs = documents.visible_to(request.user)
        return HttpResponse(statistics.monthly_chart_svg(qs), content_type="image/svg+xml")
