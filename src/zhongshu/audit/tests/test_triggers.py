"""The database itself refuses to change or delete audit records (both vendors)."""

import pytest
from django.db import DatabaseError, connection, transaction

from .helpers import append

pytestmark = pytest.mark.django_db


def _refused(sql: str, params: list) -> bool:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
    except DatabaseError as exc:
        return "append-only" in str(exc)
    return False


def test_database_trigger_refuses_update_of_an_audit_record():
    entry = append(1)[0]
    assert _refused("UPDATE audit_auditrecord SET event = %s WHERE id = %s", ["x", entry.id])


def test_database_trigger_refuses_delete_of_an_audit_record():
    entry = append(1)[0]
    assert _refused("DELETE FROM audit_auditrecord WHERE id = %s", [entry.id])


def test_database_trigger_refuses_rewinding_the_chain_head():
    append(2)
    assert _refused("UPDATE audit_auditchainhead SET last_id = last_id - 1", [])
    assert _refused("DELETE FROM audit_auditchainhead", [])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's")
def test_database_trigger_refuses_truncate_of_the_audit_trail():
    append(1)
    assert _refused("TRUNCATE audit_auditrecord", [])
