"""Bulletins (通报, monthly / quarterly) and the 《督查报告》: generated from the ledger,
edited by the office, issued with its document number.

A bulletin goes out as an outgoing document (``draft_bulletin_document``): issuing that
document issues the bulletin with its number; a bulletin issued on paper outside the system
is issued by the office with a typed, checked number."""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from zhongshu.documents.numbers import check_number
from zhongshu.framework.errors import RuleViolation
from zhongshu.framework.services import save_versioned, service

from ..bulletin_document import chart_png, default_body, docx_bytes, figures
from ..choices import BulletinState, Period
from ..models import Bulletin
from ..periods import bounds, label, periods_in
from ._common import audit, officer_of


def _render(bulletin: Bulletin) -> None:
    """Chart and document rewritten from the bulletin's figures and text."""
    chart = chart_png(bulletin.figures, f"{bulletin.title}：各单位办理情况")
    name = f"{bulletin.period}-{bulletin.period_start:%Y%m%d}"
    bulletin.chart.save(f"{name}.png", ContentFile(chart), save=False)
    bulletin.document.save(f"{name}.docx", ContentFile(docx_bytes(bulletin, chart)), save=False)


@service
def generate_bulletin(
    *, actor: Any, period: str, year: int, number: int, leader_instruction: str = ""
) -> Bulletin:
    """A draft for the month, quarter or year (SUP-7 monthly, SUP-11 quarterly, SUP-4 the
    year-end assessment)."""
    officer = officer_of(actor)
    if period not in Period.values:
        raise RuleViolation.single("SUP-11", "请选择月度、季度或年度。", field="period")
    limit = periods_in(period)
    if not 1 <= int(number) <= limit:
        raise RuleViolation.single("SUP_INVALID", "期次超出范围。", field="number")
    start, end = bounds(period, int(year), int(number))
    data = figures(start, end)
    title = f"关于{label(period, start)}督查督办落实情况的通报"
    bulletin = Bulletin(
        period=period,
        period_start=start,
        period_end=end,
        title=title,
        figures=data,
        body=default_body(label(period, start), data),
        praise="、".join(data["praise"]),
        criticism="、".join(data["criticism"]),
        leader_instruction=leader_instruction.strip(),
        created_by=officer,
    )
    _render(bulletin)
    bulletin.save()
    audit(actor, "bulletin_generated", bulletin, after={"period": period, "start": str(start)})
    return bulletin


@service
def edit_bulletin(
    *,
    actor: Any,
    bulletin: Bulletin,
    title: str,
    body: str,
    praise: str,
    criticism: str,
    leader_instruction: str,
    expected_version: int | None = None,
) -> None:
    officer_of(actor)
    if bulletin.state != BulletinState.DRAFT:
        raise RuleViolation.single("SUP_STATE", "已印发的通报不能修改。", status=409)
    if not title.strip() or not body.strip():
        raise RuleViolation.single("SUP-14", "通报标题和正文不能为空。", field="body")
    bulletin.title, bulletin.body = title.strip(), body.strip()
    bulletin.praise, bulletin.criticism = praise.strip(), criticism.strip()
    bulletin.leader_instruction = leader_instruction.strip()
    _render(bulletin)
    fields = ["title", "body", "praise", "criticism", "leader_instruction", "chart", "document"]
    save_versioned(bulletin, expected_version=expected_version, fields=fields)
    audit(actor, "bulletin_edited", bulletin)


@service
def issue_bulletin(*, actor: Any, bulletin: Bulletin, document_number: str = "") -> None:
    """Marked issued with the number of its outgoing document once that is issued
    (``draft_bulletin_document``); a number typed by the office must be that number when
    there is one (a bulletin issued on paper outside the system keeps the typed one)."""
    from .documents import issued_number

    officer_of(actor)
    if bulletin.state != BulletinState.DRAFT:
        raise RuleViolation.single("SUP_STATE", "该通报已印发。", status=409)
    linked = issued_number(bulletin)
    document_number = document_number.strip() or linked
    if not document_number:
        raise RuleViolation.single(
            "DOC-OUT-18", "通报的发文稿尚未印发编号。", field="document_number", status=409
        )
    if linked and document_number != linked:
        raise RuleViolation.single(
            "DOC-OUT-18", f"文号应为发文稿的文号“{linked}”。", field="document_number"
        )
    checked = check_number(document_number)
    if checked.number is None or checked.problems:
        message = "；".join(checked.problems) or "文号格式不正确。"
        raise RuleViolation.single("DOC-OUT-18", message, field="document_number")
    mark_issued(actor, bulletin, str(checked.number))


def mark_issued(actor: Any, bulletin: Bulletin, number: str) -> None:
    """Issued with ``number``: by the office (``issue_bulletin``) or when its outgoing
    document is issued (``documents.on_outgoing_issued``, the number the series gave)."""
    bulletin.document_number = number
    bulletin.state, bulletin.issued_at = BulletinState.ISSUED, timezone.now()
    _render(bulletin)
    bulletin.save()
    audit(actor, "bulletin_issued", bulletin, after={"number": bulletin.document_number})
