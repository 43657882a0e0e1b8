"""INF — government information reporting (政务信息)."""

from ..choices import CADENCES, Unit
from ..spec import boolean, choice, clock, integer, items, rule

RULES = [
    rule(
        "INF-1",
        "每日要情",
        "围绕重大决策部署采取的重要举措、重要政务动态和重要社情每天收集，18:00左右上报，办公室"
        "据此每天编发《昨日要情》。",
        "deadline, count",
        [("000", "四")],
        clock("report_time", "每日报送时刻", "18:00"),
        phrases=("每日{report_time}前报送",),
    ),
    rule(
        "INF-2",
        "随时报送",
        "工作好思路、重要工作进度和成效、重大社会动态和重要社情民意可随时报送，编入《政务信息》"
        "《信息专报》；专题信息按规定报送。",
        "record",
        [("000", "四")],
        items("outlets", "刊物", ["昨日要情", "政务信息", "信息专报"]),
    ),
    rule(
        "INF-3",
        "紧急信息报送时限",
        "重大突发性事件、紧急灾情疫情、重要社会动态和重大事故等紧急信息即时上报，最迟不得晚于事件"
        "发生后3小时；重要敌情、社情、宗教动态在初步掌握情况后2小时内上报；节假日和工作时间以外"
        "由值班人员上报；续报事态进展、处置措施、原因、后果和吸取教训情况。",
        "deadline",
        [("000", "四五"), ("004", "二(一) 五(一)")],
        integer("urgent_hours", "紧急信息报送时限", 3, Unit.HOURS, min=1, max=48),
        integer("sensitive_hours", "敏感动态报送时限", 2, Unit.HOURS, min=1, max=48),
        phrases=("事发后{urgent_hours}小时内上报", "初步掌握后{sensitive_hours}小时内上报"),
    ),
    rule(
        "INF-4",
        "上报信息审核签发",
        "向上级报送的信息，须经办公室分管信息工作的负责人审定签发（市级：须经分管领导审签，必要时"
        "报主要领导审签）。",
        "block",
        [("004", "二(四) 五(一)"), ("002", "(十八)")],
        choice(
            "signer",
            "审签人",
            "office_information_leader",
            [
                ("office_information_leader", "办公室分管信息工作的负责人"),
                ("leader_in_charge", "分管领导（必要时主要领导）"),
            ],
            city="leader_in_charge",
        ),
    ),
    rule(
        "INF-5",
        "信息编写要求",
        "编写信息要主题鲜明、文题相符、言简意赅、用词规范、要素齐全、逻辑严密、条理清楚。",
        "warn",
        [("004", "二(四)")],
        items(
            "checklist", "检查要点", ["主题鲜明", "文题相符", "要素齐全", "用词规范", "言简意赅"]
        ),
    ),
    rule(
        "INF-6",
        "重要信息约稿",
        "信息部门根据工作需要向有关单位约稿，明确内容和时限；承接任务的单位按内容和时限要求及时"
        "上报。",
        "deadline",
        [("004", "五(三)")],
    ),
    rule(
        "INF-7",
        "信息计分通报",
        "按政务信息质量评价办法，对各单位报送信息每月计分考核并通报，年终汇总计入年度目标考评"
        "（市级：每季度通报报送和采用情况）。分值按刊物和采用层级（本级、市、省、国家）计，领导批示"
        "另加分，合写的信息分摊分值。",
        "count",
        [("004", "五(四)"), ("002", "(十八)")],
        choice("bulletin_cadence", "通报频次", "monthly", CADENCES, city="quarterly"),
        integer("points_local", "本级采用分值", 1, Unit.POINTS, min=0, max=100),
        integer("points_city", "市级采用分值", 3, Unit.POINTS, min=0, max=100),
        integer("points_province", "省级采用分值", 5, Unit.POINTS, min=0, max=100),
        integer("points_national", "国家级采用分值", 10, Unit.POINTS, min=0, max=100),
        integer("instruction_bonus", "领导批示加分", 5, Unit.POINTS, min=0, max=100),
        boolean("split_joint", "合写信息分摊分值", True),
        kind_note="分值依据文件未规定，默认值可按本地评价办法调整",
    ),
    rule(
        "INF-8",
        "评比表彰",
        "每年评选政府系统优秀信息工作单位和优秀信息工作者并予表彰。",
        "count",
        [("004", "五(五)"), ("002", "(十八)")],
        choice("cadence", "评选频次", "yearly", CADENCES),
    ),
    rule(
        "INF-9",
        "领导批示督办反馈",
        "领导在信息刊物上作出批示后，涉及的部门和单位抓好督办落实并及时反馈（见SUP-12）。",
        "flow",
        [("004", "五(二)")],
    ),
    rule(
        "INF-10",
        "采用率与批示率",
        "按单位统计上报信息的采用率和领导批示率。",
        "count",
        [("004", "三(三)")],
    ),
]
