from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ..choices import DayKind
from ..engine import METHODS
from ..index import MAX_YEAR, MIN_YEAR
from ..models import CalendarYear

MAX_DAYS = 400


class CalendarDaySerializer(serializers.Serializer):
    date = serializers.DateField()
    kind = serializers.ChoiceField(choices=DayKind.choices)
    holiday_name = serializers.CharField()
    is_working_day = serializers.BooleanField()
    provisional = serializers.BooleanField()


class CalendarYearSerializer(serializers.ModelSerializer):
    entered_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = CalendarYear
        fields = ["uuid", "year", "status", "notice", "entered_by", "entered_at"]


class AmountField(serializers.FloatField):
    """Days stay integers in the output; hours may be fractional."""

    def to_representation(self, value):
        return value


class DeadlineSerializer(serializers.Serializer):
    due = serializers.DateTimeField()
    start = serializers.DateTimeField()
    method = serializers.ChoiceField(choices=METHODS)
    amount = AmountField()
    rule = serializers.CharField(allow_null=True)
    params = serializers.DictField()
    provisional = serializers.BooleanField()
    basis = serializers.CharField(
        source="describe", help_text=_("依据，如“7个工作日（DOC-IN-10）”")
    )


class DaysQuerySerializer(serializers.Serializer):
    first = serializers.DateField()
    last = serializers.DateField()

    def validate(self, data):
        first, last = data["first"], data["last"]
        if last < first:
            raise serializers.ValidationError({"to": _("结束日期早于开始日期。")})
        if (last - first).days >= MAX_DAYS:
            raise serializers.ValidationError({"to": _("一次最多查询400天。")})
        if first.year < MIN_YEAR or last.year > MAX_YEAR:
            raise serializers.ValidationError({"from": _("日期须在2000–2099年之间。")})
        return data


class DeadlineQuerySerializer(serializers.Serializer):
    start = serializers.DateTimeField()
    method = serializers.ChoiceField(choices=METHODS, default="working_days")
    amount = serializers.FloatField(required=False, min_value=0, max_value=3650)
    rule = serializers.CharField(required=False, max_length=40)
    param = serializers.CharField(required=False, default="days", max_length=60)
    profile = serializers.CharField(required=False, max_length=40)
    office_end = serializers.TimeField(required=False)
    at = serializers.TimeField(required=False)

    def validate(self, data):
        if "rule" not in data and "amount" not in data:
            raise serializers.ValidationError({"amount": _("请给出 amount 或 rule。")})
        if "rule" not in data and data["method"] == "anchored" and "at" not in data:
            raise serializers.ValidationError({"at": _("锚定时限须给出时刻 at，如 12:00。")})
        amount = data.get("amount")
        if amount is not None and data["method"] != "hours" and not float(amount).is_integer():
            raise serializers.ValidationError({"amount": _("天数须为整数。")})
        if amount is not None and data["method"] == "working_days" and amount < 1:
            raise serializers.ValidationError({"amount": _("工作日天数至少为1。")})
        return data
