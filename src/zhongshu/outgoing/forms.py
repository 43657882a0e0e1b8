"""Forms parse; services decide. The drafting form writes the body as lines (one
paragraph a line, the heading level read from 一、（一）1.（1）) or takes it from a .docx."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zhongshu.documents.choices import Classification, Disclosure, Kind, Urgency
from zhongshu.documents.files import validate_upload
from zhongshu.org.choices import PortfolioKind, UnitKind
from zhongshu.org.models import Portfolio, SeriesCode, Unit
from zhongshu.rules import catalogue

from . import body as body_module
from .choices import Layout, LengthCategory, Validity
from .models import OutgoingDocument

ANSWERS = [("", "—"), ("yes", _("是")), ("no", _("否"))]
UNIT_KINDS = [
    UnitKind.GOVERNMENT,
    UnitKind.OFFICE,
    UnitKind.DEPARTMENT,
    UnitKind.SUBDISTRICT,
    UnitKind.COORDINATING_BODY,
    UnitKind.DIRECT_UNIT,
]


def _units():
    return Unit.objects.filter(archived_at__isnull=True, kind__in=UNIT_KINDS).order_by(
        "sort_order", "id"
    )


def open_ledger_items():
    from zhongshu.tracking.models import TrackedItem

    return (
        TrackedItem.objects.filter(kind="outgoing.ledger")
        .exclude(state__in=["closed", "cancelled"])
        .order_by("due_at", "id")
    )


class LedgerItemForm(forms.Form):
    """DOC-OUT-1: a city document to implement enters the issuance ledger."""

    subject = forms.CharField(label=_("发文事项"), max_length=300)
    lead_unit = forms.ModelChoiceField(label=_("牵头单位"), queryset=Unit.objects.none())
    received_on = forms.DateField(
        label=_("上级文件收文日期"), widget=forms.DateInput(attrs={"type": "date"})
    )
    issue_due = forms.DateField(
        label=_("发文时限"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = _units()


class DraftForm(forms.Form):
    kind = forms.ChoiceField(label=_("文种"), choices=Kind.choices, initial=Kind.NOTICE)
    layout = forms.ChoiceField(label=_("版式"), choices=Layout.choices, initial=Layout.DOCUMENT)
    issuer = forms.ModelChoiceField(label=_("发文机关"), queryset=Unit.objects.none())
    title = forms.CharField(
        label=_("标题"), max_length=300, required=False, help_text=_("发文机关＋关于＋事由＋文种")
    )
    main_recipients = forms.CharField(label=_("主送机关"), max_length=500, required=False)
    copy_to = forms.CharField(label=_("抄送机关"), max_length=500, required=False)
    body_text = forms.CharField(
        label=_("正文"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("每段一行；以“一、”“（一）”“1.”“（1）”开头的为各级标题。"),
    )
    attachments_text = forms.CharField(
        label=_("附件说明"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("每个附件一行"),
    )
    attachment_bodies_text = forms.CharField(
        label=_("附件正文"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("按附件说明的顺序，附件之间以单独一行“---”分隔；每个附件另起一页排印"),
    )
    ledger_item = forms.ModelChoiceField(
        label=_("发文清单事项"),
        queryset=None,
        required=False,
        help_text=_("落实上级文件、列入发文清单的，选择对应事项（DOC-OUT-1），无须再作必要性说明"),
    )
    upload = forms.FileField(
        label=_("从 Word 文档导入"),
        required=False,
        help_text=_(".docx：标题、主送、正文、附件说明"),
    )
    classification = forms.ChoiceField(label=_("密级"), choices=Classification.choices)
    secrecy_period = forms.CharField(label=_("保密期限"), max_length=40, required=False)
    urgency = forms.ChoiceField(
        label=_("紧急程度"), choices=Urgency.choices, initial=Urgency.NORMAL
    )
    disclosure = forms.ChoiceField(label=_("公开属性"), choices=Disclosure.choices)
    disclosure_reason = forms.CharField(label=_("不公开理由"), max_length=300, required=False)
    is_normative = forms.BooleanField(label=_("规范性文件（须合法性审查）"), required=False)
    is_policy = forms.BooleanField(label=_("政策性文件（须政策解读）"), required=False)
    is_major = forms.BooleanField(label=_("重大事项（报区长签发）"), required=False)
    is_report_up = forms.BooleanField(label=_("报送上级或人大"), required=False)
    is_office_internal = forms.BooleanField(label=_("机关内部事务"), required=False)
    is_party_joint = forms.BooleanField(
        label=_("区委、区政府联合发文"),
        required=False,
        help_text=_("区政府办公室先行审核、区政府领导签批后转区委办公室办理（DOC-OUT-8）"),
    )
    portfolios = forms.ModelMultipleChoiceField(
        label=_("涉及分管领域"), queryset=Portfolio.objects.none(), required=False
    )
    consultation_topics = forms.MultipleChoiceField(
        label=_("涉及其他单位的事项"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("涉及的，须书面征求有关单位意见（DOC-OUT-10）"),
    )
    consulted_units = forms.ModelMultipleChoiceField(
        label=_("征求意见单位"), queryset=Unit.objects.none(), required=False
    )
    joint_units = forms.ModelMultipleChoiceField(
        label=_("联合发文（会签）单位"), queryset=Unit.objects.none(), required=False
    )
    length_category = forms.ChoiceField(label=_("篇幅类别"), choices=LengthCategory.choices)
    form_reason = forms.CharField(
        label=_("发文规格说明"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    is_public_interest = forms.BooleanField(
        label=_("涉及重大公共利益和公众权益"),
        required=False,
        help_text=_("须公开听取公众意见并反馈采纳情况后方可签发（DOC-OUT-10）"),
    )
    public_comment = forms.CharField(
        label=_("公开征求意见情况"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("征求方式、起止时间、收到意见数量"),
    )
    public_comment_feedback = forms.CharField(
        label=_("意见采纳情况反馈"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    interpretation_plan = forms.CharField(
        label=_("政策解读方案及材料"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    note = forms.CharField(label=_("附注"), max_length=300, required=False)

    def __init__(self, *args: Any, instance: OutgoingDocument | None = None, **kwargs: Any):
        if instance is not None and "data" not in kwargs:
            kwargs["initial"] = initial_of(instance)
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = _units()
        self.fields["ledger_item"].queryset = open_ledger_items()
        self.fields["ledger_item"].label_from_instance = lambda item: item.subject
        self.fields["consulted_units"].queryset = _units()
        self.fields["consultation_topics"].choices = [
            (t, t) for t in catalogue.param("DOC-OUT-10", "topics")
        ]
        self.fields["joint_units"].queryset = _units()
        self.fields["portfolios"].queryset = (
            Portfolio.objects.active()
            .filter(kind=PortfolioKind.GOVERNMENT)
            .select_related("leader")
        )
        self.fields["portfolios"].label_from_instance = str
        self.fields["disclosure"].initial = Disclosure.PUBLIC
        for index, item in enumerate(catalogue.param("DOC-OUT-2", "statement_items")):
            self.fields[f"necessity_{index}"] = forms.CharField(
                label=item, required=False, max_length=500
            )
        for index, question in enumerate(catalogue.param("DOC-OUT-3", "questions")):
            self.fields[f"question_{index}"] = forms.ChoiceField(
                label=question, choices=ANSWERS, required=False
            )
            self.fields[f"question_{index}_note"] = forms.CharField(
                label=_("说明"), required=False, max_length=300
            )
        if instance is not None and "data" not in kwargs:
            for name, value in _answers_initial(instance).items():
                self.initial[name] = value

    def necessity_fields(self):
        return [self[n] for n in self.fields if n.startswith("necessity_")]

    def question_fields(self):
        return [
            (self[n], self[f"{n}_note"])
            for n in self.fields
            if n.startswith("question_") and not n.endswith("_note")
        ]

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            validate_upload(upload)
            if not upload.name.lower().endswith(".docx"):
                raise forms.ValidationError(_("请上传 .docx 文档。"))
        return upload

    def to_data(self) -> dict[str, Any]:
        d = self.cleaned_data
        data: dict[str, Any] = {
            name: d[name]
            for name in (
                "kind", "layout", "issuer", "title", "main_recipients", "copy_to",
                "classification", "secrecy_period", "urgency", "disclosure",
                "disclosure_reason", "is_normative", "is_policy", "is_major", "is_report_up",
                "is_office_internal", "is_party_joint", "portfolios", "consulted_units", "joint_units", "consultation_topics",
                "length_category", "form_reason", "interpretation_plan", "note", "ledger_item",
                "is_public_interest", "public_comment", "public_comment_feedback",
            )
        }  # fmt: skip
        data["body"] = body_module.parse_lines(d.get("body_text", ""))
        data["attachment_notes"] = body_module.parse_attachment_notes(d.get("attachments_text", ""))
        data["attachment_bodies"] = body_module.parse_attachment_bodies(
            d.get("attachment_bodies_text", "")
        )
        if d.get("upload"):
            imported = body_module.parse_docx(d["upload"])
            data["title"] = data["title"] or imported["title"]
            data["main_recipients"] = data["main_recipients"] or imported["main_recipients"]
            data["body"] = data["body"] or imported["body"]
            data["attachment_notes"] = data["attachment_notes"] or imported["attachment_notes"]
        items = catalogue.param("DOC-OUT-2", "statement_items")
        data["necessity"] = {
            item: d.get(f"necessity_{i}", "")
            for i, item in enumerate(items)
            if d.get(f"necessity_{i}")
        }
        questions = catalogue.param("DOC-OUT-3", "questions")
        data["questions"] = {
            q: {"answer": d.get(f"question_{i}", ""), "note": d.get(f"question_{i}_note", "")}
            for i, q in enumerate(questions)
            if d.get(f"question_{i}")
        }
        return data


def initial_of(document: OutgoingDocument) -> dict[str, Any]:
    return {
        "kind": document.kind,
        "layout": document.layout,
        "issuer": document.issuer_id,
        "title": document.title,
        "main_recipients": document.main_recipients,
        "copy_to": document.copy_to,
        "body_text": body_module.as_lines(document.body),
        "attachments_text": "\n".join(document.attachment_notes or []),
        "ledger_item": document.ledger_item_id,
        "attachment_bodies_text": body_module.attachment_bodies_as_text(document.attachment_bodies),
        "classification": document.classification,
        "secrecy_period": document.secrecy_period,
        "urgency": document.urgency,
        "disclosure": document.disclosure,
        "disclosure_reason": document.disclosure_reason,
        "is_normative": document.is_normative,
        "is_policy": document.is_policy,
        "is_major": document.is_major,
        "is_report_up": document.is_report_up,
        "is_office_internal": document.is_office_internal,
        "is_party_joint": document.is_party_joint,
        "consultation_topics": list(document.consultation_topics or []),
        "portfolios": list(document.portfolios.values_list("pk", flat=True)),
        "consulted_units": list(document.consulted_units.values_list("pk", flat=True)),
        "joint_units": list(document.joint_units.values_list("pk", flat=True)),
        "length_category": document.length_category,
        "form_reason": document.form_reason,
        "interpretation_plan": document.interpretation_plan,
        "is_public_interest": document.is_public_interest,
        "public_comment": document.public_comment,
        "public_comment_feedback": document.public_comment_feedback,
        "note": document.note,
    }


def _answers_initial(document: OutgoingDocument) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for i, item in enumerate(catalogue.param("DOC-OUT-2", "statement_items")):
        values[f"necessity_{i}"] = document.necessity.get(item, "")
    for i, q in enumerate(catalogue.param("DOC-OUT-3", "questions")):
        answer = document.questions.get(q) or {}
        values[f"question_{i}"] = answer.get("answer", "")
        values[f"question_{i}_note"] = answer.get("note", "")
    return values


class OpinionForm(forms.Form):
    opinion = forms.CharField(
        label=_("意见"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReviewForm(OpinionForm):
    gates = forms.MultipleChoiceField(
        label=_("审核把关（六关）"), required=False, widget=forms.CheckboxSelectMultiple, choices=()
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["gates"].choices = [(g, g) for g in catalogue.param("DOC-OUT-12", "gates")]


class AdjustForm(forms.Form):
    """DOC-OUT-12: what the reviewer may fix."""

    kind = forms.ChoiceField(label=_("文种"), choices=Kind.choices)
    layout = forms.ChoiceField(label=_("版式"), choices=Layout.choices)
    classification = forms.ChoiceField(label=_("密级"), choices=Classification.choices)
    secrecy_period = forms.CharField(label=_("保密期限"), max_length=40, required=False)
    urgency = forms.ChoiceField(label=_("紧急程度"), choices=Urgency.choices)
    disclosure = forms.ChoiceField(label=_("公开属性"), choices=Disclosure.choices)
    disclosure_reason = forms.CharField(label=_("不公开理由"), max_length=300, required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 2}))


class NumberForm(forms.Form):
    series = forms.ModelChoiceField(
        label=_("发文代字"),
        queryset=SeriesCode.objects.filter(archived_at__isnull=True),
        required=False,
    )


class IssueForm(forms.Form):
    distribution = forms.CharField(label=_("分送范围"), required=False, max_length=500)
    copies = forms.IntegerField(
        label=_("纸质份数（非涉密公文以电子方式运转，可为0）"), min_value=0, initial=0
    )


class EvaluationForm(forms.Form):
    validity = forms.ChoiceField(label=_("清理结论"), choices=Validity.choices)
    evaluation = forms.CharField(label=_("后评估"), widget=forms.Textarea(attrs={"rows": 2}))


class MeetingForm(forms.Form):
    on = forms.DateTimeField(label=_("会议审议通过时间"))
    major_revision = forms.BooleanField(label=_("需作较大修改"), required=False)
    unchanged = forms.BooleanField(label=_("审议通过且无修改"), required=False)


class DisagreementForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("单位"), queryset=Unit.objects.none())
    their_reason = forms.CharField(
        label=_("对方意见及理由"), widget=forms.Textarea(attrs={"rows": 2})
    )
    drafter_reason = forms.CharField(
        label=_("起草单位理由"), widget=forms.Textarea(attrs={"rows": 2})
    )
    proposal = forms.CharField(label=_("办理建议"), required=False)

    def __init__(self, *args: Any, document: OutgoingDocument | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if document is not None:
            self.fields["unit"].queryset = document.consulted_units.all()
