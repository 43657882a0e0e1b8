"""Delegation (委托): a leader hands their pending work to another person for a period.
Both see the work; the delegate's actions record "代" and on whose behalf."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from zhongshu.audit.services import record, snapshot
from zhongshu.framework.errors import raise_if
from zhongshu.framework.services import save_versioned, service

from ..models import Delegation, Person
from ..rules import refuse, violation

DELEGATION_FIELDS = ["delegator", "delegate", "starts_at", "ends_at", "reason"]


def _violations(delegator: Person, delegate: Person, starts_at: dt.datetime, ends_at: dt.datetime):
    if ends_at <= starts_at or ends_at <= timezone.now():
        yield violation("ORG-DELEGATION-PERIOD", "ends_at")
    if delegator.pk == delegate.pk:
        yield violation("ORG-DELEGATION-SELF", "delegate")
    if delegator.archived_at is not None or delegate.archived_at is not None:
        yield violation("ORG-DELEGATION-PERSON", "delegate")
    overlapping = Delegation.objects.filter(
        delegator=delegator,
        delegate=delegate,
        revoked_at__isnull=True,
        starts_at__lt=ends_at,
        ends_at__gt=starts_at,
    )
    if overlapping.exists():
        yield violation(
            "ORG-DELEGATION-OVERLAP", "starts_at", delegator=delegator.name, delegate=delegate.name
        )


@service
def create_delegation(
    *,
    actor,
    delegator: Person,
    delegate: Person,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    reason: str = "",
) -> Delegation:
    # Serialise delegations of one delegator, so two overlapping ones cannot both pass.
    delegator = Person.objects.select_for_update().get(pk=delegator.pk)
    raise_if(_violations(delegator, delegate, starts_at, ends_at))
    delegation = Delegation.objects.create(
        delegator=delegator, delegate=delegate, starts_at=starts_at, ends_at=ends_at, reason=reason
    )
    after = snapshot(delegation, DELEGATION_FIELDS)
    record(actor=actor, event="delegation_created", obj=delegation, after=after)
    return delegation


@service
def revoke_delegation(*, actor, delegation: Delegation) -> Delegation:
    now = timezone.now()
    if delegation.revoked_at is not None or delegation.ends_at <= now:
        refuse("ORG-DELEGATION-CLOSED", status=409)
    delegation.revoked_at = now
    save_versioned(delegation, expected_version=None, fields=["revoked_at"])
    record(actor=actor, event="delegation_revoked", obj=delegation, after={"revoked_at": now})
    return delegation
