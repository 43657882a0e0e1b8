from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from ..choices import Colour
from ..counts import unread_count
from ..registry import kind_of
from ..views_common import holder_label

register = template.Library()


_COLOUR_TAGS = {
    colour.value: mark_safe(f'<span class="tag color-{colour.value}">{colour.label}</span>')
    for colour in Colour
}


@register.simple_tag
def colour_tag(item):
    """SUP-16 colour as a tag (text as well as colour, for screen readers and print)."""
    return _COLOUR_TAGS.get(item.colour, "")


@register.simple_tag
def basis(item):
    """依据: the basis label, marked when the deadline rests on a provisional calendar."""
    mark = (
        format_html(' <span class="provisional">{}</span>', "暂定日历") if item.provisional else ""
    )
    return format_html('<span class="basis">{}{}</span>', item.basis_label, mark)


@register.filter
def holder(item):
    return holder_label(item)


@register.filter
def kind_label(code):
    return kind_of(code).label


@register.inclusion_tag("tracking/_bell.html", takes_context=True)
def notification_bell(context):
    user = context.get("user")
    return {"unread": unread_count(user) if user is not None else 0}


@register.filter
def source_url(kind, item):
    return kind.url_of(item)


@register.filter
def get_count(counts, key):
    return counts.get(key, 0)


@register.filter
def get_value(data, name):
    return data.get(name, "") if hasattr(data, "get") else ""
