"""Forms of the administrators' pages (三员)."""

from __future__ import annotations

import uuid

from django import forms
from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zhongshu.org.models import Person

from .services import business_permissions

PICKER_LIMIT = 30


def eligible_people():
    """People who may get an account: current, and without one yet."""
    return Person.objects.filter(archived_at__isnull=True, account__isnull=True).select_related(
        "unit", "section"
    )


class PersonChoiceField(forms.ModelChoiceField):
    """Shows the unit (and section) with the name, so two 张伟 are told apart."""

    def label_from_instance(self, obj):
        section = f" · {obj.section.name}" if obj.section_id else ""
        return f"{obj.label}{section}"


class AccountCreateForm(forms.Form):
    person = PersonChoiceField(
        label=_("人员"),
        queryset=Person.objects.none(),
        to_field_name="uuid",
        widget=forms.RadioSelect,
        empty_label=None,
    )
    username = forms.SlugField(
        label=_("用户名"),
        max_length=64,
        help_text=_("字母、数字、下划线或连字符，例如 zhangwei"),
    )

    def __init__(self, *args, search: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.search = search
        # Validation looks the chosen person up among all eligible people; the page
        # offers only the few that match the search (a select of 5,000 helps nobody).
        self.fields["person"].queryset = eligible_people()

    def limit_choices(self) -> None:
        people = eligible_people()
        if self.search:
            people = people.filter(
                Q(name__contains=self.search) | Q(unit__short_name__contains=self.search)
            )
        ids = list(people.order_by("name", "id").values_list("id", flat=True)[:PICKER_LIMIT])
        chosen = self.data.get("person") if self.is_bound else None
        extra = Q(uuid=chosen) if chosen and _is_uuid(chosen) else Q(pk__in=[])
        self.fields["person"].queryset = (
            eligible_people().filter(Q(pk__in=ids) | extra).order_by("name", "id")
        )


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


class UserFilterForm(forms.Form):
    q = forms.CharField(label=_("用户名或姓名"), required=False)
    kind = forms.ChoiceField(
        label=_("类别"),
        required=False,
        choices=[("", _("全部")), ("business", _("业务用户")), ("admin", _("三员"))],
    )
    status = forms.ChoiceField(
        label=_("状态"),
        required=False,
        choices=[
            ("", _("全部")),
            ("active", _("启用")),
            ("disabled", _("停用")),
            ("locked", _("锁定")),
        ],
    )


class RoleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class UserRolesForm(forms.Form):
    roles = RoleChoiceField(
        label=_("业务角色"),
        queryset=Group.objects.filter(profile__isnull=False).order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class PermissionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.content_type.app_label} · {obj.name}（{obj.codename}）"


class RoleForm(forms.Form):
    requires_totp = forms.BooleanField(
        label=_("强制动态口令"),
        required=False,
        help_text=_("持有该角色的用户须先绑定动态口令才能使用系统。"),
    )
    permissions = PermissionChoiceField(
        label=_("权限"),
        queryset=Permission.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["permissions"].queryset = business_permissions()
