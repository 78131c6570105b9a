"""Chinese text analysis shared by every search backend.

Stock full-text engines treat a run of Chinese characters as one token, so `供应链` cannot find
`提供供应链管理服务`. We analyse text in Python, identically when indexing and when querying,
and hand the engine space-separated tokens it cannot mis-split:

- indexing: for each run of CJK characters, its contiguous character bigrams (so any substring
  of two or more characters can be matched as an adjacent phrase of bigrams), its unigrams
  (single-character queries), and every word of jieba's dictionary (with the domain's)
  longer than two characters the run writes: jieba's search-mode words and those across its
  segmentation's boundaries, so that such a word is found by its token alone;
  Latin and digit runs lower-cased, with letter/digit boundaries split (`ISO9001` → `iso9001
  iso 9001`); full-width forms folded (NFKC), traditional characters as simplified ones.
- querying: the query is segmented with jieba (domain dictionary loaded), single characters
  left over by segmentation are rejoined to their neighbours, stop words dropped, and each term
  becomes "the word, or the phrase of its bigrams, or any synonym" (a word of the dictionary
  needs no phrase: its token is indexed wherever written) — terms are ANDed. Words
  the query writes together (库存管理) are also sought written so, which a catalogue search
  requires while any live page has them so (:func:`joined_words`).
"""

import io
import re
import threading
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise
from pathlib import Path
from types import MappingProxyType

from .synonyms import (
    ACRONYMS,
    ENGLISH_NAMES,
    HYPHENS,
    SIMILAR_WORDS,
    chinese_names,
    english_names_in,
    equivalents,
    similar_spellings,
)

DICTIONARY = Path(__file__).resolve().parent / "dictionary" / "domain.txt"
TRADITIONAL = Path(__file__).resolve().parent / "dictionary" / "traditional.txt"
MAX_QUERY_CHARS = 200
MAX_QUERY_TERMS = 12

