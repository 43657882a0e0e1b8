"""The demo district: 示范区人民政府, its office, departments, sub-districts, leaders,
portfolios and staff. Data only; ``loader.py`` writes it through the services.

Every demo account shares one documented password (it meets the password policy):
"""

from __future__ import annotations

from ..choices import PortfolioKind, SectionKind, SeriesKind, UnitKind

DEMO_PASSWORD = "Demo@2026"

# code, full name, short name, kind, parent code, host code
UNITS = [
    ("city", "市人民政府", "市政府", UnitKind.HIGHER, None, None),
    ("city_office", "市人民政府办公室", "市政府办", UnitKind.HIGHER, "city", None),
    ("gov", "示范区人民政府", "区政府", UnitKind.GOVERNMENT, None, None),
    ("office", "示范区人民政府办公室", "区政府办", UnitKind.OFFICE, "gov", None),
]
DEPARTMENTS = [
    ("fgw", "发展和改革委员会", "区发改委"),
    ("czj", "财政局", "区财政局"),
    ("jyj", "教育局", "区教育局"),
    ("gaj", "公安分局", "区公安分局"),
    ("mzj", "民政局", "区民政局"),
    ("sfj", "司法局", "区司法局"),
    ("rsj", "人力资源和社会保障局", "区人社局"),
    ("zjw", "住房和城乡建设委员会", "区住建委"),
    ("cgw", "城市管理委员会", "区城管委"),
    ("jtj", "交通运输局", "区交通局"),
    ("swj", "水务局", "区水务局"),
    ("nyw", "农业农村委员会", "区农业农村委"),
    ("swuj", "商务局", "区商务局"),
    ("wlj", "文化和旅游局", "区文旅局"),
    ("wjw", "卫生健康委员会", "区卫健委"),
    ("yjj", "应急管理局", "区应急局"),
    ("sjj", "审计局", "区审计局"),
    ("scj", "市场监督管理局", "区市场监管局"),
    ("tjj", "统计局", "区统计局"),
    ("sthj", "生态环境局", "区生态环境局"),
    ("ghj", "规划和自然资源分局", "区规划分局"),
    ("tyj", "退役军人事务局", "区退役军人局"),
    ("ybj", "医疗保障局", "区医保局"),
    ("xfb", "信访办公室", "区信访办"),
    ("spj", "行政审批局", "区审批局"),
]
SUBDISTRICTS = [
    ("dcjd", "东城"),
    ("xcjd", "西城"),
    ("nhjd", "南湖"),
    ("byjd", "北苑"),
    ("xhjd", "新华"),
    ("hpjd", "和平"),
    ("jsjd", "建设"),
    ("bhjd", "滨河"),
]
UNITS += [(c, f"示范区{n}", s, UnitKind.DEPARTMENT, "gov", None) for c, n, s in DEPARTMENTS]
UNITS += [
    (c, f"示范区{n}街道办事处", f"{n}街道", UnitKind.SUBDISTRICT, "gov", None)
    for c, n in SUBDISTRICTS
]
UNITS += [
    ("awh", "示范区安全生产委员会", "区安委会", UnitKind.COORDINATING_BODY, "gov", "yjj"),
    ("saw", "示范区食品安全委员会", "区食安委", UnitKind.COORDINATING_BODY, "gov", "scj"),
]

# unit code, series code, kind, description
SERIES_CODES = [
    ("gov", "示政发", SeriesKind.DOCUMENT, "区政府发文"),
    ("gov", "示政函", SeriesKind.DOCUMENT, "区政府函"),
    ("gov", "示政令", SeriesKind.ORDER, "区政府令（不按年重置）"),
    ("office", "示政办发", SeriesKind.DOCUMENT, "区政府办公室发文"),
    ("office", "示政办函", SeriesKind.DOCUMENT, "区政府办公室函"),
    ("fgw", "示发改发", SeriesKind.DOCUMENT, ""),
    ("czj", "示财发", SeriesKind.DOCUMENT, ""),
    ("jyj", "示教发", SeriesKind.DOCUMENT, ""),
]

