import pytest

from search.analysis import (
    DICTIONARY,
    TRADITIONAL,
    fold,
    index_text,
    joined_words,
    kind_named,
    match_forms,
    name_without_brackets,
    places_named,
    query_terms,
    relaxed_queries,
    similar_query,
    without_software_word,
    years_named,
)
from search.query import analyse
from search.synonyms import ABBREVIATIONS, ACRONYMS


def tokens(text):
    return index_text(text).split()


def test_a_run_of_chinese_is_indexed_as_words_bigrams_and_characters():
    indexed = tokens("提供供应链管理服务")
    assert "供应链" in indexed  # jieba word
    assert indexed[2:4] == ["供应", "应链"]  # contiguous bigrams: substrings match as phrases
    assert "链" in indexed


def test_a_dictionary_word_is_indexed_wherever_written_and_asked_for_as_its_token():
    """重工业互联网络 writes 工业互联网, though no segmentation of it gives the word: it is
    indexed all the same, so the word's token finds every text that writes it, and a query
    asks for the token alone, not also for its phrase of bigrams (most of the cost of
    matching a frequent word)."""
    assert "工业互联网" in tokens("推进重工业互联网络建设")
    assert match_forms("工业互联网") == [("token", "工业互联网")]
    assert match_forms("制造执行系统") == [("token", "制造执行系统")]  # a domain word
    # A fragment of a name is in no dictionary: its bigrams, as the text writes them.
    assert match_forms("恒拓达") == [("token", "恒拓达"), ("phrase", "恒拓 拓达")]


def test_every_four_characters_in_a_row_are_indexed_and_asked_for_as_one_token():
    """Two words of two characters typed together (库存管理) are sought as written: one token
    of the index, wherever a text writes them, which a fragment of four in no dictionary is
    too; once, where it is also a word of the dictionary (数字孪生)."""
    indexed = tokens("智恒库存管理，数字孪生")
    assert {"智恒库存", "恒库存管", "库存管理"} <= set(indexed)
    assert "库存管理" not in tokens("库存盘点，管理咨询")
    assert indexed.count("数字孪生") == 1
    assert match_forms("恒库存管") == [("token", "恒库存管")]


def test_latin_is_lower_cased_and_split_at_digits():
    indexed = tokens("通过ISO9001认证，MES系统")
    assert {"iso9001", "iso", "9001", "mes"} <= set(indexed)


def test_a_hyphenated_word_is_also_indexed_as_one():
    assert {"sd", "wan", "sdwan"} <= set(tokens("企业SD-WAN组网"))
    assert {"wi", "fi", "wifi"} <= set(tokens("Wi-Fi 6覆盖"))
    # After the text: the parts of a number stay in a row, for its phrase.
    assert tokens("SAP-ERP2.0")[:5] == ["sap", "erp2", "erp", "2", "0"]
    assert "iso" in tokens("ISO/IEC 27001") and "isoiec" not in tokens("ISO/IEC 27001")
    # A standard of ISO and IEC, as it is typed: ISO27001, ISO 27001.
    assert tokens("通过ISO/IEC 27001认证")[-3:] == ["iso27001", "iso", "27001"]
    assert tokens("ISO-IEC 20000")[-3:] == ["iso20000", "iso", "20000"]


def test_a_number_before_a_batch_or_session_is_also_indexed_in_numerals():
    """After the text, as a query reads it (第12期: 第十二期)."""
    assert tokens("第12期培训班")[-9:] == [
        *("第十", "十二", "二期", "第十二", "第十二期"),
        *("第", "十", "二", "期"),
    ]
    assert "第一" not in tokens("第100期")  # three digits are no batch number
    assert {"wifi6", "wifi", "6"} <= set(tokens("Wi-Fi6覆盖"))  # joined, then split at digits
    assert "sdwan" in tokens("SD‐WAN")  # a hyphen NFKC leaves as it is
    # Numbers on both sides are a range or a telephone number, not one number.
    assert "35" not in tokens("3-5年") and "053188888888" not in tokens("0531-88888888")


def test_full_width_characters_are_folded():
    assert index_text("ＭＥＳ１２３") == index_text("MES123")
    assert [t.text for t in query_terms("ＥＲＰ")] == ["erp"]


def test_traditional_characters_are_analysed_as_simplified_ones():
    assert index_text("數字孿生工廠與設備運維") == index_text("数字孪生工厂与设备运维")
    assert [t.text for t in query_terms("煙臺 製造執行系統")] == ["烟台", "制造执行系统"]
    assert places_named("煙臺 設備運維") == places_named("烟台 设备运维") == {"烟台"}