# CJK Unified Ideographs and extension A; the site's text uses nothing rarer.
_CJK = "\u3400-\u4dbf\u4e00-\u9fff"
_RUN = re.compile(rf"([{_CJK}]+)|([a-z0-9]+)")
# In a query a number with a decimal point (4.0, 等保2.0, 5.5g) is one term: the index splits it
# at the point, and its parts apart (a 4 and a 0 anywhere) would find nearly anything.
_QUERY_RUN = re.compile(rf"([{_CJK}]+)|([a-z0-9]*[0-9](?:\.[0-9][a-z0-9]*)+|[a-z0-9]+)")
_LETTER_DIGIT = re.compile(r"[a-z]+|[0-9]+")
# The 年 or 月 of a date in a query (2025年典型案例) belongs to its number, not to the word
# after it (年典型, which no text has): it stands apart, as its own term, unless it begins a
# word of dates itself (2025年度, 3月份).
_DATE_UNIT = re.compile(rf"(?<=[0-9])([年月])(?=[{_CJK}])(?![度份底初中末内])")
# A batch, session or period numbered in digits (第3批), which the official lists write in
# Chinese numerals (第三批): a query's is read in numerals, as one term (its digit alone would
# be found in any text with a 3), and a text's is indexed in numerals too, after the text.
_ORDINAL = re.compile(r"第([0-9]{1,2})([批期届])")
NUMBERED = re.compile(r"第[一二三四五六七八九十]{1,3}[批期届]")  # as a query reads _ORDINAL
_HYPHEN = re.compile(f"[{HYPHENS}]")
# ISO/IEC 27001, a standard of both, is typed ISO27001 (and ISO 27001): the index has the
# standard's number after iso as well as after iec.
_JOINT_STANDARD = re.compile(rf"(?<![a-z])iso\s*[{HYPHENS}/]\s*iec\s*([0-9]+)")
_HYPHENATED = re.compile(rf"(?<![a-z0-9])[a-z0-9]+(?:{_HYPHEN.pattern}[a-z0-9]+)+")
_CJK_WORD = re.compile(rf"[{_CJK}]+")
# Lone characters jieba leaves in a query that say nothing of what is sought: function
# characters (的, 与, 等 …), characters of a question (我想找, 做, 吗, 谁, 帮我, 找个 …), and
# characters of a question that as often end or begin a word (赋能, 所有, 需要, 友好, 哪家强,
# 想上MES, 能源管理类服务商; 上云, 类脑 …). See _segment.
FUNCTION_CHARACTERS = frozenset("的了和与及或在是对为把被将等之其")
QUESTION_CHARACTERS = frozenset("我你想找做请吗呢啊吧呀哪谁给帮个")
WEAK_CHARACTERS = frozenset("能有要好强上类")
STOP_CHARACTERS = FUNCTION_CHARACTERS | QUESTION_CHARACTERS | WEAK_CHARACTERS
# Lone characters that begin the product terms they are in (云监控, 碳资产): joined to the word
# after them, not before (化工 云监控, not 化工云 监控). See _segment.
LEADING_CHARACTERS = frozenset("云碳")
# English words of a query that say nothing of what is sought in these Chinese texts: function
# words, and the words for software, for the kind of entry wanted (ERP system, MES
# providers) and for a field (chemical industry), as 软件 after an acronym, 服务商 ending a
# query and 行业 after a word are not sought.
LATIN_STOP_WORDS = frozenset(
    "and or not near the of a an in for "  # noqa: SIM905
    "system systems software platform platforms solution solutions "
    "provider providers supplier suppliers vendor vendors service services "
    "company companies case cases "
    "industry industries sector sectors".split()
)
# The words of a question put in words (请问哪家做ERP比较好, 有哪些做数字孪生的), and those
# naming the kind of entry wanted (MES服务商, 预测性维护案例), which the result tabs answer:
# required, they would leave only the entries that happen to use them. See query_terms.
# (Word lists read best as words: SIM905 would make them a column of quoted strings.)
QUESTION_WORDS = frozenset(
    "请问 推荐 哪家 哪些 哪个 哪里 什么 如何 怎么 怎样 有没有 几家 一家 一些 比较 相关 "  # noqa: SIM905
    "可以 能够 需要 寻找 查找 搜索 一下 麻烦 帮忙 是否 能不能 不能 可不可以 了解 方面 实现 "
    "我们 我司 我厂 怎么办".split()
)
# What a question asks of a provider that no text can answer (有没有便宜靠谱的MES, 适合小企业的
# ERP): judged by the visitor, as a bound on a price is, so a question does not seek them.
JUDGED_WORDS = frozenset(
    "便宜 实惠 划算 性价比 靠谱 可靠 好用 专业 优秀 优质 "  # noqa: SIM905
    "知名 有名 出名 正规 厉害 口碑 适合 合适".split()
)
# The words that make a query a question by themselves (如何实现设备联网, 是否有MES): no
# concept has them. The others of QUESTION_WORDS need a second one, or a character of
# QUESTION_CHARACTERS (推荐算法 is a concept; 推荐哪家 a question).
ASKING_WORDS = frozenset("如何 怎么 怎样 怎么办 什么 有没有 是否 能不能 可不可以".split())  # noqa: SIM905
# A query that opens with one of these asks for what follows when that cannot make a concept
# of it: an acronym, a place or a kind of entry (需要MES, 推荐青岛的, 推荐设备运维公司; not
# 推荐算法, 搜索优化). Openings no concept begins with are dropped as they stand (求推荐MES,
# 帮我找MES, 我们想上MES, 希望实现…; 求是科技 is a name, 帮扶 a word).
REQUEST_WORDS = frozenset("需要 推荐 搜索".split())  # noqa: SIM905
_REQUEST_OPENING = re.compile(r"^\s*(?:求推荐|求助|帮我|帮忙)")
# Wanting opens a request where jieba reads it as a word of its own (我们想上MES, 希望实现…),
# not in 想法, 想象力 or 希望工程.
_WANTING = re.compile(r"^\s*(?:我们|我司|我厂|我)?(?:想要|想|希望)")
# The programme's province. Every entry is in it or serves it, and few texts say so (山东 in
# some names, 山东省 in some addresses): with something else, a query naming it seeks that
# (山东省青岛市, 山东 MES); alone, the texts that write it.
HOME_PROVINCE = frozenset({"山东", "山东省"})
# Shandong's cities; with the province, DISTRICTS and OTHER_PLACES, the places of PLACE_NAMES,
# which a query may write against a concept (青岛数字孪生 is a city and a concept).
CITIES = tuple(
    "济南 青岛 淄博 枣庄 东营 烟台 潍坊 济宁 泰安 威海 日照 临沂 德州 聊城 滨州 菏泽".split()  # noqa: SIM905
)
# Places beyond it that providers here come from or serve (深圳工业互联网 is a place and a
# concept, wherever each is written): the provinces and the larger cities.
OTHER_PLACES = tuple(
    "北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 河南 湖北 湖南 "  # noqa: SIM905
    "广东 海南 四川 贵州 云南 陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门 "
    "石家庄 太原 沈阳 大连 长春 哈尔滨 南京 苏州 无锡 常州 南通 徐州 杭州 宁波 温州 嘉兴 绍兴 "
    "合肥 福州 厦门 泉州 南昌 郑州 洛阳 武汉 长沙 广州 深圳 东莞 佛山 珠海 南宁 海口 成都 "
    "贵阳 昆明 西安 兰州 西宁 银川 乌鲁木齐 呼和浩特 拉萨".split()
)
# Their districts and counties (and county-level cities) without 区/县/市, and the development
# zones' (高新区, 经开区), as a query writes one before a concept (黄岛设备运维): a text names it
# in an address (青岛市黄岛区…), never beside what the entry does.
DISTRICTS = tuple(
    "历下 市中 槐荫 天桥 历城 长清 章丘 济阳 莱芜 钢城 平阴 商河 "  # noqa: SIM905
    "市南 市北 黄岛 崂山 李沧 城阳 即墨 胶州 平度 莱西 "
    "淄川 张店 博山 临淄 周村 桓台 高青 沂源 薛城 峄城 台儿庄 山亭 滕州 "
    "河口 垦利 利津 广饶 芝罘 福山 牟平 莱山 蓬莱 龙口 莱阳 莱州 招远 栖霞 海阳 "
    "潍城 寒亭 坊子 奎文 青州 诸城 寿光 安丘 高密 昌邑 临朐 昌乐 "
    "任城 兖州 曲阜 邹城 微山 鱼台 金乡 嘉祥 汶上 泗水 梁山 "
    "泰山 岱岳 新泰 肥城 宁阳 东平 环翠 文登 荣成 乳山 东港 岚山 五莲 莒县 "
    "兰山 罗庄 河东 沂南 郯城 沂水 兰陵 费县 平邑 莒南 蒙阴 临沭 "
    "德城 陵城 乐陵 禹城 宁津 庆云 临邑 齐河 平原 夏津 武城 "
    "东昌府 茌平 临清 阳谷 莘县 东阿 冠县 高唐 滨城 沾化 邹平 惠民 阳信 无棣 博兴 "
    "牡丹 定陶 曹县 单县 成武 巨野 郓城 鄄城 东明 高新 经开".split()
)
PLACE_NAMES = frozenset(("山东", *CITIES, *DISTRICTS, *OTHER_PLACES))
# The province's regions, as people name a part of it (胶东 设备运维, 鲁南 MES): their cities,
# which a query for the region also seeks (the region's name too, where a text writes it). The
# economic circles of the provincial plan (2020), and the older names with one sense here;
# 胶东 is the peninsula, as it is mostly said (the circle is 胶东经济圈). A circle's name is two
# words to jieba (省会 经济圈), joined again by _regions_joined.
REGIONS: dict[str, tuple[str, ...]] = {
    "胶东": ("青岛", "烟台", "威海"),
    "胶东半岛": ("青岛", "烟台", "威海"),
    "胶东经济圈": ("青岛", "烟台", "潍坊", "威海", "日照"),
    "省会经济圈": ("济南", "淄博", "泰安", "聊城", "德州", "滨州", "东营"),
    "鲁南": ("临沂", "枣庄", "济宁", "菏泽"),
    "鲁南经济圈": ("临沂", "枣庄", "济宁", "菏泽"),
    "鲁西南": ("济宁", "菏泽", "枣庄"),
    "黄河三角洲": ("东营", "滨州"),
    "黄三角": ("东营", "滨州"),
}
_CIRCLE_WORDS = frozenset("经济圈 城市群 都市圈".split())  # noqa: SIM905
# Words after a place that say "around there" (烟台地区, 济南及周边, 青岛本地): the place is
# what is sought, and texts write it without them.
AREA_WORDS = _CIRCLE_WORDS | frozenset(
    "地区 区域 本地 当地 周边 附近 周围 范围 范围内 境内 市区 市内 片区 辖区".split()  # noqa: SIM905
)
# Those that also begin a concept (本地部署, 区域品牌): "around there" only where nothing
# follows them but 的.
_AREA_OR_CONCEPT = frozenset("本地 当地 区域".split())  # noqa: SIM905
# The industries of the taxonomy as seeded (catalogue migration 0002; an industry editors add
# later is not here): what a provider serves, listed apart from its prose, so that a query
# may write one against a concept (化工能耗监测) that no text writes near it. See
# industry_words and search.query._held_near.
INDUSTRIES = tuple(
    "装备制造 汽车及零部件 化工 石油化工 纺织服装 食品加工 农副产品加工 医药 医疗器械 电子信息 "  # noqa: SIM905
    "冶金 有色金属 建材 橡胶轮胎 轻工 家居家具 造纸印刷 新能源 新材料 船舶海工 物流 商贸零售 "
    "建筑 电力能源 矿业 现代农业".split()
)
SOFTWARE_WORDS = frozenset("软件 系统 平台".split())  # noqa: SIM905
LATIN_SOFTWARE_WORDS = frozenset("app apps".split())  # noqa: SIM905
# What an acronym names, typed after it (APS软件, AGV小车, PLC控制器, AMR机器人): the acronym
# says it, and texts about the thing need not (AGV搬运系统, 潜伏式AGV).
NAMED_BY_ACRONYM = SOFTWARE_WORDS | frozenset(
    "管理系统 管理软件 管理平台 系统软件 软件系统 小车 设备 控制器 机器人".split()  # noqa: SIM905
)
# The kind of entry (a search type's key) each kind word asks for, in Chinese and in English
# (see kind_named); a word ending in one of ENDS_IN_KIND is of that kind too (能源管理服务商).
_CHINESE_KINDS = {
    **dict.fromkeys("公司 企业 服务商 厂商 厂家 机构".split(), "provider"),  # noqa: SIM905
    **dict.fromkeys("解决方案 方案 产品".split(), "solution"),  # noqa: SIM905
    "案例": "case",
}
KIND_WORDS = frozenset(_CHINESE_KINDS)
KIND_OF = {
    **_CHINESE_KINDS,
    **dict.fromkeys(
        "provider providers supplier suppliers vendor vendors company companies".split(),  # noqa: SIM905
        "provider",
    ),
    **dict.fromkeys("solution solutions".split(), "solution"),  # noqa: SIM905
    **dict.fromkeys("case cases".split(), "case"),  # noqa: SIM905
}
ENDS_IN_KIND = ("服务商", "解决方案", "案例")
KIND_NAMES = {"provider": "服务商", "solution": "解决方案", "case": "案例"}
# Words after a word that say "of that field" (制造行业, 化工领域): the word is what is sought.
# 企业 and 产业 say so after an industry only (食品企业; 中小企业 and 数字产业 are concepts).
FIELD_WORDS = frozenset("行业 领域".split())  # noqa: SIM905
INDUSTRY_KIND_WORDS = frozenset("企业 产业 工厂".split())  # noqa: SIM905
# The trades a plant or a company is named by (化工厂, 轮胎企业): the taxonomy's industries
# (INDUSTRIES) and the trades in their names, and a few that are no industry of its own
# (机械厂, 陶瓷厂). Not every word of a name: 现代 (现代农业) and 加工 (食品加工) are none.
TRADES = frozenset(INDUSTRIES) | frozenset(
    "装备 汽车 零部件 石化 纺织 服装 食品 农副产品 医疗器械 电子 有色金属 橡胶 轮胎 "  # noqa: SIM905
    "家居 家具 造纸 印刷 船舶 零售 电力 农业 机械 钢铁 制药 印染 陶瓷 玻璃 塑料 家纺".split()
)

