"""The supervision pages: the ledger (filters, views by leader, unit, source and colour,
the wall of red, each unit's own list, Excel in and out), an item with its actions, the
entry forms per source, cases, assessment and bulletins. Views parse and render; services
act."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.views import View
from django.views.generic import TemplateView

from zhongshu.framework.errors import ConflictError, RuleViolation
from zhongshu.framework.views import (
    BusinessViewMixin,
    PartialTemplateMixin,
    ServiceFormView,
    add_rule_errors,
    htmx_redirect,
    message_rule_errors,
)
from zhongshu.org.tree import active_unit_options_html
from zhongshu.tracking import services as tracking
from zhongshu.tracking.acting import reach_of
from zhongshu.tracking.choices import OPEN_STATES, Colour, DecisionStatus
from zhongshu.tracking.export import XLSX
from zhongshu.tracking.models import Extension, ItemUnit, TrackedItem
from zhongshu.tracking.views_common import first_rows
from zhongshu.tracking.views_common import page_of as tracking_page_of

from . import forms, policies, services, tally
from .choices import CaseKind, Source
from .filtersets import SORT_LABELS, SupervisedItemFilterSet
from .ledger_excel import export_rows, write_ledger
from .models import AccountabilityProposal, Bulletin, Case, SupervisedItem
from .periods import bounds, label

ROW_RELATED = ("item", "item__lead_unit", "leader")


# The ledger counts at most 1,000 + 1 lines ("超过 1000 条"): on a ledger of a million lines
# the count of 10,000 joined rows cost more than the page itself; past a thousand lines the
# office narrows the filter (the Excel export takes the whole filter).
LEDGER_CAP = 1000


def page_of(request, queryset, per_page: int = 20):
    """tracking's ``page_of`` (ids first, then the page's rows) with the ledger's count cap."""
    return tracking_page_of(request, queryset, per_page, cap=LEDGER_CAP)


def ledger_rows(queryset):
    return queryset.select_related(*ROW_RELATED)


# --- the ledger ----------------------------------------------------------------------------
class LedgerView(BusinessViewMixin, PartialTemplateMixin, TemplateView):
    """Every line the user may see; ``?mine=1`` is the unit's own list."""

    template_name = "supervision/item_list.html"
    partial_template_name = "supervision/_item_table.html"

    def get(self, request, *args, **kwargs):
        qs = policies.items.visible_to(request.user)
        if request.GET.get("mine"):
            qs = qs.filter(item__lead_unit_id__in=list(reach_of(request.user).unit_ids))
        self.filterset = SupervisedItemFilterSet(request.GET, queryset=qs, request=request)
        items = self.filterset.qs
        if request.GET.get("format") == "xlsx":
            rows = export_rows(items)[:20000]
            response = HttpResponse(write_ledger(rows), content_type=XLSX)
            response["Content-Disposition"] = 'attachment; filename="supervision-ledger.xlsx"'
            return response
        self.page, self.querystring = page_of(request, ledger_rows(items))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            filterset=self.filterset,
            page_obj=self.page,
            object_list=self.page.object_list,
            querystring=self.querystring,
            sources=Source.choices,
            colours=Colour.choices,
            sorts=list(SORT_LABELS.items()),
            leader_options=leader_options(self.request.GET.get("leader", "")),
            unit_options=active_unit_options_html(self.request.GET.get("unit", "")),
            can_create=policies.items.can(self.request.user, "create"),
            **kwargs,
        )


def leader_options(selected: str) -> str:
    """``<option>``s of the leaders in charge, from plain values (no model instances)."""
    rows = forms.leaders().values_list("uuid", "name")
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((u, mark_safe(" selected") if str(u) == selected else "", n) for u, n in rows),
    )


GROUPS = {
    "leader": ("分管区长", "leader"),
    "unit": ("牵头单位", "unit"),
    "source": ("来源", "source"),
}


