"""API shapes of incoming documents. Related names come from ``select_related``;
action inputs are small serializers naming units and people by uuid."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from zhongshu.documents.choices import Classification, Kind, Urgency
from zhongshu.org.models import Person, Unit
from zhongshu.tracking.api.serializers import RefField

from ..choices import Decision, DirectException, HandlingMode
from ..models import Circulation, HandlingTask, IncomingDocument, IncomingFile, Instruction


class DocumentSerializer(serializers.ModelSerializer):
    state = serializers.CharField(read_only=True, help_text="收文状态（DocState）")
    kind = serializers.CharField(read_only=True, help_text="文种（Kind）")
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    sender = serializers.CharField(source="sender_label", read_only=True)
    sender_unit = RefField("short_name", allow_null=True)
    lead_unit = RefField("short_name", allow_null=True)

    class Meta:
        model = IncomingDocument
        fields = [
            "uuid",
            "register_number",
            "state",
            "state_label",
            "received_at",
            "sender",
            "sender_unit",
            "sender_number",
            "number_problems",
            "title",
            "kind",
            "kind_label",
            "classification",
            "urgency",
            "copies",
            "pages",
            "lead_unit",
            "result",
            "reply_number",
            "completed_at",
            "version",
        ]


class InstructionSerializer(serializers.ModelSerializer):
    leader = RefField()
    state = serializers.CharField(
        read_only=True, help_text="waiting / pending / done / passed_on / cancelled"
    )
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    due_at = serializers.DateTimeField(
        source="item.due_at", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = Instruction
        fields = [
            "uuid",
            "position",
            "leader",
            "state",
            "state_label",
            "decision",
            "opinion",
            "signature",
            "acted_at",
            "due_at",
        ]


class TaskSerializer(serializers.ModelSerializer):
    unit = RefField("short_name")
    role = serializers.CharField(read_only=True, help_text="lead / cooperating")
    state = serializers.CharField(read_only=True, help_text="open / done / cancelled")
    item = serializers.UUIDField(source="item.uuid", read_only=True, allow_null=True, default=None)
    due_at = serializers.DateTimeField(
        source="current_due_at", read_only=True, help_text="办理时限（含已批准的延期）"
    )

    class Meta:
        model = HandlingTask
        fields = [
            "uuid",
            "unit",
            "role",
            "state",
            "due_at",
            "basis",
            "result",
            "done_by",
            "done_at",
            "item",
        ]


class CirculationSerializer(serializers.ModelSerializer):
    reader = RefField()
    read_at = serializers.DateTimeField(read_only=True, allow_null=True)

    class Meta:
        model = Circulation
        fields = ["uuid", "position", "reader", "in_order", "sent_at", "read_at"]


class FileSerializer(serializers.ModelSerializer):
    role = serializers.CharField(read_only=True, help_text="main / attachment")

    class Meta:
        model = IncomingFile
        fields = [
            "uuid",
            "role",
            "name",
            "size",
            "file_type",
            "extraction_failed",
            "extraction_note",
        ]


class DocumentDetailSerializer(DocumentSerializer):
    instructions = InstructionSerializer(many=True, read_only=True)
    tasks = TaskSerializer(many=True, read_only=True)
    circulations = CirculationSerializer(many=True, read_only=True)
    files = FileSerializer(many=True, read_only=True)
    duplicate_of = serializers.UUIDField(
        source="duplicate_of.uuid", read_only=True, allow_null=True, default=None
    )
    reply_outgoing = serializers.SerializerMethodField(help_text="答复所用发文")
    ledger_items = serializers.SerializerMethodField(help_text="列入发文清单的事项（DOC-IN-15）")

    @extend_schema_field(
        {
            "type": "object",
            "nullable": True,
            "properties": {
                "uuid": {"type": "string"},
                "number": {"type": "string"},
                "title": {"type": "string"},
            },
        }
    )
    def get_reply_outgoing(self, doc) -> dict | None:
        from ..services.handling import reply_document

        found = reply_document(doc)
        if found is None:
            return None
        return {"uuid": str(found.uuid), "number": found.number, "title": found.title}

    @extend_schema_field(
        {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "uuid": {"type": "string"},
                    "subject": {"type": "string"},
                    "due_at": {"type": "string"},
                    "state": {"type": "string"},
                },
            },
        }
    )
    def get_ledger_items(self, doc) -> list[dict]:
        from ..services.handling import ledger_items

        return [
            {
                "uuid": str(i.uuid),
                "subject": i.subject,
                "due_at": i.due_at.isoformat() if i.due_at else None,
                "state": i.state,
            }
            for i in ledger_items(doc)
        ]

    class Meta(DocumentSerializer.Meta):
        fields = [
            *DocumentSerializer.Meta.fields,
            "secrecy_period",
            "signer",
            "contact_person",
            "contact_phone",
            "electronic_received",
            "review_findings",
            "mode",
            "proposal",
            "return_reason",
            "return_approved_by",
            "reply_text",
            "reply_outgoing",
            "ledger_items",
            "duplicate_of",
            "instructions",
            "tasks",
            "circulations",
            "files",
        ]


@extend_schema_field(
    {"type": "string", "description": "文种（15种之一）：" + ", ".join(Kind.values)}
)
class KindField(serializers.ChoiceField):
    """文种, described inline (the shared Kind enum keeps no component name of its own)."""

    def __init__(self, **kwargs):
        super().__init__(choices=Kind.choices, **kwargs)


def units():
    return serializers.SlugRelatedField(slug_field="uuid", queryset=Unit.objects.all())


def people():
    return serializers.SlugRelatedField(slug_field="uuid", queryset=Person.objects.all())


class RegisterInput(serializers.Serializer):
    draft = serializers.BooleanField(default=False, help_text="true：只保存草稿")
    allow_duplicate = serializers.BooleanField(default=False)
    paper_reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="填写则只登记纸质办理记录（如密级超出本系统可处理的范围），不保存文件",
    )
    sender_unit = serializers.SlugRelatedField(
        slug_field="uuid", queryset=Unit.objects.all(), required=False, allow_null=True
    )
    sender_name = serializers.CharField(required=False, allow_blank=True, max_length=120)
    sender_number = serializers.CharField(required=False, allow_blank=True, max_length=60)
    title = serializers.CharField(required=False, allow_blank=True, max_length=300)
    kind = KindField(required=False, allow_blank=True)
    classification = serializers.ChoiceField(
        choices=Classification.choices, default=Classification.NONE
    )
    secrecy_period = serializers.CharField(required=False, allow_blank=True, max_length=40)
    urgency = serializers.ChoiceField(choices=Urgency.choices, default=Urgency.NORMAL)
    received_at = serializers.DateTimeField(required=False)
    copies = serializers.IntegerField(min_value=1, default=1)
    pages = serializers.IntegerField(min_value=0, default=0)
    signer = serializers.CharField(required=False, allow_blank=True, max_length=40)
    contact_person = serializers.CharField(required=False, allow_blank=True, max_length=40)
    contact_phone = serializers.CharField(required=False, allow_blank=True, max_length=40)
    electronic_received = serializers.BooleanField(default=True)
    needed_by = serializers.DateField(required=False, allow_null=True)
    own_due_date = serializers.DateField(required=False, allow_null=True)
    main_file = serializers.FileField(required=False)
    attachments = serializers.ListField(child=serializers.FileField(), required=False)


class UpdateInput(serializers.Serializer):
    sender_number = serializers.CharField(required=False, allow_blank=True, max_length=60)
    title = serializers.CharField(required=False, max_length=300)
    kind = KindField(required=False)
    urgency = serializers.ChoiceField(choices=Urgency.choices, required=False)
    signer = serializers.CharField(required=False, allow_blank=True, max_length=40)
    contact_person = serializers.CharField(required=False, allow_blank=True, max_length=40)
    contact_phone = serializers.CharField(required=False, allow_blank=True, max_length=40)


class ReviewInput(serializers.Serializer):
    matter_count = serializers.IntegerField(min_value=1, required=False)
    carries_request = serializers.BooleanField(required=False)
    request_to_issue = serializers.BooleanField(required=False)
    materials = serializers.ListField(child=serializers.CharField(), required=False)
    party_matter = serializers.BooleanField(required=False)
    skipped_level = serializers.BooleanField(required=False)
    skipped_copied = serializers.BooleanField(required=False)
    emergency_direct = serializers.BooleanField(required=False)
    addressed_leader = serializers.SlugRelatedField(
        slug_field="uuid", queryset=Person.objects.all(), required=False, allow_null=True
    )
    direct_exception = serializers.ChoiceField(
        choices=DirectException.choices, required=False, allow_blank=True
    )
    also_sent_to = serializers.CharField(required=False, allow_blank=True)
    needed_by = serializers.DateField(required=False, allow_null=True)
    pre_announced = serializers.BooleanField(required=False)
    electronic_received = serializers.BooleanField(required=False)
    electronic_consistent = serializers.BooleanField(required=False)


class ReturnInput(ReviewInput):
    reason = serializers.CharField()
    approver = serializers.SlugRelatedField(
        slug_field="uuid", queryset=Person.objects.all(), required=False, allow_null=True
    )


class ReturnDecisionInput(serializers.Serializer):
    approve = serializers.BooleanField()
    opinion = serializers.CharField(required=False, allow_blank=True, default="")


class ProposalInput(serializers.Serializer):
    mode = serializers.ChoiceField(choices=HandlingMode.choices)
    proposal = serializers.CharField()
    leaders = serializers.ListField(
        child=people(), required=False, default=list, help_text="按呈批顺序"
    )
    lead_unit = serializers.SlugRelatedField(
        slug_field="uuid", queryset=Unit.objects.all(), required=False, allow_null=True
    )
    cooperating_units = serializers.ListField(child=units(), required=False, default=list)
    readers = serializers.ListField(child=people(), required=False, default=list)
    in_order = serializers.BooleanField(default=False)
    difficult = serializers.BooleanField(required=False)
    needs_consultation = serializers.BooleanField(required=False)
    needs_implementation = serializers.BooleanField(required=False)
    important = serializers.BooleanField(required=False)
    own_due_date = serializers.DateField(required=False, allow_null=True)


class InstructInput(serializers.Serializer):
    decision = serializers.ChoiceField(choices=Decision.choices)
    opinion = serializers.CharField(required=False, allow_blank=True, default="")
    add_units = serializers.ListField(child=units(), required=False, default=list)
    pass_to = serializers.SlugRelatedField(
        slug_field="uuid", queryset=Person.objects.all(), required=False, allow_null=True
    )


class ReportInput(serializers.Serializer):
    task = serializers.UUIDField()
    result = serializers.CharField()
    reply_number = serializers.CharField(required=False, allow_blank=True, default="")
    reply_text = serializers.CharField(required=False, allow_blank=True, default="")


class CirculateInput(serializers.Serializer):
    readers = serializers.ListField(child=people())
    in_order = serializers.BooleanField(default=False)


class ReadInput(serializers.Serializer):
    circulation = serializers.UUIDField()


class CompleteInput(serializers.Serializer):
    result = serializers.CharField()


class ReplyInput(serializers.Serializer):
    reply_number = serializers.CharField(required=False, allow_blank=True, default="")
    reply_text = serializers.CharField(required=False, allow_blank=True, default="")
    outgoing = serializers.UUIDField(
        required=False, allow_null=True, default=None, help_text="答复所用发文（已印发）的 uuid"
    )


class EmptyInput(serializers.Serializer):
    pass


class FileInput(serializers.Serializer):
    file = serializers.FileField()
    role = serializers.ChoiceField(
        choices=[("main", "正文"), ("attachment", "附件")], default="attachment"
    )
