"""People: the directory, a person's page, forms, posts held, and the pickers."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from zhongshu.framework.views import (
    BusinessViewMixin,
    ObjectDetailView,
    ObjectListView,
    is_partial,
)

from .. import services
from ..filtersets import PersonFilterSet
from ..forms import PersonForm, PositionForm, initial_from, sections_of
from ..models import Position, Post
from ..policies import (
    DelegationPolicy,
    PersonPolicy,
    PortfolioPolicy,
    PositionPolicy,
    can_export,
    is_org_manager,
)
from ..tree import active_unit_options_html
from .base import OrgActionView, OrgFormView

PICKER_LIMIT = 20


def current_positions():
    """Prefetch of the posts held today, for lists: one query for the whole page, and
    only the columns a list shows (a page of 50 people reads fast)."""
    positions = Position.objects.active().select_related("post").order_by("post__rank", "id")
    return Prefetch(
        "positions",
        queryset=positions.only("person_id", "post__name", "post__code"),
        to_attr="current_positions",
    )


LISTED_FIELDS = ("uuid", "name", "unit", "section", "mobile", "office_phone", "archived_at")


class PersonListView(ObjectListView):
    policy = PersonPolicy()
    filterset_class = PersonFilterSet
    template_name = "org/person_list.html"
    partial_template_name = "org/_person_table.html"
    select_related = ("unit", "section")
    ordering = ("unit_id", "sort_order", "id")  # grouped by unit (index org_person_list_idx)

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .only(*LISTED_FIELDS, "unit__short_name", "section__name")
            .prefetch_related(current_positions())
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        chosen_unit = self.request.GET.get("unit", "")
        full_page = not is_partial(self.request)  # the toolbar is not re-rendered by htmx
        context.update(
            unit_options=active_unit_options_html(chosen_unit) if full_page else "",
            post_choices=Post.objects.all() if full_page else [],
            section_choices=sections_of(chosen_unit, user).only("uuid", "name"),
            chosen_unit=chosen_unit,
            can_manage=PersonPolicy().can_manage_any(user),
            can_import=is_org_manager(user),
            can_export=can_export(user),
            is_manager=is_org_manager(user),
        )
        return context


class PersonDetailView(ObjectDetailView):
    policy = PersonPolicy()
    template_name = "org/person_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        person, user = self.object, self.request.user
        positions = PositionPolicy().visible_to(user).filter(person=person)
        active = set(Position.objects.active().filter(person=person).values_list("pk", flat=True))
        delegations = DelegationPolicy().visible_to(user).filter(delegator=person) | (
            DelegationPolicy().visible_to(user).filter(delegate=person)
        )
        context.update(
            positions=positions.select_related("post", "unit", "section").order_by(
                "ended_on", "post__rank"
            ),
            active_positions=active,
            portfolios=PortfolioPolicy()
            .visible_to(user)
            .filter(leader=person)
            .prefetch_related("units"),
            delegations=delegations.select_related("delegator__unit", "delegate__unit"),
            can_change=PersonPolicy().can_change(user, person),
            can_archive=PersonPolicy().can_archive(user, person),
            can_restore=PersonPolicy().can_restore(user, person),
        )
        return context


class ManagedPersonMixin:
    """Edit pages reach only the people the user may keep: no permission at all is a
    403; a person outside a scoped manager's units is a 404."""

    def get_person(self, uuid):
        policy, user = PersonPolicy(), self.request.user  # type: ignore[attr-defined]
        if not policy.can_manage_any(user):
            raise PermissionDenied
        qs = policy.manageable(user)
        try:
            return qs.select_related("unit").get(uuid=uuid)
        except (qs.model.DoesNotExist, ValueError) as exc:
            raise Http404 from exc


class PersonCreateView(OrgFormView):
    policy = PersonPolicy()
    form_class = PersonForm
    title = _("新建人员")

    def get_initial(self):
        unit = self.request.GET.get("unit")
        return {"unit": unit} if unit else {}

    def perform(self, form) -> str:
        person = services.create_person(actor=self.request.user, **form.changes())
        return self.done(_("已新建人员。"), reverse("org:person_detail", args=[person.uuid]))


