"""Registration (登记, DOC-IN-1, 3, 4): a draft may be half filled; registering checks
what a register needs, numbers the document, catches the same sender and number
registered twice, and refuses what this deployment may not hold (classification)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Max, Q
from django.utils import timezone

from zhongshu.documents import files as document_files
from zhongshu.documents import numbers
from zhongshu.documents.choices import CLASSIFICATION_RANK, Classification
from zhongshu.documents.text import ExtractionError, extract_text
from zhongshu.framework.errors import RuleViolation, Violation
from zhongshu.framework.services import save_versioned, service
from zhongshu.tracking import services as tracking
from zhongshu.tracking.choices import Priority

from .. import checks, deadlines, transitions
from ..choices import DocState, FileRole
from ..models import IncomingDocument, IncomingFile
from ._common import audit, before, link, office_unit, person_of, refresh_tokens

CLASSIFIED = "DOC_CLASSIFIED"
DUPLICATE = "DOC-IN-1"

# The fields a clerk fills at registration (the form and the API use the same names).
FIELDS = (
    "sender_unit",
    "sender_name",
    "sender_number",
    "title",
    "kind",
    "classification",
    "secrecy_period",
    "urgency",
    "received_at",
    "copies",
    "pages",
    "signer",
    "contact_person",
    "contact_phone",
    "electronic_received",
    "electronic_consistent",
    "needed_by",
    "pre_announced",
    "addressed_leader",
    "direct_exception",
    "also_sent_to",
    "party_matter",
    "skipped_level",
    "skipped_copied",
    "emergency_direct",
    "request_to_issue",
    "materials",
    "important",
    "needs_implementation",
    "own_due_date",
    "resubmission_of",
)
# DOC-IN-1: what a register entry cannot lack (the files are checked separately).
REQUIRED = {
    "title": "标题",
    "kind": "文种",
    "received_at": "收文时间",
}


def _apply(doc: IncomingDocument, data: dict[str, Any]) -> None:
    for name in FIELDS:
        if name in data and data[name] is not None:
            setattr(doc, name, data[name])
    if "sender_number" in data:
        check = numbers.check_number(doc.sender_number) if doc.sender_number else None
        doc.number_problems = list(check.problems) if check else []
        doc.sender_number_key = numbers.normalised(doc.sender_number)[:60]
    if doc.sender_unit is not None and (data.get("sender_unit") or not doc.sender_name):
        doc.sender_name = doc.sender_unit.name


def _save(doc: IncomingDocument, expected_version: int | None) -> None:
    refresh_tokens(doc)
    if doc.pk is None:
        doc.save()
        return
    names = [
        f.name
        for f in doc._meta.concrete_fields
        if f.name not in ("id", "uuid", "created_at", "version", "updated_at")
    ]
    save_versioned(doc, expected_version=expected_version, fields=names)


def _related(doc: IncomingDocument, related: Iterable[IncomingDocument] | None) -> None:
    if related is not None:
        doc.related.set([r for r in related if r.pk != doc.pk])


@service
def save_draft(
    *,
    actor: Any,
    data: dict[str, Any],
    document: IncomingDocument | None = None,
    related: Iterable[IncomingDocument] | None = None,
    expected_version: int | None = None,
) -> IncomingDocument:
    """A half-filled registration is kept as a draft (nothing is checked but the types)."""
    doc = document or IncomingDocument(registered_by=person_of(actor))
    transitions.check(doc, "save_draft") if doc.pk else None
    was = before(doc)
    _apply(doc, data)
    _save(doc, expected_version)
    _related(doc, related)
    audit(actor, "incoming_draft_saved", doc, was)
    return doc


def _refusals(doc: IncomingDocument) -> list[Violation]:
    found = [
        Violation("DOC-IN-1", f"登记须填写{label}。", name)
        for name, label in REQUIRED.items()
        if not getattr(doc, name)
    ]
    if not doc.sender_unit_id and not doc.sender_name.strip():
        found.append(Violation("DOC-IN-1", "登记须填写来文单位。", "sender_unit"))
    found += [f.violation() for f in checks.doc_in_3(doc)]
    original = doc.resubmission_of
    if original is not None and not original.returned_at:
        found.append(
            Violation(
                "DOC-IN-8",
                f"{original.register_number}未经退文，不能作为重报原件。",
                "resubmission_of",
            )
        )
    return found


def classification_refusal(doc: IncomingDocument) -> Violation | None:
    limit = settings.DOCUMENT_MAX_CLASSIFICATION
    if (
        CLASSIFICATION_RANK[Classification(doc.classification)]
        > CLASSIFICATION_RANK[Classification(limit)]
    ):
        label = Classification(doc.classification).label
        return Violation(
            CLASSIFIED,
            f"本系统最高只能处理“{Classification(limit).label}”公文，“{label}”件应在涉密网络上办理；"
            "可只登记其纸质办理记录。",
            "classification",
        )
    return None


def find_duplicate(doc: IncomingDocument) -> IncomingDocument | None:
    """The same sender and number already registered (DOC-IN-1: caught and linked)."""
    if not doc.sender_number_key:
        return None
    sender = (
        Q(sender_unit_id=doc.sender_unit_id)
        if doc.sender_unit_id
        else Q(sender_name=doc.sender_name)
    )
    return (
        IncomingDocument.objects.filter(sender, sender_number_key=doc.sender_number_key)
        .exclude(state=DocState.DRAFT)
        .exclude(pk=doc.pk)
        .order_by("id")
        .first()
    )


def _number(doc: IncomingDocument) -> None:
    year = timezone.localtime(doc.received_at or timezone.now()).year
    last = IncomingDocument.objects.filter(register_year=year).aggregate(m=Max("register_seq"))["m"]
    doc.register_year, doc.register_seq = year, (last or 0) + 1
    doc.register_number = f"收〔{year}〕{doc.register_seq}号"


@service
def register_incoming(
    *,
    actor: Any,
    data: dict[str, Any],
    document: IncomingDocument | None = None,
    main_file: UploadedFile | None = None,
    attachments: Sequence[UploadedFile] = (),
    related: Iterable[IncomingDocument] | None = None,
    allow_duplicate: bool = False,
    expected_version: int | None = None,
) -> IncomingDocument:
    """Register a document received (from a draft or at once). It waits on the office's
    first review, a tracked item due the same day (DOC-IN-16)."""
    person = person_of(actor)
    doc = document or IncomingDocument(registered_by=person)
    transitions.check(doc, "register", DocState.REGISTERED)
    was = before(doc)
    _apply(doc, data)
    refused = classification_refusal(doc)
    if refused is not None:
        raise RuleViolation([refused])
    found = _refusals(doc)
    has_main = main_file is not None or (
        doc.pk is not None and doc.files.filter(role=FileRole.MAIN).exists()
    )
    if doc.electronic_received and not has_main:
        found.append(
            Violation(
                "DOC-IN-1",
                "请上传正文电子文件（未报送电子版的，请取消“电子版同步报送”）。",
                "main_file",
            )
        )
    duplicate = find_duplicate(doc)
    if duplicate is not None and not allow_duplicate:
        found.append(
            Violation(
                DUPLICATE,
                f"同一来文单位的“{doc.sender_number}”已登记为{duplicate.register_number}（{duplicate.title}）。"
                "确认重复登记的，请勾选“确认重复并关联”。",
                "sender_number",
            )
        )
    if found:
        raise RuleViolation(found)
    for upload in [u for u in [main_file, *attachments] if u]:
        document_files.validate_upload(
            upload, field="main_file" if upload is main_file else "attachments"
        )
    doc.duplicate_of = duplicate
    transitions.move(doc, "register", DocState.REGISTERED)
    doc.registered_by, doc.registered_at = person, timezone.now()
    _number(doc)
    _save(doc, expected_version)
    _related(doc, related)
    if main_file:
        _store(doc, main_file, FileRole.MAIN)
    for upload in attachments:
        _store(doc, upload, FileRole.ATTACHMENT)
    if main_file or attachments:
        refresh_tokens(doc)
        IncomingDocument.objects.filter(pk=doc.pk).update(search_tokens=doc.search_tokens)
    _open_office_step(actor, doc, "初审")
    audit(
        actor,
        "incoming_registered",
        doc,
        was,
        {"duplicate_of": duplicate.register_number if duplicate else ""},
    )
    return doc


def _open_office_step(actor: Any, doc: IncomingDocument, step: str) -> None:
    item = tracking.create_item(
        actor=actor,
        kind="incoming.office",
        subject=f"{step}：{doc.title}"[:300],
        lead_unit=office_unit(person_of(actor)),
        deadline=deadlines.office_step(timezone.now()),
        creator=person_of(actor),
        source=doc,
        urgency=doc.urgency,
        priority=Priority.URGENT,
    )
    doc.office_item = item
    IncomingDocument.objects.filter(pk=doc.pk).update(office_item=item)


def _store(doc: IncomingDocument, upload: UploadedFile, role: str) -> IncomingFile:
    """Keep the file; a file whose text cannot be read is kept and flagged."""
    found = document_files.validate_upload(
        upload, field="main_file" if role == FileRole.MAIN else "attachments"
    )
    text, failed, note = "", False, ""
    try:
        text = extract_text(upload, found.code)
    except ExtractionError as exc:
        failed, note = True, exc.reason[:200]
    return IncomingFile.objects.create(
        document=doc,
        role=role,
        file=upload,
        name=(upload.name or "")[:200],
        size=upload.size or 0,
        file_type=found.code,
        text=text,
        extraction_failed=failed,
        extraction_note=note,
    )


@service
def attach_file(
    *, actor: Any, document: IncomingDocument, upload: UploadedFile, role: str = FileRole.ATTACHMENT
) -> IncomingFile:
    transitions.check(document, "attach")
    refused = classification_refusal(document)
    if refused is not None:
        raise RuleViolation([refused])
    stored = _store(document, upload, role)
    refresh_tokens(document)
    IncomingDocument.objects.filter(pk=document.pk).update(search_tokens=document.search_tokens)
    audit(
        actor,
        "incoming_file_attached",
        document,
        {},
        {"file": stored.name, "flagged": stored.extraction_failed},
    )
    return stored


@service
def update_registration(
    *,
    actor: Any,
    document: IncomingDocument,
    data: dict[str, Any],
    related: Iterable[IncomingDocument] | None = None,
    expected_version: int | None = None,
) -> IncomingDocument:
    """Correct a registered entry before review (e.g. a mistyped number)."""
    transitions.check(document, "edit")
    was = before(document)
    _apply(document, data)
    found = _refusals(document)
    refused = classification_refusal(document)
    if refused is not None:
        found.append(refused)
    if found:
        raise RuleViolation(found)
    _save(document, expected_version)
    _related(document, related)
    audit(actor, "incoming_registration_updated", document, was)
    return document


@service
def record_paper_handling(
    *, actor: Any, data: dict[str, Any], reason: str, document: IncomingDocument | None = None
) -> IncomingDocument:
    """A document above the deployment's classification: only its paper-handling record
    (no files) is kept here."""
    doc = document or IncomingDocument(registered_by=person_of(actor))
    transitions.check(doc, "record_paper")
    was = before(doc)
    _apply(doc, data)
    if not reason.strip():
        raise RuleViolation.single(CLASSIFIED, "请填写纸质办理的原因。", field="paper_reason")
    transitions.move(doc, "record_paper", DocState.PAPER_RECORD)
    doc.paper_reason = reason.strip()
    doc.registered_at = timezone.now()
    _number(doc)
    _save(doc, None)
    if doc.pk:
        doc.files.all().delete()
    audit(actor, "incoming_paper_recorded", doc, was)
    return doc


__all__ = [
    "FIELDS",
    "attach_file",
    "find_duplicate",
    "link",
    "record_paper_handling",
    "register_incoming",
    "save_draft",
    "update_registration",
]
