"""The rule catalogue as data: every rule of ``../shared/RULES.md``, one module per file.

Edit a rule here; ``sync_catalogue`` (after every migrate) brings the database in line
without touching the parameter values an office has changed.
"""

from __future__ import annotations

from ..spec import RuleDef
from . import cal, doc_in, doc_out, duty, inf, mtg, pub, sup

RULES: tuple[RuleDef, ...] = tuple(
    [
        *cal.RULES,
        *doc_in.RULES,
        *doc_out.RULES,
        *mtg.RULES,
        *sup.RULES,
        *inf.RULES,
        *duty.RULES,
        *pub.RULES,
    ]
)
BY_ID: dict[str, RuleDef] = {r.id: r for r in RULES}

if len(BY_ID) != len(RULES):  # pragma: no cover - a typo in the data
    raise ValueError("duplicate rule id in the catalogue data")
