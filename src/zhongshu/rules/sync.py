"""Bring the database in line with the catalogue data (after every migrate).

Idempotent: a second run writes nothing. Rule texts, titles, sources and parameter
definitions follow the data; a profile's values follow the data's defaults only until an
office changes them — an edited value is never overwritten (unless the new definition
rejects it, in which case it is reset to the default and the reset is audited).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

from zhongshu.audit.services import record

from . import catalogue
from .catalogue_data import RULES
from .choices import MODULE_ORDER
from .models import CatalogueState, ParameterValue, Profile, ProfileRule, Rule, RuleParameter
from .spec import PROFILES, ParamDef, ParamError, RuleDef, encode_value

PROFILE_SPECS = {
    "district": (
        "区级配置",
        "默认配置：以河北区公文、会议、督查三项制度（003）为主，信息与值班工作依天津市文件（000、004）。",
    ),
    "city": (
        "市级配置",
        "依《提高效率抓落实意见》（002）的数值：市级会议规模、答复时限、督查通报等。",
    ),
}

RULE_FIELDS = [
    "module",
    "position",
    "title",
    "text",
    "kind_tags",
    "kind_note",
    "source",
    "source_label",
    "archived_at",
]
PARAM_FIELDS = [
    "label",
    "type",
    "unit",
    "minimum",
    "maximum",
    "choices",
    "optional",
    "help",
    "position",
]


@dataclass
class SyncReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    reset: list[str] = field(default_factory=list)

    def count(self, bucket: dict[str, int], name: str, n: int) -> None:
        if n:
            bucket[name] = bucket.get(name, 0) + n

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.reset)


def sync_catalogue() -> SyncReport:
    report = SyncReport()
    with transaction.atomic():
        profiles = _sync_profiles(report)
        rules = _sync_rules(report)
        parameters = _sync_parameters(rules, report)
        _sync_profile_rules(profiles, rules, report)
        _sync_values(profiles, parameters, report)
        state = CatalogueState.objects.filter(pk=1).first()
        if report.changed or state is None:
            revision = uuid.uuid4()
            CatalogueState.objects.update_or_create(pk=1, defaults={"revision": revision})
            if report.changed:
                record(
                    actor=None,
                    event="rule_catalogue_synced",
                    object_type="rules.catalogue",
                    object_repr="规则目录",
                    after={
                        "created": report.created,
                        "updated": report.updated,
                        "reset": report.reset,
                    },
                )
            catalogue.note_change(str(revision))
    return report


def _initial_profile() -> str:
    code = getattr(settings, "RULE_PROFILE", "district") or "district"
    if code not in PROFILES:
        raise ImproperlyConfigured(f"ZHONGSHU_RULE_PROFILE: {code!r} is not one of {PROFILES}")
    return code


def _sync_profiles(report: SyncReport) -> dict[str, Profile]:
    existing = {p.code: p for p in Profile.objects.all()}
    for position, code in enumerate(PROFILES):
        name, description = PROFILE_SPECS[code]
        profile = existing.get(code)
        if profile is None:
            existing[code] = Profile.objects.create(
                code=code, name=name, description=description, position=position
            )
            report.count(report.created, "profiles", 1)
        elif (profile.name, profile.description) != (name, description):
            profile.name, profile.description = name, description
            profile.save(update_fields=["name", "description", "updated_at"])
            report.count(report.updated, "profiles", 1)
    if not any(p.is_active for p in existing.values()):
        initial = existing[_initial_profile()]
        initial.is_active = True
        initial.save(update_fields=["is_active", "updated_at"])
        report.count(report.updated, "active_profile", 1)
    return existing


def _rule_values(rdef: RuleDef) -> dict:
    return {
        "module": rdef.module,
        "position": MODULE_ORDER[rdef.module] * 1000 + rdef.number,
        "title": rdef.title,
        "text": rdef.text,
        "kind_tags": "," + ",".join(rdef.kinds) + ",",
        "kind_note": rdef.kind_note,
        "source": rdef.source,
        "source_label": rdef.source_label,
        "archived_at": None,
    }


def _sync_rules(report: SyncReport) -> dict[str, Rule]:
    existing = {r.rule_id: r for r in Rule.objects.all()}
    to_create, to_update = [], []
    for rdef in RULES:
        wanted = _rule_values(rdef)
        row = existing.get(rdef.id)
        if row is None:
            to_create.append(Rule(rule_id=rdef.id, **wanted))
        elif _assign(row, wanted):
            to_update.append(row)
    now = timezone.now()
    known = {r.id for r in RULES}
    for rule_id, row in existing.items():
        if rule_id not in known and row.archived_at is None:
            row.archived_at = now
            to_update.append(row)
    Rule.objects.bulk_create(to_create)
    if to_update:
        Rule.objects.bulk_update(to_update, [*RULE_FIELDS, "updated_at"])
    report.count(report.created, "rules", len(to_create))
    report.count(report.updated, "rules", len(to_update))
    return {r.rule_id: r for r in Rule.objects.filter(rule_id__in=known)}


def _param_values(pdef: ParamDef, position: int) -> dict:
    return {
        "label": pdef.label,
        "type": pdef.type,
        "unit": pdef.unit,
        "minimum": pdef.min,
        "maximum": pdef.max,
        "choices": [list(c) for c in pdef.choices],
        "optional": pdef.optional,
        "help": pdef.help,
        "position": position,
    }


def _sync_parameters(rules: dict[str, Rule], report: SyncReport) -> dict[tuple[str, str], tuple]:
    existing = {(p.rule.rule_id, p.name): p for p in RuleParameter.objects.select_related("rule")}
    to_create, to_update, wanted_keys = [], [], set()
    for rdef in RULES:
        for position, pdef in enumerate(rdef.params):
            key = (rdef.id, pdef.name)
            wanted_keys.add(key)
            values = _param_values(pdef, position)
            row = existing.get(key)
            if row is None:
                to_create.append(RuleParameter(rule=rules[rdef.id], name=pdef.name, **values))
            elif _assign(row, values):
                to_update.append(row)
    stale = [p.pk for key, p in existing.items() if key not in wanted_keys]
    RuleParameter.objects.bulk_create(to_create)
    if to_update:
        RuleParameter.objects.bulk_update(to_update, [*PARAM_FIELDS, "updated_at"])
    if stale:
        RuleParameter.objects.filter(pk__in=stale).delete()
    report.count(report.created, "parameters", len(to_create))
    report.count(report.updated, "parameters", len(to_update) + len(stale))
    by_key = {(p.rule.rule_id, p.name): p for p in RuleParameter.objects.select_related("rule")}
    return {key: (by_key[key], catalogue.definition(key[0]).param(key[1])) for key in by_key}


def _sync_profile_rules(
    profiles: dict[str, Profile], rules: dict[str, Rule], report: SyncReport
) -> None:
    existing = {(pr.profile_id, pr.rule_id): pr for pr in ProfileRule.objects.all()}
    to_create, to_update = [], []
    for code, profile in profiles.items():
        for rdef in RULES:
            default = code in rdef.profiles
            row = existing.get((profile.pk, rules[rdef.id].pk))
            if row is None:
                to_create.append(
                    ProfileRule(
                        profile=profile,
                        rule=rules[rdef.id],
                        enabled=default,
                        default_enabled=default,
                    )
                )
                continue
            wanted = {"default_enabled": default}
            if row.changed_at is None:
                wanted["enabled"] = default
            if _assign(row, wanted):
                to_update.append(row)
    ProfileRule.objects.bulk_create(to_create)
    if to_update:
        ProfileRule.objects.bulk_update(to_update, ["enabled", "default_enabled", "updated_at"])
    report.count(report.created, "profile_rules", len(to_create))
    report.count(report.updated, "profile_rules", len(to_update))


def _sync_values(
    profiles: dict[str, Profile], parameters: dict[tuple[str, str], tuple], report: SyncReport
) -> None:
    existing = {(v.profile_id, v.parameter_id): v for v in ParameterValue.objects.all()}
    to_create, to_update = [], []
    for code, profile in profiles.items():
        for (rule_id, name), (row_param, pdef) in parameters.items():
            default = encode_value(pdef.default_for(code))
            value = existing.get((profile.pk, row_param.pk))
            if value is None:
                to_create.append(
                    ParameterValue(
                        profile=profile, parameter=row_param, value=default, default=default
                    )
                )
                continue
            wanted: dict = {"default": default}
            if value.changed_at is None or not _valid(pdef, value.value):
                if value.changed_at is not None:
                    report.reset.append(f"{code}:{rule_id}.{name}={value.value!r}")
                wanted.update(value=default, changed_at=None, changed_by_id=None)
            if _assign(value, wanted):
                to_update.append(value)
    ParameterValue.objects.bulk_create(to_create)
    if to_update:
        fields = ["default", "value", "changed_at", "changed_by", "updated_at"]
        ParameterValue.objects.bulk_update(to_update, fields)
    report.count(report.created, "values", len(to_create))
    report.count(report.updated, "values", len(to_update))


def _valid(pdef: ParamDef, stored) -> bool:
    try:
        pdef.decode(stored)
    except ParamError:
        return False
    return True


def _assign(row, wanted: dict) -> bool:
    """Set ``wanted`` on ``row``; True if anything differed."""
    changed = False
    for name, value in wanted.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    if changed:
        row.updated_at = timezone.now()
    return changed
