"""Business roles. A role is a Django group with a profile; each app grants its own
permissions to roles from its ``AppConfig.ready`` with ``grant``, and ``sync_roles``
(run after every migrate) makes the database match. The security administrator may
grant more or take away through the UI; ``sync_roles`` only adds, and never adds back
what the security administrator took away (``RoleProfile.removed_permissions``)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RoleSpec:
    code: str
    name: str
    description: str
    permissions: set[str] = field(default_factory=set)


ROLES: dict[str, RoleSpec] = {
    spec.code: spec
    for spec in [
        RoleSpec(
            "office_admin", "业务管理员", "维护组织机构、规则参数与工作日历（业务角色，非三员）"
        ),
        RoleSpec("secretariat_clerk", "秘书科文书", "收文登记、初审、发文编号"),
        RoleSpec("office_staff", "办公室工作人员", "办公室各科室工作人员"),
        RoleSpec("office_leader", "办公室领导", "办公室主任、副主任"),
        RoleSpec("government_leader", "区政府领导", "区长、副区长"),
        RoleSpec("supervision_officer", "督查员", "督查室工作人员"),
        RoleSpec("information_officer", "信息员", "政务信息报送"),
        RoleSpec("duty_officer", "值班员", "值班与突发事件报告"),
        RoleSpec("department_principal", "部门主要负责人", "各部门、街道主要负责人"),
        RoleSpec("department_liaison", "部门联络员", "各部门、街道联络员"),
    ]
}


def grant(role_code: str, *permissions: str) -> None:
    """Declare that ``role_code`` holds ``permissions`` ("app_label.codename")."""
    ROLES[role_code].permissions.update(permissions)


def sync_roles() -> None:
    from django.contrib.auth.models import Group, Permission

    from .models import RoleProfile

    for spec in ROLES.values():
        group, _ = Group.objects.get_or_create(name=spec.name)
        profile, _ = RoleProfile.objects.get_or_create(
            group=group, defaults={"code": spec.code, "description": spec.description}
        )
        wanted = []
        for dotted in sorted(spec.permissions - set(profile.removed_permissions)):
            app_label, codename = dotted.split(".", 1)
            perm = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if perm is not None:
                wanted.append(perm)
        if wanted:
            group.permissions.add(*wanted)


def role_group(code: str):
    from .models import RoleProfile

    return RoleProfile.objects.select_related("group").get(code=code).group
