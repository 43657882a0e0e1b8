"""The handling sheet (阅办单/处理笺, DOC-IN-16) as a printable PDF: the same rows as the
page, built as an A4 .docx table (python-docx) and converted by LibreOffice headless
(the converter the outgoing module uses for its documents; fonts embedded)."""

from __future__ import annotations

import io
import os
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import Any

from django.utils import timezone

from .models import IncomingDocument

SERIF, SANS = "Noto Serif CJK SC", "Noto Sans CJK SC"
# One LibreOffice profile per process, one conversion at a time (a profile is locked).
_LOCK = threading.Lock()


class PdfUnavailable(RuntimeError):
    """LibreOffice is not installed (``make system-deps``)."""


def _local(moment) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}" if moment else ""


def _day(moment) -> str:
    if not moment:
        return ""
    local = timezone.localtime(moment)
    return f"{local.year}年{local.month}月{local.day}日"


def rows(context: dict[str, Any]) -> list[tuple[str, str, str, str] | tuple[str, list[str]]]:
    """The sheet's rows: pairs of label and value (4 cells) or a label and paragraphs."""
    doc: IncomingDocument = context["doc"]
    classification = doc.get_classification_display() + (
        f"★{doc.secrecy_period}" if doc.secrecy_period else ""
    )
    proposal = [doc.proposal] if doc.proposal else []
    if doc.proposed_by:
        proposal.append(f"{doc.proposed_by.name}　{_day(doc.proposed_at)}")
    instructions = []
    for step in context["instructions"]:
        if step.acted_at:
            instructions.append(f"{step.opinion}　——{step.signature}　{_day(step.acted_at)}")
        else:
            due = f"（时限 {_local(step.item.due_at)}）" if step.item else ""
            instructions.append(f"{step.leader.name}：{step.get_state_display()}{due}")
    tasks = []
    for task in context["tasks"]:
        rule = (task.basis or {}).get("rule", "")
        done = f" — {task.get_state_display()} {_day(task.done_at)}" if task.done_at else ""
        tasks.append(
            f"{task.get_role_display()}：{task.unit.short_name or task.unit.name}"
            f"（时限 {_local(task.current_due_at)}{'，依据 ' + rule if rule else ''}）{done}"
        )
    readers = []
    for c in context["circulations"]:
        state = f"已阅 {_local(c.read_at)}" if c.read_at else ("未阅" if c.sent_at else "待送")
        readers.append(f"{c.reader.name}（{state}）")
    result = [doc.result] if doc.result else []
    result += [
        f"{t.unit.short_name}：{t.result}"
        for t in context["tasks"]
        if t.result and t.role != "lead"
    ]
    reply = context.get("reply_outgoing")
    if doc.reply_number or doc.reply_text or reply:
        title = f"《{reply.title}》" if reply is not None else ""
        result.append(f"答复：{doc.reply_number}{title} {doc.reply_text}".strip())
    result += [f"列入发文清单：{item.subject}" for item in context.get("ledger", [])]
    found: list[Any] = [
        ("收文编号", doc.register_number, "收文时间", _local(doc.received_at)),
        ("来文单位", doc.sender_label, "来文字号", doc.sender_number),
        ("密级", classification, "紧急程度", doc.get_urgency_display()),
        ("文种", doc.get_kind_display(), "份数 / 页数", f"{doc.copies} / {doc.pages}"),
        ("标题", [doc.title]),
        ("签发人 / 联系人", [f"{doc.signer}　{doc.contact_person} {doc.contact_phone}".strip()]),
        ("拟办意见", proposal),
        ("领导批示", instructions),
        ("承办单位", tasks),
        ("传阅", ["　".join(readers)] if readers else []),
        ("办理结果", result),
    ]
    if doc.return_reason:
        found.append(("退文", [doc.return_reason, doc.return_approved_by]))
    return found


def _run(paragraph, text: str, *, size: float = 12, bold: bool = False, font: str = SERIF):
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run = paragraph.add_run(text)
    run.font.size, run.font.bold, run.font.name = Pt(size), bold, font
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), font)
    return run


def docx_bytes(context: dict[str, Any], office_name: str) -> bytes:
    import docx
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.2))
    section.top_margin = section.bottom_margin = Cm(2)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(title, f"{office_name}收文处理笺", size=18, bold=True)
    table = document.add_table(rows=0, cols=4)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = [Cm(3), Cm(5.3), Cm(3), Cm(5.3)]
    for row in rows(context):
        cells = table.add_row().cells
        for cell, width in zip(cells, widths, strict=True):
            cell.width = width
        if len(row) == 4:
            for i, text in enumerate(row):
                _run(
                    cells[i].paragraphs[0],
                    str(text or ""),
                    bold=i % 2 == 0,
                    font=SANS if i % 2 == 0 else SERIF,
                )
            continue
        label, paragraphs = row
        _run(cells[0].paragraphs[0], label, bold=True, font=SANS)
        merged = cells[1].merge(cells[3])
        lines = [p for p in paragraphs if p] or [""]
        _run(merged.paragraphs[0], lines[0])
        for line in lines[1:]:
            _run(merged.add_paragraph(), line)
        if label in ("拟办意见", "领导批示", "办理结果"):
            table.rows[-1].height = Cm(2.6)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_bytes(context: dict[str, Any], office_name: str, *, timeout: int = 90) -> bytes:
    from zhongshu.outgoing.printing import soffice

    binary = soffice()
    if not binary:
        raise PdfUnavailable("未安装 LibreOffice（soffice），无法生成 PDF。")
    with tempfile.TemporaryDirectory(prefix="zs-sheet-") as tmp:
        source = Path(tmp) / "sheet.docx"
        source.write_bytes(docx_bytes(context, office_name))
        profile = Path(tempfile.gettempdir()) / f"zhongshu-incoming-lo-{os.getuid()}-{os.getpid()}"
        command = [
            binary,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            tmp,
            str(source),
        ]
        try:
            with _LOCK:
                subprocess.run(
                    command,
                    check=True,
                    capture_output=True,
                    timeout=timeout,
                    env={**os.environ, "HOME": tmp},
                )
        except (OSError, subprocess.SubprocessError) as exc:
            raise PdfUnavailable(f"PDF 生成失败：{exc}") from exc
        return (Path(tmp) / "sheet.pdf").read_bytes()
