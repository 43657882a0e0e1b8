from django.core.management.base import BaseCommand, CommandError

from zhongshu.audit.services import check_anchor, verify_trail


class Command(BaseCommand):
    help = (
        "Verify the audit trail's hash chain against its head; name the first broken "
        "record. Write the printed head down outside the database and pass it later as "
        "--anchor to detect a chain rewritten from scratch."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--anchor",
            action="append",
            default=[],
            metavar="ID:HASH",
            help="a record id and hash noted earlier (from this command's output)",
        )

    def handle(self, *args, **options):
        result = verify_trail()
        if result.broken:
            broken = result.broken
            raise CommandError(f"审计链断裂：第 {broken.record_id} 条记录，{broken.reason}")
        for anchor in options["anchor"]:
            record_id, _, expected = anchor.partition(":")
            broken = check_anchor(int(record_id), expected.strip())
            if broken:
                raise CommandError(f"审计链断裂：第 {broken.record_id} 条记录，{broken.reason}")
        self.stdout.write(
            self.style.SUCCESS(
                f"审计链完整：共 {result.count} 条记录；链头 {result.head.last_id}:"
                f"{result.head.last_hash}"
            )
        )
