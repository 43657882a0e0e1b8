from __future__ import annotations

from django import template
from django.utils import timezone

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
