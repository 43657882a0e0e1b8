"""Ordering units as a tree (parents before children, siblings by sort order) in memory:
a district has a few hundred units, one query reads them all."""

from __future__ import annotations

from collections.abc import Iterable
from types import SimpleNamespace
from typing import Any

from django.db.models import Count, Max, QuerySet
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .models import Unit


def tree_order(units: Iterable[Any]) -> list[Any]:
    """Depth-first order. A unit whose parent is not in ``units`` (filtered out, or
    archived and hidden) is shown as a root, so nothing visible is lost."""
    units = list(units)
    present = {u.pk for u in units}
    children: dict[int | None, list[Any]] = {}
    for unit in units:
        parent = unit.parent_id if unit.parent_id in present else None
        children.setdefault(parent, []).append(unit)
    for siblings in children.values():
        siblings.sort(key=lambda u: (u.sort_order, u.pk))
    ordered: list[Any] = []
    stack = list(reversed(children.get(None, [])))
    while stack:
        unit = stack.pop()
        ordered.append(unit)
        stack.extend(reversed(children.get(unit.pk, [])))
    return ordered


_OPTIONS_CACHE: dict[tuple, str] = {}


def active_unit_options_html(selected: str = "") -> str:
    """``<option>`` elements of every active unit in tree order, for filter selects.
    The same for every business user, so it is built once per change of the units:
    the key (count and last change) costs one aggregate query, the options none."""
    signature = tuple(
        Unit.objects.filter(archived_at__isnull=True)
        .aggregate(n=Count("pk"), last=Max("updated_at"))
        .values()
    )
    html = _OPTIONS_CACHE.get(signature)
    if html is None:
        options = unit_options(Unit.objects.filter(archived_at__isnull=True))
        html = "".join(f'<option value="{v}">{escape(label)}</option>' for v, label in options)
        _OPTIONS_CACHE.clear()  # only the current signature is worth keeping
        _OPTIONS_CACHE[signature] = html
    if selected:
        html = html.replace(
            f'value="{escape(selected)}"', f'value="{escape(selected)}" selected', 1
        )
    return mark_safe(html)  # built from escaped values only


def unit_options(units: QuerySet[Unit]) -> list[tuple[str, str]]:
    """(uuid, indented name) pairs for a select, in tree order, without model instances:
    a filter select over hundreds of units costs one light query and a plain loop."""
    rows = units.values_list("pk", "uuid", "name", "parent_id", "sort_order", "path")
    nodes = [
        SimpleNamespace(
            pk=pk, uuid=str(uuid), name=name, parent_id=parent, sort_order=order, path=path
        )
        for pk, uuid, name, parent, order, path in rows
    ]
    return [(n.uuid, "\u3000" * (n.path.count("/") - 2) + n.name) for n in tree_order(nodes)]
