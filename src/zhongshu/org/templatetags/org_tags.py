from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def indent(depth: int) -> str:
    """Full-width spaces for a tree level: indentation without inline styles (CSP)."""
    return "\u3000" * max(int(depth or 0), 0)


@register.filter
def posts_of(person) -> str:
    """The posts a listed person holds today (prefetched as ``current_positions``)."""
    return "、".join(p.post.name for p in getattr(person, "current_positions", []))
