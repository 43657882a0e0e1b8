from __future__ import annotations

from django.views.generic import TemplateView

from zhongshu.framework.views import BusinessViewMixin


class HomeView(BusinessViewMixin, TemplateView):
    """我的工作台. The tracking engine fills its lists (issue: time, rules and tracking)."""

    template_name = "workbench/home.html"


class SearchView(BusinessViewMixin, TemplateView):
    template_name = "workbench/search.html"
