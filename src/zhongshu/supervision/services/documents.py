"""Notices, reports and bulletins go out as documents: the office turns a case's notice
(SUP-3 督查通知, SUP-4 台账通知, SUP-5 转办通知, SUP-6 《督查通知》), a case's report (SUP-3
district report, SUP-4 inspection report, SUP-6 督查报告) or a bulletin into a draft of the
outgoing module (DOC-OUT), linked back by its generic source. From there the outgoing flow
(review, signing, numbering, issuance) is the outgoing module's; a bulletin is marked issued
with the number its document was given."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.utils import timezone

from zhongshu.documents.choices import Kind
from zhongshu.framework.errors import RuleViolation
from zhongshu.framework.services import service
from zhongshu.outgoing import services as outgoing
from zhongshu.outgoing.body import as_lines, image_block, parse_lines, table_block
from zhongshu.outgoing.choices import State as OutState
from zhongshu.outgoing.models import OutgoingDocument

from ..bulletin_document import COLUMNS, UNIT_KEYS, chart_png
from ..choices import BulletinState, CaseKind, CaseState, StepKind
from ..models import Bulletin, Case
from . import cases
from ._common import audit, officer_of

DONE = (OutState.ISSUED, OutState.PUBLISHED)
UNITS = "各街道办事处，区政府各部门、各直属机构"

NOTICE_TITLES = {
    CaseKind.CITY_ONSITE: "关于做好{t}迎检工作的通知",
    CaseKind.CITY_WRITTEN: "关于开展{t}自查工作的通知",
    CaseKind.KEY_WORK: "关于印发《{t}》的通知",
    CaseKind.MEETING: "关于落实{t}议定事项的通知",
    CaseKind.SPECIAL: "关于开展{t}专项督查的通知",
}
REPORT_TITLES = {
    CaseKind.CITY_ONSITE: "关于{t}落实情况的报告",
    CaseKind.CITY_WRITTEN: "关于{t}落实情况的报告",
    CaseKind.KEY_WORK: "关于{t}推进情况的督查报告",
    CaseKind.MEETING: "关于{t}议定事项落实情况的督查报告",
    CaseKind.SPECIAL: "关于{t}专项督查情况的报告",
}
# the district report to the city goes up (上行文); the others go to the district leaders
REPORT_TO = {
    CaseKind.CITY_ONSITE: "市政府督查室",
    CaseKind.CITY_WRITTEN: "市政府督查室",
}
NOTICE_LABELS = {
    "basis": "督查依据",
    "time": "督查时间",
    "targets": "督查对象",
    "content": "督查内容",
    "form": "督查形式",
    "feedback": "反馈方式",
}
NUMERALS = "一二三四五六七八九十"


def documents_of(obj: Case | Bulletin) -> QuerySet[OutgoingDocument]:
    """The outgoing documents drafted from ``obj`` (newest first)."""
    return OutgoingDocument.objects.filter(
        source_type=ContentType.objects.get_for_model(obj), source_id=str(obj.uuid)
    ).order_by("-created_at", "-id")


def _bare(title: str) -> str:
    for prefix in ("关于", "《"):
        title = title.removeprefix(prefix)
    return title.removesuffix("的通知").removesuffix("》")


def _items_lines(case: Case) -> list[str]:
    rows = case.items.select_related("item__lead_unit").order_by("number", "id")[:200]
    lines = []
    for n, s in enumerate(rows, start=1):
        due = timezone.localtime(s.item.due_at).strftime("%Y年%m月%d日")
        lines.append(
            f"{n}. {s.item.subject}（牵头单位：{s.item.lead_unit.short_name}；完成时限：{due}）"
        )
    return lines


def _notice_body(case: Case) -> list[str]:
    notice = case.notice or {}
    lines = []
    if case.kind == CaseKind.SPECIAL:
        n = 0
        for key, label in NOTICE_LABELS.items():
            if str(notice.get(key, "")).strip():
                lines += [f"{NUMERALS[n]}、{label}", str(notice[key]).strip()]
                n += 1
        return lines
    lines += [v.strip() for v in str(notice.get("content") or case.plan or "").splitlines()]
    items = _items_lines(case)
    if items:
        lines += ["请各责任单位按照以下事项抓好落实，并按时报送进展情况：", *items]
    return [line for line in lines if line]


def _draft(
    actor: Any,
    obj: Any,
    kind: str,
    title: str,
    recipients: str,
    lines: list[str],
    blocks: list[dict[str, Any]] | None = None,
):
    if not lines:
        raise RuleViolation.single("SUP-14", "正文为空，请先填写内容。", field="body")
    open_drafts = documents_of(obj).filter(kind=kind).exclude(state=OutState.WITHDRAWN)
    if open_drafts.exists():
        raise RuleViolation.single(
            "SUP_STATE", "已生成发文稿，请在发文模块中办理或撤销后重新生成。", status=409
        )
    return outgoing.create_draft(
        actor=actor,
        data={
            "kind": kind,
            "title": title[:300],
            "main_recipients": recipients,
            "body": blocks if blocks is not None else parse_lines("\n".join(lines)),
            "source": obj,
        },
    )


@service
def draft_case_document(
    *,
    actor: Any,
    case: Case,
    what: str,
    notice: dict[str, str] | None = None,
    report: str = "",
) -> OutgoingDocument:
    """The case's notice or report as an outgoing draft of the office.

    Either recorded first (``issue_case_notice`` / ``submit_case_report``) and drafted
    from the case, or drafted first — the notice's content (``notice``, checked as
    ``issue_case_notice`` checks it) once the case may notify, the report's text
    (``report``) once the findings are collected — and then the notice goes out, or the
    report is done, when the document is issued (``on_outgoing_issued``): its step closes
    then, with the number."""
    officer_of(actor)
    title = _bare(case.title)
    pending = case.state in (CaseState.REGISTERED, CaseState.APPROVED)
    if what == "notice":
        if pending and notice:
            cases.check_notice(case, notice)
            case.notice = {k: str(v).strip() for k, v in notice.items()}
            case.save(update_fields=["notice", "updated_at"])
        elif pending and not case.notice:
            raise RuleViolation.single("SUP-3", "请先填写通知内容。", status=409)
        elif pending:
            cases.check_notice(case, case.notice)
        document = _draft(
            actor,
            case,
            Kind.NOTICE,
            NOTICE_TITLES[CaseKind(case.kind)].format(t=title),
            UNITS,
            _notice_body(case),
        )
    elif what == "report":
        if case.state == CaseState.COLLECTED:
            cases.check_report(case, report)
            text = report.strip()
        elif case.state == CaseState.REPORTED and case.report:
            text = case.report
        else:
            raise RuleViolation.single("SUP-3", "请先汇总督查发现并形成督查报告。", status=409)
        document = _draft(
            actor,
            case,
            Kind.REPORT,
            REPORT_TITLES[CaseKind(case.kind)].format(t=title),
            REPORT_TO.get(CaseKind(case.kind), "区政府主要领导、分管领导"),
            text.splitlines(),
        )
    else:
        raise RuleViolation.single("SUP_INVALID", "未知的文稿类别。", field="what")
    audit(actor, "case_document_drafted", case, after={"what": what, "document": document.uuid})
    return document


def _bulletin_chart(bulletin: Bulletin) -> bytes:
    """The chart generated with the bulletin (redrawn when its file is gone)."""
    if bulletin.chart:
        try:
            with bulletin.chart.open("rb") as chart:
                return chart.read()
        except OSError:
            pass
    return chart_png(bulletin.figures, f"{bulletin.title}：各单位办理情况")


def bulletin_blocks(bulletin: Bulletin) -> list[dict[str, Any]]:
    """The bulletin's body as the outgoing body: the leader's instruction, totals, the
    per-unit table and the chart (the same figures as the bulletin's own .docx), praise
    and criticism."""
    lines = [f"领导批示：{bulletin.leader_instruction}"] if bulletin.leader_instruction else []
    blocks = parse_lines("\n".join([*lines, "一、总体情况", *bulletin.body.splitlines()]))
    rows = [list(COLUMNS)] + [
        [str(row.get(key, "")) for key in UNIT_KEYS] for row in bulletin.figures.get("units", [])
    ]
    blocks += [{"level": 1, "text": "二、各单位落实情况"}, table_block(rows)]
    blocks.append(image_block("chart", _bulletin_chart(bulletin)))
    blocks += parse_lines(
        "\n".join(
            ["三、通报表扬", bulletin.praise or "无", "四、通报批评", bulletin.criticism or "无"]
        )
    )
    return blocks


@service
def draft_bulletin_document(*, actor: Any, bulletin: Bulletin) -> OutgoingDocument:
    """The bulletin (通报) as an outgoing draft: the leader's instruction, totals, the
    per-unit table and the chart in the body, praise and criticism (issue 6: charts
    "embedded as images in the document")."""
    officer_of(actor)
    if bulletin.state != "draft":
        raise RuleViolation.single("SUP_STATE", "该通报已印发。", status=409)
    blocks = bulletin_blocks(bulletin)
    lines = [b["text"] for b in blocks if b.get("text")]
    document = _draft(actor, bulletin, Kind.BULLETIN, bulletin.title, UNITS, lines, blocks)
    audit(actor, "bulletin_document_drafted", bulletin, after={"document": document.uuid})
    return document


def on_outgoing_issued(sender: Any = None, *, document: OutgoingDocument, actor: Any = None, **kw):
    """Receiver of ``outgoing.signals.outgoing_issued`` (inside the issuing transaction): a
    document drafted from a case completes its step — the notice goes out (SUP-3/4/5/6),
    the report is done — and the case keeps the number and time; a bulletin's document
    issues the bulletin with its number."""
    if document.source_type is None or not document.source_id:
        return
    model = document.source_type.model_class()
    if model is Case:
        case = Case.objects.select_for_update().filter(uuid=document.source_id).first()
        if case is not None:
            _case_document_issued(actor, case, document)
    elif model is Bulletin:
        bulletin = Bulletin.objects.select_for_update().filter(uuid=document.source_id).first()
        if bulletin is not None and bulletin.state == BulletinState.DRAFT and document.number:
            from .bulletins import mark_issued

            mark_issued(actor, bulletin, document.number)


def _case_document_issued(actor: Any, case: Case, document: OutgoingDocument) -> None:
    outcome = f"已印发：{document.number}" if document.number else "已印发"
    if document.kind == Kind.NOTICE:
        if case.state in (CaseState.REGISTERED, CaseState.APPROVED):
            cases.notify(actor, case, case.notice, outcome)
        for kind in cases.NOTICE_STEPS:
            cases.close_steps(case, kind, outcome)
        case.notice_number, case.notice_issued_at = document.number, document.issued_at
        fields = ["notice_number", "notice_issued_at"]
    elif document.kind == Kind.REPORT:
        if case.state == CaseState.COLLECTED:
            cases.record_report(actor, case, as_lines(document.body), outcome)
        cases.close_steps(case, StepKind.REPORT, outcome)
        case.report_number, case.report_issued_at = document.number, document.issued_at
        if case.rounds:
            issued = document.issued_at.isoformat() if document.issued_at else ""
            case.rounds[-1] = {**case.rounds[-1], "number": document.number, "issued_at": issued}
        fields = ["report_number", "report_issued_at", "rounds"]
    else:
        return
    case.save(update_fields=[*fields, "updated_at"])
    audit(
        actor,
        "case_document_issued",
        case,
        after={"document": document.uuid, "kind": document.kind, "number": document.number},
    )


def issued_number(obj: Case | Bulletin) -> str:
    """The number of the issued document drafted from ``obj`` ("" when none is issued)."""
    document = documents_of(obj).filter(state__in=DONE).exclude(number="").first()
    return document.number if document else ""
