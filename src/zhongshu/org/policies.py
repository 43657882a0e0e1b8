"""Who sees and manages the organisation.

Every business user reads the directory (units, sections, people, posts, portfolios);
archived objects are visible to organisation managers only. Managing needs
``org.manage_org``. ``org.manage_own_unit`` (department principals and liaisons) lets a
user keep the people of their own unit and the units below it: anyone else is a 404 on
edit pages. A person sees the delegations they give or receive; managers see all.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from zhongshu.framework.policies import Policy, is_business_user

from .models import Delegation, Person, Portfolio, Position, Post, Section, SeriesCode, Unit

MANAGE = "org.manage_org"
MANAGE_OWN_UNIT = "org.manage_own_unit"
EXPORT = "org.export_org"
DELEGATE_OWN = "org.delegate_own_work"


def is_org_manager(user: Any) -> bool:
    return is_business_user(user) and user.has_perm(MANAGE)


def own_unit_root(user: Any) -> Unit | None:
    """The unit whose subtree a scoped manager (``manage_own_unit``) keeps."""
    if not is_business_user(user) or not user.has_perm(MANAGE_OWN_UNIT) or not user.person_id:
        return None
    unit = user.person.unit
    return unit if unit.archived_at is None else None


def can_export(user: Any) -> bool:
    return is_business_user(user) and user.has_perm(EXPORT)


class ArchivablePolicy(Policy):
    """Active objects for everyone; archived ones for organisation managers."""

    def scope(self, user: Any, queryset: QuerySet) -> QuerySet:
        if is_org_manager(user):
            return queryset
        return queryset.filter(archived_at__isnull=True)

    def can_create(self, user: Any, obj: Any = None) -> bool:
        return is_org_manager(user)

    def can_change(self, user: Any, obj: Any = None) -> bool:
        return is_org_manager(user)

    def can_archive(self, user: Any, obj: Any = None) -> bool:
        return is_org_manager(user) and (obj is None or obj.archived_at is None)

    def can_restore(self, user: Any, obj: Any = None) -> bool:
        return is_org_manager(user) and (obj is None or obj.archived_at is not None)

    def can_import(self, user: Any, obj: Any = None) -> bool:
        return is_org_manager(user)


class UnitPolicy(ArchivablePolicy):
    model = Unit


class SectionPolicy(ArchivablePolicy):
    model = Section

    def scope(self, user: Any, queryset: QuerySet) -> QuerySet:
        if is_org_manager(user):
            return queryset
        return queryset.filter(archived_at__isnull=True, unit__archived_at__isnull=True)


class SeriesCodePolicy(ArchivablePolicy):
    model = SeriesCode


class PostPolicy(Policy):
    model = Post

    def can_create(self, user: Any, obj: Any = None) -> bool:
        return is_org_manager(user)

    def can_change(self, user: Any, obj: Any = None) -> bool:
        return is_org_manager(user)


class PersonPolicy(ArchivablePolicy):
    """Managers keep everyone; a scoped manager keeps their own unit's subtree."""

    model = Person

    def can_manage_any(self, user: Any) -> bool:
        return is_org_manager(user) or own_unit_root(user) is not None

    def manageable(self, user: Any, queryset: QuerySet | None = None) -> QuerySet:
        """The people ``user`` may edit; outside it an edit page is a 404."""
        qs = self.visible_to(user, queryset)
        if is_org_manager(user):
            return qs
        root = own_unit_root(user)
        if root is None:
            return qs.none()
        return qs.filter(unit__path__startswith=root.path)

    def manageable_units(self, user: Any) -> QuerySet:
        """The units a person may be placed in by ``user``."""
        units = UnitPolicy().visible_to(user).filter(archived_at__isnull=True)
        if is_org_manager(user):
            return units
        root = own_unit_root(user)
        return units.filter(path__startswith=root.path) if root else units.none()

    def _in_scope(self, user: Any, obj: Person | None) -> bool:
        if is_org_manager(user):
            return True
        root = own_unit_root(user)
        if root is None:
            return False
        return obj is None or obj.unit.path.startswith(root.path)

    def can_create(self, user: Any, obj: Any = None) -> bool:
        return self._in_scope(user, None)

    def can_change(self, user: Any, obj: Any = None) -> bool:
        return self._in_scope(user, obj)

    def can_archive(self, user: Any, obj: Any = None) -> bool:
        return self._in_scope(user, obj) and (obj is None or obj.archived_at is None)


class PositionPolicy(Policy):
    """Posts of visible people; assigning and ending follow who may edit the person."""

    model = Position

    def scope(self, user: Any, queryset: QuerySet) -> QuerySet:
        if is_org_manager(user):
            return queryset
        return queryset.filter(person__archived_at__isnull=True)

    def can_create(self, user: Any, obj: Any = None) -> bool:
        return PersonPolicy().can_change(user, obj.person if obj is not None else None)

    def can_end(self, user: Any, obj: Any = None) -> bool:
        return PersonPolicy().can_change(user, obj.person if obj is not None else None)


class PortfolioPolicy(Policy):
    model = Portfolio

    def can_create(self, user: Any, obj: Any = None) -> bool:
        return is_org_manager(user)

    def can_change(self, user: Any, obj: Any = None) -> bool:
        return is_org_manager(user)

    def can_end(self, user: Any, obj: Any = None) -> bool:
        return is_org_manager(user)


class DelegationPolicy(Policy):
    """Delegator and delegate see a delegation; managers see all. A leader (holding
    ``org.delegate_own_work``) delegates their own work; managers anyone's."""

    model = Delegation

    def scope(self, user: Any, queryset: QuerySet) -> QuerySet:
        if is_org_manager(user):
            return queryset
        if not user.person_id:
            return queryset.none()
        return queryset.filter(Q(delegator_id=user.person_id) | Q(delegate_id=user.person_id))

    def can_create(self, user: Any, obj: Any = None) -> bool:
        if is_org_manager(user):
            return True
        return is_business_user(user) and bool(user.person_id) and user.has_perm(DELEGATE_OWN)

    def can_delegate_for(self, user: Any, delegator: Person) -> bool:
        """Whose work ``user`` may hand on: anyone's for a manager, else only their own."""
        if is_org_manager(user):
            return True
        return self.can_create(user) and delegator.pk == user.person_id

    def can_revoke(self, user: Any, obj: Any = None) -> bool:
        if is_org_manager(user):
            return True
        return obj is not None and is_business_user(user) and obj.delegator_id == user.person_id