def test_a_character_simplified_text_also_writes_is_left_as_it_is():
    # 乾 is 干's traditional form, and a character of its own in 乾隆 or 乾坤; 吒 of 哪吒 is
    # in the simplified character set (GB 2312), as every character simplified text writes.
    for word in ("乾隆", "著名", "哪吒", "香菸"):
        assert fold(word) == word
    pairs = [line.split("\t") for line in TRADITIONAL.read_text("utf-8").splitlines()]
    folded = [traditional for traditional, *_ in pairs if not traditional.startswith("#")]
    assert len(folded) > 2000
    assert [character for character in folded if _in_gb2312(character)] == []


def _in_gb2312(character: str) -> bool:
    try:
        character.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def test_every_word_of_the_domain_dictionary_is_already_simplified():
    """A dictionary word with a traditional character would never be found: text and queries
    are folded before they are segmented."""
    words = DICTIONARY.read_text("utf-8").split()
    assert [word for word in words if fold(word) != word.lower()] == []


def test_query_segments_city_and_concept():
    assert [t.text for t in query_terms("青岛 数字孪生")] == ["青岛", "数字孪生"]
    assert [t.text for t in query_terms("烟台设备运维")] == ["烟台", "设备运维"]


def test_domain_dictionary_keeps_subtype_names_whole():
    assert [t.text for t in query_terms("能源管理服务商")] == ["能源管理服务商"]


@pytest.mark.parametrize(
    ("acronym", "name"),
    [(acronym, name) for acronym, names in ACRONYMS.items() for name in names],
)
def test_acronyms_and_chinese_names_are_synonyms(acronym, name):
    (latin,) = query_terms(acronym.upper())
    assert name in latin.alternatives
    (chinese,) = query_terms(name)
    assert chinese.text == name  # kept whole by the dictionary
    assert acronym in chinese.alternatives


@pytest.mark.parametrize(
    ("short", "name"),
    [(short, name) for short, names in ABBREVIATIONS.items() for name in names],
)
def test_a_chinese_short_form_takes_its_full_name_but_not_back(short, name):
    (term,) = query_terms(short)
    assert name in term.alternatives
    assert all(short not in t.alternatives for t in query_terms(name))


def test_short_forms_stay_out_of_the_dictionary_and_split_no_word():
    assert [t.text for t in query_terms("等保 工控安全")] == ["等保", "工控", "安全"]
    assert "等级保护" in query_terms("等保")[0].alternatives
    assert "工控机" in tokens("工控机选型")  # not 工控 and 机
    assert "采集器" in tokens("数据采集器")  # not 数据采集 and 器


def test_no_spelling_stands_for_two_things():
    spellings = [
        spelling
        for table in (ACRONYMS, ABBREVIATIONS)
        for short, names in table.items()
        for spelling in (short, *names)
    ]
    assert len(spellings) == len(set(spellings))


def test_stop_characters_are_dropped_and_lone_characters_rejoined():
    assert [t.text for t in query_terms("青岛市的预测性维护")] == ["青岛市", "预测性维护"]
    assert [t.text for t in query_terms("为工厂提供仓储与物流")] == ["工厂", "提供", "仓储", "物流"]


def test_a_stop_character_beginning_a_run_of_lone_characters_begins_a_word():
    # jieba leaves 和 / 利 / 时: without 和, the term would be 利时, found in every 比利时.
    assert [t.text for t in query_terms("和利时")] == ["和利时"]
    assert [t.text for t in query_terms("等保 对标管理")] == ["等保", "对标", "管理"]


def test_a_city_may_be_written_without_its_suffix():
    city, concept = query_terms("烟台市设备运维")
    assert (city.text, concept.text) == ("烟台市", "设备运维")
    assert "烟台" in city.alternatives
    assert query_terms("智慧城市")[-1].alternatives == ("城市",)
    city, concept = query_terms("聊城市设备运维")  # a city whose name ends as 智慧城市 does
    assert "聊城" in city.alternatives
    assert joined_words("聊城市设备运维") == []
    # Not a province: 山东 is in most company names, 山东省 only in addresses.
    assert query_terms("山东省")[0].alternatives == ("山东省",)


