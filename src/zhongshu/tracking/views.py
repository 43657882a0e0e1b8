"""The tracking pages: the item list, an item with its actions, a directly assigned
task, notifications and read requests. Views parse and render; services act."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import TemplateView

from zhongshu.clock import engine
from zhongshu.framework.errors import ConflictError, RuleViolation
from zhongshu.framework.views import (
    BusinessViewMixin,
    PartialTemplateMixin,
    add_rule_errors,
    htmx_redirect,
    message_rule_errors,
)

from . import deadlines, forms, policies, registry, services, transitions
from .actions import ACTIONS, STATE_OF, perform
from .choices import OPEN_STATES
from .export import items_workbook
from .filtersets import TrackedItemFilterSet, filter_choices
from .models import Chase, Extension, Notification, TrackedItem
from .sqlsets import literal_in
from .views_common import ITEM_RELATED, page_of, rows, wants_excel


class ItemListView(BusinessViewMixin, PartialTemplateMixin, TemplateView):
    """Every item the user may see (supervisors: all), filtered, sorted, paged, exported."""

    template_name = "tracking/item_list.html"
    partial_template_name = "tracking/_item_table.html"

    def get(self, request, *args, **kwargs):
        qs = rows(policies.items.visible_to(request.user))
        if not request.GET.get("state"):
            qs = qs.filter(literal_in("state", OPEN_STATES))  # open items unless asked
        # The filter bar reads request.GET; unfiltered, no FilterSet is built.
        items = (
            TrackedItemFilterSet(request.GET, queryset=qs, request=request).qs
            if request.GET
            else qs
        )
        if wants_excel(request):
            return items_workbook("跟踪事项", "跟踪事项", items.iterator(chunk_size=1000))
        self.page, self.querystring = page_of(request, items)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            page_obj=self.page,
            object_list=self.page.object_list,
            querystring=self.querystring,
            filter_choices=filter_choices(),
            can_create=policies.items.can(self.request.user, "create"),
            **kwargs,
        )


# --- one item and its actions -----------------------------------------------------------------
def available_actions(user, item: TrackedItem) -> list[str]:
    found = []
    for action, (_form, verb) in ACTIONS.items():
        state = STATE_OF.get(action)
        if state and not transitions.allowed(item, state):
            continue
        if not item.is_open and action not in STATE_OF:
            continue
        if action == "resume" and not item.is_suspended:
            continue
        if action == "suspend" and item.is_suspended:
            continue
        if policies.items.can(user, verb, item):
            found.append(action)
    return found


class ItemDetailView(BusinessViewMixin, TemplateView):
    template_name = "tracking/item_detail.html"

    def get_item(self) -> TrackedItem:
        qs = policies.items.visible_to(self.request.user).select_related(
            *ITEM_RELATED, "creator", "approver", "parent", "responsible__unit"
        )
        try:
            return qs.get(uuid=self.kwargs["uuid"])
        except TrackedItem.DoesNotExist as exc:
            raise Http404 from exc

    def get(self, request, *args, **kwargs):
        self.item = self.get_item()
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        item = self.item
        actions = available_actions(self.request.user, item)
        bound = kwargs.pop("bound", {})
        action_forms = {
            name: bound.get(name) or (ACTIONS[name][0]() if ACTIONS[name][0] else None)
            for name in actions
        }
        if "lists" in action_forms and "lists" not in bound:
            action_forms["lists"] = forms.ListsForm(initial=_lists_initial(item))
        return super().get_context_data(
            item=item,
            kind=registry.kind_of(item.kind),
            actions=action_forms,
            error_action=kwargs.pop("error_action", ""),
            reports=item.reports.select_related("reporter", "on_behalf_of").prefetch_related(
                "attachments"
            ),
            chases=item.chases.select_related("chaser", "target", "target_unit", "on_behalf_of"),
            extensions=item.extensions.select_related("requested_by", "decided_by", "approver"),
            suspensions=item.suspensions.select_related("approved_by"),
            units=item.item_units.select_related("unit"),
            children=item.children.select_related("lead_unit", "responsible"),
            can_answer={
                c.pk
                for c in item.chases.filter(answered_at__isnull=True)
                if policies.items.can(self.request.user, "answer_chase", c)
            },
            can_decide=policies.items.can(self.request.user, "decide_extension", item),
            office_hours=engine.office_hours(),
            yellow_days=deadlines.yellow_days(),
            **kwargs,
        )


def _lists_initial(item: TrackedItem) -> dict[str, str]:
    data = {name: "\n".join(getattr(item, name)) for name in forms.ListsForm.NAMES}
    return {**data, "target": item.target}


class ItemActionView(ItemDetailView):
    """POST /tracking/items/<uuid>/<action>/: one form, one service call."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        action = kwargs["action"]
        if action not in ACTIONS:
            raise Http404
        self.item = self.get_item()
        form_class, verb = ACTIONS[action]
        if not policies.items.can(request.user, verb, self.item):
            raise PermissionDenied
        form = form_class(request.POST, request.FILES) if form_class else None
        if form is None or form.is_valid():
            data = dict(form.cleaned_data) if form else {}
            try:
                perform(action, request.user, self.item, data, _version(request))
                return htmx_redirect(
                    request, reverse("tracking:item_detail", args=[self.item.uuid])
                )
            except RuleViolation as exc:
                form = form or forms.OpinionForm({})
                form.is_valid()
                add_rule_errors(form, exc)
            except ConflictError as exc:
                form = form or forms.OpinionForm({})
                form.is_valid()
                form.add_error(None, exc.message)
        self.item.refresh_from_db()
        response = self.render_to_response(
            self.get_context_data(bound={action: form}, error_action=action)
        )
        response.status_code = 422
        return response