# code, name, kind: the office's sections
OFFICE_SECTIONS = [
    ("msk", "秘书科", SectionKind.SECRETARIAT),
    ("zwk", "政务科", SectionKind.GOVERNMENT_AFFAIRS),
    ("hwk", "会务联络科", SectionKind.MEETING_LIAISON),
    ("dcs", "督查室", SectionKind.SUPERVISION),
    ("yjs", "研究室", SectionKind.RESEARCH),
    ("xxk", "信息科", SectionKind.INFORMATION),
    ("zbs", "值班室", SectionKind.DUTY),
    ("fzk", "法制科", SectionKind.LEGAL),
]
UNIT_OFFICE_SECTION = "办公室"  # every department and sub-district has one (综合科)

# Roles an office section's staff hold, besides office_staff.
SECTION_ROLES = {
    "msk": ("secretariat_clerk",),
    "dcs": ("supervision_officer",),
    "xxk": ("information_officer",),
    "zbs": ("duty_officer",),
}
# The post a section's staff hold (科员 unless named here).
SECTION_STAFF_POST = {"xxk": "information_officer", "zbs": "duty_officer"}


# username, name, post code, unit code, roles
LEADERS = [
    ("quzhang", "王建国", "head", "gov", ("government_leader",)),
    ("changwu", "李振华", "executive_deputy_head", "gov", ("government_leader",)),
    ("fuquzhang1", "陈晓东", "deputy_head", "gov", ("government_leader",)),
    ("fuquzhang2", "赵国强", "deputy_head", "gov", ("government_leader",)),
    ("fuquzhang3", "刘素梅", "deputy_head", "gov", ("government_leader",)),
    ("fuquzhang4", "孙立新", "deputy_head", "gov", ("government_leader",)),
    ("zhuren", "周文斌", "office_director", "office", ("office_leader",)),
    ("fuzhuren1", "吴海燕", "deputy_office_director", "office", ("office_leader",)),
    ("fuzhuren2", "郑志刚", "deputy_office_director", "office", ("office_leader",)),
    ("fuzhuren3", "黄丽娟", "deputy_office_director", "office", ("office_leader",)),
]

# section code → (chief, staff…); the usernames of notable staff are named here
SECTION_PEOPLE = {
    "msk": ["林静", "马晓燕", "何俊杰"],
    "zwk": ["高志远", "罗明", "梁雪"],
    "hwk": ["宋佳", "谢宇航", "唐敏"],
    "dcs": ["许国华", "韩冰", "冯磊"],
    "yjs": ["邓文涛", "曹雅琴", "彭浩"],
    "xxk": ["曾红", "肖鹏", "田甜"],
    "zbs": ["董卫东", "袁野", "潘婷"],
    "fzk": ["于洋", "蒋丽", "蔡晓峰"],
}
SPECIAL_USERNAMES = {
    ("msk", 1): "mishuke",
    ("zwk", 1): "yewuadmin",
    ("dcs", 1): "ducha",
    ("xxk", 1): "xinxi",
    ("zbs", 1): "zhiban",
}
EXTRA_ROLES = {"yewuadmin": ("office_admin",)}