def test_the_words_of_a_question_and_of_the_kind_of_entry_are_not_required():
    assert [t.text for t in query_terms("请问哪家做ERP比较好")] == ["erp"]
    assert [t.text for t in query_terms("济南有哪些做数字孪生的")] == ["济南", "数字孪生"]
    assert [t.text for t in query_terms("有没有做等保的公司")] == ["等保"]
    assert [t.text for t in query_terms("找智恒")] == ["智恒"]
    assert [t.text for t in query_terms("预测性维护案例")] == ["预测性维护"]
    assert [t.text for t in query_terms("能源管理服务商")] == ["能源管理服务商"]  # a subtype
    assert [t.text for t in query_terms("案例")] == ["案例"]  # nothing else to search


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("如何实现设备联网", ["设备联网"]),  # 如何 makes it a question by itself
        ("是否有做MES的", ["mes"]),
        ("能不能做设备远程运维", ["设备", "远程", "运维"]),
        ("谁能做设备联网", ["设备联网"]),
        ("能帮我推荐做质量追溯的服务商吗？", ["质量追溯"]),
        ("给我推荐一下济南的ERP服务商", ["济南", "erp"]),
        ("想找个做仓储管理系统的", ["仓储管理系统"]),
        ("我们是做纺织的，想上MES", ["纺织", "mes"]),
        ("能源管理类服务商", ["能源管理"]),
        ("想了解一下视觉检测方面的案例", ["视觉", "检测"]),
        ("做数字孪生哪家强", ["数字孪生"]),
        ("哪家公司做设备预测性维护", ["设备", "预测性维护"]),
        # Not questions: the same characters and words as parts of concepts.
        ("企业上云", ["企业", "上云"]),
        ("类脑计算", ["类脑", "计算"]),
        ("智强", ["智强"]),
        ("推荐算法", ["推荐", "算法"]),
        ("实现", ["实现"]),
    ],
)
def test_the_words_of_a_question_in_any_form_are_not_required(query, terms):
    assert [t.text for t in query_terms(query)] == terms


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("山东省青岛市", ["青岛市"]),
        ("山东济南", ["济南"]),
        ("山东省 MES", ["mes"]),
        ("山东 digital twin", ["digital twin"]),
        ("山东海纳数据科技", ["海纳", "数据", "科技"]),
        # Alone, the province is what is sought.
        ("山东", ["山东"]),
        ("山东省", ["山东省"]),
    ],
)
def test_the_programmes_province_is_sought_only_alone(query, terms):
    assert [t.text for t in query_terms(query)] == terms


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("预测性维护案例", "case"),
        ("青岛有哪些预测性维护案例", "case"),
        ("典型案例", "case"),
        ("做MES的公司", "provider"),
        ("有哪些MES服务商推荐吗", "provider"),  # the question's closing words are not it
        ("能源管理服务商", "provider"),  # a subtype
        ("数字孪生解决方案", "solution"),
        ("MES产品", "solution"),
        ("digital twin solutions", "solution"),
        ("MES vendors", "provider"),
        ("ERP公司2024", "provider"),  # a year after it
        # Asked for in a question, before what it should do.
        ("哪些方案能解决设备联网", "solution"),
        ("有什么案例可以参考", "case"),
        # No kind: a concept that ends as a company's name does, or none at the end.
        ("中小企业", None),
        ("企业上云", None),
        ("MES", None),
        ("？", None),
    ],
)
def test_the_kind_of_entry_a_query_asks_for_is_read_from_its_last_word(query, kind):
    assert kind_named(query) == kind


@pytest.mark.parametrize(
    ("query", "kind"),
    [("vendors", "服务商"), ("service providers", "服务商"), ("solutions", "解决方案")],
)
def test_a_query_of_english_kind_words_alone_seeks_the_kind(query, kind):
    """As 服务商 alone seeks 服务商: the words are not dropped to leave nothing."""
    assert [t.text for t in query_terms(query)] == [kind]


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("100人以下的工厂 MES", ["工厂", "mes"]),
        ("100人以下的工厂用什么MES", ["工厂", "mes"]),  # 用 before what is asked says nothing
        ("50万以内的MES", ["mes"]),
        ("小快轻准 3万以内", ["小快轻准"]),
        ("三个月左右上线", ["上线"]),
        # A number that is no bound stays: part of a code, a version, a year, or no bound.
        ("等保2.0", ["等保", "2.0"]),
        ("100人 MES", ["100", "人", "mes"]),
        ("ISO9001内审", ["iso9001", "内审"]),
        ("工业4.0以上", ["工业", "4.0", "以上"]),
        ("2023年内的案例", ["2023", "年内"]),
        ("用能监测", ["用能", "监测"]),
        # A bound alone is what is sought.
        ("100以下", ["100", "以下"]),
    ],
)
def test_a_bound_on_a_size_price_or_time_is_not_required(query, terms):
    """No text writes the visitor's condition (100人以下), and the search cannot judge it."""
    assert [t.text for t in query_terms(query)] == terms


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("烟台地区设备运维", ["烟台", "设备运维"]),
        ("济南及周边 MES", ["济南", "mes"]),
        ("青岛市区 数字孪生", ["青岛", "数字孪生"]),
        ("青岛本地的MES", ["青岛", "mes"]),
        ("胶东经济圈MES", ["胶东经济圈", "mes"]),  # jieba's 胶东 经济圈, one region again
        # Not after a place, or the beginning of a concept there.
        ("地区 MES", ["地区", "mes"]),
        ("青岛本地部署", ["青岛", "本地部署"]),
        ("临沂区域品牌", ["临沂", "区域", "品牌"]),
        ("青岛一带一路", ["青岛", "一带", "一路"]),
    ],
)
def test_words_for_around_a_place_are_not_required(query, terms):
    assert [t.text for t in query_terms(query)] == terms