def _version(request) -> int | None:
    raw = request.POST.get("version", "")
    return int(raw) if raw.isdigit() else None


class ChaseAnswerView(BusinessViewMixin, View):
    def post(self, request, uuid):
        chase = get_object_or_404(
            Chase.objects.filter(item__in=policies.items.visible_to(request.user)).select_related(
                "item"
            ),
            uuid=uuid,
        )
        if not policies.items.can(request.user, "answer_chase", chase):
            raise PermissionDenied
        form = forms.AnswerForm(request.POST)
        form.is_valid()
        return _act(
            request,
            chase.item,
            lambda: services.answer_chase(
                actor=request.user, chase=chase, answer=form.cleaned_data.get("answer", "")
            ),
        )


class ExtensionDecideView(BusinessViewMixin, View):
    def post(self, request, uuid):
        extension = get_object_or_404(
            Extension.objects.filter(
                item__in=policies.items.visible_to(request.user)
            ).select_related("item"),
            uuid=uuid,
        )
        if not policies.items.can(request.user, "decide_extension", extension.item):
            raise PermissionDenied
        form = forms.DecisionForm(request.POST)
        if not form.is_valid():
            return _act(request, extension.item, lambda: None)
        return _act(
            request,
            extension.item,
            lambda: services.decide_extension(
                actor=request.user,
                extension=extension,
                approve=form.cleaned_data["approve"],
                opinion=form.cleaned_data["opinion"],
            ),
        )


def _act(request, item, call):

    try:
        call()
    except RuleViolation as exc:
        message_rule_errors(request, exc)
    return htmx_redirect(request, reverse("tracking:item_detail", args=[item.uuid]))


class ItemCreateView(BusinessViewMixin, TemplateView):
    template_name = "tracking/item_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not policies.items.can(request.user, "create"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=forms.TaskForm()))

    def post(self, request, *args, **kwargs):
        form = forms.TaskForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                item = services.create_item(
                    actor=request.user,
                    kind=registry.TASK,
                    subject=data["subject"],
                    lead_unit=data["lead_unit"],
                    responsible=data["responsible"],
                    deadline=deadlines.deadline_from(data["amount"], data["unit"], _now()),
                    priority=data["priority"],
                    urgency=data["urgency"],
                    report_cadence=data["report_cadence"],
                    target=data["target"],
                )
                return htmx_redirect(request, reverse("tracking:item_detail", args=[item.uuid]))
            except RuleViolation as exc:
                add_rule_errors(form, exc)
        response = self.render_to_response(self.get_context_data(form=form))
        response.status_code = 422
        return response


def _now():
    from django.utils import timezone

    return timezone.now()


# --- notifications and read requests ------------------------------------------------------------
class NotificationListView(BusinessViewMixin, PartialTemplateMixin, TemplateView):
    template_name = "tracking/notification_list.html"
    partial_template_name = "tracking/_notification_table.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        qs = policies.notifications.visible_to(self.request.user).select_related(
            "recipient", "item"
        )
        if self.request.GET.get("unread"):
            qs = qs.filter(read_at__isnull=True)
        page, querystring = page_of(self.request, qs.order_by("-created_at", "-id"), 30)
        person = getattr(self.request.user, "person", None)
        return super().get_context_data(
            page_obj=page,
            object_list=page.object_list,
            querystring=querystring,
            me_id=person.pk if person else None,
            **kwargs,
        )


class NotificationOpenView(BusinessViewMixin, View):
    """Mark read and go to what the notification is about."""

    def post(self, request, uuid):
        note = get_object_or_404(policies.notifications.visible_to(request.user), uuid=uuid)
        services.mark_notification_read(actor=request.user, notification=note)
        return htmx_redirect(request, link_of(note))


class NotificationReadAllView(BusinessViewMixin, View):
    def post(self, request):
        services.mark_all_notifications_read(actor=request.user)
        return htmx_redirect(request, reverse("tracking:notification_list"))


def link_of(note: Notification) -> str:
    if note.link and url_has_allowed_host_and_scheme(note.link, allowed_hosts=None):
        return note.link
    if note.item_id:
        return reverse("tracking:item_detail", args=[note.item.uuid])
    return reverse("tracking:notification_list")


class ReadRequestOpenView(BusinessViewMixin, View):
    def post(self, request, uuid):
        read = get_object_or_404(
            policies.read_requests.visible_to(request.user).select_related("item"), uuid=uuid
        )
        services.mark_read(actor=request.user, read_request=read)
        link = read.link if url_has_allowed_host_and_scheme(read.link, allowed_hosts=None) else ""
        if not link and read.item_id:
            link = registry.kind_of(read.item.kind).url_of(read.item)
        return HttpResponseRedirect(link or reverse("workbench:home"))
