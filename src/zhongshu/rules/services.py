"""Business operations on the catalogue: an office administrator changes a profile's
parameter values or switches a rule on or off, or switches the active profile.

Every change is audited with before/after, writes a new catalogue revision (so every
process reloads) and applies to items created afterwards: items keep the basis they
were computed on.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from django.utils import timezone

from zhongshu.audit.services import record
from zhongshu.framework.errors import ConflictError, RuleViolation, Violation, raise_if
from zhongshu.framework.services import save_versioned, service

from . import catalogue
from .models import CatalogueState, ParameterValue, Profile, ProfileRule
from .spec import ParamError, RuleDef, encode_value


def profile_rule_for(rule_id: str, profile: str | None = None) -> ProfileRule:
    """The (profile, rule) row whose version guards edits; the active profile by default."""
    query = ProfileRule.objects.select_related("profile", "rule").filter(rule__rule_id=rule_id)
    query = (
        query.filter(profile__code=profile) if profile else query.filter(profile__is_active=True)
    )
    found = query.first()
    if found is None:
        raise catalogue.UnknownRule(f"规则目录中没有 {rule_id!r}（配置 {profile or '当前'}）")
    return found


def _clean(rdef: RuleDef, values: Mapping[str, Any]) -> dict[str, Any]:
    cleaned, problems = {}, []
    for name, raw in values.items():
        if not rdef.has_param(name):
            problems.append(Violation(rdef.id, f"规则 {rdef.id} 没有参数“{name}”。", name))
            continue
        try:
            cleaned[name] = rdef.param(name).clean(raw)
        except ParamError as exc:
            problems.append(Violation(rdef.id, str(exc), name))
    raise_if(problems)
    return cleaned


def _bump_revision() -> None:
    revision = uuid.uuid4()
    CatalogueState.objects.update_or_create(pk=1, defaults={"revision": revision})
    catalogue.note_change(str(revision))


@service
def change_rule_parameters(
    *,
    actor: Any,
    rule_id: str,
    values: Mapping[str, Any],
    enabled: bool | None = None,
    profile: str | None = None,
    expected_version: int | None = None,
) -> ProfileRule:
    """Set ``values`` (raw form text or JSON, validated here) of ``rule_id`` in
    ``profile`` (the active one by default), and switch the rule on or off."""
    rdef = catalogue.definition(rule_id)
    cleaned = _clean(rdef, values)
    target = profile_rule_for(rule_id, profile)
    if expected_version is not None and expected_version != target.version:
        raise ConflictError()
    rows = {
        v.parameter.name: v
        for v in ParameterValue.objects.select_related("parameter").filter(
            profile=target.profile, parameter__rule=target.rule, parameter__name__in=list(cleaned)
        )
    }
    changes = {
        name: (rows[name].value, encode_value(value))
        for name, value in cleaned.items()
        if rows[name].value != encode_value(value)
    }
    switch = enabled is not None and enabled != target.enabled
    if not changes and not switch:
        return target
    now = timezone.now()
    target.changed_by, target.changed_at = actor, now
    if switch:
        target.enabled = bool(enabled)
    save_versioned(
        target, expected_version=target.version, fields=["enabled", "changed_by", "changed_at"]
    )
    for name, (_, new) in changes.items():
        row = rows[name]
        row.value, row.changed_by, row.changed_at = new, actor, now
        row.version += 1
        row.save(update_fields=["value", "changed_by", "changed_at", "version", "updated_at"])
    _audit(actor, target, changes, switch)
    _bump_revision()
    return target


def _audit(actor: Any, target: ProfileRule, changes: dict, switch: bool) -> None:
    code = target.profile.code
    if changes:
        record(
            actor=actor,
            event="rule_parameter_changed",
            obj=target.rule,
            before={"profile": code, "params": {n: old for n, (old, _) in changes.items()}},
            after={"profile": code, "params": {n: new for n, (_, new) in changes.items()}},
        )
    if switch:
        record(
            actor=actor,
            event="rule_enabled" if target.enabled else "rule_disabled",
            obj=target.rule,
            before={"profile": code, "enabled": not target.enabled},
            after={"profile": code, "enabled": target.enabled},
        )


@service
def activate_profile(*, actor: Any, code: str) -> Profile:
    """Make ``code`` the deployment's active profile (items created afterwards use it)."""
    profile = Profile.objects.filter(code=code).first()
    if profile is None:
        raise RuleViolation.single("RULES", f"没有名为“{code}”的规则配置。", field="profile")
    previous = Profile.objects.filter(is_active=True).first()
    if previous is not None and previous.pk == profile.pk:
        return profile
    # Deactivate first: the partial unique constraint allows one active profile.
    Profile.objects.filter(is_active=True).update(is_active=False, updated_at=timezone.now())
    profile.is_active = True
    save_versioned(profile, expected_version=profile.version, fields=["is_active"])
    record(
        actor=actor,
        event="rule_profile_activated",
        obj=profile,
        before={"profile": previous.code if previous else None},
        after={"profile": profile.code},
    )
    _bump_revision()
    return profile
