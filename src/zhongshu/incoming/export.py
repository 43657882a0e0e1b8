"""The register as an Excel workbook (openpyxl write-only: constant memory)."""

from __future__ import annotations

from django.utils import timezone

from zhongshu.documents.choices import Classification, Kind, Urgency
from zhongshu.tracking.export import local, workbook_response

from .choices import DocState

HEADER = (
    "收文编号",
    "收文时间",
    "来文单位",
    "来文字号",
    "标题",
    "文种",
    "密级",
    "紧急程度",
    "份数",
    "状态",
    "主办单位",
    "拟办意见",
    "办理结果",
    "答复文号",
    "办结时间",
)
COLUMNS = (
    "register_number",
    "received_at",
    "sender_name",
    "sender_number",
    "title",
    "kind",
    "classification",
    "urgency",
    "copies",
    "state",
    "lead_unit__short_name",
    "proposal",
    "result",
    "reply_number",
    "completed_at",
)


def _labels(choices) -> dict[str, str]:
    return {value: str(label) for value, label in choices.choices}


def rows(queryset):
    kinds, states = _labels(Kind), _labels(DocState)
    levels, urgencies = _labels(Classification), _labels(Urgency)
    for r in queryset.values_list(*COLUMNS).iterator(chunk_size=2000):
        yield [
            r[0],
            local(r[1]),
            r[2],
            r[3],
            r[4],
            kinds.get(r[5], r[5]),
            levels.get(r[6], r[6]),
            urgencies.get(r[7], r[7]),
            r[8],
            states.get(r[9], r[9]),
            r[10] or "",
            r[11],
            r[12],
            r[13],
            local(r[14]),
        ]


def documents_workbook(queryset):
    stamp = timezone.localtime().strftime("%Y%m%d")
    return workbook_response(f"incoming-{stamp}", "收文登记簿", HEADER, rows(queryset))
