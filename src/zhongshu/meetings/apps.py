from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "zhongshu.meetings"
    label = "meetings"
    verbose_name = "办会"

    def ready(self) -> None:
        from django.urls import reverse

        from zhongshu.accounts.roles import grant
        from zhongshu.framework import navigation
        from zhongshu.framework.policies import is_business_user
        from zhongshu.outgoing import hooks
        from zhongshu.tracking import registry

        from .integration import MINUTES_KIND, document_flags, document_links

        # MTG-2: outgoing documents on matters of 三重一大 show the flag (outgoing/hooks.py)
        hooks.register_check(document_flags)
        hooks.register_link(document_links)

        def meeting_source(item) -> str:
            return reverse("meetings:meeting_detail", args=[item.source_id])

        registry.register(
            registry.ItemKind(MINUTES_KIND, "会议纪要报审", source_url=meeting_source)
        )
        for role in ("office_staff", "office_leader", "secretariat_clerk"):
            grant(role, "meetings.manage_meetings", "meetings.view_all_meetings")
        for role in ("government_leader", "supervision_officer"):
            grant(role, "meetings.view_all_meetings")
        navigation.register(
            navigation.NavItem(
                "会议", "meetings:meeting_list", "meetings", order=10, visible=is_business_user
            ),
            navigation.NavItem(
                "会议日程", "meetings:calendar", "meetings", order=20, visible=is_business_user
            ),
            navigation.NavItem(
                "议题", "meetings:topic_list", "meetings", order=30, visible=is_business_user
            ),
            navigation.NavItem(
                "年度会议计划", "meetings:plan", "meetings", order=40, visible=is_business_user
            ),
        )
