"""Checks on an uploaded document file before anything is stored: size (the deployment's
limit) and type (PDF, DOCX, OFD and images, recognised by their content as well as their
name; executables and unknown types are refused)."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from zhongshu.framework.errors import RuleViolation

FILE_RULE = "DOC_FILE"


@dataclass(frozen=True)
class FileType:
    code: str
    label: str
    extensions: tuple[str, ...]


PDF = FileType("pdf", "PDF", (".pdf",))
DOCX = FileType("docx", "Word 文档", (".docx",))
OFD = FileType("ofd", "OFD 版式文件", (".ofd",))
IMAGE = FileType("image", "图片", (".png", ".jpg", ".jpeg", ".tif", ".tiff"))
TYPES = (PDF, DOCX, OFD, IMAGE)

_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
_EXECUTABLE_MAGIC = (b"MZ", b"\x7fELF", b"#!", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe")


def max_bytes() -> int:
    return int(settings.DOCUMENT_MAX_UPLOAD_MB) * 1024 * 1024


def _extension(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot >= 0 else ""


def _zip_names(upload: UploadedFile) -> set[str]:
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return set()
    finally:
        upload.seek(0)


def sniff(upload: UploadedFile) -> FileType | None:
    """The type the content shows, or None when it is not one we accept."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(_IMAGE_MAGIC):
        return IMAGE
    if head.startswith(b"PK\x03\x04"):
        names = _zip_names(upload)
        if "word/document.xml" in names:
            return DOCX
        if any(n.upper() == "OFD.XML" for n in names):
            return OFD
    return None


def validate_upload(upload: UploadedFile, *, field: str = "file") -> FileType:
    """The file's type, or a refusal with a clear message (nothing is stored)."""
    name = upload.name or ""
    size = upload.size or 0
    limit = max_bytes()
    if size > limit:
        raise RuleViolation.single(
            FILE_RULE,
            f"文件“{name}”大小 {size / 1024 / 1024:.1f} MB，超过上限 "
            f"{settings.DOCUMENT_MAX_UPLOAD_MB} MB。",
            field=field,
        )
    if size == 0:
        raise RuleViolation.single(FILE_RULE, f"文件“{name}”是空文件。", field=field)
    upload.seek(0)
    head = upload.read(4)
    upload.seek(0)
    if head.startswith(_EXECUTABLE_MAGIC):
        raise RuleViolation.single(
            FILE_RULE, f"文件“{name}”是可执行程序，不能作为公文文件上传。", field=field
        )
    found = sniff(upload)
    allowed = "、".join(t.label for t in TYPES)
    if found is None:
        raise RuleViolation.single(
            FILE_RULE, f"文件“{name}”的类型无法识别；只接受{allowed}。", field=field
        )
    if _extension(name) not in found.extensions:
        raise RuleViolation.single(
            FILE_RULE,
            f"文件“{name}”的扩展名与内容（{found.label}）不符，请检查后重新上传。",
            field=field,
        )
    return found
