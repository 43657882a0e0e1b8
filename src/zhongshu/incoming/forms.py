"""Forms of the incoming pages. They parse; the services decide."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhongshu.documents.choices import Classification, Kind, Urgency
from zhongshu.org.models import Person, Unit
from zhongshu.rules import catalogue

from .choices import Decision, DirectException, HandlingMode
from .models import IncomingDocument

LEADER_ROLES = ("government_leader", "office_leader")
DATETIME = "%Y-%m-%dT%H:%M"


def leaders():
    return (
        Person.objects.filter(
            account__groups__profile__code__in=LEADER_ROLES, archived_at__isnull=True
        )
        .select_related("unit")
        .distinct()
        .order_by("sort_order", "id")
    )


def units():
    return Unit.objects.filter(archived_at__isnull=True).order_by("sort_order", "id")


class UnitChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.short_name or obj.name


class UnitsChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.short_name or obj.name


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.unit.short_name}）"


class PeopleChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.unit.short_name}）"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


def material_choices() -> list[tuple[str, str]]:
    names = [
        *catalogue.param("DOC-IN-5", "statements"),
        *catalogue.param("DOC-IN-5", "attachments"),
    ]
    return [(n, n) for n in names]


class RegistrationForm(forms.Form):
    """Ordered for the keyboard: a clerk types down the form and presses Enter."""

    sender = forms.CharField(
        label=_("来文单位"),
        max_length=120,
        required=False,
        help_text=_("输入单位简称或全称选择；外单位直接输入名称。"),
        widget=forms.TextInput(
            attrs={"list": "units-list", "autofocus": True, "autocomplete": "off"}
        ),
    )
    sender_number = forms.CharField(
        label=_("来文字号"),
        max_length=60,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "示教发〔2026〕12号"}),
    )
    title = forms.CharField(label=_("标题"), max_length=300, required=False)
    kind = forms.ChoiceField(label=_("文种"), choices=[("", "—"), *Kind.choices], required=False)
    urgency = forms.ChoiceField(
        label=_("紧急程度"), choices=Urgency.choices, initial=Urgency.NORMAL
    )
    classification = forms.ChoiceField(
        label=_("密级"), choices=Classification.choices, initial=Classification.NONE
    )
    secrecy_period = forms.CharField(label=_("保密期限"), max_length=40, required=False)
    received_at = forms.DateTimeField(
        label=_("收文时间"),
        required=False,
        input_formats=[DATETIME, "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME),
    )
    copies = forms.IntegerField(label=_("份数"), min_value=1, initial=1)
    pages = forms.IntegerField(label=_("页数"), min_value=0, initial=0, required=False)
    signer = forms.CharField(label=_("签发人"), max_length=40, required=False)
    contact_person = forms.CharField(label=_("联系人"), max_length=40, required=False)
    contact_phone = forms.CharField(label=_("联系电话"), max_length=40, required=False)
    electronic_received = forms.BooleanField(
        label=_("电子版同步报送"), required=False, initial=True
    )
    main_file = forms.FileField(label=_("正文文件"), required=False)
    attachments = MultipleFileField(label=_("附件"), required=False)
    needed_by = forms.DateField(
        label=_("需办结日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    own_due_date = forms.DateField(
        label=_("来文规定时限"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    related_numbers = forms.CharField(
        label=_("相关来文（收文编号，逗号分隔）"), max_length=300, required=False
    )
    resubmission_number = forms.CharField(
        label=_("重报原件（收文编号）"), max_length=40, required=False
    )
    allow_duplicate = forms.BooleanField(label=_("确认重复并关联"), required=False)

    def clean_sender(self):
        text = self.cleaned_data["sender"].strip()
        self.cleaned_data["sender_unit"] = None
        if text:
            unit = units().filter(Q(name=text) | Q(short_name=text)).first()
            self.cleaned_data["sender_unit"] = unit
        return text

    def _find(self, number: str):
        return IncomingDocument.objects.filter(register_number=number.strip()).first()

    def clean_resubmission_number(self):
        number = self.cleaned_data.get("resubmission_number", "").strip()
        if number and self._find(number) is None:
            raise forms.ValidationError(_("未找到收文编号为“%(n)s”的收文。") % {"n": number})
        return number

    def data_for_service(self) -> dict:
        data = {
            k: self.cleaned_data.get(k)
            for k in (
                "sender_number",
                "title",
                "kind",
                "urgency",
                "classification",
                "secrecy_period",
                "received_at",
                "copies",
                "pages",
                "signer",
                "contact_person",
                "contact_phone",
                "electronic_received",
                "needed_by",
                "own_due_date",
            )
        }
        data["sender_unit"] = self.cleaned_data.get("sender_unit")
        data["sender_name"] = "" if data["sender_unit"] else self.cleaned_data.get("sender", "")
        if data["pages"] is None:
            data["pages"] = 0
        resub = self.cleaned_data.get("resubmission_number", "")
        data["resubmission_of"] = self._find(resub) if resub else None
        return data

    def related(self) -> list[IncomingDocument]:
        raw = self.cleaned_data.get("related_numbers", "").replace("，", ",")
        found = [self._find(n) for n in raw.split(",") if n.strip()]
        return [d for d in found if d is not None]

    @classmethod
    def initial_for(
        cls, doc: IncomingDocument | None, resubmitting: IncomingDocument | None = None
    ) -> dict:
        if doc is None and resubmitting is not None:
            # DOC-IN-8: the unit resubmits; a new registration linked to the returned one
            old = resubmitting
            return {
                "received_at": timezone.localtime().strftime(DATETIME),
                "sender": old.sender_label,
                "kind": old.kind,
                "title": old.title,
                "urgency": old.urgency,
                "signer": old.signer,
                "contact_person": old.contact_person,
                "contact_phone": old.contact_phone,
                "resubmission_number": old.register_number,
            }
        if doc is None:
            return {"received_at": timezone.localtime().strftime(DATETIME)}
        data = {name: getattr(doc, name) for name in cls.base_fields if hasattr(doc, name)}
        data["sender"] = doc.sender_label
        if doc.received_at:
            data["received_at"] = timezone.localtime(doc.received_at).strftime(DATETIME)
        data["related_numbers"] = ", ".join(d.register_number for d in doc.related.all())
        return data


class ReviewForm(forms.Form):
    matter_count = forms.IntegerField(label=_("请示事项数（DOC-IN-2）"), min_value=1, initial=1)
    carries_request = forms.BooleanField(label=_("非请示件夹带请示事项"), required=False)
    request_to_issue = forms.BooleanField(
        label=_("提请以区政府或办公室名义发文（DOC-IN-5）"), required=False
    )
    materials = forms.MultipleChoiceField(
        label=_("已载明事项和已附材料"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=material_choices,
    )
    party_matter = forms.BooleanField(label=_("属党委职权范围（DOC-IN-6）"), required=False)
    skipped_level = forms.BooleanField(label=_("越级报文"), required=False)
    skipped_copied = forms.BooleanField(label=_("已抄送被越过的部门"), required=False)
    emergency_direct = forms.BooleanField(label=_("紧急情况直接报送"), required=False)
    addressed_leader = PersonChoice(
        label=_("直接报送领导个人（DOC-IN-7）"), queryset=Person.objects.none(), required=False
    )
    direct_exception = forms.ChoiceField(
        label=_("直报例外"), choices=DirectException.choices, required=False
    )
    also_sent_to = forms.CharField(label=_("同时报送（多头报送）"), max_length=200, required=False)
    pre_announced = forms.BooleanField(label=_("特急件已事先沟通（DOC-IN-9）"), required=False)
    electronic_consistent = forms.BooleanField(
        label=_("电子版与纸质版一致（DOC-IN-4）"), required=False, initial=True
    )
    reason = forms.CharField(
        label=_("退文理由（DOC-IN-8）"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    approver = PersonChoice(
        label=_("审批退文的分管领导"), queryset=Person.objects.none(), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["addressed_leader"].queryset = leaders()
        self.fields["approver"].queryset = leaders()

    def review_data(self) -> dict:
        from .services import REVIEW_FIELDS

        return {k: self.cleaned_data.get(k) for k in REVIEW_FIELDS if k in self.cleaned_data}


class ProposalForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("拟办方式"),
        choices=HandlingMode.choices,
        initial=HandlingMode.HANDLE,
        widget=forms.RadioSelect,
    )
    proposal = forms.CharField(label=_("拟办意见"), widget=forms.Textarea(attrs={"rows": 3}))
    leader_1 = PersonChoice(
        label=_("呈批领导（一）"), queryset=Person.objects.none(), required=False
    )
    leader_2 = PersonChoice(
        label=_("呈批领导（二）"), queryset=Person.objects.none(), required=False
    )
    leader_3 = PersonChoice(
        label=_("呈批领导（三）"), queryset=Person.objects.none(), required=False
    )
    lead_unit = UnitChoice(label=_("主办单位"), queryset=Unit.objects.none(), required=False)
    cooperating_units = UnitsChoice(
        label=_("协办单位"), queryset=Unit.objects.none(), required=False
    )
    readers = PeopleChoice(label=_("阅件人"), queryset=Person.objects.none(), required=False)
    in_order = forms.BooleanField(label=_("依次传阅"), required=False)
    difficult = forms.BooleanField(label=_("难点问题（DOC-IN-10：15个工作日）"), required=False)
    needs_consultation = forms.BooleanField(
        label=_("需征求相关部门意见（DOC-IN-11）"), required=False
    )
    needs_implementation = forms.BooleanField(
        label=_("上级文件需贯彻落实（DOC-IN-15）"), required=False
    )
    important = forms.BooleanField(label=_("重要公文（DOC-IN-12 重点催办）"), required=False)
    own_due_date = forms.DateField(
        label=_("来文规定时限"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("leader_1", "leader_2", "leader_3"):
            self.fields[name].queryset = leaders()
        self.fields["lead_unit"].queryset = units()
        self.fields["cooperating_units"].queryset = units()
        self.fields["readers"].queryset = (
            Person.objects.filter(account__isnull=False, archived_at__isnull=True)
            .select_related("unit")
            .order_by("unit__sort_order", "sort_order", "id")
        )

    def chosen_leaders(self) -> list[Person]:
        return [p for p in (self.cleaned_data.get(f"leader_{i}") for i in (1, 2, 3)) if p]

    def flags(self) -> dict:
        return {
            k: self.cleaned_data.get(k)
            for k in (
                "difficult",
                "needs_consultation",
                "needs_implementation",
                "important",
                "own_due_date",
            )
        }


class InstructForm(forms.Form):
    decision = forms.ChoiceField(label=_("意见"), choices=Decision.choices, initial=Decision.AGREE)
    opinion = forms.CharField(
        label=_("批示意见"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    add_units = UnitsChoice(label=_("增加承办单位"), queryset=Unit.objects.none(), required=False)
    pass_to = PersonChoice(label=_("转呈领导"), queryset=Person.objects.none(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["add_units"].queryset = units()
        self.fields["pass_to"].queryset = leaders()


class ReturnDecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("审批"),
        choices=[("1", _("同意退文")), ("0", _("不同意退文"))],
        coerce=lambda v: v == "1",
    )
    opinion = forms.CharField(
        label=_("意见"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReportForm(forms.Form):
    task = forms.UUIDField(widget=forms.HiddenInput)
    result = forms.CharField(label=_("办理结果"), widget=forms.Textarea(attrs={"rows": 3}))
    reply_number = forms.CharField(label=_("答复文号"), max_length=60, required=False)
    reply_text = forms.CharField(
        label=_("答复内容"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CirculateForm(forms.Form):
    readers = PeopleChoice(label=_("阅件人"), queryset=Person.objects.none())
    in_order = forms.BooleanField(label=_("依次传阅"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["readers"].queryset = (
            Person.objects.filter(account__isnull=False, archived_at__isnull=True)
            .select_related("unit")
            .order_by("unit__sort_order", "sort_order", "id")
        )


class ReadForm(forms.Form):
    circulation = forms.UUIDField(widget=forms.HiddenInput)


class CompleteForm(forms.Form):
    result = forms.CharField(label=_("办理结果"), widget=forms.Textarea(attrs={"rows": 2}))


class ReplyForm(forms.Form):
    """The reply sent: an outgoing document drafted as the reply (chosen), or its number
    (an issued outgoing document with that number is linked), and the text."""

    outgoing = forms.ChoiceField(label=_("答复发文"), required=False)
    reply_number = forms.CharField(label=_("答复文号"), max_length=60, required=False)
    reply_text = forms.CharField(
        label=_("答复内容"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, document=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("（按文号关联或不关联）"))]
        if document is not None:
            from .services.handling import reply_candidates

            choices += [
                (str(d.uuid), f"{d.number or _('未编号')} {d.title}"[:80])
                for d in reply_candidates(document)
            ]
        self.fields["outgoing"].choices = choices


class EmptyForm(forms.Form):
    pass
