"""What the modules above outgoing add to a document, without outgoing importing them
(meetings imports outgoing, never the reverse). A module registers from its
``AppConfig.ready``:

- a *check* ``document → [Violation]``: flags shown on the document's page and in the
  API (MTG-2: a matter of 三重一大 without a collective meeting's decision);
- a *link* ``(document, user) → [{"label", "url"}]``: where the user acts on what the
  module keeps about the document (marking it 三重一大, linking the decided topic).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from zhongshu.framework.errors import Violation

if TYPE_CHECKING:
    from .models import OutgoingDocument

Check = Callable[["OutgoingDocument"], list[Violation]]
Link = Callable[["OutgoingDocument", Any], list[dict[str, str]]]

_checks: list[Check] = []
_links: list[Link] = []


def register_check(check: Check) -> None:
    if check not in _checks:
        _checks.append(check)


def register_link(link: Link) -> None:
    if link not in _links:
        _links.append(link)


def flags(document: OutgoingDocument) -> list[Violation]:
    """Every registered check's flags on the document."""
    return [v for check in _checks for v in check(document)]


def links(document: OutgoingDocument, user: Any) -> list[dict[str, str]]:
    return [entry for link in _links for entry in link(document, user)]