class LedgerSummaryView(BusinessViewMixin, TemplateView):
    """The ledger by leader, unit or source, each row counted by colour (SUP-16), from the
    minute's tally (``tally``): the whole of it, or a deputy head's or unit's part."""

    template_name = "supervision/summary.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        by = self.request.GET.get("by", "leader")
        if by not in GROUPS:
            by = "leader"
        title, param = GROUPS[by]
        user, counted_at = self.request.user, tally.latest()
        if policies.sees_all(user):
            table = tally.summary(by, counted_at)
        else:
            table = tally.scoped_summary(user, by, counted_at)
        return super().get_context_data(
            by=by,
            title=title,
            param=param,
            table=table,
            groups=GROUPS,
            counted_at=counted_at,
            **kwargs,
        )


class RedWallView(BusinessViewMixin, TemplateView):
    """红色预警墙 for the head: the number of red lines per leader in charge (from the tally)
    and the first ``WALL`` longest-overdue lines, read by
    walking the engine's (due_at, id) index and grouped here; the rest are a link to the
    ledger filtered by leader and colour."""

    template_name = "supervision/red_wall.html"
    WALL = 100

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        red = policies.items.visible_to(user).filter(
            item__state__in=OPEN_STATES, item__colour=Colour.RED
        )
        items = first_rows(ledger_rows(red).order_by("item__due_at", "item_id"), self.WALL)
        counted_at = tally.latest()
        if policies.sees_all(user):
            rows = tally.summary("leader", counted_at)
        else:
            rows = tally.scoped_summary(user, "leader", counted_at)
        leaders = {r["key"]: r for r in rows if r["red"]}
        found: dict[Any, list] = {}
        for s in items:
            found.setdefault(s.leader, []).append(s)
        order = sorted(found, key=lambda p: (p is None, p.sort_order if p else 0, p.pk if p else 0))
        walls = [
            {
                "name": p.name if p else "未明确分管领导",
                "key": str(p.uuid) if p else "",
                "items": found[p],
                # the tally is the minute's; lines turned red since are shown all the same
                "red": max(leaders.get(str(p.uuid) if p else "", {}).get("red", 0), len(found[p])),
            }
            for p in order
        ]
        count = sum(r["red"] for r in rows)
        return super().get_context_data(
            walls=walls,
            count=count,
            shown=len(items),
            counted_at=counted_at,
            **kwargs,
        )


# --- one item -----------------------------------------------------------------------------
ACTIONS = {
    "promote": (forms.ReasonForm, "promote"),
    "order": (forms.ReasonForm, "issue_order"),
    "approve-closeout": (forms.OpinionForm, "approve_closeout"),
    "rectification": (forms.TextForm, "handle"),
    "reply": (forms.ReplyForm, "handle"),
    "satisfaction": (forms.SatisfactionForm, "record_satisfaction"),
    "check": (forms.CheckForm, "record_check"),
}


def perform(action: str, user, s: SupervisedItem, data: dict) -> None:
    match action:
        case "promote":
            services.promote_to_key(actor=user, supervised=s, reason=data["reason"])
        case "order":
            services.issue_order(actor=user, supervised=s, reason=data["reason"])
        case "approve-closeout":
            services.approve_item_closeout(actor=user, supervised=s, opinion=data["opinion"])
        case "rectification":
            services.report_rectification(actor=user, supervised=s, text=data["text"])
        case "reply":
            services.reply_proposal(
                actor=user, supervised=s, reply=data["reply"], grade=data["grade"]
            )
        case "satisfaction":
            services.record_satisfaction(
                actor=user, supervised=s, satisfaction=data["satisfaction"]
            )
        case "check":
            services.record_check(actor=user, supervised=s, **data)


def visible_actions(user, s: SupervisedItem) -> list[str]:
    found = []
    item = s.item
    for action, (_form, verb) in ACTIONS.items():
        if action == "rectification" and (s.source != Source.CITY_MANAGEMENT or not item.is_open):
            continue
        if action == "reply" and (
            s.source != Source.PROPOSAL or item.state == "closeout_requested"
        ):
            continue
        if action == "satisfaction" and (s.source != Source.PROPOSAL or not s.replied_at):
            continue
        if action in ("promote", "order", "rectification", "reply") and not item.is_open:
            continue
        if action == "approve-closeout" and s.source == Source.PROPOSAL:
            continue
        if policies.items.can(user, verb, s):
            found.append(action)
    return found


