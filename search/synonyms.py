"""Industry acronyms and Chinese short forms, with the full names they stand for. A query for
an acronym or any of its names finds them all; a Chinese short form finds its full names; a
place in pinyin and a concept's English name find the Chinese names (the texts are Chinese).

Keep entries to terms a provider or an SME would actually type, in the one sense they have in
this field: an acronym that reads otherwise as often would bring false matches (CPS, also
pay-per-sale; ATP, also a hygiene test; MSA, also microservices; DLP, also a 3D printing
process; LMS, also a test lab's software).
"""

import re

# The hyphen and the dashes NFKC leaves as they are (‐ ‑ – −), as texts write SD-WAN (the
# analysis reads them so too).
HYPHENS = "-\u2010\u2011\u2013\u2212"

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
    "cmmm": ("智能制造能力成熟度",),
    "fsm": ("现场服务管理",),
    "scrm": ("社交化客户关系管理",),
    "lms": ("学习管理系统",),
    "msa": ("测量系统分析",),
    "dlp": ("数据防泄漏",),
    "cnas": ("实验室认可",),
    "idc": ("互联网数据中心", "数据中心"),
    "ics": ("工业控制系统",),
    # Brand design's visual identity: the texts write VI视觉识别系统, or the name alone.
    "vi": ("视觉识别系统",),
    "ups": ("不间断电源",),
    "pcb": ("印制电路板", "印刷电路板"),
    "gmp": ("药品生产质量管理规范",),
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
    "药厂": ("制药", "医药"),
    "危化品": ("危险化学品",),
    # The dual carbon goals: the texts write the goals or what is done for them (节能降碳).
    "双碳": ("碳达峰", "碳中和", "降碳"),
    # The programme's own short forms: 数字化转型 as 数转, and 智改数转, the retrofit of plants
    # (智能化改造, 数字化改造; its 数转 has an entry of its own, and a spelling stands for one
    # thing).
    "数转": ("数字化转型",),
    "智改数转": ("智能化改造", "数字化改造"),
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
    # The province's regions (search.analysis.REGIONS).
    "jiaodong": "胶东",
    "lunan": "鲁南",
    "luxinan": "鲁西南",
}


