"""The organisation's own refusal codes. RULES.md numbers the office's working rules;
keeping the organisation consistent is ours, so these codes live here. Each is a
machine-readable name (API ``errors[].rule``, tests, the UI beside the message)."""

from __future__ import annotations

from typing import NoReturn

from django.utils.translation import gettext_lazy as _

from zhongshu.framework.errors import RuleViolation, Violation

MESSAGES = {
    "ORG-UNIT-NAME": _("已有同名的在用单位“{name}”。"),
    "ORG-UNIT-CYCLE": _("不能把单位移到它自己或它的下级单位之下。"),
    "ORG-UNIT-DEPTH": _("单位层级过深。"),
    "ORG-UNIT-PARENT": _("上级单位“{name}”已归档。"),
    "ORG-UNIT-HOST": _("牵头部门不能是本单位，且必须是在用单位。"),
    "ORG-UNIT-NOT-EMPTY": _("“{name}”下仍有在用的下级单位、挂靠机构或在册人员，不能归档。"),
    "ORG-ARCHIVED": _("“{name}”已归档。"),
    "ORG-NOT-ARCHIVED": _("“{name}”未归档。"),
    "ORG-SECTION-NAME": _("本单位已有名为“{name}”的科室。"),
    "ORG-SECTION-UNIT": _("科室“{name}”不属于所选单位。"),
    "ORG-SECTION-NOT-EMPTY": _("科室“{name}”仍有在册人员，不能归档。"),
    "ORG-SERIES-CODE": _("代字“{code}”已存在（代字不可重复使用）。"),
    "ORG-POST-CODE": _("职务代码“{code}”已存在。"),
    "ORG-PERSON-UNIT": _("单位“{name}”已归档，不能在其中登记人员。"),
    "ORG-PERSON-PORTFOLIO": _("“{name}”仍有在用的分管，请先调整分管后再归档。"),
    "ORG-POSITION-DUPLICATE": _("“{name}”已担任该职务。"),
    "ORG-POSITION-ENDED": _("该任职已于 {date} 结束。"),
    "ORG-POSITION-DATES": _("免职日期不能早于任职日期。"),
    "ORG-PORTFOLIO-LEADER": _("分管领导须为在用人员，且担任领导职务。"),
    "ORG-PORTFOLIO-EMPTY": _("请至少填写一个分管领域或分管单位。"),
    "ORG-PORTFOLIO-DATES": _("结束日期须晚于开始日期。"),
    "ORG-PORTFOLIO-ENDED": _("该分管已结束。"),
    "ORG-DELEGATION-PERIOD": _("委托期限无效：结束时间须晚于开始时间，且晚于当前时间。"),
    "ORG-DELEGATION-SELF": _("不能委托给本人。"),
    "ORG-DELEGATION-PERSON": _("委托人和受托人须为在用人员。"),
    "ORG-DELEGATION-OVERLAP": _("该期间内已有{delegator}对{delegate}的委托。"),
    "ORG-DELEGATION-CLOSED": _("该委托已撤销或已到期。"),
    "ORG-IMPORT-ROW": _("第{row}行：{message}"),
}


def violation(rule: str, field: str | None = None, **params: object) -> Violation:
    return Violation(rule, str(MESSAGES[rule]).format(**params), field)


def refuse(rule: str, field: str | None = None, *, status: int = 422, **params: object) -> NoReturn:
    """Raise a one-violation ``RuleViolation`` (``status`` 409 when the state forbids it)."""
    raise RuleViolation([violation(rule, field, **params)], status=status)
