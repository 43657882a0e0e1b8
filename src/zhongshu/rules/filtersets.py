from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet

from .choices import Kind, Module
from .models import Rule


class RuleFilterSet(django_filters.FilterSet):
    """One filter for the rules page and the API: module, kind and a search."""

    module = django_filters.ChoiceFilter(label="模块", choices=Module.choices)
    kind = django_filters.ChoiceFilter(label="类别", choices=Kind.choices, method="filter_kind")
    q = django_filters.CharFilter(label="搜索", method="filter_q")

    class Meta:
        model = Rule
        fields = ["module", "kind", "q"]

    def filter_kind(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(kind_tags__contains=f",{value},")

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()[:50]
        if not value:
            return queryset
        return queryset.filter(
            Q(rule_id__icontains=value)
            | Q(title__icontains=value)
            | Q(text__icontains=value)
            | Q(source_label__icontains=value)
        )
