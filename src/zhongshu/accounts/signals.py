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


def disable_accounts_of_archived_person(sender, person, actor, **kwargs):
    """Someone who left cannot log in: their accounts are disabled with the archiving
    (audited); the system administrator may enable an account again."""
    from zhongshu.audit.services import record

    for user in User.objects.filter(person=person, is_active=True):
        user.is_active = False
        user.save(update_fields=["is_active"])
        record(
            actor=actor,
            event="account_disabled",
            obj=user,
            before={"is_active": True},
            after={"is_active": False, "reason": "person_archived"},
        )