_tokenizer = None
_tokenizer_lock = threading.Lock()


def tokenizer():
    """jieba with the domain dictionary, built once per process."""
    global _tokenizer
    if _tokenizer is None:
        with _tokenizer_lock:
            if _tokenizer is None:
                import logging

                import jieba

                jieba.setLogLevel(logging.WARNING)
                instance = jieba.Tokenizer()
                instance.initialize()
                for word in _domain_words():
                    instance.add_word(word, freq=200_000)
                _tokenizer = instance
    return _tokenizer


#: Raised by a release that changes what :func:`index_text` writes for a text, so that an index
#: built before it is told apart (:func:`analysis_fingerprint`). 2: every dictionary word.
#: 3: traditional characters folded to simplified ones. 4: every four characters in a row.
ANALYSIS_VERSION = 4


@cache
def analysis_fingerprint() -> str:
    """What decides the index's tokens: :data:`ANALYSIS_VERSION`, jieba's version (its
    dictionary), the domain's words (the domain dictionary, the synonyms' names) and the
    traditional characters' simplified forms."""
    import hashlib

    import jieba

    words = "\n".join(sorted(set(_domain_words())))
    text = f"{ANALYSIS_VERSION}\n{jieba.__version__}\n{words}\n{sorted(_simplified()[0].items())}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def in_dictionary(word: str) -> bool:
    """Whether ``word`` is a word of the tokenizer's dictionary (jieba's and the domain's)."""
    return bool(tokenizer().FREQ.get(word))


@cache
def industry_words() -> frozenset[str]:
    """The words a query's analysis makes of the industries' names (汽车及零部件: 汽车,
    零部件). A query's word may begin with one (化工厂, or 建材窑 with a lone character joined
    on), so they are looked for at the start of a word."""
    return frozenset(word for name in INDUSTRIES for word in _segment(name))


def _domain_words():
    yield from (line.strip() for line in DICTIONARY.read_text("utf-8").splitlines() if line.strip())
    yield from chinese_names()


#: How often jieba's dictionary counts a word that most texts here have somewhere (管理 27,191,
#: 服务 13,036, 安全 9,921, 金融 6,455; 工艺 2,692, 能耗 142 are not).
COMMON_MIN_FREQUENCY = 5000


@cache
def _domain_word_set() -> frozenset[str]:
    return frozenset(_domain_words())


def is_common_word(word: str) -> bool:
    """Whether ``word`` is a word most texts here have somewhere (管理, 安全, 服务): one jieba's
    dictionary counts at least :data:`COMMON_MIN_FREQUENCY` times, and none of the domain's
    (which the tokenizer counts as often as the most common)."""
    if word in _domain_word_set():
        return False
    return tokenizer().FREQ.get(word, 0) >= COMMON_MIN_FREQUENCY


@cache
def _simplified() -> tuple[dict[int, str], re.Pattern]:
    """The ``str.translate`` table of :data:`TRADITIONAL`, and a pattern of its characters."""
    table = {}
    for line in TRADITIONAL.read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            traditional, simplified = line.split("\t")
            table[ord(traditional)] = simplified
    return table, re.compile(f"[{''.join(map(chr, table))}]")


def fold(text: str) -> str:
    """Full-width to half-width, compatibility forms folded, lower-cased, NUL dropped, and
    traditional characters written as simplified ones (數字孿生: 数字孪生), one for one, so
    that positions in the folded text are the text's."""
    return simplified(unicodedata.normalize("NFKC", text).replace("\x00", " ").lower())


def simplified(text: str) -> str:
    """``text`` with its traditional characters written as simplified ones, one for one."""
    table, traditional = _simplified()
    # Looked for first: translating reads every character, seeking runs at C speed, and most
    # texts have none (1 against 25 µs for a 400-character description).
    return text.translate(table) if traditional.search(text) else text


def latin_word_pattern(word: str) -> str:
    """A regular expression for a Latin word (lower case, letters and digits) as the index
    finds it in folded text: with hyphens or dashes or without (sd-wan, sd‐wan, sdwan), and not
    inside a longer run of letters or of digits (rag not in storage, 5g not in 25g), as the
    index splits a run only where letters meet digits."""
    pattern = f"[{HYPHENS}]?".join(map(re.escape, word))
    before = "(?<![a-z])" if word[0].isalpha() else "(?<![0-9])"
    after = "(?![a-z])" if word[-1].isalpha() else "(?![0-9])"
    return before + pattern + after


def _in_numerals(ordinal: re.Match) -> str:
    return f"第{chinese_number(int(ordinal[1]))}{ordinal[2]}"


