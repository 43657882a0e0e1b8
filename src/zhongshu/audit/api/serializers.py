from rest_framework import serializers

from ..models import AuditRecord


class AuditRecordSerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditRecord
        fields = [
            "id",
            "occurred_at",
            "event",
            "actor_id",
            "actor_name",
            "on_behalf_of",
            "object_type",
            "object_id",
            "object_repr",
            "before",
            "after",
            "request_id",
            "address",
            "prev_hash",
            "hash",
        ]
        read_only_fields = fields
