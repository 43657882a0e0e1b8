from rest_framework import serializers

from ..models import User


class MeSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="person.name", default="", read_only=True)
    unit = serializers.CharField(source="person.unit.short_name", default="", read_only=True)
    roles = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["uuid", "username", "name", "unit", "roles", "totp_enabled"]
        read_only_fields = fields

    def get_roles(self, obj) -> list[str]:
        return sorted(obj.groups.values_list("profile__code", flat=True))
