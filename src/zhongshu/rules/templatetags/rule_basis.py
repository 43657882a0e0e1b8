"""依据 beside a deadline or a warning: ``{% load rule_basis %}{% rule_basis item.basis %}``
or ``{% include "rules/basis.html" with basis=item.basis %}``."""

from __future__ import annotations

import re

from django import template
from django.urls import reverse

from .. import catalogue
from ..catalogue_data import BY_ID
from ..spec import ParamError

register = template.Library()

_RULE_ID = re.compile(r"^[A-Z]+(?:-[A-Z]+)?-[0-9]+$")
PROFILE_NAMES = {"district": "区级配置", "city": "市级配置"}


@register.filter
def basis_label(basis) -> str:
    if not isinstance(basis, dict) or not basis.get("rule"):
        return ""
    return catalogue.basis_label(basis)


@register.filter
def basis_url(basis) -> str:
    rule_id = str(basis.get("rule", "")) if isinstance(basis, dict) else ""
    if not _RULE_ID.match(rule_id):
        return ""
    return reverse("rules:rule_detail", args=[rule_id])


@register.filter
def basis_params(basis) -> str:
    """The values the basis recorded, as an office reads them (for a tooltip)."""
    if not isinstance(basis, dict):
        return ""
    rdef = BY_ID.get(str(basis.get("rule", "")))
    shown = [_one(rdef, name, value) for name, value in (basis.get("params") or {}).items()]
    profile = PROFILE_NAMES.get(basis.get("profile", ""), basis.get("profile", ""))
    parts = ["；".join(shown)] if shown else []
    if profile:
        parts.append(f"配置：{profile}")
    return "所用参数：" + "，".join(parts) if parts else ""


def _one(rdef, name: str, value) -> str:
    if rdef is None or not rdef.has_param(name):
        return f"{name}={value}"
    pdef = rdef.param(name)
    try:
        return f"{pdef.label} {pdef.display(pdef.decode(value))}"
    except ParamError:
        return f"{pdef.label} {value}"


@register.inclusion_tag("rules/basis.html")
def rule_basis(basis) -> dict:
    return {"basis": basis}
