from django.apps import AppConfig


class WorkbenchConfig(AppConfig):
    name = "zhongshu.workbench"
    label = "workbench"
    verbose_name = "工作台"

    def ready(self) -> None:
        from zhongshu.framework import navigation
        from zhongshu.framework.policies import is_business_user

        navigation.register(
            navigation.NavItem(
                "我的工作台", "workbench:home", "home", order=0, visible=is_business_user
            )
        )
