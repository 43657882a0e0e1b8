"""The checks of registration (DOC-IN-3) and first review (DOC-IN-2, 4, 5, 6, 7, 9).
Each returns findings naming their rule: ``block`` findings refuse the step (a document
failing review is returned, DOC-IN-8); ``warn`` findings are recorded and shown."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.utils import timezone

from zhongshu.clock import engine
from zhongshu.documents.choices import Kind, Urgency
from zhongshu.framework.errors import Violation
from zhongshu.org.choices import UnitKind
from zhongshu.org.services.lookups import principal_of
from zhongshu.rules import catalogue

from .models import IncomingDocument

BLOCK, WARN = "block", "warn"
# Senders whose submissions are 上报的公文 (DOC-IN-3, 6): the units below the government.
SUBORDINATE = {
    UnitKind.DEPARTMENT,
    UnitKind.SUBDISTRICT,
    UnitKind.DIRECT_UNIT,
    UnitKind.COMPANY,
    UnitKind.COORDINATING_BODY,
}


@dataclass(frozen=True)
class Finding:
    rule: str
    message: str
    level: str = BLOCK
    field: str = ""

    def as_dict(self) -> dict:
        return asdict(self)

    def violation(self) -> Violation:
        return Violation(self.rule, self.message, self.field or None)


def is_submission(doc: IncomingDocument) -> bool:
    return doc.sender_unit is not None and doc.sender_unit.kind in SUBORDINATE


# --- registration ----------------------------------------------------------------------
def doc_in_3(doc: IncomingDocument) -> list[Finding]:
    """A submission names its signer, a contact person and a phone number."""
    if not is_submission(doc):
        return []
    names = {"signer": "签发人", "contact_person": "联系人", "contact_phone": "联系电话"}
    missing = [label for name, label in names.items() if not getattr(doc, name).strip()]
    if missing:
        field = next(n for n, label in names.items() if label == missing[0])
        return [Finding("DOC-IN-3", f"上报公文须注明{'、'.join(missing)}。", BLOCK, field)]
    return []


def doc_in_3_principal(doc: IncomingDocument) -> list[Finding]:
    """The signer should be the unit's principal (主要负责人签发): a warning at review."""
    if not is_submission(doc) or not doc.signer.strip():
        return []
    principal = principal_of(doc.sender_unit)
    if principal is not None and principal.name != doc.signer.strip():
        return [
            Finding(
                "DOC-IN-3",
                f"签发人“{doc.signer}”不是{doc.sender_label}主要负责人（{principal.name}）。",
                WARN,
                "signer",
            )
        ]
    return []


# --- first review ----------------------------------------------------------------------
def doc_in_2(doc: IncomingDocument) -> list[Finding]:
    if doc.kind == Kind.REQUEST and doc.matter_count > 1:
        return [
            Finding(
                "DOC-IN-2",
                f"请示应当一文一事，本件请示了{doc.matter_count}个事项。",
                BLOCK,
                "matter_count",
            )
        ]
    if doc.kind != Kind.REQUEST and doc.carries_request:
        label = Kind(doc.kind).label if doc.kind else "公文"
        return [Finding("DOC-IN-2", f"{label}不得夹带请示事项。", BLOCK, "carries_request")]
    return []


def doc_in_4(doc: IncomingDocument) -> list[Finding]:
    if catalogue.param("DOC-IN-4", "require_electronic") and not doc.electronic_received:
        return [Finding("DOC-IN-4", "未同步报送电子版。", WARN, "electronic_received")]
    if not doc.electronic_consistent:
        return [Finding("DOC-IN-4", "电子版与纸质版内容不一致。", BLOCK, "electronic_consistent")]
    return []


def doc_in_5(doc: IncomingDocument) -> list[Finding]:
    """A request to issue a document states and attaches the whole material list."""
    if not doc.request_to_issue:
        return []
    have = set(doc.materials or [])
    missing = [
        name
        for group in ("statements", "attachments")
        for name in catalogue.param("DOC-IN-5", group)
        if name not in have
    ]
    if missing:
        return [
            Finding("DOC-IN-5", f"提请发文材料不全，缺：{'、'.join(missing)}。", BLOCK, "materials")
        ]
    return []


def doc_in_6(doc: IncomingDocument) -> list[Finding]:
    found = []
    unit = doc.sender_unit
    if doc.party_matter:
        found.append(
            Finding(
                "DOC-IN-6",
                "属于党委职权范围的事项，应以党委（党组）名义向区委报文。",
                BLOCK,
                "party_matter",
            )
        )
    if doc.skipped_level and not doc.skipped_copied:
        found.append(Finding("DOC-IN-6", "越级报文，未抄送被越过的部门。", BLOCK, "skipped_level"))
    if unit is not None and unit.kind == UnitKind.COORDINATING_BODY and unit.host_id:
        found.append(
            Finding(
                "DOC-IN-6",
                f"议事协调机构应由其办公室所在部门（{unit.host}）报文。",
                BLOCK,
                "sender_unit",
            )
        )
    elif unit is not None and unit.parent_id and unit.parent.kind == UnitKind.DEPARTMENT:
        if doc.emergency_direct:
            found.append(
                Finding(
                    "DOC-IN-6",
                    f"紧急情况直接报送，应同时报主管部门（{unit.parent}）。",
                    WARN,
                    "sender_unit",
                )
            )
        else:
            found.append(
                Finding(
                    "DOC-IN-6",
                    f"部门管理的机构应由主管部门（{unit.parent}）报文。",
                    BLOCK,
                    "sender_unit",
                )
            )
    return found


def doc_in_7(doc: IncomingDocument) -> list[Finding]:
    found = []
    if doc.addressed_leader_id and not doc.direct_exception:
        found.append(
            Finding(
                "DOC-IN-7",
                f"不得以单位名义直接向领导同志个人（{doc.addressed_leader}）报文。",
                BLOCK,
                "addressed_leader",
            )
        )
    if doc.also_sent_to.strip():
        found.append(
            Finding(
                "DOC-IN-7",
                f"多头报送（同时报送：{doc.also_sent_to.strip()}）。",
                BLOCK,
                "also_sent_to",
            )
        )
    return found


def doc_in_9(doc: IncomingDocument) -> list[Finding]:
    """Leaders get time: 10 working days before the date needed, urgent ones 5."""
    found = []
    if doc.urgency == Urgency.EXTRA_URGENT and not doc.pre_announced:
        found.append(
            Finding("DOC-IN-9", "特急件未事先与区政府办公室沟通说明。", WARN, "pre_announced")
        )
    if not doc.needed_by or not doc.received_at:
        return found
    urgent = doc.urgency != Urgency.NORMAL
    need = int(catalogue.param("DOC-IN-9", "urgent_lead_days" if urgent else "lead_days"))
    received = timezone.localtime(doc.received_at).date()
    left = engine.working_days_between(received, doc.needed_by) if doc.needed_by > received else 0
    if left < need:
        found.append(
            Finding(
                "DOC-IN-9",
                f"距需办结日期仅{left}个工作日，少于应预留的{need}个工作日。",
                WARN,
                "needed_by",
            )
        )
    return found


REVIEW_CHECKS = (
    doc_in_2,
    doc_in_3,
    doc_in_3_principal,
    doc_in_4,
    doc_in_5,
    doc_in_6,
    doc_in_7,
    doc_in_9,
)


def review(doc: IncomingDocument) -> list[Finding]:
    return [finding for check in REVIEW_CHECKS for finding in check(doc)]


def blocking(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.level == BLOCK]
