from __future__ import annotations

import html
import uuid

from django import template
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from zhongshu.framework.templatetags.zhongshu import local_dt

from .. import counts as _counts
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
    """A card's number; "我交办的" stops counting at CARD_CAP (10000+)."""
    value = counts.get(key, 0)
    cap = _counts.CARD_CAP
    return f"{cap}+" if key == "started" and value > cap else value


@register.filter
def badge(count):
    """The top bar's 待办 number: 999+ past BADGE_CAP."""
    return f"{_counts.BADGE_CAP}+" if count > _counts.BADGE_CAP else count


@register.filter
def get_value(data, name):
    return data.get(name, "") if hasattr(data, "get") else ""


# --- the item table's rows ------------------------------------------------------------------
# Every list of items (the workbench lists, the item list, search, the leader's view) shows
# 20 rows of seven cells. Rendered here in one pass rather than node by node in the
# template engine: the same HTML for a fraction of the time, on the pages opened most. Every
# value is escaped (``_escape``) or already safe HTML (the tags).
_PLACEHOLDER = str(uuid.UUID(int=0))
_ROW = (
    '<tr><td data-label="{l_colour}">{colour}{key}</td>'
    '<td data-label="{l_subject}"><a href="{url}">{subject}</a> <span class="muted">{kind}</span></td>'
    '<td data-label="{l_state}">{state}{paused}</td>'
    '<td data-label="{l_unit}">{unit}</td>'
    '<td data-label="{l_holder}">{holder}</td>'
    '<td data-label="{l_due}">{due}</td>'
    '<td data-label="{l_basis}">{basis}</td></tr>'
)


@register.simple_tag
def item_rows(items):
    if not items:
        return format_html(
            '<tr><td colspan="7" class="muted">{}</td></tr>', gettext("没有符合条件的事项。")
        )
    detail = reverse("tracking:item_detail", args=[_PLACEHOLDER])
    labels = {
        "{l_colour}": gettext("预警"),
        "{l_subject}": gettext("事项"),
        "{l_state}": gettext("状态"),
        "{l_unit}": gettext("牵头单位"),
        "{l_holder}": gettext("当前办理"),
        "{l_due}": gettext("办理时限"),
        "{l_basis}": gettext("依据"),
    }
    row = _ROW
    for placeholder, label in labels.items():  # the same in every row: escaped once
        row = row.replace(placeholder, escape(label).replace("{", "{{").replace("}", "}}"))
    key_tag = format_html(' <span class="tag">{}</span>', gettext("重点督办"))
    paused_tag = format_html(' <span class="tag">{}</span>', gettext("中止计时"))
    return mark_safe(
        "\n".join(
            row.format(
                colour=colour_tag(item),
                key=key_tag if item.is_key else "",
                url=_escape(detail.replace(_PLACEHOLDER, str(item.uuid))),
                subject=_escape(item.subject),
                kind=_escape(kind_label(item.kind)),
                state=_escape(item.get_state_display()),
                paused=paused_tag if item.suspended_at else "",
                unit=_escape(item.lead_unit.short_name),
                holder=_escape(holder_label(item) or "—"),
                due=local_dt(item.due_at),
                basis=basis(item),
            )
            for item in items
        )
    )


def _escape(text) -> str:
    """HTML-escaped text (Django's ``escape`` without its lazy-string wrapper, which
    costs more than the escaping on a page of 20 rows)."""
    return html.escape(str(text))


_OPTIONS: dict[tuple, str] = {}


@register.simple_tag
def filter_select(name, label, choices, data):
    """One select of the list filters, the chosen value marked. The options of a filter
    are the same on every page: rendered once per language and set of values."""
    current = data.get(name, "") if hasattr(data, "get") else ""
    key = (name, get_language(), tuple(value for value, _text in choices))
    options = _OPTIONS.get(key)
    if options is None:
        options = _OPTIONS[key] = "".join(
            f'<option value="{_escape(value)}">{_escape(text)}</option>' for value, text in choices
        )
    if current:
        chosen = f'<option value="{_escape(current)}">'
        options = options.replace(chosen, chosen[:-1] + " selected>", 1)
    return format_html(
        '<div class="field"><label for="f-{name}">{label}</label>'
        '<select id="f-{name}" name="{name}"><option value="">{all}</option>{options}</select></div>',
        name=name,
        label=label,
        all=gettext("全部"),
        options=mark_safe(options),
    )


@register.simple_tag
def overdue_items(items):
    """A short list of items as <li>: colour, subject (linked), lead unit, due time."""
    detail = reverse("tracking:item_detail", args=[_PLACEHOLDER])
    return mark_safe(
        "".join(
            f'<li>{colour_tag(item)} <a href="{_escape(detail.replace(_PLACEHOLDER, str(item.uuid)))}">{_escape(item.subject)}</a> · {_escape(item.lead_unit.short_name)} · {local_dt(item.due_at)}</li>'
            for item in items
        )
    )


@register.simple_tag
def colour_rows(rows, name, l_name, l_green, l_yellow, l_red):
    """Count rows by colour (SUP-16) as table rows: name, green, yellow, red."""
    cell = '<td data-label="{}">{}</td>'
    return mark_safe(
        "".join(
            "<tr>"
            + cell.format(_escape(l_name), _escape(row[name]))
            + cell.format(_escape(l_green), int(row["green"]))
            + cell.format(_escape(l_yellow), int(row["yellow"]))
            + cell.format(_escape(l_red), int(row["red"]))
            + "</tr>"
            for row in rows
        )
    )
