"""Load the demo district (示范区). Idempotent: a second run adds nothing."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from zhongshu.accounts.models import User
from zhongshu.org.demo.hooks import contributions
from zhongshu.org.demo.loader import DemoLoader
from zhongshu.org.models import Person, Unit


class Command(BaseCommand):
    help = "载入示范区演示数据（可重复执行，不会重复添加）。"

    def handle(self, *args, **options):
        started = time.monotonic()
        before = self.counts()
        DemoLoader().run()
        for label, hook in contributions("load_demo"):
            self.stdout.write(f"演示数据：{label}")
            hook(stdout=self.stdout)
        added = {k: v - before[k] for k, v in self.counts().items()}
        if any(added.values()):
            summary = "，".join(f"{k} {v}" for k, v in added.items())
            self.stdout.write(
                f"示范区演示数据已载入（新增：{summary}；{time.monotonic() - started:.1f} 秒）。"
            )
        else:
            self.stdout.write("示范区演示数据已存在，未作改动。")

    @staticmethod
    def counts() -> dict[str, int]:
        return {
            "单位": Unit.objects.count(),
            "人员": Person.objects.count(),
            "账号": User.objects.count(),
        }
