"""Generate a large synthetic organisation for benchmarks (tops up; see org/demo/scale.py)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from zhongshu.org.demo.hooks import contributions
from zhongshu.org.demo.scale import seed


class Command(BaseCommand):
    help = (
        "生成用于压测的合成组织机构（bulk_create）。可重复执行：已有的不再生成，"
        "数量加大时只补足差额。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--units", type=int, default=300, help="合成单位数（默认 300）")
        parser.add_argument("--people", type=int, default=5000, help="合成人员数（默认 5000）")

    def handle(self, *args, units: int, people: int, **options):
        started = time.monotonic()
        added = seed(units=units, people=people)
        for label, hook in contributions("seed_scale"):
            self.stdout.write(f"合成数据：{label}")
            hook(stdout=self.stdout, units=units, people=people)
        self.stdout.write(
            f"合成组织机构：新增单位 {added.units}，新增人员 {added.people}"
            f"（目标 {units} / {people}；{time.monotonic() - started:.1f} 秒）。"
        )
