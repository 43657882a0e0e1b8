"""What the rules page and the API show of a rule in one profile, built from prefetched
rows (a constant number of queries for the whole list)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet

from .catalogue_data import BY_ID
from .choices import Module, ParamType, Unit
from .models import ParameterValue, Profile, ProfileRule, Rule, RuleParameter
from .spec import ParamError


@dataclass
class ParamView:
    name: str
    label: str
    type: str
    type_label: str
    unit: str
    unit_label: str
    value: Any  # JSON
    display: str
    default: Any  # JSON
    default_display: str
    is_default: bool
    minimum: float | None
    maximum: float | None
    choices: list
    optional: bool
    help: str
    changed_by: str
    changed_at: Any


@dataclass
class RuleView:
    rule: Rule
    profile: Profile
    enabled: bool
    default_enabled: bool
    version: int
    etag: str
    params: list[ParamView]

    @property
    def rule_id(self) -> str:
        return self.rule.rule_id

    @property
    def module_label(self) -> str:
        return str(Module(self.rule.module).label)


def with_profile(queryset: QuerySet, profile: Profile) -> QuerySet:
    values = ParameterValue.objects.filter(profile=profile).select_related("changed_by__person")
    parameters = RuleParameter.objects.order_by("position").prefetch_related(
        Prefetch("values", queryset=values, to_attr="profile_values")
    )
    return queryset.prefetch_related(
        Prefetch("parameters", queryset=parameters),
        Prefetch(
            "profile_rules",
            queryset=ProfileRule.objects.filter(profile=profile),
            to_attr="in_profile",
        ),
    )


def present(rule: Rule, profile: Profile) -> RuleView:
    link = rule.in_profile[0] if getattr(rule, "in_profile", None) else None
    return RuleView(
        rule=rule,
        profile=profile,
        enabled=link.enabled if link else False,
        default_enabled=link.default_enabled if link else False,
        version=link.version if link else 0,
        etag=link.etag if link else "",
        params=[_param(rule.rule_id, p) for p in rule.parameters.all()],
    )


def _param(rule_id: str, row: RuleParameter) -> ParamView:
    stored = row.profile_values[0] if getattr(row, "profile_values", None) else None
    rdef = BY_ID.get(rule_id)
    pdef = rdef.param(row.name) if rdef and rdef.has_param(row.name) else None
    value = stored.value if stored else None
    default = stored.default if stored else None
    return ParamView(
        name=row.name,
        label=row.label,
        type=row.type,
        type_label=str(ParamType(row.type).label),
        unit=row.unit,
        unit_label=Unit(row.unit).suffix if row.unit else "",
        value=value,
        display=_display(pdef, value),
        default=default,
        default_display=_display(pdef, default),
        is_default=value == default,
        minimum=row.minimum,
        maximum=row.maximum,
        choices=row.choices,
        optional=row.optional,
        help=row.help,
        changed_by=stored.changed_by.display_name if stored and stored.changed_by else "",
        changed_at=stored.changed_at if stored else None,
    )


def _display(pdef, stored: Any) -> str:
    if pdef is None:
        return "" if stored is None else str(stored)
    try:
        return pdef.display(pdef.decode(stored))
    except ParamError:
        return str(stored)


def by_module(views: list[RuleView]) -> list[dict]:
    groups: dict[str, list[RuleView]] = {}
    for view in views:
        groups.setdefault(view.rule.module, []).append(view)
    return [
        {"code": code, "label": label, "rules": groups[code]}
        for code, label in Module.choices
        if code in groups
    ]


PROFILE_NAMES = {"district": "区级配置", "city": "市级配置"}


@dataclass
class HistoryRow:
    occurred_at: Any
    actor: str
    profile: str
    changes: list[tuple[str, str, str]]  # label, before, after


def history(entries, rule_id: str) -> list[HistoryRow]:
    """Audit records of a rule as an office reads them: 名称：旧值 → 新值."""
    rdef = BY_ID.get(rule_id)
    rows = []
    for entry in entries:
        before, after = entry.before or {}, entry.after or {}
        if "enabled" in after:
            changes = [("本规则", _on_off(before.get("enabled")), _on_off(after.get("enabled")))]
        else:
            old, new = before.get("params", {}), after.get("params", {})
            changes = [_change(rdef, name, old.get(name), new[name]) for name in new]
        profile = PROFILE_NAMES.get(after.get("profile", ""), after.get("profile", ""))
        rows.append(HistoryRow(entry.occurred_at, entry.actor_name, profile, changes))
    return rows


def _change(rdef, name: str, old: Any, new: Any) -> tuple[str, str, str]:
    pdef = rdef.param(name) if rdef and rdef.has_param(name) else None
    return (pdef.label if pdef else name, _display(pdef, old), _display(pdef, new))


def _on_off(value: Any) -> str:
    return "启用" if value else "停用"
