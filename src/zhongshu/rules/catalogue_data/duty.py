"""DUTY — duty and emergencies (值班与应急)."""

from ..choices import CADENCES, Unit
from ..spec import choice, integer, items, rule

RULES = [
    rule(
        "DUTY-1",
        "24小时值班",
        "保证昼夜24小时有人值班，坚决杜绝空岗、脱岗；办公室工作人员轮流值班。",
        "block (roster gaps)",
        [("000", "五"), ("002", "(十一)")],
        integer("min_on_duty", "每班最少在岗人数", 1, Unit.PEOPLE, min=1, max=20),
        kind_note="值班表有空档时拒绝",
    ),
    rule(
        "DUTY-2",
        "领导带班",
        "局级领导在公休日、节假日和特殊时期在岗带班，加强检查抽查；脱岗、空岗的记录并通报。",
        "block / record",
        [("000", "五"), ("001", "一")],
        items("lead_on", "须领导带班的时段", ["公休日", "节假日", "特殊时期"]),
    ),
    rule(
        "DUTY-3",
        "值班电话",
        "值班专线电话24小时有人值守，每个来电登记；发现苗头性、普遍性问题的来电标注并及时报告。",
        "record",
        [("000", "五")],
    ),
    rule(
        "DUTY-4",
        "突发事件报告",
        "紧急重大情况在弄清情况的基础上，将事件发生的地点、时间、人员伤亡、损失程度、涉及范围、"
        "原因等，以电话、传真或派专人报送等方式随时报告，最迟不得晚于事件发生后3小时；重要敌情、"
        "社情、宗教动态在初步掌握后2小时内上报。时限按事件等级（特别重大、重大、较大、一般）和报送"
        "方式（先电话、后书面）设定；以终报结束事件。",
        "deadline, block (missing elements)",
        [("000", "五")],
        integer("report_hours", "首报时限", 3, Unit.HOURS, min=1, max=48),
        integer("sensitive_hours", "敏感动态报告时限", 2, Unit.HOURS, min=1, max=48),
        integer("grade_1_hours", "特别重大事件首报时限", 3, Unit.HOURS, min=1, max=48),
        integer("grade_2_hours", "重大事件首报时限", 3, Unit.HOURS, min=1, max=48),
        integer("grade_3_hours", "较大事件首报时限", 3, Unit.HOURS, min=1, max=48),
        integer("grade_4_hours", "一般事件首报时限", 3, Unit.HOURS, min=1, max=48),
        items("elements", "报告要素", ["地点", "时间", "人员伤亡", "损失程度", "涉及范围", "原因"]),
        items("channels", "报送方式", ["电话", "传真", "专人报送"]),
        phrases=("事发后{report_hours}小时内报告", "初步掌握后{sensitive_hours}小时内上报"),
        kind_note="缺少要素时拒绝",
    ),
    rule(
        "DUTY-5",
        "不得迟报、漏报、瞒报、谎报",
        "突发事件信息不得迟报、漏报、瞒报、谎报；迟报的自动识别并落实到单位。",
        "count",
        [("000", "五"), ("001", "三(五)")],
    ),
    rule(
        "DUTY-6",
        "落实情况日报",
        "对领导关注或批示的突发事件信息，实行落实情况日报制。",
        "deadline",
        [("002", "(十一)")],
        choice("cadence", "报告频次", "daily", CADENCES),
    ),
    rule(
        "DUTY-7",
        "上级指令限时反馈",
        "对上级的指令和要求，及时研究处理，限时反馈。",
        "deadline",
        [("002", "(十一)")],
    ),
    rule(
        "DUTY-8",
        "应急预案",
        "建立和管理总体、专项和部门应急预案，并组织演练。",
        "record",
        [("001", "三")],
        items("plan_kinds", "预案类别", ["总体应急预案", "专项应急预案", "部门应急预案"]),
    ),
    rule(
        "DUTY-9",
        "预警信息发布渠道",
        "充分利用广播、电视、互联网、手机短信等各种媒体和手段，及时发布预警信息。",
        "record",
        [("001", "三(五)")],
        items("channels", "发布渠道", ["广播", "电视", "互联网", "手机短信"]),
    ),
]
