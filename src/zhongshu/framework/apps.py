from django.apps import AppConfig


class FrameworkConfig(AppConfig):
    name = "zhongshu.framework"
    label = "framework"
    verbose_name = "框架"
