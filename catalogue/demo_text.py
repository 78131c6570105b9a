"""The vocabulary of the demo provider pool (used by ``catalogue.demo``).

Everything here is data: places, name parts, sentence pools and product types from which
``catalogue.demo`` composes providers and solutions with its seeded random generator. All
companies, people, addresses, phone numbers and clients are fictional: contacts are business
roles (王经理, 李女士), phone numbers are office numbers, websites use ``.example.cn``, and clients
are described, never named ("淄博某陶瓷企业").

Conventions:

* ``"a|b|c"`` strings are split into lists by :func:`_split` to keep long pools readable.
* ``{12-35}`` in a sentence is replaced by a random integer in that range
  (``catalogue.demo.fill``); other ``{name}`` placeholders are filled from the context.
* Slugs of categories, subtypes, regions and industries are the ones of the seed migration
  (``catalogue/migrations/0002_seed_taxonomy.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from portal.demo_content import callout, h2, h3, html, items, p


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split("|") if part.strip())


# ---------------------------------------------------------------------------------------------
# Places
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class City:
    slug: str
    name: str  # 济南市
    short: str  # 济南
    area_code: str  # 0531
    digits: int  # length of the local number
    districts: dict[str, tuple[str, ...]]  # district → roads
    neighbours: tuple[str, ...]  # slugs of the cities it usually serves
    area: str  # 鲁中, 胶东 …
    industries: tuple[str, ...]  # industry slugs the city is known for
    province: str = "山东省"


def _city(slug, name, code, digits, area, neighbours, industries, districts):
    return City(
        slug=slug,
        name=name,
        short=name.removesuffix("市"),
        area_code=code,
        digits=digits,
        districts={d: _split(roads) for d, roads in districts.items()},
        neighbours=tuple(neighbours.split()),
        area=area,
        industries=tuple(industries.split()),
    )


SHANDONG_CITIES: dict[str, City] = {
    c.slug: c
    for c in [
        _city(
            "jinan",
            "济南市",
            "0531",
            8,
            "鲁中",
            "taian dezhou liaocheng zibo binzhou",
            "equipment-manufacturing automotive-parts pharmaceuticals electronics construction",
            {
                "历下区": "经十路|解放路|泺源大街|文化东路",
                "高新区": "舜华路|新泺大街|工业南路|港兴三路|经十东路",
                "槐荫区": "经十路|齐州路|张庄路",
                "历城区": "花园路|工业北路|港沟街道春晖路",
                "天桥区": "北园大街|堤口路",
                "市中区": "经四路|英雄山路|二环南路",
            },
        ),
        _city(
            "qingdao",
            "青岛市",
            "0532",
            8,
            "胶东",
            "yantai weifang rizhao weihai",
            "rubber-tyres electronics textiles-apparel food-processing shipbuilding-marine "
            "logistics",
            {
                "崂山区": "株洲路|松岭路|深圳路|海尔路",
                "市南区": "香港中路|东海西路|山东路",
                "市北区": "辽宁路|敦化路|重庆南路",
                "李沧区": "九水东路|金水路",
                "黄岛区": "长江中路|江山中路|漓江西路",
                "城阳区": "正阳路|春阳路|长城路",
                "即墨区": "鹤山路|蓝鳌路",
            },
        ),
        _city(
            "zibo",
            "淄博市",
            "0533",
            7,
            "鲁中",
            "jinan weifang binzhou dongying",
            "chemicals building-materials pharmaceuticals new-materials equipment-manufacturing",
            {
                "张店区": "柳泉路|华光路|人民西路|鲁泰大道",
                "高新区": "鲁泰大道|青龙山路|柳毅山路",
                "淄川区": "般阳路|松龄路",
                "临淄区": "临淄大道|桓公路",
                "周村区": "正阳路|新建中路",
            },
        ),
        _city(
            "zaozhuang",
            "枣庄市",
            "0632",
            7,
            "鲁南",
            "jining linyi",
            "new-energy building-materials chemicals food-processing",
            {
                "薛城区": "光明大道|黄河路|长江路",
                "市中区": "文化路|振兴路",
                "滕州市": "善国北路|龙泉路|北辛路",
                "高新区": "复元三路|祁连山路",
            },
        ),
        _city(
            "dongying",
            "东营市",
            "0546",
            7,
            "鲁北",
            "binzhou zibo weifang",
            "petrochemicals rubber-tyres chemicals energy-utilities",
            {
                "东营区": "府前大街|西四路|济南路|南一路",
                "垦利区": "胜兴路|行政路",
                "广饶县": "乐安大街|月河路",
            },
        ),
        _city(
            "yantai",
            "烟台市",
            "0535",
            7,
            "胶东",
            "weihai qingdao",
            "automotive-parts non-ferrous-metals food-processing shipbuilding-marine "
            "modern-agriculture",
            {
                "莱山区": "观海路|港城东大街|迎春大街",
                "芝罘区": "南大街|西大街|机场路",
                "开发区": "长江路|珠江路|衡山路",
                "高新区": "航天路|蓝海路",
                "福山区": "福海路|河滨路",
                "龙口市": "港城大道|振华路",
            },
        ),
        _city(
            "weifang",
            "潍坊市",
            "0536",
            7,
            "胶东",
            "qingdao zibo rizhao dongying",
            "equipment-manufacturing automotive-parts paper-printing food-processing "
            "modern-agriculture",
            {
                "奎文区": "东风东街|胜利东街|北海路",
                "高新区": "新华路|健康东街|玉清东街|樱前街",
                "潍城区": "胜利西街|和平路",
                "寿光市": "圣城街|农圣街",
                "诸城市": "密州路|东坡街",
            },
        ),
        _city(
            "jining",
            "济宁市",
            "0537",
            7,
            "鲁南",
            "taian zaozhuang heze",
            "equipment-manufacturing textiles-apparel mining food-processing",
            {
                "任城区": "共青团路|建设路|太白楼路",
                "高新区": "海川路|崇文大道|同济科技园路",
                "兖州区": "建设东路|九州大道",
                "邹城市": "太平东路|岗山路",
                "曲阜市": "春秋路|静轩路",
            },
        ),
        _city(
            "taian",
            "泰安市",
            "0538",
            7,
            "鲁中",
            "jinan jining liaocheng",
            "energy-utilities building-materials equipment-manufacturing textiles-apparel",
            {
                "泰山区": "东岳大街|迎胜东路|青年路",
                "岱岳区": "长城路|泮河大街",
                "高新区": "中天门大街|凤天路",
                "新泰市": "青云路|府前街",
                "肥城市": "龙山路|新城路",
            },
        ),
        _city(
            "weihai",
            "威海市",
            "0631",
            7,
            "胶东",
            "yantai qingdao",
            "medical-devices light-industry food-processing shipbuilding-marine textiles-apparel",
            {
                "环翠区": "新威路|青岛北路|统一路",
                "高区": "火炬路|文化西路|沈阳路",
                "经区": "青岛中路|海滨南路|齐鲁大道",
                "文登区": "米山路|世纪大道",
                "荣成市": "成山大道|黄海路",
            },
        ),
        _city(
            "rizhao",
            "日照市",
            "0633",
            7,
            "鲁南",
            "linyi qingdao weifang",
            "metallurgy logistics food-processing new-materials",
            {
                "东港区": "烟台路|威海路|海曲东路|北京路",
                "岚山区": "岚山路|圣岚路",
                "莒县": "城阳路|浮来路",
            },
        ),
        _city(
            "linyi",
            "临沂市",
            "0539",
            7,
            "鲁南",
            "rizhao zaozhuang jining",
            "logistics retail-trade furniture-home food-processing building-materials",
            {
                "兰山区": "沂蒙路|解放路|金雀山路|通达路",
                "罗庄区": "罗庄路|湖东路",
                "河东区": "人民大街|凤凰大街",
                "高新区": "科技大道|双月湖路",
                "经开区": "滨河东路|沃尔沃路",
            },
        ),
        _city(
            "dezhou",
            "德州市",
            "0534",
            7,
            "鲁北",
            "jinan liaocheng binzhou",
            "equipment-manufacturing light-industry new-energy agricultural-products",
            {
                "德城区": "三八路|东方红路|湖滨北大道",
                "经开区": "晶华大道|崇德八大道",
                "陵城区": "中心大街|北外环路",
                "禹城市": "行政街|大禹路",
                "齐河县": "齐晏大街|黄河大道",
            },
        ),
        _city(
            "liaocheng",
            "聊城市",
            "0635",
            7,
            "鲁西",
            "jinan dezhou taian",
            "non-ferrous-metals equipment-manufacturing agricultural-products paper-printing",
            {
                "东昌府区": "东昌路|柳园路|兴华路",
                "高新区": "黄河路|长江路",
                "临清市": "青年路|先锋路",
                "茌平区": "新政路|振兴路",
            },
        ),
        _city(
            "binzhou",
            "滨州市",
            "0543",
            7,
            "鲁北",
            "dongying zibo dezhou",
            "textiles-apparel non-ferrous-metals chemicals agricultural-products",
            {
                "滨城区": "黄河五路|渤海七路|长江五路",
                "邹平市": "黛溪五路|鹤伴二路",
                "博兴县": "博城五路|胜利二路",
            },
        ),
        _city(
            "heze",
            "菏泽市",
            "0530",
            7,
            "鲁西",
            "jining liaocheng",
            "agricultural-products furniture-home pharmaceuticals chemicals food-processing",
            {
                "牡丹区": "中华路|人民路|长江路",
                "定陶区": "兴华路|陶驿路",
                "曹县": "青菏路|磐石路",
                "单县": "胜利路|园艺路",
            },
        ),
    ]
}


@dataclass(frozen=True)
class OtherRegion:
    """A provider city outside Shandong: a Region row the demo creates (zh and en)."""

    slug: str
    name: str  # 南京市
    province: str  # 江苏省
    name_en: str
    province_en: str
    prefixes: tuple[str, ...]  # 南京, 江苏
    area_code: str
    district_roads: dict[str, tuple[str, ...]]
    branch_city: str  # where its Shandong branch is


OTHER_REGIONS: dict[str, OtherRegion] = {
    r.slug: r
    for r in [
        OtherRegion(
            "beijing",
            "北京市",
            "北京市",
            "Beijing",
            "Beijing",
            ("北京", "中科"),
            "010",
            {
                "海淀区": _split("中关村大街|上地信息路|西北旺东路"),
                "朝阳区": _split("望京街|酒仙桥路"),
            },
            "jinan",
        ),
        OtherRegion(
            "shanghai",
            "上海市",
            "上海市",
            "Shanghai",
            "Shanghai",
            ("上海",),
            "021",
            {"浦东新区": _split("张江路|祖冲之路|碧波路"), "闵行区": _split("紫竹路|东川路")},
            "qingdao",
        ),
        OtherRegion(
            "nanjing",
            "南京市",
            "江苏省",
            "Nanjing",
            "Jiangsu",
            ("南京", "江苏"),
            "025",
            {"雨花台区": _split("软件大道|西春路"), "江宁区": _split("天元中路|秣周东路")},
            "jinan",
        ),
        OtherRegion(
            "hangzhou",
            "杭州市",
            "浙江省",
            "Hangzhou",
            "Zhejiang",
            ("杭州", "浙江"),
            "0571",
            {"滨江区": _split("江南大道|网商路|长河路"), "西湖区": _split("文三路|西溪路")},
            "qingdao",
        ),
        OtherRegion(
            "shenzhen",
            "深圳市",
            "广东省",
            "Shenzhen",
            "Guangdong",
            ("深圳",),
            "0755",
            {"南山区": _split("高新南一道|科技中二路|科苑路"), "福田区": _split("深南大道|福华路")},
            "jinan",
        ),
    ]
}

# How many providers each city gets, relative to the others (the big two lead).
CITY_WEIGHTS = {
    "jinan": 70, "qingdao": 55, "zibo": 22, "zaozhuang": 10, "dongying": 12, "yantai": 24,
    "weifang": 26, "jining": 16, "taian": 10, "weihai": 10, "rizhao": 7, "linyi": 14,
    "dezhou": 8, "liaocheng": 6, "binzhou": 7, "heze": 6,
}  # fmt: skip
OTHER_REGION_INDUSTRIES = {
    "beijing": ("electronics", "pharmaceuticals", "energy-utilities"),
    "shanghai": ("automotive-parts", "electronics", "new-materials"),
    "nanjing": ("electronics", "petrochemicals", "equipment-manufacturing"),
    "hangzhou": ("textiles-apparel", "retail-trade", "electronics"),
    "shenzhen": ("electronics", "new-energy", "retail-trade"),
}
BUILDINGS = _split(
    "数字经济产业园|软件园|科技大厦|创新创业中心|智能制造产业园|科创中心|电子商务产业园|"
    "信息产业大厦|工业互联网产业园|总部基地|众创空间|科技企业孵化器"
)


# ---------------------------------------------------------------------------------------------
# Company names
# ---------------------------------------------------------------------------------------------

# Brand cores (two characters) with their pinyin for URL slugs. The first ones are used first;
# more are composed from the syllables below.
CURATED_CORES = [
    ("智恒", "zhiheng"), ("云启", "yunqi"), ("海纳", "haina"), ("鲁信", "luxin"),
    ("泰岳", "taiyue"), ("博远", "boyuan"), ("华数", "huashu"), ("精工", "jinggong"),
    ("汇通", "huitong"), ("澜潮", "lanchao"), ("齐智", "qizhi"), ("鼎新", "dingxin"),
    ("瑞科", "ruike"), ("铭达", "mingda"), ("宏图", "hongtu"), ("创拓", "chuangtuo"),
    ("天衡", "tianheng"), ("卓远", "zhuoyuan"), ("思源", "siyuan"), ("睿驰", "ruichi"),
    ("凌云", "lingyun"), ("众联", "zhonglian"), ("东岳", "dongyue"), ("金航", "jinhang"),
    ("朗思", "langsi"), ("启明", "qiming"), ("新维", "xinwei"), ("恒泽", "hengze"),
    ("中瑞", "zhongrui"), ("九州", "jiuzhou"), ("汇智", "huizhi"), ("数联", "shulian"),
    ("元象", "yuanxiang"), ("擎天", "qingtian"), ("拓普", "tuopu"), ("聚能", "juneng"),
    ("峰云", "fengyun"), ("长河", "changhe"), ("百川", "baichuan"), ("慧通", "huitong"),
]  # fmt: skip
CORE_FIRST = [
    ("智", "zhi"), ("云", "yun"), ("海", "hai"), ("鲁", "lu"), ("泰", "tai"), ("博", "bo"),
    ("华", "hua"), ("汇", "hui"), ("澜", "lan"), ("恒", "heng"), ("鼎", "ding"), ("瑞", "rui"),
    ("铭", "ming"), ("宏", "hong"), ("创", "chuang"), ("天", "tian"), ("齐", "qi"),
    ("东", "dong"), ("金", "jin"), ("卓", "zhuo"), ("远", "yuan"), ("联", "lian"),
    ("朗", "lang"), ("思", "si"), ("睿", "rui"), ("启", "qi"), ("凌", "ling"), ("新", "xin"),
    ("众", "zhong"), ("沃", "wo"), ("翔", "xiang"), ("易", "yi"), ("明", "ming"), ("正", "zheng"),
    ("信", "xin"), ("达", "da"), ("嘉", "jia"), ("君", "jun"), ("安", "an"), ("浩", "hao"),
]  # fmt: skip
CORE_SECOND = [
    ("恒", "heng"), ("启", "qi"), ("纳", "na"), ("信", "xin"), ("岳", "yue"), ("远", "yuan"),
    ("数", "shu"), ("工", "gong"), ("通", "tong"), ("科", "ke"), ("达", "da"), ("联", "lian"),
    ("创", "chuang"), ("拓", "tuo"), ("航", "hang"), ("峰", "feng"), ("源", "yuan"),
    ("辰", "chen"), ("智", "zhi"), ("图", "tu"), ("驰", "chi"), ("睿", "rui"), ("邦", "bang"),
    ("泽", "ze"), ("迅", "xun"), ("合", "he"), ("维", "wei"), ("策", "ce"), ("鸿", "hong"),
    ("诚", "cheng"), ("川", "chuan"), ("宇", "yu"), ("捷", "jie"), ("润", "run"), ("晟", "sheng"),
]  # fmt: skip

# Company-name suffixes per category: (full suffix, short form used in texts).
GENERIC_SUFFIXES = [
    ("数字科技有限公司", "数字科技"), ("信息技术有限公司", "信息技术"),
    ("信息技术股份有限公司", "信息技术"), ("软件有限公司", "软件"),
    ("智能科技有限公司", "智能科技"), ("网络科技有限公司", "网络科技"),
    ("信息科技有限公司", "信息科技"), ("科技股份有限公司", "科技"),
    ("数据科技有限公司", "数据科技"),
]  # fmt: skip
CATEGORY_SUFFIXES = {
    "evaluation": [
        ("检测技术有限公司", "检测"), ("质量技术服务有限公司", "质量技术"),
        ("认证技术服务有限公司", "认证"), ("信息技术评测有限公司", "评测"),
    ],
    "consulting": [
        ("管理咨询有限公司", "咨询"), ("企业管理咨询有限公司", "咨询"),
        ("工程设计咨询有限公司", "设计咨询"), ("教育科技有限公司", "教育科技"),
        ("咨询服务有限公司", "咨询"),
    ],
    "operations": [
        ("软件有限公司", "软件"), ("云科技有限公司", "云科技"), ("网络科技有限公司", "网络科技"),
        ("供应链科技有限公司", "供应链科技"),
    ],
    "rnd": [
        ("工业软件有限公司", "工业软件"), ("仿真技术有限公司", "仿真"),
        ("工业设计有限公司", "工业设计"),
    ],
    "production": [
        ("工业互联网有限公司", "工业互联网"), ("智能制造有限公司", "智能制造"),
        ("工业软件有限公司", "工业软件"), ("自动化科技有限公司", "自动化"),
        ("节能科技有限公司", "节能科技"), ("安全技术有限公司", "安全技术"),
        ("物流科技有限公司", "物流科技"),
    ],
    "infrastructure": [
        ("通信技术有限公司", "通信"), ("网络技术有限公司", "网络"), ("云计算有限公司", "云计算"),
        ("信息安全技术有限公司", "信息安全"), ("系统集成有限公司", "系统集成"),
        ("物联网科技有限公司", "物联网"), ("工业互联网有限公司", "工业互联网"),
    ],
    "equipment": [
        ("智能装备有限公司", "智能装备"), ("自动化设备有限公司", "自动化"),
        ("机器人有限公司", "机器人"), ("自动化工程有限公司", "自动化"),
        ("电气技术有限公司", "电气"),
    ],
    "technology": [
        ("数据科技有限公司", "数据科技"), ("人工智能科技有限公司", "人工智能"),
        ("智能科技有限公司", "智能科技"), ("视觉科技有限公司", "视觉科技"),
        ("可视化科技有限公司", "可视化"),
    ],
    "comprehensive": [
        ("数字科技集团有限公司", "数字科技"), ("数字科技股份有限公司", "数字科技"),
        ("信息产业有限公司", "信息产业"), ("工业互联网有限公司", "工业互联网"),
    ],
    "brand-design": [
        ("文化创意有限公司", "文创"), ("品牌设计有限公司", "品牌设计"),
        ("数字传媒有限公司", "数字传媒"), ("文化传播有限公司", "文化传播"),
    ],
}  # fmt: skip

# What kind of company a provider of the category is, for the opening sentence.
CATEGORY_KINDS = {
    "evaluation": _split("第三方评测机构|专业评测服务机构|质量与数字化评测服务机构"),
    "consulting": _split("管理咨询机构|数字化咨询服务商|咨询设计机构"),
    "operations": _split("企业管理软件服务商|软件企业|SaaS服务商"),
    "rnd": _split("工业软件企业|研发数字化服务商|工程技术服务企业"),
    "production": _split("智能制造服务商|工业软件企业|高新技术企业"),
    "infrastructure": _split("信息通信服务商|系统集成服务商|数字基础设施服务商"),
    "equipment": _split("智能装备企业|自动化系统集成商|高新技术企业"),
    "technology": _split("数据智能企业|人工智能企业|高新技术企业"),
    "comprehensive": _split("数字化综合服务商|信息技术服务企业|数字化转型服务商"),
    "brand-design": _split("品牌设计机构|数字营销服务商|文化创意企业"),
}


# ---------------------------------------------------------------------------------------------
# Contacts
# ---------------------------------------------------------------------------------------------

SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶贺顾毛郝龚邵万钱严武戴孔"
)
CONTACT_TITLES = ("经理", "经理", "经理", "女士", "女士", "先生", "总监", "主任", "工")


# ---------------------------------------------------------------------------------------------
# Provider introductions
# ---------------------------------------------------------------------------------------------

OPENINGS = (
    "{name}成立于{year}年，总部位于{city}{district}，是一家专注于{focus}的{kind}。",
    "{name}（以下简称“{short}”）创立于{year}年，注册地位于{city}{district}，主要从事{focus}业务。",
    "{short}成立于{year}年，是{city}较早从事{focus}的{kind}之一。",
    "{name}是一家以{focus}为核心业务的{kind}，公司成立于{year}年，办公地点位于{city}{district}。",
    "自{year}年成立以来，{name}始终聚焦{focus}，已发展成为{area}地区具有一定影响力的{kind}。",
    "{name}成立于{year}年，是{city}本土成长起来的{kind}，业务以{focus}为主。",
)
OPENINGS_OUTSIDE = (
    "{name}成立于{year}年，总部位于{city}{district}，是一家专注于{focus}的{kind}，"
    "业务覆盖华东、华北等地区。",
    "{name}创立于{year}年，总部设在{city}，是国内较早从事{focus}的{kind}之一。",
    "{name}是一家总部位于{city}的{kind}，成立于{year}年，长期深耕{focus}领域。",
)

HONOURS = _split(
    "国家高新技术企业|山东省“专精特新”中小企业|创新型中小企业|科技型中小企业|"
    "山东省瞪羚企业|山东省软件工程技术中心依托单位|山东省中小企业公共服务示范平台|"
    "省级服务型制造示范企业"
)
HONOURS_OUTSIDE = _split(
    "国家高新技术企业|国家级专精特新“小巨人”企业|创新型中小企业|软件企业和软件产品“双软”认定企业"
)
CERTIFICATIONS = _split(
    "ISO 9001质量管理体系认证|ISO/IEC 27001信息安全管理体系认证|"
    "ISO/IEC 20000信息技术服务管理体系认证|CMMI 3级评估|ITSS信息技术服务运行维护标准三级符合性评估|"
    "信息系统建设和服务能力等级（CS2）评估|知识产权管理体系认证"
)
CATEGORY_CERTIFICATIONS = {
    "evaluation": _split("CMA检验检测机构资质认定|CNAS实验室认可"),
    "infrastructure": _split(
        "信息安全服务资质（安全集成类）|增值电信业务经营许可证|信息系统建设和服务能力等级（CS3）评估"
    ),
    "equipment": _split("ISO 14001环境管理体系认证|ISO 45001职业健康安全管理体系认证|CE认证"),
    "technology": _split("CMMI 5级评估|DCMM数据管理能力成熟度二级"),
    "operations": _split("信息安全等级保护三级备案|CMMI 5级评估"),
}
QUALIFICATION_SENTENCES = (
    "公司是{honours}，先后通过{certs}。",
    "公司先后获评{honours}，并通过{certs}。",
    "公司拥有{certs}等资质，是{honours}。",
    "公司已取得软件著作权{softwares}项、发明专利{patents}项，通过{certs}，是{honours}。",
    "公司通过{certs}，拥有软件著作权{softwares}项。",
)
TEAM_SENTENCES = (
    "公司现有员工{staff}人，其中研发和实施人员占比{ratio}%{designers}。",
    "公司拥有一支{staff}人的专业团队，本科以上学历人员占{ratio}%{designers}。",
    "目前团队规模{staff}人，核心成员来自{origin}{designers}。",
    "公司现有技术人员{technical}人，{origin_sentence}{designers_sentence}",
)
TEAM_ORIGINS = _split(
    "大型制造企业信息化部门|知名工业软件企业|高校和科研院所|通信运营商|自动化设备厂商|"
    "大型咨询机构|互联网企业"
)
DESIGNER_CLAUSES = (
    "，{designers}人取得数字化解决方案设计师证书",
    "，持证数字化解决方案设计师{designers}名",
    "，其中{designers}人具备数字化解决方案设计师资格",
)
CLIENT_SENTENCES = (
    "公司已为{industries}等行业{clients_count}余家企业提供服务，典型客户包括{clients}。",
    "服务客户覆盖{industries}等领域，累计实施项目{projects}余个，客户包括{clients}等。",
    "近三年承接{industries}行业数字化项目{projects}余项，先后服务{clients}等企业。",
    "公司在{industry}行业积累了丰富的实施经验，先后为{clients}等企业实施{term}项目。",
    "公司为{client}实施的{term}项目上线后运行稳定，已在{industries}等行业复制推广{projects}余家。",
)
LOCAL_SENTENCES = (
    "公司在{cities}设有服务网点，可为{area}地区企业提供{hours}小时内现场响应。",
    "公司组建了{crew}人的驻场实施团队，服务范围覆盖{cities}等地。",
    "公司在{city}设有7×24小时运维服务中心，省内客户可享受{hours}小时内到场服务。",
    "公司与{city}多家产业园区和行业协会建立合作，定期开展数字化转型公益诊断和培训。",
    "依托{city}总部和{cities}的服务网点，公司可为{area}地区中小企业提供本地化实施和运维服务。",
)
LOCAL_SENTENCES_OUTSIDE = (
    "公司于{branch_year}年在{branch_city}设立山东分公司，现有本地服务人员{crew}人，"
    "服务网点覆盖{cities}。",
    "为服务山东客户，公司在{branch_city}设立了区域服务中心，组建{crew}人的本地实施和运维团队。",
    "公司在{branch_city}设有办事处，与省内合作伙伴共同为{cities}等地企业提供实施和培训服务。",
)
CLOSINGS = (
    "公司坚持“小快轻准”的产品路线，致力于让中小企业用得起、用得好数字化工具。",
    "未来，公司将继续深耕{industry}行业，持续打磨标准化、可复制的解决方案。",
    "公司秉持“以客户价值为中心”的理念，提供从诊断咨询到实施运维的全过程服务。",
    "公司愿与广大中小企业携手，共同推进制造业数字化、网络化、智能化发展。",
    "公司将以入选资源池为契机，进一步提升本地化服务能力，为中小企业数字化转型提供有力支撑。",
    "公司坚持按效果付费、分步实施的服务模式，帮助企业降低数字化转型的试错成本。",
    "公司注重知识转移，项目交付后为客户培养内部数字化骨干，确保系统用得起来、用得下去。",
)


# ---------------------------------------------------------------------------------------------
# Industries: how a provider or product speaks about each (slugs from the seed migration)
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndustryText:
    short: str  # as in "（化工版）"
    audience: str  # 化工企业
    pains: tuple[str, ...]
    clients: tuple[str, ...]  # "某精细化工企业", prefixed with a city in texts


INDUSTRY_TEXT: dict[str, IndustryText] = {
    "equipment-manufacturing": IndustryText(
        "装备制造", "装备制造企业",
        _split("订单多为非标定制、设计变更频繁|零部件种类多、装配周期长|外协加工多、进度难以掌控"),
        _split("某数控机床企业|某工程机械配套企业|某液压件企业|某农机装备企业|某泵阀企业"),
    ),
    "automotive-parts": IndustryText(
        "汽车零部件", "汽车零部件企业",
        _split(
            "主机厂要求准时化配送、质量问题须追溯到批次|需满足IATF 16949质量体系要求|"
            "多品种混线生产、换型频繁"
        ),
        _split("某商用车零部件企业|某制动系统企业|某汽车线束企业|某轮毂制造企业|某车桥企业"),
    ),
    "chemicals": IndustryText(
        "化工", "化工企业",
        _split(
            "装置连续运行、工艺参数多、安全风险高|危险化学品储存和运输管控要求严格|"
            "能耗和排放指标约束趋紧"
        ),
        _split("某精细化工企业|某农药中间体企业|某化工园区企业|某涂料企业|某助剂企业"),
    ),
    "petrochemicals": IndustryText(
        "石化", "石化企业",
        _split("装置规模大、设备密集、检维修任务重|安全环保监管要求严|原料价格波动大、需要精细化排产"),
        _split("某地炼企业|某石化装备企业|某油田服务企业|某炼化配套企业"),
    ),
    "textiles-apparel": IndustryText(
        "纺织服装", "纺织服装企业",
        _split("订单小批量、多品种、快返单|工序多、计件工资统计繁琐|面辅料库存积压"),
        _split("某家纺企业|某针织服装企业|某棉纺企业|某服装代工企业|某印染企业"),
    ),
    "food-processing": IndustryText(
        "食品", "食品企业",
        _split("原料批次多、保质期管理要求高|需满足食品安全追溯要求|季节性订单波动大"),
        _split("某肉制品企业|某调味品企业|某烘焙食品企业|某乳制品企业|某速冻食品企业"),
    ),
    "agricultural-products": IndustryText(
        "农副产品", "农副产品加工企业",
        _split("原料收购分散、质量参差不齐|加工环节标准化程度低|销售渠道依赖经销商"),
        _split("某花生加工企业|某果蔬脱水企业|某粮油加工企业|某大蒜出口企业|某面粉企业"),
    ),
    "pharmaceuticals": IndustryText(
        "医药", "医药企业",
        _split("需满足GMP对数据完整性的要求|批生产记录纸质化、审核周期长|验证文档繁多"),
        _split("某原料药企业|某中药饮片企业|某制剂企业|某兽药企业"),
    ),
    "medical-devices": IndustryText(
        "医疗器械", "医疗器械企业",
        _split("需满足UDI唯一标识和全程追溯要求|注册检验资料管理繁琐|洁净车间环境需持续监控"),
        _split("某医用耗材企业|某康复器械企业|某医用敷料企业|某体外诊断试剂企业"),
    ),
    "electronics": IndustryText(
        "电子信息", "电子信息企业",
        _split("产品迭代快、BOM变更频繁|SMT产线换线频繁、物料防错要求高|客户对良率和交期要求严格"),
        _split("某电子元器件企业|某PCB组装企业|某智能终端企业|某传感器企业"),
    ),
    "metallurgy": IndustryText(
        "冶金", "钢铁冶金企业",
        _split("高温高危作业环境多|能源消耗大、能效对标压力大|大型设备故障停机损失高"),
        _split("某特钢企业|某焊管企业|某钢铁深加工企业|某铸造企业"),
    ),
    "non-ferrous-metals": IndustryText(
        "有色金属", "有色金属企业",
        _split("熔铸工序能耗高|产品规格多、订单排产复杂|贵金属物料管控严格"),
        _split("某铝型材企业|某铜加工企业|某黄金冶炼企业|某铝箔企业"),
    ),
    "building-materials": IndustryText(
        "建材", "建材企业",
        _split("窑炉能耗高、烧成工艺依赖经验|产品规格多、库存周转慢|环保排放监管要求高"),
        _split("某陶瓷企业|某玻璃企业|某水泥企业|某耐火材料企业|某石膏板企业"),
    ),
    "rubber-tyres": IndustryText(
        "橡胶轮胎", "橡胶轮胎企业",
        _split(
            "密炼、压延、成型、硫化工序多，质量追溯难|硫化机等设备集中、能耗高|规格繁多、排产复杂"
        ),
        _split("某全钢子午线轮胎企业|某橡胶制品企业|某输送带企业|某胶管企业"),
    ),
    "light-industry": IndustryText(
        "轻工", "轻工企业",
        _split("产品款式多、生命周期短|人工依赖度高、质量一致性差|渠道分散、终端数据难以获取"),
        _split("某日用品企业|某工艺品企业|某体育用品企业|某钓具企业|某箱包企业"),
    ),
    "furniture-home": IndustryText(
        "家居", "家居家具企业",
        _split("定制订单拆单复杂、板材利用率低|交期长、安装售后环节多|设计与生产数据脱节"),
        _split("某定制家居企业|某板材企业|某实木家具企业|某木门企业"),
    ),
    "paper-printing": IndustryText(
        "造纸印刷", "造纸印刷企业",
        _split("连续生产、断纸等异常损失大|订单批量小、换单频繁|蒸汽和电力消耗大"),
        _split("某包装印刷企业|某特种纸企业|某纸制品企业|某标签印刷企业"),
    ),
    "new-energy": IndustryText(
        "新能源", "新能源企业",
        _split("产能爬坡快、工艺窗口窄|电池产品需全生命周期追溯|设备综合效率直接影响成本"),
        _split("某锂电池材料企业|某光伏组件企业|某储能设备企业|某氢能装备企业"),
    ),
    "new-materials": IndustryText(
        "新材料", "新材料企业",
        _split("研发配方试验多、数据沉淀难|中试放大周期长|批次稳定性要求高"),
        _split("某碳纤维企业|某高分子材料企业|某新型膜材料企业|某特种陶瓷企业"),
    ),
    "shipbuilding-marine": IndustryText(
        "船舶海工", "船舶海工企业",
        _split("项目制生产、分段建造计划复杂|焊接等工序质量记录量大|物资种类多、配套周期长"),
        _split("某船舶修造企业|某海工装备企业|某船用配套企业|某游艇制造企业"),
    ),
    "logistics": IndustryText(
        "物流", "物流企业",
        _split("车辆调度依赖人工、空驶率高|仓储作业效率低、库存不准|客户要求全程可视化"),
        _split("某商贸物流园区|某冷链物流企业|某港口物流企业|某专线物流企业"),
    ),
    "retail-trade": IndustryText(
        "商贸零售", "商贸零售企业",
        _split("线上线下渠道割裂、会员数据分散|门店库存与补货难以协同|营销投入效果难以衡量"),
        _split("某连锁超市|某批发市场商户|某跨境电商企业|某连锁药店"),
    ),
    "construction": IndustryText(
        "建筑", "建筑施工企业",
        _split("项目分散、现场管理半径大|劳务实名制和安全管理要求严格|材料进出场数据不透明"),
        _split("某建筑工程企业|某装配式建筑企业|某市政工程企业|某钢结构企业"),
    ),
    "energy-utilities": IndustryText(
        "电力能源", "电力能源企业",
        _split("设备分布广、巡检工作量大|负荷预测和调度精度要求高|安全生产责任重"),
        _split("某热电企业|某风电运维企业|某配电设备企业|某燃气企业"),
    ),
    "mining": IndustryText(
        "矿山", "矿山企业",
        _split("井下作业环境复杂、安全风险高|设备远离调度中心、运维难|需满足智能化矿山建设要求"),
        _split("某煤矿|某金矿|某石材矿山企业|某铁矿"),
    ),
    "modern-agriculture": IndustryText(
        "现代农业", "农业企业和合作社",
        _split("种植养殖环境依赖经验|农产品品质分级和溯源难|产销信息不对称"),
        _split("某蔬菜种植基地|某畜禽养殖企业|某苹果合作社|某海参养殖企业"),
    ),
}  # fmt: skip

MANUFACTURING = (
    "equipment-manufacturing", "automotive-parts", "chemicals", "textiles-apparel",
    "food-processing", "electronics", "building-materials", "rubber-tyres", "light-industry",
    "new-energy", "new-materials", "metallurgy", "non-ferrous-metals", "furniture-home",
    "paper-printing", "pharmaceuticals", "medical-devices",
)  # fmt: skip


# ---------------------------------------------------------------------------------------------
# Subtypes: what a provider of the subtype does (categories without subtypes are keyed by the
# category slug)
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SubtypeText:
    category: str
    focus: tuple[str, ...]  # "设备全生命周期管理"
    offers: tuple[str, ...]  # sentences about the concrete service
    products: tuple[str, ...]  # keys of PRODUCTS


SUBTYPE_TEXT: dict[str, SubtypeText] = {
    # 1 数字化评测服务商
    "evaluation": SubtypeText(
        "evaluation",
        _split("中小企业数字化水平评测|智能制造能力成熟度评估|数字化转型诊断评估"),
        (
            "公司长期从事中小企业数字化水平评测、智能制造能力成熟度评估和两化融合贯标服务，"
            "熟悉国家和省内相关评测指标体系。",
            "公司建立了覆盖机械、化工、纺织、食品等行业的评测专家库，能够为企业提供"
            "“评测＋诊断＋改造建议”的闭环服务。",
            "公司开发了数字化水平在线自评工具，企业完成问卷后即可获得初步评估结果和同行业对标分析。",
        ),
        (
            "maturity-assessment",
            "cmmm-assessment",
            "dcmm-assessment",
            "two-integration",
            "diagnosis-report",
        ),
    ),
    # 2 数字化咨询服务商
    "planning": SubtypeText(
        "consulting",
        _split("数字化转型咨询规划|智能工厂规划|信息化顶层设计"),
        (
            "公司为制造企业提供数字化转型战略规划、业务流程诊断和信息化顶层设计，"
            "帮助企业明确转型路径和投资重点。",
            "咨询团队熟悉离散制造和流程制造企业的管理模式，能够将精益管理方法与数字化工具结合，"
            "输出可落地的分阶段实施方案。",
        ),
        ("transformation-planning", "smart-factory-planning", "it-blueprint"),
    ),
    "engineering-design": SubtypeText(
        "consulting",
        _split("数字化工厂工程设计|车间布局与物流规划"),
        (
            "公司具备工程设计资质，采用BIM正向设计方法开展新建和改造工厂的工艺、建筑和公用工程设计。",
            "公司运用价值流分析和物流仿真工具，为企业优化车间布局、物流路径和产线节拍。",
        ),
        ("factory-design", "line-layout"),
    ),
    "talent-development": SubtypeText(
        "consulting",
        _split("数字化人才培养|数字技能培训"),
        (
            "公司围绕需求分析、方案设计、技术应用、服务实施四个环节开展数字化人才培训，"
            "已累计培训企业技术骨干数千人次。",
            "公司建有工业互联网实训基地，配备PLC、工业机器人、MES等真实实训环境，"
            "可为企业开展订单式数字技能人才培养。",
        ),
        ("designer-training", "lms", "skills-training"),
    ),
    # 3 数字化运营服务商
    "process-management": SubtypeText(
        "operations",
        _split("业务流程数字化|协同办公与流程管理"),
        (
            "公司提供BPM流程管理、OA协同办公和低代码开发平台，帮助企业把审批和业务流程搬到线上。",
            "公司基于自主研发的低代码平台，为中小企业快速搭建进销存、设备点检、质量记录等轻应用，"
            "平均交付周期不超过一个月。",
        ),
        ("bpm", "oa", "low-code"),
    ),
    "finance-management": SubtypeText(
        "operations",
        _split("财务数字化|业财一体化"),
        (
            "公司专注财务数字化领域，提供业财一体化ERP、费控报销和财务共享解决方案。",
            "公司的财务产品支持全电发票和电子会计档案，帮助企业实现从报销到凭证的全流程自动化。",
        ),
        ("finance-sharing", "expense", "erp-finance"),
    ),
    "marketing-management": SubtypeText(
        "operations",
        _split("营销数字化|客户关系管理"),
        (
            "公司提供CRM客户关系管理、私域营销和经销商管理产品，帮助制造企业和商贸企业提升获客和成交效率。",
            "公司深耕营销数字化，拥有基于企业微信的私域运营工具和专业的代运营团队。",
        ),
        ("crm", "scrm", "dms"),
    ),
    "supply-chain-management": SubtypeText(
        "operations",
        _split("供应链协同|数字化采购"),
        (
            "公司提供SRM供应商关系管理、数字化采购和供应链协同平台，连接核心企业与上下游伙伴。",
            "公司围绕产业链“链主”企业，帮助配套中小企业实现订单、库存和物流信息的在线协同。",
        ),
        ("srm", "scm-collab", "procurement"),
    ),
    "after-sales-management": SubtypeText(
        "operations",
        _split("售后服务数字化|客户服务管理"),
        (
            "公司为设备制造企业提供售后服务管理和智能客服产品，覆盖报修、派工、备件和回访全流程。",
            "公司帮助制造企业从“卖产品”向“卖服务”转型，建立设备档案和服务知识库。",
        ),
        ("fsm", "call-center"),
    ),
    # 4 数字化研发服务商
    "product-design": SubtypeText(
        "rnd",
        _split("产品数字化设计|工业设计"),
        (
            "公司提供三维CAD设计、工业设计和结构设计服务，帮助企业缩短新产品开发周期。",
            "公司拥有工业设计中心，可为企业提供从用户研究、外观造型到结构设计、样机制作的一体化服务。",
        ),
        ("cad", "industrial-design"),
    ),
    "rnd-management": SubtypeText(
        "rnd",
        _split("研发数字化管理|产品数据管理"),
        (
            "公司专注PLM产品生命周期管理和研发项目管理，帮助企业规范图文档、BOM和设计变更管理。",
            "公司在装备制造和汽车零部件行业实施了大量PDM/PLM项目，熟悉研发与工艺、制造的数据贯通。",
        ),
        ("plm", "rd-project"),
    ),
    "process-design": SubtypeText(
        "rnd",
        _split("工艺设计数字化|结构化工艺管理"),
        (
            "公司提供CAPP计算机辅助工艺设计和结构化工艺管理产品，工艺数据可直接下发车间。",
            "公司帮助企业建立典型工艺库和工时定额库，沉淀工艺人员的经验。",
        ),
        ("capp", "recipe"),
    ),
    "process-optimisation": SubtypeText(
        "rnd",
        _split("工艺优化|工艺参数智能优化"),
        (
            "公司利用工业大数据和机器学习技术，为流程型企业提供工艺参数优化和配方管理服务。",
            "公司与高校联合建立工艺优化实验室，在橡胶、化工、建材等行业形成了多个工艺模型。",
        ),
        ("process-param-ai", "recipe"),
    ),
    "simulation": SubtypeText(
        "rnd",
        _split("仿真分析|虚拟调试"),
        (
            "公司提供结构、流体、热和电磁等CAE仿真分析服务，以及产线虚拟调试服务。",
            "公司拥有高性能计算集群和多款商业仿真软件授权，可按项目为中小企业提供仿真算力和分析服务。",
        ),
        ("cae", "virtual-commissioning"),
    ),
    # 5 数字化生产服务商
    "planning-scheduling": SubtypeText(
        "production",
        _split("生产计划与智能排产|APS高级计划排程"),
        (
            "公司专注APS高级计划排程，帮助多品种、小批量企业解决插单频繁、交期难以承诺的问题。",
            "公司的排程算法团队在约束规划和启发式优化方面有多年积累，可在分钟级完成车间排程。",
        ),
        ("aps",),
    ),
    "production-management": SubtypeText(
        "production",
        _split("生产过程数字化管理|MES制造执行系统"),
        (
            "公司自主研发MES制造执行系统，覆盖工单、报工、质量、物料和设备管理，支持离散和流程两类行业。",
            "公司推出面向小微工厂的云MES，扫码即可报工，最快一周上线。",
            "公司在车间数字化领域深耕多年，形成了多个行业版本的生产管理解决方案。",
        ),
        ("mes", "light-mes"),
    ),
    "quality-management": SubtypeText(
        "production",
        _split("质量管理数字化|产品质量追溯"),
        (
            "公司提供QMS质量管理、SPC统计过程控制和质量追溯产品，帮助企业建立全过程质量数据链。",
            "公司熟悉IATF 16949、GMP等质量体系要求，能够将体系文件要求固化到系统流程中。",
        ),
        ("qms", "traceability", "spc"),
    ),
    "equipment-management": SubtypeText(
        "production",
        _split("设备全生命周期管理|设备预测性维护"),
        (
            "公司围绕设备联网、点巡检、维修保养和备品备件管理，为企业提供设备全生命周期数字化管理服务。",
            "公司自主研发无线振动温度传感器和设备故障诊断模型，为关键旋转设备提供预测性维护服务。",
        ),
        ("eam", "phm"),
    ),
    "warehousing-logistics": SubtypeText(
        "production",
        _split("智能仓储与物流|仓储物流数字化"),
        (
            "公司提供WMS仓储管理、TMS运输管理和自动化立体库控制系统，覆盖厂内物流和厂外配送。",
            "公司具备自动化立体库整体交付能力，可提供从规划设计、设备集成到软件实施的一站式服务。",
        ),
        ("wms", "tms", "wcs"),
    ),
    "safety-environment": SubtypeText(
        "production",
        _split("安全生产与环保数字化|双重预防机制建设"),
        (
            "公司专注安全生产和环保领域，提供双重预防机制信息系统、危化品管理和环保在线监测产品。",
            "公司技术团队中有注册安全工程师和环评工程师，熟悉应急管理和生态环境部门的监管要求。",
        ),
        ("dual-prevention", "env-monitoring", "hazchem"),
    ),
    "energy-management": SubtypeText(
        "production",
        _split("能源管理与节能降碳|能耗监测"),
        (
            "公司提供能耗监测、能源管理和碳排放管理服务，帮助企业摸清能耗家底、挖掘节能潜力。",
            "公司具备节能诊断和合同能源管理经验，可将能耗数据分析与节能改造结合实施。",
        ),
        ("ems", "carbon"),
    ),
    # 6 数字化基建服务商
    "network-communication": SubtypeText(
        "infrastructure",
        _split("5G专网与工业网络|企业网络建设"),
        (
            "公司提供5G专网、工业以太网和企业组网服务，是多家通信运营商的合作伙伴。",
            "公司具备通信工程施工能力，可为工厂提供网络规划、信号覆盖和网络运维一体化服务。",
        ),
        ("5g-private", "factory-network"),
    ),
    "cloud-computing": SubtypeText(
        "infrastructure",
        _split("企业上云|云计算服务"),
        (
            "公司是多家主流云服务商的合作伙伴，为中小企业提供上云评估、迁移和云上运维服务。",
            "公司提供私有云、混合云和云桌面解决方案，帮助企业降低IT基础设施投入。",
        ),
        ("cloud-migration", "cloud-desktop", "hybrid-cloud"),
    ),
    "iot-integration": SubtypeText(
        "infrastructure",
        _split("设备联网与数据采集|物联网接入"),
        (
            "公司自主研发工业网关和设备数据采集软件，支持数百种PLC、数控系统和仪表协议。",
            "公司已完成数万台设备的联网改造，在老旧设备加装传感器和协议解析方面经验丰富。",
        ),
        ("iot-gateway", "data-collection"),
    ),
    "system-integration": SubtypeText(
        "infrastructure",
        _split("信息系统集成|数据中心建设"),
        (
            "公司具备信息系统集成和机房建设能力，可提供从规划设计、设备采购到运维保障的全过程服务。",
            "公司擅长打通ERP、MES、WMS等异构系统，帮助企业消除信息孤岛。",
        ),
        ("data-center", "system-integration"),
    ),
    "industrial-internet-platform": SubtypeText(
        "infrastructure",
        _split("工业互联网平台|工业互联网标识解析"),
        (
            "公司运营工业互联网平台，提供设备接入、工业数据管理和工业APP开发能力，已接入设备数万台。",
            "公司参与工业互联网标识解析二级节点建设和运营，帮助企业开展标识赋码和产品追溯应用。",
        ),
        ("iiot-platform", "identifier-resolution"),
    ),
    "information-security": SubtypeText(
        "infrastructure",
        _split("网络与数据安全|等级保护和工控安全"),
        (
            "公司提供网络安全等级保护咨询与整改、工控安全防护和数据安全治理服务。",
            "公司拥有专业的安全服务团队，可为企业提供安全评估、渗透测试、应急响应和安全运维服务。",
        ),
        ("mlps", "ics-security", "data-security"),
    ),
    # 7 数字化设备服务商
    "smart-equipment": SubtypeText(
        "equipment",
        _split("智能装备研发制造|工业机器人集成应用"),
        (
            "公司研发制造工业机器人工作站、智能检测设备和AGV移动机器人，拥有自有装配车间。",
            "公司产品已应用于焊接、上下料、码垛和视觉检测等场景，可根据企业工艺定制开发。",
        ),
        ("robot-workstation", "vision-inspection-equipment", "agv"),
    ),
    "equipment-commissioning": SubtypeText(
        "equipment",
        _split("设备与工艺调试|老旧设备数字化改造"),
        (
            "公司提供自动化产线安装调试、工艺验证和产能爬坡服务。",
            "公司擅长老旧设备数字化改造，以较低成本为存量设备加装传感器、控制器和联网模块。",
        ),
        ("line-commissioning", "retrofit"),
    ),
    "industrial-control": SubtypeText(
        "equipment",
        _split("工业自动化控制|SCADA与DCS系统集成"),
        (
            "公司提供PLC、DCS控制系统和SCADA监控系统集成服务，熟悉西门子、罗克韦尔、和利时、中控等主流平台。",
            "公司在水处理、化工和食品行业完成了大量自动化控制系统集成项目。",
        ),
        ("scada", "plc-dcs"),
    ),
    "equipment-maintenance": SubtypeText(
        "equipment",
        _split("设备运维服务|设备远程运维"),
        (
            "公司提供设备运维托管和远程运维服务，帮助企业减少设备管理人员投入、降低故障停机损失。",
            "公司建有设备远程运维中心，可对客户设备进行远程监测、诊断和维修指导。",
        ),
        ("om-outsourcing", "remote-om"),
    ),
    # 8 数字化技术服务商
    "data-applications": SubtypeText(
        "technology",
        _split("数据治理与数据分析|数据中台建设"),
        (
            "公司提供数据中台、BI商业智能和数据治理服务，帮助企业把数据变成可用的经营资产。",
            "公司的数据团队熟悉制造企业的经营分析指标体系，可快速搭建经营驾驶舱。",
        ),
        ("data-platform", "bi"),
    ),
    "artificial-intelligence": SubtypeText(
        "technology",
        _split("人工智能应用|工业视觉与大模型应用"),
        (
            "公司专注人工智能在制造业的应用，提供AI视觉质检、大模型知识库和需求预测等产品。",
            "公司拥有自主的深度学习训练平台，小样本条件下也能快速训练出可用的缺陷检测模型。",
        ),
        ("visual-qc", "llm-kb", "ai-forecast"),
    ),
    "digital-twin": SubtypeText(
        "technology",
        _split("数字孪生|三维可视化"),
        (
            "公司自主研发三维可视化引擎，提供数字孪生工厂、数字孪生车间和三维监控大屏等产品。",
            "公司将三维模型与实时生产数据融合，帮助管理者直观掌握工厂运行状态。",
        ),
        ("digital-twin-factory", "3d-visualisation"),
    ),
    # 9 数字化综合服务商
    "comprehensive": SubtypeText(
        "comprehensive",
        _split("中小企业数字化转型综合服务|数字化转型总包服务"),
        (
            "公司可为中小企业提供从诊断咨询、软件实施、设备联网到运维培训的一站式数字化转型服务。",
            "公司自主研发ERP、MES等核心产品，并整合生态伙伴资源，形成覆盖研产供销服的解决方案体系。",
            "公司面向产业集群提供“平台＋服务”的整体解决方案，带动集群内中小企业批量转型。",
        ),
        ("erp", "xkqz-suite", "one-stop", "cluster-platform"),
    ),
    # 10 数字化品牌设计服务商
    "brand-design": SubtypeText(
        "brand-design",
        _split("品牌数字化设计与营销|数字化品牌建设"),
        (
            "公司为制造企业和农产品品牌提供品牌策划、视觉设计、官网小程序建设和数字营销服务。",
            "公司拥有专业的设计、摄影和短视频团队，帮助中小企业打造区域品牌和线上影响力。",
        ),
        ("brand-vi", "website-miniapp", "short-video", "vr-showroom"),
    ),
}

# Which other categories a provider of the category often also holds.
CATEGORY_COMPANIONS = {
    "evaluation": ("consulting", "comprehensive"),
    "consulting": ("evaluation", "comprehensive", "operations", "technology"),
    "operations": ("comprehensive", "technology", "consulting", "production"),
    "rnd": ("technology", "production", "consulting"),
    "production": ("technology", "equipment", "infrastructure", "operations", "rnd"),
    "infrastructure": ("technology", "production", "equipment"),
    "equipment": ("production", "infrastructure", "technology"),
    "technology": ("production", "infrastructure", "operations", "rnd"),
    "comprehensive": ("consulting", "operations", "production", "infrastructure"),
    "brand-design": ("operations", "technology"),
}
CATEGORY_WEIGHTS = {
    "evaluation": 14, "consulting": 30, "operations": 40, "rnd": 26, "production": 60,
    "infrastructure": 50, "equipment": 34, "technology": 36, "comprehensive": 16,
    "brand-design": 14,
}  # fmt: skip


# ---------------------------------------------------------------------------------------------
# Product types: what solutions are made of
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Product:
    """A type of solution (product or service) a provider may offer.

    ``names``: title patterns; ``{b}`` is the provider's brand, ``{i}`` an industry's short name.
    ``term``: how a description names it, acronym with its Chinese name where there is one.
    ``modes``: deployment modes as weighted letters (``s`` SaaS, ``p`` private, ``h`` hybrid);
    empty for services that are not deployed.
    ``price``: the usual range of the reference price in 万元; ``price_note`` says what it buys.
    """

    key: str
    names: tuple[str, ...]
    term: str
    what: str
    features: tuple[str, ...]
    details: tuple[str, ...]
    benefits: tuple[str, ...]
    scenarios: tuple[str, ...]
    price: tuple[float, float]
    modes: str
    xkqz: float = 0.3
    industries: tuple[str, ...] = field(default=())
    price_note: str = ""


def P(key, names, term, what, features, details, benefits, scenarios, price, modes, **kwargs):
    industries = kwargs.pop("industries", "")
    return Product(
        key=key,
        names=_split(names),
        term=term,
        what=what,
        features=_split(features),
        details=tuple(details),
        benefits=_split(benefits),
        scenarios=_split(scenarios),
        price=price,
        modes=modes,
        industries=tuple(industries.split()),
        **kwargs,
    )


_PROCESS = "chemicals petrochemicals building-materials rubber-tyres paper-printing metallurgy"
_HEAVY = _PROCESS + " mining energy-utilities non-ferrous-metals"
_CONSUMER = (
    "food-processing agricultural-products light-industry textiles-apparel furniture-home "
    "retail-trade modern-agriculture"
)

PRODUCT_LIST = [
    # --- 1 数字化评测 ------------------------------------------------------------------------
    P(
        "maturity-assessment",
        "中小企业数字化水平评测服务|{b}数字化水平评测服务|中小企业数字化转型成熟度评测",
        "数字化水平评测",
        "依据《中小企业数字化水平评测指标》，从数字化基础、经营、管理、成效四个维度量化评估企业现状，"
        "出具评测报告和改进建议",
        "线上自评问卷与数据填报|现场调研与访谈|数字化水平等级评定（一级至四级）|同行业对标分析|"
        "短板环节诊断|改造提升路径建议|评测报告出具与解读",
        [
            "评测团队由具备数字化解决方案设计师资格的咨询顾问和行业专家组成，单家企业现场评测一般为1至2个工作日。",
            "评测结果可作为企业遴选改造服务商、制定年度数字化投入计划的依据。",
        ],
        "帮助企业在{2-4}周内摸清数字化家底|累计完成评测{200-600}余家企业，形成{8-15}个行业的对标数据库",
        "数字化水平评测|转型诊断|同行业对标|改造路径规划",
        (0.5, 3),
        "",
        xkqz=0.6,
        price_note="按家计费",
    ),
    P(
        "cmmm-assessment",
        "智能制造能力成熟度评估服务（CMMM）|{b}智能制造成熟度评估|CMMM智能制造能力成熟度贯标咨询",
        "CMMM（智能制造能力成熟度模型）",
        "依据GB/T 39116《智能制造能力成熟度模型》和GB/T 39117评估方法，"
        "对企业设计、生产、物流、销售、"
        "服务等能力要素开展自评估和贯标辅导",
        "成熟度自评估辅导|能力要素差距分析|贯标体系文件编制|现场评估准备|改进项目规划|复评跟踪",
        [
            "服务过程中结合企业实际制定分阶段提升计划，帮助企业从一级（规划级）逐步迈向更高等级。",
            "评估顾问熟悉离散型和流程型两类评估域，可同步提供智能制造项目规划建议。",
        ],
        "已辅导{20-80}余家企业通过成熟度评估|服务企业平均用{3-6}个月完成贯标准备",
        "智能制造评估|贯标辅导|差距分析",
        (3, 15),
        "",
    ),
    P(
        "dcmm-assessment",
        "数据管理能力成熟度评估（DCMM）贯标服务|{b}DCMM数据管理能力评估|数据管理能力成熟度评估咨询",
        "DCMM（数据管理能力成熟度评估模型）",
        "按照GB/T 36073《数据管理能力成熟度评估模型》的八大能力域，"
        "对企业数据战略、数据治理、数据架构、"
        "数据质量、数据安全等进行评估并辅导整改",
        "数据管理现状调研|八大能力域差距分析|数据管理制度体系编制|数据标准与数据质量规则梳理|"
        "评估材料准备|正式评估陪同",
        ["项目周期一般为3至6个月，可与数据中台、主数据治理项目同步开展。"],
        "已协助{30-90}余家企业通过DCMM二级、三级评估",
        "数据治理|数据管理评估|贯标咨询",
        (5, 20),
        "",
    ),
    P(
        "two-integration",
        "两化融合管理体系贯标咨询|{b}两化融合贯标服务|两化融合管理体系评定辅导",
        "两化融合管理体系（GB/T 23001）",
        "依据GB/T 23001系列标准，帮助企业识别可持续竞争优势、策划新型能力，"
        "建立并运行两化融合管理体系",
        "现状诊断与新型能力识别|体系策划与文件编制|体系运行辅导|内部审核与管理评审|评定准备与陪审|"
        "评定后持续改进",
        ["咨询过程注重与企业现有ISO管理体系融合，避免“两张皮”。"],
        "已服务{50-150}余家企业通过两化融合管理体系评定",
        "贯标咨询|新型能力建设|管理体系运行",
        (4, 12),
        "",
    ),
    P(
        "diagnosis-report",
        "企业数字化转型诊断服务|{b}数字化转型“一企一策”诊断|数字化转型初诊与深度诊断服务",
        "数字化转型诊断",
        "以“线上初诊＋现场深诊”方式，梳理企业研发、生产、经营、管理各环节的数字化短板，"
        "形成“一企一策”诊断报告和改造清单",
        "线上初诊问卷|现场深度诊断|业务流程梳理|数据资产盘点|改造需求清单|投入产出测算|服务商对接推荐",
        ["诊断报告按“急用先行、分步实施”的原则排列改造项目，并给出每个项目的参考投资和预期成效。"],
        "累计为{300-800}余家中小企业开展转型诊断|诊断后{30-60}%的企业在半年内启动了改造项目",
        "转型诊断|一企一策|改造清单",
        (0.3, 3),
        "",
        xkqz=0.7,
        price_note="按家计费",
    ),
    # --- 2 数字化咨询 ------------------------------------------------------------------------
    P(
        "transformation-planning",
        "数字化转型规划咨询|{b}企业数字化转型顶层规划|数字化转型三年行动规划咨询",
        "数字化转型规划",
        "从企业战略出发，梳理业务蓝图和应用架构，制定分阶段、可落地的数字化转型路线图和投资计划",
        "企业战略与业务现状调研|业务流程诊断与优化|应用架构和数据架构设计|信息化项目优先级排序|"
        "投资预算与效益测算|实施路线图编制|项目群管理辅导",
        ["咨询交付物可直接用于后续系统选型和招标，避免重复投入。"],
        "规划项目平均帮助企业压缩信息化重复投资{10-25}%",
        "转型规划|业务流程优化|信息化投资规划",
        (10, 60),
        "",
    ),
    P(
        "smart-factory-planning",
        "智能工厂规划咨询|{b}智能工厂整体规划|数字化车间规划设计服务",
        "智能工厂规划",
        "围绕产能、工艺、物流和信息化四条主线，为新建或改造工厂提供整体规划，输出智能制造系统架构和实施方案",
        "产能与工艺路线分析|车间布局与物流规划|自动化产线方案设计|MES、WMS、SCADA系统架构规划|"
        "网络与数据中心规划|投资概算与分期实施计划",
        ["规划方案兼顾当前产能需求和未来扩展，关键装备和系统均给出国产化选型建议。"],
        "规划落地后车间人均产值提升{20-45}%|物流搬运距离缩短{25-50}%",
        "智能工厂规划|数字化车间|新建工厂",
        (20, 120),
        "",
        industries=" ".join(MANUFACTURING),
    ),
    P(
        "it-blueprint",
        "信息化顶层设计咨询|{b}IT规划与系统选型咨询|企业信息系统选型与实施监理",
        "IT规划（信息化顶层设计）",
        "帮助企业厘清ERP、MES、PLM、CRM等系统的边界和集成关系，完成系统选型并对实施过程进行监理",
        "IT现状评估|系统边界与集成方案|选型需求书编制|供应商评估与比选|实施过程监理|项目验收评估",
        ["顾问团队独立于软件厂商，选型建议只对企业负责。"],
        "帮助企业将系统实施周期缩短{15-30}%",
        "系统选型|实施监理|IT规划",
        (5, 40),
        "",
    ),
    P(
        "factory-design",
        "智能工厂工程设计（BIM）|{b}数字化工厂工程设计|工厂BIM正向设计服务",
        "BIM（建筑信息模型）",
        "采用BIM正向设计，完成厂房建筑、公用工程和工艺管线的协同设计，交付可用于数字孪生运维的三维模型",
        "工艺布置设计|厂房建筑与结构设计|公用工程与管线综合|BIM碰撞检查|工程量统计|三维数字化交付",
        ["设计成果可直接导入数字孪生平台，为工厂后期运维提供基础模型。"],
        "设计阶段发现并消除管线碰撞{100-400}余处|施工返工率降低{20-40}%",
        "工厂设计|数字化交付|改扩建工程",
        (30, 200),
        "",
        industries="equipment-manufacturing chemicals pharmaceuticals food-processing new-energy "
        "new-materials",
    ),
    P(
        "line-layout",
        "数字化车间布局与物流仿真规划|{b}车间精益布局设计|工厂物流规划与仿真服务",
        "车间布局与物流仿真",
        "运用精益生产方法和离散事件仿真，对车间布局、物流路径和生产节拍进行验证和优化",
        "价值流分析（VSM）|车间布局方案设计|物流路径与AGV规划|产线节拍仿真|瓶颈工序识别|方案比选报告",
        ["仿真模型可在后续改造中反复使用，用于评估新增订单和新产品导入对产能的影响。"],
        "产线平衡率提升{10-25}个百分点|在制品库存下降{20-40}%",
        "车间布局|物流规划|产线平衡",
        (8, 50),
        "",
        industries=" ".join(MANUFACTURING),
    ),
    P(
        "designer-training",
        "数字化解决方案设计师培训|{b}数字化解决方案设计师研修班|数字化解决方案设计师能力提升培训",
        "数字化解决方案设计师培训",
        "围绕需求分析、方案设计、技术应用、服务实施四个环节，为服务商和企业技术骨干提供理论授课、"
        "案例研讨和实操训练",
        "需求分析与业务建模|解决方案架构设计|工业软件与平台应用|项目实施与交付管理|典型案例研讨|"
        "实践应用考核辅导",
        ["课程采用“线上学习＋线下集训＋项目实践”的方式，学员结业后可参加实践应用考核。"],
        "累计培训学员{800-3000}余人次|学员考核通过率{85-96}%",
        "人才培训|方案设计能力提升|考核辅导",
        (0.3, 1.5),
        "",
        xkqz=0.4,
        price_note="按人计费",
    ),
    P(
        "lms",
        "企业在线学习平台（LMS）|{b}数字化学习平台|{b}LMS学习管理系统",
        "LMS（学习管理系统）",
        "为企业提供课程管理、在线考试、岗位学习地图和技能认证功能，员工可随时在手机上学习",
        "课程资源库|岗位学习地图|在线考试与题库|培训计划与签到|技能等级认证|学习数据分析|企业微信和钉钉集成",
        ["平台内置安全生产、质量管理、精益生产等通用课程，企业也可上传自有课程。"],
        "员工年度培训覆盖率提升到{90-99}%|培训组织工作量减少{40-70}%",
        "员工培训|技能认证|安全培训",
        (1, 8),
        "ssh",
        xkqz=0.6,
    ),
    P(
        "skills-training",
        "数字技能人才实训服务|{b}工业互联网实训基地服务|智能制造技能人才实训",
        "数字技能实训",
        "依托实训基地的PLC、工业机器人、MES等真实设备和软件环境，为企业开展订单式数字技能人才培养",
        "岗位能力模型设计|工业机器人操作与编程实训|PLC与工业网络实训|MES应用实训|考核评价|订单班培养",
        ["实训内容与企业真实产线对应，学员返岗后即可上手。"],
        "已为{40-120}家企业培养数字技能人才{500-2000}余人",
        "技能实训|订单式培养|岗位培训",
        (2, 20),
        "",
    ),
    # --- 3 数字化运营 ------------------------------------------------------------------------
    P(
        "bpm",
        "{b}BPM业务流程管理平台|BPM流程管理平台|{b}流程引擎与审批平台",
        "BPM（业务流程管理）",
        "以可视化流程建模为核心，将合同、采购、费用、人事等审批流程线上化，并对流程效率进行监控分析",
        "图形化流程建模|表单设计器|移动审批|流程监控与超时预警|流程效率分析|与ERP、OA系统集成|电子签章",
        ["流程引擎遵循BPMN 2.0规范，支持会签、加签、条件分支和子流程。"],
        "审批平均时长从{3-5}天缩短到{1-2}天以内",
        "流程审批|合同管理|费用审批",
        (3, 30),
        "ssp",
    ),
    P(
        "oa",
        "{b}OA协同办公平台|{b}协同办公系统|OA协同办公（中小企业版）",
        "OA（协同办公）",
        "集公文、审批、会议、知识和企业门户于一体，让员工在电脑和手机上协同办公",
        "公文流转|审批中心|会议管理|知识文档管理|企业门户|移动办公|考勤与人事",
        ["支持与企业微信、钉钉集成，员工无需安装新的App。"],
        "纸质单据减少{70-95}%|跨部门事务办理效率提升{30-60}%",
        "协同办公|移动审批|知识管理",
        (1, 15),
        "ssp",
        xkqz=0.5,
    ),
    P(
        "low-code",
        "{b}低代码开发平台|低代码应用搭建平台|{b}aPaaS低代码平台",
        "低代码开发平台",
        "通过拖拽式表单、流程和报表配置，让企业业务人员自主搭建进销存、设备点检、质量记录等轻应用",
        "可视化表单设计|流程编排|报表与仪表盘|数据权限管理|开放API与插件|应用模板市场",
        ["平台提供上百个制造业应用模板，企业可在模板基础上修改使用。"],
        "应用开发周期缩短{50-80}%|企业自主搭建应用{10-40}个",
        "轻应用搭建|业务数字化|数据填报",
        (2, 30),
        "sph",
        xkqz=0.6,
    ),
    P(
        "finance-sharing",
        "{b}财务共享服务平台|财务共享服务中心解决方案|{b}业财共享平台",
        "财务共享（财务共享服务中心）",
        "将分散在各分子公司的核算、报销、资金和税务业务集中处理，实现业财数据实时贯通",
        "网上报销|影像扫描与OCR识别|智能审核|资金管理|电子会计档案|税务管理|共享运营分析",
        ["平台支持全电发票接收、查验和入账，满足电子会计档案归档要求。"],
        "财务核算人员效率提升{30-60}%|月结时间缩短{2-5}天",
        "财务共享|报销管理|资金管理",
        (20, 150),
        "ph",
    ),
    P(
        "expense",
        "{b}费控报销与电子发票平台|费控报销SaaS|{b}智能费控",
        "费控报销",
        "覆盖事前申请、商旅预订、发票查验、报销审批到支付入账的全流程",
        "费用预算控制|商旅预订|发票OCR识别与验真|电子发票归档|移动报销审批|自动生成凭证",
        ["与主流财务软件预置接口，报销单审批完成后自动生成记账凭证。"],
        "报销周期从{7-15}天缩短到{2-4}天|违规报销基本杜绝",
        "费用报销|发票管理|差旅管理",
        (0.5, 6),
        "s",
        xkqz=0.8,
        price_note="按年订阅",
    ),
    P(
        "erp-finance",
        "{b}业财一体化ERP|业财一体化ERP（企业资源计划）|{b}云ERP财务版",
        "ERP（企业资源计划）",
        "以财务为核心，打通采购、销售、库存、生产成本等业务数据，业务发生即自动生成凭证",
        "总账与报表|应收应付管理|存货核算|成本核算|固定资产|税务发票|经营分析",
        ["系统支持多组织、多账簿核算，满足集团型中小企业的管理需要。"],
        "月末结账时间缩短{40-70}%|成本核算准确率显著提高",
        "业财一体化|成本核算|经营分析",
        (3, 40),
        "sph",
        xkqz=0.4,
    ),
    P(
        "crm",
        "{b}CRM客户关系管理系统|{b}客户关系管理系统|CRM销售管理云（{i}版）",
        "CRM（客户关系管理）",
        "覆盖线索、商机、报价、合同、回款的销售全过程管理，帮助企业沉淀客户资产、提升成交率",
        "线索管理|客户360视图|商机漏斗|报价与合同|回款跟踪|销售绩效分析|移动外勤",
        ["支持与ERP订单和财务回款数据打通，销售人员可在手机上查看客户全部往来。"],
        "商机转化率提升{10-30}%|回款周期缩短{10-25}天",
        "销售管理|客户管理|回款管理",
        (0.5, 10),
        "sssp",
        xkqz=0.6,
    ),
    P(
        "scrm",
        "{b}私域营销SCRM平台|营销数字化平台（SCRM）|{b}会员营销云",
        "SCRM（社交化客户关系管理）",
        "基于企业微信和小程序，帮助企业搭建私域流量池，实现会员运营、内容营销和精准触达",
        "企业微信客户管理|会员积分与等级|营销活动配置|内容素材库|客户标签与画像|营销效果分析|导购分销",
        ["平台提供营销活动模板和代运营服务，企业无需专门的运营团队也能上手。"],
        "会员复购率提升{15-40}%|单次活动获客成本降低{20-50}%",
        "私域运营|会员营销|导购分销",
        (1, 12),
        "s",
        xkqz=0.6,
        industries=_CONSUMER,
    ),
    P(
        "dms",
        "{b}DMS经销商管理系统|经销商管理系统（DMS）|{b}渠道订货平台",
        "DMS（经销商管理系统）",
        "为以经销渠道为主的制造企业提供在线订货、返利、库存和终端动销管理",
        "经销商在线订货|价格与返利政策|渠道库存管理|终端动销数据采集|费用核销|渠道分析",
        ["经销商通过小程序即可下单和对账，厂家实时掌握渠道库存。"],
        "订单处理效率提升{40-70}%|渠道窜货问题明显减少",
        "渠道管理|在线订货|返利管理",
        (3, 25),
        "sp",
        industries=_CONSUMER + " building-materials equipment-manufacturing",
    ),
    P(
        "srm",
        "{b}SRM供应商关系管理系统|SRM供应商协同平台|{b}供应商关系管理系统",
        "SRM（供应商关系管理）",
        "覆盖供应商准入、寻源比价、订单协同、送货对账和绩效评价全过程",
        "供应商准入与资质管理|询比价与招投标|采购订单协同|送货单与条码|对账与发票协同|供应商绩效评价",
        ["供应商通过门户确认订单、打印条码送货单，收货时扫码即可完成入库。"],
        "采购周期缩短{20-40}%|对账工作量减少{50-80}%",
        "供应商管理|采购协同|对账管理",
        (5, 40),
        "sph",
    ),
    P(
        "scm-collab",
        "{b}供应链协同平台|供应链协同云平台|{b}产业链供需协同平台",
        "供应链协同",
        "连接核心企业与上下游，实现需求预测、订单、库存和物流信息共享，减少层层放大的库存波动",
        "需求预测共享|订单协同|VMI供应商管理库存|在途物流跟踪|供应链金融对接|协同看板",
        ["平台已对接多家“链主”企业，配套中小企业可零成本接入。"],
        "供应链整体库存降低{15-35}%|订单准时交付率提升到{92-98}%",
        "供需协同|库存协同|产业链协作",
        (10, 80),
        "sh",
    ),
    P(
        "procurement",
        "{b}数字化采购平台|阳光采购平台|{b}MRO集中采购平台",
        "数字化采购",
        "把采购需求、寻源、合同、执行和结算搬到线上，采购过程透明、可追溯",
        "采购需求归集|电子招标与竞价|采购目录与商城|合同管理|履约跟踪|采购分析",
        ["平台内置MRO商城，办公用品和工业品可直接下单。"],
        "采购成本平均降低{5-12}%|采购过程全程留痕",
        "阳光采购|电子招标|MRO采购",
        (3, 30),
        "sp",
    ),
    P(
        "fsm",
        "{b}售后服务管理系统|售后服务管理云（FSM）|{b}工单与服务管理平台",
        "FSM（现场服务管理）",
        "面向设备制造企业，管理报修、派工、备件、现场服务和回访全流程，沉淀设备档案和服务知识",
        "多渠道报修|智能派单|工程师移动App|备件管理|设备档案与二维码|服务结算|客户满意度回访",
        ["每台出厂设备一机一码，客户扫码即可报修并查看服务进度。"],
        "平均响应时间缩短{30-60}%|客户满意度提升到{92-98}%",
        "售后服务|设备报修|备件管理",
        (1, 15),
        "ssp",
        xkqz=0.6,
        industries="equipment-manufacturing automotive-parts electronics medical-devices "
        "new-energy light-industry",
    ),
    P(
        "call-center",
        "{b}智能客服与呼叫中心|云呼叫中心|{b}全渠道客服平台",
        "智能客服",
        "统一接入电话、微信、网页和App渠道，AI机器人自动应答常见问题，复杂问题转人工处理",
        "云呼叫中心|全渠道接入|智能客服机器人|知识库|质检与录音|工单流转",
        ["开通即用，座席可在浏览器中接听电话，无需采购专用设备。"],
        "机器人独立解决率达到{60-85}%|人工座席工作量减少{30-50}%",
        "客户服务|热线电话|在线客服",
        (1, 10),
        "s",
        xkqz=0.5,
    ),
    # --- 4 数字化研发 ------------------------------------------------------------------------
    P(
        "cad",
        "{b}三维CAD设计与数据管理|三维CAD正版化与设计服务|{b}云CAD协同设计平台",
        "CAD（计算机辅助设计）",
        "提供三维建模、工程图、标准件库和设计数据管理，设计人员可在线协同",
        "三维实体与曲面建模|工程图自动生成|标准件与通用件库|设计变更管理|轻量化浏览与批注|与PDM、PLM集成",
        ["产品兼容主流三维格式，企业历史图纸可批量转换。"],
        "新产品设计周期缩短{20-40}%|图纸错误率下降{30-60}%",
        "产品设计|三维建模|设计协同",
        (2, 30),
        "sp",
        industries="equipment-manufacturing automotive-parts electronics light-industry "
        "furniture-home medical-devices",
    ),
    P(
        "industrial-design",
        "{b}工业设计服务|产品工业设计与结构设计服务|{b}产品创新设计云服务",
        "工业设计",
        "为企业提供产品外观、人机交互、结构和色彩材料工艺设计，缩短新品开发周期",
        "用户研究与需求分析|外观造型设计|结构设计与可制造性分析|色彩、材料、工艺（CMF）设计|"
        "手板样机制作|设计评审",
        ["设计团队曾获多项国内外工业设计奖项，熟悉从概念到量产的全过程。"],
        "新品开发周期缩短{25-45}%|产品溢价能力提升{10-30}%",
        "产品外观设计|结构设计|新品开发",
        (5, 50),
        "",
        industries="light-industry furniture-home medical-devices electronics "
        "equipment-manufacturing",
    ),
    P(
        "plm",
        "{b}PLM产品生命周期管理系统|PLM产品生命周期管理（中小企业版）|{b}研发数据管理平台（PDM/PLM）",
        "PLM（产品生命周期管理）",
        "管理从需求、设计、工艺到变更的全部产品数据，保证BOM准确、图文档版本唯一",
        "图文档与版本管理|EBOM与MBOM管理|设计变更（ECN）流程|零部件分类与编码|项目与任务管理|"
        "与CAD、ERP集成",
        ["系统与主流三维CAD软件深度集成，设计完成即可自动提取BOM。"],
        "BOM准确率提升到{98-99}%以上|零部件重用率提升{15-35}%",
        "研发数据管理|BOM管理|设计变更",
        (10, 80),
        "ph",
        industries="equipment-manufacturing automotive-parts electronics shipbuilding-marine "
        "medical-devices new-energy",
    ),
    P(
        "rd-project",
        "{b}研发项目管理系统|IPD集成产品开发管理平台|{b}研发协同管理平台",
        "IPD（集成产品开发）",
        "按照IPD方法管理研发项目的立项、阶段评审、任务、工时和费用，让研发过程可视可控",
        "研发项目立项|阶段评审（TR、DCP）|任务与工时管理|需求管理|研发费用归集|知识库",
        ["研发费用可按项目自动归集，便于企业申报研发费用加计扣除。"],
        "研发项目按期完成率提升{20-40}%",
        "研发项目管理|研发费用归集|阶段评审",
        (5, 40),
        "sph",
    ),
    P(
        "capp",
        "{b}CAPP计算机辅助工艺设计系统|CAPP工艺设计与管理系统|{b}结构化工艺平台",
        "CAPP（计算机辅助工艺设计）",
        "基于三维模型和典型工艺库编制结构化工艺规程，工艺数据可直接下发MES",
        "典型工艺库|工序卡与工艺卡编制|工时定额|工装与刀具管理|MBOM生成|工艺变更管理",
        ["工艺文件结构化存储，修改一处即可自动更新所有引用的工艺卡片。"],
        "工艺编制效率提升{40-70}%|工艺文件差错率降低{50-80}%",
        "工艺设计|工时定额|工艺变更",
        (8, 50),
        "ph",
        industries="equipment-manufacturing automotive-parts shipbuilding-marine electronics",
    ),
    P(
        "process-param-ai",
        "{b}工艺参数智能优化系统|AI工艺参数优化服务|{b}工艺大脑",
        "工艺参数优化",
        "采集生产过程数据，利用机器学习建立工艺参数与质量、能耗之间的模型，推荐最优参数组合",
        "工艺数据采集与清洗|关键参数识别|质量预测模型|参数寻优推荐|优化效果评估|工艺知识沉淀",
        ["模型上线前先以“推荐＋人工确认”方式运行，效果稳定后再逐步闭环控制。"],
        "一次合格率提升{2-6}个百分点|单位产品能耗降低{3-10}%",
        "工艺优化|质量提升|节能降耗",
        (10, 60),
        "ph",
        industries=_PROCESS + " food-processing new-materials",
    ),
    P(
        "recipe",
        "{b}配方管理系统|配方与工艺管理系统|{b}配方研发数据平台",
        "配方管理",
        "集中管理配方版本、原料替代和配料下发，保证配方保密和批次一致",
        "配方版本管理|原料替代计算|配方保密与权限|小试中试记录|配方成本核算|配料下发与称量防错",
        ["配料环节扫码称量，投错料、投错量时系统自动拦截。"],
        "配料差错基本杜绝|新配方开发周期缩短{20-40}%",
        "配方管理|称量配料|研发试验",
        (5, 40),
        "ph",
        industries="chemicals food-processing pharmaceuticals new-materials rubber-tyres "
        "building-materials",
    ),
    P(
        "cae",
        "{b}CAE仿真分析服务|结构与流体CAE仿真分析|{b}云端仿真平台",
        "CAE（计算机辅助工程）",
        "提供结构强度、疲劳、流体、热和电磁等仿真分析，在设计阶段发现问题、减少样机试制",
        "结构强度与刚度分析|疲劳寿命分析|流体与传热仿真（CFD）|模态与振动分析|优化设计|仿真报告与评审",
        ["中小企业可按项目购买仿真服务，无需自购软件和计算资源。"],
        "样机试制次数减少{30-60}%|产品减重{5-15}%",
        "仿真分析|结构优化|样机验证",
        (3, 40),
        "",
        industries="equipment-manufacturing automotive-parts shipbuilding-marine new-energy "
        "energy-utilities",
    ),
    P(
        "virtual-commissioning",
        "{b}虚拟调试服务|产线虚拟调试与仿真验证|{b}数字样机与虚拟调试",
        "虚拟调试",
        "在产线建成前，以三维模型和PLC程序联合仿真，提前验证节拍、干涉和控制逻辑",
        "三维产线建模|PLC程序联调|机器人轨迹仿真|节拍验证|干涉检查|调试报告",
        ["虚拟调试与设备制造并行开展，现场调试时间大幅缩短。"],
        "现场调试时间缩短{30-50}%|产线投产提前{2-6}周",
        "虚拟调试|产线验证|机器人仿真",
        (10, 60),
        "",
        industries="automotive-parts equipment-manufacturing new-energy electronics",
    ),
    # --- 5 数字化生产 ------------------------------------------------------------------------
    P(
        "aps",
        "{b}APS高级计划排程系统|APS高级计划与排程（{i}版）|{b}智能排产系统",
        "APS（高级计划排程）",
        "综合订单交期、产能、物料和工艺约束，自动生成可执行的主生产计划和车间作业排程",
        "订单交期承诺|有限产能排程|物料齐套分析|甘特图拖拽调整|插单影响分析|排程结果下发MES",
        ["排程引擎支持多目标优化，可在交期、换型次数和设备负荷之间灵活取舍。"],
        "计划编制时间从{4-8}小时缩短到{10-30}分钟|订单准时交付率提升到{92-98}%",
        "生产计划|智能排产|插单管理",
        (8, 60),
        "sph",
        industries=" ".join(MANUFACTURING),
    ),
    P(
        "mes",
        "{b}MES制造执行系统|{b}MES（{i}版）|MES制造执行系统|{b}制造执行系统",
        "MES（制造执行系统）",
        "打通计划下达、生产报工、质量检验、物料配送和设备状态等车间数据，实现生产过程透明化",
        "生产工单管理|工序报工与计件|物料上料防错|在制品跟踪|质量检验记录|设备状态监控|电子看板|生产报表",
        [
            "系统可与ERP、PLM、WMS和设备数采平台集成，形成从订单到交付的数据闭环。",
            "系统采用模块化设计，企业可先上线报工和质检模块，再逐步扩展。",
        ],
        "生产效率提升{10-25}%|在制品库存下降{15-35}%|数据统计工作量减少{60-90}%",
        "生产管理|车间透明化|工序报工|质量追溯",
        (15, 120),
        "pphs",
        industries=" ".join(MANUFACTURING),
    ),
    P(
        "light-mes",
        "{b}轻量化生产管理SaaS|云MES（小微企业版）|{b}扫码报工小程序",
        "云MES（轻量化制造执行系统）",
        "面向中小工厂，以扫码报工为入口，快速实现工单、进度、计件和质量数据的在线管理",
        "订单与工单管理|扫码报工|计件工资统计|生产进度看板|简易质检|微信小程序",
        ["无需服务器和专门的IT人员，开通账号、打印工单二维码即可使用。"],
        "计件工资核算从{2-4}天缩短到实时|订单进度查询不再靠电话",
        "扫码报工|计件工资|生产进度",
        (0.5, 5),
        "s",
        xkqz=0.95,
        industries="textiles-apparel furniture-home light-industry equipment-manufacturing "
        "automotive-parts electronics food-processing",
        price_note="按年订阅",
    ),
    P(
        "qms",
        "{b}QMS质量管理系统|QMS质量管理平台|{b}全面质量管理系统",
        "QMS（质量管理系统）",
        "覆盖来料检验、过程检验、成品检验、不合格品处理和质量改进的质量业务全流程",
        "检验标准与检验计划|来料检验（IQC）|过程检验（IPQC）|成品检验（OQC）|不合格品评审|"
        "8D与纠正预防|质量成本统计",
        ["检验员使用平板电脑现场录入检验结果，超差数据实时报警。"],
        "质量问题闭环周期缩短{30-50}%|客户投诉下降{20-45}%",
        "质量检验|不合格品管理|质量改进",
        (8, 60),
        "sph",
        industries=" ".join(MANUFACTURING),
    ),
    P(
        "traceability",
        "{b}质量追溯系统|产品质量追溯平台（{i}版）|{b}一物一码追溯",
        "质量追溯",
        "以批次号或一物一码串联原料、工序、设备、人员和检验数据，实现正向追踪和反向溯源",
        "一物一码赋码|原料批次绑定|工序过程记录|质检数据关联|正反向追溯查询|召回分析|消费者扫码查询",
        ["追溯码可对接工业互联网标识解析体系，实现跨企业查询。"],
        "追溯查询时间从{1-3}天缩短到{1-5}分钟|召回范围精确到批次",
        "质量追溯|一物一码|召回管理",
        (3, 40),
        "sph",
        xkqz=0.5,
        industries="food-processing pharmaceuticals medical-devices automotive-parts "
        "agricultural-products new-energy modern-agriculture",
    ),
    P(
        "spc",
        "{b}SPC统计过程控制系统|SPC质量分析系统|{b}在线SPC",
        "SPC（统计过程控制）",
        "实时采集量检具和设备质量数据，自动绘制控制图、计算过程能力指数，提前发现质量异常",
        "量检具数据自动采集|控制图（Xbar-R等）|过程能力分析（CPK）|判异规则报警|MSA测量系统分析|质量报表",
        ["支持数显卡尺、三坐标、粗糙度仪等常见量具的数据自动采集。"],
        "关键工序过程能力指数CPK稳定在1.33以上|废品率降低{15-40}%",
        "过程控制|质量分析|测量系统分析",
        (3, 25),
        "sp",
        industries="automotive-parts equipment-manufacturing electronics medical-devices",
    ),
    P(
        "eam",
        "{b}设备管理云平台|设备全生命周期管理系统（EAM）|{b}EAM设备资产管理系统|{b}设备点巡检云",
        "EAM（企业资产管理）",
        "以设备台账为基础，管理点巡检、保养、维修、备件和设备运行数据，实现设备全生命周期管理",
        "设备台账与二维码|点巡检计划|保养工单|维修工单与故障库|备品备件管理|设备综合效率（OEE）统计|移动App",
        ["设备贴二维码后，点检、报修和查看档案都可以在手机上完成。"],
        "设备非计划停机减少{20-40}%|备件库存资金占用降低{15-30}%",
        "设备管理|点巡检|维修保养|备件管理",
        (1, 40),
        "ssph",
        xkqz=0.5,
    ),
    P(
        "phm",
        "{b}预测性维护系统|设备预测性维护（PHM）平台|{b}旋转设备状态监测与诊断",
        "PHM（故障预测与健康管理）",
        "通过振动、温度、电流等传感器在线监测关键设备状态，结合故障机理和AI模型提前预警",
        "无线振动温度传感器|在线状态监测|故障特征频谱分析|健康度评估|故障预警与推送|维修建议与闭环",
        ["传感器采用磁吸安装、电池供电，无需停机布线，一天即可完成一条产线的部署。"],
        "关键设备故障提前{3-14}天预警|年减少非计划停机损失{30-200}万元",
        "预测性维护|状态监测|故障诊断",
        (5, 80),
        "sh",
        industries=_HEAVY,
    ),
    P(
        "wms",
        "{b}WMS仓储管理系统|WMS仓储管理系统（{i}版）|{b}智慧仓储管理系统",
        "WMS（仓储管理系统）",
        "通过条码或RFID管理收货、上架、拣货、盘点和发货作业，实现库位级库存精准管理",
        "收货与质检|库位管理与智能上架|波次拣货|条码和RFID作业|先进先出与批次管理|循环盘点|与ERP、MES集成",
        ["手持终端引导作业，新员工半天即可上岗。"],
        "库存准确率提升到{99-100}%|拣货效率提升{30-60}%",
        "仓储管理|库存管理|拣货发货",
        (3, 50),
        "sph",
        xkqz=0.4,
    ),
    P(
        "tms",
        "{b}TMS运输管理系统|TMS运输管理平台|{b}网络货运与运输管理平台",
        "TMS（运输管理系统）",
        "覆盖运输订单、调度、在途跟踪、电子回单和运费结算，帮助企业降低运输成本",
        "运输订单管理|智能配载与路线规划|北斗/GPS在途跟踪|电子回单|运费结算|承运商考核",
        ["司机使用小程序接单、签收和上传回单，无需安装App。"],
        "车辆满载率提升{10-25}%|运费对账时间缩短{50-80}%",
        "运输管理|车辆调度|在途跟踪",
        (2, 30),
        "ssp",
        industries="logistics retail-trade food-processing building-materials chemicals "
        "agricultural-products",
    ),
    P(
        "wcs",
        "{b}智能仓储WCS控制系统|自动化立体库WCS（仓储控制系统）|{b}四向车立体库系统",
        "WCS（仓储控制系统）",
        "调度堆垛机、四向穿梭车、输送线和AGV等自动化设备，与WMS协同完成出入库作业",
        "设备调度与任务分配|路径规划|设备状态监控|故障报警|与WMS接口|三维仿真监控",
        ["系统经过多个立体库项目验证，可同时调度上百台设备。"],
        "仓储用地节省{40-70}%|出入库效率提升{2-4}倍",
        "立体仓库|自动化物流|设备调度",
        (30, 300),
        "p",
        industries="logistics food-processing pharmaceuticals new-energy automotive-parts "
        "electronics",
    ),
    P(
        "dual-prevention",
        "{b}安全生产双重预防机制信息系统|双重预防机制数字化平台|{b}安全风险分级管控与隐患排查治理系统",
        "双重预防机制（安全风险分级管控和隐患排查治理）",
        "将风险辨识、分级管控、隐患排查和整改闭环全过程线上化，满足应急管理部门对双重预防机制建设的要求",
        "风险点辨识与评价|风险四色分布图|隐患排查任务|隐患整改闭环|特殊作业票管理|安全培训台账|"
        "监管平台数据对接",
        ["系统内置化工、冶金、建材等行业风险辨识清单，企业可在清单基础上调整。"],
        "隐患整改闭环率达到{95-100}%|安全台账整理工作量减少{50-80}%",
        "安全生产|隐患排查|风险分级管控",
        (3, 30),
        "ssp",
        xkqz=0.5,
        industries=_HEAVY + " new-materials",
    ),
    P(
        "env-monitoring",
        "{b}环保在线监测平台|企业污染源在线监测系统|{b}智慧环保管家",
        "环保在线监测",
        "对废气、废水排放口和治理设施运行状态进行在线监测，超标自动预警",
        "排放口在线监测|治理设施用电监控|超标预警|环保台账电子化|危废管理|排污许可执行报告",
        ["平台按照排污许可要求自动生成执行报告，减少环保专员的手工工作。"],
        "环保台账编制时间减少{60-90}%|超标排放事件提前预警",
        "环保监测|危废管理|排污许可",
        (5, 40),
        "sh",
        industries="chemicals building-materials paper-printing metallurgy rubber-tyres "
        "textiles-apparel",
    ),
    P(
        "hazchem",
        "{b}危险化学品全流程管理系统|危化品安全管理平台|{b}化工园区智慧安全平台",
        "危化品全流程管理",
        "对危险化学品采购、储存、使用、运输和处置全过程进行数字化监管",
        "危化品出入库登记|储罐液位与温压监测|重大危险源监控|人员定位|视频AI识别|应急预案与演练",
        ["视频AI可识别未戴安全帽、烟火、人员闯入等异常行为并即时告警。"],
        "重大危险源预警响应时间缩短到{1-5}分钟以内",
        "危化品管理|重大危险源|应急管理",
        (10, 80),
        "ph",
        industries="chemicals petrochemicals",
    ),
    P(
        "ems",
        "{b}能耗监测系统|能源管理系统（EMS）|{b}EMS能源管控平台",
        "EMS（能源管理系统）",
        "采集电、水、气、汽等能源计量数据，按车间、产线、设备分项统计，发现能耗异常和节能空间",
        "能源计量数据采集|分项分区能耗统计|能耗定额与对标|峰谷平用电分析|能耗异常告警|能源报表|节能措施效果评估",
        ["支持利用现有电表加装通讯模块，改造成本低、不影响生产。"],
        "综合能耗降低{5-15}%|峰谷电费优化年节约{10-80}万元",
        "能耗监测|节能降耗|用电管理",
        (3, 50),
        "ssph",
        xkqz=0.5,
    ),
    P(
        "carbon",
        "{b}碳排放管理平台|企业碳管理系统|{b}产品碳足迹核算服务",
        "碳排放管理",
        "按照核算指南自动计算企业温室气体排放，支持产品碳足迹核算和减排路径规划",
        "排放源识别|碳排放自动核算|产品碳足迹|碳资产管理|减排路径规划|碳报告生成",
        ["碳足迹核算结果可用于应对出口客户的碳披露要求。"],
        "碳盘查工作时间缩短{50-80}%",
        "碳排放核算|碳足迹|绿色制造",
        (3, 30),
        "s",
    ),
    # --- 6 数字化基建 ------------------------------------------------------------------------
    P(
        "5g-private",
        "{b}5G工业专网解决方案|5G专网（园区、工厂）|{b}5G+工业互联网专网",
        "5G专网",
        "为工厂建设5G虚拟专网或混合专网，满足AGV、机器视觉、远程控制等场景对低时延、大带宽的需求",
        "网络规划与信号覆盖|5G虚拟专网和混合专网|MEC边缘计算|5G工业网关与模组|网络切片|网络运维监控",
        ["生产数据经边缘计算节点本地分流，数据不出园区。"],
        "车间布线成本降低{30-60}%|产线调整时间缩短{40-70}%",
        "5G专网|无线工厂|边缘计算",
        (20, 200),
        "h",
    ),
    P(
        "factory-network",
        "{b}工厂内网改造|工业以太网与工业PON组网|{b}企业SD-WAN组网",
        "工厂内网改造（含SD-WAN软件定义广域网）",
        "对车间网络进行IT与OT融合改造，采用工业以太网、工业PON和Wi-Fi 6覆盖生产现场，"
        "并用SD-WAN连接多地厂区",
        "网络现状评估|工业交换机与环网|工业PON|Wi-Fi 6无线覆盖|SD-WAN多厂区互联|网络安全分区",
        ["改造方案分区分步实施，可在不停产的情况下完成切换。"],
        "网络故障率下降{50-80}%|多厂区专线费用降低{30-50}%",
        "工厂组网|多厂区互联|无线覆盖",
        (5, 60),
        "p",
    ),
    P(
        "cloud-migration",
        "{b}企业上云服务|中小企业上云用云服务包|{b}云主机与云存储服务",
        "企业上云",
        "提供云主机、云存储、云数据库和迁移服务，帮助企业把ERP、财务、OA等系统平滑迁移到云端",
        "上云评估|云主机与云存储|云数据库|系统迁移|数据备份与容灾|7×24小时云运维",
        ["迁移在周末或夜间窗口完成，业务中断时间控制在数小时以内。"],
        "IT基础设施投入降低{30-60}%|数据备份从手工变为自动",
        "企业上云|数据备份|系统迁移",
        (0.5, 20),
        "s",
        xkqz=0.6,
        price_note="按年订阅",
    ),
    P(
        "cloud-desktop",
        "{b}云桌面解决方案|云桌面（VDI）|{b}设计云工作站",
        "VDI（虚拟桌面基础架构）",
        "把员工电脑集中到服务器端运行，终端只负责显示，数据不落地、运维更省心",
        "桌面集中管理|数据不落地|图形工作站虚拟化|外设与USB管控|弹性扩容|运维监控",
        ["图形工作站虚拟化方案可满足三维设计软件的流畅使用。"],
        "桌面运维工作量减少{50-80}%|设计图纸外泄风险显著降低",
        "云桌面|数据防泄漏|集中运维",
        (3, 40),
        "ph",
    ),
    P(
        "hybrid-cloud",
        "{b}混合云平台|私有云与混合云建设|{b}超融合私有云",
        "混合云",
        "以超融合架构建设企业私有云，并与公有云资源统一管理，核心数据本地存放、弹性业务上公有云",
        "超融合基础架构|云管理平台|资源自助申请|统一监控|备份与容灾|公有云资源纳管",
        ["超融合一体机开箱即用，三台节点即可起步，后续按需扩容。"],
        "服务器利用率提升到{60-80}%|新业务系统部署时间从数周缩短到{1-2}天",
        "私有云|混合云|灾备",
        (10, 100),
        "ph",
    ),
    P(
        "iot-gateway",
        "{b}工业网关|{b}边缘计算网关|工业网关与协议转换（{i}版）",
        "工业网关",
        "支持西门子、三菱、欧姆龙等主流PLC和Modbus、OPC UA等协议，将设备数据采集上云",
        "多协议驱动（Modbus、OPC UA、S7等）|边缘数据预处理|断网缓存续传|"
        "4G、5G、以太网多链路|MQTT上云|"
        "远程配置与升级",
        ["网关通过云端统一配置，新增设备时无需到现场。"],
        "单台设备联网成本降至{1-3}千元|设备数据采集频率可达秒级",
        "设备联网|数据采集|协议转换",
        (0.2, 3),
        "h",
        xkqz=0.7,
        price_note="按台计费",
    ),
    P(
        "data-collection",
        "{b}设备数据采集服务|设备联网与数据采集（数采）服务|{b}设备上云一站式服务",
        "设备数据采集",
        "对数控机床、注塑机、PLC控制设备和老旧设备开展联网改造，实时采集运行状态、产量和工艺参数",
        "设备联网调研|数控系统数据采集|PLC数据采集|老旧设备加装传感器|数据接入平台|设备状态看板",
        ["已适配FANUC、西门子、华中数控、广数等主流数控系统和多种注塑机控制器。"],
        "设备利用率可视化后提升{10-25}%|产量统计从人工填报变为自动采集",
        "设备联网|数控机床联网|设备状态监控",
        (2, 40),
        "sh",
        xkqz=0.6,
    ),
    P(
        "data-center",
        "{b}数据中心机房建设|模块化数据中心|{b}微模块机房解决方案",
        "数据中心机房",
        "按照国家标准为企业规划建设数据中心机房，提供供配电、制冷、动环监控和综合布线一体化交付",
        "机房规划设计|微模块与UPS供配电|精密空调|动环监控|综合布线|机房运维",
        ["微模块机房工厂预制、现场拼装，建设周期缩短一半以上。"],
        "机房PUE（电能利用效率）降至1.4以下|建设周期缩短{40-60}%",
        "机房建设|动环监控|数据中心",
        (20, 200),
        "",
    ),
    P(
        "system-integration",
        "{b}信息系统集成服务|企业应用集成（ESB）服务|{b}系统集成与数据打通服务",
        "ESB（企业服务总线）",
        "通过ESB和API网关打通ERP、MES、WMS、CRM等系统，消除信息孤岛",
        "集成需求梳理|主数据管理（MDM）|ESB企业服务总线|API网关|接口监控|数据同步",
        ["统一的主数据标准让物料、客户、供应商编码在各系统中保持一致。"],
        "系统间数据重复录入减少{70-95}%|接口故障定位时间缩短到分钟级",
        "系统集成|主数据管理|数据打通",
        (5, 60),
        "ph",
    ),
    P(
        "iiot-platform",
        "{b}工业互联网平台|{b}工业互联网平台（{i}行业）|{b}云工业互联网平台",
        "工业互联网平台",
        "提供设备接入、工业数据管理、低代码应用开发和工业APP市场，支撑企业快速构建数字化应用",
        "设备接入与管理|工业数据湖|工业机理模型库|低代码应用开发|工业APP市场|开放API",
        ["平台已沉淀设备管理、能耗、质量等上百个工业APP，企业可按需订阅。"],
        "平台累计接入设备{10000-60000}余台，服务企业{300-1500}余家",
        "工业互联网|设备上云|工业APP",
        (10, 150),
        "sh",
    ),
    P(
        "identifier-resolution",
        "工业互联网标识解析应用服务|{b}标识解析二级节点应用|{b}一物一码标识服务",
        "工业互联网标识解析",
        "为企业产品和零部件分配工业互联网标识，接入二级节点，实现跨企业的产品信息查询和追溯",
        "标识注册与赋码|二级节点对接|标识数据管理|扫码查询|供应链追溯|标识应用开发",
        ["企业可在现有包装和铭牌上加印标识码，无需改动生产线。"],
        "标识注册量突破{100-900}万个|上下游信息查询时间从天缩短到秒",
        "标识解析|一物一码|产品追溯",
        (1, 20),
        "s",
        xkqz=0.5,
    ),
    P(
        "mlps",
        "网络安全等级保护测评（等保测评）|{b}等保2.0合规咨询与整改服务|{b}等级保护建设整改服务",
        "等保测评（网络安全等级保护测评）",
        "依据等保2.0系列标准，为企业信息系统提供定级备案辅导、差距评估、整改建设和测评配合服务",
        "定级备案辅导|差距评估|安全整改方案|安全设备部署|测评配合|年度复测",
        ["整改方案优先利用企业现有安全设备，控制整改投入。"],
        "已协助{100-400}余个信息系统通过等级保护测评",
        "等级保护|合规整改|安全评估",
        (3, 30),
        "",
    ),
    P(
        "ics-security",
        "{b}工控安全防护解决方案|工业控制系统安全防护|{b}工控安全监测审计",
        "工控安全",
        "针对PLC、DCS、SCADA等工业控制系统，部署工业防火墙、监测审计和主机加固，防范勒索病毒",
        "工控资产识别|工业防火墙|监测审计|主机白名单加固|安全管理平台|应急响应",
        ["方案以旁路监测为主，不改变原有控制网络结构，不影响生产。"],
        "工控网络攻击和病毒事件实现“看得见、防得住”",
        "工控安全|勒索病毒防护|安全审计",
        (10, 80),
        "p",
        industries=_HEAVY + " pharmaceuticals food-processing",
    ),
    P(
        "data-security",
        "{b}数据安全治理服务|数据分类分级与数据安全评估|{b}数据防泄漏（DLP）",
        "DLP（数据防泄漏）",
        "帮助企业开展数据分类分级，部署数据防泄漏和数据库审计，防止图纸、配方等核心数据外泄",
        "数据资产梳理|数据分类分级|数据防泄漏|数据库审计|数据脱敏|数据安全评估",
        ["对设计图纸和工艺文件实行透明加密，外发需审批。"],
        "核心数据外发全部留痕可查",
        "数据安全|防泄漏|分类分级",
        (5, 50),
        "p",
    ),
    # --- 7 数字化设备 ------------------------------------------------------------------------
    P(
        "robot-workstation",
        "{b}工业机器人焊接工作站|{b}机器人上下料工作站|工业机器人码垛工作站",
        "工业机器人工作站",
        "根据企业工艺定制焊接、上下料、码垛等机器人工作站，替代高强度和危险岗位的人工作业",
        "焊接、上下料、码垛机器人|视觉定位|柔性夹具|安全防护|离线编程|产量与节拍统计",
        ["工作站预留数据接口，可直接接入MES和设备管理平台。"],
        "单个工位减少操作人员{1-3}名|产品一致性显著提高",
        "机器人焊接|自动上下料|码垛包装",
        (15, 120),
        "",
        industries="equipment-manufacturing automotive-parts metallurgy building-materials "
        "food-processing shipbuilding-marine",
    ),
    P(
        "vision-inspection-equipment",
        "{b}智能视觉检测设备|在线视觉检测装备|{b}表面缺陷检测一体机",
        "机器视觉检测",
        "以工业相机、光源和检测算法组成在线检测装备，对尺寸、外观缺陷和装配完整性进行全检",
        "高速工业相机与光源|尺寸测量|表面缺陷检测|装配完整性检测|不良品自动剔除|检测数据追溯",
        ["设备以标准机型加定制治具的方式交付，交期短、可复制。"],
        "漏检率降至{1-5}‰以下|检测人员减少{50-80}%",
        "外观检测|尺寸测量|在线全检",
        (10, 80),
        "",
        industries="electronics automotive-parts light-industry medical-devices new-energy "
        "rubber-tyres",
    ),
    P(
        "agv",
        "{b}AGV/AMR移动机器人|智能物流AGV系统|{b}潜伏式AGV搬运系统",
        "AGV（自动导引车）",
        "以激光SLAM导航的AGV和AMR完成车间物料搬运，与MES、WMS联动按需配送",
        "激光SLAM导航|潜伏顶升、叉取、牵引多种车型|多车调度系统|自动充电|与MES、WMS对接|安全避障",
        ["无需铺设磁条和二维码，车间布局调整后重新建图即可使用。"],
        "物料搬运人员减少{30-60}%|配送准时率提升到{95-99}%",
        "物料搬运|线边配送|智能物流",
        (10, 150),
        "",
    ),
    P(
        "line-commissioning",
        "{b}产线设备与工艺调试服务|自动化产线安装调试|{b}设备工艺调试与产能爬坡服务",
        "产线调试",
        "为新建和改造产线提供设备安装、电气调试、工艺验证和产能爬坡服务",
        "设备安装与精度校验|电气与PLC调试|工艺参数验证|试生产与问题整改|产能爬坡辅导|操作人员培训",
        ["调试团队常驻现场，按天提交调试日志和问题清单。"],
        "产线达产周期缩短{20-40}%",
        "产线调试|工艺验证|产能爬坡",
        (5, 50),
        "",
    ),
    P(
        "retrofit",
        "{b}老旧设备数字化改造|老旧设备智能化改造服务|{b}数控机床联网改造",
        "设备数字化改造",
        "以加装传感器、控制器和联网模块的方式，让存量老旧设备具备数据采集和远程监控能力",
        "设备现状评估|传感器与控制器加装|电气系统升级|联网与数据采集|安全防护改造|改造后验收",
        ["改造不改变设备主体结构，单台设备停机时间一般不超过一天。"],
        "单台设备改造成本仅为新购设备的{5-15}%",
        "老旧设备改造|设备联网|存量设备升级",
        (2, 40),
        "",
        xkqz=0.6,
    ),
    P(
        "scada",
        "{b}SCADA数据采集与监视控制系统|SCADA监控系统（{i}版）|{b}组态监控系统",
        "SCADA（数据采集与监视控制系统）",
        "对分布在车间和厂区的设备、仪表进行集中监视和控制，实时掌握生产运行状态",
        "实时数据采集|工艺流程画面|报警管理|历史趋势|远程控制|报表统计",
        ["系统支持冗余部署，关键场景下服务器故障时自动切换。"],
        "中控室值守人员减少{30-50}%|异常处置时间缩短{40-70}%",
        "集中监控|工艺监视|报警管理",
        (5, 60),
        "p",
        industries=_HEAVY + " food-processing pharmaceuticals",
    ),
    P(
        "plc-dcs",
        "{b}PLC/DCS控制系统集成|DCS集散控制系统改造|{b}自动化控制系统集成",
        "DCS（集散控制系统）",
        "为流程型企业设计和改造PLC、DCS控制系统，实现工艺过程的自动控制和联锁保护",
        "控制系统方案设计|硬件选型与组柜|控制程序开发|联锁与安全仪表系统|现场调试|操作培训",
        ["熟悉国产和进口主流控制平台，可在不停产条件下完成旧系统替换。"],
        "自动控制投用率提升到{90-99}%|操作人员劳动强度显著降低",
        "过程控制|控制系统改造|联锁保护",
        (10, 150),
        "",
        industries=_HEAVY + " food-processing pharmaceuticals",
    ),
    P(
        "om-outsourcing",
        "{b}设备运维托管服务|设备全托管运维服务|{b}设备维保外包服务",
        "设备运维托管",
        "由专业团队承担企业设备的日常点检、保养、维修和备件管理，按服务水平协议考核",
        "设备状态评估|预防性维护计划|驻场与巡回维修|备件联储|故障分析报告|服务水平考核",
        ["按设备台数和服务等级报价，费用与设备可用率挂钩。"],
        "设备可用率提升到{95-99}%|维修费用降低{10-25}%",
        "设备运维|维保外包|备件联储",
        (3, 40),
        "",
    ),
    P(
        "remote-om",
        "{b}设备远程运维平台|设备远程运维与诊断服务|{b}远程运维云",
        "远程运维",
        "设备厂家和企业设备部门通过平台远程监测设备状态、诊断故障、指导维修",
        "设备远程监测|报警推送|远程诊断|AR远程协助|维修知识库|运维报表",
        ["AR远程协助让现场人员戴上眼镜即可获得专家指导。"],
        "现场服务次数减少{30-60}%|故障平均修复时间缩短{30-50}%",
        "远程运维|故障诊断|远程协助",
        (1, 20),
        "sh",
        xkqz=0.6,
    ),
    # --- 8 数字化技术 ------------------------------------------------------------------------
    P(
        "data-platform",
        "{b}数据中台|企业数据中台解决方案|{b}工业数据中台",
        "数据中台",
        "汇聚ERP、MES、CRM和设备数据，完成数据治理、指标建模和数据服务，为各业务提供统一口径的数据",
        "数据集成|数据治理与质量|主数据管理|指标体系建模|数据服务API|数据资产目录",
        ["指标口径统一管理，管理层看到的报表与业务系统数据一致。"],
        "报表开发周期从周缩短到天|数据口径不一致问题基本消除",
        "数据治理|指标体系|数据服务",
        (20, 150),
        "ph",
    ),
    P(
        "bi",
        "{b}BI商业智能分析平台|BI数据分析与可视化|{b}经营驾驶舱",
        "BI（商业智能）",
        "连接企业各业务系统数据，通过自助分析和可视化大屏呈现经营、生产、质量等关键指标",
        "多数据源连接|自助分析|可视化看板|移动端报表|数据预警|权限管理",
        ["内置制造业常用分析模板，一周即可上线经营驾驶舱。"],
        "管理报表编制时间减少{60-90}%",
        "经营分析|数据可视化|管理驾驶舱",
        (2, 30),
        "ssp",
        xkqz=0.5,
    ),
    P(
        "visual-qc",
        "{b}AI视觉质检系统|AI视觉质检（{i}版）|{b}深度学习缺陷检测平台",
        "视觉质检",
        "以深度学习算法识别产品表面划伤、裂纹、脏污、缺料等缺陷，替代人工目检",
        "图像采集方案设计|缺陷样本标注|深度学习模型训练|在线推理检测|缺陷统计分析|模型持续迭代",
        ["小样本训练技术使每类缺陷只需数十张样本即可建模。"],
        "检出率达到{98-99}%以上|质检人员减少{40-70}%",
        "缺陷检测|外观质检|AI质检",
        (8, 80),
        "ph",
        industries="electronics textiles-apparel rubber-tyres building-materials new-energy "
        "automotive-parts paper-printing",
    ),
    P(
        "llm-kb",
        "{b}AI大模型知识库|企业大模型知识库问答系统|{b}工业大模型助手",
        "AI大模型知识库（RAG检索增强生成）",
        "把企业的制度、工艺文件、设备手册和售后案例导入知识库，员工用自然语言提问即可得到有出处的回答",
        "文档批量导入与解析|知识切片与向量检索|智能问答|答案溯源|权限控制|私有化大模型部署",
        ["支持私有化部署国产开源大模型，企业资料不出内网。"],
        "员工查找资料时间减少{50-80}%|新员工培训周期缩短{20-40}%",
        "知识问答|设备维修助手|制度查询",
        (5, 60),
        "sph",
    ),
    P(
        "ai-forecast",
        "{b}AI需求预测与智能补货|AI销量预测系统|{b}智能补货",
        "AI需求预测",
        "基于历史销售、季节、促销和天气等因素预测需求，自动生成补货和生产建议",
        "多因素销量预测|安全库存计算|智能补货建议|促销效果评估|预测准确率跟踪|与ERP对接",
        ["模型每周自动训练更新，预测结果可按门店、渠道、SKU下钻。"],
        "预测准确率提升{10-25}个百分点|库存周转天数减少{10-30}天",
        "需求预测|智能补货|库存优化",
        (5, 40),
        "sp",
        industries=_CONSUMER + " pharmaceuticals electronics",
    ),
    P(
        "digital-twin-factory",
        "{b}数字孪生工厂|数字孪生工厂平台|{b}数字孪生车间",
        "数字孪生工厂",
        "以三维模型还原工厂、产线和设备，叠加实时生产、设备和能耗数据，实现工厂运行状态的全景监控和仿真推演",
        "工厂三维建模|实时数据驱动|设备状态孪生|生产过程回放|产能仿真推演|移动端和大屏展示",
        ["模型轻量化处理后可在普通浏览器中流畅运行。"],
        "异常发现时间缩短{40-70}%|新产线方案评估周期缩短{30-50}%",
        "数字孪生|全景监控|仿真推演",
        (30, 200),
        "ph",
        industries=" ".join(MANUFACTURING) + " energy-utilities",
    ),
    P(
        "3d-visualisation",
        "{b}三维可视化大屏|工厂三维可视化监控|{b}数字孪生可视化引擎",
        "三维可视化",
        "将园区、厂房和设备的三维场景与业务数据结合，形成直观的监控大屏和展示系统",
        "三维场景搭建|数据可视化组件|设备告警联动|视频融合|大屏与移动端适配|场景编辑器",
        ["可视化引擎自主研发，支持国产操作系统和国产显卡。"],
        "大屏项目交付周期缩短{30-60}%",
        "三维监控|数据大屏|园区可视化",
        (5, 50),
        "ph",
    ),
    # --- 9 数字化综合 ------------------------------------------------------------------------
    P(
        "erp",
        "{b}ERP企业资源计划系统|{b}云ERP|ERP企业资源计划（{i}版）",
        "ERP（企业资源计划）",
        "覆盖销售、采购、库存、生产、财务等核心业务，帮助中小企业实现业务数据一体化管理",
        "销售与订单管理|采购管理|库存管理|生产计划与MRP|财务核算|成本管理|经营报表",
        ["提供行业预置方案，标准模块实施周期一般为1至3个月。"],
        "库存周转率提升{15-40}%|订单交付周期缩短{10-30}%",
        "企业资源计划|进销存|财务业务一体化",
        (3, 80),
        "ssph",
        xkqz=0.4,
    ),
    P(
        "xkqz-suite",
        "{b}“小快轻准”数字化SaaS套件|中小企业数字化SaaS工具包|{b}数字化工具箱",
        "“小快轻准”SaaS套件",
        "把进销存、扫码报工、设备点检、质量记录和经营看板打包成低价SaaS工具，企业按需开通",
        "进销存|扫码报工|设备点检|质量记录|经营看板|微信小程序",
        ["各工具数据互通，企业可从一个工具起步，逐步扩展。"],
        "企业平均{3-10}天完成上线|年度使用成本不足一名文员的{5-20}%",
        "中小企业入门数字化|进销存|扫码报工",
        (0.3, 3),
        "s",
        xkqz=1.0,
        price_note="按年订阅",
    ),
    P(
        "one-stop",
        "{b}数字化转型一站式服务|中小企业数字化转型“诊断＋改造＋运维”服务包|{b}数字化转型总包服务",
        "数字化转型总包服务",
        "由一家服务商牵头完成诊断、方案设计、软硬件实施、培训和运维，企业只需面对一个责任主体",
        "转型诊断|方案设计|软件实施|设备联网改造|人员培训|持续运维|成效评估",
        ["按“诊断—试点—推广”三个阶段推进，每个阶段设定可量化的验收指标。"],
        "试点企业生产效率平均提升{10-30}%，运营成本平均降低{5-15}%",
        "数字化转型总包|整体解决方案|转型试点",
        (20, 200),
        "h",
    ),
    P(
        "cluster-platform",
        "{b}产业集群数字化服务平台|{i}产业集群工业互联网平台|{b}园区数字化服务平台",
        "产业集群数字化服务平台",
        "面向特色产业集群和园区，提供共享的行业SaaS、供需对接、集中采购和政策服务，带动集群内中小企业批量转型",
        "行业SaaS工具集|供需对接|集中采购|共享工厂与产能协同|政策服务|集群运行监测",
        ["平台由集群龙头企业、行业协会和服务商共同运营。"],
        "集群内{50-300}余家企业接入平台，单家企业转型成本降低{30-60}%",
        "产业集群|园区服务|供需对接",
        (30, 300),
        "sh",
    ),
    # --- 10 数字化品牌设计 -------------------------------------------------------------------
    P(
        "brand-vi",
        "{b}品牌数字化设计服务|品牌VI与包装设计|{b}品牌升级设计",
        "VI（视觉识别系统）",
        "为企业提供品牌定位、标志与VI系统、产品包装和数字化视觉资产设计",
        "品牌调研与定位|标志设计|VI视觉识别系统|包装设计|电商视觉设计|品牌手册",
        ["设计成果同步交付适配电商、短视频和小程序的数字化视觉资产。"],
        "品牌升级后产品溢价提升{10-30}%",
        "品牌升级|包装设计|视觉设计",
        (3, 30),
        "",
        industries=_CONSUMER,
    ),
    P(
        "website-miniapp",
        "{b}企业官网与小程序建设|响应式官网与微信小程序|{b}数字化展示平台",
        "官网与小程序",
        "建设适配电脑和手机的企业官网、产品展示小程序和询盘系统，支持多语言",
        "响应式官网|产品展示小程序|在线询盘|多语言版本|搜索引擎优化|内容管理后台",
        ["提供模板化建站和定制开发两种方式，模板站最快三天上线。"],
        "线上询盘量提升{50-200}%",
        "企业官网|产品展示|外贸询盘",
        (0.5, 8),
        "s",
        xkqz=0.7,
    ),
    P(
        "short-video",
        "{b}短视频与直播营销服务|短视频和视频号代运营服务|{b}直播电商代运营",
        "短视频与直播营销",
        "为企业策划和拍摄短视频、运营企业账号并开展直播带货，打造线上销售渠道",
        "账号定位与策划|短视频拍摄剪辑|直播间搭建|主播培训|直播带货运营|数据复盘",
        ["可按“基础服务费＋销售提成”方式合作，降低企业前期投入。"],
        "服务企业账号平均粉丝增长{2-10}万|直播月销售额突破{20-200}万元",
        "短视频营销|直播带货|账号运营",
        (1, 15),
        "",
        industries=_CONSUMER,
    ),
    P(
        "vr-showroom",
        "{b}VR数字展厅|线上3D数字展厅|{b}云展会与VR工厂参观",
        "VR数字展厅",
        "以全景拍摄和三维建模搭建线上展厅和工厂参观路线，客户在手机上即可“云参观”",
        "全景拍摄|三维产品模型|线上展厅|工厂VR参观|在线洽谈|访客数据统计",
        ["展厅链接可嵌入官网、小程序和展会名片，客户无需安装软件。"],
        "海外客户验厂时间和差旅成本减少{50-80}%",
        "数字展厅|云参观|线上展会",
        (2, 20),
        "s",
    ),
]

PRODUCTS: dict[str, Product] = {product.key: product for product in PRODUCT_LIST}


# ---------------------------------------------------------------------------------------------
# Solution descriptions
# ---------------------------------------------------------------------------------------------

SOLUTION_OPENINGS = (
    "{title}是{short}面向{audience}推出的{term}{noun}，{what}。",
    "{title}定位于{audience}的{term}需求，{what}。",
    "{title}基于{short}多年的{industry}行业实施经验打造，是一套{term}{noun}，{what}。",
    "{short}推出的{title}是一套{term}{noun}，{what}。",
)
# Openings that name the industry's pain points: only for products made for some industries.
SOLUTION_OPENINGS_PAIN = (
    "针对{audience}{pain}的问题，{short}推出{title}。该{noun}以{term}为核心，{what}。",
    "{audience}普遍面临{pain}等难题。{title}以{term}为核心，{what}。",
)
SOLUTION_FEATURES = (
    "主要功能包括{features}等。",
    "{noun}涵盖{features}等模块。",
    "核心功能有{features}等，可按需组合选用。",
    "围绕{scenario}场景，提供{features}等功能。",
)
SERVICE_FEATURES = (
    "服务内容包括{features}等。",
    "围绕{scenario}，提供{features}等服务。",
    "服务分为{features}等环节。",
)
SOLUTION_DEPLOYMENT = {
    "saas": (
        "产品采用SaaS模式交付，按年订阅，企业无需自建服务器，最快{3-15}天即可上线。",
        "以SaaS方式提供服务，开通账号即可使用，数据存储在通过信息安全等级保护三级测评的云平台上。",
    ),
    "private": (
        "支持私有化部署，数据保存在企业本地服务器，可与企业现有ERP、OA等系统集成。",
        "采用私有化部署方式，标准实施周期一般为{1-4}个月。",
    ),
    "hybrid": (
        "采用“云端＋边缘”的混合部署方式，车间数据在本地处理，管理数据同步上云。",
        "支持公有云和本地混合部署，企业可根据数据安全要求灵活选择。",
    ),
    "": (
        "服务由{short}项目团队现场交付，周期一般为{2-12}周。",
        "服务以项目制方式开展，项目经理全程负责，阶段成果经企业确认后进入下一阶段。",
    ),
}
SOLUTION_CASES = (
    "在{client}的应用中，{benefit}。",
    "已在{cities}等地{count}余家企业落地应用，{benefit}。",
    "目前服务{cities}地区企业{count}余家，{benefit}。",
    "典型用户{client}上线后，{benefit}。",
)
SOLUTION_XKQZ = (
    "产品按“小快轻准”理念设计，功能模块可按需选用，{1-4}周内即可见效。",
    "作为“小快轻准”型产品，起步投入低、部署快，适合中小企业先行试点。",
    "产品切口小、上手快，企业可先在一条产线或一个部门试用，效果明确后再推广。",
)
SOLUTION_STANDARDISED = (
    "产品已形成标准化版本，可在同行业企业中快速复制推广。",
    "方案经多个项目验证，实施方法和交付文档已标准化。",
)


# ---------------------------------------------------------------------------------------------
# The provider list's life: batches, status timeline, grades, blacklist
# ---------------------------------------------------------------------------------------------

BATCH_NOTE = (
    "{name}：受理{year}年{month}月提交的申报，经专家评价委员会线上评审，{count}家服务商入选。"
)
APPLIED_REASONS = (
    "在线提交申报材料及《诚信申报承诺书》，申报类别：{categories}",
    "提交{categories}申报，附《诚信申报承诺书》",
)
SELECTED_REASONS = (
    "经{batch}专家线上评审通过，纳入资源池",
    "通过{batch}评审，入选{categories}",
    "{batch}评审通过，予以公布",
)
GRADE_NOTES = {
    "excellent": ("优先推荐参与国家和省级试点", "年度量化评价优秀", ""),
    "qualified": ("", "", "持续提升服务能力", ""),
    "unqualified": ("限期整改",),
}
ANNUAL_LIST_NOTES = {
    "excellent": ("", "", "优先推荐参与国家和省级试点"),
    "qualified": (
        "解决方案入选标准化、可复制清单",
        "典型场景案例入选年度发布",
        "中小企业评价满意度高",
    ),
}

# Status histories after selection, as (days after the previous entry or a fixed date,
# status, reason, deadline). Dates are fixed: see catalogue.demo.RECTIFICATION_STORIES.
RECTIFY_AFTER_GRADE = "2025年度量化评价结果为不合格，限期整改"
RECTIFY_REASONS_OTHER = (
    "服务企业反映实施进度严重滞后，经核实，限期整改",
    "2026年度信息更新材料中解决方案参考价格与实际报价明显不符，限期整改",
    "年度抽查发现本地服务团队人员不足，未达到遴选条件中本地服务能力的要求，限期整改",
    "2026年度量化评价结果为不合格，限期整改",
)
REMOVED_REASONS = (
    "整改期满复核仍不合格，清退出资源池",
    "整改期限届满未提交整改报告，经复核不再符合遴选条件，清退出资源池",
    "整改期满复核时解决方案与实施案例仍无法提供佐证材料，清退出资源池",
)
RESTORED_REASON = "整改完成，经专家评价委员会复核通过，恢复入选状态"

BLACKLIST = {
    "name": "潍坊恒瑞翔信息技术有限公司",
    "reason": (
        "在2025年第6批申报中提交伪造的实施案例合同和验收报告，经核查属实，"
        "取消当年及此后三年申报资格"
    ),
    "start_date": (2025, 8, 12),
}


# ---------------------------------------------------------------------------------------------
# Index pages, the annual list and the 名单说明 page
# ---------------------------------------------------------------------------------------------

PROVIDER_INDEX = {
    "slug": "providers",
    "title": "服务商名录",
    "intro": (
        "<p>本名录收录经评审入选山东省中小企业数字化转型服务商资源池的服务商，"
        "可按十大服务商类别、细分类型、所在地区、服务行业和年度评级查找。</p>"
        "<p>每家服务商页面公开其入选批次、年度评级和状态变更记录；处于整改中或已清退状态的服务商，"
        "页面均作明确标注。名单以本网站最新公布的内容为准。</p>"
    ),
    "search_description": "山东省中小企业数字化转型服务商资源池名录：十大类别服务商的地区、行业、"
    "入选批次、年度评级和状态。",
}
SOLUTION_INDEX = {
    "slug": "solutions",
    "title": "解决方案",
    "intro": (
        "<p>解决方案（产品）供给清单汇总资源池服务商提供的解决方案和产品，"
        "列明适用行业、应用场景、部署方式（SaaS、私有化部署、混合部署）和参考价格。</p>"
        "<p>标注“小快轻准”的产品切口小、部署快、投入轻、匹配准，适合中小企业先行试点；"
        "参考价格以万元计，未标价格的为面议，实际价格以服务商报价为准。</p>"
    ),
    "search_description": "资源池解决方案（产品）供给清单：按类别、行业、部署方式和价格查找"
    "“小快轻准”数字化解决方案。",
}
ANNUAL_INDEX = {
    "slug": "annual-lists",
    "title": "年度名单",
    "intro": (
        "<p>资源池每年对入选服务商开展量化评价，评价结果分为优秀、合格、不合格三个等级。"
        "年度数字化服务商大会发布当年的优质服务商名单，本栏目按年度公布。</p>"
    ),
    "search_description": "资源池年度优质服务商名单：年度量化评价结果和数字化服务商大会发布名单。",
}
ANNUAL_LIST = {
    "slug": "2025",
    "title": "2025年度优质服务商名单",
    "year": 2025,
    "intro": (
        "<p>根据2025年度量化评价结果，经专家评价委员会评审、协会审批，"
        "现将2025年度优质服务商名单予以公布。本名单共{count}家服务商，其中评价为优秀的{excellent}家，"
        "在解决方案推广、典型案例和用户满意度等方面表现突出的合格服务商{qualified}家。</p>"
        "<p>名单按服务商类别分组，同一类别内排名不分先后。评价为优秀的服务商优先推荐参与国家和省级试点工作。</p>"
    ),
}

ABOUT_LIST = {
    "slug": "about-the-list",
    "title": "名单说明",
    "intro": (
        "入选资源池意味着什么，服务商状态（申报中、入选、整改中、已清退）和年度评级"
        "（优秀、合格、不合格）各表示什么，以及限期整改、清退和取消当年评级评价资格的含义。"
    ),
    "search_description": "资源池名单说明：入选的含义，申报中、入选、整改中、已清退四种状态，"
    "优秀、合格、不合格三个评级，限期整改、清退和取消当年评级评价资格。",
}

# The body of 名单说明, in the (block_type, value) form of portal.demo_content; links are
# written [[slug|text]] and point at pages under the home page (see catalogue.demo).
ABOUT_LIST_BODY = [
    h2("入选资源池意味着什么"),
    p(
        """
        服务商入选资源池，表明其经协会形式审查和专家评价委员会评审，符合[[criteria|遴选条件]]
        规定的基本条件和专业条件：有固定办公场所，经营和财务状况良好，近三年无重大违法违规行为，
        未被列入严重失信主体名单；具备较强的专业能力、“小快轻准”解决方案的实施经验和案例，
        以及在山东省内的本地服务能力。
        """,
        """
        入选是对服务商服务能力的认定，不是对具体项目、产品价格或实施效果的担保。
        中小企业选择服务商时，可结合服务商的类别、年度评级、解决方案（产品）和典型场景案例综合比较。
        """,
    ),
    h2("入选批次"),
    p(
        """
        资源池常年开放申报、按月集中评审：当月提交的申报于次月15日前完成线上评审，
        评审通过的服务商以批次形式公布，批次按“年度＋序号”命名，如“2025年第3批”。
        服务商页面显示其入选批次。
        """
    ),
    h2("服务商状态"),
    p("服务商页面以时间线公开每一次状态变更的日期和原因。状态分为四种："),
    html(
        items(
            "<b>申报中</b>：已提交申报材料和《诚信申报承诺书》，正在形式审查或专家评审。",
            "<b>入选</b>：评审通过，随批次公布，纳入资源池，参加年度信息更新和年度量化评价。",
            """
            <b>整改中</b>：年度量化评价不合格，或经核查存在不符合遴选条件的问题，
            须在整改期限内完成整改。整改期间服务商仍在名单中，页面标注整改原因和整改期限。
            """,
            """
            <b>已清退</b>：整改期满复核仍不合格等情形，清退出资源池。
            已清退服务商的页面予以保留并明确标注，便于查询其历史记录。
            """,
        )
    ),
    p("整改完成并经专家评价委员会复核通过的，恢复为“入选”状态，恢复日期和原因同样记入时间线。"),
    h2("年度评级"),
    p(
        """
        协会每年组织专家评价委员会对入选服务商开展年度量化评价，实行分级分类管理，
        评价结果分为三个等级：
        """
    ),
    html(
        items(
            """
            <b>优秀</b>：服务能力、解决方案质量和用户评价突出，优先推荐参与国家和省级试点工作，
            并列入[[annual-lists|年度优质服务商名单]]。
            """,
            "<b>合格</b>：符合资源池要求，保留资格，持续提升服务能力和服务质量。",
            "<b>不合格</b>：未达到资源池要求，须<b>限期整改</b>；整改后仍不合格的，予以<b>清退</b>。",
        )
    ),
    h3("限期整改"),
    p(
        """
        评价为不合格或经核查存在问题的服务商，由协会书面通知整改要求和整改期限，
        状态变更为“整改中”。服务商应在期限内完成整改并提交整改报告，由专家评价委员会复核。
        """
    ),
    h3("清退"),
    p(
        """
        整改期满复核仍不合格、逾期未提交整改报告，或出现不再符合遴选条件的其他情形的，
        清退出资源池，状态变更为“已清退”。
        """
    ),
    h3("取消当年评级评价资格"),
    p(
        """
        入选服务商应于每年3月31日前完成信息更新。未按期更新或更新内容审核未通过的，
        取消当年评级评价资格：当年不参加年度量化评价，服务商页面不显示当年评级；
        次年按期完成信息更新后，可正常参加评价。
        """
    ),
    h2("申报失信黑名单"),
    p(
        """
        经查实在申报中提供虚假材料、弄虚作假的单位，按统一社会信用代码列入申报失信黑名单，
        取消其当年及此后三年的申报资格。黑名单载明列入日期、原因和截止日期，
        截止日期届满前提交的申报不予受理。
        """
    ),
    callout(
        "info",
        "名单以本网站公布为准",
        """
        <p>服务商名单、年度评级和状态以本网站最新公布的信息为准。
        发现服务商信息有误或申报材料不实的，可向协会秘书处书面反映并提供线索。</p>
        """,
    ),
    h2("查询名单"),
    html(
        items(
            "[[providers|服务商名录]]：按类别、细分类型、地区、行业和年度评级查找服务商；",
            "[[solutions|解决方案]]：服务商提供的解决方案（产品）供给清单；",
            "[[annual-lists|年度名单]]：历年优质服务商名单。",
        )
    ),
]
