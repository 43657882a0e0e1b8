"""One filter set for the auditor's search page and the audit API."""

from __future__ import annotations

import django_filters
from django import forms

from .models import AuditRecord


class AuditRecordFilterSet(django_filters.FilterSet):
    occurred_after = django_filters.DateTimeFilter(
        field_name="occurred_at",
        lookup_expr="gte",
        label="起始时间",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    occurred_before = django_filters.DateTimeFilter(
        field_name="occurred_at",
        lookup_expr="lt",
        label="截止时间",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    actor = django_filters.CharFilter(field_name="actor_name", label="操作人（用户名）")
    event = django_filters.CharFilter(field_name="event", label="事件")
    object_type = django_filters.CharFilter(field_name="object_type", label="对象类型")
    object_id = django_filters.CharFilter(field_name="object_id", label="对象编号")
    object = django_filters.CharFilter(
        field_name="object_repr", lookup_expr="contains", label="对象名称包含"
    )
    request_id = django_filters.CharFilter(field_name="request_id", label="请求编号")

    class Meta:
        model = AuditRecord
        fields: list[str] = []

    def active_filters(self) -> dict[str, str]:
        """The filters in use, as plain strings (for the export's own audit record)."""
        if not self.is_bound or not self.form.is_valid():
            return {}
        return {k: str(v) for k, v in self.form.cleaned_data.items() if v not in (None, "")}