@pytest.mark.parametrize(
    ("query", "places"),
    [
        ("胶东 设备运维", {"青岛", "烟台", "威海"}),
        ("省会经济圈MES", {"济南", "淄博", "泰安", "聊城", "德州", "滨州", "东营"}),
        ("鲁西南的服务商", {"济宁", "菏泽", "枣庄"}),
        ("黄三角 数字孪生", {"东营", "滨州"}),
    ],
)
def test_a_region_of_the_province_seeks_its_cities(query, places):
    (region,) = [t for t in query_terms(query) if t.text not in ("设备运维", "mes", "数字孪生")]
    assert set(region.alternatives) == {region.text, *places}
    assert places_named(query) == places


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("食品行业", ["食品"]),  # jieba's word, taken apart
        ("化工行业MES", ["化工", "mes"]),
        ("橡胶轮胎行业", ["橡胶轮胎"]),
        ("制造领域 数字孪生", ["制造", "数字孪生"]),
        ("食品企业 设备联网", ["食品", "设备联网"]),  # 食品 begins the industry 食品加工
        ("新能源产业", ["新能源"]),
        # A trade's plant: the trade (化工厂 whole is inside 数字化工厂).
        ("化工厂", ["化工"]),
        ("轮胎厂 MES", ["轮胎", "mes"]),
        ("有没有纺织厂上MES的案例", ["纺织", "mes"]),
        ("机械厂", ["机械"]),
        ("数字化工厂", ["数字化", "工厂"]),  # no trade before it
        ("现代工厂", ["现代", "工厂"]),  # nor here (现代农业 is an industry, 现代 no trade)
        ("智能工厂", ["智能工厂"]),
        # Concepts: 企业 and 产业 after a word of no industry, 行业 first.
        ("中小企业", ["中小企业"]),
        ("数字产业", ["数字", "产业"]),
        ("行业大模型", ["行业", "大模型"]),
        ("行业", ["行业"]),
    ],
)
def test_a_field_is_sought_without_the_word_that_says_it_is_one(query, terms):
    assert [t.text for t in query_terms(query)] == terms


@pytest.mark.parametrize(
    ("query", "similar"),
    [
        ("智慧工厂", "智能工厂"),
        ("能耗监控", "能耗监测"),
        ("汽车配件", "汽车零部件"),
        ("智慧 MES", "智能 MES"),  # the query as typed, its words replaced
        # What people say for what the texts write.
        ("老设备改造", "老旧设备改造"),
        ("开票", "发票"),
        ("省电", "节能"),
        ("本地部署的ERP", "私有化部署的ERP"),
        ("网上展厅", "数字展厅"),
        ("数字孪生", None),
        ("MES", None),
    ],
)
def test_a_query_may_be_written_in_similar_words(query, similar):
    assert similar_query(query) == similar


def test_similar_words_are_spellings_of_the_term_and_of_the_words_written_together():
    (smart, factory) = query_terms("智慧工厂", similar=True)
    assert smart.alternatives == ("智慧", "智能") and factory.alternatives == ("工厂",)
    assert joined_words("智慧工厂", similar=True) == [(("智慧", "智能"), ("工厂",))]
    assert [t.alternatives for t in query_terms("智慧工厂")] == [("智慧",), ("工厂",)]


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("m e s", ["mes"]),  # an acronym typed letter by letter
        ("E R P 青岛", ["erp", "青岛"]),
        ("x y", ["x", "y"]),  # no acronym
        ("统一社会信用代码 91370100000000001W", ["91370100000000001w"]),
        ("信用代码：91370100000000001W", ["91370100000000001w"]),
        ("统一社会信用代码", ["统一", "社会", "信用", "代码"]),  # the words alone are sought
    ],
)
def test_spaced_letters_and_a_codes_label_are_read_as_meant(query, terms):
    assert [t.text for t in query_terms(query)] == terms


@pytest.mark.parametrize(
    ("query", "years"),
    [
        ("2024 MES", {2024}),
        ("2025年典型案例", {2025}),
        ("2024年12月上线", {2024}),
        ("ISO 9001", set()),  # a number, not a year
        ("5G", set()),
    ],
)
def test_the_years_a_query_names(query, years):
    assert years_named(query) == years


