from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "zhongshu.audit"
    label = "audit"
    verbose_name = "审计"

    def ready(self) -> None:
        from zhongshu.framework.navigation import NavItem, register

        from .policies import can_read_audit

        register(
            NavItem("审计查询", "audit:record_list", "audit", order=10, visible=can_read_audit),
            NavItem("审计链校验", "audit:verify", "audit", order=20, visible=can_read_audit),
        )
