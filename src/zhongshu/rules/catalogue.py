"""The rule catalogue as other apps use it — the only module they import from here.

    from zhongshu.rules import catalogue

    days = catalogue.param("DOC-IN-10", "days")              # 7, typed
    item.deadline_basis = catalogue.basis("DOC-IN-10", days=days)
    catalogue.basis_label(item.deadline_basis)
    # → "7个工作日内答复（DOC-IN-10，河北区公文规范管理意见 (四)）"
    raise RuleViolation(catalogue.violation("DOC-IN-2"))

Hot paths call ``param()``: the whole catalogue (every profile) lives in process memory
and a call is a few dict lookups. A process checks the one-row revision
(``CatalogueState``) at most once a second and reloads when it changed; the process
that makes a change sees it at once. Values are immutable (lists come back as tuples).

A stored basis is a snapshot: changing a parameter later changes new bases only.
"""

from __future__ import annotations

import logging
import string
import threading
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction

from zhongshu.framework.errors import Violation

from .catalogue_data import BY_ID, RULES
from .spec import PROFILES, ParamError, RuleDef, encode_value

log = logging.getLogger(__name__)

CHECK_INTERVAL = 1.0  # seconds between two reads of the revision row


@dataclass(frozen=True)
class RuleInfo:
    id: str
    module: str
    title: str
    text: str
    kinds: tuple[str, ...]
    source: str
    source_label: str
    enabled: bool