class ItemDetailView(BusinessViewMixin, TemplateView):
    template_name = "supervision/item_detail.html"

    def get_supervised(self) -> SupervisedItem:
        qs = policies.items.visible_to(self.request.user).select_related(
            *ROW_RELATED,
            "item__responsible",
            "item__approver",
            "instructed_by",
            "case",
            "supervising_section",
        )
        try:
            return qs.get(uuid=self.kwargs["uuid"])
        except SupervisedItem.DoesNotExist as exc:
            raise Http404 from exc

    def get(self, request, *args, **kwargs):
        self.supervised = self.get_supervised()
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        s = self.supervised
        user = self.request.user
        bound = kwargs.pop("bound", {})
        actions = {name: bound.get(name) or ACTIONS[name][0]() for name in visible_actions(user, s)}
        orders = s.orders.select_related("issued_by", "answered_by", "step")
        pending = [
            e
            for e in Extension.objects.filter(item=s.item, status=DecisionStatus.PENDING)
            if user.is_authenticated
            and getattr(user, "person", None)
            and (e.approver_id == user.person.pk or policies.manages(user))
        ]
        return super().get_context_data(
            s=s,
            item=s.item,
            actions=actions,
            error_action=kwargs.pop("error_action", ""),
            orders=orders,
            answerable={
                o.pk
                for o in orders
                if o.state == "issued" and policies.orders.can(user, "answer", o)
            },
            answer_form=forms.OrderAnswerForm(),
            co_steps=TrackedItem.objects.filter(
                parent=s.item, kind="supervision.co_opinion"
            ).select_related("lead_unit"),
            co_form=forms.CoOpinionForm(),
            units=ItemUnit.objects.filter(item=s.item).select_related("unit"),
            reports=s.item.reports.select_related("reporter")[:20],
            chases=s.item.chases.select_related("chaser", "target")[:20],
            checks=s.checks.select_related("checked_by")[:20],
            inspections=TrackedItem.objects.filter(
                parent=s.item, kind="supervision.inspection"
            ).order_by("-due_at")[:12],
            pending_extensions=pending,
            extension_form=forms.ExtensionDecisionForm(),
            can_handle=policies.items.can(user, "handle", s),
            **kwargs,
        )


