from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import DayKind
from .holidays import HolidaySpan

_DATE_SEPARATORS = re.compile(r"[\s,，、;；]+")


class DateInput(forms.DateInput):
    """An HTML date picker: its value must be ISO, whatever the locale's date format."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class HolidayForm(forms.Form):
    name = forms.CharField(label=_("节日"), max_length=60, required=False)
    start = forms.DateField(label=_("放假开始"), required=False, widget=DateInput)
    end = forms.DateField(label=_("放假结束"), required=False, widget=DateInput)

    def clean(self):
        data = super().clean()
        filled = [bool(data.get(name)) for name in ("name", "start", "end")]
        if any(filled) and not all(filled):
            raise forms.ValidationError(_("请填写完整的节日名称与起止日期，或整行留空。"))
        return data


HolidayFormSet = forms.formset_factory(HolidayForm, extra=2, max_num=20, validate_max=True)


class OfficialYearForm(forms.Form):
    """A year's arrangement as the State Council notice lists it (CAL-1); the holiday rows
    come prefilled with the statutory days of the provisional calendar."""

    notice = forms.CharField(
        label=_("依据通知文号"), max_length=200, help_text=_("如：国办发明电〔2025〕7号")
    )
    adjusted_workdays = forms.CharField(
        label=_("调休上班日"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("调整为上班的星期六、星期日，每行一个日期，如 2027-02-20。"),
    )

    def __init__(self, *args, spans: list[HolidaySpan] = (), **kwargs):  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        initial = [{"name": s.name, "start": s.start, "end": s.end} for s in spans]
        self.holidays = HolidayFormSet(
            self.data if self.is_bound else None, prefix="holidays", initial=initial
        )

    def clean_adjusted_workdays(self) -> list[dt.date]:
        tokens = [t for t in _DATE_SEPARATORS.split(self.cleaned_data["adjusted_workdays"]) if t]
        days = []
        for token in tokens:
            try:
                days.append(dt.date.fromisoformat(token))
            except ValueError as exc:
                raise forms.ValidationError(
                    _("“%(value)s”不是日期（应为 2027-02-20 的格式）。"), params={"value": token}
                ) from exc
        return days

    def is_valid(self) -> bool:
        valid = super().is_valid()
        return self.holidays.is_valid() and valid

    def spans(self) -> list[HolidaySpan]:
        return [
            HolidaySpan(
                f.cleaned_data["name"].strip(), f.cleaned_data["start"], f.cleaned_data["end"]
            )
            for f in self.holidays.forms
            if f.cleaned_data.get("name")
        ]


class CalendarDayForm(forms.Form):
    kind = forms.ChoiceField(label=_("类别"), choices=DayKind.choices)
    holiday_name = forms.CharField(
        label=_("节日名称"),
        max_length=60,
        required=False,
        help_text=_("节假日与调休上班日填写所属节日，如“国庆节”。"),
    )
