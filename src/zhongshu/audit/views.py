"""The auditor's pages: search the trail (keyset-paged, newest first), read a record,
export to Excel, verify the chain."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from . import services
from .exports import EXPORT_LIMIT, workbook_bytes
from .filtersets import AuditRecordFilterSet
from .models import AuditRecord, VerificationRun
from .policies import can_read_audit

PAGE_SIZE = 50


class AuditorRequiredMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can_read_audit(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def _positive_int(value) -> int | None:
    return int(value) if value and str(value).isdigit() else None


@method_decorator(never_cache, name="dispatch")
class RecordListView(AuditorRequiredMixin, TemplateView):
    """Newest first; "earlier" pages by ``before=<id>`` on the primary key, so the
    millionth page costs what the first does."""

    template_name = "audit/record_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET.copy()
        before = _positive_int(params.pop("before", [None])[0])
        filterset = AuditRecordFilterSet(params or None, queryset=AuditRecord.objects.all())
        qs = filterset.qs if filterset.is_bound else AuditRecord.objects.all()
        if before:
            qs = qs.filter(id__lt=before)
        rows = list(qs.order_by("-id")[: PAGE_SIZE + 1])
        more = len(rows) > PAGE_SIZE
        rows = rows[:PAGE_SIZE]
        context.update(
            filterset=filterset,
            records=rows,
            earlier=rows[-1].id if more else None,
            paged=bool(before),
            querystring=params.urlencode(),
            export_fields=[(k, v) for k, v in params.items() if k in filterset.filters],
        )
        return context


class RecordDetailView(AuditorRequiredMixin, TemplateView):
    template_name = "audit/record_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entry = AuditRecord.objects.filter(pk=self.kwargs["pk"]).first()
        if entry is None:
            raise Http404
        context["record"] = entry
        return context


class RecordExportView(AuditorRequiredMixin, View):
    """POST (it appends ``audit_exported``): the filtered records as an Excel file."""

    def post(self, request):
        filterset = AuditRecordFilterSet(request.POST, queryset=AuditRecord.objects.all())
        if not filterset.is_valid():
            return HttpResponse("筛选条件无效。", status=422, content_type="text/plain")
        qs = filterset.qs.order_by("id")
        count = qs.count()
        if count > EXPORT_LIMIT:
            message = (
                f"符合条件的记录有 {count} 条，超过单次导出上限 {EXPORT_LIMIT} 条，请缩小时间范围。"
            )
            return render(request, "audit/export_refused.html", {"message": message}, status=422)
        content = workbook_bytes(qs.iterator(chunk_size=2000))
        services.log_export(actor=request.user, filters=filterset.active_filters(), count=count)
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        response = HttpResponse(
            content,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="audit-{stamp}.xlsx"'
        response["Cache-Control"] = "no-store"
        return response


@method_decorator(never_cache, name="dispatch")
class VerifyView(AuditorRequiredMixin, View):
    template_name = "audit/verify.html"

    def get(self, request):
        runs = list(VerificationRun.objects.select_related("requested_by")[:10])
        context = {"runs": runs, "polling": any(r.in_progress for r in runs)}
        if request.htmx:
            return render(request, "audit/_verification_runs.html", context)
        return render(request, self.template_name, context)

    def post(self, request):
        services.request_verification(actor=request.user)
        return redirect("audit:verify")
