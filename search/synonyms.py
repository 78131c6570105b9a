"""Industry acronyms and their Chinese names. A query for either finds both.

Keys are lower-case Latin acronyms; values are the Chinese names in use (the first is the
canonical one). Keep entries to terms a provider or an SME would actually type.
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
}


def _build_reverse() -> dict[str, str]:
    reverse = {}
    for acronym, names in ACRONYMS.items():
        for name in names:
            reverse[name] = acronym
    return reverse


CHINESE_TO_ACRONYM = _build_reverse()


def equivalents(term: str) -> list[str]:
    """The other spellings of the term: its acronym or its Chinese names, never itself."""
    term = term.lower()
    if term in ACRONYMS:
        return list(ACRONYMS[term])
    acronym = CHINESE_TO_ACRONYM.get(term)
    if acronym is None:
        return []
    return [acronym, *(name for name in ACRONYMS[acronym] if name != term)]
