"""Seed the programme's taxonomy: the ten fixed categories and their subtypes (DESIGN.md §1),
the 16 Shandong cities and a starting list of industries, each in Chinese and English.

The data is frozen here on purpose: later changes to the vocabulary are new migrations or
editors' work in the admin.
"""

import uuid

from django.db import migrations

CATEGORIES = [
    (1, "evaluation", "数字化评测服务商", "Digital assessment providers", []),
    (2, "consulting", "数字化咨询服务商", "Digital consulting providers", [
        ("planning", "咨询规划服务商", "Consulting and planning"),
        ("engineering-design", "工程设计服务商", "Engineering design"),
        ("talent-development", "人才发展服务商", "Talent development"),
    ]),
    (3, "operations", "数字化运营服务商", "Digital operations providers", [
        ("process-management", "流程管理服务商", "Process management"),
        ("finance-management", "财务管理服务商", "Financial management"),
        ("marketing-management", "营销管理服务商", "Marketing management"),
        ("supply-chain-management", "供应链管理服务商", "Supply-chain management"),
        ("after-sales-management", "售后管理服务商", "After-sales management"),
    ]),
    (4, "rnd", "数字化研发服务商", "Digital R&D providers", [
        ("product-design", "产品设计服务商", "Product design"),
        ("rnd-management", "研发管理服务商", "R&D management"),
        ("process-design", "工艺设计服务商", "Process design"),
        ("process-optimisation", "工艺优化服务商", "Process optimisation"),
        ("simulation", "仿真分析服务商", "Simulation and analysis"),
    ]),
    (5, "production", "数字化生产服务商", "Digital production providers", [
        ("planning-scheduling", "计划调度服务商", "Planning and scheduling"),
        ("production-management", "生产管理服务商", "Production management"),
        ("quality-management", "质量管理服务商", "Quality management"),
        ("equipment-management", "设备管理服务商", "Equipment management"),
        ("warehousing-logistics", "仓储物流服务商", "Warehousing and logistics"),
        ("safety-environment", "安环管理服务商", "Safety and environment management"),
        ("energy-management", "能源管理服务商", "Energy management"),
    ]),
    (6, "infrastructure", "数字化基建服务商", "Digital infrastructure providers", [
        ("network-communication", "网络通信服务商", "Networks and communication"),
        ("cloud-computing", "云计算服务商", "Cloud computing"),
        ("iot-integration", "物联接入集成服务商", "IoT access and integration"),
        ("system-integration", "信息系统集成服务商", "Information-system integration"),
        ("industrial-internet-platform", "工业互联网平台服务商", "Industrial internet platforms"),
        ("information-security", "信息安全服务商", "Information security"),
    ]),
    (7, "equipment", "数字化设备服务商", "Digital equipment providers", [
        ("smart-equipment", "智能设备制造服务商", "Smart equipment manufacturing"),
        ("equipment-commissioning", "设备工艺调试服务商", "Equipment and process commissioning"),
        ("industrial-control", "工业控制系统服务商", "Industrial control systems"),
        ("equipment-maintenance", "设备运维服务商", "Equipment operation and maintenance"),
    ]),
    (8, "technology", "数字化技术服务商", "Digital technology providers", [
        ("data-applications", "数据应用服务商", "Data applications"),
        ("artificial-intelligence", "人工智能服务商", "Artificial intelligence"),
        ("digital-twin", "数字孪生服务商", "Digital twins"),
    ]),
    (9, "comprehensive", "数字化综合服务商", "Comprehensive digital providers", []),
    (10, "brand-design", "数字化品牌设计服务商", "Digital brand design providers", []),
]

CITIES = [
    ("jinan", "济南市", "Jinan"),
    ("qingdao", "青岛市", "Qingdao"),
    ("zibo", "淄博市", "Zibo"),
    ("zaozhuang", "枣庄市", "Zaozhuang"),
    ("dongying", "东营市", "Dongying"),
    ("yantai", "烟台市", "Yantai"),
    ("weifang", "潍坊市", "Weifang"),
    ("jining", "济宁市", "Jining"),
    ("taian", "泰安市", "Tai'an"),
    ("weihai", "威海市", "Weihai"),
    ("rizhao", "日照市", "Rizhao"),
    ("linyi", "临沂市", "Linyi"),
    ("dezhou", "德州市", "Dezhou"),
    ("liaocheng", "聊城市", "Liaocheng"),
    ("binzhou", "滨州市", "Binzhou"),
    ("heze", "菏泽市", "Heze"),
]

