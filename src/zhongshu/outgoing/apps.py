from django.apps import AppConfig


class OutgoingConfig(AppConfig):
    name = "zhongshu.outgoing"
    label = "outgoing"
    verbose_name = "发文"

    def ready(self) -> None:
        from django.urls import reverse

        from zhongshu.accounts.roles import grant
        from zhongshu.framework import navigation
        from zhongshu.framework.policies import is_business_user
        from zhongshu.tracking import registry

        def link(item):
            return reverse("outgoing:detail", args=[item.source_id])

        for code, label in (
            ("outgoing.consultation", "发文征求意见"),
            ("outgoing.countersign", "发文会签"),
            ("outgoing.review", "发文审核"),
            ("outgoing.signing", "发文签发"),
            ("outgoing.revision", "会后修改上报"),
            ("outgoing.issue", "审议通过后印发"),
            ("outgoing.filing", "规范性文件备案"),
        ):
            registry.register(registry.ItemKind(code, label, source_url=link))
        # a ledger item's source is the city document it implements: its own page
        registry.register(registry.ItemKind("outgoing.ledger", "发文清单"))
        grant(
            "secretariat_clerk",
            "outgoing.view_all_outgoing",
            "outgoing.review_outgoing",
            "outgoing.number_outgoing",
        )
        grant(
            "office_staff",
            "outgoing.view_all_outgoing",
            "outgoing.review_outgoing",
            "outgoing.legal_review_outgoing",
        )
        grant("office_leader", "outgoing.view_all_outgoing", "outgoing.review_outgoing")
        grant("government_leader", "outgoing.view_all_outgoing")
        navigation.register(
            navigation.NavItem(
                "发文", "outgoing:list", "documents", order=20, visible=is_business_user
            ),
            navigation.NavItem(
                "公开文件", "outgoing:public_list", "documents", order=90, visible=is_business_user
            ),
        )
