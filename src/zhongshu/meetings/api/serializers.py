"""Meetings over the API: meetings with their agenda, participants, decisions (with the
live ledger status) and minutes; topics; the annual plan; one input per action."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from zhongshu.org.models import Person, Section, Unit
from zhongshu.tracking.api.serializers import RefField

from ..choices import (
    GOVERNMENT_TYPES,
    MajorMatter,
    MeetingClass,
    MeetingType,
    Mode,
    ParticipantRole,
    Prerequisite,
)
from ..models import (
    AgendaItem,
    Decision,
    EmergencyDecision,
    LeaveRequest,
    Meeting,
    Minutes,
    Participant,
    PlanEntry,
    Topic,
    TopicMaterial,
)


def _people():
    return Person.objects.filter(archived_at__isnull=True)


def _units():
    return Unit.objects.filter(archived_at__isnull=True)


def choice_field(choices, **kwargs) -> serializers.ChoiceField:
    """A choice field whose enum is written inline in the schema (the same choice sets
    under several field names would otherwise need global enum names)."""
    values = [value for value, _label in choices]
    schema = {"type": "integer" if isinstance(values[0], int) else "string", "enum": values}

    @extend_schema_field(schema)
    class InlineChoiceField(serializers.ChoiceField):
        pass

    return InlineChoiceField(choices=choices, **kwargs)


def person_field(**kwargs):
    return serializers.SlugRelatedField(slug_field="uuid", queryset=_people(), **kwargs)


def unit_field(**kwargs):
    return serializers.SlugRelatedField(slug_field="uuid", queryset=_units(), **kwargs)


# --- output ------------------------------------------------------------------------------
class MeetingSerializer(serializers.ModelSerializer):
    type = serializers.CharField(read_only=True, help_text="会议类型 (MeetingType)")
    type_label = serializers.CharField(source="get_type_display", read_only=True)
    meeting_class = serializers.IntegerField(read_only=True, help_text="0 政府会议，1–3 类")
    state = serializers.CharField(read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    mode = serializers.CharField(read_only=True)
    display_name = serializers.CharField(read_only=True)
    presiding = RefField()
    organiser = RefField("short_name")

    class Meta:
        model = Meeting
        fields = [
            "uuid", "version", "type", "type_label", "meeting_class", "year", "sequence",
            "display_name", "title", "starts_at", "ends_at", "room", "mode", "mode_reason",
            "presiding", "organiser", "unplanned", "unplanned_reason", "state", "state_label",
            "approved_at", "filed_with_office", "held_at", "comprehensive",
        ]  # fmt: skip
        read_only_fields = fields


class AgendaItemSerializer(serializers.ModelSerializer):
    speaker = RefField(allow_null=True)
    topic = serializers.SlugRelatedField(slug_field="uuid", read_only=True)

    class Meta:
        model = AgendaItem
        fields = ["uuid", "position", "title", "speaker", "minutes", "topic"]
        read_only_fields = fields


class LeaveSerializer(serializers.ModelSerializer):
    state = serializers.CharField(read_only=True)
    substitute = RefField(allow_null=True)

    class Meta:
        model = LeaveRequest
        fields = ["uuid", "reason", "substitute", "state", "substitute_approved", "decided_at"]
        read_only_fields = fields


class ParticipantSerializer(serializers.ModelSerializer):
    role = serializers.CharField(read_only=True)
    attendance = serializers.CharField(read_only=True)
    person = RefField(allow_null=True)
    substitute = RefField(allow_null=True)
    leave_requests = LeaveSerializer(many=True, read_only=True)

    class Meta:
        model = Participant
        fields = [
            "uuid", "person", "name", "unit_name", "role", "attendance", "substitute",
            "invited_at", "checked_in_at", "materials_returned", "leave_requests",
        ]  # fmt: skip
        read_only_fields = fields


class LedgerStatus(serializers.Serializer):
    uuid = serializers.UUIDField()
    state = serializers.CharField()
    state_label = serializers.CharField(source="get_state_display")
    colour = serializers.CharField()
    due_at = serializers.DateTimeField()
    closed_at = serializers.DateTimeField(allow_null=True)


class DecisionSerializer(serializers.ModelSerializer):
    responsible_unit = RefField("short_name")
    supervising_section = RefField(allow_null=True)
    topic = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    meeting = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    sub_items = serializers.ListField(child=serializers.CharField(), read_only=True)
    ledger = serializers.SerializerMethodField(help_text="督查台账事项的实时状态（纪要签发后）")

    class Meta:
        model = Decision
        fields = [
            "uuid", "meeting", "topic", "position", "content", "sub_items", "responsible_unit",
            "due_on", "supervising_section", "votes", "personnel", "present_count",
            "member_count", "ledger",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(LedgerStatus(allow_null=True))
    def get_ledger(self, obj):
        item = (self.context.get("ledger") or {}).get(obj.pk)
        return LedgerStatus(item).data if item is not None else None


class MinutesParagraph(serializers.Serializer):
    level = serializers.IntegerField(min_value=0, max_value=4)
    text = serializers.CharField()


class MinutesSerializer(serializers.ModelSerializer):
    state = serializers.CharField(read_only=True)
    body = MinutesParagraph(many=True, read_only=True)
    signed_by = RefField(allow_null=True)

    class Meta:
        model = Minutes
        fields = [
            "uuid", "version", "number", "title", "body", "state", "due_at", "submitted_at",
            "signed_by", "signed_at",
        ]  # fmt: skip
        read_only_fields = fields


class RuleFlag(serializers.Serializer):
    rule = serializers.CharField()
    message = serializers.CharField()


class EmergencyDecisionSerializer(serializers.ModelSerializer):
    """MTG-6: a leader's emergency decision; ``flag`` while it is not reported."""

    decided_by = RefField()
    meeting_type = serializers.CharField(read_only=True)
    major_matter = serializers.CharField(
        read_only=True, help_text="三重一大 (MajorMatter) or empty"
    )
    state = serializers.CharField(read_only=True)
    meeting = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    flags = serializers.SerializerMethodField(
        help_text="MTG-6 while not reported; MTG-2 when a matter of 三重一大"
    )

    class Meta:
        model = EmergencyDecision
        fields = [
            "uuid", "version", "meeting_type", "decided_by", "decided_at", "event", "content",
            "major_matter", "state", "meeting", "reported_at", "report_note", "flags",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(RuleFlag(many=True))
    def get_flags(self, obj):
        from ..checks import emergency_flags

        return [v.as_dict() for v in emergency_flags(obj)]


class NewsSerializer(serializers.Serializer):
    text = serializers.CharField()
    seconds = serializers.IntegerField()
    warnings = RuleFlag(many=True)


class QuorumSerializer(serializers.Serializer):
    members = serializers.IntegerField()
    present = serializers.IntegerField()
    needed = serializers.IntegerField()
    reached = serializers.BooleanField()


class MeetingDetailSerializer(MeetingSerializer):
    agenda = AgendaItemSerializer(many=True, read_only=True)
    participants = ParticipantSerializer(many=True, read_only=True)
    decisions = serializers.SerializerMethodField()
    minutes = serializers.SerializerMethodField()
    quorum = serializers.SerializerMethodField(help_text="组成人员、出席和法定人数（MTG-1）")
    news = serializers.SerializerMethodField(help_text="新闻稿及篇幅提示（MTG-16）")
    emergency_decisions = serializers.SerializerMethodField(
        help_text="MTG-6: the body's emergency decisions still to report (flagged) and those "
        "reported at this meeting"
    )

    class Meta(MeetingSerializer.Meta):
        fields = [
            *MeetingSerializer.Meta.fields,
            "agenda",
            "participants",
            "decisions",
            "minutes",
            "quorum",
            "news",
            "emergency_decisions",
        ]
        read_only_fields = fields

    @extend_schema_field(DecisionSerializer(many=True))
    def get_decisions(self, obj):
        from ..integration import ledger_items

        rows = list(
            obj.decisions.select_related("responsible_unit", "supervising_section", "topic")
        )
        context = {"ledger": ledger_items(rows)}
        return DecisionSerializer(rows, many=True, context=context).data

    @extend_schema_field(MinutesSerializer(allow_null=True))
    def get_minutes(self, obj):
        minutes = Minutes.objects.filter(meeting=obj).select_related("signed_by").first()
        return MinutesSerializer(minutes).data if minutes else None

    @extend_schema_field(NewsSerializer)
    def get_news(self, obj):
        from .. import checks

        warnings = []
        if obj.type != MeetingType.HEAD_OFFICE and (obj.news_text or obj.news_seconds):
            warnings = [
                v.as_dict() for v in checks.news_warnings(obj, obj.news_text, obj.news_seconds)
            ]
        return {"text": obj.news_text, "seconds": obj.news_seconds, "warnings": warnings}

    @extend_schema_field(EmergencyDecisionSerializer(many=True))
    def get_emergency_decisions(self, obj):
        from .. import checks

        rows = checks.pending_emergency(obj) + list(
            obj.emergency_reports.select_related("decided_by")
        )
        return EmergencyDecisionSerializer(rows, many=True).data

    @extend_schema_field(QuorumSerializer)
    def get_quorum(self, obj):
        from .. import checks

        present, members = checks.member_counts(obj)
        return {
            "members": members,
            "present": present,
            "needed": checks.quorum_needed(members) if members else 0,
            "reached": not checks.quorum(obj),
        }


class MaterialSerializer(serializers.ModelSerializer):
    class Meta:
        model = TopicMaterial
        fields = ["uuid", "title", "confidential", "to_return"]
        read_only_fields = fields


class TopicSerializer(serializers.ModelSerializer):
    state = serializers.CharField(read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    meeting_type = serializers.CharField(read_only=True)
    major_matter = serializers.CharField(read_only=True)
    lead_unit = RefField("short_name")
    requested_by = RefField()
    reviewer = RefField(allow_null=True)
    meeting = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    required = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Topic
        fields = [
            "uuid", "version", "title", "meeting_type", "lead_unit", "requested_by", "reason",
            "explanation", "recommended_option", "work_plan", "major_matter", "personnel",
            "required", "consultation_note", "agreed_with_units", "wanted_date",
            "requested_at", "reviewer", "review_opinion", "approved_at", "return_reason",
            "late", "late_reason", "congress_reported_on", "congress_note", "state",
            "state_label", "meeting",
        ]  # fmt: skip
        read_only_fields = fields


class TopicDetailSerializer(TopicSerializer):
    materials = MaterialSerializer(many=True, read_only=True)
    decisions = serializers.SerializerMethodField()

    class Meta(TopicSerializer.Meta):
        fields = [*TopicSerializer.Meta.fields, "materials", "decisions"]
        read_only_fields = fields

    @extend_schema_field(DecisionSerializer(many=True))
    def get_decisions(self, obj):
        from ..integration import ledger_items

        rows = list(
            obj.decisions.select_related(
                "responsible_unit", "supervising_section", "topic", "meeting"
            )
        )
        context = {"ledger": ledger_items(rows)}
        return DecisionSerializer(rows, many=True, context=context).data


class PlanEntrySerializer(serializers.ModelSerializer):
    state = serializers.CharField(read_only=True)
    meeting_class = serializers.IntegerField(read_only=True, help_text="1 一类会议，2 二类会议")
    unit = RefField("short_name")
    leader = RefField(allow_null=True)
    year = serializers.IntegerField(source="plan.year", read_only=True)

    class Meta:
        model = PlanEntry
        fields = [
            "uuid", "year", "title", "unit", "meeting_class", "month", "participants",
            "leader", "state", "change_reason", "comprehensive",
        ]  # fmt: skip
        read_only_fields = fields


# --- input -------------------------------------------------------------------------------
class MeetingEmptyInput(serializers.Serializer):
    pass


class MeetingReasonInput(serializers.Serializer):
    reason = serializers.CharField()


class MeetingCreateInput(serializers.Serializer):
    type = serializers.ChoiceField(choices=MeetingType.choices)
    meeting_class = serializers.ChoiceField(choices=MeetingClass.choices, default=MeetingClass.NONE)
    title = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    room = serializers.CharField(max_length=80, required=False, default="", allow_blank=True)
    mode = choice_field(Mode.choices, help_text="MTG-13")
    mode_reason = serializers.CharField(required=False, default="", allow_blank=True)
    presiding = person_field()
    organiser = unit_field()
    plan_entry = serializers.SlugRelatedField(
        slug_field="uuid", queryset=PlanEntry.objects.all(), required=False, allow_null=True
    )
    unplanned_reason = serializers.CharField(required=False, default="", allow_blank=True)
    comprehensive = serializers.BooleanField(
        required=False, default=False, help_text="MTG-10 (city profile): 部门综合性工作会议"
    )


class AgendaInput(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    speaker = person_field(required=False, allow_null=True)
    minutes = serializers.IntegerField(min_value=1, max_value=240, default=8)


class ScheduleInput(serializers.Serializer):
    topic = serializers.SlugRelatedField(slug_field="uuid", queryset=Topic.objects.all())
    minutes = serializers.IntegerField(min_value=1, max_value=240, default=8)
    urgent_reason = serializers.CharField(required=False, default="", allow_blank=True)


class DepartmentReportsInput(serializers.Serializer):
    units = unit_field(many=True)


class OutsiderInput(serializers.Serializer):
    name = serializers.CharField(max_length=40)
    unit = serializers.CharField(max_length=120, required=False, default="", allow_blank=True)


class ParticipantsInput(serializers.Serializer):
    people = person_field(many=True, required=False, default=list)
    outsiders = OutsiderInput(many=True, required=False, default=list)
    role = choice_field(ParticipantRole.choices, default=ParticipantRole.PARTICIPANT)


class LeaveInput(serializers.Serializer):
    reason = serializers.CharField()
    substitute = person_field(required=False, allow_null=True)


class DecideLeaveInput(serializers.Serializer):
    leave = serializers.UUIDField()
    approve = serializers.BooleanField()
    substitute_approved = serializers.BooleanField(default=False)


class AttendanceInput(serializers.Serializer):
    participant = serializers.UUIDField()
    present = serializers.BooleanField(default=True)
    substitute_attends = serializers.BooleanField(
        default=False, help_text="经批准的代会人出席（MTG-12）"
    )


class ParticipantRef(serializers.Serializer):
    participant = serializers.UUIDField()


class DecisionRecordInput(serializers.Serializer):
    topic = serializers.SlugRelatedField(
        slug_field="uuid", queryset=Topic.objects.all(), required=False, allow_null=True
    )
    content = serializers.CharField()
    sub_items = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    responsible_unit = unit_field()
    cooperating_units = unit_field(many=True, required=False, default=list)
    due_on = serializers.DateField()
    supervising_section = serializers.SlugRelatedField(
        slug_field="uuid", queryset=Section.objects.all(), required=False, allow_null=True
    )
    votes = serializers.CharField(required=False, default="", allow_blank=True)
    personnel = serializers.BooleanField(default=False)


class OpinionTextInput(serializers.Serializer):
    text = serializers.CharField()


class NewsInput(serializers.Serializer):
    text = serializers.CharField(allow_blank=True)
    seconds = serializers.IntegerField(min_value=0, default=0)


class MinutesInput(serializers.Serializer):
    title = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    body = MinutesParagraph(many=True)


class TopicInput(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    meeting_type = choice_field(MeetingType.choices, required=False)
    presenter = person_field(required=False, allow_null=True)
    reason = serializers.CharField()
    explanation = serializers.CharField(required=False, allow_blank=True)
    recommended_option = serializers.CharField(required=False, allow_blank=True)
    work_plan = serializers.CharField(required=False, allow_blank=True)
    major_matter = choice_field(MajorMatter.choices, required=False)
    personnel = serializers.BooleanField(required=False)
    required = serializers.ListField(child=choice_field(Prerequisite.choices), required=False)
    consultation_note = serializers.CharField(required=False, allow_blank=True)
    agreed_with_units = serializers.BooleanField(required=False)
    wanted_date = serializers.DateField(required=False, allow_null=True)


class MaterialInput(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    file = serializers.FileField(required=False)
    confidential = serializers.BooleanField(default=False)


class PrerequisiteInput(serializers.Serializer):
    kind = choice_field(Prerequisite.choices)
    done_on = serializers.DateField()
    conclusion = serializers.CharField(required=False, default="", allow_blank=True)


class CongressReportInput(serializers.Serializer):
    reported_on = serializers.DateField()
    note = serializers.CharField(required=False, default="", allow_blank=True)


class TopicOpinionInput(serializers.Serializer):
    opinion = serializers.CharField()


class PlanEntryInput(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    title = serializers.CharField(max_length=200)
    unit = unit_field()
    meeting_class = choice_field(MeetingClass.choices, help_text="1 一类会议，2 二类会议（MTG-8）")
    month = serializers.IntegerField(min_value=1, max_value=12)
    participants = serializers.IntegerField(min_value=0, default=0)
    leader = person_field(required=False, allow_null=True)
    comprehensive = serializers.BooleanField(
        required=False, default=False, help_text="MTG-10 (city profile): 部门综合性工作会议"
    )


class PlanChangeInput(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True)
    month = serializers.IntegerField(min_value=1, max_value=12, required=False, allow_null=True)
    drop = serializers.BooleanField(default=False)


class CompileInput(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)


class CompileResult(serializers.Serializer):
    year = serializers.IntegerField()
    entries = serializers.IntegerField()


class EmergencyReportInput(serializers.Serializer):
    decision = serializers.UUIDField(help_text="the emergency decision reported at this meeting")
    note = serializers.CharField(required=False, default="", allow_blank=True)


class EmergencyDecisionInput(serializers.Serializer):
    decided_by = person_field()
    decided_at = serializers.DateTimeField()
    event = serializers.CharField(max_length=200)
    content = serializers.CharField()
    meeting_type = choice_field(
        [(t.value, t.label) for t in GOVERNMENT_TYPES], default=MeetingType.EXECUTIVE
    )
    major_matter = choice_field(MajorMatter.choices, required=False, default="")


class DocumentMatterInput(serializers.Serializer):
    major_matter = choice_field(
        MajorMatter.choices, allow_blank=True, help_text="empty: the mark is removed"
    )
    topic = serializers.UUIDField(required=False, allow_null=True, default=None)


class DocumentMatterSerializer(serializers.Serializer):
    document = serializers.UUIDField()
    major_matter = serializers.CharField()
    topic = serializers.UUIDField(allow_null=True)
    flags = RuleFlag(many=True)