class CatalogueKeyError(KeyError):
    """A KeyError whose message reads well (KeyError's own quotes it)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class UnknownRule(CatalogueKeyError):
    pass


class UnknownParameter(CatalogueKeyError):
    pass


class UnknownProfile(CatalogueKeyError):
    pass


@dataclass(frozen=True)
class _Snapshot:
    revision: str | None
    active: str
    values: dict[str, dict[str, dict[str, Any]]]  # profile → rule id → name → value
    infos: dict[str, dict[str, RuleInfo]]  # profile → rule id → info


class _Cache:
    def __init__(self) -> None:
        self.snapshot: _Snapshot | None = None
        self.checked_at = 0.0
        # The revision this process wrote and has not yet seen committed: until then
        # every call re-reads the revision, so a rolled-back change is not kept.
        self.dirty: str | None = None
        self.lock = threading.Lock()


_cache = _Cache()


# --- the API ---------------------------------------------------------------------------
def rule(rule_id: str, profile: str | None = None) -> RuleInfo:
    snap = _snapshot()
    try:
        return snap.infos[profile or snap.active][rule_id]
    except KeyError:
        raise _unknown(snap, rule_id, None, profile) from None


def param(rule_id: str, name: str, profile: str | None = None) -> Any:
    """The current value of a parameter, typed (int, float, bool, str, time, timedelta,
    tuple for lists, None for 不限)."""
    snap = _snapshot()
    try:
        return snap.values[profile or snap.active][rule_id][name]
    except KeyError:
        raise _unknown(snap, rule_id, name, profile) from None


def params(rule_id: str, profile: str | None = None) -> dict[str, Any]:
    snap = _snapshot()
    try:
        return dict(snap.values[profile or snap.active][rule_id])
    except KeyError:
        raise _unknown(snap, rule_id, None, profile) from None


def basis(rule_id: str, **used: Any) -> dict:
    """The JSON snapshot an item stores beside a deadline or a check result: the rule,
    its words and source, and the parameter values used (all current ones if none are
    named). Extra names (e.g. CAL-2's ``office_end``) may be recorded too."""
    snap = _snapshot()
    info = rule(rule_id)
    values = used if used else snap.values[snap.active][rule_id]
    return {
        "rule": rule_id,
        "title": info.title,
        "source_label": info.source_label,
        "params": encode_value(dict(values)),
        "profile": snap.active,
    }


def basis_label(basis: dict) -> str:
    """``7个工作日内答复（DOC-IN-10，河北区公文规范管理意见 (四)）`` from a stored basis —
    its own values, whatever the catalogue says now."""
    rule_id = str(basis.get("rule", ""))
    used = basis.get("params") or {}
    phrase = _phrase(BY_ID.get(rule_id), used) or basis.get("title") or rule_id
    source = basis.get("source_label") or (BY_ID[rule_id].source_label if rule_id in BY_ID else "")
    return f"{phrase}（{rule_id}，{source}）" if source else f"{phrase}（{rule_id}）"


def violation(rule_id: str, message: str | None = None, *, field: str | None = None) -> Violation:
    """A ``Violation`` naming the rule; the message defaults to the rule's title."""
    return Violation(rule_id, message or rule(rule_id).title, field)


# --- more for the rules app and the curious ----------------------------------------------
def active_profile() -> str:
    return _snapshot().active


def is_enabled(rule_id: str, profile: str | None = None) -> bool:
    return rule(rule_id, profile).enabled


def all_rules(profile: str | None = None) -> list[RuleInfo]:
    snap = _snapshot()
    infos = snap.infos[profile or snap.active]
    return [infos[r.id] for r in RULES]


def definition(rule_id: str) -> RuleDef:
    try:
        return BY_ID[rule_id]
    except KeyError:
        raise UnknownRule(f"规则目录中没有 {rule_id!r}") from None


def reset_cache() -> None:
    """Forget the in-memory copy (tests that roll back the database call this)."""
    with _cache.lock:
        _cache.snapshot = None
        _cache.checked_at = 0.0
        _cache.dirty = None


def note_change(revision: str) -> None:
    """Called by the services after writing ``revision``: this process re-reads now and
    keeps re-checking until the transaction commits."""
    with _cache.lock:
        _cache.dirty = revision
        _cache.checked_at = 0.0
    transaction.on_commit(_committed)


def _committed() -> None:
    with _cache.lock:
        _cache.dirty = None
        _cache.checked_at = 0.0


# --- the cache -------------------------------------------------------------------------
def _snapshot() -> _Snapshot:
    snap = _cache.snapshot
    if (
        snap is not None
        and _cache.dirty is None
        and time.monotonic() - _cache.checked_at < CHECK_INTERVAL
    ):
        return snap
    return _refresh()


def _refresh() -> _Snapshot:
    from .models import CatalogueState

    state = CatalogueState.objects.filter(pk=1).values_list("revision", flat=True).first()
    revision = str(state) if state else None
    with _cache.lock:
        snap = _cache.snapshot
        if snap is None or snap.revision != revision or revision is None:
            snap = _load(revision)
            _cache.snapshot = snap
        if _cache.dirty is not None and _cache.dirty != revision:
            _cache.dirty = None  # our change was rolled back (or superseded)
        _cache.checked_at = time.monotonic()
        return snap


def _load(revision: str | None) -> _Snapshot:
    from .models import ParameterValue, Profile, ProfileRule

    profiles = dict(Profile.objects.values_list("code", "is_active"))
    active = next((code for code, on in profiles.items() if on), None) or _initial_profile()
    codes = list(dict.fromkeys([*PROFILES, *profiles]))
    enabled = {
        (p, r): on
        for p, r, on in ProfileRule.objects.values_list("profile__code", "rule__rule_id", "enabled")
    }
    values = {code: _defaults(code) for code in codes}
    stored = ParameterValue.objects.values_list(
        "profile__code", "parameter__rule__rule_id", "parameter__name", "value"
    )
    for code, rule_id, name, raw in stored:
        rdef = BY_ID.get(rule_id)
        if rdef is None or not rdef.has_param(name):
            continue
        try:
            values[code][rule_id][name] = rdef.param(name).decode(raw)
        except ParamError:
            log.warning(
                "rules: stored value %s.%s=%r is invalid; using default", rule_id, name, raw
            )
    infos = {
        code: {r.id: _info(r, enabled.get((code, r.id), code in r.profiles)) for r in RULES}
        for code in codes
    }
    return _Snapshot(revision=revision, active=active, values=values, infos=infos)


def _defaults(profile: str) -> dict[str, dict[str, Any]]:
    return {r.id: {p.name: p.default_for(profile) for p in r.params} for r in RULES}


def _info(r: RuleDef, enabled: bool) -> RuleInfo:
    return RuleInfo(
        id=r.id,
        module=r.module,
        title=r.title,
        text=r.text,
        kinds=r.kinds,
        source=r.source,
        source_label=r.source_label,
        enabled=enabled,
    )


def _initial_profile() -> str:
    return getattr(settings, "RULE_PROFILE", "district") or "district"


def _unknown(snap: _Snapshot, rule_id: str, name: str | None, profile: str | None) -> KeyError:
    if profile is not None and profile not in snap.values:
        return UnknownProfile(f"没有名为 {profile!r} 的规则配置（可用：{', '.join(snap.values)}）")
    if rule_id not in BY_ID:
        return UnknownRule(f"规则目录中没有 {rule_id!r}")
    names = ", ".join(p.name for p in BY_ID[rule_id].params) or "（无参数）"
    return UnknownParameter(f"规则 {rule_id} 没有参数 {name!r}（有：{names}）")


# --- 依据 labels -----------------------------------------------------------------------
_FORMATTER = string.Formatter()


def _phrase(rdef: RuleDef | None, used: dict) -> str | None:
    if rdef is None:
        return None
    for template in rdef.phrases:
        names = {field for _, field, _, _ in _FORMATTER.parse(template) if field}
        if names and names <= used.keys():
            return template.format(**{n: _shown(used[n]) for n in names})
    return None


def _shown(value: Any) -> str:
    if value is None:
        return "不限"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    return str(value)
