"""SUP-4: the key-work ledger imported from the office's Excel — every row or none."""

from __future__ import annotations

from typing import IO, Any

from django.utils import timezone

from zhongshu.framework.errors import RuleViolation, Violation
from zhongshu.framework.services import service

from ..choices import Source
from ..ledger_excel import read_rows
from ..models import Case, SupervisedItem
from ._common import audit, deadline_on, officer_of
from .items import create_supervised


@service
def import_key_work(
    *, actor: Any, upload: IO[bytes], case: Case | None = None, source: str = Source.KEY_WORK
) -> list[SupervisedItem]:
    officer = officer_of(actor)
    now = timezone.now()
    rows, errors = read_rows(upload, timezone.localdate(now).year)
    today = timezone.localdate(now)
    for row in rows:
        if row.due_date < today:
            errors.append(f"第{row.line}行：完成时限{row.due_date:%Y-%m-%d}早于今天。")
    if errors:
        raise RuleViolation(
            [Violation("SUP-4", line, "upload") for line in sorted(errors, key=_line)]
        )
    made = []
    for row in rows:
        made.append(
            create_supervised(
                actor=actor,
                officer=officer,
                source=source,
                subject=row.subject,
                lead_unit=row.lead_unit,
                deadline=deadline_on(row.due_date, now, "SUP-4"),
                cooperating_units=row.cooperating,
                leader=row.leader,
                case=case,
                number=row.number or None,
                progress_note=row.progress,
            )
        )
    if case is not None:
        audit(actor, "key_work_imported", case, after={"count": len(made)})
    return made


def _line(text: str) -> int:
    digits = "".join(ch for ch in text.split("行")[0] if ch.isdigit())
    return int(digits) if digits else 0
