from django.apps import AppConfig


class TrackingConfig(AppConfig):
    name = "zhongshu.tracking"
    label = "tracking"
    verbose_name = "事项跟踪"

    def ready(self) -> None:
        from zhongshu.accounts.roles import grant
        from zhongshu.clock.signals import calendar_changed
        from zhongshu.framework import navigation, pending
        from zhongshu.framework.policies import is_business_user

        from .calendar import on_calendar_changed
        from .counts import pending_count

        pending.register(pending_count)
        calendar_changed.connect(on_calendar_changed, dispatch_uid="zhongshu_tracking_calendar")
        for role in ("supervision_officer", "office_leader"):
            grant(role, "tracking.view_all_items", "tracking.supervise_items")
        for role in (
            "supervision_officer",
            "office_leader",
            "government_leader",
            "office_staff",
            "secretariat_clerk",
        ):
            grant(role, "tracking.create_task")
        navigation.register(
            navigation.NavItem(
                "跟踪事项", "tracking:item_list", "supervision", order=10, visible=is_business_user
            ),
            navigation.NavItem(
                "通知", "tracking:notification_list", "home", order=10, visible=is_business_user
            ),
        )
