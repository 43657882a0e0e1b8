"""Text of a document file, for search: DOCX (python-docx: paragraphs and tables) and PDF
(pypdf). Other types (OFD, images) have no text here. A file whose text cannot be read
raises ``ExtractionError``: the caller keeps the file and flags it, it does not refuse it.

    try:
        text = extract_text(upload, file_type.code)
    except ExtractionError as exc:
        flag(exc.reason)
"""

from __future__ import annotations

import logging
from typing import IO

logger = logging.getLogger(__name__)

# Enough for search; a 300-page annex does not need every word indexed.
MAX_CHARS = 200_000


class ExtractionError(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def extracts(file_type: str) -> bool:
    return file_type in ("docx", "pdf")


def extract_text(stream: IO[bytes], file_type: str) -> str:
    """The file's text ("" for a type without text); ``ExtractionError`` when unreadable."""
    if not extracts(file_type):
        return ""
    stream.seek(0)
    try:
        text = _docx(stream) if file_type == "docx" else _pdf(stream)
    except Exception as exc:  # a damaged file may fail anywhere inside the parser
        logger.info("text extraction failed: %s", exc)
        raise ExtractionError(
            f"无法读取文件文字（{type(exc).__name__}），文件已保存，请人工核对。"
        ) from exc
    finally:
        stream.seek(0)
    return text[:MAX_CHARS]


def _docx(stream: IO[bytes]) -> str:
    import docx

    document = docx.Document(stream)
    parts = [p.text for p in document.paragraphs if p.text.strip()]
    for table in document.tables:
        for row in table.rows:
            parts.append(" ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def _pdf(stream: IO[bytes]) -> str:
    from pypdf import PdfReader

    reader = PdfReader(stream)
    parts = []
    size = 0
    for page in reader.pages:
        chunk = page.extract_text() or ""
        parts.append(chunk)
        size += len(chunk)
        if size > MAX_CHARS:
            break
    return "\n".join(parts)
