from django.core.management.base import BaseCommand, CommandError

from zhongshu.audit.chain import verify
from zhongshu.audit.models import AuditRecord


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain; name the first broken record."

    def handle(self, *args, **options):
        records = AuditRecord.objects.order_by("id").iterator(chunk_size=2000)
        broken = verify(records)
        if broken:
            raise CommandError(f"审计链断裂：第 {broken.record_id} 条记录，{broken.reason}")
        count = AuditRecord.objects.count()
        self.stdout.write(self.style.SUCCESS(f"审计链完整：共 {count} 条记录"))