def chinese_number(number: int) -> str:
    """``number`` (0–99) in Chinese numerals: 3 三, 10 十, 12 十二, 21 二十一."""
    digits = "零一二三四五六七八九"
    if number < 10:
        return digits[number]
    tens, ones = divmod(number, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def bigrams(run: str) -> list[str]:
    return [run[i : i + 2] for i in range(len(run) - 1)]


def _latin_tokens(run: str) -> list[str]:
    parts = _LETTER_DIGIT.findall(run)
    return [run, *parts] if len(parts) > 1 else [run]


# Remembered by text: the English alias of every page is indexed with its source's (Chinese)
# text right after it (the bulk indexer keeps them together), and names of regions, categories
# and industries recur on thousands of pages. Few entries: a web worker keeps them for good,
# and a long description with its analysis weighs tens of kilobytes.
@lru_cache(maxsize=256)
def index_text(text: str) -> str:
    """The token string stored in the search index for a piece of text."""
    if not text:
        return ""
    words_in = tokenizer().get_DAG
    folded = fold(text)
    out: list[str] = []
    for cjk, latin in _RUN.findall(folded):
        if cjk:
            out.extend(_cjk_tokens(cjk, words_in))
        else:
            out.extend(_latin_tokens(latin))
    # After the whole text, where they part no phrase (SAP-ERP2.0 keeps erp2 erp 2 0 in a row).
    out.extend(token for word in _hyphenated_words(folded) for token in _latin_tokens(word))
    for ordinal in _ORDINAL.finditer(folded):  # 第1批 as the query reads it: 第一批
        out.extend(_cjk_tokens(_in_numerals(ordinal), words_in))
    # A standard of ISO and IEC together as people type it (ISO/IEC 27001: iso27001 iso 27001).
    out.extend(
        token
        for number in _JOINT_STANDARD.findall(folded)
        for token in _latin_tokens(f"iso{number}")
    )
    return " ".join(out)


#: The length of the spans of characters indexed whole wherever they stand (_cjk_tokens).
WHOLE_SPAN = 4


def indexed_wherever_written(word: str) -> bool:
    """Whether the index holds ``word``, a run of Chinese characters, as a token wherever a
    text writes it (:func:`_cjk_tokens`): a bigram or a character, four characters, a word of
    the dictionary. Such a word is asked for by its token alone (:func:`match_forms`)."""
    return len(word) <= 2 or len(word) == WHOLE_SPAN or in_dictionary(word)


def _cjk_tokens(cjk: str, words_in) -> list[str]:
    """A run of Chinese characters' tokens: its bigrams first and uninterrupted, so that a
    phrase of bigrams matches exactly the substrings of the run, then every dictionary word
    longer than two characters it holds, wherever it stands (``words_in``: the tokenizer's
    ``get_DAG``, the words starting at each character), then every four characters in a
    row, then its characters.

    Every such word, not only those of one segmentation: a word of the dictionary is then
    found by its token alone wherever the text writes it, as its phrase of bigrams would
    find it (重工业互联网络 holds 工业互联网, which no segmentation of it gives), and a query
    needs no phrase for it (:func:`match_forms`), which costs most of the match of a
    frequent word (its bigrams' positions compared in every hit). Four characters, words of
    the dictionary or not, for the same reason: two words of two characters a query writes
    together (数字科技, 设备点检) are sought as written (:class:`search.query.WrittenWhole`):
    one token, not a phrase whose positions PostgreSQL checks in every candidate."""
    return [
        *(bigrams(cjk) or [cjk]),
        *(
            cjk[start : end + 1]
            for start, ends in words_in(cjk).items()
            for end in ends
            if end - start > 1 and end - start != WHOLE_SPAN - 1
        ),
        *(cjk[start : start + WHOLE_SPAN] for start in range(len(cjk) - WHOLE_SPAN + 1)),
        *cjk,
    ]


def _hyphenated_words(folded: str) -> list[str]:
    """The Latin words written with hyphens in ``folded`` text, as one (SD-WAN: sdwan, Wi-Fi:
    wifi), as they are also typed. Not across a hyphen with a number on both sides: 3-5年 and
    0531-8888 are a range and a telephone number, not 35 and 05318888."""
    words = []
    for chain in _HYPHENATED.findall(folded):
        groups = [[]]
        for part in _HYPHEN.split(chain):
            if groups[-1] and groups[-1][-1][-1].isdigit() and part[0].isdigit():
                groups.append([])
            groups[-1].append(part)
        words += ["".join(group) for group in groups if len(group) > 1]
    return words


@dataclass(frozen=True)
class Term:
    """One required term of a query and the spellings that satisfy it."""

    text: str
    alternatives: tuple[str, ...] = ()

    @property
    def is_cjk(self) -> bool:
        return bool(_CJK_WORD.fullmatch(self.text))


def _wanting(text: str) -> re.Match | None:
    """The opening of ``text`` that says the visitor wants what follows (:data:`_WANTING`), where
    jieba cuts the text there."""
    opening = _WANTING.match(text)
    if opening is None:
        return None
    start = len(text) - len(text.lstrip())
    cut = start
    for word in tokenizer().cut(text[start : opening.end() + 4], HMM=False):
        cut += len(word)
        if cut >= opening.end():
            break
    return opening if cut == opening.end() else None


def _latin_sought(latin: str) -> list[str]:
    return [] if latin in LATIN_STOP_WORDS else [latin]


def _segment(cjk: str, *, sentence: bool = False) -> list[str]:
    """jieba's words, with the single characters it leaves over rejoined, and those that say
    nothing of what is sought dropped (:func:`_says_nothing`; in a ``sentence``, a question
    or a request, its filler characters too: 用, 从, 但, 都, 得).

    A lone character belongs to a neighbouring word (青岛+市, 云+监控): matching the joined
    substring is far more precise than matching one character anywhere. It joins the word
    before it, unless it begins the run or is one of :data:`LEADING_CHARACTERS`. Runs of
    single characters (an unknown name like 智+恒) stay together as one term.
    """
    words = _regions_joined(
        [part for word in tokenizer().cut(cjk, HMM=False) if word for part in _apart(word)]
    )
    merged: list[str] = []
    pending = ""  # single characters not yet placed
    for i, word in enumerate(words):
        if len(word) == 1:
            if _says_nothing(words, i) or (sentence and _fills_alone(words, i)):
                if pending:
                    _place(merged, pending)
                    pending = ""
                merged.append("")  # nothing joins across it
                continue
            pending += word
            continue
        if len(pending) == 1 and (pending in LEADING_CHARACTERS or not (merged and merged[-1])):
            word = pending + word  # attach to the following word
        elif pending:
            _place(merged, pending)
        pending = ""
        merged.append(word)
    if pending:
        _place(merged, pending)
    return [word for word in merged if word]


def _apart(word: str) -> tuple[str, ...]:
    """``word`` with a closing 公司 or 行业 apart (服务公司: 服务 公司; 食品行业: 食品 行业), as
    two words of the query. The names here end in 有限公司 (峰云认证技术服务有限公司), which
    people shorten to 公司 (峰云认证技术服务公司); jieba knows such a word whole (服务公司,
    集团公司, 食品行业), and whole it would have to be written so."""
    for ending in ("公司", "行业"):
        if len(word) >= 4 and word.endswith(ending):
            return word[:-2], ending
    # A trade's plant (化工厂, 纺织厂, 轮胎厂): the trade, and 工厂, which after it says no more
    # (see INDUSTRY_KIND_WORDS). Whole, 化工厂 would be sought where the index has it inside
    # 数字化工厂, and found in no text about chemicals, which say 化工企业.
    trade = word[:-1]
    if len(word) >= 3 and word.endswith("厂") and trade in TRADES:
        return trade, "工厂"
    return (word,)


def _regions_joined(words: list[str]) -> list[str]:
    """``words`` with a region's economic circle one word again (省会 经济圈: 省会经济圈; see
    :data:`REGIONS`)."""
    joined: list[str] = []
    for word in words:
        if joined and word in _CIRCLE_WORDS and joined[-1] + word in REGIONS:
            joined[-1] += word
        else:
            joined.append(word)
    return joined


def _says_nothing(words: list[str], i: int) -> bool:
    """Whether the lone character ``words[i]`` is no part of what is sought.

    A function character is, except one that begins the run before another lone character:
    there it begins a word (等保, 对标管理, 和利时), and dropped it would leave 保 to be found in
    every 环保. A character of a question always is (青岛做MES的公司, 找智恒). One that as often
    ends a word is only between words (济南有哪些, 比较好), not next to another lone character
    (聚能, 赋能, 用能)."""
    word = words[i]
    if word == "用" and words[i + 1 : i + 2] and words[i + 1] in QUESTION_WORDS:
        return True  # 工厂用什么MES: asks what to use (用能 is a word of its own)
    if len(words) == 1 or word not in STOP_CHARACTERS:
        return False

    if word in FUNCTION_CHARACTERS:
        return not (i == 0 and _lone(words, 1))
    if word in WEAK_CHARACTERS:
        return not (_lone(words, i - 1) or _lone(words, i + 1))
    return True


def _fills_alone(words: list[str], i: int) -> bool:
    """Whether the lone character ``words[i]`` of a sentence is a filler word
    (:func:`filler_words`: 用, 从, 但) between words, not one of a run of single characters,
    which may be a word jieba does not know (网约车: 网 约 车; 好用: 好 用)."""

    def single(j: int) -> bool:
        return 0 <= j < len(words) and len(words[j]) == 1

    return words[i] in filler_words() and not (single(i - 1) or single(i + 1))


def _lone(words: list[str], j: int) -> bool:
    """Whether ``words[j]`` is a lone character that may be sought."""
    return 0 <= j < len(words) and len(words[j]) == 1 and words[j] not in STOP_CHARACTERS


def _place(merged: list[str], pending: str) -> None:
    if len(pending) == 1 and merged and merged[-1]:
        merged[-1] += pending
    else:
        merged.append(pending)


def query_terms(query: str, *, similar: bool = False) -> list[Term]:
    """Split a visitor's query into required terms, each with its synonyms, and with
    ``similar``, its spellings in words the field writes either way
    (:func:`search.synonyms.similar_spellings`)."""
    return list(_analysed_query(query, similar)[0])


def similar_query(query: str) -> str | None:
    """The query's terms with the first of their similar spellings (智慧工厂: 智能工厂), to say
    what a search that found nothing as typed looked for; None when it has none."""
    plain, similar = query_terms(query), query_terms(query, similar=True)
    if plain == similar:
        return None
    replaced = {
        term.text: widened.alternatives[len(term.alternatives)]
        for term, widened in zip(plain, similar, strict=True)
        if widened != term
    }
    # As typed where it writes the words as analysed (智慧 MES), else as folded (智慧ＭＥＳ).
    text = query if all(word in query for word in replaced) else fold(query)
    for word, other in replaced.items():
        text = text.replace(word, other)
    return text


def joined_words(
    query: str, *, similar: bool = False
) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """The pairs of words the query writes together: ``(spellings of the first, spellings of
    the second)`` for each pair, in the query's order.

    Typed without a space, two words mean one thing: 库存管理 is not every text with 库存 in
    one place and 管理 in another, and most texts here have 管理 somewhere; nor is 人工智能应用
    every text with AI in one place and 应用 in another (each word in any of its spellings,
    acronyms too). Not at a place (青岛数字孪生 is 青岛 and 数字孪生, wherever each is written),
    nor at a word typed in Latin letters (MES系统), nor where the query left something out
    between them (仓储与物流), nor at a word beyond the query's last term."""
    return list(_analysed_query(query, similar)[1])


# A catalogue search analyses its query several times (its forms, each tab's listing, the
# highlighting), ~0.1 ms each.
@lru_cache(maxsize=256)
def _analysed_query(
    query: str, similar: bool = False
) -> tuple[tuple[Term, ...], tuple[tuple[tuple[str, ...], tuple[str, ...]], ...], bool]:
    """``(terms, pairs of words written together, whether the query is phrased as a question
    or a request)``."""
    english, text = english_names_in(fold(query)[:MAX_QUERY_CHARS])
    opening = _REQUEST_OPENING.match(text) or _wanting(text)
    if opening and opening.end() < len(text.rstrip()):
        text = text[opening.end() :]
    text = _ORDINAL.sub(_in_numerals, text)
    unbounded = _BOUND.sub(" ", text)
    text = unbounded if unbounded.strip() else text  # a bound alone (100以下) is what is sought
    text = _SPACED_LETTERS.sub(_acronym_spaced, _CODE_LABEL.sub(" ", text))
    found = _QUERY_RUN.findall(_DATE_UNIT.sub(r"\1 ", text))

    def segmented(sentence: bool) -> list[tuple[str, list[str]]]:
        return _without_software_words(
            [
                (cjk, _segment(cjk, sentence=sentence) if cjk else _latin_sought(latin))
                for cjk, latin in found
            ]
        )

    runs = segmented(sentence=False)
    words = [word for _text, run in runs for word in run]
    # Phrased as a question: 推荐, 哪些 are then no part of what is sought (智能推荐 is).
    asked = (
        not QUESTION_CHARACTERS.isdisjoint(_ONE_OF.sub("", text))
        or len(QUESTION_WORDS.intersection(words)) > 1
        or not ASKING_WORDS.isdisjoint(words)
        or bool(opening)
        or _opens_with_request(words)
    )
    if asked:
        # A sentence's lone filler characters are dropped, not joined to a word (想用大模型:
        # 大模型; 数字化转型从哪里开始: 数字化转型).
        runs = [(run_text, [_unasked(word) for word in run]) for run_text, run in segmented(True)]
        words = [word for _text, run in runs for word in run]
    sought: list[str] = []
    joins: list[tuple[str, str]] = []  # pairs of words written together
    for run_text, run in runs:
        previous = ""  # the word kept before this one in the run, if it was kept
        for i, word in enumerate(run):
            if (
                (
                    asked
                    and (
                        word in QUESTION_WORDS
                        or word in JUDGED_WORDS
                        or _kind_asked_for(run, i)
                        or word in filler_words()
                    )
                )
                or _names_the_kind(run_text, run, i, sought)
                or _names_the_field(run, i)
                or _names_the_area(run_text, run, i, sought)
                or set(word) <= STOP_CHARACTERS
            ):
                previous = ""
                continue
            sought.append(word)
            if previous and _written_together(previous, word, run_text):
                joins.append((previous, word))
            previous = word
    if english or not HOME_PROVINCE.issuperset(sought):
        sought = [word for word in sought if word not in HOME_PROVINCE]
    if not words and not english:
        # Nothing but English kind words (vendors, service providers): the kind in Chinese,
        # which a query of 服务商 alone seeks.
        words = [KIND_NAMES[KIND_OF[latin]] for _cjk, latin in found if latin in KIND_OF][:1]
    terms = [Term(name, _english_spellings(name)) for name in english]
    # A query of nothing but words that say nothing: them.
    for word in dict.fromkeys(sought or ([] if english else words)):
        names = (word, *equivalents(word))
        spellings = (
            *names,
            *_without_place_suffix(word),
            *(city for name in names for city in REGIONS.get(name, ())),
        )
        if similar:
            spellings += tuple(s for spelling in spellings for s in similar_spellings(spelling))
        terms.append(Term(word, tuple(dict.fromkeys(spellings))))
    terms = terms[:MAX_QUERY_TERMS]
    spellings = {term.text: term.alternatives for term in terms}
    joined = [
        (spellings[first], spellings[second])
        for first, second in joins
        if first in spellings and second in spellings
    ]
    return tuple(terms), tuple(dict.fromkeys(joined)), asked


# An acronym typed letter by letter (m e s), and the label before a credit code, which no text
# writes beside it (统一社会信用代码：9137…): the code is what is sought.
_SPACED_LETTERS = re.compile(r"(?<![a-z0-9])[a-z](?: [a-z]){1,4}(?![a-z0-9])")
# A bound on a size, a price or a time (100人以下, 50万以内, 三个月左右): the visitor's
# condition, which no text writes and the search cannot judge. A number standing alone (not
# part of a code: ISO9001以上) with a unit, or a whole number of digits without one; a decimal
# needs its unit (工业4.0以上 asks for a version).
_BOUND = re.compile(
    r"(?<![0-9a-z.])(?:"
    r"(?:[0-9]+(?:\.[0-9]+)?|[一二两三四五六七八九十百千]+)\s*[万千百]?"
    r"(?:元|块|人|名|家|天|周|个月|月|年|小时)|[0-9]+\s*[万千百]?"
    r")\s*(?:以下|以内|以上|左右|之内|上下)"
)
_CODE_LABEL = re.compile(r"(?:统一)?(?:社会)?信用代码\s*[:：]?(?=\s*[0-9a-z]{15,18}\b)")


def _acronym_spaced(letters: re.Match) -> str:
    joined = letters[0].replace(" ", "")
    return joined if joined in ACRONYMS else letters[0]


def _english_spellings(name: str) -> tuple[str, ...]:
    """An English name of several words, its Chinese names and what they find in turn
    (artificial intelligence: 人工智能, and its acronym AI, as a query for 人工智能 finds)."""
    chinese = ENGLISH_NAMES[name]
    return tuple(dict.fromkeys((name, *chinese, *(s for c in chinese for s in equivalents(c)))))


def _opens_with_request(words: list[str]) -> bool:
    """Whether the query's words open with a word of :data:`REQUEST_WORDS` asking for what
    follows (see there)."""
    if len(words) < 2 or words[0] not in REQUEST_WORDS:
        return False
    following, last = words[1], words[-1]
    return (
        not _CJK_WORD.fullmatch(following)
        or _names_place(following)
        or following in filler_words()  # 需要一套…, 推荐几家…
        or any(last.endswith(kind) for kind in KIND_WORDS)
    )


def _written_together(first: str, second: str, run_text: str) -> bool:
    """Whether two Chinese words kept from a query's run of characters stand side by side in
    it and mean one thing together (see :func:`joined_words`)."""
    return (
        first + second in run_text
        and _CJK_WORD.fullmatch(first + second) is not None
        and not (_is_place(first) or _is_place(second))
        # A name's own words end in 有限公司 (技术服务有限公司), which a query shortens.
        and second != "公司"
    )


def _is_place(word: str) -> bool:
    """A place of :data:`PLACE_NAMES`, or a name ending as a place's does (黄岛区, 即墨市,
    高新区)."""
    if _names_place(word):
        return True
    return word != place_stem(word) and not word.endswith("城市")


def places_named(query: str) -> frozenset[str]:
    """The places of :data:`PLACE_NAMES` among the words a query seeks, as :func:`place_stem`
    writes them (烟台市 设备运维: 烟台): a listing ranks its entries there first."""
    return frozenset(
        place_stem(spelling)
        for term in query_terms(query)
        for spelling in term.alternatives  # its text, 青岛 for qingdao, a region's cities
        if _names_place(spelling) and spelling not in REGIONS
    )


_YEAR = re.compile(r"(?:19|20)[0-9]{2}")


def years_named(query: str) -> frozenset[int]:
    """The years a query seeks (2024 MES, 2024年典型案例): a listing of entries by year ranks
    that year's first."""
    return frozenset(int(t.text) for t in query_terms(query) if _YEAR.fullmatch(t.text))


def _names_place(word: str) -> bool:
    """A place of :data:`PLACE_NAMES`, with or without its 省/市/区/县 (not any word that ends
    as a place's does, as :func:`_is_place` allows: 工业园区, 开发区)."""
    return word in PLACE_NAMES or word in REGIONS or _names_a_place(word)


def place_stem(name: str) -> str:
    """A place's name without its 省/市/区/县 (烟台市: 烟台), as a query may write it and as
    the taxonomy's regions do not."""
    return name[:-1] if len(name) >= 3 and name[-1] in "省市区县" else name


def _names_a_place(word: str) -> bool:
    """A place of :data:`PLACE_NAMES` with its 省/市/区/县 (聊城市, which ends as 智慧城市 does)."""
    stem = place_stem(word)
    return stem != word and stem in PLACE_NAMES


def _unasked(word: str) -> str:
    """``word`` of a question without the 有 that asks it (有智恒吗, 智恒有吗: 智恒), where the
    word segmentation left 有 alone and it was joined to the lone characters beside it; a word
    that begins or ends with a word of 有 (有色金属, 有色厂, 有机茶) stays whole."""
    if len(word) > 2 and "有" in (word[0], word[-1]):
        parts = tokenizer().lcut(word, HMM=False)
        if parts[0] == "有":
            return word[1:]
        if parts[-1] == "有":
            return word[:-1]
    return word


def _names_the_kind(run_text: str, run: list[str], i: int, sought: list[str]) -> bool:
    """Whether ``run[i]``, a word of the query's run of characters ``run_text``, names the kind
    of entry wanted: a kind word ending its run, alone after a word sought (MES服务商, 烟台 MES
    公司), after 的 (做等保的公司) or after a word of three characters or more (预测性维护案例,
    数字孪生解决方案). After a shorter word it is part of a concept (设备厂商, 典型案例), and
    so it is typed first, apart from the words after it (产品 设计, 方案 设计, 案例 分析)."""
    word = run[i]
    if word not in KIND_WORDS or i != len(run) - 1:
        return False
    if i == 0:
        return bool(sought)
    return run_text.endswith("的" + word) or len(run[i - 1]) >= 3


@lru_cache(maxsize=256)
def kind_named(query: str) -> str | None:
    """The kind of entry the query asks for (:data:`KIND_OF`: "provider", "solution" or
    "case"), or None: named by its last word (预测性维护案例, 做MES的公司, 有哪些MES服务商推荐吗,
    能源管理服务商, digital twin solutions), else right after a question word (哪些方案能解决
    设备联网, 哪家公司做MES好). The site search opens that tab. Not a word that only ends as a
    company does (中小企业: a concept)."""
    runs = _QUERY_RUN.findall(fold(query)[:MAX_QUERY_CHARS])
    while runs and runs[-1][1].isdigit():  # a year or a number after the kind (ERP公司2024)
        runs.pop()
    if not runs:
        return None
    cjk, latin = runs[-1]
    if latin:
        return KIND_OF.get(latin)
    words = tokenizer().lcut(cjk, HMM=False)
    while words and (words[-1] in QUESTION_WORDS or set(words[-1]) <= STOP_CHARACTERS):
        words.pop()
    last = words[-1] if words else ""
    if last in KIND_OF:
        return KIND_OF[last]
    named = next((KIND_OF[end] for end in ENDS_IN_KIND if last.endswith(end)), None)
    if named is not None:
        return named
    asked = [word for cjk, _latin in runs if cjk for word in tokenizer().lcut(cjk, HMM=False)]
    return next(
        (
            KIND_OF[word]
            for before, word in pairwise(asked)
            if word in KIND_OF and before in QUESTION_WORDS
        ),
        None,
    )


def _kind_asked_for(run: list[str], i: int) -> bool:
    """Whether ``run[i]`` is a kind of entry a question asks for (哪家公司, 哪些企业)."""
    return run[i] in KIND_WORDS and i > 0 and run[i - 1] in QUESTION_WORDS


def _names_the_field(run: list[str], i: int) -> bool:
    """Whether ``run[i]`` says that the word before it is a field (制造行业, 化工领域, and after
    an industry's word 食品企业, 化工产业; see :data:`FIELD_WORDS`)."""
    word = run[i]
    if i == 0 or word not in FIELD_WORDS | INDUSTRY_KIND_WORDS:
        return False
    if word == "工厂":  # after a trade only: 现代工厂 is none (see TRADES)
        return run[i - 1] in TRADES
    return word in FIELD_WORDS or _names_industry(run[i - 1]) or run[i - 1] in TRADES


def _names_the_area(run_text: str, run: list[str], i: int, sought: list[str]) -> bool:
    """Whether ``run[i]``, a word of the query's run ``run_text``, says "around" the place
    sought just before it (烟台地区, 济南及周边, 青岛本地的; see :data:`AREA_WORDS`)."""
    word = run[i]
    if word not in AREA_WORDS or not sought or not _names_place(sought[-1]):
        return False
    return word not in _AREA_OR_CONCEPT or i == len(run) - 1 or f"{word}的" in run_text


def _names_industry(word: str) -> bool:
    """Whether ``word`` is an industry's, or begins one's name (食品 of 食品加工)."""
    return len(word) >= 2 and any(name.startswith(word) for name in industry_words())


def _without_software_words(runs: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
    """``runs`` (``(Chinese text or "", words)``) without the words that begin a run right
    after an acronym and say only what it is: what an acronym names (:data:`NAMED_BY_ACRONYM`:
    软件, 系统, 管理系统, 小车 …; APS软件, MES 系统服务商, AGV小车, CRM管理系统) and words of
    its own Chinese names (OA办公系统: 协同办公; APS排程软件: 高级计划与排程). The acronym
    says it, and texts about it need not (APS高级计划排程, 协同办公平台)."""
    kept: list[tuple[str, list[str]]] = []
    for run_text, run in runs:
        acronym = kept[-1][1][:1] if kept and not kept[-1][0] else []  # a Latin run's word
        if acronym and acronym[0] in ACRONYMS:
            while run and _says_what_it_is(run[0], acronym[0]):
                run_text, run = run_text[run_text.find(run[0]) + len(run[0]) :], run[1:]
        kept.append((run_text, run))
    return kept


def _says_what_it_is(word: str, acronym: str) -> bool:
    """Whether ``word``, typed after ``acronym``, only says what the acronym is."""
    return word in NAMED_BY_ACRONYM or (
        len(word) >= 2 and any(word in name for name in ACRONYMS[acronym])
    )


@lru_cache(maxsize=256)
def without_software_word(query: str) -> str | None:
    """``query`` without the word for software (系统, 软件, 平台) that ends it after a word of
    what the software does (设备管理系统: 设备管理; 排产 软件: 排产), or None. Texts name the
    thing (设备管理云, 设备管理解决方案) more often than the kind of software it is, so the
    catalogue search tries the query without it when nothing has it
    (:func:`search.query.analysed_forms`)."""
    text = fold(query)[:MAX_QUERY_CHARS]
    runs = list(_QUERY_RUN.finditer(text))
    if len(runs) > 1 and runs[-1].group(2) in LATIN_SOFTWARE_WORDS and runs[-2].group(1):
        # An app, after what it does (报工APP, 设备巡检 app): what it does.
        words = _segment(runs[-2].group(1))
        if not words or len(words[-1]) < 2:
            return None
        return (text[: runs[-1].start()] + text[runs[-1].end() :]).strip() or None
    if not runs or not runs[-1].group(1):
        return None
    last = runs[-1]
    words = _segment(last.group(1))
    if not words:
        return None
    # jieba's 管理软件, 管理系统 and 管理平台 are 管理 and the software (仓库管理软件: 仓库管理).
    software = words[-1][2:] if words[-1] in _MANAGEMENT_SOFTWARE else words[-1]
    if software not in SOFTWARE_WORDS:
        return None
    before = words[:-1] or [
        word for run in runs[:-1] if run.group(1) for word in _segment(run.group(1))
    ]
    # Nothing before it (管理软件 alone: 管理 says nothing of what it does), or a lone character.
    if not before or len(before[-1]) < 2:
        return None
    # Where the word stands in the run: characters that say nothing may follow it (…系统吗).
    cut = last.start(1) + last.group(1).rfind(software)
    shorter = text[:cut] + text[cut + len(software) :]
    return shorter.strip() or None


_MANAGEMENT_SOFTWARE = frozenset(f"管理{word}" for word in SOFTWARE_WORDS)


#: jieba's part-of-speech tags of the words a query may be searched without, when it finds
#: nothing with them (:func:`relaxed_queries`), each with its turn: first adverbs (经常),
#: directions and numerals, and the filler words a sentence does not seek anyway
#: (:data:`FILLER_TAGS`); then adjectives (便宜, 简单); then verbs (降低, 适合, 实现). Nouns
#: never: what a query names is what it seeks; verbal nouns (管理, 生产) and idioms neither.
_PARTICLES = ("u", "ud", "uj", "ul", "uv", "uz", "ug")
LOOSE_TAGS = {
    **dict.fromkeys(("m", "mq", "q", "r", "d", "p", "c", "f", "y", "e"), 0),
    **dict.fromkeys(_PARTICLES, 0),
    **dict.fromkeys(("a", "ad"), 1),
    **dict.fromkeys(("v", "vd"), 2),
}
#: The tags of LOOSE_TAGS a sentence never seeks (:func:`filler_words`), and those of a lone
#: character it never seeks: no measure (台, 批, 届 may be what is sought), but an adverb (都,
#: 太). Not jieba's zg, a mixed class with 很 and 厂.
FILLER_TAGS = frozenset(("r", "p", "c", *_PARTICLES, "y", "e", "q", "mq"))
LONE_FILLER_TAGS = frozenset(("r", "p", "c", *_PARTICLES, "y", "e", "d"))
_COUNT = re.compile("[一几两][^一几两]")
# 个 asks in 找个, 哪个 and 几个, not in 一个 and 两个, which a concept's words may begin with.
_ONE_OF = re.compile("[一两]个")
#: How often an adjective or a verb is in jieba's dictionary at least to be loose: the common
#: ones say how a need is put (降低 4,432, 适合 3,795, 便宜 2,013); the rarer ones are
#: mostly things sought (结算 698, 自助 213), or tagged verbs in error (超市 534).
LOOSE_MIN_FREQUENCY = 1000
#: The fewest words of a query that is searched without its loose words, and the most it is
#: searched without.
MIN_RELAXED_TERMS = 2
MAX_LEFT_OUT = 3


def loose_words() -> Mapping[str, int]:
    """``{word: its turn to be left out, lowest first}`` of the words of jieba's dictionary
    with a :data:`LOOSE_TAGS` tag: by the tag's turn, then the more frequent first (降低 before
    溯源: a verb written everywhere says least of what is sought). Read once per process from
    the dictionary the tokenizer loads, with :func:`filler_words`; the domain's words and
    places are never loose."""
    return _tagged_words()[0]


def filler_words() -> frozenset[str]:
    """The words of jieba's dictionary a query phrased as a question or a request does not
    seek: pronouns, prepositions, conjunctions, particles and measures (:data:`FILLER_TAGS`:
    我们, 关于, 以及, 之类), a count of something (一套, 一家, 几款), which jieba tags as a
    numeral, as it does 三维 and 千兆, and a lone adverb (都, 太). Not the domain's words, nor a
    place."""
    return _tagged_words()[1]


_tagged = None
_tagged_lock = threading.Lock()


def _tagged_words() -> tuple[Mapping[str, int], frozenset[str]]:
    """``(loose_words(), filler_words())``, read once per process (not once by each thread of
    a worker's first requests)."""
    global _tagged
    if _tagged is None:
        with _tagged_lock:
            if _tagged is None:
                _tagged = _read_tagged_words()
    return _tagged


def _read_tagged_words() -> tuple[Mapping[str, int], frozenset[str]]:
    # Never loose nor filler: the domain's words, those it writes either way (维护, 监测, and
    # 零部件, which jieba tags a numeral), and a place, whatever jieba tags it (大连).
    domain = _domain_word_set() | {word for group in SIMILAR_WORDS for word in group}
    loose, fillers = {}, set()
    # Line by line: the dictionary whole, as one string and its lines, is 40 MB more at once.
    with tokenizer().get_dict_file() as file, io.TextIOWrapper(file, encoding="utf-8") as lines:
        for line in lines:
            rest, _, tag = line.rstrip("\n").rpartition(" ")
            if tag not in LOOSE_TAGS:
                continue
            word, _, frequency = rest.partition(" ")
            if word in domain or _names_place(word):
                continue
            turn, frequency = LOOSE_TAGS[tag], int(frequency)
            if turn == 0 or frequency >= LOOSE_MIN_FREQUENCY:
                # Turn above frequency, the more frequent lower (frequencies stay below 10⁸).
                loose[word] = turn * 10**8 - min(frequency, 10**8 - 1)
            if len(word) == 1:
                if tag in LONE_FILLER_TAGS:
                    fillers.add(word)
            elif tag in FILLER_TAGS or (tag == "m" and _COUNT.fullmatch(word)):
                fillers.add(word)
    return MappingProxyType(loose), frozenset(fillers)


def _is_loose(term: Term) -> bool:
    """Whether a query may be searched without ``term`` (:func:`relaxed_queries`)."""
    return term.text in loose_words()


@lru_cache(maxsize=256)
def relaxed_queries(query: str) -> tuple[str, ...]:
    """Shorter queries a catalogue search tries, in turn, when ``query`` finds nothing in any
    of its forms: each without one more of its loose words (:func:`_is_loose`). A visitor
    writes a sentence (纺织厂怎么降低能耗, 有没有便宜一点的MES) and every word it seeks is
    required, so the words that say how the need is put (降低, 便宜, 适合) leave out texts that
    name the need (纺织 能耗) another way. Only a query phrased as a question or a request,
    leaving out at most :data:`MAX_LEFT_OUT` words and half of them (rounded up): a query of
    a thing no text names (智能翻译系统) still finds nothing, as its words are not a sentence's,
    and a sentence's nouns are kept. Each is the kept words with spaces between them, in the
    query's order; the page says what was searched (:func:`search.query.shorter_searched`)."""
    terms, joined, asked = _analysed_query(query)
    if not asked or len(terms) < MIN_RELAXED_TERMS:
        return ()
    # A word written after one that is sought is what the two name (智能翻译: a kind of 翻译),
    # not how a need is put, as a verb before what it acts on is (降低能耗).
    heads = {second[0] for first, second in joined if first[0] not in loose_words()}
    loose = sorted(
        (term for term in terms if _is_loose(term) and term.text not in heads),
        key=lambda term: loose_words()[term.text],
    )
    relaxed, left_out = [], set()
    for term in loose[: min(MAX_LEFT_OUT, (len(terms) + 1) // 2)]:
        left_out.add(term.text)
        kept = [t.text for t in terms if t.text not in left_out]
        shorter = " ".join(kept)
        # Only a shorter query that seeks the words kept: on their own some say no more than
        # the kind of entry (检测 机构 would seek 检测 alone).
        if [t.text for t in query_terms(shorter)] == kept:
            relaxed.append(shorter)
    return tuple(relaxed)


def _without_place_suffix(word: str) -> list[str]:
    """A city without its 市 (烟台市 → 烟台): texts name a city either way, mostly without
    (烟台海纳工业互联网有限公司), so 烟台市 alone finds few. Not 城市 (智慧城市 is no place;
    聊城市 is). Not a province: 山东 is in most names here, 山东省 only in addresses."""
    place = word.endswith("市") and _is_place(word)
    return [word[:-1]] if place and _CJK_WORD.fullmatch(word) else []


# A company registered under a place's name may carry the place in brackets, as the naming rules
# allow (联润（临沂）科技股份有限公司); people write it without them (联润科技).
_BRACKETED = re.compile(r"\s*[（(][^（）()]*[）)]\s*")


def name_without_brackets(name: str) -> str:
    """``name`` without its bracketed parts (联润（临沂）科技股份有限公司: 联润科技股份有限公司),
    or "" when it has none. Indexed beside the name: the words on either side of the brackets
    are then written together in the entry, as a query of the name as people say it writes
    them, and a search that holds such words together (:func:`joined_words`) finds the company
    by it, whatever else writes them so."""
    shorter = name.strip()
    while (inner := _BRACKETED.sub("", shorter)) != shorter:  # the innermost first
        shorter = inner
    return shorter if shorter != name.strip() else ""


def match_forms(word: str) -> list[tuple[str, str]]:
    """How a single spelling is looked up in the index: ("token", t) or ("phrase", "b1 b2 …")."""
    if _CJK_WORD.fullmatch(word):
        if indexed_wherever_written(word):
            return [("token", word)]
        return [("token", word), ("phrase", " ".join(bigrams(word)))]
    if " " in word:  # an English name of several words (digital twin): its words in a row
        return [("phrase", index_text(word))]
    if "." in word:  # a decimal number: the tokens the index has for it, adjacent
        forms = [("phrase", index_text(word))]
        parts = " ".join(_LETTER_DIGIT.findall(word))  # as "ERP 2.0" is indexed, for erp2.0
        return forms if parts == forms[0][1] else [*forms, ("phrase", parts)]
    forms = [("token", word)]
    parts = _LETTER_DIGIT.findall(word)
    if len(parts) > 1:
        forms.append(("phrase", " ".join(parts)))
    return forms
