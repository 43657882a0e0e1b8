"""Database triggers that keep the audit trail append-only below the application.

The application already refuses to update or delete a record; these triggers refuse it
to anyone writing SQL with the application's database account as well. The chain head
may only move forward one record at a time, so deleting the newest records also needs
the triggers dropped first — which only the database owner can do, and which
``verify_audit`` still detects (see ``chain.verify_trail``).
"""

from __future__ import annotations

from collections.abc import Iterable

_MESSAGE = "audit records are append-only"

POSTGRESQL_INSTALL = [
    f"""
    CREATE OR REPLACE FUNCTION zhongshu_audit_refuse() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '{_MESSAGE}' USING ERRCODE = 'insufficient_privilege';
    END $$
    """,
    f"""
    CREATE OR REPLACE FUNCTION zhongshu_audit_head_forward() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' OR NEW.last_id <> OLD.last_id + 1 THEN
            RAISE EXCEPTION '{_MESSAGE}' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
    END $$
    """,
    """
    CREATE TRIGGER audit_auditrecord_append_only
    BEFORE UPDATE OR DELETE ON audit_auditrecord
    FOR EACH ROW EXECUTE FUNCTION zhongshu_audit_refuse()
    """,
    """
    CREATE TRIGGER audit_auditrecord_no_truncate
    BEFORE TRUNCATE ON audit_auditrecord
    FOR EACH STATEMENT EXECUTE FUNCTION zhongshu_audit_refuse()
    """,
    """
    CREATE TRIGGER audit_auditchainhead_forward_only
    BEFORE UPDATE OR DELETE ON audit_auditchainhead
    FOR EACH ROW EXECUTE FUNCTION zhongshu_audit_head_forward()
    """,
    """
    CREATE TRIGGER audit_auditchainhead_no_truncate
    BEFORE TRUNCATE ON audit_auditchainhead
    FOR EACH STATEMENT EXECUTE FUNCTION zhongshu_audit_refuse()
    """,
]

POSTGRESQL_REMOVE = [
    "DROP TRIGGER IF EXISTS audit_auditrecord_append_only ON audit_auditrecord",
    "DROP TRIGGER IF EXISTS audit_auditrecord_no_truncate ON audit_auditrecord",
    "DROP TRIGGER IF EXISTS audit_auditchainhead_forward_only ON audit_auditchainhead",
    "DROP TRIGGER IF EXISTS audit_auditchainhead_no_truncate ON audit_auditchainhead",
    "DROP FUNCTION IF EXISTS zhongshu_audit_refuse()",
    "DROP FUNCTION IF EXISTS zhongshu_audit_head_forward()",
]

SQLITE_INSTALL = [
    f"""
    CREATE TRIGGER IF NOT EXISTS audit_auditrecord_no_update
    BEFORE UPDATE ON audit_auditrecord
    BEGIN SELECT RAISE(ABORT, '{_MESSAGE}'); END
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS audit_auditrecord_no_delete
    BEFORE DELETE ON audit_auditrecord
    BEGIN SELECT RAISE(ABORT, '{_MESSAGE}'); END
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS audit_auditchainhead_forward_only
    BEFORE UPDATE ON audit_auditchainhead
    WHEN NEW.last_id <> OLD.last_id + 1
    BEGIN SELECT RAISE(ABORT, '{_MESSAGE}'); END
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS audit_auditchainhead_no_delete
    BEFORE DELETE ON audit_auditchainhead
    BEGIN SELECT RAISE(ABORT, '{_MESSAGE}'); END
    """,
]

SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS audit_auditrecord_no_update",
    "DROP TRIGGER IF EXISTS audit_auditrecord_no_delete",
    "DROP TRIGGER IF EXISTS audit_auditchainhead_forward_only",
    "DROP TRIGGER IF EXISTS audit_auditchainhead_no_delete",
]

_INSTALL = {"postgresql": POSTGRESQL_INSTALL, "sqlite": SQLITE_INSTALL}
_REMOVE = {"postgresql": POSTGRESQL_REMOVE, "sqlite": SQLITE_REMOVE}


def _run(connection, statements: Iterable[str]) -> None:
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def install(connection) -> None:
    if connection.vendor == "postgresql":
        remove(connection)  # CREATE TRIGGER has no IF NOT EXISTS on PostgreSQL 15
    _run(connection, _INSTALL.get(connection.vendor, []))


def remove(connection) -> None:
    _run(connection, _REMOVE.get(connection.vendor, []))
