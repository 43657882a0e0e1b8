"""Who sees a tracked item and who may act on it.

Seen by: the responsible person, the people of the lead and cooperating units, the
creator and the approver, the leaders in charge of the lead unit (分管, through their
portfolios), readers it was sent to, and — all items — supervision officers and office
leaders (``view_all_items``). Delegates see what their delegators see. Anyone else: 404.

Acting: the handler (responsible person; with none named, the lead unit's people) works
the item; the approver (or a supervisor) decides close-out, extensions, pauses and
reassignment; the approver, the creator, the leaders in charge and supervisors chase.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from zhongshu.framework.policies import Policy, is_business_user
from zhongshu.org.models import Person

from .acting import Acting, acting_as, reach_of, try_acting_as
from .models import Chase, ItemUnit, Notification, ReadRequest, TrackedItem

HANDLER_VERBS = ("start", "report", "request_closeout", "request_extension", "update_lists")
APPROVER_VERBS = (
    "approve_closeout",
    "refuse_closeout",
    "close",
    "cancel",
    "decide_extension",
    "suspend",
    "resume",
    "reassign",
)


def handler_fits(item: TrackedItem) -> Callable[[Person], bool]:
    if item.responsible_id:
        return lambda person: person.pk == item.responsible_id
    return lambda person: person.unit_id == item.lead_unit_id


def approver_fits(item: TrackedItem) -> Callable[[Person], bool]:
    approver_id = item.approver_id or item.creator_id
    return lambda person: approver_id is not None and person.pk == approver_id


def as_handler(user: Any, item: TrackedItem) -> Acting:
    return acting_as(user, handler_fits(item))


def as_approver(user: Any, item: TrackedItem) -> Acting:
    return acting_as(user, approver_fits(item), supervisor_ok=True)


def as_chaser(user: Any, item: TrackedItem) -> Acting:
    found = _chaser(user, item)
    if found is None:
        return acting_as(user, lambda person: False)  # raises 403
    return found


def _chaser(user: Any, item: TrackedItem) -> Acting | None:
    ids = {item.approver_id, item.creator_id} - {None}
    found = try_acting_as(user, lambda person: person.pk in ids, supervisor_ok=True)
    reach = reach_of(user)
    if found is None and reach.person is not None and item.lead_unit_id in reach.portfolio_unit_ids:
        found = Acting(user, reach.person)
    return found


def as_answerer(user: Any, chase: Chase) -> Acting:
    item = chase.item
    fits = handler_fits(item)
    return acting_as(user, lambda person: person.pk == chase.target_id or fits(person))


class TrackedItemPolicy(Policy):
    model = TrackedItem

    def scope(self, user: Any, queryset: QuerySet) -> QuerySet:
        reach = reach_of(user)
        if reach.sees_all:
            return queryset
        if reach.person is None:
            return queryset.none()
        people = reach.person_ids
        units = list(reach.unit_ids | reach.portfolio_unit_ids)
        return queryset.filter(
            Q(responsible_id__in=people)
            | Q(creator_id__in=people)
            | Q(approver_id__in=people)
            | Q(lead_unit_id__in=units)
            | Exists(
                ItemUnit.objects.filter(item_id=OuterRef("pk"), unit_id__in=list(reach.unit_ids))
            )
            | Exists(ReadRequest.objects.filter(item_id=OuterRef("pk"), reader_id__in=people))
        )

    def can_create(self, user: Any, obj: Any = None) -> bool:
        return is_business_user(user) and user.has_perm("tracking.create_task")

    def can_chase(self, user: Any, obj: TrackedItem) -> bool:
        return is_business_user(user) and obj.is_open and _chaser(user, obj) is not None

    def can_answer_chase(self, user: Any, obj: Chase) -> bool:
        fits = handler_fits(obj.item)
        found = try_acting_as(user, lambda person: person.pk == obj.target_id or fits(person))
        return is_business_user(user) and found is not None

    def __getattr__(self, name: str):
        verb = name.removeprefix("can_")
        if verb in HANDLER_VERBS:
            return lambda user, obj: (
                is_business_user(user) and bool(try_acting_as(user, handler_fits(obj)))
            )
        if verb in APPROVER_VERBS:
            return lambda user, obj: (
                is_business_user(user)
                and bool(try_acting_as(user, approver_fits(obj), supervisor_ok=True))
            )
        raise AttributeError(name)


class NotificationPolicy(Policy):
    """A person reads their own notifications and, as a delegate, the delegator's."""

    model = Notification

    def scope(self, user: Any, queryset: QuerySet) -> QuerySet:
        reach = reach_of(user)
        return queryset.filter(recipient_id__in=reach.person_ids)


class ReadRequestPolicy(Policy):
    model = ReadRequest

    def scope(self, user: Any, queryset: QuerySet) -> QuerySet:
        return queryset.filter(reader_id__in=reach_of(user).person_ids)


items = TrackedItemPolicy()
notifications = NotificationPolicy()
read_requests = ReadRequestPolicy()
