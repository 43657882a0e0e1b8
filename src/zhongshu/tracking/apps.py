from django.apps import AppConfig


class TrackingConfig(AppConfig):
    name = "zhongshu.tracking"
    label = "tracking"
    verbose_name = "事项跟踪"
