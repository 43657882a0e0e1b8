"""People, the posts they hold (任职) and the posts catalogue. A person with history is
archived, never deleted: there is no delete."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import F, Q
from django.utils import timezone

from zhongshu.audit.services import record, snapshot
from zhongshu.framework.services import save_versioned, service

from ..models import Delegation, Person, Portfolio, Position, Post, Section, Unit
from ..rules import refuse
from ..signals import person_archived
from ._common import apply_changes, mark_archived, mark_restored, save_audited

PERSON_FIELDS = ("name", "unit", "section", "mobile", "office_phone", "email", "sort_order")
POSITION_FIELDS = ("person", "post", "unit", "section", "is_primary", "started_on", "ended_on")
POST_FIELDS = ("code", "name", "rank", "is_leader")
POST_EDITABLE = ("name", "rank", "is_leader")  # code is what routing reads: fixed


def _check_placement(unit: Unit, section: Section | None) -> None:
    if unit.archived_at is not None:
        refuse("ORG-PERSON-UNIT", "unit", name=unit.name)
    if section is not None and (section.unit_id != unit.pk or section.archived_at is not None):
        refuse("ORG-SECTION-UNIT", "section", name=section.name)


@service
def create_person(
    *,
    actor,
    name: str,
    unit: Unit,
    section: Section | None = None,
    mobile: str = "",
    office_phone: str = "",
    email: str = "",
    sort_order: int = 100,
) -> Person:
    _check_placement(unit, section)
    person = Person.objects.create(
        name=name,
        unit=unit,
        section=section,
        mobile=mobile,
        office_phone=office_phone,
        email=email,
        sort_order=sort_order,
    )
    record(
        actor=actor, event="person_created", obj=person, after=snapshot(person, list(PERSON_FIELDS))
    )
    return person


@service
def update_person(
    *, actor, person: Person, expected_version: int | None, changes: dict[str, Any]
) -> Person:
    before = snapshot(person, list(PERSON_FIELDS))
    changed = apply_changes(person, changes, PERSON_FIELDS)
    if {"unit", "section"} & set(changed):
        _check_placement(person.unit, person.section)
    save_audited(
        actor=actor,
        obj=person,
        expected_version=expected_version,
        before=before,
        fields=changed,
        event="person_updated",
    )
    return person


@service
def archive_person(*, actor, person: Person) -> Person:
    """Archive someone who left: their posts end today and their open delegations are
    revoked, so no routing or pending work points at them. A leader still holding a
    portfolio is refused: the portfolio must be handed over first."""
    if Portfolio.objects.active().filter(leader=person).exists():
        refuse("ORG-PERSON-PORTFOLIO", status=409, name=person.name)
    today, now = timezone.localdate(), timezone.now()
    open_positions = Position.objects.filter(person=person).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=today)
    )
    ended = [str(p.uuid) for p in open_positions]
    open_positions.update(ended_on=today, updated_at=now, version=F("version") + 1)
    open_delegations = Delegation.objects.filter(
        Q(delegator=person) | Q(delegate=person), revoked_at__isnull=True, ends_at__gt=now
    )
    revoked = [str(d.uuid) for d in open_delegations]
    open_delegations.update(revoked_at=now, updated_at=now, version=F("version") + 1)
    after = {"positions_ended": ended, "delegations_revoked": revoked}
    mark_archived(actor=actor, obj=person, event="person_archived", after=after)
    person_archived.send(sender=Person, person=person, actor=actor)
    return person


@service
def restore_person(*, actor, person: Person) -> Person:
    """Back on the roll; posts are assigned again explicitly (they ended on archiving)."""
    _check_placement(person.unit, None)
    mark_restored(actor=actor, obj=person, event="person_restored")
    return person


@service
def assign_position(
    *,
    actor,
    person: Person,
    post: Post,
    unit: Unit | None = None,
    section: Section | None = None,
    is_primary: bool = False,
    started_on: dt.date | None = None,
) -> Position:
    unit = unit or person.unit
    _check_placement(unit, section)
    if person.archived_at is not None:
        refuse("ORG-ARCHIVED", "person", status=409, name=person.name)
    held = Position.objects.active().filter(person=person, post=post, unit=unit, section=section)
    if held.exists():
        refuse("ORG-POSITION-DUPLICATE", "post", name=person.name)
    if is_primary:
        # One primary post: the new one takes the place of the old.
        Position.objects.filter(person=person, is_primary=True).update(
            is_primary=False, version=F("version") + 1
        )
    position = Position.objects.create(
        person=person,
        post=post,
        unit=unit,
        section=section,
        is_primary=is_primary,
        started_on=started_on,
    )
    after = snapshot(position, list(POSITION_FIELDS))
    record(actor=actor, event="position_assigned", obj=position, after=after)
    return position


@service
def end_position(*, actor, position: Position, ended_on: dt.date | None = None) -> Position:
    if position.ended_on is not None and position.ended_on <= timezone.localdate():
        refuse("ORG-POSITION-ENDED", status=409, date=position.ended_on.isoformat())
    ended_on = ended_on or timezone.localdate()
    if position.started_on and ended_on < position.started_on:
        refuse("ORG-POSITION-DATES", "ended_on")
    before = {"ended_on": position.ended_on}
    position.ended_on = ended_on
    save_versioned(position, expected_version=None, fields=["ended_on"])
    record(
        actor=actor,
        event="position_ended",
        obj=position,
        before=before,
        after={"ended_on": ended_on},
    )
    return position


@service
def create_post(*, actor, code: str, name: str, rank: int = 100, is_leader: bool = False) -> Post:
    if Post.objects.filter(code=code).exists():
        refuse("ORG-POST-CODE", "code", code=code)
    post = Post.objects.create(code=code, name=name, rank=rank, is_leader=is_leader)
    record(actor=actor, event="post_created", obj=post, after=snapshot(post, list(POST_FIELDS)))
    return post


@service
def update_post(
    *, actor, post: Post, expected_version: int | None, changes: dict[str, Any]
) -> Post:
    before = snapshot(post, list(POST_EDITABLE))
    changed = apply_changes(post, changes, POST_EDITABLE)
    save_audited(
        actor=actor,
        obj=post,
        expected_version=expected_version,
        before=before,
        fields=changed,
        event="post_updated",
    )
    return post