# leader username, kind, fields, unit codes, office section codes
_GOV = PortfolioKind.GOVERNMENT
_OFFICE = PortfolioKind.OFFICE
_P1 = ["jyj", "wjw", "mzj", "ybj", "tyj", "wlj", "dcjd", "xcjd"]
_P2 = ["gaj", "sfj", "xfb", "yjj", "awh", "nhjd", "byjd"]
_P3 = ["zjw", "cgw", "jtj", "ghj", "sthj", "xhjd", "hpjd"]
_P4 = ["nyw", "swj", "swuj", "scj", "saw", "jsjd", "bhjd"]
_EXEC = ["office", "fgw", "czj", "tjj", "rsj", "spj"]
PORTFOLIOS = [
    ("quzhang", _GOV, ["全面工作", "审计"], ["gov", "sjj"], []),
    (
        "changwu",
        _GOV,
        ["政府常务工作", "发展改革", "财政", "统计", "人力资源和社会保障", "行政审批"],
        _EXEC,
        [],
    ),
    (
        "fuquzhang1",
        _GOV,
        ["教育", "卫生健康", "民政", "医疗保障", "退役军人事务", "文化和旅游"],
        _P1,
        [],
    ),
    ("fuquzhang2", _GOV, ["公安", "司法", "信访", "应急管理", "安全生产"], _P2, []),
    (
        "fuquzhang3",
        _GOV,
        ["住房和城乡建设", "城市管理", "交通运输", "规划和自然资源", "生态环境"],
        _P3,
        [],
    ),
    ("fuquzhang4", _GOV, ["农业农村", "水务", "商务", "市场监管", "食品安全"], _P4, []),
    ("zhuren", _OFFICE, ["办公室全面工作"], ["office", "gov"], []),
    ("fuzhuren1", _OFFICE, ["文电", "政务", "法制"], _EXEC + _P1, ["msk", "zwk", "fzk"]),
    ("fuzhuren2", _OFFICE, ["督查", "值班应急", "会务"], _P2 + _P3, ["dcs", "zbs", "hwk"]),
    ("fuzhuren3", _OFFICE, ["调研", "政务信息"], [*_P4, "sjj"], ["yjs", "xxk"]),
]

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
    "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾"
)
GIVEN = [
    "秀英",
    "建华",
    "志强",
    "丽娟",
    "海涛",
    "文静",
    "国平",
    "红霞",
    "卫东",
    "春梅",
    "建军",
    "晓红",
    "志明",
    "玉兰",
    "立新",
    "桂芳",
    "永刚",
    "淑珍",
    "德明",
    "凤英",
    "宏伟",
    "雪梅",
    "俊峰",
    "秀兰",
    "振宇",
    "晓燕",
    "新民",
    "金凤",
    "建平",
    "丽华",
    "国庆",
    "慧敏",
    "学军",
    "亚男",
    "光明",
    "彩霞",
    "长江",
    "春生",
    "爱国",
    "冬梅",
    "子健",
    "思远",
    "嘉怡",
    "宇轩",
    "梦琪",
    "浩然",
    "立华",
    "素芬",
    "明辉",
    "晓丽",
    "文斌",
    "桂兰",
    "红梅",
    "建新",
    "海波",
    "小军",
    "晓峰",
    "玉珍",
    "成刚",
    "美玲",
    "小平",
    "卫红",
    "志刚",
    "丽萍",
    "建国",
    "秀梅",
    "杰",
    "敏",
    "静",
    "磊",
    "勇",
    "艳",
    "涛",
    "超",
    "军",
    "鹏",
]

# The two information officers who share a name: the picker must tell them apart.
TWIN_NAME = "张伟"
TWIN_UNITS = ("czj", "dcjd")


def demo_names(count: int, taken: set[str]) -> list[str]:
    """Deterministic, realistic, distinct names (surname × given name)."""
    names: list[str] = []
    step = 0
    while len(names) < count:
        surname = SURNAMES[step % len(SURNAMES)]
        given = GIVEN[(step * 7 + step // len(SURNAMES)) % len(GIVEN)]
        name = surname + given
        step += 1
        if name not in taken and name != TWIN_NAME:
            taken.add(name)
            names.append(name)
    return names


# The logins `manage.py demo_logins` prints, one per role: label, username
LOGINS = [
    ("秘书科文书", "mishuke"),
    ("办公室主任", "zhuren"),
    ("办公室副主任", "fuzhuren1"),
    ("区长", "quzhang"),
    ("常务副区长", "changwu"),
    ("副区长", "fuquzhang1"),
    ("督查员", "ducha"),
    ("信息员（信息科）", "xinxi"),
    ("信息员（区财政局，张伟）", "czj_xxy"),
    ("值班员", "zhiban"),
    ("部门主要负责人", "czj_fzr"),
    ("部门联络员", "czj_lly"),
    ("业务管理员（组织机构）", "yewuadmin"),
    ("系统管理员（三员）", "sysadmin"),
    ("安全保密管理员（三员）", "secadmin"),
    ("安全审计员（三员）", "auditor"),
]
ADMINS = [("sysadmin", "system"), ("secadmin", "security"), ("auditor", "auditor")]
