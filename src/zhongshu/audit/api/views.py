from rest_framework import viewsets
from rest_framework.pagination import CursorPagination

from ..filtersets import AuditRecordFilterSet
from ..models import AuditRecord
from ..policies import IsAuditor
from .serializers import AuditRecordSerializer


class AuditCursorPagination(CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    ordering = ("-id",)


class AuditRecordViewSet(viewsets.ReadOnlyModelViewSet):
    """The audit trail, newest first, for the auditor only (the default API permission
    admits business users, who must never read it)."""

    queryset = AuditRecord.objects.all()
    serializer_class = AuditRecordSerializer
    permission_classes = [IsAuditor]
    pagination_class = AuditCursorPagination
    filterset_class = AuditRecordFilterSet
