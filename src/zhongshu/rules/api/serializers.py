from __future__ import annotations

from rest_framework import serializers

from ..choices import Kind, Module


class RuleParameterSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    type = serializers.CharField(help_text="int, float, bool, str, time, duration, choice, list")
    unit = serializers.CharField(help_text="working_days, calendar_days, hours, minutes, …")
    unit_label = serializers.CharField()
    value = serializers.JSONField(
        help_text="当前值；时刻为 “17:30”，时长为 ISO 8601（PT4H），null 表示不限"
    )
    display = serializers.CharField(help_text="当前值的中文表述")
    default = serializers.JSONField()
    default_display = serializers.CharField()
    is_default = serializers.BooleanField()
    minimum = serializers.FloatField(allow_null=True)
    maximum = serializers.FloatField(allow_null=True)
    choices = serializers.ListField(child=serializers.ListField(child=serializers.CharField()))
    optional = serializers.BooleanField(help_text="可为 null（不限）")
    help = serializers.CharField()
    changed_by = serializers.CharField()
    changed_at = serializers.DateTimeField(allow_null=True)


class RuleSerializer(serializers.Serializer):
    """A rule (``RuleView``) in one profile."""

    id = serializers.CharField(source="rule.rule_id")
    module = serializers.ChoiceField(source="rule.module", choices=Module.choices)
    module_label = serializers.CharField()
    title = serializers.CharField(source="rule.title")
    text = serializers.CharField(source="rule.text")
    kinds = serializers.ListField(
        source="rule.kinds", child=serializers.ChoiceField(choices=Kind.choices)
    )
    kind_note = serializers.CharField(source="rule.kind_note")
    source = serializers.CharField(source="rule.source")
    source_label = serializers.CharField(source="rule.source_label")
    profile = serializers.CharField(source="profile.code")
    enabled = serializers.BooleanField()
    default_enabled = serializers.BooleanField()
    version = serializers.IntegerField(help_text="与 ETag 对应；修改参数时以 If-Match 提交")
    params = RuleParameterSerializer(many=True)


class RuleParamsUpdateSerializer(serializers.Serializer):
    params = serializers.DictField(
        child=serializers.JSONField(),
        required=False,
        help_text='参数名 → 新值，如 {"days": 10}',
    )
    enabled = serializers.BooleanField(required=False, help_text="在该配置中启用或停用本规则")

    def validate(self, attrs: dict) -> dict:
        if not attrs.get("params") and "enabled" not in attrs:
            raise serializers.ValidationError({"params": "请至少提交一个参数或启用状态。"})
        return attrs