INDUSTRIES = [
    ("equipment-manufacturing", "装备制造", "Equipment manufacturing"),
    ("automotive-parts", "汽车及零部件", "Automotive and parts"),
    ("chemicals", "化工", "Chemicals"),
    ("petrochemicals", "石油化工", "Petrochemicals"),
    ("textiles-apparel", "纺织服装", "Textiles and apparel"),
    ("food-processing", "食品加工", "Food processing"),
    ("agricultural-products", "农副产品加工", "Agricultural product processing"),
    ("pharmaceuticals", "医药", "Pharmaceuticals"),
    ("medical-devices", "医疗器械", "Medical devices"),
    ("electronics", "电子信息", "Electronics and IT"),
    ("metallurgy", "冶金", "Metallurgy"),
    ("non-ferrous-metals", "有色金属", "Non-ferrous metals"),
    ("building-materials", "建材", "Building materials"),
    ("rubber-tyres", "橡胶轮胎", "Rubber and tyres"),
    ("light-industry", "轻工", "Light industry"),
    ("furniture-home", "家居家具", "Furniture and home goods"),
    ("paper-printing", "造纸印刷", "Paper and printing"),
    ("new-energy", "新能源", "New energy"),
    ("new-materials", "新材料", "New materials"),
    ("shipbuilding-marine", "船舶海工", "Shipbuilding and marine engineering"),
    ("logistics", "物流", "Logistics"),
    ("retail-trade", "商贸零售", "Retail and trade"),
    ("construction", "建筑", "Construction"),
    ("energy-utilities", "电力能源", "Power and utilities"),
    ("mining", "矿业", "Mining"),
    ("modern-agriculture", "现代农业", "Modern agriculture"),
]


def seed(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Category = apps.get_model("catalogue", "Category")
    Subtype = apps.get_model("catalogue", "Subtype")
    Region = apps.get_model("catalogue", "Region")
    Industry = apps.get_model("catalogue", "Industry")

    zh, _ = Locale.objects.get_or_create(language_code="zh-hans")
    en, _ = Locale.objects.get_or_create(language_code="en")

    def pair(model, slug, zh_name, en_name, **fields):
        key = uuid.uuid4()
        zh_row = model.objects.create(
            locale=zh, translation_key=key, slug=slug, name=zh_name, **fields.get("zh", {})
        )
        en_row = model.objects.create(
            locale=en, translation_key=key, slug=slug, name=en_name, **fields.get("en", {})
        )
        return zh_row, en_row

    for number, slug, zh_name, en_name, subtypes in CATEGORIES:
        common = {"number": number, "sort_order": number}
        zh_cat, en_cat = pair(
            Category, slug, zh_name, en_name, zh=common, en=common
        )
        for order, (sub_slug, sub_zh, sub_en) in enumerate(subtypes, start=1):
            pair(
                Subtype,
                sub_slug,
                sub_zh,
                sub_en,
                zh={"category": zh_cat, "sort_order": order},
                en={"category": en_cat, "sort_order": order},
            )

    for order, (slug, zh_name, en_name) in enumerate(CITIES, start=1):
        pair(
            Region,
            slug,
            zh_name,
            en_name,
            zh={"province": "山东省", "sort_order": order},
            en={"province": "Shandong", "sort_order": order},
        )

    for order, (slug, zh_name, en_name) in enumerate(INDUSTRIES, start=1):
        pair(
            Industry,
            slug,
            zh_name,
            en_name,
            zh={"sort_order": order},
            en={"sort_order": order},
        )


def unseed(apps, schema_editor):
    for name in ("Subtype", "Category", "Region", "Industry"):
        apps.get_model("catalogue", name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0001_initial"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
