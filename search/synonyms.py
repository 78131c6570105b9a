"""Industry acronyms and Chinese short forms, with the full names they stand for. A query for
an acronym or any of its names finds them all; a Chinese short form finds its full names.

Keep entries to terms a provider or an SME would actually type, in the one sense they have in
this field: an acronym that reads otherwise as often would bring false matches (CPS, also
pay-per-sale; ATP, also a hygiene test; MSA, also microservices; DLP, also a 3D printing
process; LMS, also a test lab's software).
"""

ACRONYMS: dict[str, tuple[str, ...]] = {
    "mes": ("制造执行系统", "生产执行系统"),
    "erp": ("企业资源计划", "企业资源规划"),
    "crm": ("客户关系管理",),
    "plm": ("产品生命周期管理",),
    "pdm": ("产品数据管理",),
    "aps": ("高级计划排程", "高级计划与排程"),
    "wms": ("仓储管理系统", "仓库管理系统"),
    "tms": ("运输管理系统",),
    "cae": ("计算机辅助工程",),
    "cad": ("计算机辅助设计",),
    "capp": ("计算机辅助工艺设计", "计算机辅助工艺规划"),
    "cam": ("计算机辅助制造",),
    "scada": ("数据采集与监视控制系统", "数据采集与监控系统"),
    "dcs": ("分布式控制系统", "集散控制系统"),
    "plc": ("可编程逻辑控制器",),
    "hmi": ("人机界面",),
    "qms": ("质量管理系统",),
    "eam": ("企业资产管理", "设备资产管理"),
    "srm": ("供应商关系管理",),
    "scm": ("供应链管理",),
    "mom": ("制造运营管理",),
    "ems": ("能源管理系统",),
    "lims": ("实验室信息管理系统",),
    "hrm": ("人力资源管理",),
    "oa": ("协同办公", "办公自动化"),
    "bi": ("商业智能",),
    "iot": ("物联网",),
    "iiot": ("工业物联网",),
    "ai": ("人工智能",),
    "agv": ("自动导引车", "自动导引运输车"),
    "amr": ("自主移动机器人",),
    "rpa": ("机器人流程自动化",),
    "bim": ("建筑信息模型",),
    "cnc": ("数控机床", "计算机数控"),
    "ocr": ("光学字符识别", "文字识别"),
    "saas": ("软件即服务",),
    "paas": ("平台即服务",),
    "iaas": ("基础设施即服务",),
    "edi": ("电子数据交换",),
    "fms": ("柔性制造系统",),
    "spc": ("统计过程控制",),
    "oee": ("设备综合效率",),
    "llm": ("大模型", "大语言模型"),
    "vr": ("虚拟现实",),
    "ar": ("增强现实",),
    "gis": ("地理信息系统",),
    "mrp": ("物料需求计划",),
    "bom": ("物料清单",),
    "mdm": ("主数据管理",),
    "dnc": ("分布式数控",),
    "wcs": ("仓储控制系统", "仓库控制系统"),
    "bpm": ("业务流程管理",),
    "dms": ("经销商管理系统",),
    "ehs": ("环境健康安全", "环境健康与安全"),
    "sis": ("安全仪表系统",),
    # Written beside their Chinese names in providers' and solutions' texts: 来料检验（IQC）.
    "iqc": ("来料检验", "进料检验"),
    "ipqc": ("过程检验", "制程检验"),
    "oqc": ("出货检验", "出厂检验"),
    "cpk": ("过程能力指数", "过程能力分析"),
    "vsm": ("价值流图", "价值流分析"),
    "vmi": ("供应商管理库存",),
    "ipd": ("集成产品开发",),
    "ebom": ("工程物料清单",),
    "mbom": ("制造物料清单",),
    "ecn": ("工程变更通知",),
    "phm": ("故障预测与健康管理",),
    "cfd": ("计算流体力学",),
    "smt": ("表面贴装技术", "表面组装技术"),
    "rfid": ("射频识别",),
    "slam": ("同步定位与建图", "即时定位与地图构建"),
    "gps": ("全球定位系统",),
    "pon": ("无源光网络",),
    "mec": ("多接入边缘计算", "移动边缘计算"),
    "esb": ("企业服务总线",),
    "vdi": ("云桌面", "虚拟桌面"),
    "pue": ("电能利用效率",),
    "rag": ("检索增强生成",),
    "dcmm": ("数据管理能力成熟度",),
    "cmmi": ("能力成熟度模型集成",),
    "itss": ("信息技术服务标准",),
}

# Chinese short forms, which find their full names: the texts mostly write the full name
# (网络安全等级保护) and people type the short one (做等保的公司). One way only: a short form is
# two characters, found wherever they stand side by side, across words too (运输等保障, 多数采用),
# so a query for the full name that took the short form as well would find those. This table
# adds neither to the word segmentation's dictionary: a query's lone characters are rejoined
# (工控), and as words they would split others (工控机 into 工控 and 机, 数据采集器 into 数据采集
# and 器). A word of the dictionary that holds a short form is searched as itself (视觉质检),
# unless it has an entry here (等保测评).
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "等保": ("等级保护",),
    "等保测评": ("等级保护测评",),
    "工控": ("工业控制",),
    "质检": ("质量检验", "质量检测"),
    "数采": ("数据采集",),
}


# Places in pinyin, as a visitor of the English site types them (Qingdao MES): the texts are
# Chinese. One way only: a Chinese query has no use for the pinyin.
PINYIN_PLACES: dict[str, str] = {
    "shandong": "山东",
    "jinan": "济南",
    "qingdao": "青岛",
    "zibo": "淄博",
    "zaozhuang": "枣庄",
    "dongying": "东营",
    "yantai": "烟台",
    "weifang": "潍坊",
    "jining": "济宁",
    "taian": "泰安",
    "weihai": "威海",
    "rizhao": "日照",
    "linyi": "临沂",
    "dezhou": "德州",
    "liaocheng": "聊城",
    "binzhou": "滨州",
    "heze": "菏泽",
    "beijing": "北京",
    "shanghai": "上海",
    "tianjin": "天津",
    "shenzhen": "深圳",
    "guangzhou": "广州",
    "hangzhou": "杭州",
    "nanjing": "南京",
}


def _spellings() -> dict[str, tuple[str, ...]]:
    """What each spelling also finds: for an acronym or its names, all of them; for a Chinese
    short form, its full names; for a place in pinyin, its Chinese name."""
    spellings = {}
    for acronym, names in ACRONYMS.items():
        for spelling in (acronym, *names):
            spellings[spelling] = (acronym, *names)
    for short, names in ABBREVIATIONS.items():
        spellings[short] = (short, *names)
    for pinyin, name in PINYIN_PLACES.items():
        spellings[pinyin] = (pinyin, name)
    return spellings


SPELLINGS = _spellings()


def equivalents(term: str) -> list[str]:
    """The other spellings the term finds, never itself: an acronym's names, a Chinese name's
    acronym and other names, a Chinese short form's full names, a pinyin place's name."""
    term = term.lower()
    return [spelling for spelling in SPELLINGS.get(term, ()) if spelling != term]


def chinese_names() -> list[str]:
    """The acronyms' Chinese names, which the word segmentation must keep whole: a query for
    one is looked up as the acronym too."""
    return [name for names in ACRONYMS.values() for name in names]
