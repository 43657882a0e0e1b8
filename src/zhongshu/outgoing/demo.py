"""Demo outgoing documents for the 示范区, each taken through the real services to the
state it shows: published (normative, with its filing deadline), issued not public, a
letter, one waiting for two deputy heads' signatures in turn, one in office review, one
in consultation, one draft. Idempotent: a title that exists is not created again."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from zhongshu.accounts.models import User
from zhongshu.org.models import Portfolio, Unit

from . import services
from .choices import LengthCategory, State, StepKind
from .models import OutgoingDocument

GATES = ["政治关", "政策关", "法律关", "内容关", "格式关", "文字关"]
QUESTIONS = {
    "法律法规规章或现行文件是否已有明确规定": {"answer": "no", "note": "现行文件未作具体规定"},
    "能否由部门发文、部门联合发文或议事协调机构发文": {"answer": "no", "note": "涉及全区多个部门"},
    "是否照抄照搬上位文件": {"answer": "no", "note": "结合本区实际细化"},
    "是否有实质内容": {"answer": "yes", "note": "明确了任务、分工和时限"},
}
NECESSITY = {
    "主要依据": "《市人民政府关于进一步加强财政资金管理的意见》",
    "主体框架": "总则、资金分配、使用管理、监督检查、附则",
    "重点内容": "专项资金全过程绩效管理",
    "政策措施": "预算绩效目标审核、资金拨付动态监控",
    "参与部门": "区财政局、区审计局、各资金使用单位",
    "完成时限": "2026年12月底前印发",
}


def _body(topic: str, sections: list[tuple[str, list[str]]]) -> list[dict]:
    body = [{"level": 0, "text": f"为{topic}，结合我区实际，现就有关事项通知如下。"}]
    numerals = "一二三四五六七八九十"
    for i, (heading, items) in enumerate(sections):
        body.append({"level": 1, "text": f"{numerals[i]}、{heading}"})
        for j, item in enumerate(items):
            body.append({"level": 2, "text": f"（{numerals[j]}）{item}"})
            body.append(
                {
                    "level": 0,
                    "text": f"各单位要高度重视{item.rstrip('。')}工作，明确责任分工，细化工作措施，"
                    "确保各项任务按时保质完成，并于每季度末将进展情况报区政府办公室。",
                }
            )
    return body


DOCS: list[dict[str, Any]] = [
    {
        "drafter": "czj_lly",
        "target": State.PUBLISHED,
        "data": {
            "title": "示范区人民政府办公室关于印发示范区财政专项资金管理办法的通知",
            "main_recipients": "各街道办事处，区政府各部门，各直属单位",
            "copy_to": "区委办公室，区人大常委会办公室，区政协办公室",
            "is_normative": True,
            "body": _body(
                "加强财政专项资金管理，提高资金使用效益",
                [
                    ("总体要求", ["坚持统筹兼顾、突出重点。", "坚持绩效导向、强化监督。"]),
                    ("主要措施", ["严格预算绩效目标审核。", "实行资金拨付动态监控。"]),
                    ("保障措施", ["加强组织领导。", "强化监督检查。"]),
                ],
            ),
            "attachment_notes": ["示范区财政专项资金管理办法"],
            "consulted": ["示范区审计局"],
        },
    },
    {
        "drafter": "jyj_lly",
        "target": State.SIGNING,
        "data": {
            "title": "示范区人民政府办公室关于加强校园及周边安全管理工作的通知",
            "main_recipients": "各街道办事处，区教育局、区公安分局、区市场监管局",
            "portfolios": ["陈晓东", "赵国强"],
            "body": _body(
                "切实加强校园及周边安全管理",
                [("重点任务", ["开展校园周边环境整治。", "加强上下学时段交通疏导。"])],
            ),
        },
    },
    {
        "drafter": "zjw_lly",
        "target": State.FIRST_REVIEW,
        "data": {
            "title": "示范区人民政府办公室关于推进老旧小区改造工作的通知",
            "main_recipients": "各街道办事处，区住建委、区城管委、区规划分局",
            "body": _body("推进老旧小区改造", [("改造内容", ["基础类改造。", "完善类改造。"])]),
        },
    },
    {
        "drafter": "wjw_lly",
        "target": State.CONSULTATION,
        "data": {
            "title": "示范区人民政府办公室关于做好冬春季传染病防控工作的通知",
            "main_recipients": "各街道办事处，区政府各部门",
            "body": _body("做好冬春季传染病防控工作", [("防控重点", ["强化监测预警。"])]),
            "consulted": ["示范区教育局", "示范区民政局"],
        },
    },
    {
        "drafter": "msk_2",
        "target": State.PUBLISHED,
        "data": {
            "kind": "letter",
            "layout": "letter",
            "title": "示范区人民政府办公室关于商请支持滨河生态廊道建设的函",
            "main_recipients": "市生态环境局",
            "copy_to": "",
            "body": [
                {
                    "level": 0,
                    "text": "为推进滨河生态廊道建设，恳请贵局在项目环评审批、专项资金安排等方面给予支持。",
                },
                {"level": 0, "text": "特此函商，请予支持。"},
            ],
        },
    },
    {
        "drafter": "wlj_lly",
        "target": State.DRAFTING,
        "data": {
            "title": "示范区人民政府办公室关于举办2026年文化惠民季活动的通知",
            "main_recipients": "各街道办事处，区文旅局",
            "body": _body("丰富群众文化生活", [("活动安排", ["广场文艺演出。"])]),
        },
    },
]


def _users() -> dict[str, User]:
    return {u.username: u for u in User.objects.select_related("person__unit", "person__section")}


def _user_of(users: dict[str, User], person) -> User:
    return next(u for u in users.values() if u.person_id == person.pk)


def _advance(doc: OutgoingDocument, target: str, users: dict[str, User]) -> None:
    order = [
        State.DRAFTING, State.CONSULTATION, State.COUNTERSIGN, State.LEGALITY_REVIEW,
        State.FIRST_REVIEW, State.AFFAIRS_REVIEW, State.DIRECTOR_REVIEW, State.TEXT_REVIEW,
        State.SIGNING, State.RECHECK, State.NUMBERING, State.DISTRIBUTION, State.ISSUED,
        State.PUBLISHED,
    ]  # fmt: skip
    drafter = _user_of(users, doc.drafter)
    for _ in range(40):
        if doc.state == target or order.index(doc.state) >= order.index(target):
            return
        state = doc.state
        if state == State.DRAFTING:
            services.submit(actor=drafter, document=doc)
        elif state == State.CONSULTATION:
            for step in services.pending_steps(doc, StepKind.CONSULTATION).select_related("unit"):
                unit_user = users[f"{_code(step.unit)}_lly"]
                services.give_opinion(actor=unit_user, step=step, agreed=True, opinion="无意见")
            services.finish_consultation(actor=drafter, document=doc)
        elif state == State.LEGALITY_REVIEW:
            services.legality_review(
                actor=users["fzk_0"],
                document=doc,
                passed=True,
                opinion="经审查，未发现违反上位法的内容。",
            )
        elif state in (State.FIRST_REVIEW, State.TEXT_REVIEW):
            services.office_review(actor=users["msk_0"], document=doc, opinion="同意", gates=GATES)
        elif state == State.AFFAIRS_REVIEW:
            services.office_review(actor=users["zwk_0"], document=doc, opinion="同意")
        elif state == State.DIRECTOR_REVIEW:
            step = services.pending_steps(doc, StepKind.OFFICE_REVIEW).first()
            services.office_review(actor=_user_of(users, step.person), document=doc, opinion="同意")
        elif state == State.SIGNING:
            step = services.current_signing_step(doc)
            services.sign(actor=_user_of(users, step.person), document=doc, opinion="同意印发")
        elif state == State.RECHECK:
            services.recheck(actor=users["mishuke"], document=doc, substantive_change=False)
        elif state == State.NUMBERING:
            services.assign_number(actor=users["mishuke"], document=doc)
        elif state == State.DISTRIBUTION:
            services.issue(actor=users["mishuke"], document=doc)
        else:
            return


def _code(unit: Unit) -> str:
    """The demo code of a unit (its accounts are named after it), by the unit's name: a
    cache keyed by primary key would outlive the database it was read from."""
    from zhongshu.org.demo import data

    return next(code for code, name, *_ in data.UNITS if name == unit.name)


@transaction.atomic
def load_demo(*, stdout) -> None:
    users = _users()
    office = Unit.objects.get(name="示范区人民政府办公室")
    created = 0
    for spec in DOCS:
        data = dict(spec["data"])
        if OutgoingDocument.objects.filter(title=data["title"]).exists():
            continue
        consulted = [Unit.objects.get(name=n) for n in data.pop("consulted", [])]
        portfolios = list(
            Portfolio.objects.filter(leader__name__in=data.pop("portfolios", []), kind="government")
        )
        values = {
            "issuer": office,
            "necessity": NECESSITY,
            "questions": QUESTIONS,
            "form_reason": "涉及多个部门，以区政府办公室名义印发",
            "length_category": LengthCategory.SPECIAL,
            "disclosure": "public",
            "consulted_units": consulted,
            "portfolios": portfolios,
            **data,
        }
        doc = services.create_draft(actor=users[spec["drafter"]], data=values)
        _advance(doc, spec["target"], users)
        created += 1
    stdout.write(f"发文：新增 {created} 件\n" if created else "发文：已存在，未作改动\n")
