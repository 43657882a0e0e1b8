from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _sync_roles(sender, **kwargs):
    from .roles import sync_roles

    sync_roles()


class AccountsConfig(AppConfig):
    name = "zhongshu.accounts"
    label = "accounts"
    verbose_name = "账号与安全"

    def ready(self) -> None:
        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="zhongshu_sync_roles")
