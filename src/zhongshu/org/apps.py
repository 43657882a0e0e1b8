from django.apps import AppConfig
from django.db.models.signals import post_migrate


class OrgConfig(AppConfig):
    name = "zhongshu.org"
    label = "org"
    verbose_name = "组织机构"

    def ready(self) -> None:
        from zhongshu.accounts.roles import grant
        from zhongshu.framework import navigation
        from zhongshu.framework.policies import is_business_user

        from .catalogue import on_post_migrate
        from .policies import DELEGATE_OWN, EXPORT, MANAGE, MANAGE_OWN_UNIT

        post_migrate.connect(on_post_migrate, sender=self, dispatch_uid="zhongshu_org_posts")

        grant("office_admin", MANAGE, EXPORT)
        grant("department_principal", MANAGE_OWN_UNIT, DELEGATE_OWN)
        grant("department_liaison", MANAGE_OWN_UNIT)
        grant("government_leader", DELEGATE_OWN)
        grant("office_leader", DELEGATE_OWN)

        item = navigation.NavItem
        navigation.register(
            item("单位", "org:unit_list", "org", order=10, visible=is_business_user),
            item("人员", "org:person_list", "org", order=20, visible=is_business_user),
            item("分管", "org:portfolio_list", "org", order=30, visible=is_business_user),
            item("委托", "org:delegation_list", "org", order=40, visible=is_business_user),
            item("发文代字", "org:seriescode_list", "org", order=50, visible=is_business_user),
            item("职务", "org:post_list", "org", order=60, visible=is_business_user),
        )
