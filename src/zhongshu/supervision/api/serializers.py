"""Serializers of the supervision API: outputs read the ledger line and its tracked item;
inputs are validated here and passed to one service each."""

from __future__ import annotations

from rest_framework import serializers

from zhongshu.org.models import Person, Section, Unit
from zhongshu.tracking.choices import ReportCadence

from ..choices import CaseKind, CheckMethod, Period, ReplyGrade, Satisfaction, Source
from ..models import AccountabilityProposal, Bulletin, Case, SupervisedItem, SupervisionOrder


def choice(choices, default=None):
    """A code from ``choices`` (a plain string in the schema: the enum names of the modules
    would collide), refused with the list of codes otherwise."""
    codes = list(choices.values)

    def check(value):
        if value not in codes:
            raise serializers.ValidationError(f"应为以下之一：{'、'.join(codes)}")

    extra = {"default": default} if default is not None else {}
    return serializers.CharField(
        validators=[check], help_text="、".join(f"{k}={v}" for k, v in choices.choices), **extra
    )


def unit_field(**kw):
    return serializers.SlugRelatedField(slug_field="uuid", queryset=Unit.objects.all(), **kw)


def person_field(**kw):
    return serializers.SlugRelatedField(slug_field="uuid", queryset=Person.objects.all(), **kw)


class SupervisedItemSerializer(serializers.ModelSerializer):
    source = serializers.CharField(read_only=True)
    rectification = serializers.CharField(read_only=True)
    reply_grade = serializers.CharField(read_only=True)
    satisfaction = serializers.CharField(read_only=True)
    subject = serializers.CharField(source="item.subject")
    tracked_item = serializers.UUIDField(source="item.uuid")
    lead_unit = serializers.CharField(source="item.lead_unit.short_name")
    leader = serializers.CharField(source="leader.name", default=None)
    state = serializers.CharField(source="item.state")
    colour = serializers.CharField(source="item.colour")
    is_key = serializers.BooleanField(source="item.is_key")
    due_at = serializers.DateTimeField(source="item.due_at")
    percent = serializers.IntegerField(source="item.percent")
    basis = serializers.CharField(source="item.basis_label")
    supervising_section = serializers.CharField(source="supervising_section.name", default=None)

    class Meta:
        model = SupervisedItem
        fields = [
            "uuid",
            "tracked_item",
            "year",
            "number",
            "source",
            "subject",
            "leader",
            "lead_unit",
            "supervising_section",
            "standard",
            "reference",
            "state",
            "colour",
            "is_key",
            "due_at",
            "basis",
            "percent",
            "rectify_due_at",
            "rectification",
            "proposer",
            "reply_grade",
            "satisfaction",
            "redo_count",
            "version",
        ]


class OrderSerializer(serializers.ModelSerializer):
    state = serializers.CharField(read_only=True)
    supervised = serializers.UUIDField(source="supervised.uuid")
    due_at = serializers.DateTimeField(source="step.due_at")

    class Meta:
        model = SupervisionOrder
        fields = [
            "uuid",
            "number",
            "supervised",
            "issued_at",
            "reason",
            "due_at",
            "state",
            "analysis",
            "problems",
            "measures",
            "commit_date",
            "answered_at",
        ]


class CaseSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(read_only=True)
    state = serializers.CharField(read_only=True)

    class Meta:
        model = Case
        fields = [
            "uuid",
            "kind",
            "title",
            "reference",
            "year",
            "received_at",
            "state",
            "plan",
            "notice",
            "arrangements",
            "findings",
            "report",
            "rounds",
            "approved_at",
            "notified_at",
            "collected_at",
            "reported_at",
        ]


class BulletinSerializer(serializers.ModelSerializer):
    period = serializers.CharField(read_only=True)
    state = serializers.CharField(read_only=True)

    class Meta:
        model = Bulletin
        fields = [
            "uuid",
            "period",
            "period_start",
            "period_end",
            "title",
            "figures",
            "body",
            "praise",
            "criticism",
            "leader_instruction",
            "state",
            "document_number",
            "issued_at",
            "version",
        ]


class AccountabilitySerializer(serializers.ModelSerializer):
    state = serializers.CharField(read_only=True)
    unit = serializers.CharField(source="unit.short_name")

    class Meta:
        model = AccountabilityProposal
        fields = ["uuid", "unit", "period_start", "period_end", "reason", "evidence", "state"]


class ScoreSerializer(serializers.Serializer):
    unit = serializers.CharField(source="unit.short_name")
    assigned = serializers.IntegerField()
    on_time = serializers.IntegerField()
    late = serializers.IntegerField()
    overdue = serializers.IntegerField()
    not_rectified = serializers.IntegerField()
    poor_quality = serializers.IntegerField()
    score = serializers.IntegerField()


# --- inputs ------------------------------------------------------------------------------
class ItemInput(serializers.Serializer):
    source = choice(Source)
    subject = serializers.CharField(max_length=300)
    lead_unit = unit_field()
    cooperating_units = unit_field(many=True, required=False)
    leader = person_field(required=False, allow_null=True)
    due_date = serializers.DateField()
    standard = serializers.CharField(required=False, allow_blank=True, default="")
    reference = serializers.CharField(required=False, allow_blank=True, default="")
    cadence = choice(ReportCadence, default=ReportCadence.MONTHLY)


class InstructionInput(serializers.Serializer):
    instructed_by = person_field()
    instruction = serializers.CharField()
    subject = serializers.CharField(max_length=300)
    lead_unit = unit_field()
    cooperating_units = unit_field(many=True, required=False)
    due_date = serializers.DateField(required=False, allow_null=True)
    reference = serializers.CharField(required=False, allow_blank=True, default="")
    cadence = choice(ReportCadence, default=ReportCadence.MONTHLY)


