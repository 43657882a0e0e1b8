"""The demo district's people as the tests use them, and a draft factory."""

from __future__ import annotations

from typing import Any

from zhongshu.accounts.models import User
from zhongshu.documents.choices import Kind
from zhongshu.org.models import Unit

from .. import services
from ..choices import LengthCategory

QUESTIONS_NO = {
    "法律法规规章或现行文件是否已有明确规定": {"answer": "no", "note": "现行文件未作规定"},
    "能否由部门发文、部门联合发文或议事协调机构发文": {"answer": "no", "note": "涉及多个部门"},
    "是否照抄照搬上位文件": {"answer": "no", "note": "结合本区实际"},
    "是否有实质内容": {"answer": "yes", "note": "明确了措施和分工"},
}
NECESSITY = {
    "主要依据": "《市人民政府关于进一步优化营商环境的意见》",
    "主体框架": "总体要求、主要任务、保障措施",
    "重点内容": "审批时限压缩",
    "政策措施": "一网通办",
    "参与部门": "区审批局、区财政局",
    "完成时限": "2026年12月底",
}
BODY = [
    {"level": 0, "text": "为进一步优化营商环境，结合我区实际，现就有关事项通知如下。"},
    {"level": 1, "text": "一、总体要求"},
    {"level": 0, "text": "坚持以企业和群众需求为导向，压减审批时限，提升服务效能。"},
    {"level": 2, "text": "（一）压缩审批时限。"},
    {"level": 0, "text": "企业开办时间压缩至1个工作日以内。"},
    {"level": 3, "text": "1.推行一网通办。"},
    {"level": 4, "text": "（1）全面推行电子证照。"},
]


class Demo:
    def __init__(self) -> None:
        self.users = {
            u.username: u for u in User.objects.select_related("person__unit", "person__section")
        }
        self.units = {u.name: u for u in Unit.objects.all()}

    def user(self, username: str) -> User:
        return self.users[username]

    def unit(self, name: str) -> Unit:
        return self.units[name]

    @property
    def office(self) -> Unit:
        return self.unit("示范区人民政府办公室")

    @property
    def gov(self) -> Unit:
        return self.unit("示范区人民政府")

    def draft(self, username: str = "czj_lly", **data: Any):
        user = self.user(username)
        values: dict[str, Any] = {
            "kind": Kind.NOTICE,
            "issuer": self.office,
            "title": "示范区人民政府办公室关于进一步优化营商环境的通知",
            "main_recipients": "各街道办事处，区政府各部门",
            "body": BODY,
            "attachment_notes": ["优化营商环境任务分工表"],
            "disclosure": "public",
            "necessity": NECESSITY,
            "questions": QUESTIONS_NO,
            "form_reason": "涉及全区各部门，需以办公室文件印发",
            "length_category": LengthCategory.SPECIAL,
        }
        values.update(data)
        return services.create_draft(actor=user, data=values)
