"""The official document of an outgoing document: the GB/T 9704 sheet from its fields,
the .docx (python-docx) and the PDF (LibreOffice headless, the office font names mapped
to free CJK fonts by ``fontconfig/fonts.conf``; the fonts are embedded)."""

from __future__ import annotations

import atexit
import json
import os
import select
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from zhongshu.documents.choices import Classification, Kind, Urgency

from . import gbt9704
from .choices import Decision, Layout, StepKind
from .models import OutgoingDocument

FONTS_CONF = Path(__file__).resolve().parent / "fontconfig" / "fonts.conf"
UPWARD_KINDS = (Kind.REPORT, Kind.REQUEST, Kind.MOTION)
DISCLOSURE_NOTES = {
    "public": "此件公开发布",
    "on_request": "此件依申请公开",
    "not_public": "此件不公开",
}


class PdfUnavailable(RuntimeError):
    """LibreOffice is not installed (``make system-deps``)."""


def issuer_mark(document: OutgoingDocument) -> str:
    name = document.issuer.name
    if document.layout == Layout.LETTER:
        return name
    if document.layout == Layout.MINUTES:
        return document.title if document.title.endswith("纪要") else f"{name}纪要"
    return f"{name}文件"


def sheet_of(document: OutgoingDocument) -> gbt9704.Sheet:
    signers = [
        s.person.name
        for s in document.steps.filter(kind=StepKind.SIGNING, decision=Decision.SIGNED)
        .select_related("person")
        .order_by("-acted_at")[:1]
        if s.person
    ]
    classification = ""
    if document.classification != Classification.NONE:
        classification = Classification(document.classification).label
        if document.secrecy_period:
            classification = f"{classification}★{document.secrecy_period}"
    urgency = "" if document.urgency == Urgency.NORMAL else str(Urgency(document.urgency).label)
    issued = timezone.localdate(document.issued_at) if document.issued_at else document.signed_on
    note = document.note or DISCLOSURE_NOTES.get(document.disclosure, "")
    return gbt9704.Sheet(
        layout=document.layout,
        issuer_mark=issuer_mark(document),
        number=document.number or "〔　　〕　号",
        upward=document.kind in UPWARD_KINDS,
        signers=signers,
        classification=str(classification),
        urgency=urgency,
        title=document.title,
        main_recipients=document.main_recipients,
        body=list(document.body or []),
        attachment_notes=list(document.attachment_notes or []),
        attachments=attachments_of(document),
        signature=document.signature or document.issuer.name,
        date=document.signed_on,
        note=note,
        copy_to=document.copy_to,
        printer=document.printed_by or _printer(document),
        printed_on=issued,
    )


def attachments_of(document: OutgoingDocument) -> list[dict]:
    """Each attachment note with its text, for the pages after the signature (GB/T 9704
    8); a note without text gets its page with the title only."""
    bodies = list(document.attachment_bodies or [])
    return [
        {"title": note, "body": bodies[index] if index < len(bodies) else []}
        for index, note in enumerate(document.attachment_notes or [])
    ]


def _printer(document: OutgoingDocument) -> str:
    from .routes import office_unit

    office = office_unit()
    return office.name if office else document.issuer.name


def docx_bytes(document: OutgoingDocument) -> bytes:
    return gbt9704.render_docx(sheet_of(document))


def soffice() -> str | None:
    return getattr(settings, "OUTGOING_SOFFICE", "") or shutil.which("soffice")


class _Worker:
    """One LibreOffice kept running for this process (``lo_worker.py`` under the system
    Python with the UNO bridge); conversions are serialised by a lock. If it cannot be
    started, or fails, the caller falls back to a one-off ``soffice --convert-to``."""

    SYSTEM_PYTHON = "/usr/bin/python3"

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.process: subprocess.Popen | None = None
        self.broken = False

    def available(self) -> bool:
        if self.broken or not Path(self.SYSTEM_PYTHON).exists():
            return False
        probe = subprocess.run(
            [self.SYSTEM_PYTHON, "-c", "import uno"], capture_output=True, timeout=20
        )
        if probe.returncode != 0:
            self.broken = True
        return not self.broken

    def _start(self, binary: str) -> None:
        profile = tempfile.mkdtemp(prefix="zs-lo-")
        env = {**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF), "HOME": profile}
        self.process = subprocess.Popen(
            [
                self.SYSTEM_PYTHON,
                str(Path(__file__).resolve().parent / "lo_worker.py"),
                binary,
                profile,
                f"zhongshu_{os.getpid()}_{threading.get_ident()}",
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        if self._answer(60) != "ready":
            self.stop()
            self.broken = True
            raise RuntimeError("LibreOffice did not start")
        atexit.register(self.stop)

    def _answer(self, timeout: float) -> str:
        assert self.process is not None and self.process.stdout is not None
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        if not ready:
            return ""
        return self.process.stdout.readline().strip()

    def convert(self, binary: str, source: Path, target: Path, timeout: float) -> bool:
        with self.lock:
            try:
                if self.process is None or self.process.poll() is not None:
                    self._start(binary)
                assert self.process is not None and self.process.stdin is not None
                self.process.stdin.write(json.dumps([str(source), str(target)]) + "\n")
                self.process.stdin.flush()
                answer = self._answer(timeout)
            except (OSError, RuntimeError, AssertionError):
                self.stop()
                return False
            if answer != "ok":
                self.stop()
                return False
            return target.exists()

    def stop(self) -> None:
        if self.process is not None:
            try:
                self.process.stdin.close()  # type: ignore[union-attr]
                self.process.wait(timeout=10)
            except Exception:
                self.process.kill()
            self.process = None


_worker = _Worker()


def pdf_from_sheet(sheet: gbt9704.Sheet, *, timeout: int = 60, keep_running: bool = True) -> bytes:
    """Convert with LibreOffice headless: through the converter kept running for this
    process when the UNO bridge is there, else a one-off ``soffice --convert-to`` (a
    profile of its own under the temp dir, so a desktop user's settings do not leak in)."""
    binary = soffice()
    if not binary:
        raise PdfUnavailable("未安装 LibreOffice（soffice），无法生成 PDF。")
    data = gbt9704.render_docx(sheet, for_pdf=True)
    with tempfile.TemporaryDirectory(prefix="zs-pdf-") as tmp:
        source = Path(tmp) / "document.docx"
        source.write_bytes(data)
        target = Path(tmp) / "document.pdf"
        if (
            keep_running
            and _worker.available()
            and _worker.convert(binary, source, target, timeout)
        ):
            return target.read_bytes()
        profile = Path(tempfile.gettempdir()) / f"zhongshu-lo-{os.getuid()}"
        env = {**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF), "HOME": tmp}
        subprocess.run(
            [
                binary,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=timeout,
            env=env,
        )
        return (Path(tmp) / "document.pdf").read_bytes()


def pdf_bytes(document: OutgoingDocument) -> bytes:
    return pdf_from_sheet(sheet_of(document))
