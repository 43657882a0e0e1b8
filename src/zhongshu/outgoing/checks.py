"""The rule checks of a draft. Each returns a list of ``Violation``: a block refuses the
action, a warning is recorded on the document and shown (kind "warn" in RULES.md)."""

from __future__ import annotations

from zhongshu.documents.choices import Disclosure, Kind
from zhongshu.framework.errors import Violation
from zhongshu.rules import catalogue

from .body import count_characters
from .choices import LENGTH_PARAM, Layout, LengthCategory
from .models import OutgoingDocument

# How each kind ends a title (机关 + 关于 + 事由 + 文种).
TITLE_ENDINGS: dict[str, tuple[str, ...]] = {
    Kind.ORDER: ("令",),
    Kind.MINUTES: ("纪要",),
    Kind.LETTER: ("函", "复函"),
}


def kind_label(kind: str) -> str:
    return str(Kind(kind).label).replace("（令）", "")


def check_title(document: OutgoingDocument) -> list[Violation]:
    """DOC-OUT-20: a title names the issuing body, the matter and the kind, in that order
    (机关 + 关于 + 事由 + 文种); no trailing punctuation."""
    title = (document.title or "").strip()
    found: list[Violation] = []
    if not title:
        return [catalogue.violation("DOC-OUT-20", "请填写标题。", field="title")]
    endings = TITLE_ENDINGS.get(document.kind, (kind_label(document.kind),))
    if not title.rstrip("。，；：！？.").endswith(endings):
        found.append(
            catalogue.violation(
                "DOC-OUT-20",
                f"标题应以文种“{endings[0]}”结尾（发文机关＋事由＋文种）。",
                field="title",
            )
        )
    if document.kind not in (Kind.ORDER, Kind.MINUTES):
        if "关于" not in title:
            found.append(
                catalogue.violation(
                    "DOC-OUT-20", "标题应写明事由：“（发文机关）关于……的＋文种”。", field="title"
                )
            )
        else:
            found += _issuer_and_matter(document, title, endings)
    if title[-1:] in "。，；：！？.":
        found.append(catalogue.violation("DOC-OUT-20", "标题末尾不加标点。", field="title"))
    return found


def _issuer_and_matter(
    document: OutgoingDocument, title: str, endings: tuple[str, ...]
) -> list[Violation]:
    """The part before 关于 names the issuing body (joint issuers may follow it); the part
    between 关于 and the kind is the matter."""
    found: list[Violation] = []
    head, _, rest = title.partition("关于")
    head = "".join(head.split())
    issuer = getattr(document, "issuer", None) if document.issuer_id else None
    names = [n for n in (getattr(issuer, "name", ""), getattr(issuer, "short_name", "")) if n]
    if not head:
        example = names[0] if names else "发文机关"
        found.append(
            catalogue.violation(
                "DOC-OUT-20",
                f"标题应写明发文机关：“{example}关于……的{endings[0]}”。",
                field="title",
            )
        )
    elif names and not any(head.startswith(n) for n in names):
        found.append(
            catalogue.violation(
                "DOC-OUT-20",
                f"标题中的发文机关“{head}”与发文机关“{names[0]}”不一致。",
                field="title",
            )
        )
    matter = rest.rstrip("。，；：！？.")
    for ending in endings:
        if matter.endswith(ending):
            matter = matter[: -len(ending)]
            break
    if not matter.removesuffix("的").strip():
        found.append(catalogue.violation("DOC-OUT-20", "标题应写明事由。", field="title"))
    return found


def check_disclosure(document: OutgoingDocument) -> list[Violation]:
    """DOC-OUT-14: 公开属性 is required; a document not public records why."""
    if not document.disclosure:
        return [catalogue.violation("DOC-OUT-14", "请标注公开属性。", field="disclosure")]
    if document.disclosure != Disclosure.PUBLIC and not document.disclosure_reason.strip():
        return [
            catalogue.violation(
                "DOC-OUT-14",
                "以公开为常态、不公开为例外：不主动公开的须说明理由。",
                field="disclosure_reason",
            )
        ]
    return []


def check_necessity(document: OutgoingDocument) -> list[Violation]:
    """DOC-OUT-2: a document not on the issuance ledger explains itself item by item."""
    if document.ledger_item_id:
        return []
    wanted = catalogue.param("DOC-OUT-2", "statement_items")
    missing = [name for name in wanted if not str(document.necessity.get(name, "")).strip()]
    if missing:
        return [
            catalogue.violation(
                "DOC-OUT-2",
                f"未列入发文清单的，须说明：{'、'.join(missing)}。",
                field="necessity",
            )
        ]
    return []


