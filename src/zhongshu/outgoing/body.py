"""The structured body (正文): paragraphs with the heading levels of GB/T 9704-2012 7.3.3
(一、 （一） 1. （1）), written in the browser as plain lines or taken from a .docx.

A block is ``{"level": 0..4, "text": ...}``, or a table ``{"level": 0, "text": "",
"table": [[header…], [cells…], …]}``, or a picture ``{"level": 0, "text": "", "image":
name, "width_mm": 150, "data": base64 PNG/JPEG}`` (a module's chart, e.g. a supervision
bulletin's). In the drafting box a table is its "|cell|cell|" lines and a picture its
"[图：name]" line; ``keep_images`` gives a re-parsed body back the pictures' data."""

from __future__ import annotations

import base64
import re
from typing import IO, Any

LEVELS = {
    1: re.compile(r"^[一二三四五六七八九十百]+、"),
    2: re.compile(r"^[（(][一二三四五六七八九十百]+[)）]"),
    3: re.compile(r"^\d+[.．](?!\d)"),
    4: re.compile(r"^[（(]\d+[)）]"),
}
LEVEL_LABELS = {0: "正文", 1: "一、", 2: "（一）", 3: "1.", 4: "（1）"}
_ATTACHMENT = re.compile(r"^附件[:：]?\s*(?:\d+[.．])?\s*")
_SPACES = re.compile(r"\s+")


def level_of(text: str) -> int:
    for level, pattern in LEVELS.items():
        if pattern.match(text):
            return level
    return 0


# A table is written as lines "|cell|cell|" (the first its header row), a picture as the
# line "[图：name]": the drafting box keeps them when the text around them is edited.
_IMAGE = re.compile(r"^\[图[:：](?P<name>[^\]]+)\]$")
IMAGE_WIDTH_MM = 150


def table_block(rows: list[list[Any]]) -> dict[str, Any]:
    return {"level": 0, "text": "", "table": [[str(cell) for cell in row] for row in rows]}


def image_block(name: str, data: bytes = b"", width_mm: int = IMAGE_WIDTH_MM) -> dict[str, Any]:
    block: dict[str, Any] = {"level": 0, "text": "", "image": name, "width_mm": width_mm}
    if data:
        block["data"] = base64.b64encode(data).decode("ascii")
    return block


def image_bytes(block: dict[str, Any]) -> bytes:
    return base64.b64decode(block.get("data") or "")


def keep_images(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The pictures of ``new`` (parsed from the drafting box, names only) with the data
    and width they had in ``old``; a name ``old`` does not have stays without data (the
    layout leaves it out)."""
    known = {b["image"]: b for b in old or [] if "image" in b and b.get("data")}
    kept = []
    for block in new or []:
        if "image" in block and not block.get("data") and block["image"] in known:
            source = known[block["image"]]
            block = {**block, "data": source["data"], "width_mm": source.get("width_mm")}
        kept.append(block)
    return kept


def parse_lines(text: str) -> list[dict[str, Any]]:
    """One paragraph a line; blank lines are dropped; the level read from the prefix;
    consecutive "|…|" lines make one table; "[图：name]" places a picture."""
    paragraphs: list[dict[str, Any]] = []
    for raw in (text or "").splitlines():
        line = raw.strip().replace("\u3000", "")
        if not line:
            continue
        if len(line) > 1 and line.startswith("|") and line.endswith("|"):
            row = [cell.strip() for cell in line[1:-1].split("|")]
            if paragraphs and "table" in paragraphs[-1]:
                paragraphs[-1]["table"].append(row)
            else:
                paragraphs.append(table_block([row]))
        elif match := _IMAGE.match(line):
            paragraphs.append(image_block(match["name"].strip()))
        else:
            paragraphs.append({"level": level_of(line), "text": line})
    return paragraphs


def _as_text(paragraph: dict[str, Any]) -> str:
    if "table" in paragraph:
        return "\n".join("|" + "|".join(row) + "|" for row in paragraph["table"])
    if "image" in paragraph:
        return f"[图：{paragraph['image']}]"
    return paragraph.get("text", "")


def as_lines(body: list[dict[str, Any]]) -> str:
    return "\n".join(_as_text(p) for p in body or [])


def count_characters(body: list[dict[str, Any]]) -> int:
    """Characters of body text (DOC-OUT-5): every character but whitespace."""
    return sum(len(_SPACES.sub("", p.get("text", ""))) for p in body or [])


def parse_attachment_notes(text: str) -> list[str]:
    notes = []
    for raw in (text or "").splitlines():
        line = _ATTACHMENT.sub("", raw.strip())
        line = re.sub(r"^\d+[.．]\s*", "", line)
        if line:
            notes.append(line)
    return notes


ATTACHMENT_SEPARATOR = "---"


def parse_attachment_bodies(text: str) -> list[list[dict[str, Any]]]:
    """The attachments' text in one box: the attachments in the order of their notes,
    separated by a line “---”."""
    blocks: list[list[str]] = [[]]
    for raw in (text or "").splitlines():
        if raw.strip() == ATTACHMENT_SEPARATOR:
            blocks.append([])
        else:
            blocks[-1].append(raw)
    bodies = [parse_lines("\n".join(block)) for block in blocks]
    while bodies and not bodies[-1]:
        bodies.pop()
    return bodies


def attachment_bodies_as_text(bodies: list[list[dict[str, Any]]]) -> str:
    return f"\n{ATTACHMENT_SEPARATOR}\n".join(as_lines(body) for body in bodies or [])


def parse_docx(upload: IO[bytes]) -> dict[str, Any]:
    """Title, main recipients, body paragraphs and attachment notes of an uploaded draft.
    The title is the first paragraph; a short paragraph ending in a colon right after
    it is the main recipients; lines from 附件 on are attachment notes; the signature
    and date at the end are left out."""
    from docx import Document

    document = Document(upload)
    lines = [p.text.strip().replace("\u3000", "") for p in document.paragraphs]
    lines = [line for line in lines if line]
    result: dict[str, Any] = {
        "title": "",
        "main_recipients": "",
        "body": [],
        "attachment_notes": [],
    }
    if not lines:
        return result
    result["title"] = lines.pop(0)
    if lines and lines[0].endswith(("：", ":")) and len(lines[0]) <= 120:
        result["main_recipients"] = lines.pop(0).rstrip("：:")
    in_attachments = False
    date = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
    for line in lines:
        if _ATTACHMENT.match(line) and line.startswith("附件"):
            in_attachments = True
            rest = _ATTACHMENT.sub("", line)
            if rest:
                result["attachment_notes"].append(rest)
            continue
        if in_attachments and re.match(r"^\d+[.．]", line):
            result["attachment_notes"].append(re.sub(r"^\d+[.．]\s*", "", line))
            continue
        in_attachments = False
        if date.match(line):
            break
        result["body"].append({"level": level_of(line), "text": line})
    # a signature line right before the date is not body text
    if (
        result["body"]
        and len(result["body"][-1]["text"]) <= 20
        and not result["body"][-1]["text"].endswith("。")
    ):
        result["body"].pop()
    return result