class RectificationInput(serializers.Serializer):
    problem = serializers.CharField()
    location = serializers.CharField(required=False, allow_blank=True, default="")
    lead_unit = unit_field()
    reinspections = serializers.IntegerField(min_value=0)


class ProposalInput(serializers.Serializer):
    reference = serializers.CharField(max_length=200)
    subject = serializers.CharField(max_length=300)
    proposer = serializers.CharField(max_length=100)
    lead_unit = unit_field()
    co_units = unit_field(many=True, required=False)


class ImportInput(serializers.Serializer):
    upload = serializers.FileField()
    source = choice(Source, default=Source.KEY_WORK)


class ReasonInput(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True)


class OpinionInput(serializers.Serializer):
    opinion = serializers.CharField(allow_blank=True)


class TextInput(serializers.Serializer):
    text = serializers.CharField(allow_blank=True)


class ReplyInput(serializers.Serializer):
    reply = serializers.CharField(allow_blank=True)
    grade = choice(ReplyGrade)


class SatisfactionInput(serializers.Serializer):
    satisfaction = choice(Satisfaction)


class OrderAnswerInput(serializers.Serializer):
    analysis = serializers.CharField(allow_blank=True)
    problems = serializers.CharField(allow_blank=True)
    measures = serializers.CharField(allow_blank=True)
    commit_date = serializers.DateField()


class CaseInput(serializers.Serializer):
    kind = choice(CaseKind)
    title = serializers.CharField(max_length=300)
    reference = serializers.CharField(required=False, allow_blank=True, default="")
    ordered_by = person_field(required=False, allow_null=True)
    plan = serializers.CharField(required=False, allow_blank=True, default="")


class MeetingDecisionInput(serializers.Serializer):
    subject = serializers.CharField(max_length=300)
    lead_unit = unit_field()
    due_date = serializers.DateField()
    cooperating_units = unit_field(many=True, required=False)
    leader = person_field(required=False, allow_null=True)
    standard = serializers.CharField(required=False, allow_blank=True, default="")
    sub_items = serializers.ListField(
        child=serializers.CharField(max_length=300), required=False, default=list
    )
    supervising_section = serializers.SlugRelatedField(
        slug_field="uuid", queryset=Section.objects.all(), required=False, allow_null=True
    )


class MeetingDecisionsInput(serializers.Serializer):
    meeting = serializers.CharField(max_length=300)
    reference = serializers.CharField(required=False, allow_blank=True, default="")
    decisions = MeetingDecisionInput(many=True)


class PlanInput(serializers.Serializer):
    plan = serializers.CharField(required=False, allow_blank=True, default="")


class NoticeInput(serializers.Serializer):
    notice = serializers.DictField(child=serializers.CharField(allow_blank=True))


class FindingsInput(serializers.Serializer):
    findings = serializers.CharField(allow_blank=True)


class ReportInput(serializers.Serializer):
    report = serializers.CharField(allow_blank=True)


class PeriodInput(serializers.Serializer):
    period = choice(Period)
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    number = serializers.IntegerField(min_value=1, max_value=12)

    def validate(self, attrs):
        from ..periods import periods_in

        if attrs["number"] > periods_in(attrs["period"]):
            raise serializers.ValidationError({"number": "期次超出范围。"})
        return attrs


class BulletinInput(PeriodInput):
    leader_instruction = serializers.CharField(required=False, allow_blank=True, default="")


class BulletinEditInput(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    body = serializers.CharField()
    praise = serializers.CharField(allow_blank=True, default="")
    criticism = serializers.CharField(allow_blank=True, default="")
    leader_instruction = serializers.CharField(allow_blank=True, default="")


class CaseLineInput(serializers.Serializer):
    subject = serializers.CharField(max_length=300)
    lead_unit = unit_field()
    due_date = serializers.DateField()
    leader = person_field(required=False, allow_null=True)
    standard = serializers.CharField(required=False, allow_blank=True, default="")
    sub_items = serializers.ListField(
        child=serializers.CharField(max_length=300), required=False, default=list
    )


class CaseItemsInput(serializers.Serializer):
    lines = CaseLineInput(many=True)


class ArrangementsInput(serializers.Serializer):
    spots = serializers.CharField(allow_blank=True, default="")
    preparation = serializers.CharField(allow_blank=True, default="")
    reception = serializers.CharField(allow_blank=True, default="")


class CheckInput(serializers.Serializer):
    method = choice(CheckMethod)
    finding = serializers.CharField(allow_blank=True)
    confirmed = serializers.BooleanField()
    due_date = serializers.DateField(required=False, allow_null=True, default=None)


class DocumentInput(serializers.Serializer):
    what = serializers.ChoiceField(choices=[("notice", "通知"), ("report", "报告")])
    notice = serializers.DictField(
        child=serializers.CharField(allow_blank=True),
        required=False,
        help_text="通知内容（尚未下发时先拟发文稿；发文印发时通知环节办结）",
    )
    report = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="督查报告（汇总后先拟发文稿；发文印发时报告环节办结）",
    )


class OutgoingDraftSerializer(serializers.Serializer):
    """The outgoing draft made from a case or bulletin (continue it in /api/v1/outgoing/)."""

    uuid = serializers.UUIDField()
    title = serializers.CharField()
    kind = serializers.CharField()
    state = serializers.CharField()
    number = serializers.CharField()


class IssueInput(serializers.Serializer):
    document_number = serializers.CharField(
        max_length=60, required=False, allow_blank=True, default=""
    )


class AccountabilityDecisionInput(serializers.Serializer):
    refer = serializers.BooleanField()
    opinion = serializers.CharField(allow_blank=True)


class CoOpinionInput(serializers.Serializer):
    opinion = serializers.CharField(allow_blank=True)
