"""The seed documents the rules come from (``../shared/seeds/``), with the titles an
office knows them by. A rule cites them as ``(document key, section)`` pairs; seed 003
holds three documents (公文, 会议, 督查) whose section numbers overlap, hence three keys.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SeedDocument:
    key: str
    seed: str  # the seed file's number, 000–004
    short: str  # used in 依据 labels
    title: str  # the document's own title
    prefix: str = ""  # how RULES.md prefixes its sections ("督查")


DOCUMENTS: dict[str, SeedDocument] = {
    doc.key: doc
    for doc in [
        SeedDocument(
            "000",
            "000",
            "天津市办公室建设意见",
            "天津市人民政府办公厅关于加强政府系统办公室建设确保各项工作高效有序运转的意见"
            "（津政办发〔2004〕055号）",
        ),
        SeedDocument(
            "001",
            "001",
            "办公室工作质量提升讲话",
            "党组书记在全市政府系统办公室主任会议上的讲话（办公室工作质量提升）",
        ),
        SeedDocument("002", "002", "提高效率抓落实意见", "关于提高效率抓落实的意见（市政府）"),
        SeedDocument(
            "003",
            "003",
            "河北区三项制度",
            "河北区人民政府办公室印发关于进一步加强政府系统公文规范管理会议管理意见"
            "和区政府督查室督查工作规定的通知（2018年5月11日）",
        ),
        SeedDocument(
            "003g",
            "003",
            "河北区公文规范管理意见",
            "河北区关于进一步加强政府系统公文规范管理的意见",
        ),
        SeedDocument(
            "003m", "003", "河北区会议管理意见", "河北区关于进一步加强政府系统会议管理的意见"
        ),
        SeedDocument("003s", "003", "河北区督查工作规定", "河北区区政府督查室督查工作规定", "督查"),
        SeedDocument(
            "004",
            "004",
            "天津市加强信息工作通知",
            "天津市人民政府办公厅关于进一步加强信息工作的通知（津政办发〔2008〕146号）",
        ),
        SeedDocument("all", "000–004", "各依据文件通用", "全部依据文件（“工作日”的通用含义）"),
    ]
}


def source_code(refs: tuple[tuple[str, str], ...]) -> str:
    """``003 (四)``, ``000 三, 003 (九)``, ``003 督查 二(一)1`` — as RULES.md writes it."""
    parts = []
    for key, section in refs:
        doc = DOCUMENTS[key]
        parts.append(" ".join(p for p in (doc.seed, doc.prefix, section) if p))
    return ", ".join(parts)


def source_label(refs: tuple[tuple[str, str], ...]) -> str:
    """``河北区公文规范管理意见 (四)`` — the document as an office names it."""
    return "；".join(
        f"{DOCUMENTS[key].short} {section}".strip() if section else DOCUMENTS[key].short
        for key, section in refs
    )


def seed_ids(refs: tuple[tuple[str, str], ...]) -> set[str]:
    ids: set[str] = set()
    for key, _ in refs:
        seed = DOCUMENTS[key].seed
        ids.update({"000", "001", "002", "003", "004"} if key == "all" else {seed})
    return ids
