"""API shapes of the ledger engine. Related objects are read from ``select_related``
columns (no query per row); actions take small input serializers."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from zhongshu.org.models import Person, Unit

from .. import registry
from ..choices import ChaseMethod, ExtensionUnit, Priority, ReportCadence, Urgency
from ..models import Chase, Extension, Notification, ProgressReport, ReadRequest, TrackedItem
from ..views_common import holder_label


@extend_schema_field(
    {
        "type": "object",
        "nullable": True,
        "properties": {"uuid": {"type": "string", "format": "uuid"}, "name": {"type": "string"}},
    }
)
class RefField(serializers.Field):
    """A related person or unit as {uuid, name}, or null."""

    def __init__(self, name_attr: str = "name", **kwargs):
        self.name_attr = name_attr
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return getattr(instance, self.source, None)

    def to_representation(self, value):
        return {"uuid": str(value.uuid), "name": getattr(value, self.name_attr)}


class TrackedItemSerializer(serializers.ModelSerializer):
    kind_label = serializers.SerializerMethodField()
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    colour_label = serializers.CharField(source="get_colour_display", read_only=True)
    lead_unit = RefField("short_name", allow_null=True)
    responsible = RefField(allow_null=True)
    holder = serializers.SerializerMethodField()
    basis_label = serializers.CharField(read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = TrackedItem
        fields = [
            "uuid",
            "subject",
            "kind",
            "kind_label",
            "state",
            "state_label",
            "state_changed_at",
            "colour",
            "colour_label",
            "was_overdue",
            "is_key",
            "lead_unit",
            "responsible",
            "holder",
            "urgency",
            "priority",
            "due_at",
            "legal_due_at",
            "provisional",
            "basis",
            "basis_label",
            "deadline",
            "suspended_at",
            "percent",
            "report_cadence",
            "report_due_at",
            "chase_step",
            "created_at",
            "closed_at",
            "version",
            "url",
        ]
        read_only_fields = fields

    def get_kind_label(self, obj) -> str:
        return registry.kind_of(obj.kind).label

    def get_holder(self, obj) -> str:
        return holder_label(obj)

    def get_url(self, obj) -> str:
        return registry.kind_of(obj.kind).url_of(obj)

    def to_representation(self, obj):
        """The declared fields above (the OpenAPI schema reads them), written out by hand:
        DRF's field-by-field machinery cost more than the query on a page of 20 rows.
        ``test_item_shape_by_hand_equals_the_declared_fields`` keeps the two the same."""
        kind = registry.kind_of(obj.kind)
        when = _DATETIME.to_representation
        return {
            "uuid": str(obj.uuid),
            "subject": obj.subject,
            "kind": obj.kind,
            "kind_label": kind.label,
            "state": obj.state,
            "state_label": obj.get_state_display(),
            "state_changed_at": when(obj.state_changed_at) if obj.state_changed_at else None,
            "colour": obj.colour,
            "colour_label": obj.get_colour_display(),
            "was_overdue": obj.was_overdue,
            "is_key": obj.is_key,
            "lead_unit": _ref(obj.lead_unit, "short_name") if obj.lead_unit_id else None,
            "responsible": _ref(obj.responsible, "name") if obj.responsible_id else None,
            "holder": holder_label(obj),
            "urgency": obj.urgency,
            "priority": obj.priority,
            "due_at": when(obj.due_at) if obj.due_at else None,
            "legal_due_at": when(obj.legal_due_at) if obj.legal_due_at else None,
            "provisional": obj.provisional,
            "basis": obj.basis,
            "basis_label": obj.basis_label,
            "deadline": obj.deadline,
            "suspended_at": when(obj.suspended_at) if obj.suspended_at else None,
            "percent": obj.percent,
            "report_cadence": obj.report_cadence,
            "report_due_at": when(obj.report_due_at) if obj.report_due_at else None,
            "chase_step": obj.chase_step,
            "created_at": when(obj.created_at) if obj.created_at else None,
            "closed_at": when(obj.closed_at) if obj.closed_at else None,
            "version": obj.version,
            "url": kind.url_of(obj),
        }


_DATETIME = serializers.DateTimeField()  # DRF's format: ISO 8601 in the current time zone


def _ref(obj, name_attr: str) -> dict:
    return {"uuid": str(obj.uuid), "name": getattr(obj, name_attr)}


class ReportSerializer(serializers.ModelSerializer):
    reporter = RefField(allow_null=True)
    on_behalf_of = RefField(allow_null=True)
    attachments = serializers.SerializerMethodField()

    class Meta:
        model = ProgressReport
        fields = [
            "uuid",
            "reporter",
            "on_behalf_of",
            "text",
            "percent",
            "reported_at",
            "late",
            "attachments",
        ]

    def get_attachments(self, obj) -> list[dict]:
        return [{"name": a.name, "size": a.size, "url": a.file.url} for a in obj.attachments.all()]


class ChaseSerializer(serializers.ModelSerializer):
    chaser = RefField(allow_null=True)
    on_behalf_of = RefField(allow_null=True)
    target = RefField(allow_null=True)
    item = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    subject = serializers.CharField(source="item.subject", read_only=True)

    class Meta:
        model = Chase
        fields = [
            "uuid",
            "item",
            "subject",
            "chaser",
            "on_behalf_of",
            "target",
            "method",
            "message",
            "chased_at",
            "step",
            "answer",
            "answered_at",
        ]


class ExtensionSerializer(serializers.ModelSerializer):
    requested_by = RefField(allow_null=True)
    decided_by = RefField(allow_null=True)
    item = serializers.SlugRelatedField(slug_field="uuid", read_only=True)

    class Meta:
        model = Extension
        fields = [
            "uuid",
            "item",
            "requested_by",
            "reason",
            "amount",
            "unit",
            "status",
            "decided_by",
            "decided_at",
            "opinion",
            "old_due_at",
            "new_due_at",
        ]


class TrackedItemDetailSerializer(TrackedItemSerializer):
    creator = RefField(allow_null=True)
    approver = RefField(allow_null=True)
    reports = ReportSerializer(many=True, read_only=True)
    chases = ChaseSerializer(many=True, read_only=True)
    extensions = ExtensionSerializer(many=True, read_only=True)

    class Meta(TrackedItemSerializer.Meta):
        fields = [
            *TrackedItemSerializer.Meta.fields,
            "creator",
            "approver",
            "target",
            "tasks",
            "responsibilities",
            "measures",
            "results",
            "outcome",
            "reports",
            "chases",
            "extensions",
        ]
        read_only_fields = fields


class NotificationSerializer(serializers.ModelSerializer):
    item = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    on_behalf_of = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ["uuid", "verb", "text", "link", "item", "created_at", "read_at", "on_behalf_of"]

    def get_on_behalf_of(self, obj) -> str | None:
        """代: the notification belongs to someone the reader acts for."""
        me = self.context.get("me_id")
        return obj.recipient.name if me is not None and obj.recipient_id != me else None


class ReadRequestSerializer(serializers.ModelSerializer):
    requested_by = RefField(allow_null=True)
    item = serializers.SlugRelatedField(slug_field="uuid", read_only=True)

    class Meta:
        model = ReadRequest
        fields = ["uuid", "subject", "link", "item", "requested_by", "requested_at", "read_at"]


# --- action inputs ----------------------------------------------------------------------------
def _people():
    return Person.objects.filter(archived_at__isnull=True)


def _units():
    return Unit.objects.filter(archived_at__isnull=True)


class EmptyInput(serializers.Serializer):
    pass


class ReportInput(serializers.Serializer):
    text = serializers.CharField(allow_blank=True)
    percent = serializers.IntegerField(min_value=0, max_value=100)
    attachments = serializers.ListField(child=serializers.FileField(), required=False, default=list)


class OutcomeInput(serializers.Serializer):
    outcome = serializers.CharField(allow_blank=True)
    results = serializers.ListField(
        child=serializers.CharField(), required=False, allow_null=True, default=None
    )


class OpinionInput(serializers.Serializer):
    opinion = serializers.CharField(allow_blank=True, max_length=500)


class ReasonInput(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True, max_length=300)


class ExtensionInput(serializers.Serializer):
    amount = serializers.IntegerField(min_value=1, max_value=365)
    unit = serializers.ChoiceField(
        choices=ExtensionUnit.choices, default=ExtensionUnit.WORKING_DAYS
    )
    reason = serializers.CharField(allow_blank=True, max_length=500)


class ChaseInput(serializers.Serializer):
    method = serializers.ChoiceField(
        choices=[c for c in ChaseMethod.choices if c[0] != ChaseMethod.SYSTEM]
    )
    message = serializers.CharField(allow_blank=True, required=False, default="", max_length=500)


class ReassignInput(serializers.Serializer):
    lead_unit = serializers.SlugRelatedField(
        slug_field="uuid", queryset=_units(), required=False, allow_null=True, default=None
    )
    responsible = serializers.SlugRelatedField(
        slug_field="uuid", queryset=_people(), required=False, allow_null=True, default=None
    )


class ListsInput(serializers.Serializer):
    target = serializers.CharField(allow_blank=True, required=False, default="")
    tasks = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    responsibilities = serializers.ListField(
        child=serializers.CharField(), required=False, default=list
    )
    measures = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    results = serializers.ListField(child=serializers.CharField(), required=False, default=list)


class AnswerInput(serializers.Serializer):
    answer = serializers.CharField(allow_blank=True)


class DecisionInput(serializers.Serializer):
    approve = serializers.BooleanField()
    opinion = serializers.CharField(allow_blank=True, max_length=500)


class TaskInput(serializers.Serializer):
    """A task assigned directly (交办事项)."""

    subject = serializers.CharField(max_length=300)
    lead_unit = serializers.SlugRelatedField(slug_field="uuid", queryset=_units())
    responsible = serializers.SlugRelatedField(
        slug_field="uuid", queryset=_people(), required=False, allow_null=True, default=None
    )
    amount = serializers.IntegerField(min_value=1, max_value=365)
    unit = serializers.ChoiceField(
        choices=ExtensionUnit.choices, default=ExtensionUnit.WORKING_DAYS
    )
    priority = serializers.ChoiceField(choices=Priority.choices, default=Priority.NORMAL)
    urgency = serializers.ChoiceField(choices=Urgency.choices, default=Urgency.NORMAL)
    report_cadence = serializers.ChoiceField(
        choices=ReportCadence.choices, default=ReportCadence.NONE
    )
    target = serializers.CharField(allow_blank=True, required=False, default="")


ACTION_INPUTS = {
    "start": EmptyInput,
    "report": ReportInput,
    "request-closeout": OutcomeInput,
    "approve-closeout": OpinionInput,
    "refuse-closeout": OpinionInput,
    "close": OutcomeInput,
    "cancel": ReasonInput,
    "request-extension": ExtensionInput,
    "suspend": ReasonInput,
    "resume": EmptyInput,
    "chase": ChaseInput,
    "reassign": ReassignInput,
    "lists": ListsInput,
}
