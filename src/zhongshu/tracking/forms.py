"""Forms of the item page's actions and of a directly assigned task."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zhongshu.org.models import Person, Unit

from .choices import ChaseMethod, ExtensionUnit, Priority, ReportCadence, Urgency


class TextAreaField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 3})


class OpinionForm(forms.Form):
    opinion = forms.CharField(label=_("意见"), max_length=500, required=False)


class OutcomeForm(forms.Form):
    outcome = TextAreaField(label=_("办理结果"), required=False)
    results = TextAreaField(label=_("成效清单（每行一项）"), required=False)

    def clean_results(self):
        value = self.cleaned_data["results"]
        return [line.strip() for line in value.splitlines() if line.strip()] or None


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("原因"), max_length=300, required=False)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented recipe)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data]
        return [super().clean(data, initial)] if data else []


class ReportForm(forms.Form):
    text = TextAreaField(label=_("进展情况"), required=False)
    percent = forms.IntegerField(label=_("进度（%）"), min_value=0, max_value=100)
    attachments = MultipleFileField(label=_("附件"), required=False)


class ExtensionForm(forms.Form):
    amount = forms.IntegerField(label=_("延长"), min_value=1, max_value=365)
    unit = forms.ChoiceField(label=_("单位"), choices=ExtensionUnit.choices)
    reason = forms.CharField(label=_("延期理由"), max_length=500, required=False)


class DecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("审批"), choices=[("1", _("同意")), ("0", _("不同意"))], coerce=lambda v: v == "1"
    )
    opinion = forms.CharField(label=_("意见"), max_length=500, required=False)


class ChaseForm(forms.Form):
    method = forms.ChoiceField(
        label=_("方式"), choices=[c for c in ChaseMethod.choices if c[0] != ChaseMethod.SYSTEM]
    )
    message = forms.CharField(label=_("催办内容"), max_length=500, required=False)


class AnswerForm(forms.Form):
    answer = TextAreaField(label=_("答复"), required=False)


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.label


def _people():
    return Person.objects.filter(archived_at__isnull=True).select_related("unit")


def _units():
    return Unit.objects.filter(archived_at__isnull=True)


class ReassignForm(forms.Form):
    lead_unit = forms.ModelChoiceField(
        label=_("牵头单位"), queryset=_units(), required=False, to_field_name="uuid"
    )
    responsible = PersonChoiceField(
        label=_("责任人"), queryset=_people(), required=False, to_field_name="uuid"
    )


class ListsForm(forms.Form):
    target = TextAreaField(label=_("目标"), required=False)
    tasks = TextAreaField(label=_("任务清单（每行一项）"), required=False)
    responsibilities = TextAreaField(label=_("责任清单"), required=False)
    measures = TextAreaField(label=_("措施清单"), required=False)
    results = TextAreaField(label=_("成效清单"), required=False)

    NAMES = ("tasks", "responsibilities", "measures", "results")

    def clean(self):
        data = super().clean()
        for name in self.NAMES:
            data[name] = [line.strip() for line in data.get(name, "").splitlines() if line.strip()]
        return data


class TaskForm(forms.Form):
    """交办事项: a task assigned directly, due N working days (or days, hours) from now."""

    subject = forms.CharField(label=_("事项"), max_length=300)
    lead_unit = forms.ModelChoiceField(label=_("牵头单位"), queryset=_units(), to_field_name="uuid")
    responsible = PersonChoiceField(
        label=_("责任人"), queryset=_people(), required=False, to_field_name="uuid"
    )
    amount = forms.IntegerField(label=_("办理时限"), min_value=1, max_value=365, initial=7)
    unit = forms.ChoiceField(label=_("单位"), choices=ExtensionUnit.choices)
    priority = forms.ChoiceField(
        label=_("催办等级"), choices=Priority.choices, initial=Priority.NORMAL
    )
    urgency = forms.ChoiceField(
        label=_("紧急程度"), choices=Urgency.choices, initial=Urgency.NORMAL
    )
    report_cadence = forms.ChoiceField(label=_("进展报告"), choices=ReportCadence.choices)
    target = TextAreaField(label=_("目标与要求"), required=False)
