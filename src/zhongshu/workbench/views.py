"""我的工作台: the home page with its cards and 待办, each list on its own page
(filter, sort, pages through htmx, Excel), the leader's view and the top-bar search."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.views.generic import TemplateView

from zhongshu.framework.views import BusinessViewMixin, PartialTemplateMixin
from zhongshu.tracking import policies
from zhongshu.tracking.acting import reach_of
from zhongshu.tracking.counts import counts_for
from zhongshu.tracking.export import items_workbook, local, workbook_response
from zhongshu.tracking.filtersets import TrackedItemFilterSet, filter_choices
from zhongshu.tracking.views_common import first_rows, page_of, rows, wants_excel

from . import lists

HOME_ROWS = 10


class HomeView(BusinessViewMixin, TemplateView):
    template_name = "workbench/home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        reach = reach_of(self.request.user)
        counts = lists.card_counts(reach) if reach.person else {}
        todo = first_rows(lists.todo(reach).order_by("due_at", "id"), HOME_ROWS) if counts else []
        pending = counts_for(reach)
        approvals = list(lists.approvals(reach)[:HOME_ROWS]) if pending["approvals"] else []
        reading = (
            list(lists.queryset_for("to_read", reach).order_by("-requested_at")[:5])
            if counts.get("to_read")
            else []
        )
        return super().get_context_data(
            reach=reach,
            counts=counts,
            todo=todo,
            approvals=approvals,
            reading=reading,
            cards=[
                (key, lists.LISTS[key].label)
                for key in ("todo", "to_read", "due_soon", "overdue", "started")
            ],
            is_leader=lists.shows_leader_view(reach),
            **kwargs,
        )


class ListView(BusinessViewMixin, PartialTemplateMixin, TemplateView):
    """One workbench list: /list/<key>/ with the item filters, sort, pages, Excel."""

    template_name = "workbench/list.html"

    def get_template_names(self) -> list[str]:
        if self.request.htmx and not self.request.htmx.boosted:
            return [f"workbench/_{self.worklist.row}_table.html"]
        return [self.template_name]

    def get(self, request, *args, **kwargs):
        self.worklist = lists.LISTS.get(kwargs["key"])
        if self.worklist is None:
            raise Http404
        reach = reach_of(request.user)
        qs = lists.queryset_for(self.worklist.key, reach).order_by(*self.worklist.default_sort)
        if self.worklist.row == "item":
            if request.GET:  # the filter bar reads request.GET; unfiltered, no FilterSet is built
                qs = TrackedItemFilterSet(request.GET, queryset=qs, request=request).qs
        elif request.GET.get("q"):
            field = "item__subject" if self.worklist.row == "chase" else "subject"
            qs = qs.filter(**{f"{field}__contains": request.GET["q"].strip()})
        if wants_excel(request):
            return self.export(qs)
        self.page, self.querystring = page_of(request, qs, count=self.known_count(reach))
        return super().get(request, *args, **kwargs)

    def known_count(self, reach) -> int | None:
        """An unfiltered 待办, 即将到期 or 已超期 list is as long as its home card says: the
        cards' one query (index-only, and it serves the top bar too) replaces the count."""
        card = {"todo": "items", "due_soon": "yellow", "overdue": "red"}.get(self.worklist.key)
        if card is None or set(self.request.GET) - {"page"}:
            return None
        return counts_for(reach)[card]

    def export(self, qs):
        name = str(self.worklist.label)
        if self.worklist.row == "item":
            return items_workbook(name, name, qs.iterator(chunk_size=1000))
        if self.worklist.row == "chase":
            header = ("催办时间", "事项", "被催办", "方式", "内容", "答复", "答复时间")
            rows = (
                (
                    local(c.chased_at),
                    c.item.subject,
                    c.target.name if c.target_id else c.target_unit.short_name,
                    c.get_method_display(),
                    c.message,
                    c.answer,
                    local(c.answered_at),
                )
                for c in qs.iterator(chunk_size=1000)
            )
        else:
            header = ("送阅时间", "标题", "送阅人")
            rows = (
                (local(r.requested_at), r.subject, r.requested_by.name if r.requested_by_id else "")
                for r in qs.iterator(chunk_size=1000)
            )
        return workbook_response(name, name, header, rows)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            worklist=self.worklist,
            page_obj=self.page,
            object_list=self.page.object_list,
            querystring=self.querystring,
            filter_choices=filter_choices(),
            lists=lists.LISTS.values(),
            **kwargs,
        )


class LeaderView(BusinessViewMixin, TemplateView):
    """A leader's view: open items by colour per unit and per portfolio (分管)."""

    template_name = "workbench/leader.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        reach = reach_of(self.request.user)
        if not lists.is_leader(reach):
            raise Http404
        units = lists.colour_by_unit(reach)
        overdue = first_rows(lists.queryset_for("leader", reach).order_by("due_at", "id"), 20)
        return super().get_context_data(
            units=units,
            portfolios=lists.colour_by_portfolio(reach, units),
            overdue=overdue,
            **kwargs,
        )


class SearchView(BusinessViewMixin, TemplateView):
    """Top-bar search: subjects of the items the user may see (words AND-ed)."""

    template_name = "workbench/search.html"
    LIMIT = 50

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        query = self.request.GET.get("q", "").strip()[:100]
        found = []
        if query:
            qs = rows(policies.items.visible_to(self.request.user))
            filterset = TrackedItemFilterSet({"q": query}, queryset=qs, request=self.request)
            found = list(filterset.qs.order_by("-created_at", "-id")[: self.LIMIT])
        return super().get_context_data(query=query, object_list=found, limit=self.LIMIT, **kwargs)
