from django.apps import AppConfig


class RulesConfig(AppConfig):
    name = "zhongshu.rules"
    label = "rules"
    verbose_name = "规则目录"