def check_questions(document: OutgoingDocument) -> tuple[list[Violation], list[Violation]]:
    """DOC-OUT-3: every question answered (a block when not); an answer that says the
    document is not needed is a warning the office sees."""
    questions = catalogue.param("DOC-OUT-3", "questions")
    blocks: list[Violation] = []
    warnings: list[Violation] = []
    unanswered = [q for q in questions if not (document.questions.get(q) or {}).get("answer")]
    if unanswered:
        blocks.append(
            catalogue.violation(
                "DOC-OUT-3", f"请逐项回答：{'；'.join(unanswered)}。", field="questions"
            )
        )
    # The answer that argues against issuing: yes, yes, yes, no.
    against = {0: "yes", 1: "yes", 2: "yes", 3: "no"}
    for index, question in enumerate(questions):
        answer = (document.questions.get(question) or {}).get("answer")
        if answer and answer == against.get(index):
            warnings.append(
                catalogue.violation("DOC-OUT-3", f"“{question}”的回答表明可不发文，请慎重。")
            )
    return blocks, warnings


def check_form(document: OutgoingDocument) -> list[Violation]:
    """DOC-OUT-4: the lowest sufficient form; a government-level or red-head document
    (rather than an office one or a letter) says why."""
    issuer_kind = getattr(document.issuer, "kind", "")
    heavier = issuer_kind == "government" or (
        document.layout == Layout.DOCUMENT and document.kind in (Kind.NOTICE, Kind.OPINION)
    )
    if heavier and not document.form_reason.strip():
        return [
            catalogue.violation(
                "DOC-OUT-4",
                "能以办公室名义的不以政府名义、能用函的不用文件：请说明为何采用此发文规格。",
                field="form_reason",
            )
        ]
    return []


def check_length(document: OutgoingDocument) -> list[Violation]:
    """DOC-OUT-5: the body's characters against the limit of its category (the count and
    the limit in the message)."""
    name = LENGTH_PARAM.get(LengthCategory(document.length_category))
    if name is None:
        return []
    limit = catalogue.param("DOC-OUT-5", name)
    if limit is None:
        return []
    count = count_characters(document.body)
    if count > limit:
        label = document.get_length_category_display()
        return [
            catalogue.violation(
                "DOC-OUT-5",
                f"正文{count}字，超过{label}文件{limit}字的篇幅上限（超出{count - limit}字）。",
                field="body",
            )
        ]
    return []


def check_consultation(document: OutgoingDocument) -> list[Violation]:
    """DOC-OUT-10: a draft touching other units' business (the rule's topics: task
    division, funds, staffing, land, planning, awards) is sent to them for written
    opinions."""
    topics = [t for t in document.consultation_topics or [] if t]
    if not topics:
        return []
    consulted = document.pk is not None and document.consulted_units.exists()
    joint = document.pk is not None and document.joint_units.exists()
    if consulted or joint:
        return []
    return [
        catalogue.violation(
            "DOC-OUT-10",
            f"文件涉及{'、'.join(topics)}，须书面征求有关单位意见：请选择征求意见单位。",
            field="consulted_units",
        )
    ]


def submission(document: OutgoingDocument) -> tuple[list[Violation], list[Violation]]:
    """(blocks, warnings) before the draft goes anywhere."""
    blocks = check_title(document) + check_disclosure(document) + check_necessity(document)
    if not document.body:
        blocks.append(Violation("DOC-OUT-20", "请填写正文。", "body"))
    if not document.drafting_unit_id:
        blocks.append(Violation("DOC-OUT-19", "请选择拟稿单位。", "drafting_unit"))
    question_blocks, question_warnings = check_questions(document)
    blocks += question_blocks + check_consultation(document)
    warnings = question_warnings + check_form(document) + check_length(document)
    return blocks, warnings


def before_signing(document: OutgoingDocument) -> list[Violation]:
    """DOC-OUT-9 (legality review passed), DOC-OUT-15 (interpretation approved),
    DOC-OUT-10 (public comment and its feedback for a draft on major public interests),
    DOC-OUT-12 (the six gates recorded)."""
    found: list[Violation] = []
    if document.is_normative and document.legality_passed is not True:
        found.append(
            catalogue.violation(
                "DOC-OUT-9",
                "规范性文件未经合法性审查或审查未通过，不得提请签发。",
            )
        )
    if document.is_policy and not (
        document.interpretation_plan.strip() and document.interpretation_approved_by_id
    ):
        found.append(
            catalogue.violation(
                "DOC-OUT-15", "政策性文件须附经起草部门主要负责人审定的解读方案和材料。"
            )
        )
    if document.is_public_interest and not (
        document.public_comment.strip() and document.public_comment_feedback.strip()
    ):
        found.append(
            catalogue.violation(
                "DOC-OUT-10",
                "涉及重大公共利益和公众权益的，须公开听取公众意见并反馈采纳情况。",
            )
        )
    gates = catalogue.param("DOC-OUT-12", "gates")
    missing = [g for g in gates if not document.gates.get(g)]
    if missing:
        found.append(
            catalogue.violation("DOC-OUT-12", f"办公室审核尚未把关：{'、'.join(missing)}。")
        )
    return found


def as_warnings(violations: list[Violation]) -> list[dict]:
    return [v.as_dict() for v in violations]
