"""Forms of the supervision pages; each feeds one service."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhongshu.org.choices import UnitKind
from zhongshu.org.models import Person, Unit
from zhongshu.tracking.choices import ReportCadence

from .choices import CaseKind, CheckMethod, Period, ReplyGrade, Satisfaction, Source

LEAD = (
    UnitKind.DEPARTMENT,
    UnitKind.SUBDISTRICT,
    UnitKind.DIRECT_UNIT,
    UnitKind.OFFICE,
    UnitKind.COMPANY,
    UnitKind.COORDINATING_BODY,
)


def units():
    return Unit.objects.filter(archived_at__isnull=True).order_by("sort_order", "id")


def leaders():
    return Person.objects.filter(archived_at__isnull=True, unit__kind=UnitKind.GOVERNMENT).order_by(
        "sort_order", "id"
    )


class Area(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 3})


class DateInput(forms.DateInput):
    input_type = "date"


class ItemForm(forms.Form):
    source = forms.ChoiceField(label=_("来源"), choices=Source.choices)
    subject = forms.CharField(label=_("工作任务"), max_length=300)
    leader = forms.ModelChoiceField(label=_("分管区长"), queryset=leaders(), required=False)
    lead_unit = forms.ModelChoiceField(label=_("牵头单位"), queryset=units())
    cooperating_units = forms.ModelMultipleChoiceField(
        label=_("配合单位"), queryset=units(), required=False
    )
    due_date = forms.DateField(label=_("完成时限"), widget=DateInput)
    standard = Area(label=_("工作标准"), required=False)
    reference = forms.CharField(label=_("来源依据"), max_length=200, required=False)
    cadence = forms.ChoiceField(
        label=_("进展报告周期"), choices=ReportCadence.choices, initial=ReportCadence.MONTHLY
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = leaders()
        self.fields["lead_unit"].queryset = units()
        self.fields["cooperating_units"].queryset = units()


class InstructionForm(forms.Form):
    instructed_by = forms.ModelChoiceField(label=_("批示领导"), queryset=leaders())
    instruction = Area(label=_("批示内容"))
    subject = forms.CharField(label=_("事项"), max_length=300)
    lead_unit = forms.ModelChoiceField(label=_("承办单位"), queryset=units())
    cooperating_units = forms.ModelMultipleChoiceField(
        label=_("配合单位"), queryset=units(), required=False
    )
    due_date = forms.DateField(
        label=_("办结时限"),
        required=False,
        widget=DateInput,
        help_text=_("未写明时限的按回告时限（SUP-12）。"),
    )
    reference = forms.CharField(label=_("批示件"), max_length=200, required=False)
    cadence = forms.ChoiceField(
        label=_("进展报告周期"), choices=ReportCadence.choices, initial=ReportCadence.MONTHLY
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instructed_by"].queryset = leaders()
        self.fields["lead_unit"].queryset = units()
        self.fields["cooperating_units"].queryset = units()


class RectificationForm(forms.Form):
    problem = Area(label=_("问题"))
    location = forms.CharField(label=_("点位"), max_length=200, required=False)
    lead_unit = forms.ModelChoiceField(label=_("责任单位"), queryset=units())
    reinspections = forms.IntegerField(label=_("督办复查次数"), min_value=0, initial=2)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = units()


class ProposalForm(forms.Form):
    reference = forms.CharField(label=_("建议提案编号"), max_length=200)
    subject = forms.CharField(label=_("案由"), max_length=300)
    proposer = forms.CharField(label=_("代表委员"), max_length=100)
    lead_unit = forms.ModelChoiceField(label=_("主办单位"), queryset=units())
    co_units = forms.ModelMultipleChoiceField(label=_("会办单位"), queryset=units(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = units()
        self.fields["co_units"].queryset = units()


class ImportForm(forms.Form):
    upload = forms.FileField(
        label=_("台账文件（.xlsx）"),
        help_text=_("表头：序号、工作任务、分管区长、牵头单位、配合单位、完成时限、进展情况"),
    )
    source = forms.ChoiceField(label=_("来源"), choices=Source.choices, initial=Source.KEY_WORK)


class ReasonForm(forms.Form):
    reason = Area(label=_("事由"), required=False)


class OpinionForm(forms.Form):
    opinion = forms.CharField(label=_("意见"), max_length=500, required=False)


class TextForm(forms.Form):
    text = Area(label=_("整改情况"), required=False)


class CheckForm(forms.Form):
    method = forms.ChoiceField(label=_("方式"), choices=CheckMethod.choices)
    finding = Area(label=_("核查情况"), required=False)
    confirmed = forms.TypedChoiceField(
        label=_("结论"),
        choices=[("1", _("情况属实、已落实")), ("0", _("未落实"))],
        coerce=lambda v: v == "1",
        initial="1",
    )
    due_date = forms.DateField(
        label=_("重新交办时限"),
        required=False,
        widget=DateInput,
        help_text=_("已销号事项经核查未落实的，重新交办并明确时限。"),
    )


class OrderAnswerForm(forms.Form):
    analysis = Area(label=_("进度分析"), required=False)
    problems = Area(label=_("存在问题及原因"), required=False)
    measures = Area(label=_("整改措施"), required=False)
    commit_date = forms.DateField(label=_("承诺完成时间"), widget=DateInput)


class ReplyForm(forms.Form):
    reply = Area(label=_("答复内容"), required=False)
    grade = forms.ChoiceField(label=_("答复类别"), choices=ReplyGrade.choices)


class SatisfactionForm(forms.Form):
    satisfaction = forms.ChoiceField(label=_("代表委员满意度"), choices=Satisfaction.choices)


class CoOpinionForm(forms.Form):
    opinion = Area(label=_("会办意见"), required=False)


class ExtensionDecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("审批"), choices=[("1", _("同意")), ("0", _("不同意"))], coerce=lambda v: v == "1"
    )
    opinion = forms.CharField(label=_("意见"), max_length=500, required=False)


class CaseForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("类别"), choices=[(k, v) for k, v in CaseKind.choices if k != CaseKind.MEETING]
    )
    title = forms.CharField(label=_("名称"), max_length=300)
    reference = forms.CharField(label=_("来文文号"), max_length=200, required=False)
    ordered_by = forms.ModelChoiceField(label=_("交办领导"), queryset=leaders(), required=False)
    plan = Area(label=_("督查方案"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ordered_by"].queryset = leaders()


class DecisionsForm(forms.Form):
    meeting = forms.CharField(label=_("会议"), max_length=300)
    reference = forms.CharField(label=_("会议纪要"), max_length=200, required=False)
    lines = forms.CharField(
        label=_("议定事项"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "每行一项：事项｜牵头单位｜完成时限（如 2026-06-30）｜工作子项（可选，以“；”分隔）"
        ),
    )

    def clean_lines(self):
        return parse_ledger_lines(self.cleaned_data["lines"])


def parse_ledger_lines(text: str) -> list[dict]:
    """One line an item: 事项｜牵头单位｜完成时限｜工作子项（以“；”分隔，可选）."""
    from .ledger_excel import Lookup, parse_due

    lookup, found, errors = Lookup(), [], []
    year = timezone.localdate().year
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.replace("|", "｜").split("｜")]
        unit = lookup.unit(parts[1]) if len(parts) > 2 else None
        due = parse_due(parts[2], year) if len(parts) > 2 else None
        if len(parts) < 3 or not parts[0] or unit is None or due is None:
            errors.append(f"第{number}行格式不正确或单位、时限无法识别。")
            continue
        subs = parts[3].replace(";", "；").split("；") if len(parts) > 3 else []
        found.append(
            {
                "subject": parts[0],
                "lead_unit": unit,
                "due_date": due,
                "sub_items": [s.strip() for s in subs if s.strip()],
            }
        )
    if errors:
        raise forms.ValidationError(errors)
    return found


class CaseItemsForm(forms.Form):
    lines = forms.CharField(
        label=_("问题或事项清单"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("每行一项：问题或事项｜责任单位｜整改或完成时限｜工作子项（可选，以“；”分隔）"),
    )

    def clean_lines(self):
        return parse_ledger_lines(self.cleaned_data["lines"])


class ArrangementsForm(forms.Form):
    spots = Area(label=_("督查点位"), required=False)
    preparation = Area(label=_("迎检准备会"), required=False)
    reception = Area(label=_("接待方案"), required=False)


class NoticeForm(forms.Form):
    basis = forms.CharField(label=_("督查依据"), max_length=300, required=False)
    time = forms.CharField(label=_("督查时间"), max_length=100, required=False)
    targets = forms.CharField(label=_("督查对象"), max_length=300, required=False)
    content = Area(label=_("督查内容"), required=False)
    form = forms.CharField(label=_("督查形式"), max_length=100, required=False)
    feedback = forms.CharField(label=_("反馈方式"), max_length=200, required=False)


class PlanForm(forms.Form):
    plan = Area(label=_("拟办意见或督查方案"), required=False)


class FindingsForm(forms.Form):
    findings = Area(label=_("自查报告及督查发现汇总"), required=False)


class ReportForm(forms.Form):
    report = forms.CharField(
        label=_("督查报告"), widget=forms.Textarea(attrs={"rows": 8}), required=False
    )


def _this_year() -> int:
    return timezone.localdate().year


class PeriodForm(forms.Form):
    period = forms.ChoiceField(label=_("周期"), choices=Period.choices, initial=Period.MONTHLY)
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100, initial=_this_year)
    number = forms.IntegerField(
        label=_("月份或季度"), min_value=1, max_value=12, help_text=_("年度填 1。")
    )

    def clean(self):
        from .periods import periods_in

        data = super().clean()
        period, number = data.get("period"), data.get("number")
        if period in Period.values and number and number > periods_in(period):
            self.add_error("number", _("期次超出范围。"))
        return data


class BulletinForm(PeriodForm):
    leader_instruction = Area(label=_("领导批示"), required=False)


class BulletinEditForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=200)
    body = forms.CharField(label=_("正文"), widget=forms.Textarea(attrs={"rows": 8}))
    praise = Area(label=_("通报表扬"), required=False)
    criticism = Area(label=_("通报批评"), required=False)
    leader_instruction = Area(label=_("领导批示"), required=False)


class IssueForm(forms.Form):
    document_number = forms.CharField(
        label=_("文号"),
        max_length=60,
        required=False,
        help_text=_("发文稿已印发的，留空即取其文号。"),
    )


def default_period(today: dt.date | None = None) -> dict:
    today = today or timezone.localdate()
    return {"period": Period.MONTHLY, "year": today.year, "number": today.month}
