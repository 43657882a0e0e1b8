from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _after_migrate(sender, using="default", **kwargs):
    from django.db import connections

    from .models import CatalogueState
    from .sync import sync_catalogue

    if CatalogueState._meta.db_table not in connections[using].introspection.table_names():
        return  # migrated backwards past this app's tables
    sync_catalogue()


class RulesConfig(AppConfig):
    name = "zhongshu.rules"
    label = "rules"
    verbose_name = "规则目录"

    def ready(self) -> None:
        from zhongshu.accounts import roles
        from zhongshu.framework import navigation
        from zhongshu.framework.policies import is_business_user

        roles.grant("office_admin", "rules.edit_rule")
        navigation.register(
            navigation.NavItem(
                "规则目录", "rules:rule_list", "settings", order=20, visible=is_business_user
            )
        )
        post_migrate.connect(_after_migrate, sender=self, dispatch_uid="zhongshu_rules_sync")