class PersonEditView(ManagedPersonMixin, OrgFormView):
    policy = PersonPolicy()
    form_class = PersonForm
    verb = "change"

    def get_object(self):
        return self.get_person(self.kwargs["uuid"])

    def get_title(self):
        return _("编辑人员：%s") % self.object.label

    def get_initial(self):
        return initial_from(self.object, PersonForm.base_fields.keys() - {"version"})

    def perform(self, form) -> str:
        services.update_person(
            actor=self.request.user,
            person=self.object,
            expected_version=form.expected_version,
            changes=form.changes(),
        )
        return self.done(_("已保存。"), reverse("org:person_detail", args=[self.object.uuid]))


class PersonArchiveView(ManagedPersonMixin, OrgActionView):
    policy = PersonPolicy()
    verb = "archive"
    message = _("人员已归档，其职务已结束。")

    def get_object(self):
        return self.get_person(self.kwargs["uuid"])

    def perform(self, obj) -> str:
        services.archive_person(actor=self.request.user, person=obj)
        return self.done(reverse("org:person_list"))


class PersonRestoreView(OrgActionView):
    policy = PersonPolicy()
    verb = "restore"
    message = _("人员已恢复，请重新登记职务。")

    def perform(self, obj) -> str:
        services.restore_person(actor=self.request.user, person=obj)
        return self.done(reverse("org:person_detail", args=[obj.uuid]))


class PositionCreateView(ManagedPersonMixin, OrgFormView):
    policy = PositionPolicy()
    form_class = PositionForm

    def get_object(self):
        self.person = self.get_person(self.kwargs["uuid"])
        return None

    def check_permission(self, obj) -> None:
        if not PersonPolicy().can_change(self.request.user, self.person):
            raise PermissionDenied

    def get_title(self):
        return _("登记职务：%s") % self.person.label

    def get_initial(self):
        return {"unit": self.person.unit, "section": self.person.section}

    def perform(self, form) -> str:
        services.assign_position(actor=self.request.user, person=self.person, **form.cleaned_data)
        return self.done(_("已登记职务。"), reverse("org:person_detail", args=[self.person.uuid]))


class PositionEndView(ManagedPersonMixin, OrgActionView):
    policy = PositionPolicy()
    verb = "end"
    message = _("职务已结束。")

    def get_object(self):
        qs = PositionPolicy().visible_to(self.request.user)
        try:
            position = qs.select_related("person").get(uuid=self.kwargs["uuid"])
        except (qs.model.DoesNotExist, ValueError) as exc:
            raise Http404 from exc
        self.get_person(position.person.uuid)  # 403 or 404 outside the user's scope
        return position

    def perform(self, obj) -> str:
        services.end_position(actor=self.request.user, position=obj)
        return self.done(reverse("org:person_detail", args=[obj.person.uuid]))


class PersonPickerView(BusinessViewMixin, View):
    """``org:person_picker``: people whose name contains ``q``, each with their unit.
    htmx gets ``<option>`` elements for the select beside the search box; JSON callers
    (``?format=json`` or ``Accept: application/json``) get ``{"results": [...]}``."""

    def get(self, request):
        query = (request.GET.get("picker_q") or request.GET.get("q") or "").strip()
        people = []
        if query:
            qs = PersonPolicy().visible_to(request.user).filter(archived_at__isnull=True)
            qs = qs.filter(name__icontains=query).select_related("unit")
            people = list(qs.order_by("name", "unit__sort_order", "id")[:PICKER_LIMIT])
        if request.GET.get("format") == "json" or "application/json" in request.headers.get(
            "Accept", ""
        ):
            results = [
                {"uuid": str(p.uuid), "name": p.name, "unit": p.unit.short_name, "label": p.label}
                for p in people
            ]
            return JsonResponse({"results": results})
        return render(request, "org/_person_options.html", {"people": people, "query": query})


class SectionOptionsView(BusinessViewMixin, View):
    """The section ``<option>``s of the unit chosen in a form (htmx)."""

    def get(self, request):
        sections = sections_of(request.GET.get("unit", ""), request.user)
        return render(request, "org/_section_options.html", {"sections": sections})
