"""PUB — services to the public the office oversees (公共服务)."""

from ..choices import CADENCES, Unit
from ..spec import choice, integer, items, number, rule

RULES = [
    rule(
        "PUB-1",
        "信访办理",
        "信访（含网上信访）登记、分类（重复件、无效件）、办理、办结，报告办结率；重信重访作为案件"
        "跟踪，实行领导包案。",
        "deadline, count",
        [("001", "一, 四(三)")],
        items("classes", "分类", ["一般件", "重复件", "无效件"]),
    ),
    rule(
        "PUB-2",
        "依申请公开答复时限",
        "依申请公开政府信息，按法定时限受理、办理、答复：自收到申请之日起20个工作日内答复，需要"
        "延长的经批准可延长20个工作日；编制并维护主动公开目录。",
        "deadline",
        [("001", "四(五)")],
        integer("reply_days", "答复时限", 20, Unit.WORKING_DAYS, min=1, max=60),
        integer("extension_days", "可延长时限", 20, Unit.WORKING_DAYS, min=0, max=60),
        phrases=("收到申请{reply_days}个工作日内答复", "延长{extension_days}个工作日"),
    ),
    rule(
        "PUB-3",
        "行政服务中心办结时限",
        "行政服务中心一般事项15个工作日内办结，特殊事项30个工作日内办结，办件办结率和群众满意率达"
        "95%以上。",
        "deadline, count",
        [("001", "四(四)")],
        integer("ordinary_days", "一般事项办结时限", 15, Unit.WORKING_DAYS, min=1, max=90),
        integer("special_days", "特殊事项办结时限", 30, Unit.WORKING_DAYS, min=1, max=180),
        number("completion_target", "办结率目标", 95.0, Unit.PERCENT, min=0, max=100),
        number("satisfaction_target", "满意率目标", 95.0, Unit.PERCENT, min=0, max=100),
        phrases=("一般事项{ordinary_days}个工作日内办结", "特殊事项{special_days}个工作日内办结"),
    ),
    rule(
        "PUB-4",
        "经济指标比较通报",
        "每季度对主要经济社会发展指标完成情况按增长速度排序，进行比较通报。",
        "count",
        [("002", "(十五)")],
        choice("cadence", "通报频次", "quarterly", CADENCES),
    ),
]
