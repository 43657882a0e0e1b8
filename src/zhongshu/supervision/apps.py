from django.apps import AppConfig


def lapse_after_sweep(now) -> None:
    """SUP-7: each minute, orders whose report time passed unreported are not rectified."""
    from .services import lapse_rectifications

    lapse_rectifications(actor=None, now=now)


class SupervisionConfig(AppConfig):
    name = "zhongshu.supervision"
    label = "supervision"
    verbose_name = "督查督办"

    def ready(self) -> None:
        from django.urls import reverse

        from zhongshu.accounts.roles import grant
        from zhongshu.framework import navigation
        from zhongshu.framework.policies import is_business_user
        from zhongshu.tracking import registry

        from .services._common import (
            CO_OPINION_KIND,
            INSPECTION_KIND,
            ITEM_KIND,
            ORDER_KIND,
            STEP_KIND,
        )

        def item_page(item) -> str:
            return reverse("supervision:item_detail", args=[item.source_id])

        def leader_in_charge(item):
            supervised = getattr(item, "supervised", None)
            return supervised.leader if supervised is not None else None

        registry.register(
            registry.ItemKind(
                ITEM_KIND,
                "督办事项",
                source_url=item_page,
                uses_lists=True,
                extension_approver=leader_in_charge,
            )
        )
        registry.register(registry.ItemKind(STEP_KIND, "督查环节"))
        from zhongshu.outgoing.signals import outgoing_issued

        from .services.documents import on_outgoing_issued

        outgoing_issued.connect(on_outgoing_issued, dispatch_uid="zhongshu_supervision_issued")
        registry.register_sweep_hook(lapse_after_sweep)
        from .tally import refresh_after_sweep

        registry.register_sweep_hook(refresh_after_sweep)
        registry.register(registry.ItemKind(ORDER_KIND, "督办单回复"))
        registry.register(registry.ItemKind(CO_OPINION_KIND, "建议提案会办意见"))
        registry.register(registry.ItemKind(INSPECTION_KIND, "重点督办月度督查"))

        grant(
            "supervision_officer",
            "supervision.view_all_supervised",
            "supervision.manage_supervision",
        )
        grant("office_leader", "supervision.view_all_supervised")

        def officer(user) -> bool:
            return is_business_user(user) and user.has_perm("supervision.manage_supervision")

        navigation.register(
            navigation.NavItem(
                "督查台账",
                "supervision:item_list",
                "supervision",
                order=1,
                visible=is_business_user,
            ),
            navigation.NavItem(
                "红色预警", "supervision:red_wall", "supervision", order=2, visible=is_business_user
            ),
            navigation.NavItem(
                "督查任务", "supervision:case_list", "supervision", order=3, visible=officer
            ),
            navigation.NavItem(
                "考核通报",
                "supervision:bulletin_list",
                "supervision",
                order=4,
                visible=is_business_user,
            ),
        )
