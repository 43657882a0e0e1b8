"""Print one demo login per role: role, username, password, name."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from zhongshu.accounts.models import User
from zhongshu.org.demo import data


class Command(BaseCommand):
    help = "列出各角色的演示账号（角色、用户名、密码、姓名）。"

    def handle(self, *args, **options):
        users = {
            u.username: u
            for u in User.objects.select_related("person__unit").filter(
                username__in=[username for _, username in data.LOGINS]
            )
        }
        if not users:
            self.stdout.write("尚未载入演示数据：请先运行 manage.py load_demo。")
            return
        rows = [("角色", "用户名", "密码", "姓名")]
        for role, username in data.LOGINS:
            user = users.get(username)
            if user is None:
                continue
            name = user.person.label if user.person_id else user.get_admin_role_display()
            rows.append((role, username, data.DEMO_PASSWORD, name))
        widths = [max(_width(row[i]) for row in rows) for i in range(4)]
        self.stdout.write(f"演示账号（演示密码均为 {data.DEMO_PASSWORD}）：")
        for row in rows:
            self.stdout.write("  ".join(_pad(cell, widths[i]) for i, cell in enumerate(row)))


def _width(text: str) -> int:
    """Display width: a Chinese character takes two columns."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
