"""verify_audit finds every kind of tampering and names the first broken record."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from zhongshu.audit.models import AuditRecord
from zhongshu.audit.services import verify_trail

from .helpers import append, as_database_owner

pytestmark = pytest.mark.django_db


def test_verify_audit_detects_deletion_of_the_newest_records_by_the_chain_head():
    entries = append(5)
    with as_database_owner() as cursor:
        cursor.execute("DELETE FROM audit_auditrecord WHERE id >= %s", [entries[3].id])
    result = verify_trail()
    assert result.broken.record_id == entries[3].id
    assert "最新记录缺失" in result.broken.reason
    with pytest.raises(CommandError, match=rf"第 {entries[3].id} 条记录"):
        call_command("verify_audit")


def test_verify_audit_detects_deletion_in_the_middle():
    entries = append(4)
    with as_database_owner() as cursor:
        cursor.execute("DELETE FROM audit_auditrecord WHERE id = %s", [entries[1].id])
    result = verify_trail()
    assert result.broken.record_id == entries[1].id
    assert "记录缺失" in result.broken.reason


def test_verify_audit_detects_deletion_of_the_first_record():
    entries = append(3)
    with as_database_owner() as cursor:
        cursor.execute("DELETE FROM audit_auditrecord WHERE id = %s", [entries[0].id])
    assert verify_trail().broken.record_id == entries[0].id


def test_verify_audit_detects_a_rewound_chain_head():
    entries = append(3)
    with as_database_owner() as cursor:
        cursor.execute("DELETE FROM audit_auditrecord WHERE id = %s", [entries[2].id])
        cursor.execute(
            "UPDATE audit_auditchainhead SET last_id = %s, last_hash = %s",
            [entries[1].id, "f" * 64],
        )
    result = verify_trail()
    assert result.broken.record_id == entries[1].id
    assert "链头" in result.broken.reason


def test_verify_audit_detects_a_record_inserted_beyond_the_head():
    entries = append(2)
    forged = AuditRecord(
        id=entries[-1].id + 1,
        occurred_at=entries[-1].occurred_at,
        event="forged",
        prev_hash=entries[-1].hash,
        hash="e" * 64,
    )
    forged.save(force_insert=True)  # inserts are allowed; only the head says what counts
    assert verify_trail().broken.record_id == forged.id


def test_verify_audit_detects_a_rehashed_record_by_the_next_ones_link():
    entries = append(3)
    with as_database_owner() as cursor:
        cursor.execute(
            "UPDATE audit_auditrecord SET event = %s, hash = %s WHERE id = %s",
            ["forged", "d" * 64, entries[1].id],
        )
    # The forged record's own hash is wrong, which is the first break.
    assert verify_trail().broken.record_id == entries[1].id


def test_verify_audit_anchor_detects_a_chain_rewritten_from_scratch():
    entries = append(2)
    anchor = f"{entries[1].id}:{entries[1].hash}"
    call_command("verify_audit", anchor=[anchor])
    with as_database_owner() as cursor:
        cursor.execute(
            "UPDATE audit_auditrecord SET hash = %s WHERE id = %s", ["c" * 64, entries[1].id]
        )
    with pytest.raises(CommandError):
        call_command("verify_audit", anchor=[anchor])


def test_verify_audit_reports_the_count_and_the_head(capsys):
    entries = append(3)
    call_command("verify_audit")
    out = capsys.readouterr().out
    assert f"链头 {entries[-1].id}:{entries[-1].hash}" in out
