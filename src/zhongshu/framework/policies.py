"""The authorisation chokepoint convention.

Each app has one ``policies.py`` with a ``Policy`` subclass per model: ``visible_to``
narrows a queryset to what the user may see (anything else is a 404), and
``can_<verb>(user, obj)`` answers whether the user may act. Views and API use only these.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model, QuerySet


def is_business_user(user: Any) -> bool:
    """An authenticated, active user who is not one of the three administrators (三员):
    only business users read business content."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and not getattr(user, "admin_role", "")
    )


class Policy:
    model: type[Model]

    def base_queryset(self) -> QuerySet:
        return self.model._default_manager.all()

    def visible_to(self, user: Any, queryset: QuerySet | None = None) -> QuerySet:
        qs = self.base_queryset() if queryset is None else queryset
        if not is_business_user(user):
            return qs.none()
        return self.scope(user, qs)

    def scope(self, user: Any, queryset: QuerySet) -> QuerySet:
        """Override to narrow what a business user sees. Default: everything."""
        return queryset

    def can(self, user: Any, verb: str, obj: Model | None = None) -> bool:
        check = getattr(self, f"can_{verb}", None)
        if check is None:
            raise AttributeError(f"{type(self).__name__} has no can_{verb}")
        return bool(check(user, obj))

    def can_view(self, user: Any, obj: Model | None = None) -> bool:
        if obj is None:
            return is_business_user(user)
        return self.visible_to(user).filter(pk=obj.pk).exists()
