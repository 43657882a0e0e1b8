"""Outgoing documents over the API: the document, its steps, and one input per action."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from zhongshu.documents.choices import Classification, Disclosure, Kind, Urgency
from zhongshu.org.models import Portfolio, SeriesCode, Unit
from zhongshu.tracking.api.serializers import RefField

from .. import hooks
from ..choices import Layout, LengthCategory, Validity
from ..models import OutgoingDocument, Step


class StepSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(
        read_only=True, help_text="consultation / countersign / legality / office_review / signing"
    )
    stage = serializers.CharField(read_only=True, help_text="文件当时的状态")
    decision = serializers.CharField(read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    decision_label = serializers.CharField(source="get_decision_display", read_only=True)
    person = RefField(allow_null=True)
    unit = RefField("short_name", allow_null=True)

    class Meta:
        model = Step
        fields = [
            "uuid", "kind", "kind_label", "stage", "order", "round", "unit", "person",
            "role_label", "decision", "decision_label", "opinion", "acted_label", "acted_at",
            "due_at",
        ]  # fmt: skip


class BodyParagraph(serializers.Serializer):
    level = serializers.IntegerField(min_value=0, max_value=4)
    text = serializers.CharField(allow_blank=True)
    table = serializers.ListField(
        child=serializers.ListField(child=serializers.CharField(allow_blank=True)),
        required=False,
        help_text="表格（首行为表头）",
    )
    image = serializers.CharField(
        max_length=60,
        required=False,
        help_text="图片名称；图片数据留在文稿中，不经接口传输，修改正文时保留",
    )
    width_mm = serializers.IntegerField(min_value=10, max_value=156, required=False)


class OutgoingSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(read_only=True, help_text="文种 (documents.Kind)")
    state = serializers.CharField(read_only=True, help_text="发文状态")
    layout = serializers.CharField(read_only=True)
    classification = serializers.CharField(read_only=True)
    urgency = serializers.CharField(read_only=True)
    disclosure = serializers.CharField(read_only=True)
    length_category = serializers.CharField(read_only=True)
    validity = serializers.CharField(read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    issuer = RefField(allow_null=True)
    drafting_unit = RefField("short_name", allow_null=True)
    drafter = RefField(allow_null=True)
    body = BodyParagraph(many=True, read_only=True)
    attachment_notes = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = OutgoingDocument
        fields = [
            "uuid", "version", "kind", "kind_label", "layout", "issuer", "title",
            "main_recipients", "copy_to", "body", "attachment_notes", "note", "classification",
            "secrecy_period", "urgency", "disclosure", "disclosure_reason", "is_normative",
            "is_policy", "is_major", "is_report_up", "is_office_internal", "is_party_joint", "length_category",
            "state", "state_label", "drafting_unit", "drafter", "return_reason", "warnings",
            "legality_passed", "signed_on", "number", "year", "issued_at", "published_at",
            "validity", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields


class OutgoingDetailSerializer(OutgoingSerializer):
    steps = StepSerializer(many=True, read_only=True)
    necessity = serializers.DictField(read_only=True)
    questions = serializers.DictField(read_only=True)
    gates = serializers.DictField(read_only=True)
    flags = serializers.SerializerMethodField(
        help_text="Flags of the modules above (MTG-2: 三重一大 without a meeting's decision)"
    )

    class Meta(OutgoingSerializer.Meta):
        fields = [
            *OutgoingSerializer.Meta.fields, "steps", "necessity", "questions", "gates", "flags",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.DictField()))
    def get_flags(self, document) -> list[dict[str, str]]:
        return [v.as_dict() for v in hooks.flags(document)]


class PublicSerializer(serializers.ModelSerializer):
    validity = serializers.CharField(read_only=True)
    issuer = RefField(allow_null=True)
    body = BodyParagraph(many=True, read_only=True)

    class Meta:
        model = OutgoingDocument
        fields = [
            "uuid",
            "number",
            "title",
            "issuer",
            "signed_on",
            "published_at",
            "body",
            "validity",
        ]
        read_only_fields = fields


def _units():
    return Unit.objects.filter(archived_at__isnull=True)


class DraftInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Kind.choices, required=False)
    layout = serializers.ChoiceField(choices=Layout.choices, required=False)
    issuer = serializers.SlugRelatedField(slug_field="uuid", queryset=_units(), required=False)
    title = serializers.CharField(max_length=300, required=False)
    main_recipients = serializers.CharField(max_length=500, required=False, allow_blank=True)
    copy_to = serializers.CharField(max_length=500, required=False, allow_blank=True)
    body = BodyParagraph(many=True, required=False)
    attachment_notes = serializers.ListField(child=serializers.CharField(), required=False)
    attachment_bodies = serializers.ListField(child=BodyParagraph(many=True), required=False)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True)
    classification = serializers.ChoiceField(choices=Classification.choices, required=False)
    secrecy_period = serializers.CharField(max_length=40, required=False, allow_blank=True)
    urgency = serializers.ChoiceField(choices=Urgency.choices, required=False)
    disclosure = serializers.ChoiceField(choices=Disclosure.choices, required=False)
    disclosure_reason = serializers.CharField(max_length=300, required=False, allow_blank=True)
    is_normative = serializers.BooleanField(required=False)
    is_policy = serializers.BooleanField(required=False)
    is_major = serializers.BooleanField(required=False)
    is_report_up = serializers.BooleanField(required=False)
    is_office_internal = serializers.BooleanField(required=False)
    is_party_joint = serializers.BooleanField(required=False)
    consultation_topics = serializers.ListField(
        child=serializers.CharField(), required=False, help_text="DOC-OUT-10 topics"
    )
    length_category = serializers.ChoiceField(choices=LengthCategory.choices, required=False)
    portfolios = serializers.SlugRelatedField(
        slug_field="uuid", queryset=Portfolio.objects.all(), many=True, required=False
    )
    consulted_units = serializers.SlugRelatedField(
        slug_field="uuid", queryset=_units(), many=True, required=False
    )
    joint_units = serializers.SlugRelatedField(
        slug_field="uuid", queryset=_units(), many=True, required=False
    )
    necessity = serializers.DictField(child=serializers.CharField(), required=False)
    questions = serializers.DictField(child=serializers.DictField(), required=False)
    form_reason = serializers.CharField(required=False, allow_blank=True)
    interpretation_plan = serializers.CharField(required=False, allow_blank=True)
    is_public_interest = serializers.BooleanField(required=False)
    public_comment = serializers.CharField(required=False, allow_blank=True)
    public_comment_feedback = serializers.CharField(required=False, allow_blank=True)


class OpinionInput(serializers.Serializer):
    opinion = serializers.CharField(required=False, allow_blank=True, default="")


class ConsultationOpinionInput(OpinionInput):
    agreed = serializers.BooleanField()


class ReviewInput(OpinionInput):
    gates = serializers.ListField(child=serializers.CharField(), required=False, default=list)


class LegalityInput(OpinionInput):
    passed = serializers.BooleanField()


class SignInput(OpinionInput):
    refer_to_head = serializers.BooleanField(default=False, help_text="报区长签发")


class AdjustInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Kind.choices, required=False)
    layout = serializers.ChoiceField(choices=Layout.choices, required=False)
    classification = serializers.ChoiceField(choices=Classification.choices, required=False)
    secrecy_period = serializers.CharField(max_length=40, required=False, allow_blank=True)
    urgency = serializers.ChoiceField(choices=Urgency.choices, required=False)
    disclosure = serializers.ChoiceField(choices=Disclosure.choices, required=False)
    disclosure_reason = serializers.CharField(max_length=300, required=False, allow_blank=True)


class ReasonInput(serializers.Serializer):
    reason = serializers.CharField()


class RecheckInput(serializers.Serializer):
    substantive_change = serializers.BooleanField(default=False)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class NumberInput(serializers.Serializer):
    series = serializers.SlugRelatedField(
        slug_field="code",
        queryset=SeriesCode.objects.filter(archived_at__isnull=True),
        required=False,
    )


class IssueInput(serializers.Serializer):
    distribution = serializers.CharField(required=False, allow_blank=True, default="")
    copies = serializers.IntegerField(min_value=0, default=0)


class DisagreementInput(serializers.Serializer):
    unit = serializers.SlugRelatedField(slug_field="uuid", queryset=_units())
    their_reason = serializers.CharField()
    drafter_reason = serializers.CharField()
    proposal = serializers.CharField(required=False, allow_blank=True, default="")


class DecideInput(serializers.Serializer):
    disagreement = serializers.UUIDField()
    decision = serializers.CharField()


class MeetingInput(serializers.Serializer):
    on = serializers.DateTimeField()
    major_revision = serializers.BooleanField(default=False)
    unchanged = serializers.BooleanField(default=False)


class EvaluationInput(serializers.Serializer):
    validity = serializers.ChoiceField(choices=Validity.choices)
    evaluation = serializers.CharField()


class EmptyInput(serializers.Serializer):
    pass


class RouteEntrySerializer(serializers.Serializer):
    person = serializers.CharField()
    person_uuid = serializers.UUIDField()
    role = serializers.CharField()


class RuleMessage(serializers.Serializer):
    rule = serializers.CharField()
    message = serializers.CharField()
    field = serializers.CharField(required=False)


class RoutePreviewSerializer(serializers.Serializer):
    blocks = RuleMessage(many=True)
    warnings = RuleMessage(many=True)
    stages = serializers.ListField(child=serializers.CharField())
    route = RouteEntrySerializer(many=True)
    route_text = serializers.CharField()