class ItemActionView(ItemDetailView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        action = kwargs["action"]
        if action not in ACTIONS:
            raise Http404
        self.supervised = self.get_supervised()
        form_class, verb = ACTIONS[action]
        if not policies.items.can(request.user, verb, self.supervised):
            raise PermissionDenied
        form = form_class(request.POST)
        if form.is_valid():
            try:
                perform(action, request.user, self.supervised, dict(form.cleaned_data))
                return htmx_redirect(
                    request, reverse("supervision:item_detail", args=[self.supervised.uuid])
                )
            except RuleViolation as exc:
                add_rule_errors(form, exc)
            except ConflictError as exc:
                form.add_error(None, exc.message)
        self.supervised.item.refresh_from_db()
        response = self.render_to_response(
            self.get_context_data(bound={action: form}, error_action=action)
        )
        response.status_code = 422
        return response


def _back(request, exc: Exception) -> HttpResponse:
    if isinstance(exc, RuleViolation):
        message_rule_errors(request, exc)
    else:
        messages.error(request, str(getattr(exc, "message", exc)))
    return htmx_redirect(
        request, request.headers.get("Referer") or reverse("supervision:item_list")
    )


class OrderAnswerView(BusinessViewMixin, View):
    def post(self, request, uuid):
        order = get_object_or_404(
            policies.orders.visible_to(request.user).select_related("step", "supervised"), uuid=uuid
        )
        if not policies.orders.can(request.user, "answer", order):
            raise PermissionDenied
        form = forms.OrderAnswerForm(request.POST)
        if not form.is_valid():
            messages.error(request, "请填写承诺完成时间。")
            return htmx_redirect(
                request, reverse("supervision:item_detail", args=[order.supervised.uuid])
            )
        try:
            services.answer_order(actor=request.user, order=order, **form.cleaned_data)
        except (RuleViolation, ConflictError) as exc:
            return _back(request, exc)
        return htmx_redirect(
            request, reverse("supervision:item_detail", args=[order.supervised.uuid])
        )


class CoOpinionView(BusinessViewMixin, View):
    def post(self, request, uuid):
        step = get_object_or_404(
            TrackedItem.objects.filter(kind="supervision.co_opinion").select_related("parent"),
            uuid=uuid,
        )
        supervised = get_object_or_404(
            policies.items.visible_to(request.user), item_id=step.parent_id
        )
        form = forms.CoOpinionForm(request.POST)
        form.is_valid()
        try:
            services.give_co_opinion(
                actor=request.user, step=step, opinion=form.cleaned_data.get("opinion", "")
            )
        except (RuleViolation, ConflictError) as exc:
            return _back(request, exc)
        return htmx_redirect(request, reverse("supervision:item_detail", args=[supervised.uuid]))


class ExtensionDecideView(BusinessViewMixin, View):
    """The leader in charge decides an extension of a supervised item."""

    def post(self, request, uuid):
        extension = get_object_or_404(Extension.objects.select_related("item"), uuid=uuid)
        supervised = get_object_or_404(
            policies.items.visible_to(request.user), item_id=extension.item_id
        )
        form = forms.ExtensionDecisionForm(request.POST)
        if not form.is_valid():
            raise PermissionDenied
        try:
            tracking.decide_extension(
                actor=request.user,
                extension=extension,
                approve=form.cleaned_data["approve"],
                opinion=form.cleaned_data["opinion"],
            )
        except (RuleViolation, ConflictError) as exc:
            return _back(request, exc)
        return htmx_redirect(request, reverse("supervision:item_detail", args=[supervised.uuid]))


# --- entry forms ----------------------------------------------------------------------------
class EntryView(ServiceFormView):
    """One form, one service (``create(data)`` returns the page to go to); refused input
    comes back with the rule on the form."""

    template_name = "supervision/form.html"
    policy = policies.items
    verb = "create"
    title = ""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(title=self.title, **kwargs)

    def perform(self, form) -> str:
        return self.create(form.cleaned_data)

    def create(self, data: dict) -> str:
        raise NotImplementedError("EntryView subclasses implement create()")

    def detail(self, s: SupervisedItem) -> str:
        return reverse("supervision:item_detail", args=[s.uuid])


class ItemCreateView(EntryView):
    form_class = forms.ItemForm
    title = "新增督办事项"

    def create(self, data):
        return self.detail(services.add_supervised_item(actor=self.request.user, **data))


class InstructionCreateView(EntryView):
    form_class = forms.InstructionForm
    title = "领导批示件交办"

    def create(self, data):
        return self.detail(services.register_instruction(actor=self.request.user, **data))


class RectificationCreateView(EntryView):
    form_class = forms.RectificationForm
    title = "城市管理限期整改督办单"

    def create(self, data):
        return self.detail(services.issue_rectification_order(actor=self.request.user, **data))


class ProposalCreateView(EntryView):
    form_class = forms.ProposalForm
    title = "建议提案交办"

    def create(self, data):
        return self.detail(services.assign_proposal(actor=self.request.user, **data))


class ImportView(EntryView):
    form_class = forms.ImportForm
    title = "导入督查台账"

    def create(self, data):
        made = services.import_key_work(
            actor=self.request.user, upload=data["upload"], source=data["source"]
        )
        messages.success(self.request, f"已导入{len(made)}项督办事项。")
        return reverse("supervision:item_list") + "?sort=number"


class DecisionsCreateView(EntryView):
    form_class = forms.DecisionsForm
    title = "录入会议议定事项"

    def create(self, data):
        case = services.register_decisions(
            actor=self.request.user,
            meeting=data["meeting"],
            reference=data["reference"],
            decisions=data["lines"],
        )
        return reverse("supervision:case_detail", args=[case.uuid])


class CaseCreateView(EntryView):
    form_class = forms.CaseForm
    title = "登记督查任务"

    def create(self, data):
        case = services.register_case(actor=self.request.user, **data)
        return reverse("supervision:case_detail", args=[case.uuid])


# --- cases ---------------------------------------------------------------------------------
class CaseListView(BusinessViewMixin, TemplateView):
    template_name = "supervision/case_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        qs = policies.cases.visible_to(self.request.user).annotate(n=Count("items"))
        page, querystring = page_of(self.request, qs.order_by("-received_at", "-id"))
        return super().get_context_data(
            page_obj=page, object_list=page.object_list, querystring=querystring, **kwargs
        )


CASE_ACTIONS = {
    "arrangements": forms.ArrangementsForm,
    "approve": forms.PlanForm,
    "notice": forms.NoticeForm,
    "collect": forms.FindingsForm,
    "report": forms.ReportForm,
    "problems": forms.CaseItemsForm,  # not "items": the template reads forms.items
}


class CaseDetailView(BusinessViewMixin, TemplateView):
    template_name = "supervision/case_detail.html"

    def get_case(self) -> Case:
        return get_object_or_404(
            policies.cases.visible_to(self.request.user), uuid=self.kwargs["uuid"]
        )

    def get(self, request, *args, **kwargs):
        self.case = self.get_case()
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        bound = kwargs.pop("bound", {})
        case = self.case
        return super().get_context_data(
            case=case,
            steps=case.steps.select_related("item").order_by("item__created_at"),
            items=ledger_rows(case.items.all()),
            forms={
                name: bound.get(name) or cls()
                for name, cls in CASE_ACTIONS.items()
                if name != "arrangements" or case.kind == CaseKind.CITY_ONSITE
            },
            can_act=policies.cases.can(self.request.user, "act", case),
            is_special=case.kind == CaseKind.SPECIAL,
            documents=services.documents_of(case),
            **kwargs,
        )


class CaseActionView(CaseDetailView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        action = kwargs["action"]
        if action not in CASE_ACTIONS and action not in ("draft-notice", "draft-report"):
            raise Http404
        self.case = self.get_case()
        if not policies.cases.can(request.user, "act", self.case):
            raise PermissionDenied
        if action.startswith("draft-"):
            return self.draft(request, action.removeprefix("draft-"))
        form = CASE_ACTIONS[action](request.POST)
        if form.is_valid():
            data, user, case = form.cleaned_data, request.user, self.case
            try:
                if action in ("notice", "report") and request.POST.get("as_document"):
                    return self.draft(request, action, **self.drafted(action, data))
                match action:
                    case "approve":
                        services.approve_case(actor=user, case=case, plan=data["plan"])
                    case "notice":
                        services.issue_case_notice(actor=user, case=case, notice=dict(data))
                    case "collect":
                        services.collect_case_reports(
                            actor=user, case=case, findings=data["findings"]
                        )
                    case "report":
                        services.submit_case_report(actor=user, case=case, report=data["report"])
                    case "problems":
                        services.add_case_items(actor=user, case=case, lines=data["lines"])
                    case "arrangements":
                        services.record_arrangements(actor=user, case=case, arrangements=dict(data))
                return htmx_redirect(request, reverse("supervision:case_detail", args=[case.uuid]))
            except RuleViolation as exc:
                add_rule_errors(form, exc)
        response = self.render_to_response(
            self.get_context_data(bound={action: form}, error_action=action)
        )
        response.status_code = 422
        return response

    @staticmethod
    def drafted(action: str, data: dict[str, Any]) -> dict[str, Any]:
        """The notice's content or the report's text, drafted first: the step completes
        when the outgoing document is issued."""
        return {"notice": dict(data)} if action == "notice" else {"report": data["report"]}

    def draft(self, request, what: str, **content: Any):
        try:
            document = services.draft_case_document(
                actor=request.user, case=self.case, what=what, **content
            )
        except (RuleViolation, ConflictError) as exc:
            return _back(request, exc)
        messages.success(request, f"已生成发文稿《{document.title}》，请在发文模块中送审。")
        return htmx_redirect(request, reverse("outgoing:detail", args=[document.uuid]))


# --- assessment and bulletins ---------------------------------------------------------------
class AssessmentView(BusinessViewMixin, TemplateView):
    """SUP-10: scores per unit for a month or quarter; accountability proposals."""

    template_name = "supervision/assessment.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not policies.sees_all(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def period(self):
        form = forms.PeriodForm(self.request.GET or forms.default_period())
        data = form.cleaned_data if form.is_valid() else forms.default_period()
        return form, data

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        form, data = self.period()
        start, end = bounds(data["period"], data["year"], data["number"])
        return super().get_context_data(
            form=form,
            start=start,
            end=end,
            label=label(data["period"], start),
            table=services.unit_scores(start, end),
            proposals=AccountabilityProposal.objects.filter(
                period_start=start, period_end=end
            ).select_related("unit"),
            can_propose=policies.manages(self.request.user),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not policies.manages(request.user):
            raise PermissionDenied
        _form, data = self.period()
        start, end = bounds(data["period"], data["year"], data["number"])
        made = services.propose_accountability(actor=request.user, start=start, end=end)
        messages.success(request, f"已形成问责建议{len(made)}条。")
        return htmx_redirect(request, request.get_full_path())


class BulletinListView(BusinessViewMixin, TemplateView):
    template_name = "supervision/bulletin_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            bulletins=policies.bulletins.visible_to(self.request.user)[:100],
            form=kwargs.pop("form", None) or forms.BulletinForm(initial=forms.default_period()),
            can_create=policies.bulletins.can(self.request.user, "create"),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not policies.bulletins.can(request.user, "create"):
            raise PermissionDenied
        form = forms.BulletinForm(request.POST)
        if form.is_valid():
            try:
                bulletin = services.generate_bulletin(actor=request.user, **form.cleaned_data)
                return htmx_redirect(
                    request, reverse("supervision:bulletin_detail", args=[bulletin.uuid])
                )
            except RuleViolation as exc:
                add_rule_errors(form, exc)
        response = self.render_to_response(self.get_context_data(form=form))
        response.status_code = 422
        return response


class BulletinDetailView(BusinessViewMixin, TemplateView):
    template_name = "supervision/bulletin_detail.html"

    def get_bulletin(self) -> Bulletin:
        return get_object_or_404(
            policies.bulletins.visible_to(self.request.user), uuid=self.kwargs["uuid"]
        )

    def get(self, request, *args, **kwargs):
        self.bulletin = self.get_bulletin()
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        b = self.bulletin
        return super().get_context_data(
            b=b,
            edit_form=kwargs.pop("edit_form", None)
            or forms.BulletinEditForm(
                initial={k: getattr(b, k) for k in forms.BulletinEditForm.base_fields}
            ),
            issue_form=kwargs.pop("issue_form", None) or forms.IssueForm(),
            can_edit=policies.bulletins.can(self.request.user, "edit", b) and b.state == "draft",
            documents=services.documents_of(b),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        self.bulletin = b = self.get_bulletin()
        if not policies.bulletins.can(request.user, "edit", b):
            raise PermissionDenied
        extra: dict[str, Any] = {}
        if "draft_document" in request.POST:
            try:
                document = services.draft_bulletin_document(actor=request.user, bulletin=b)
            except (RuleViolation, ConflictError) as exc:
                return _back(request, exc)
            messages.success(request, f"已生成发文稿《{document.title}》，请在发文模块中送审。")
            return htmx_redirect(request, reverse("outgoing:detail", args=[document.uuid]))
        if "document_number" in request.POST:
            form: Any = forms.IssueForm(request.POST)
            extra["issue_form"] = form
            call = lambda d: services.issue_bulletin(actor=request.user, bulletin=b, **d)  # noqa: E731
        else:
            form = forms.BulletinEditForm(request.POST)
            extra["edit_form"] = form
            version = request.POST.get("version", "")
            call = lambda d: services.edit_bulletin(  # noqa: E731
                actor=request.user,
                bulletin=b,
                expected_version=int(version) if version.isdigit() else None,
                **d,
            )
        if form.is_valid():
            try:
                call(form.cleaned_data)
                return htmx_redirect(request, reverse("supervision:bulletin_detail", args=[b.uuid]))
            except RuleViolation as exc:
                add_rule_errors(form, exc)
            except ConflictError as exc:
                form.add_error(None, exc.message)
        response = self.render_to_response(self.get_context_data(**extra))
        response.status_code = 422
        return response


class BulletinFileView(BulletinDetailView):
    def get(self, request, *args, **kwargs):
        b = self.get_bulletin()
        field = b.chart if kwargs["what"] == "chart" else b.document
        if not field:
            raise Http404
        name = f"{b.title}.{'png' if kwargs['what'] == 'chart' else 'docx'}"
        return FileResponse(
            field.open("rb"), as_attachment=kwargs["what"] != "chart", filename=name
        )