def test_a_closing_company_is_a_word_of_its_own():
    """Names end in 有限公司, which people shorten to 公司: jieba's 服务公司 is no word of any
    name (峰云认证技术服务有限公司)."""
    terms = query_terms("峰云认证技术服务公司")
    assert [t.text for t in terms] == ["峰云", "认证", "技术", "服务", "公司"]
    assert [t.text for t in query_terms("集团公司")] == ["集团", "公司"]
    assert [t.text for t in query_terms("分公司")] == ["分公司"]


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("化工云平台", ["化工", "云平台"]),  # not 化工云 + 平台
        ("产品碳足迹核算", ["产品", "碳足迹", "核算"]),  # not 产品碳 + 足迹
        ("混合云平台", ["混合云", "平台"]),
        ("碳中和", ["碳中和"]),  # not 碳中, its 和 dropped as a function character
        ("化工云监控", ["化工", "云监控"]),  # a term the dictionary lacks
        ("企业碳资产", ["企业", "碳资产"]),
        ("设备点巡检云", ["设备", "点巡检云"]),  # nothing after it to join
    ],
)
def test_a_lone_cloud_or_carbon_begins_the_product_term_it_is_in(query, terms):
    """jieba leaves 云 and 碳 alone in such terms; joined to the word before, the query would
    ask for 化工云, which a text about a cloud platform for chemical plants does not write."""
    assert [t.text for t in query_terms(query)] == terms


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("APS软件", ["aps"]),
        ("MES 系统服务商", ["mes"]),  # and then the kind of entry
        ("mes系统集成", ["mes", "系统集成"]),  # another word
        ("5G平台", ["5g", "平台"]),  # no acronym of software
        ("系统", ["系统"]),
        ("AGV小车", ["agv"]),  # nor of a vehicle, a controller or a robot
        ("PLC控制器", ["plc"]),
        ("AMR机器人", ["amr"]),
        ("智能小车", ["智能", "小车"]),
        ("CRM管理系统", ["crm"]),
        # Words of the acronym's own Chinese names (协同办公, 高级计划与排程).
        ("OA办公系统", ["oa"]),
        ("APS排程软件", ["aps"]),
        ("TMS物流系统", ["tms", "物流", "系统"]),  # 物流: not of 运输管理系统
    ],
)
def test_a_word_for_software_after_an_acronym_of_one_is_not_required(query, terms):
    assert [t.text for t in query_terms(query)] == terms


@pytest.mark.parametrize(
    ("query", "shorter"),
    [
        ("设备管理系统", "设备管理"),
        ("青岛 能耗监测软件", "青岛 能耗监测"),
        ("排产 平台", "排产"),
        ("有设备管理系统吗", "有设备管理吗"),  # a question's last character after it
        ("仓储管理系统", None),  # one word, WMS's name
        ("仓库管理软件", "仓库管理"),  # jieba's 管理软件: 管理 and the software
        ("人事管理系统", "人事管理"),
        ("管理软件", None),  # 管理 alone says nothing of what it does
        ("报工APP", "报工"),  # an app, after what it does
        ("设备巡检 app", "设备巡检"),
        ("MES app", None),
        ("MES系统", None),  # no Chinese word before it
        ("系统", None),
        ("云平台", None),
    ],
)
def test_a_closing_word_for_software_may_be_left_out(query, shorter):
    assert without_software_word(query) == shorter


@pytest.mark.parametrize(
    ("query", "relaxed"),
    [
        ("纺织厂怎么降低能耗", ["纺织 能耗"]),
        ("怎么降低电费", ["电费"]),
        # One more loose word each time (adjectives before verbs), never the nouns.
        ("我们想上一套简单实用的质量追溯系统", ["实用 质量追溯 系统", "质量追溯 系统"]),
        ("如何减少简单设备的停机", ["减少 设备 停机", "设备 停机"]),
        # A place and a word of the domain stay, whatever jieba tags them (大连; 零部件, a numeral).
        ("有没有企业能帮忙减少烟台纺织厂的能耗", ["烟台 纺织 能耗"]),
        ("怎么降低大连零部件企业的能耗", ["大连 零部件 能耗"]),
        ("如何提高轮胎企业设备利用率", ["轮胎 设备 利用率"]),
        # Not a sentence: the words of a concept no text may name (智能 翻译 系统).
        ("纺织 降低 能耗", []),
        ("智能翻译系统", []),
        # Written after a word that is sought, a verb is what the two name (a kind of 翻译).
        ("有没有做智能翻译的公司", []),
        # Rare verbs are what is sought, or tagged so in error (超市).
        ("有没有无人超市自助结算", []),
    ],
)
def test_a_sentence_may_be_searched_without_its_loose_words(query, relaxed):
    assert list(relaxed_queries(query)) == relaxed


