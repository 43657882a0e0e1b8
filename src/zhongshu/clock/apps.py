from django.apps import AppConfig


class ClockConfig(AppConfig):
    name = "zhongshu.clock"
    label = "clock"
    verbose_name = "工作日历与期限"
