"""SUP — supervision and follow-up (督查督办)."""

from ..choices import CADENCES, Unit
from ..spec import choice, clock, integer, items, rule

S = "003s"

RULES = [
    rule(
        "SUP-1",
        "督查事项来源",
        "督查事项包括：市政府或市政府办公厅、市政府督查室部署下达的督查任务（实地督查、书面反馈，"
        "含督查系统）；区政府重点工作（政府工作报告）；常务会议、区长办公会议议定事项；按领导批示"
        "或会议决定开展的专项督查；城市管理督查考核；人大代表建议和政协委员提案；有时限要求、需"
        "回告的领导批示。",
        "record",
        [(S, "一"), ("002", "(十二)(十三)")],
        items(
            "sources",
            "事项来源",
            [
                "市级督查任务",
                "区政府重点工作",
                "会议议定事项",
                "专项督查",
                "城市管理督查",
                "建议提案",
                "领导批示",
            ],
        ),
    ),
    rule(
        "SUP-2",
        "市级来区实地督查",
        "接到督查通知后2个工作日内提出拟办意见，明确责任单位和工作要求，报办公室领导审定；组织"
        "相关单位全面自查并书面报告（总体进展、问题困难、意见建议、下一步措施），汇总形成全区自查"
        "报告；落实督查点位、召开迎检准备会、制定接待方案；督查后列出问题清单，跟踪督查直至整改"
        "到位。",
        "deadline, flow",
        [(S, "二(一)1")],
        integer("proposal_days", "提出拟办意见时限", 2, Unit.WORKING_DAYS, min=1, max=10),
        phrases=("接到通知{proposal_days}个工作日内提出拟办意见",),
    ),
    rule(
        "SUP-3",
        "市级书面反馈督查",
        "接到督查通知后2个工作日内提出拟办意见；拟办意见批准后2个工作日内制发督查通知；责任单位"
        "自查，对市里强调的重点开展专项督查；汇总各单位自查报告后5个工作日内形成全区总体情况报告，"
        "履行办文程序按时上报；问题清单跟踪督办。",
        "deadline, flow",
        [(S, "二(一)2")],
        integer("proposal_days", "提出拟办意见时限", 2, Unit.WORKING_DAYS, min=1, max=10),
        integer("notice_days", "制发督查通知时限", 2, Unit.WORKING_DAYS, min=1, max=10),
        integer("report_days", "形成总体报告时限", 5, Unit.WORKING_DAYS, min=1, max=30),
        phrases=(
            "接到通知{proposal_days}个工作日内提出拟办意见",
            "批准后{notice_days}个工作日内制发督查通知",
            "汇总后{report_days}个工作日内形成报告",
        ),
    ),
    rule(
        "SUP-4",
        "区政府重点工作督查",
        "政府工作报告通过后，逐项分解督查事项，明确分管区长、责任单位、工作标准和时限，与市级会议"
        "精神、区委工作要点对标对表，形成督查台账；台账经审议通过后3个工作日内以通知印发；每季"
        "全面检查、随时跟踪督查、年度考核；每次督查后向主要领导报送督查报告（进展、问题及原因）。",
        "deadline, count",
        [(S, "二(二)")],
        integer("notice_days", "台账印发时限", 3, Unit.WORKING_DAYS, min=1, max=20),
        choice("inspection_cadence", "全面检查频次", "quarterly", CADENCES),
        phrases=("台账通过后{notice_days}个工作日内印发",),
    ),
    rule(
        "SUP-5",
        "会议议定事项督办",
        "会后将议定事项纳入工作台账，实行销号管理；接到事项清单2个工作日内拟办通知责任单位；逾期"
        "未办结的及时催办；严格审核上报的落实情况；经催办仍进展缓慢的列为重点督办事项并实地督查；"
        "落实情况通过《督查报告》呈报区政府领导。",
        "deadline, remind",
        [(S, "二(三)")],
        integer("transfer_days", "转办通知时限", 2, Unit.WORKING_DAYS, min=1, max=10),
        integer(
            "promote_after_chases",
            "经催办仍缓慢列为重点督办的催办次数",
            2,
            Unit.TIMES,
            min=1,
            max=10,
            help="依据文件未规定次数，可按本地要求调整。",
        ),
        phrases=("接到清单{transfer_days}个工作日内转办",),
    ),
    rule(
        "SUP-6",
        "专项督查",
        "根据领导批示、会议决定或工作需要立项；制定督查方案报领导审定；制发《督查通知》，载明督查"
        "依据、时间、对象、内容、形式和反馈方式；采取实地查看、座谈、查验资料、明察暗访等方式；"
        "情况汇总后5个工作日内完成督查报告；通报表扬和批评，督查专报有领导批示的连同批示刊发；跟踪"
        "督促整改。",
        "deadline, flow",
        [(S, "二(四)")],
        integer("report_days", "督查报告时限", 5, Unit.WORKING_DAYS, min=1, max=30),
        phrases=("情况汇总后{report_days}个工作日内完成督查报告",),
    ),
    rule(
        "SUP-7",
        "城市管理督查考核",
        "两次督办复查整改不到位的问题形成问题台账报督查室；督查室立即下发限期整改督办单；整改时限"
        "为2个工作日（48小时），并于第3日12:00前报送整改情况，逾期不报视为未整改；每月通报，按月"
        "考核扣分，纳入城市管理考核总成绩。",
        "deadline, count",
        [(S, "二(五)")],
        integer("reinspections", "转入督查室前的督办复查次数", 2, Unit.TIMES, min=1, max=10),
        integer("rectify_hours", "整改时限", 48, Unit.HOURS, min=1, max=720),
        integer("report_day", "报送整改情况的日次（第N日）", 3, Unit.CALENDAR_DAYS, min=1, max=30),
        clock("report_time", "报送整改情况的截止时刻", "12:00"),
        choice("bulletin_cadence", "通报频次", "monthly", CADENCES),
        phrases=("{rectify_hours}小时内整改、第{report_day}日{report_time}前报送",),
    ),
    rule(
        "SUP-8",
        "四个清单台账管理",
        "建立任务清单、责任清单、措施清单、成果清单，逐项明确任务内容、目标要求、完成时限、牵头"
        "部门、配合部门，落实组织措施、工作措施、保障措施，跟踪进展和完成效果，实行台账式、销号式"
        "管理。",
        "record",
        [(S, "三(二)")],
        items("lists", "清单", ["任务清单", "责任清单", "措施清单", "成果清单"]),
    ),
    rule(
        "SUP-9",
        "督办单",
        "对进展不快、没有完成计划或可能完不成任务的，下发《督办单》，要求责任单位分析进度、查找"
        "问题、说明原因，提出措施和时限，跟踪督查直至落实；综合运用回头看、再督查、联合督查、抽样"
        "督查等方法。",
        "flow",
        [(S, "三(三)(四)")],
        integer(
            "response_days",
            "责任单位回复督办单时限",
            3,
            Unit.WORKING_DAYS,
            min=1,
            max=20,
            help="依据文件未规定时限，可按本地要求调整。",
        ),
    ),
    rule(
        "SUP-10",
        "考核与问责建议",
        "督查落实情况纳入政府部门绩效考核；工作进度严重滞后、整改久拖不改的，提出问责建议，移交"
        "纪检监察部门。",
        "count, record",
        [(S, "三(五)"), ("002", "(十四)")],
        integer("base_score", "考核基础分", 100, Unit.POINTS, min=0, max=1000),
        integer("on_time_points", "按时办结加分（每项）", 1, Unit.POINTS, min=0, max=100),
        integer("late_points", "超期办结扣分（每项）", 2, Unit.POINTS, min=0, max=100),
        integer("overdue_points", "期末仍超期未办结扣分（每项）", 3, Unit.POINTS, min=0, max=100),
        integer("not_rectified_points", "逾期未整改扣分（每项）", 5, Unit.POINTS, min=0, max=100),
        integer("quality_points", "办理质量差扣分（每项）", 2, Unit.POINTS, min=0, max=100),
        integer("severe_lag_days", "严重滞后：超期日数", 30, Unit.CALENDAR_DAYS, min=1, max=365),
        integer("repeat_not_rectified", "久拖不改：期内未整改次数", 2, Unit.TIMES, min=1, max=20),
    ),
    rule(
        "SUP-11",
        "一月一督查、一季一通报（市级）",
        "市政府重大事项一月一督查，常务会议决议落实情况一季一通报，通报结果与绩效考核挂钩。",
        "count, remind",
        [("002", "(十四)")],
        choice("major_cadence", "重大事项督查频次", "monthly", CADENCES),
        choice("decision_bulletin_cadence", "会议决议落实通报频次", "quarterly", CADENCES),
        profiles=frozenset({"city"}),
    ),
    rule(
        "SUP-12",
        "领导批示限时办结、回告",
        "领导批示实行限时办结和回告制度，跟踪督办，适时回访抽查，确保事事有着落、件件有回音。",
        "deadline, remind",
        [("000", "二"), ("002", "(十二)")],
        integer(
            "report_back_days",
            "批示未定时限时的回告时限",
            5,
            Unit.WORKING_DAYS,
            min=1,
            max=60,
            help="依据文件未规定时限，领导批示未写明时限时采用。",
        ),
    ),
    rule(
        "SUP-13",
        "建议提案办理",
        "人大代表建议、政协委员提案交承办单位办理，督促提高办理质量，按时答复。依据文件未规定时限，"
        "默认按国家规定自交办之日起3个月内答复，会办单位1个月内向主办单位提出会办意见。",
        "deadline",
        [("000", "二"), ("002", "(十三)")],
        integer("reply_months", "答复时限", 3, Unit.MONTHS, min=1, max=12),
        integer("co_handler_months", "会办意见时限", 1, Unit.MONTHS, min=1, max=6),
        phrases=("交办之日起{reply_months}个月内答复", "会办单位{co_handler_months}个月内提出意见"),
    ),
    rule(
        "SUP-14",
        "反馈及时、真实",
        "督查结果及时上报和反馈，讲真话、报实情；领导交办事项按要求及时反馈。",
        "record",
        [("000", "二")],
    ),
    rule(
        "SUP-15",
        "目标责任全过程跟踪",
        "政府工作报告任务分解、目标责任书、部门责任目标实行全过程跟踪和动态管理，及时发现正反典型"
        "予以通报。",
        "count",
        [("002", "(十七)")],
    ),
    rule(
        "SUP-16",
        "预警颜色",
        "每个未办结事项显示预警颜色：正常为绿色；临近时限（3个工作日内）或进度落后于计划为黄色；"
        "超期为红色，红色保持至销号。",
        "count",
        [(S, "三(四)")],
        integer("yellow_days", "临近时限的工作日数", 3, Unit.WORKING_DAYS, min=0, max=30),
        integer(
            "lag_points",
            "进度落后的百分点",
            20,
            Unit.PERCENT,
            min=0,
            max=100,
            help="实际进度比按时间推算的应达进度落后超过该百分点即为黄色。依据文件未规定数值，可按本地要求调整。",
        ),
        phrases=("距时限{yellow_days}个工作日内为黄色",),
    ),
]
