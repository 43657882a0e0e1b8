"""Separation of the three administrators below the services: whatever code adds
groups, an administrator account never receives a business role."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from .models import User


def refuse_roles_for_admins(sender, instance, action, reverse, pk_set, **kwargs):
    if action != "pre_add" or not pk_set:
        return
    if reverse:  # group.user_set.add(...): pk_set holds users
        holders = User.objects.filter(pk__in=pk_set).exclude(admin_role="")
        refused = holders.exists()
    else:  # user.groups.add(...)
        refused = bool(instance.admin_role)
    if refused:
        raise ValidationError("三员账号不能持有业务角色。", code="admin_separation")
