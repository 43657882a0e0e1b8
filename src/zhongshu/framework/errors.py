"""Errors that carry the rule IDs a refused action broke.

A service refuses with ``RuleViolation``; the API answers 409/422 with
``{"errors": [{"rule": "DOC-IN-2", "message": "请示应当一文一事"}]}`` and the UI shows the
same messages beside the field or the action.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Violation:
    rule: str
    message: str
    field: str | None = None

    @property
    def text(self) -> str:
        """As the UI shows it: the message with its rule, 消息（DOC-IN-2）."""
        return f"{self.message}（{self.rule}）"

    def as_dict(self) -> dict[str, str]:
        data = {"rule": self.rule, "message": str(self.message)}
        if self.field:
            data["field"] = self.field
        return data


@dataclass
class RuleViolation(Exception):
    """A business rule refused the action. ``status`` 422: the input breaks a rule;
    409: the object's state does not allow the action."""

    violations: list[Violation] = field(default_factory=list)
    status: int = 422

    def __init__(self, violations: Iterable[Violation] | Violation, status: int = 422):
        if isinstance(violations, Violation):
            violations = [violations]
        self.violations = list(violations)
        self.status = status
        super().__init__("; ".join(f"{v.rule}: {v.message}" for v in self.violations))

    @classmethod
    def single(
        cls, rule: str, message: str, *, field: str | None = None, status: int = 422
    ) -> RuleViolation:
        return cls([Violation(rule, message, field)], status=status)

    def as_payload(self) -> dict:
        return {"errors": [v.as_dict() for v in self.violations]}


class ConflictError(Exception):
    """Someone else changed the object since it was read (optimistic lock)."""

    def __init__(self, message: str = "该记录已被他人修改，请刷新后重试。"):
        super().__init__(message)
        self.message = message


def raise_if(violations: Iterable[Violation], *, status: int = 422) -> None:
    found = list(violations)
    if found:
        raise RuleViolation(found, status=status)
