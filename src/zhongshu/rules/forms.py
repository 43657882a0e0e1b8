"""Forms only collect text: the service validates every value (one path for the page and
the API), and its Chinese messages come back beside the fields."""

from __future__ import annotations

from typing import Any

from django import forms

from .presenters import ParamView, RuleView
from .spec import display_duration, parse_duration

BOOL_CHOICES = [("true", "是"), ("false", "否")]


class RuleParametersForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    enabled = forms.BooleanField(label="在本配置中启用此规则", required=False)

    def __init__(self, *args: Any, view: RuleView, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.view = view
        self.fields["version"].initial = view.version
        self.fields["enabled"].initial = view.enabled
        for param in view.params:
            self.fields[param.name] = _field(param)

    def param_values(self) -> dict[str, Any]:
        return {p.name: self.cleaned_data.get(p.name) for p in self.view.params}


def _field(param: ParamView) -> forms.Field:
    common = {"label": param.label, "required": False, "help_text": _help(param)}
    if param.type == "bool":
        return forms.ChoiceField(
            choices=BOOL_CHOICES, initial="true" if param.value else "false", **common
        )
    if param.type == "choice":
        return forms.ChoiceField(choices=param.choices, initial=param.value, **common)
    if param.type == "list":
        return forms.CharField(
            widget=forms.Textarea(attrs={"rows": min(12, max(3, len(param.value or [])))}),
            initial="\n".join(param.value or []),
            **common,
        )
    return forms.CharField(widget=_widget(param), initial=_initial(param), **common)


def _widget(param: ParamView) -> forms.Widget:
    if param.type in ("int", "float"):
        attrs: dict[str, Any] = {"step": "1" if param.type == "int" else "any"}
        if param.minimum is not None:
            attrs["min"] = param.minimum
        if param.maximum is not None:
            attrs["max"] = param.maximum
        return forms.NumberInput(attrs=attrs)
    if param.type == "time":
        return forms.TimeInput(attrs={"type": "time"})
    return forms.TextInput(attrs={"placeholder": "如 4小时" if param.type == "duration" else ""})


def _initial(param: ParamView) -> str:
    if param.value is None:
        return ""
    if param.type == "duration":
        parsed = parse_duration(str(param.value))
        return display_duration(parsed) if parsed else str(param.value)
    if param.type == "float" and float(param.value).is_integer():
        return str(int(param.value))
    return str(param.value)


def _help(param: ParamView) -> str:
    parts = []
    if param.unit_label:
        parts.append(f"单位：{param.unit_label}")
    if param.type == "list":
        parts.append("每行一项")
    if param.optional:
        parts.append("留空表示不限")
    parts.append(f"默认：{param.default_display}")
    if param.help:
        parts.append(param.help)
    return "；".join(parts)


class ProfileSwitchForm(forms.Form):
    profile = forms.ChoiceField(label="启用的规则配置")

    def __init__(self, *args: Any, profiles: list, active: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["profile"]
        field.choices = [(p.code, f"{p.name}（{p.description}）") for p in profiles]  # type: ignore[attr-defined]
        field.initial = active
