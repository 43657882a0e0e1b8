from django.apps import AppConfig


class IncomingConfig(AppConfig):
    name = "zhongshu.incoming"
    label = "incoming"
    verbose_name = "收文"

    def ready(self) -> None:
        from django.urls import reverse

        from zhongshu.accounts.roles import grant
        from zhongshu.framework import navigation
        from zhongshu.framework.policies import is_business_user
        from zhongshu.tracking import registry

        def source(item) -> str:
            return reverse("incoming:document_detail", args=[item.source_id])

        def leader_in_charge(item):
            """A handling task's extension is decided by the last leader who instructed
            on the document (else the office member who proposed the handling)."""
            from .models import Instruction

            step = (
                Instruction.objects.filter(
                    document__uuid=item.source_id, acted_at__isnull=False, decision__in=DECIDED
                )
                .select_related("leader")
                .order_by("-position")
                .first()
            )
            return step.leader if step is not None else None

        from .choices import Decision

        DECIDED = [Decision.AGREE, Decision.CIRCLE, Decision.INSTRUCT]
        for code, label in (
            ("incoming.office", "收文初审拟办"),
            ("incoming.return", "退文审批"),
            ("incoming.instruction", "收文领导批示"),
        ):
            registry.register(registry.ItemKind(code, label, source_url=source))
        registry.register(
            registry.ItemKind(
                "incoming.handling",
                "收文承办",
                source_url=source,
                extension_approver=leader_in_charge,
            )
        )
        for role in ("secretariat_clerk", "office_leader"):
            grant(role, "incoming.view_all_incoming")
        grant("secretariat_clerk", "incoming.register_incoming")

        def clerk(user) -> bool:
            return is_business_user(user) and user.has_perm("incoming.register_incoming")

        navigation.register(
            navigation.NavItem(
                "收文", "incoming:document_list", "documents", order=10, visible=is_business_user
            ),
            navigation.NavItem(
                "收文登记", "incoming:document_register", "documents", order=11, visible=clerk
            ),
            navigation.NavItem(
                "领导批示", "incoming:leader_list", "documents", order=12, visible=is_business_user
            ),
            navigation.NavItem(
                "收文统计", "incoming:statistics", "documents", order=13, visible=is_business_user
            ),
        )
