"""Who sees the ledger and who acts on it.

Seen by: the supervision office and office leaders (all items, ``view_all_supervised``);
a deputy head the items of their portfolio (the items they are in charge of, and those led
by the units they oversee — 分管); a unit the items it leads or cooperates on (each unit's
own list); delegates what their delegators see. Anyone else: 404.

The office (``manage_supervision``) registers, assigns, issues orders, approves close-out
and writes bulletins; the unit works its items through the tracking engine.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from zhongshu.framework.policies import Policy, is_business_user
from zhongshu.org.models import Position
from zhongshu.tracking.acting import reach_of, try_acting_as
from zhongshu.tracking.models import ItemUnit
from zhongshu.tracking.policies import handler_fits

from .models import AccountabilityProposal, Bulletin, Case, SupervisedItem, SupervisionOrder

SEE_ALL = "supervision.view_all_supervised"
MANAGE = "supervision.manage_supervision"


HEAD_POSTS = ("head",)  # 区长: the head sees the whole ledger (the wall of red is theirs)


def is_head(user: Any) -> bool:
    cached = getattr(user, "_supervision_head", None)
    if cached is None:
        person = getattr(user, "person", None)
        cached = bool(
            person
            and Position.objects.active().filter(person=person, post__code__in=HEAD_POSTS).exists()
        )
        user._supervision_head = cached
    return cached


def sees_all(user: Any) -> bool:
    return is_business_user(user) and (user.has_perm(SEE_ALL) or is_head(user))


def manages(user: Any) -> bool:
    return is_business_user(user) and user.has_perm(MANAGE)


def ledger_scope(user: Any, queryset: QuerySet, prefix: str = "") -> QuerySet:
    """The ledger lines the user may see; ``prefix`` reaches the supervised item from
    another model (e.g. ``supervised__``)."""
    if sees_all(user):
        return queryset
    reach = reach_of(user)
    if reach.person is None:
        return queryset.none()
    units = list(reach.unit_ids)
    portfolio = list(reach.portfolio_unit_ids)
    cooperating = ItemUnit.objects.filter(item_id=OuterRef(f"{prefix}item_id"), unit_id__in=units)
    return queryset.filter(
        Q(**{f"{prefix}item__lead_unit_id__in": units + portfolio})
        | Q(**{f"{prefix}leader_id__in": reach.person_ids})
        | Q(**{f"{prefix}item__responsible_id__in": reach.person_ids})
        | Exists(cooperating)
    )


class SupervisedItemPolicy(Policy):
    model = SupervisedItem

    def scope(self, user: Any, queryset: QuerySet) -> QuerySet:
        return ledger_scope(user, queryset)

    def can_create(self, user: Any, obj: Any = None) -> bool:
        return manages(user)

    can_import = can_create
    can_issue_order = can_create
    can_promote = can_create
    can_record_check = can_create

    def can_approve_closeout(self, user: Any, obj: SupervisedItem) -> bool:
        return manages(user) and obj.item.state == "closeout_requested"

    def can_handle(self, user: Any, obj: SupervisedItem) -> bool:
        """The lead unit's people (or the responsible person) work the item."""
        return is_business_user(user) and bool(try_acting_as(user, handler_fits(obj.item)))

    def can_record_satisfaction(self, user: Any, obj: SupervisedItem) -> bool:
        return manages(user)


class SupervisionOrderPolicy(Policy):
    model = SupervisionOrder

    def scope(self, user: Any, queryset: QuerySet) -> QuerySet:
        return ledger_scope(user, queryset, prefix="supervised__")

    def can_answer(self, user: Any, obj: SupervisionOrder) -> bool:
        return is_business_user(user) and bool(try_acting_as(user, handler_fits(obj.step)))


class OfficePolicy(Policy):
    """Cases, bulletins and accountability proposals: the office's own work. Bulletins
    once issued are read by every business user."""

    def scope(self, user: Any, queryset: QuerySet) -> QuerySet:
        if sees_all(user):
            return queryset
        if queryset.model is Bulletin:
            return queryset.filter(state="issued")
        return queryset.none()

    def can_create(self, user: Any, obj: Any = None) -> bool:
        return manages(user)

    can_edit = can_create
    can_issue = can_create
    can_act = can_create


class CasePolicy(OfficePolicy):
    model = Case


class BulletinPolicy(OfficePolicy):
    model = Bulletin


class AccountabilityPolicy(OfficePolicy):
    model = AccountabilityProposal


items = SupervisedItemPolicy()
orders = SupervisionOrderPolicy()
cases = CasePolicy()
bulletins = BulletinPolicy()
accountability = AccountabilityPolicy()
