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
from zhongshu.outgoing.body import parse_lines
from zhongshu.outgoing.choices import State as OutState
from zhongshu.outgoing.models import OutgoingDocument

from ..choices import CaseKind, CaseState
from ..models import Bulletin, Case
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


def _draft(actor: Any, obj: Any, kind: str, title: str, recipients: str, lines: list[str]):
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
            "body": parse_lines("\n".join(lines)),
            "source": obj,
        },
    )


@service
def draft_case_document(*, actor: Any, case: Case, what: str) -> OutgoingDocument:
    """The case's notice (once it is issued in the ledger) or its report (once written)
    becomes an outgoing draft of the office."""
    officer_of(actor)
    title = _bare(case.title)
    if what == "notice":
        if case.state in (CaseState.REGISTERED, CaseState.APPROVED) and not case.notice:
            raise RuleViolation.single("SUP-3", "请先下发通知并填写通知内容。", status=409)
        document = _draft(
            actor,
            case,
            Kind.NOTICE,
            NOTICE_TITLES[CaseKind(case.kind)].format(t=title),
            UNITS,
            _notice_body(case),
        )
    elif what == "report":
        if case.state != CaseState.REPORTED or not case.report:
            raise RuleViolation.single("SUP-3", "请先形成督查报告。", status=409)
        document = _draft(
            actor,
            case,
            Kind.REPORT,
            REPORT_TITLES[CaseKind(case.kind)].format(t=title),
            REPORT_TO.get(CaseKind(case.kind), "区政府主要领导、分管领导"),
            case.report.splitlines(),
        )
    else:
        raise RuleViolation.single("SUP_INVALID", "未知的文稿类别。", field="what")
    audit(actor, "case_document_drafted", case, after={"what": what, "document": document.uuid})
    return document


@service
def draft_bulletin_document(*, actor: Any, bulletin: Bulletin) -> OutgoingDocument:
    """The bulletin (通报) as an outgoing draft: totals, praise, criticism, the leader's
    instruction; the chart and table stay in the bulletin's .docx (attached by the office)."""
    officer_of(actor)
    if bulletin.state != "draft":
        raise RuleViolation.single("SUP_STATE", "该通报已印发。", status=409)
    lines = []
    if bulletin.leader_instruction:
        lines += [f"领导批示：{bulletin.leader_instruction}"]
    lines += ["一、总体情况", *bulletin.body.splitlines()]
    lines += ["二、通报表扬", bulletin.praise or "无"]
    lines += ["三、通报批评", bulletin.criticism or "无"]
    lines += ["各单位落实情况统计表及图表见附件。"]
    document = _draft(
        actor, bulletin, Kind.BULLETIN, bulletin.title, UNITS, [x for x in lines if x.strip()]
    )
    audit(actor, "bulletin_document_drafted", bulletin, after={"document": document.uuid})
    return document


def issued_number(obj: Case | Bulletin) -> str:
    """The number of the issued document drafted from ``obj`` ("" when none is issued)."""
    document = documents_of(obj).filter(state__in=DONE).exclude(number="").first()
    return document.number if document else ""