@pytest.mark.parametrize(
    "query",
    [
        "如何快速找到检测机构",
        "怎么提高培训公司的效率",
        "如何降低山东企业用电成本",
        "如何做好设备维护",
    ],
)
def test_a_shorter_query_seeks_every_word_it_keeps(query):
    """Kept words on their own may say no more than a kind of entry (检测 机构: 检测 alone), and
    a word the field writes either way (维护) is the domain's, never loose."""
    for shorter in relaxed_queries(query):
        assert [t.text for t in query_terms(shorter)] == shorter.split()
    assert "设备" not in relaxed_queries("如何做好设备维护")


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("工厂想上一套WMS系统", ["工厂", "wms"]),  # 一套 counts; 系统 is what WMS names
        ("有没有关于设备联网的一些案例", ["设备联网"]),  # 关于, 一些: a preposition, a count
        ("有没有做三维设计的公司", ["三维", "设计"]),  # a numeral that is no count
        ("有没有零部件企业的案例", ["零部件"]),  # the domain's, though jieba tags it a numeral
        # A lone preposition, conjunction or adverb is dropped, not joined to a word.
        ("想用大模型做企业知识库", ["大模型", "企业", "知识库"]),
        ("数字化转型从哪里开始", ["数字化转型", "开始"]),
        ("想做网约车平台找谁", ["网约车", "平台"]),  # 约 of a word jieba does not know
        ("一套设备联网方案", ["一套", "设备联网"]),  # not a sentence: as typed
        ("需要一套MES", ["mes"]),  # a count after 需要 makes a request
        ("需要分析", ["需要", "分析"]),
        ("一个工具", ["一个", "工具"]),  # 个 asks in 找个 and 哪个, not here
    ],
)
def test_a_sentence_does_not_seek_its_filler_words(query, terms):
    assert [t.text for t in query_terms(query)] == terms


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("小企业适合用什么ERP", ["小企业", "erp"]),
        ("有没有便宜靠谱的MES", ["mes"]),
        ("有没有专业的等保测评机构", ["等保测评"]),  # 机构: a provider, as 公司 is
        ("专业服务", ["专业", "服务"]),  # not a question: as typed
        ("有什么好用的MES", ["mes"]),  # 好用, which jieba cuts into 好 and 用
    ],
)
def test_a_question_does_not_seek_what_the_visitor_judges(query, terms):
    """便宜, 靠谱, 适合: no text says so of itself, as none states a bound on a price."""
    assert [t.text for t in query_terms(query)] == terms


def test_a_request_opening_with_wanting_is_not_sought():
    """希望 and 想 open a request; 实现 is then a question's word, and 怎么办 always is."""
    assert [t.text for t in query_terms("希望实现库存一体化")] == ["库存", "一体化"]
    assert [t.text for t in query_terms("我们想上MES")] == ["mes"]
    # Not where the characters begin a word.
    assert [t.text for t in query_terms("想法")] == ["想法"]
    assert [t.text for t in query_terms("希望工程")] == ["希望工程"]
    assert [t.text for t in query_terms("纺织企业能耗怎么办")] == ["纺织", "能耗"]


def test_a_name_is_also_indexed_without_its_bracketed_place():
    assert name_without_brackets("联润（临沂）科技股份有限公司") == "联润科技股份有限公司"
    assert name_without_brackets("联润(临沂)科技有限公司") == "联润科技有限公司"
    assert name_without_brackets("山东智恒数字科技有限公司") == ""  # nothing to add
    assert name_without_brackets("（临沂）") == ""
    assert name_without_brackets("联润 (临沂) 科技有限公司") == "联润科技有限公司"
    assert name_without_brackets("联润（（临沂））科技有限公司") == "联润科技有限公司"


@pytest.mark.parametrize(
    ("query", "places"),
    [
        ("烟台 设备运维", {"烟台"}),
        ("烟台市设备运维", {"烟台"}),
        ("聊城市", {"聊城"}),
        ("济南有哪些做ERP的", {"济南"}),
        ("上海工业互联网", {"上海"}),
        ("黄岛区设备运维", {"黄岛"}),
        ("Qingdao MES", {"青岛"}),  # in pinyin
        ("设备运维", set()),
        ("智慧城市", set()),  # ends as 聊城市 does, and is no place
        ("工业园区", set()),
        ("经济开发区", set()),
    ],
)
def test_the_places_a_query_names_are_read_without_their_suffix(query, places):
    assert places_named(query) == places


@pytest.mark.parametrize(
    ("question", "terms"),
    [
        ("有智恒吗", ["智恒"]),
        ("智恒有吗", ["智恒"]),
        ("有没有智恒", ["智恒"]),
        ("有色金属吗", ["有色金属"]),  # a word with 有 stays whole
        ("有色厂吗", ["有色厂"]),  # and one that begins with such a word
        ("有智恒", ["有智恒"]),  # no question: it may be a name
    ],
)
def test_the_you_that_asks_is_no_part_of_what_is_sought(question, terms):
    assert [t.text for t in query_terms(question)] == terms


