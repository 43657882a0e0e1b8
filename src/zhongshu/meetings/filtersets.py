"""One FilterSet per list for the HTML pages and the API."""

from __future__ import annotations

import datetime as dt

import django_filters as filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import MeetingClass, MeetingState, MeetingType, TopicState
from .models import Meeting, Topic


class MeetingFilterSet(filters.FilterSet):
    q = filters.CharFilter(label=_("会议名称"), method="search")
    type = filters.ChoiceFilter(label=_("会议类型"), choices=MeetingType.choices)
    meeting_class = filters.ChoiceFilter(label=_("类别"), choices=MeetingClass.choices)
    state = filters.ChoiceFilter(label=_("状态"), choices=MeetingState.choices)
    year = filters.NumberFilter(label=_("年度"), field_name="year")
    starts_after = filters.DateFilter(label=_("开始日期起"), method="since")
    starts_before = filters.DateFilter(label=_("开始日期止"), method="until")
    unplanned = filters.BooleanFilter(label=_("计划外"))

    class Meta:
        model = Meeting
        fields: list[str] = []

    def search(self, queryset, name, value):
        query = Q()
        for word in value.split()[:5]:
            query &= Q(title__contains=word)
        return queryset.filter(query)

    # a range on starts_at (its index), not DATE(starts_at)
    def since(self, queryset, name, value):
        return queryset.filter(starts_at__gte=_day_start(value))

    def until(self, queryset, name, value):
        return queryset.filter(starts_at__lt=_day_start(value + dt.timedelta(days=1)))


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


class TopicFilterSet(filters.FilterSet):
    q = filters.CharFilter(label=_("议题名称"), method="search")
    state = filters.ChoiceFilter(label=_("状态"), choices=TopicState.choices)
    meeting_type = filters.ChoiceFilter(label=_("提请会议"), choices=MeetingType.choices)
    lead_unit = filters.UUIDFilter(label=_("牵头单位"), field_name="lead_unit__uuid")
    late = filters.BooleanFilter(label=_("申报不足时限"))

    class Meta:
        model = Topic
        fields: list[str] = []

    def search(self, queryset, name, value):
        query = Q()
        for word in value.split()[:5]:
            query &= Q(title__contains=word)
        return queryset.filter(query)
