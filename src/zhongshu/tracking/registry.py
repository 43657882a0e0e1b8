"""What an item means is said by the module that creates it: each module registers its
item kinds here (from its AppConfig.ready), and the engine asks the registry for the
label, the link to the source and who approves close-out and extensions.

    registry.register(ItemKind(
        "doc_in.handling", "收文办理",
        source_url=lambda item: reverse("documents:incoming_detail", args=[item.source_id]),
        approver=lambda item: item.creator,
    ))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.urls import reverse

if TYPE_CHECKING:
    from .models import TrackedItem


@dataclass(frozen=True)
class ItemKind:
    code: str
    label: str
    # The page of the originating object; None: the item's own page is the source.
    source_url: Callable[[TrackedItem], str] | None = None
    # Who approves close-out and extension when the creator does not pass one.
    approver: Callable[[TrackedItem], Any] | None = None
    # SUP-8: the module keeps the four lists (tasks, responsibilities, measures, results).
    uses_lists: bool = False
    # Who decides extensions when not the close-out approver (e.g. the leader in charge of
    # a supervised item, while the supervision office approves its close-out); None: the
    # approver.
    extension_approver: Callable[[TrackedItem], Any] | None = None

    def url_of(self, item: TrackedItem) -> str:
        if self.source_url is not None and item.source_id:
            return self.source_url(item)
        return reverse("tracking:item_detail", args=[item.uuid])

    def default_approver(self, item: TrackedItem):
        if self.approver is not None:
            return self.approver(item)
        return item.creator

    def extension_approver_id(self, item: TrackedItem) -> int | None:
        if self.extension_approver is not None:
            person = self.extension_approver(item)
            if person is not None:
                return person.pk
        return item.approver_id or item.creator_id


_KINDS: dict[str, ItemKind] = {}


def register(kind: ItemKind) -> None:
    _KINDS[kind.code] = kind


def kind_of(code: str) -> ItemKind:
    """The registered kind; an unknown code (a module since removed) still renders."""
    return _KINDS.get(code) or ItemKind(code, code)


_SWEEP_HOOKS: list[Callable[[Any], Any]] = []


def register_sweep_hook(hook: Callable[[Any], Any]) -> None:
    """A module's own minute job run after each sweep with its ``now`` (e.g. supervision
    records SUP-7 orders whose report time passed as not rectified)."""
    if hook not in _SWEEP_HOOKS:
        _SWEEP_HOOKS.append(hook)


def sweep_hooks() -> list[Callable[[Any], Any]]:
    return list(_SWEEP_HOOKS)


def is_registered(code: str) -> bool:
    return code in _KINDS


def choices() -> list[tuple[str, str]]:
    return sorted(((k.code, k.label) for k in _KINDS.values()), key=lambda pair: pair[0])


# The engine's own kind: a task assigned directly (交办事项), e.g. a leader's instruction
# before the supervision module exists.
TASK = "tracking.task"
register(ItemKind(TASK, "交办事项"))
