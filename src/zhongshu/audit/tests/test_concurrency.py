"""On PostgreSQL several web workers append at once: the chain head's row lock must
keep them single-file, or two records would claim the same predecessor."""

import threading
import time

import pytest
from django.db import connection, connections, transaction

from zhongshu.audit.models import AuditRecord
from zhongshu.audit.services import record, verify_trail

pytestmark = [
    pytest.mark.pg_only,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL only"),
]

WRITERS = 4
EACH = 25


def _writer(barrier: threading.Barrier, errors: list, name: str) -> None:
    try:
        barrier.wait()
        for n in range(EACH):
            with transaction.atomic():
                record(actor=None, event="thing_happened", object_type=name, after={"n": n})
                time.sleep(0.001)  # hold the lock a moment: widen any race
    except Exception as exc:  # reported by the test, not lost in the thread
        errors.append(exc)
    finally:
        connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_audit_chain_stays_single_file_under_concurrent_writers_on_postgresql():
    barrier = threading.Barrier(WRITERS)
    errors: list = []
    threads = [
        threading.Thread(target=_writer, args=(barrier, errors, f"writer{i}"))
        for i in range(WRITERS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert AuditRecord.objects.filter(event="thing_happened").count() == WRITERS * EACH
    result = verify_trail()
    assert result.ok, result.broken
    assert result.count == AuditRecord.objects.count()