# The field's concepts in English, as a visitor of the English site types them (digital twin):
# the texts are Chinese. A name of several words is one term of the query, found by its
# Chinese names or by its words in a row (search.analysis); a single word is a spelling, as a
# pinyin place is. One way only, and only names with one sense here.
ENGLISH_NAMES: dict[str, tuple[str, ...]] = {
    "digital twin": ("数字孪生",),
    "predictive maintenance": ("预测性维护",),
    "industrial internet": ("工业互联网",),
    "machine vision": ("机器视觉",),
    "visual inspection": ("视觉检测", "视觉质检"),
    "smart manufacturing": ("智能制造",),
    "intelligent manufacturing": ("智能制造",),
    "digital transformation": ("数字化转型",),
    "energy management": ("能源管理",),
    "energy monitoring": ("能耗监测",),
    "quality traceability": ("质量追溯",),
    "supply chain": ("供应链",),
    "equipment maintenance": ("设备运维", "设备维护"),
    "smart warehouse": ("智能仓储",),
    "smart warehousing": ("智能仓储",),
    "cloud computing": ("云计算",),
    "big data": ("大数据",),
    "edge computing": ("边缘计算",),
    "network security": ("网络安全",),
    "cyber security": ("网络安全",),
    "data governance": ("数据治理",),
    "low code": ("低代码",),
    "industrial software": ("工业软件",),
    "production management": ("生产管理",),
    "quality management": ("质量管理",),
    "inventory management": ("库存管理",),
    "warehouse management": ("仓储管理", "仓库管理"),
    "digital workshop": ("数字化车间",),
    "smart factory": ("智能工厂",),
    "safety production": ("安全生产",),
    "production safety": ("安全生产",),
    "carbon management": ("碳管理",),
    "remote maintenance": ("远程运维",),
    "cloud platform": ("云平台",),
    "data acquisition": ("数据采集",),
    "data collection": ("数据采集",),
    "process optimization": ("工艺优化",),
    "production scheduling": ("生产排程", "排产"),
    "knowledge base": ("知识库",),
    "large model": ("大模型",),
    "large language model": ("大模型",),
    "smart customer service": ("智能客服",),
    "data mining": ("数据挖掘",),
    # The categories (without "providers", which is not sought) and subtypes of the taxonomy
    # (catalogue migration 0002), as the English site shows them: their Chinese names are what
    # the texts hold. A hyphen may be typed as a space (supply chain management).
    "digital assessment": ("数字化评测",),
    "digital consulting": ("数字化咨询",),
    "digital operation": ("数字化运营",),
    "digital r&d": ("数字化研发",),
    "digital production": ("数字化生产",),
    "digital infrastructure": ("数字化基建",),
    "digital equipment": ("数字化设备",),
    "digital technology": ("数字化技术",),
    "comprehensive digital": ("数字化综合",),
    "digital brand design": ("数字化品牌设计",),
    "consulting and planning": ("咨询规划",),
    "engineering design": ("工程设计",),
    "talent development": ("人才发展",),
    "process management": ("流程管理",),
    "financial management": ("财务管理",),
    "marketing management": ("营销管理",),
    "supply-chain management": ("供应链管理",),
    "after-sales management": ("售后管理",),
    "product design": ("产品设计",),
    "r&d management": ("研发管理",),
    "process design": ("工艺设计",),
    "process optimisation": ("工艺优化",),
    "simulation and analysis": ("仿真分析",),
    "planning and scheduling": ("计划调度",),
    "equipment management": ("设备管理",),
    "warehousing and logistics": ("仓储物流",),
    "safety and environment management": ("安环管理",),
    "networks and communication": ("网络通信",),
    "iot access and integration": ("物联接入集成",),
    "information-system integration": ("信息系统集成",),
    "industrial internet platform": ("工业互联网平台",),
    "information security": ("信息安全",),
    "smart equipment manufacturing": ("智能设备制造",),
    "equipment and process commissioning": ("设备工艺调试",),
    "industrial control system": ("工业控制系统",),
    "equipment operation and maintenance": ("设备运维",),
    "data application": ("数据应用",),
    "artificial intelligence": ("人工智能",),
    # The industries of the taxonomy (catalogue migration 0002), as their English names say
    # them and as people shorten them. Plurals are found too (chemicals, tyres).
    "equipment manufacturing": ("装备制造",),
    "automotive part": ("汽车零部件", "汽车及零部件"),
    "auto part": ("汽车零部件", "汽车及零部件"),
    "food processing": ("食品加工",),
    "medical device": ("医疗器械",),
    "non-ferrous metal": ("有色金属",),
    "building material": ("建材",),
    "light industry": ("轻工",),
    "new energy": ("新能源",),
    "new material": ("新材料",),
    "modern agriculture": ("现代农业",),
    "chemical": ("化工",),
    "petrochemical": ("石油化工",),
    "pharmaceutical": ("医药",),
    "electronics": ("电子信息",),
    "metallurgy": ("冶金",),
    "textile": ("纺织",),
    "apparel": ("服装",),
    "garment": ("服装",),
    "tyre": ("轮胎",),
    "tire": ("轮胎",),
    "shipbuilding": ("船舶",),
    "furniture": ("家具",),
    "retail": ("零售",),
    "mining": ("矿业",),
    "blockchain": ("区块链",),
    "cybersecurity": ("网络安全",),
    "simulation": ("仿真",),
    "traceability": ("追溯",),
    "logistics": ("物流",),
    "warehousing": ("仓储",),
    "warehouse": ("仓储", "仓库"),
    "food": ("食品",),
    "automotive": ("汽车",),
    "machinery": ("机械",),
    "steel": ("钢铁",),
    "energy saving": ("节能",),
    "energy efficiency": ("能效",),
    "consulting": ("咨询",),
    "consultancy": ("咨询",),
    "collaboration": ("协同",),
    "collaborative": ("协同",),
    "maintenance": ("运维", "维护"),
    "training": ("培训",),
    "diagnosis": ("诊断",),
    "diagnostic": ("诊断",),
    "procurement": ("采购",),
    "marketing": ("营销",),
    "cloud migration": ("上云",),
    "quality inspection": ("质检", "质量检测"),
    "defect detection": ("缺陷检测",),
    "private network": ("专网",),
    "gateway": ("网关",),
    "inspection": ("检测", "巡检"),
    "cloud": ("云",),
    "energy": ("能源", "能耗"),
    "safety": ("安全生产",),  # industrial safety; information security is "security"
    "monitoring": ("监测", "监控"),
    # The acronyms' names in English, as the English site's visitors type them: their Chinese
    # names find the acronym too (manufacturing execution system: 制造执行系统, MES).
    "manufacturing execution system": ("制造执行系统",),
    "enterprise resource planning": ("企业资源计划",),
    "customer relationship management": ("客户关系管理",),
    "product lifecycle management": ("产品生命周期管理",),
    "product data management": ("产品数据管理",),
    "advanced planning and scheduling": ("高级计划排程",),
    "warehouse management system": ("仓储管理系统",),
    "transportation management system": ("运输管理系统",),
    "computer aided engineering": ("计算机辅助工程",),
    "computer aided design": ("计算机辅助设计",),
    "computer aided manufacturing": ("计算机辅助制造",),
    "supervisory control and data acquisition": ("数据采集与监视控制系统",),
    "distributed control system": ("分布式控制系统",),
    "programmable logic controller": ("可编程逻辑控制器",),
    "human machine interface": ("人机界面",),
    "quality management system": ("质量管理系统",),
    "enterprise asset management": ("企业资产管理",),
    "supplier relationship management": ("供应商关系管理",),
    "manufacturing operations management": ("制造运营管理",),
    "energy management system": ("能源管理系统",),
    "laboratory information management system": ("实验室信息管理系统",),
    "human resource management": ("人力资源管理",),
    "office automation": ("办公自动化",),
    "business intelligence": ("商业智能",),
    "internet of things": ("物联网",),
    "industrial internet of things": ("工业物联网",),
    "automated guided vehicle": ("自动导引车",),
    "autonomous mobile robot": ("自主移动机器人",),
    "robotic process automation": ("机器人流程自动化",),
    "building information modeling": ("建筑信息模型",),
    "building information modelling": ("建筑信息模型",),
    "computer numerical control": ("计算机数控",),
    "optical character recognition": ("光学字符识别",),
    "software as a service": ("软件即服务",),
    "electronic data interchange": ("电子数据交换",),
    "flexible manufacturing system": ("柔性制造系统",),
    "statistical process control": ("统计过程控制",),
    "overall equipment effectiveness": ("设备综合效率",),
    "virtual reality": ("虚拟现实",),
    "augmented reality": ("增强现实",),
    "geographic information system": ("地理信息系统",),
    "material requirements planning": ("物料需求计划",),
    "bill of materials": ("物料清单",),
    "master data management": ("主数据管理",),
    "business process management": ("业务流程管理",),
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
    for english, names in ENGLISH_NAMES.items():
        if " " not in english:
            for word in {english, english if english.endswith("s") else f"{english}s"}:
                spellings[word] = (word, *names)
    return spellings


# Words apart by spaces or hyphens, either typed (supply chain, supply-chain).
_BETWEEN_WORDS = rf"[{HYPHENS}\s]+"
_SEVERAL_WORD_NAMES = {
    tuple(re.split(_BETWEEN_WORDS, english)): english for english in ENGLISH_NAMES if " " in english
}
# One pattern, the longer names first: the query is read from left to right, and at each place
# the longest name there is taken (big data applications: big data, not data applications;
# large language model, not large model).
_SEVERAL_WORDS = re.compile(
    r"(?<![a-z0-9])(?:"
    + "|".join(
        _BETWEEN_WORDS.join(map(re.escape, words))
        for words in sorted(
            _SEVERAL_WORD_NAMES, key=lambda words: len(" ".join(words)), reverse=True
        )
    )
    + r")s?(?![a-z0-9])"
)


def english_names_in(text: str) -> tuple[list[str], str]:
    """The English names of several words that ``text`` (folded) holds, a plural too (digital
    twins), and the text without them."""
    found = []

    def take(match: re.Match) -> str:
        words = tuple(re.split(_BETWEEN_WORDS, match[0]))
        singular = (*words[:-1], words[-1][:-1])
        found.append(_SEVERAL_WORD_NAMES.get(words) or _SEVERAL_WORD_NAMES[singular])
        return " "

    text = _SEVERAL_WORDS.sub(take, text)
    return list(dict.fromkeys(found)), text


SPELLINGS = _spellings()


def equivalents(term: str) -> list[str]:
    """The other spellings the term finds, never itself: an acronym's names, a Chinese name's
    acronym and other names, a Chinese short form's full names, a pinyin place's name."""
    term = term.lower()
    return [spelling for spelling in SPELLINGS.get(term, ()) if spelling != term]


# Words this field writes either way, tried only when a query as typed finds nothing (智慧工厂,
# where the texts say 智能工厂): the groups are close, not the same (检测 tests a product,
# 监测 watches a process), so they never widen a query that finds something.
SIMILAR_WORDS: tuple[tuple[str, ...], ...] = (
    ("智慧", "智能"),
    ("监测", "监控", "检测"),
    ("维修", "维护"),
    ("配件", "零部件", "零件"),
    ("制药", "医药"),
    ("仓库", "仓储"),
    ("追溯", "溯源"),
    ("排产", "排程"),
    ("巡检", "点检"),
    ("数智化", "数字化"),
    ("质检", "质量检测"),
    # What people say for what the texts write (老设备改造, 开票, 省电).
    ("老设备", "老旧设备"),
    ("开票", "发票"),
    ("省电", "节能", "节电"),
    ("本地部署", "私有化部署"),
    ("网上展厅", "数字展厅", "云展厅"),
)


def similar_spellings(word: str) -> list[str]:
    """``word`` with a part of it written as one of :data:`SIMILAR_WORDS`' others (智慧工厂:
    智能工厂; 能耗监控: 能耗监测, 能耗检测), never itself."""
    found = []
    for group in SIMILAR_WORDS:
        for part in group:
            if part in word:
                found += [word.replace(part, other) for other in group if other != part]
                break
    return [spelling for spelling in dict.fromkeys(found) if spelling != word]


def chinese_names() -> list[str]:
    """The acronyms' Chinese names, which the word segmentation must keep whole: a query for
    one is looked up as the acronym too."""
    return [name for names in ACRONYMS.values() for name in names]