@pytest.mark.parametrize(
    ("request_", "terms"),
    [
        ("需要MES", ["mes"]),
        ("推荐MES", ["mes"]),
        ("求推荐MES", ["mes"]),
        ("麻烦推荐一下MES", ["mes"]),
        ("帮我找MES", ["mes"]),
        ("推荐青岛的MES", ["青岛", "mes"]),
        ("推荐设备运维公司", ["设备运维"]),
        # What follows may make a concept of the word: kept.
        ("推荐系统", ["推荐", "系统"]),
        ("推荐算法", ["推荐", "算法"]),
        ("搜索优化", ["搜索", "优化"]),
        # Not at the opening, or no opening: nothing is dropped.
        ("需求预测 智能推荐", ["需求预测", "智能", "推荐"]),
        ("等保要求", ["等保", "要求"]),
        ("求精科技", ["求精", "科技"]),
        ("帮扶平台", ["帮扶", "平台"]),
    ],
)
def test_a_query_that_opens_with_a_request_seeks_what_follows(request_, terms):
    assert [t.text for t in query_terms(request_)] == terms


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("2025年典型案例", ["2025", "年", "典型", "案例"]),  # not 年典型
        ("2025年度典型案例", ["2025", "年度", "典型", "案例"]),
        ("2024年12月上线", ["2024", "年", "12", "月", "上线"]),
        ("3月份", ["3", "月份"]),
        ("年产能", ["年产能"]),
    ],
)
def test_the_year_or_month_of_a_date_belongs_to_its_number(query, terms):
    assert [t.text for t in query_terms(query)] == terms


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("2025年第1批", ["2025", "年", "第一批"]),  # not 第, 1 and 批, each anywhere
        ("2025年第一批", ["2025", "年", "第一批"]),
        ("第12批入选", ["第十二批", "入选"]),
        ("第20期", ["第二十期"]),
    ],
)
def test_a_numbered_batch_is_one_term_in_chinese_numerals(query, terms):
    """The official lists write 2025年第一批; people type either."""
    assert [t.text for t in query_terms(query)] == terms


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("ERP system", [["erp", "企业资源计划", "企业资源规划"]]),
        ("MES software providers", [["mes", "制造执行系统", "生产执行系统"]]),
        ("Qingdao ERP", [["qingdao", "青岛"], ["erp", "企业资源计划", "企业资源规划"]]),
        ("Digital Twins in Qingdao", [["digital twin", "数字孪生"], ["qingdao", "青岛"]]),
        ("industrial internet software", [["industrial internet", "工业互联网"]]),
        # The taxonomy's names as the English site shows them: a subtype, a category.
        ("Industrial internet platforms", [["industrial internet platform", "工业互联网平台"]]),
        ("Digital R&D providers", [["digital r&d", "数字化研发"]]),
        # A hyphen typed as a space; the Chinese name's acronym found as the name finds it.
        ("supply chain management", [["supply-chain management", "供应链管理", "scm"]]),
        ("after sales management", [["after-sales management", "售后管理"]]),
        # Read from left to right, the longest name at each place: not 仓储物流 and smart.
        (
            "smart warehousing and logistics",
            [["smart warehousing", "智能仓储"], ["logistics", "物流"]],
        ),
        ("Artificial Intelligence", [["artificial intelligence", "人工智能", "ai"]]),
        ("blockchain", [["blockchain", "区块链"]]),
        ("Chemicals MES", [["chemicals", "化工"], ["mes", "制造执行系统", "生产执行系统"]]),
        ("medical devices", [["medical device", "医疗器械"]]),
        ("data mining", [["data mining", "数据挖掘"]]),  # not the industry of mining
        ("digital", [["digital"]]),  # a word of a name is no name
        # An acronym's name in English, and a field's word, which is not sought.
        (
            "manufacturing execution system",
            [["manufacturing execution system", "制造执行系统", "mes", "生产执行系统"]],
        ),
        ("Computer-Aided Design", [["computer aided design", "计算机辅助设计", "cad"]]),
        ("chemical industry", [["chemical", "化工"]]),
        ("food industry", [["food", "食品"]]),
        ("energy saving", [["energy saving", "节能"]]),
        # The kind of entry wanted, as 服务商 is not sought.
        ("energy management service provider", [["energy management", "能源管理"]]),
        ("MES vendors", [["mes", "制造执行系统", "生产执行系统"]]),
        ("supply chain collaboration", [["supply chain", "供应链"], ["collaboration", "协同"]]),
        ("Jiaodong", [["jiaodong", "胶东", "青岛", "烟台", "威海"]]),  # a region, in pinyin
        # A concept's words, each with its Chinese names (cloud MES, IoT gateway).
        ("cloud MES", [["cloud", "云"], ["mes", "制造执行系统", "生产执行系统"]]),
        ("IoT gateway", [["iot", "物联网"], ["gateway", "网关"]]),
        ("5G private network", [["private network", "专网"], ["5g"]]),
        (
            "AI quality inspection",
            [["quality inspection", "质检", "质量检测", "质量检验"], ["ai", "人工智能"]],
        ),
    ],
)
def test_an_english_query_seeks_the_acronyms_and_places_it_names(query, terms):
    assert [list(t.alternatives) for t in query_terms(query)] == terms


