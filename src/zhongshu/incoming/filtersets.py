"""One FilterSet serves the HTML list, the Excel export and the API list."""

from __future__ import annotations

import datetime as dt

import django_filters as filters
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhongshu.documents.choices import Kind, Urgency
from zhongshu.framework import search
from zhongshu.tracking.choices import Colour

from .choices import DocState, TaskState
from .models import HandlingTask, IncomingDocument

SORTS = {
    "-received_at": _("最新收文"),
    "received_at": _("最早收文"),
    "-register_seq": _("收文编号倒序"),
}


class IncomingFilterSet(filters.FilterSet):
    q = filters.CharFilter(label=_("检索"), method="search")
    state = filters.ChoiceFilter(label=_("状态"), choices=DocState.choices)
    kind = filters.ChoiceFilter(label=_("文种"), choices=Kind.choices)
    urgency = filters.ChoiceFilter(label=_("紧急程度"), choices=Urgency.choices)
    sender = filters.UUIDFilter(label=_("来文单位"), field_name="sender_unit__uuid")
    handler = filters.UUIDFilter(label=_("承办单位"), method="handled_by")
    colour = filters.ChoiceFilter(label=_("预警"), choices=Colour.choices, method="by_colour")
    received_after = filters.DateFilter(label=_("收文日期起"), method="after")
    received_before = filters.DateFilter(label=_("收文日期止"), method="before")
    sort = filters.ChoiceFilter(
        label=_("排序"), choices=list(SORTS.items()), method="sort_by", empty_label=_("默认排序")
    )

    class Meta:
        model = IncomingDocument
        fields: list[str] = []

    def search(self, queryset, name, value):
        return search.filter(queryset, value)

    def handled_by(self, queryset, name, value):
        return queryset.filter(
            Exists(HandlingTask.objects.filter(document_id=OuterRef("pk"), unit__uuid=value))
        )

    def by_colour(self, queryset, name, value):
        return queryset.filter(
            Exists(
                HandlingTask.objects.filter(
                    document_id=OuterRef("pk"), state=TaskState.OPEN, item__colour=value
                )
            )
        )

    def after(self, queryset, name, value):
        return queryset.filter(received_at__gte=_start(value))

    def before(self, queryset, name, value):
        return queryset.filter(received_at__lt=_start(value) + dt.timedelta(days=1))

    def sort_by(self, queryset, name, value):
        return queryset.order_by(value, "-id" if value.startswith("-") else "id")


def _start(day):
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def filter_choices():
    from zhongshu.org.models import Unit

    units = [
        (str(uuid), name)
        for uuid, name in Unit.objects.filter(archived_at__isnull=True)
        .order_by("sort_order", "id")
        .values_list("uuid", "short_name")
    ]
    return [
        ("state", _("状态"), DocState.choices),
        ("kind", _("文种"), Kind.choices),
        ("urgency", _("紧急程度"), Urgency.choices),
        ("colour", _("预警"), Colour.choices),
        ("sender", _("来文单位"), units),
        ("handler", _("承办单位"), units),
    ]
