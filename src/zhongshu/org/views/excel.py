"""Excel template download, export of the current (filtered) list, and import."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from zhongshu.framework.errors import RuleViolation
from zhongshu.framework.views import BusinessViewMixin

from .. import services
from ..excel import people as people_sheet
from ..excel import units as units_sheet
from ..excel import workbook
from ..filtersets import PersonFilterSet, UnitFilterSet
from ..forms import ImportForm
from ..policies import PersonPolicy, UnitPolicy, can_export, is_org_manager
from .people import current_positions


class SheetMixin:
    sheet = ""  # "units" | "people"

    @property
    def spec(self):
        return units_sheet if self.sheet == "units" else people_sheet

    @property
    def title(self) -> str:
        return _("单位") if self.sheet == "units" else _("人员")


class TemplateDownloadView(SheetMixin, BusinessViewMixin, View):
    def get(self, request):
        if not is_org_manager(request.user):
            raise PermissionDenied
        spec = self.spec
        content = workbook.build(self.title, spec.COLUMNS, instructions=spec.INSTRUCTIONS)
        return workbook.download(content, _("%s导入模板") % self.title)


class ExportView(SheetMixin, BusinessViewMixin, View):
    """Exports exactly what the list shows with the same filters; audited."""

    def get(self, request):
        if not can_export(request.user):
            raise PermissionDenied
        if self.sheet == "units":
            qs = UnitPolicy().visible_to(request.user).select_related("parent", "host")
            filterset = UnitFilterSet(request.GET, queryset=qs, request=request)
        else:
            qs = PersonPolicy().visible_to(request.user).select_related("unit", "section")
            qs = qs.prefetch_related(current_positions()).order_by("unit_id", "sort_order", "id")
            filterset = PersonFilterSet(request.GET, queryset=qs, request=request)
        rows = self.spec.export_rows(filterset.qs)
        filters = {k: v for k, v in request.GET.items() if v}
        services.record_export(
            actor=request.user, sheet=self.sheet, count=len(rows), filters=filters
        )
        content = workbook.build(self.title, self.spec.COLUMNS, rows)
        return workbook.download(content, _("%s导出") % self.title)


class ImportView(SheetMixin, BusinessViewMixin, TemplateView):
    template_name = "org/import.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_org_manager(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.setdefault("form", ImportForm())
        context.update(
            title=_("导入%s") % self.title,
            template_url=reverse(f"org:{self._noun}_template"),
            list_url=reverse(f"org:{self._noun}_list"),
        )
        return context

    @property
    def _noun(self) -> str:
        return "unit" if self.sheet == "units" else "person"

    def post(self, request):
        form = ImportForm(request.POST, request.FILES)
        errors: list[str] = []
        if form.is_valid():
            run = services.import_units if self.sheet == "units" else services.import_people
            try:
                rows = workbook.read(form.cleaned_data["file"], self.spec.COLUMNS)
                result = run(actor=request.user, rows=rows)
            except workbook.ImportFileError as exc:
                errors = [str(exc)]
            except RuleViolation as exc:
                errors = [v.message for v in exc.violations]
            else:
                messages.success(
                    request,
                    _("导入完成：新建 %(created)d 条，更新 %(updated)d 条。")
                    % {"created": result.created, "updated": result.updated},
                )
                return redirect(f"org:{self._noun}_list")
        response = self.render_to_response(self.get_context_data(form=form, errors=errors))
        response.status_code = 422
        return response
