import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from zhongshu.audit.models import AuditRecord
from zhongshu.audit.services import record

from .helpers import append, as_database_owner

pytestmark = pytest.mark.django_db


def test_audit_chain_verifies_when_whole():
    for n in range(3):
        record(
            actor=None, event="thing_happened", object_type="test", object_id=str(n), after={"n": n}
        )
    call_command("verify_audit")


def test_audit_records_refuse_update_and_delete():
    entry = record(actor=None, event="thing_happened", after={"n": 1})
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        AuditRecord.objects.filter(pk=entry.pk).delete()


def test_verify_audit_names_the_first_tampered_record():
    append(3)
    second = AuditRecord.objects.order_by("id")[1]
    # Tamper below the application, as an attacker with the database owner's rights
    # would: the append-only triggers have to go first.
    with as_database_owner() as cursor:
        cursor.execute(
            "UPDATE audit_auditrecord SET event = %s WHERE id = %s", ["forged", second.id]
        )
    with pytest.raises(CommandError, match=rf"第 {second.id} 条记录，内容哈希不符"):
        call_command("verify_audit")
