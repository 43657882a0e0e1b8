"""Create one of the three administrators (三员) at installation. Administrator
accounts are never created from a web page: whoever could create them could give
themselves a second administrator role."""

from getpass import getpass

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from zhongshu.accounts.choices import AdminRole
from zhongshu.accounts.models import User
from zhongshu.accounts.services import create_admin_account

ROLES = {"system": AdminRole.SYSTEM, "security": AdminRole.SECURITY, "auditor": AdminRole.AUDITOR}


class Command(BaseCommand):
    help = "Create a system, security or audit administrator account (must change password)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=sorted(ROLES))
        parser.add_argument("--password", help="initial password; asked for when omitted")

    def handle(self, *args, username, role, password=None, **options):
        if User.objects.filter(username=username).exists():
            raise CommandError(f"用户名 {username} 已存在。")
        password = password or getpass("初始密码：")
        try:
            create_admin_account(
                actor=None, username=username, password=password, admin_role=ROLES[role]
            )
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from exc
        self.stdout.write(
            self.style.SUCCESS(f"已创建{ROLES[role].label}账号 {username}，首次登录须修改密码。")
        )
