"""Background jobs of the audit trail (django-tasks)."""

from __future__ import annotations

from django_tasks import task


@task()
def verify_audit_trail(run_id: int) -> str:
    from .services import perform_verification

    return perform_verification(run_id)
