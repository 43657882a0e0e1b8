"""Enqueue the tracking sweep every minute (and the daily calendar check) for the task
worker (``manage.py db_worker --no-reload``). Safe to run twice: each minute is claimed
once in the database."""

from __future__ import annotations

import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from zhongshu.tracking.scheduler import tick


class Command(BaseCommand):
    help = "每分钟提交一次事项巡检任务（催办、预警颜色、提醒）。"

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="run one tick and exit")

    def handle(self, *args, once=False, **options):
        self.running = True
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        while self.running:
            try:
                claimed = tick()
            except Exception as exc:  # a database hiccup must not stop the clock
                self.stderr.write(f"scheduler tick failed: {exc}")
                claimed = []
            if claimed and options.get("verbosity", 1) > 1:
                self.stdout.write(", ".join(claimed))
            if once:
                return
            self._sleep_to_next_minute()
            close_old_connections()  # a minute passed: drop a connection the server closed

    def _sleep_to_next_minute(self) -> None:
        deadline = (int(time.time()) // 60 + 1) * 60 + 1
        while self.running and time.time() < deadline:
            time.sleep(min(1.0, deadline - time.time()))

    def _stop(self, *args) -> None:
        self.running = False
