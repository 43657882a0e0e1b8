"""Thin generic views: the policy narrows every queryset, one FilterSet serves the HTML
list and the API list, and the same view answers a full page or an htmx partial.

A module's views are a few lines each::

    class PersonListView(ObjectListView):
        policy = PersonPolicy()
        filterset_class = PersonFilterSet
        template_name = "org/person_list.html"
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.views import View
from django.views.generic import TemplateView

from .errors import ConflictError, RuleViolation
from .policies import Policy, is_business_user


def is_partial(request) -> bool:
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.boosted


def htmx_redirect(request, url: str) -> HttpResponse:
    """After a successful POST: htmx follows ``HX-Location``, a plain form a 303."""
    if getattr(request, "htmx", None):
        response = HttpResponse(status=204)
        response["HX-Location"] = url
        return response
    return redirect(url)


class BusinessViewMixin(LoginRequiredMixin):
    """Only business users (not the three administrators) reach business pages."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_business_user(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def add_rule_errors(
    form, exc: RuleViolation, *, on_fields: bool = True, rename: dict | None = None
) -> None:
    """Each broken rule as 消息（规则） beside its field when the form has that field (a
    service's field name mapped by ``rename``; ``None`` there means the whole form), else
    on the form; ``on_fields=False`` puts them all on the form."""
    for violation in exc.violations:
        name = violation.field
        if rename is not None:
            name = rename.get(name or "", name)
        form.add_error(name if on_fields and name in form.fields else None, violation.text)


def message_rule_errors(request, exc: RuleViolation) -> None:
    """Each broken rule as an error message on the next page."""
    from django.contrib import messages

    for violation in exc.violations:
        messages.error(request, violation.text)


class PartialTemplateMixin:
    """Render ``partial_template_name`` for htmx requests, the full page otherwise."""

    partial_template_name: str | None = None

    def get_template_names(self) -> list[str]:
        if self.partial_template_name and is_partial(self.request):  # type: ignore[attr-defined]
            return [self.partial_template_name]
        return super().get_template_names()  # type: ignore[misc]


class ObjectListView(BusinessViewMixin, PartialTemplateMixin, TemplateView):
    policy: Policy
    filterset_class: Any = None
    paginate_by = 50
    ordering: tuple[str, ...] = ()
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()

    def get_queryset(self):
        qs = self.policy.visible_to(self.request.user)
        if self.select_related:
            qs = qs.select_related(*self.select_related)
        if self.prefetch_related:
            qs = qs.prefetch_related(*self.prefetch_related)
        if self.ordering:
            qs = qs.order_by(*self.ordering)
        return qs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        qs = self.get_queryset()
        filterset = None
        if self.filterset_class is not None:
            filterset = self.filterset_class(
                self.request.GET or None, queryset=qs, request=self.request
            )
            qs = filterset.qs
        paginator = Paginator(qs, self.paginate_by)
        page = paginator.get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            filterset=filterset,
            page_obj=page,
            object_list=page.object_list,
            querystring=query.urlencode(),
        )
        return context


class ObjectDetailView(BusinessViewMixin, PartialTemplateMixin, TemplateView):
    policy: Policy
    context_object_name = "object"

    def get_object(self):
        qs = self.policy.visible_to(self.request.user)
        try:
            return qs.get(uuid=self.kwargs["uuid"])
        except (qs.model.DoesNotExist, ValueError, KeyError) as exc:
            raise Http404 from exc

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        self.object = self.get_object()
        context[self.context_object_name] = self.object
        context["object"] = self.object
        return context


class ServiceFormView(BusinessViewMixin, PartialTemplateMixin, TemplateView):
    """A form whose valid data goes to one service call.

    Subclasses set ``form_class`` and implement ``perform(form)`` (call the service,
    return the URL to go to) and, for edits, ``get_object``. Rule violations and
    conflicts come back as form errors: nothing the user typed is lost.
    """

    form_class: Any
    verb: str = "create"
    policy: Policy | None = None

    def get_object(self):
        return None

    def check_permission(self, obj) -> None:
        if self.policy is not None and not self.policy.can(self.request.user, self.verb, obj):
            raise PermissionDenied

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = {}
        if self.request.method == "POST":
            kwargs.update(data=self.request.POST, files=self.request.FILES)
        return kwargs

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        self.check_permission(self.object)
        return self.render_to_response(
            self.get_context_data(form=self.form_class(**self.get_form_kwargs()))
        )

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        self.check_permission(self.object)
        form = self.form_class(**self.get_form_kwargs())
        if form.is_valid():
            try:
                return htmx_redirect(request, self.perform(form))
            except RuleViolation as exc:
                add_rule_errors(form, exc)
            except ConflictError as exc:
                form.add_error(None, exc.message)
        response = self.render_to_response(self.get_context_data(form=form))
        response.status_code = 422
        return response

    def perform(self, form) -> str:
        raise NotImplementedError("ServiceFormView subclasses implement perform()")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        return context


class ServiceActionView(BusinessViewMixin, View):
    """A POST-only action button (archive, approve…) that calls one service."""

    policy: Policy
    verb: str

    def get_object(self):
        qs = self.policy.visible_to(self.request.user)
        try:
            return qs.get(uuid=self.kwargs["uuid"])
        except (qs.model.DoesNotExist, ValueError) as exc:
            raise Http404 from exc

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        if not self.policy.can(request.user, self.verb, obj):
            raise PermissionDenied
        from django.contrib import messages

        try:
            url = self.perform(obj)
        except RuleViolation as exc:
            message_rule_errors(request, exc)
            url = request.headers.get("Referer") or "/"
        except ConflictError as exc:
            messages.error(request, exc.message)
            url = request.headers.get("Referer") or "/"
        return htmx_redirect(request, url)

    def perform(self, obj) -> str:
        raise NotImplementedError("ServiceActionView subclasses implement perform()")
