from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_migrate


def _sync_roles(sender, **kwargs):
    """Sync once per migrate, after the last app: only then do all permissions exist."""
    from django.apps import apps

    from .roles import sync_roles

    with_models = [config for config in apps.get_app_configs() if config.models_module is not None]
    if sender is with_models[-1]:
        sync_roles()


class AccountsConfig(AppConfig):
    name = "zhongshu.accounts"
    label = "accounts"
    verbose_name = "账号与安全"

    def ready(self) -> None:
        from zhongshu.org.signals import person_archived

        from .api import schema  # noqa: F401  (registers the OpenAPI auth extension)
        from .models import User
        from .signals import disable_accounts_of_archived_person, refuse_roles_for_admins

        post_migrate.connect(_sync_roles, dispatch_uid="zhongshu_sync_roles")
        m2m_changed.connect(
            refuse_roles_for_admins,
            sender=User.groups.through,
            dispatch_uid="zhongshu_refuse_roles_for_admins",
        )
        person_archived.connect(
            disable_accounts_of_archived_person, dispatch_uid="zhongshu_disable_archived"
        )
        self._register_navigation()

    @staticmethod
    def _register_navigation() -> None:
        from zhongshu.framework.navigation import NavItem, register

        from .policies import is_account_admin, is_security_admin, is_system_admin

        register(
            NavItem("账号管理", "accounts:user_list", "admin", order=10, visible=is_account_admin),
            NavItem(
                "角色与权限", "accounts:role_list", "admin", order=20, visible=is_security_admin
            ),
            NavItem("系统配置", "accounts:config", "admin", order=30, visible=is_system_admin),
        )
