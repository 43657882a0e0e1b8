"""Incoming documents through the services, with traits for lifecycle states, and small
real files (a PDF and a DOCX with Chinese text) built in memory."""

from __future__ import annotations

import functools
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from zhongshu.documents.choices import Kind, Urgency
from zhongshu.incoming import services
from zhongshu.incoming.choices import Decision, HandlingMode
from zhongshu.incoming.models import IncomingDocument


@functools.lru_cache(maxsize=8)
def pdf_bytes(text: str = "关于增设城区中小学学位的请示") -> bytes:
    """A real PDF whose text pypdf reads back (drawn with matplotlib, fonts embedded)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    plt.rcParams["font.sans-serif"] = ["Noto Sans CJK SC", "DejaVu Sans"]
    plt.rcParams["pdf.fonttype"] = 42
    figure = plt.figure(figsize=(4, 2))
    figure.text(0.05, 0.5, text)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="pdf")
    plt.close(figure)
    return buffer.getvalue()


def pdf_upload(name: str = "正文.pdf", content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content or pdf_bytes(), content_type="application/pdf")


def docx_upload(text: str, name: str = "正文.docx") -> SimpleUploadedFile:
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def registration(org, **over) -> dict:
    data = {
        "sender_unit": org.edu,
        "sender_number": "示教发〔2026〕12号",
        "title": "关于增设城区中小学学位的请示",
        "kind": Kind.REQUEST,
        "urgency": Urgency.NORMAL,
        "received_at": timezone.now(),
        "copies": 2,
        "pages": 3,
        "signer": "刘明",
        "contact_person": "张华",
        "contact_phone": "0311-87654321",
    }
    data.update(over)
    return data


def registered(org, *, main_file=None, **over) -> IncomingDocument:
    return services.register_incoming(
        actor=org.clerk, data=registration(org, **over), main_file=main_file or pdf_upload()
    )


def reviewed(org, **over) -> IncomingDocument:
    doc = registered(org, **over)
    services.pass_review(actor=org.clerk, document=doc)
    return doc


def instructing(org, *, leaders=None, **over) -> IncomingDocument:
    doc = reviewed(org, **over)
    services.propose_handling(
        actor=org.clerk,
        document=doc,
        mode=HandlingMode.HANDLE,
        proposal="拟请陈晓东副区长阅示，由区教育局牵头、区财政局配合办理。",
        leaders=leaders or [org.deputy.person],
        lead_unit=org.edu,
        cooperating_units=[org.fin],
    )
    return doc


def handling(org, **over) -> IncomingDocument:
    doc = instructing(org, **over)
    step = services.pending_step(doc)
    services.instruct(actor=org.deputy, instruction=step, decision=Decision.AGREE)
    doc.refresh_from_db()
    return doc