def test_words_that_only_look_like_a_question_are_kept():
    # 能 ends a word after a lone character (聚能, a company's name; 赋能); 推荐 is a concept
    # outside a question; a kind word after a short word is part of a concept.
    assert [t.text for t in query_terms("聚能")] == ["聚能"]
    assert [t.text for t in query_terms("数字化赋能")] == ["数字化", "赋能"]
    assert [t.text for t in query_terms("智能推荐")] == ["智能", "推荐"]
    assert [t.text for t in query_terms("设备厂商")] == ["设备", "厂商"]
    assert [t.text for t in query_terms("典型案例")] == ["典型", "案例"]


def test_a_kind_word_typed_first_is_a_word_of_the_concept():
    """产品 设计 is product design, not 设计 of any solution; after a word sought, apart, the
    same word names the kind wanted (烟台 MES 公司)."""
    assert [t.text for t in query_terms("产品 设计")] == ["产品", "设计"]
    assert [t.text for t in query_terms("案例 分析")] == ["案例", "分析"]
    assert [t.text for t in query_terms("烟台 MES 公司")] == ["烟台", "mes"]
    assert [t.text for t in query_terms("MES 产品")] == ["mes"]


def test_a_decimal_number_is_one_term_matched_as_its_adjacent_parts():
    assert [t.text for t in query_terms("工业4.0")] == ["工业", "4.0"]
    assert [t.text for t in query_terms("等保2.0")] == ["等保", "2.0"]
    assert match_forms("4.0") == [("phrase", "4 0")]  # as the index has it: 4 and 0 in a row
    # erp2.0 is indexed erp2 erp 2 0, "ERP 2.0" erp 2 0: either.
    assert match_forms("erp2.0") == [("phrase", "erp2 erp 2 0"), ("phrase", "erp 2 0")]
    assert [t.text for t in query_terms("4. .5")] == ["4", "5"]  # no digits around the point


def test_operators_and_punctuation_are_not_syntax():
    assert analyse('" * - NEAR OR AND ( )') is None
    assert [t.text for t in query_terms("MES AND ERP")] == ["mes", "erp"]


def test_queries_are_bounded():
    assert len(query_terms("a b c d e f g h i j k l m n o p q r s t")) == 12
    huge = query_terms("智能" + "数" * 10_000)
    assert sum(len(t.text) for t in huge) <= 200


def test_a_leading_single_character_joins_the_next_word():
    # jieba splits 云监控 into 云 + 监控; matching 云 anywhere would find unrelated entries.
    assert [t.text for t in query_terms("济宁 云监控")] == ["济宁", "云监控"]
    assert [t.text for t in query_terms("智恒")] == ["智恒"]


@pytest.mark.parametrize(
    ("query", "joined"),
    [
        ("库存管理", [("库存", "管理")]),  # two words typed as one
        ("智恒数字", [("智恒", "数字")]),  # a part of a name and a word
        ("济南有哪些做库存管理的公司", [("库存", "管理")]),  # only where the question wrote them so
        ("管理流程管理", [("管理", "流程"), ("流程", "管理")]),
        ("流程 管理", []),  # typed apart
        ("工业互联网", []),  # one word
        ("青岛数字孪生", []),  # a city and a concept are each anywhere
        ("黄岛设备运维", []),  # a district too
        ("经开仓储管理", [("仓储", "管理")]),  # and a development zone
        ("高新区库存管理", [("库存", "管理")]),
        ("数采系统", [("数采", "系统")]),
        ("仓储与物流", []),  # 与 left out between them
        ("MES系统", []),  # a Latin word and a Chinese one
        ("制造执行系统实施", [("制造执行系统", "实施")]),  # in any spelling: MES实施 too
    ],
)
def test_words_typed_together_are_sought_written_together(query, joined):
    assert [(first[0], second[0]) for first, second in joined_words(query)] == joined


def test_words_typed_together_are_sought_so_in_any_of_their_spellings():
    # 数采 is also 数据采集: either spelling, written together with 系统.
    assert joined_words("数采系统") == [(("数采", "数据采集"), ("系统",))]


def test_an_acronym_is_a_spelling_of_a_word_typed_together():
    ((first, second),) = joined_words("制造执行系统实施")
    assert first == ("制造执行系统", "mes", "生产执行系统") and second == ("实施",)


def test_no_words_are_joined_beyond_the_last_term():
    query = "质量 认证 服务 设备 能耗 数据 采集 仓储 排产 优化 监测 预警库存管理"
    assert [t.text for t in query_terms(query)][-1] == "预警"  # the twelfth
    assert joined_words(query) == []
