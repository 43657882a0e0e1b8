from __future__ import annotations

import html

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def local_dt(value):
    """An aware datetime shown in Asia/Shanghai, minutes precision."""
    if not value:
        return ""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


@register.simple_tag(takes_context=True)
def page_url(context, page_number):
    query = context.get("querystring", "")
    return f"?{query}&page={page_number}" if query else f"?page={page_number}"


@register.simple_tag
def nav_menu(groups, path):
    """The left navigation: a heading and links per group, the current page marked. On
    every page, so written out here rather than by nested template loops."""
    parts = []
    for group in groups:
        parts.append(f'<div class="navgroup">\n<h2>{html.escape(str(group["label"]))}</h2>\n<ul>')
        for item in group["items"]:
            url = item.url
            current = ' aria-current="page"' if url == path else ""
            parts.append(
                f'<li><a href="{html.escape(url)}"{current}>{html.escape(str(item.label))}</a></li>'
            )
        parts.append("</ul>\n</div>")
    return mark_safe("\n".join(parts))
