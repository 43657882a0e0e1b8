"""Forms only parse input; the views hand the cleaned data to one service each."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from .choices import PortfolioKind, SectionKind, SeriesKind, UnitKind
from .fields import (
    FastSelectMultiple,
    PersonChoiceField,
    UnitChoiceField,
    UnitMultipleChoiceField,
)
from .models import Person, Post, Section, Unit
from .policies import PersonPolicy, SectionPolicy, UnitPolicy, is_org_manager

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class VersionedForm(forms.Form):
    """Carries the version the user started from: a concurrent edit is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def changes(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}

    @property
    def expected_version(self) -> int | None:
        return self.cleaned_data.get("version")


def initial_from(obj, names) -> dict[str, Any]:
    data = {name: getattr(obj, name) for name in names}
    data["version"] = obj.version
    return data


class UnitForm(VersionedForm):
    name = forms.CharField(label=_("全称"), max_length=120)
    short_name = forms.CharField(label=_("简称"), max_length=40)
    kind = forms.ChoiceField(label=_("类别"), choices=UnitKind.choices)
    parent = UnitChoiceField(label=_("上级单位"), required=False, empty_label=_("（无，顶级单位）"))
    host = UnitChoiceField(
        label=_("牵头（挂靠）部门"),
        required=False,
        help_text=_("议事协调机构通过其牵头部门报文（DOC-IN-6）。"),
    )
    sort_order = forms.IntegerField(label=_("排序"), min_value=0, initial=100)
    phone = forms.CharField(label=_("电话"), max_length=40, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        units = UnitPolicy().visible_to(user).filter(archived_at__isnull=True)
        self.fields["parent"].queryset = units
        self.fields["host"].queryset = units


class SectionForm(VersionedForm):
    name = forms.CharField(label=_("名称"), max_length=60)
    kind = forms.ChoiceField(label=_("类别"), choices=SectionKind.choices)
    sort_order = forms.IntegerField(label=_("排序"), min_value=0, initial=100)
    phone = forms.CharField(label=_("电话"), max_length=40, required=False)


class SeriesCodeForm(VersionedForm):
    unit = UnitChoiceField(label=_("发文机关"))
    code = forms.CharField(
        label=_("代字"), max_length=20, help_text=_("如：示政办发。代字建立后不可修改。")
    )
    kind = forms.ChoiceField(label=_("类别"), choices=SeriesKind.choices)
    description = forms.CharField(label=_("说明"), max_length=120, required=False)

    def __init__(self, *args, user=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = (
            UnitPolicy().visible_to(user).filter(archived_at__isnull=True)
        )
        self.editing = editing
        if editing:
            self.fields["code"].disabled = True

    def changes(self) -> dict[str, Any]:
        data = super().changes()
        if self.editing:  # the code never changes once created
            data.pop("code", None)
        return data


class PostForm(VersionedForm):
    code = forms.SlugField(
        label=_("代码"), max_length=40, help_text=_("程序读取的代码，建立后不可修改。")
    )
    name = forms.CharField(label=_("名称"), max_length=40)
    rank = forms.IntegerField(
        label=_("职级序"), min_value=0, initial=100, help_text=_("数字越小越靠前。")
    )
    is_leader = forms.BooleanField(label=_("领导职务"), required=False)

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.editing = editing
        if editing:
            self.fields["code"].disabled = True

    def changes(self) -> dict[str, Any]:
        data = super().changes()
        if self.editing:  # the code never changes once created
            data.pop("code", None)
        return data


class PersonForm(VersionedForm):
    name = forms.CharField(label=_("姓名"), max_length=40)
    unit = UnitChoiceField(label=_("主要单位"))
    section = forms.ModelChoiceField(
        label=_("科室"), queryset=Section.objects.none(), to_field_name="uuid", required=False
    )
    mobile = forms.CharField(label=_("手机"), max_length=20, required=False)
    office_phone = forms.CharField(label=_("办公电话"), max_length=40, required=False)
    email = forms.EmailField(label=_("电子邮箱"), required=False)
    sort_order = forms.IntegerField(label=_("排序"), min_value=0, initial=100)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        place_in_units(self, user)


def place_in_units(form: forms.Form, user) -> None:
    """The unit select offers the units ``user`` may place people in; choosing one
    reloads the section select (htmx), whose valid choices are that unit's sections."""
    field = form.fields["unit"]
    field.queryset = PersonPolicy().manageable_units(user)  # type: ignore[attr-defined]
    field.widget.attrs.update(
        {
            "hx-get": reverse_lazy("org:section_options"),
            "hx-target": "#id_section",
            "hx-trigger": "change",
        }
    )
    if form.is_bound:
        unit = form.data.get("unit")
    else:
        unit = form.initial.get("unit")
        unit = unit.uuid if isinstance(unit, Unit) else unit
    form.fields["section"].queryset = sections_of(unit, user)  # type: ignore[attr-defined]


def sections_of(unit_uuid, user):
    """The active sections of one unit: the only valid choices once a unit is chosen."""
    try:
        unit_uuid = uuid.UUID(str(unit_uuid))
    except ValueError:  # none chosen yet, or malformed: the unit field reports it
        return Section.objects.none()
    qs = SectionPolicy().visible_to(user)
    return qs.filter(unit__uuid=unit_uuid, archived_at__isnull=True)


class PositionForm(forms.Form):
    post = forms.ModelChoiceField(
        label=_("职务"), queryset=Post.objects.all(), to_field_name="code"
    )
    unit = UnitChoiceField(label=_("任职单位"))
    section = forms.ModelChoiceField(
        label=_("科室"), queryset=Section.objects.none(), to_field_name="uuid", required=False
    )
    is_primary = forms.BooleanField(label=_("主职务"), required=False)
    started_on = forms.DateField(label=_("任职日期"), required=False, widget=DATE)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        place_in_units(self, user)


class FieldsInput(forms.CharField):
    """Portfolio fields typed as one line: “财政、教育、卫生健康”."""

    def prepare_value(self, value):
        return "、".join(value) if isinstance(value, list | tuple) else value

    def to_python(self, value):
        text = super().to_python(value) or ""
        for sep in ("，", ",", "；", ";", " "):
            text = text.replace(sep, "、")
        return [part.strip() for part in text.split("、") if part.strip()]


class PortfolioForm(VersionedForm):
    leader = PersonChoiceField(label=_("分管领导"))
    kind = forms.ChoiceField(label=_("类别"), choices=PortfolioKind.choices)
    fields = FieldsInput(
        label=_("分管领域"), required=False, help_text=_("用顿号分隔，如：财政、教育、卫生健康")
    )
    units = UnitMultipleChoiceField(
        label=_("分管单位"), required=False, widget=FastSelectMultiple(attrs={"size": 12})
    )
    sections = forms.ModelMultipleChoiceField(
        label=_("分管科室（办公室领导）"),
        queryset=Section.objects.none(),
        to_field_name="uuid",
        required=False,
    )
    started_on = forms.DateField(label=_("开始日期"), required=False, widget=DATE)
    ended_on = forms.DateField(label=_("结束日期"), required=False, widget=DATE)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = Person.objects.filter(archived_at__isnull=True)
        units = UnitPolicy().visible_to(user).filter(archived_at__isnull=True)
        self.fields["units"].queryset = units
        self.fields["sections"].queryset = (
            SectionPolicy()
            .visible_to(user)
            .filter(archived_at__isnull=True, unit__kind=UnitKind.OFFICE)
            .select_related("unit")
        )


class DelegationForm(forms.Form):
    delegator = PersonChoiceField(label=_("委托人"))
    delegate = PersonChoiceField(label=_("受托人"), help_text=_("输入姓名搜索，括号内为单位。"))
    starts_at = forms.DateTimeField(label=_("开始时间"), widget=DATETIME)
    ends_at = forms.DateTimeField(label=_("结束时间"), widget=DATETIME)
    reason = forms.CharField(label=_("事由"), max_length=200, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        people = Person.objects.filter(archived_at__isnull=True)
        self.fields["delegate"].queryset = people
        self.fields["delegator"].queryset = people
        if not is_org_manager(user):
            # A leader delegates their own work only.
            self.fields["delegator"].queryset = people.filter(pk=user.person_id)
            self.fields["delegator"].initial = user.person
            self.fields["delegator"].disabled = True


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel 文件（.xlsx）"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("请上传 .xlsx 格式的 Excel 文件。"))
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("文件超过 5 MB。"))
        return upload
