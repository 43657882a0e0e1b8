from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ClockConfig(AppConfig):
    name = "zhongshu.clock"
    label = "clock"
    verbose_name = "工作日历与期限"

    def ready(self) -> None:
        from zhongshu.accounts.roles import grant
        from zhongshu.framework.navigation import NavItem, register
        from zhongshu.framework.policies import is_business_user

        from .loader import on_post_migrate

        grant("office_admin", "clock.manage_calendar")
        register(
            NavItem("工作日历", "clock:calendar", "settings", order=20, visible=is_business_user)
        )
        post_migrate.connect(on_post_migrate, sender=self, dispatch_uid="zhongshu_clock_load")
