"""Forms parse; services decide. One form per business operation of the meetings pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zhongshu.clock.forms import DateInput
from zhongshu.org.models import Person, Section, Unit

from .choices import (
    GOVERNMENT_TYPES,
    MajorMatter,
    MeetingClass,
    MeetingType,
    Mode,
    ParticipantRole,
    PlanEntryState,
    Prerequisite,
    TopicState,
)
from .models import PlanEntry, Topic

DATETIME = "%Y-%m-%dT%H:%M"


def _people():
    return Person.objects.filter(archived_at__isnull=True).order_by("sort_order", "id")


def _units():
    return Unit.objects.filter(archived_at__isnull=True).order_by("sort_order", "id")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=DATETIME)


def _datetime(label) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label, input_formats=[DATETIME, "%Y-%m-%d %H:%M"], widget=DateTimeInput
    )


def lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


HEADING_MARKS = tuple("一二三四五六七八九十")


def body_from_text(text: str) -> list[dict]:
    """One paragraph a line; a line opening with 一、…十、 is a heading (level 1)."""
    body = []
    for line in lines(text):
        level = 1 if line[:1] in HEADING_MARKS and "、" in line[:3] else 0
        body.append({"level": level, "text": line})
    return body


def text_from_body(body: list[dict]) -> str:
    return "\n".join(str(p.get("text", "")) for p in body)


# --- meetings ----------------------------------------------------------------------------
class MeetingForm(forms.Form):
    type = forms.ChoiceField(label=_("会议类型"), choices=MeetingType.choices)
    meeting_class = forms.TypedChoiceField(
        label=_("类别"),
        choices=MeetingClass.choices,
        coerce=int,
        initial=MeetingClass.NONE,
        help_text=_(
            "政府会议（全体、常务、区长办公、党组）不分类别；全区性会议和专题会议须确定类别（MTG-7）"
        ),
    )
    title = forms.CharField(
        label=_("会议名称"), max_length=200, required=False, help_text=_("政府会议留空自动编号")
    )
    starts_at = _datetime(_("开始时间"))
    ends_at = _datetime(_("结束时间"))
    room = forms.CharField(label=_("会议室"), max_length=80, required=False)
    mode = forms.ChoiceField(label=_("召开方式（MTG-13）"), choices=Mode.choices)
    mode_reason = forms.CharField(label=_("集中召开的理由"), max_length=200, required=False)
    presiding = forms.ModelChoiceField(label=_("主持人"), queryset=Person.objects.none())
    organiser = forms.ModelChoiceField(label=_("承办单位"), queryset=Unit.objects.none())
    plan_entry = forms.ModelChoiceField(
        label=_("年度计划中的会议"), queryset=PlanEntry.objects.none(), required=False
    )
    unplanned_reason = forms.CharField(
        label=_("未列入计划的说明（MTG-8）"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    comprehensive = forms.BooleanField(
        label=_("部门综合性工作会议"),
        required=False,
        help_text=_(
            "市级：部门每年召开的全市综合性工作会议原则上只安排1次，不受100人限制（MTG-10）"
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["presiding"].queryset = _people()
        self.fields["organiser"].queryset = _units()
        self.fields["plan_entry"].queryset = PlanEntry.objects.filter(
            state__in=[PlanEntryState.IN_PLAN, PlanEntryState.CHANGED]
        ).select_related("plan")


class MeetingBodyForm(forms.Form):
    """MTG-1: the members (组成人员) and standing attendees (列席) of a meeting type."""

    convener = forms.ModelChoiceField(
        label=_("召集人"), queryset=Person.objects.none(), required=False
    )
    members = forms.ModelMultipleChoiceField(label=_("组成人员"), queryset=Person.objects.none())
    standing_attendees = forms.ModelMultipleChoiceField(
        label=_("列席人员"), queryset=Person.objects.none(), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("convener", "members", "standing_attendees"):
            self.fields[name].queryset = _people()


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("议程"), max_length=200)
    speaker = forms.ModelChoiceField(
        label=_("发言人"), queryset=Person.objects.none(), required=False
    )
    minutes = forms.IntegerField(label=_("时长（分钟）"), min_value=1, max_value=240, initial=8)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["speaker"].queryset = _people()


class ScheduleTopicForm(forms.Form):
    topic = forms.ModelChoiceField(label=_("已同意的议题"), queryset=Topic.objects.none())
    minutes = forms.IntegerField(label=_("时长（分钟）"), min_value=1, max_value=240, initial=8)
    urgent_reason = forms.CharField(
        label=_("紧急上会理由（申报不足时限时填写，MTG-3）"), max_length=200, required=False
    )

    def __init__(self, *args: Any, meeting=None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        qs = Topic.objects.filter(state=TopicState.APPROVED).select_related("lead_unit")
        if meeting is not None:
            qs = qs.filter(meeting_type=meeting.type)
        self.fields["topic"].queryset = qs.order_by("requested_at", "id")


class ParticipantsForm(forms.Form):
    people = forms.ModelMultipleChoiceField(
        label=_("参会人员"), queryset=Person.objects.none(), required=False
    )
    outsiders = forms.CharField(
        label=_("其他参会人员"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("每行一人：姓名，单位职务"),
    )
    role = forms.ChoiceField(
        label=_("身份"), choices=ParticipantRole.choices, initial=ParticipantRole.PARTICIPANT
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = _people()

    def names(self) -> list[tuple[str, str]]:
        found = []
        for line in lines(self.cleaned_data.get("outsiders", "")):
            for sep in ("，", ",", " "):
                if sep in line:
                    name, unit = line.split(sep, 1)
                    break
            else:
                name, unit = line, ""
            found.append((name.strip(), unit.strip()))
        return found


class DepartmentReportsForm(forms.Form):
    units = forms.ModelMultipleChoiceField(
        label=_("本季度报告部门（MTG-18）"), queryset=Unit.objects.none()
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from zhongshu.org.choices import UnitKind

        self.fields["units"].queryset = _units().filter(kind=UnitKind.DEPARTMENT)


class LeaveForm(forms.Form):
    reason = forms.CharField(label=_("请假事由"), widget=forms.Textarea(attrs={"rows": 2}))
    substitute = forms.ModelChoiceField(
        label=_("拟代会人"), queryset=Person.objects.none(), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["substitute"].queryset = _people()


class DecisionForm(forms.Form):
    topic = forms.ModelChoiceField(label=_("议题"), queryset=Topic.objects.none(), required=False)
    content = forms.CharField(label=_("任务内容"), widget=forms.Textarea(attrs={"rows": 3}))
    sub_items = forms.CharField(
        label=_("工作子项"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("每行一项"),
    )
    responsible_unit = forms.ModelChoiceField(label=_("落实主体"), queryset=Unit.objects.none())
    cooperating_units = forms.ModelMultipleChoiceField(
        label=_("配合单位"), queryset=Unit.objects.none(), required=False
    )
    due_on = forms.DateField(label=_("完成时限"), widget=DateInput)
    supervising_section = forms.ModelChoiceField(
        label=_("督办科室"), queryset=Section.objects.none(), required=False
    )
    votes = forms.CharField(label=_("表决结果"), max_length=200, required=False)
    personnel = forms.BooleanField(label=_("人事任免（三分之二）"), required=False)

    def __init__(self, *args: Any, meeting=None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible_unit"].queryset = _units()
        self.fields["cooperating_units"].queryset = _units()
        self.fields["supervising_section"].queryset = Section.objects.select_related(
            "unit"
        ).order_by("unit__sort_order", "id")
        if meeting is not None:
            self.fields["topic"].queryset = meeting.topics.all()

    def to_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["sub_items"] = lines(data.get("sub_items", ""))
        data["cooperating_units"] = list(data.get("cooperating_units") or [])
        return data


class WrittenOpinionForm(forms.Form):
    text = forms.CharField(label=_("书面意见"), widget=forms.Textarea(attrs={"rows": 3}))


class NewsForm(forms.Form):
    text = forms.CharField(
        label=_("新闻稿"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    seconds = forms.IntegerField(label=_("播出时长（秒）"), min_value=0, initial=0, required=False)


class MinutesForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=200)
    body_text = forms.CharField(
        label=_("正文"),
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_(
            "每段一行；以“一、”等开头的为标题。议定事项和出席、请假、列席名单在签发时自动列入。"
        ),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 2}))


# --- topics ------------------------------------------------------------------------------
class TopicForm(forms.Form):
    title = forms.CharField(label=_("议题名称"), max_length=200)
    meeting_type = forms.ChoiceField(
        label=_("提请会议"), choices=MeetingType.choices, initial=MeetingType.EXECUTIVE
    )
    presenter = forms.ModelChoiceField(
        label=_("汇报人"), queryset=Person.objects.none(), required=False
    )
    reason = forms.CharField(label=_("事由"), widget=forms.Textarea(attrs={"rows": 3}))
    explanation = forms.CharField(
        label=_("议题说明（MTG-6）"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    recommended_option = forms.CharField(
        label=_("首选方案建议（MTG-6）"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    work_plan = forms.CharField(
        label=_("下一步工作方案和任务清单"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    major_matter = forms.ChoiceField(
        label=_("三重一大（MTG-2）"), choices=MajorMatter.choices, required=False
    )
    personnel = forms.BooleanField(label=_("涉及人事任免"), required=False)
    required = forms.MultipleChoiceField(
        label=_("须完成的审查论证（MTG-4）"),
        choices=Prerequisite.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    consultation_note = forms.CharField(
        label=_("意见收集和采纳情况"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    agreed_with_units = forms.BooleanField(label=_("已征求意见并协调一致"), required=False)
    wanted_date = forms.DateField(label=_("建议上会日期"), required=False, widget=DateInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["presenter"].queryset = _people()

    @classmethod
    def initial_of(cls, topic: Topic) -> dict[str, Any]:
        return {name: getattr(topic, name) for name in cls.base_fields}


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("材料名称"), max_length=200)
    file = forms.FileField(label=_("文件"), required=False)
    confidential = forms.BooleanField(label=_("涉密（会后退回，MTG-17）"), required=False)


class PrerequisiteForm(forms.Form):
    kind = forms.ChoiceField(label=_("审查论证"), choices=Prerequisite.choices)
    done_on = forms.DateField(label=_("完成日期"), widget=DateInput)
    conclusion = forms.CharField(label=_("结论"), max_length=500, required=False)


class CongressReportForm(forms.Form):
    reported_on = forms.DateField(label=_("报告日期"), widget=DateInput)
    note = forms.CharField(label=_("报告情况"), max_length=300, required=False)


class OpinionForm(forms.Form):
    opinion = forms.CharField(label=_("审核意见"), widget=forms.Textarea(attrs={"rows": 2}))


# --- the annual plan ---------------------------------------------------------------------
class PlanEntryForm(forms.Form):
    title = forms.CharField(label=_("会议名称"), max_length=200)
    unit = forms.ModelChoiceField(label=_("牵头单位"), queryset=Unit.objects.none())
    meeting_class = forms.TypedChoiceField(
        label=_("类别"),
        coerce=int,
        choices=[
            (MeetingClass.CLASS_1, MeetingClass.CLASS_1.label),
            (2, MeetingClass.CLASS_2.label),
        ],
    )
    month = forms.IntegerField(label=_("计划月份"), min_value=1, max_value=12)
    participants = forms.IntegerField(label=_("拟参会人数"), min_value=0, initial=0)
    leader = forms.ModelChoiceField(
        label=_("出席领导"), queryset=Person.objects.none(), required=False
    )
    comprehensive = forms.BooleanField(
        label=_("部门综合性工作会议"),
        required=False,
        help_text=_("市级：每个部门每年原则上只安排1次（MTG-10）"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units()
        self.fields["leader"].queryset = _people()


class PlanChangeForm(forms.Form):
    reason = forms.CharField(label=_("书面说明（MTG-8）"), widget=forms.Textarea(attrs={"rows": 2}))
    month = forms.IntegerField(label=_("调整到月份"), min_value=1, max_value=12, required=False)


# --- MTG-2: outgoing documents on matters of 三重一大 ------------------------------------
class DocumentMatterForm(forms.Form):
    major_matter = forms.ChoiceField(
        label=_("“三重一大”事项"),
        choices=MajorMatter.choices,
        required=False,
        help_text=_(
            "重大决策、重要人事任免、重大项目安排、大额度资金使用须经会议集体决策（MTG-2）"
        ),
    )
    topic = forms.ModelChoiceField(
        label=_("会议研究决定的议题"),
        queryset=Topic.objects.none(),
        to_field_name="uuid",
        required=False,
        help_text=_("全体会议、常务会议或党组会议研究决定的议题"),
    )

    def __init__(self, *args: Any, topics=None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if topics is not None:
            self.fields["topic"].queryset = topics
        self.fields["topic"].label_from_instance = _topic_label


def _topic_label(topic: Topic) -> str:
    meeting = topic.meeting
    where = meeting.display_name if meeting is not None else str(TopicState(topic.state).label)
    return f"{where}：{topic.title}"


# --- MTG-6: emergency decisions ------------------------------------------------------------
class EmergencyDecisionForm(forms.Form):
    decided_by = forms.ModelChoiceField(label=_("处置领导"), queryset=Person.objects.none())
    decided_at = _datetime(_("处置时间"))
    event = forms.CharField(label=_("突发事件或紧急情况"), max_length=200)
    content = forms.CharField(label=_("处置决定"), widget=forms.Textarea(attrs={"rows": 3}))
    meeting_type = forms.ChoiceField(
        label=_("事后报告的会议"),
        choices=[(t.value, t.label) for t in GOVERNMENT_TYPES],
        initial=MeetingType.EXECUTIVE,
    )
    major_matter = forms.ChoiceField(
        label=_("“三重一大”事项"), choices=MajorMatter.choices, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from zhongshu.org.services import people_with_post

        leaders = people_with_post(["head", "deputy_head"])
        self.fields["decided_by"].queryset = leaders.order_by("sort_order", "id")


class EmergencyReportForm(forms.Form):
    note = forms.CharField(
        label=_("会议意见"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
