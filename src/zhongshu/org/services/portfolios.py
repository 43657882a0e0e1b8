"""Portfolios (分管): which leader is in charge of which fields, units and office
sections. Signing and approval routes read them (DOC-OUT-6, DOC-IN-13)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from zhongshu.audit.services import record, snapshot
from zhongshu.framework.services import save_versioned, service

from ..choices import PortfolioKind
from ..models import Person, Portfolio, Position, Section, Unit
from ..rules import refuse
from ._common import apply_changes

PORTFOLIO_FIELDS = ("leader", "kind", "fields", "started_on", "ended_on")
RELATIONS = ("units", "sections")
AUDITED = [*PORTFOLIO_FIELDS, *RELATIONS]


def clean_fields(fields: Iterable[str]) -> list[str]:
    """Field names as typed (“财政、教育”): stripped, without blanks or repeats."""
    seen: list[str] = []
    for name in fields:
        name = str(name).strip()
        if name and name not in seen:
            seen.append(name)
    return seen


def _check(portfolio: Portfolio, units: list[Unit] | None) -> None:
    leader = portfolio.leader
    holds_lead = Position.objects.active().filter(person=leader, post__is_leader=True).exists()
    if leader.archived_at is not None or not holds_lead:
        refuse("ORG-PORTFOLIO-LEADER", "leader")
    if not portfolio.fields and not units:
        refuse("ORG-PORTFOLIO-EMPTY", "fields")
    if portfolio.started_on and portfolio.ended_on and portfolio.ended_on <= portfolio.started_on:
        refuse("ORG-PORTFOLIO-DATES", "ended_on")


@service
def create_portfolio(
    *,
    actor,
    leader: Person,
    kind: str = PortfolioKind.GOVERNMENT,
    fields: Iterable[str] = (),
    units: Iterable[Unit] = (),
    sections: Iterable[Section] = (),
    started_on: dt.date | None = None,
    ended_on: dt.date | None = None,
) -> Portfolio:
    portfolio = Portfolio(
        leader=leader,
        kind=kind,
        fields=clean_fields(fields),
        started_on=started_on,
        ended_on=ended_on,
    )
    units = list(units)
    _check(portfolio, units)
    portfolio.save()
    portfolio.units.set(units)
    portfolio.sections.set(list(sections))
    record(
        actor=actor, event="portfolio_created", obj=portfolio, after=snapshot(portfolio, AUDITED)
    )
    return portfolio


@service
def update_portfolio(
    *, actor, portfolio: Portfolio, expected_version: int | None, changes: dict[str, Any]
) -> Portfolio:
    """Set the leader, kind, fields, dates, units and sections (any of them)."""
    before = snapshot(portfolio, AUDITED)
    changes = dict(changes)
    relations = {name: list(changes.pop(name)) for name in RELATIONS if name in changes}
    if "fields" in changes:
        changes["fields"] = clean_fields(changes["fields"])
    changed = apply_changes(portfolio, changes, PORTFOLIO_FIELDS)
    units = relations.get("units", list(portfolio.units.all()))
    _check(portfolio, units)
    # The version moves even when only the units changed: the ETag must change with them.
    save_versioned(portfolio, expected_version=expected_version, fields=changed)
    for name, objects in relations.items():
        getattr(portfolio, name).set(objects)
    after = snapshot(portfolio, AUDITED)
    record(
        actor=actor,
        event="portfolio_updated",
        obj=portfolio,
        before={k: v for k, v in before.items() if after[k] != v},
        after={k: v for k, v in after.items() if before[k] != v},
    )
    return portfolio


@service
def end_portfolio(*, actor, portfolio: Portfolio, ended_on: dt.date | None = None) -> Portfolio:
    today = timezone.localdate()
    if portfolio.ended_on is not None and portfolio.ended_on <= today:
        refuse("ORG-PORTFOLIO-ENDED", status=409)
    ended_on = ended_on or today
    if portfolio.started_on and ended_on <= portfolio.started_on:
        refuse("ORG-PORTFOLIO-DATES", "ended_on")
    before = {"ended_on": portfolio.ended_on}
    portfolio.ended_on = ended_on
    save_versioned(portfolio, expected_version=None, fields=["ended_on"])
    record(
        actor=actor,
        event="portfolio_ended",
        obj=portfolio,
        before=before,
        after={"ended_on": ended_on},
    )
    return portfolio
