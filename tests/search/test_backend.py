"""The Chinese-aware backend on the configured database (SQLite here, PostgreSQL in CI)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from cases.factories import CaseIndexPageFactory, CasePageFactory
from cases.models import CasePage
from catalogue import services, taxonomy
from catalogue.factories import (
    ProviderIndexPageFactory,
    ProviderPageFactory,
    SolutionPageFactory,
)
from catalogue.models import Industry, ProviderPage, Region, SolutionPage, Status
from search.analysis import INDUSTRIES, index_text
from search.backends.database import PostgresScoring
from search.query import Near, Similar
from tests.catalogue.catalogue_helpers import result_titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def providers(home):
    index = ProviderIndexPageFactory(parent=home)
    regions = {r.slug: r for r in taxonomy.canonical(Region)}

    def provider(title, introduction, region):
        page = ProviderPageFactory(
            parent=index, title=title, introduction=introduction, region=regions[region]
        )
        page.save_revision().publish()
        return page

    return {
        "zhiheng": provider(
            "山东智恒数字科技有限公司", "提供供应链管理服务与MES（制造执行系统）实施。", "qingdao"
        ),
        "haina": provider(
            "烟台海纳工业互联网有限公司", "建设数字孪生工厂，开展预测性维护。", "yantai"
        ),
        "yunqi": provider("济南云启软件有限公司", "制造执行系统上云，车间排产优化。", "jinan"),
    }


def found(query):
    return {page.title for page in ProviderPage.objects.live().search(query)}


def providers_saying(home, texts: dict[str, str]):
    """A directory of live providers with these titles and introductions."""
    index = ProviderIndexPageFactory(parent=home)
    for title, introduction in texts.items():
        ProviderPageFactory(parent=index, title=title, introduction=introduction)
    return index


def test_a_word_inside_a_run_of_chinese_is_found(providers):
    assert found("供应链") == {"山东智恒数字科技有限公司"}


def test_part_of_a_company_name_is_found(providers):
    assert found("智恒") == {"山东智恒数字科技有限公司"}
    assert found("海纳") == {"烟台海纳工业互联网有限公司"}


def test_a_city_is_found_with_or_without_its_suffix(providers):
    qingdao = taxonomy.canonical(Region).get(slug="qingdao")
    serving = ProviderPageFactory(
        parent=providers["haina"].get_parent(),
        title="青岛远航数据科技有限公司",
        introduction="为烟台、威海的工厂提供预测性维护。",  # 烟台, not 烟台市
        region=qingdao,
    )
    serving.save_revision().publish()

    assert "青岛远航数据科技有限公司" in found("烟台市 预测性维护")
    assert found("烟台市 预测性维护") == found("烟台 预测性维护")


def test_city_and_concept_are_both_required(providers):
    assert found("烟台 数字孪生") == {"烟台海纳工业互联网有限公司"}
    assert found("青岛 数字孪生") == set()


def test_acronym_finds_the_chinese_name_and_back(providers):
    both = {"山东智恒数字科技有限公司", "济南云启软件有限公司"}
    assert found("MES") == both
    assert found("ｍｅｓ") == both
    assert found("制造执行系统") == both


def test_a_word_written_across_the_segmentation_of_a_text_is_found(home):
    """A word of the dictionary is found wherever a text writes it, though the text's
    segmentation puts its characters in other words (重工业 + 互联网络)."""
    providers_saying(
        home,
        {
            "淄博重工集团有限公司": "推进重工业互联网络建设。",
            "淄博轻工集团有限公司": "推进轻工业数字化。",
        },
    )
    assert found("工业互联网") == {"淄博重工集团有限公司"}
    assert found("制造执行系统") == set()  # and a word nobody writes finds nobody


def test_traditional_characters_find_simplified_text_and_back(home):
    providers_saying(
        home,
        {
            "烟台海纳工业互联网有限公司": "建设数字孪生工厂。",
            "香港數碼科技有限公司": "提供雲端倉儲管理系統。",
            "济南云启软件有限公司": "仓库安全巡检。",
        },
    )
    assert found("數字孿生") == found("数字孪生") == {"烟台海纳工业互联网有限公司"}
    assert found("仓储管理") == found("倉儲管理") == {"香港數碼科技有限公司"}


def test_a_chinese_short_form_finds_the_full_name(home):
    providers_saying(
        home,
        {
            "潍坊安信网络科技有限公司": "提供网络安全等级保护测评与整改。",
            "日照恒远信息技术有限公司": "等保2.0合规咨询。",
            "滨州广联物流有限公司": "提供仓储、运输等保障服务。",
        },
    )
    assert found("等保") >= {"潍坊安信网络科技有限公司", "日照恒远信息技术有限公司"}
    # Not back: 等保 is two characters, found across words too (运输等保障).
    assert found("等级保护") == {"潍坊安信网络科技有限公司"}


def test_a_hyphenated_word_is_found_written_either_way(home):
    providers_saying(
        home,
        {"临沂通联网络有限公司": "企业SD-WAN组网。", "枣庄广域通信有限公司": "广域网（WAN）优化。"},
    )
    for query in ("SD-WAN", "sdwan", "ＳＤＷＡＮ", "sd wan"):
        assert found(query) == {"临沂通联网络有限公司"}, query


def test_a_numbered_session_is_found_in_digits_or_in_numerals(home):
    providers_saying(
        home,
        {
            "济南甲培训有限公司": "承办第3期培训班，主题为数字化转型。",
            "济南乙培训有限公司": "第三届论坛。",
        },
    )
    for query in ("第3期", "第三期", "第3期培训班"):
        assert found(query) == {"济南甲培训有限公司"}, query
    assert found("第3届") == {"济南乙培训有限公司"}


def test_a_joint_standard_is_found_as_people_type_it(home):
    providers_saying(
        home,
        {
            "济南安信信息技术有限公司": "通过ISO/IEC 27001信息安全管理体系认证。",
            "德州甲科技有限公司": "ISO 9001。",
        },
    )
    for query in ("ISO27001", "iso 27001", "ISO/IEC 27001", "27001"):
        assert found(query) == {"济南安信信息技术有限公司"}, query


def test_words_typed_together_are_found_together_where_any_entry_has_them(home):
    """库存管理 typed as one means the entries that write it so, not every text with 库存 in
    one place and 管理 in another (most texts here have 管理); typed apart, or written
    together nowhere (软件公司), the words are found apart."""
    index = providers_saying(
        home,
        {
            "山东甲科技有限公司": "提供库存管理与仓储优化服务。",
            "山东乙科技有限公司": "盘点库存，做好质量管理。",
            "济南丙软件有限公司": "为中小企业开发软件。",
            "山东戊科技有限公司": "库存盘点。多年来为制造企业提供质量管理咨询。",
        },
    )
    # A draft no visitor sees, indexed for the admin's search, decides nothing.
    ProviderPageFactory(
        parent=index, title="济南丁软件公司", introduction="软件公司。", live=False
    ).save_revision()

    assert found("库存管理") == {"山东甲科技有限公司"}
    assert found("库存 管理") == {"山东甲科技有限公司", "山东乙科技有限公司", "山东戊科技有限公司"}
    assert found("软件公司") == {"济南丙软件有限公司"}  # 软件有限公司
    # The admin's search of every page is no catalogue search: the words, anywhere.
    pages = {page.title for page in Page.objects.live().search("库存管理")}
    assert pages >= {"山东甲科技有限公司", "山东乙科技有限公司", "山东戊科技有限公司"}


def test_a_bigram_joining_other_words_does_not_make_words_count_as_written_together(home):
    """数字化转型咨询 is written together nowhere; 大型咨询 has its junction's bigram 型咨. The
    words near each other are found, not the text with the bigram and the words far apart."""
    providers_saying(
        home,
        {
            "山东甲咨询有限公司": "大型咨询机构，多年来为制造企业提供管理服务，关注数字化转型。",
            "山东乙科技有限公司": "提供数字化转型的咨询服务。",
        },
    )

    assert found("数字化转型咨询") == {"山东乙科技有限公司"}


def test_words_sharing_a_text_with_the_junctions_phrase_are_not_written_together(home):
    """设备管理系统 is written together nowhere, though one text has 设备管理 and, elsewhere,
    the 管理系统 of 能源管理系统: that text alone is no answer, where the query without its
    word for software finds every text of 设备管理."""
    providers_saying(
        home,
        {
            "山东甲科技有限公司": "提供设备管理与点检服务。另有多个能源管理系统项目。",
            "山东乙科技有限公司": "设备管理咨询服务。",
        },
    )

    assert found("设备管理系统") == {"山东甲科技有限公司", "山东乙科技有限公司"}


def test_words_typed_together_are_found_so_in_an_acronym_too(home):
    """制造执行系统实施 where a text writes 制造执行系统实施 or MES实施, not where MES and 实施
    stand apart."""
    providers_saying(
        home,
        {
            "山东甲科技有限公司": "提供MES实施服务。",
            "山东乙科技有限公司": "制造执行系统实施与培训。",
            "山东丙科技有限公司": "MES软件销售。多年来为制造企业实施信息化项目。",
        },
    )

    assert found("制造执行系统实施") == {"山东甲科技有限公司", "山东乙科技有限公司"}


def test_words_typed_together_are_found_only_where_a_text_writes_them_so(home):
    """成本管理 where one text writes it: not also the text whose 版本管理 has the bigram that
    joins 成本 to 管理, and 成本 elsewhere (配方成本核算)."""
    providers_saying(
        home,
        {
            "山东甲科技有限公司": "为制造企业提供成本管理服务。",
            "山东乙科技有限公司": "配方版本管理，配方成本核算。",
        },
    )

    assert found("成本管理") == {"山东甲科技有限公司"}


def test_a_similar_query_is_also_found_in_words_the_field_writes_either_way(home):
    """智慧工厂 where the texts say 智能工厂, 能耗监控 where they say 能耗监测: what a listing
    searches when the query as typed matches nothing (catalogue.directory)."""
    providers_saying(
        home,
        {
            "山东甲科技有限公司": "为中小企业提供智能工厂规划服务。",
            "山东乙科技有限公司": "能耗监测与能源管理。",
            "山东丙科技有限公司": "汽车零部件企业的设备联网。",
            "山东丁科技有限公司": "智慧工厂建设。",
        },
    )

    def found_similar(query):
        return {page.title for page in ProviderPage.objects.live().search(Similar(query))}

    assert found("智慧工厂") == {"山东丁科技有限公司"}
    assert found_similar("智慧工厂") == {"山东甲科技有限公司", "山东丁科技有限公司"}
    assert found("能耗监控") == set()
    assert found_similar("能耗监控") == {"山东乙科技有限公司"}
    assert found_similar("汽车配件") == {"山东丙科技有限公司"}
    assert found_similar("智慧医疗") == set()  # no text has 智能医疗 either


def test_words_typed_together_are_found_together_in_any_spelling(home):
    providers_saying(
        home,
        {
            "山东甲科技有限公司": "数据采集系统集成。",
            "山东乙科技有限公司": "数采系统运维。",
            "山东丙科技有限公司": "数据采集与监控，系统集成。",
        },
    )

    assert found("数采系统") == {"山东甲科技有限公司", "山东乙科技有限公司"}


def test_words_written_together_nowhere_are_found_near_each_other(home):
    """远程医疗 is written together nowhere: texts with the words a few characters apart, in
    either order, are found; one with them in different sentences is not. Typed apart, the
    words are found anywhere."""
    providers_saying(
        home,
        {
            "山东甲医疗科技有限公司": "为医院提供远程会诊与医疗影像服务。",
            "山东乙科技有限公司": "医疗设备的远程运维。",
            "山东丙科技有限公司": "提供设备远程运维服务。多年来服务医疗器械行业。",
        },
    )

    assert found("远程医疗") == {"山东甲医疗科技有限公司", "山东乙科技有限公司"}
    assert found("远程 医疗") == {
        "山东甲医疗科技有限公司",
        "山东乙科技有限公司",
        "山东丙科技有限公司",
    }


def test_near_means_at_most_eight_characters_between_in_any_spelling(home):
    providers_saying(
        home,
        {
            "山东甲科技有限公司": "远程甲乙丙丁戊己庚辛医疗",
            "山东乙科技有限公司": "远程甲乙丙丁戊己庚辛壬医疗",
            "山东丙科技有限公司": "数据采集云平台",  # 数采 written out in full
            "山东丁科技有限公司": "数据采集。多年来服务于工业互联网平台",
        },
    )

    assert found("远程医疗") == {"山东甲科技有限公司"}
    assert found("数采平台") == {"山东丙科技有限公司"}


def test_words_near_each_other_are_not_found_across_title_and_body(home):
    """A title's last word and its body's first are in two fields, as each is shown: the
    search, ranked or not, does not hold them near (FTS5 and Elasticsearch match each field
    apart; PostgreSQL's index has the two together)."""
    providers_saying(home, {"山东远程": "医疗器械行业。"})

    assert found("远程医疗") == set()
    assert not ProviderPage.objects.live().search("远程医疗", order_by_relevance=False)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's tsquery")
@pytest.mark.parametrize("gap", [0, 3, 8, 9, 12])
def test_postgres_near_counts_the_characters_between_in_every_spelling(gap):
    """The tsquery of a Near, against the vector the index stores: near at most eight
    characters apart, whichever spelling stands there, a longer one ending as a shorter one
    does (云平台, 平台) included."""
    filler = "甲乙丙丁戊己庚辛壬癸子丑"[:gap]
    near = Near(("云平台", "平台"), ("维护",))
    with connection.cursor() as cursor:
        for text in (f"平台{filler}维护", f"云平台{filler}维护", f"维护{filler}云平台"):
            cursor.execute(
                "SELECT to_tsvector('simple', %s) @@ to_tsquery('simple', %s)",
                [index_text(text), near.tsquery()],
            )
            assert cursor.fetchone()[0] == (gap <= 8), text


def test_a_name_and_the_kind_typed_together_find_the_name_however_far_apart(home):
    """智恒公司: a company's name ends in 公司 a long way from its own words."""
    providers_saying(home, {"智恒（聊城）物流科技有限公司": "仓储物流数字化。"})

    assert found("智恒公司") == {"智恒（聊城）物流科技有限公司"}


def test_a_name_written_without_its_bracketed_place_finds_the_company_and_its_offer(home):
    """联润科技 is how people write 联润（临沂）科技股份有限公司. Another text that writes
    联润科技 made every tab search the words as written, and the company, with the place
    between them, was missing from its own tab and its solutions from theirs."""
    providers_saying(
        home,
        {
            "联润（临沂）科技股份有限公司": "车间布局与物流规划。",
            "山东甲科技有限公司": "与联润科技共同实施智能仓储项目。",
        },
    )
    company = ProviderPage.objects.get(title="联润（临沂）科技股份有限公司")
    SolutionPageFactory(parent=company, title="车间物流仿真")
    case_index = CaseIndexPageFactory(parent=home)
    case = CasePageFactory(parent=case_index, title="物流仿真案例", providers=[company])
    case.save_revision().publish()  # indexed again with its providers, set after it was saved

    assert found("联润科技") == {"联润（临沂）科技股份有限公司", "山东甲科技有限公司"}
    assert [s.title for s in SolutionPage.objects.live().search("联润科技")] == ["车间物流仿真"]
    assert [c.title for c in CasePage.objects.live().search("联润科技")] == ["物流仿真案例"]


def test_a_name_shortened_from_its_legal_form_to_company_is_found(home):
    """峰云认证技术服务公司 for 峰云认证技术服务有限公司: jieba knows 服务公司 as one word,
    which the name never writes; and as 联润科技, another text that writes the name so made
    every search require 服务公司."""
    providers_saying(
        home,
        {
            "临沂峰云认证技术服务有限公司": "检验检测认证服务。",
            "山东甲科技有限公司": "与峰云认证技术服务公司合作。",
        },
    )

    assert found("峰云认证技术服务公司") == {"临沂峰云认证技术服务有限公司", "山东甲科技有限公司"}


def test_an_industry_typed_against_a_product_term_is_found_anywhere(home):
    """化工云平台 is an industry and a product term (云平台), not 化工云 and 平台."""
    providers_saying(home, {"山东甲科技有限公司": "为化工企业搭建安全生产云平台。"})

    assert found("化工云平台") == {"山东甲科技有限公司"}


def test_a_district_typed_against_a_concept_is_found_anywhere(home):
    """黄岛设备运维: the district is in the address, the concept in the introduction."""
    index = ProviderIndexPageFactory(parent=home)
    ProviderPageFactory(
        parent=index,
        title="山东甲科技有限公司",
        address="青岛市黄岛区长江中路1号",
        introduction="提供设备运维服务。",
    )

    assert found("黄岛设备运维") == found("黄岛 设备运维") == {"山东甲科技有限公司"}


def test_an_acronym_of_software_with_the_word_for_it_finds_what_never_says_it(home):
    providers_saying(home, {"山东甲科技有限公司": "提供APS高级计划排程与车间调度。"})

    assert found("APS软件") == found("aps 系统") == {"山东甲科技有限公司"}


def test_a_place_beyond_the_province_typed_against_a_concept_is_found_anywhere(home):
    """深圳工业互联网 is a place and a concept, as 青岛数字孪生 is: the place in a name, the
    concept in the introduction."""
    providers_saying(home, {"深圳云联科技有限公司": "为制造企业提供工业互联网平台。"})

    assert found("深圳工业互联网") == found("深圳 工业互联网") == {"深圳云联科技有限公司"}


def test_an_industry_typed_before_a_concept_is_found_anywhere_when_nowhere_near(home):
    """装备制造工艺优化: an industry and a concept, as a city and a concept are; a provider
    names the industries it serves apart from what it does for them. Two industries
    (新能源汽车) are a concept's words, held near."""
    index = ProviderIndexPageFactory(parent=home)
    industries = {industry.slug: industry for industry in taxonomy.canonical(Industry)}
    ProviderPageFactory(
        parent=index,
        title="山东甲科技有限公司",
        introduction="为客户提供生产线工艺优化服务，并负责设备安装调试、人员培训与长期运维保障。",
        industries=[industries["equipment-manufacturing"]],
    ).save_revision().publish()  # indexed again with its industries, set after it was saved
    ProviderPageFactory(
        parent=index,
        title="山东乙科技有限公司",
        introduction="服务新能源行业客户多年。另为零部件企业提供汽车质量追溯系统。",
    )

    assert found("装备制造工艺优化") == {"山东甲科技有限公司"}
    assert found("新能源汽车") == set()
    assert found("新能源 汽车") == {"山东乙科技有限公司"}


def test_an_industry_typed_before_a_word_most_texts_have_is_held_near(home):
    """化工安全: 安全 is somewhere in most texts (信息安全管理体系), so the chemical industry's
    providers with it anywhere are no answer; one that writes the two near each other is."""
    index = ProviderIndexPageFactory(parent=home)
    industries = {industry.slug: industry for industry in taxonomy.canonical(Industry)}
    for title, introduction in (
        ("山东甲科技有限公司", "为化工企业提供安全风险监测预警。"),
        ("山东乙科技有限公司", "通过信息安全管理体系认证，多年来为客户实施ERP与MES。"),
    ):
        ProviderPageFactory(
            parent=index,
            title=title,
            introduction=introduction,
            industries=[industries["chemicals"]],
        ).save_revision().publish()

    assert found("化工安全") == {"山东甲科技有限公司"}
    assert found("化工 安全") == {"山东甲科技有限公司", "山东乙科技有限公司"}


def test_the_industries_the_query_knows_are_the_taxonomys():
    """The query analysis lists the industries (it has no database): those seeded."""
    names = {industry.name for industry in taxonomy.canonical(Industry)}

    assert names == set(INDUSTRIES)


def test_a_kind_word_beginning_a_pair_is_held_near_like_any_word(home):
    """企业管理 is a concept, not a kind of entry named at the end: held near."""
    providers_saying(
        home,
        {
            "山东甲科技有限公司": "帮助企业做好经营管理。",
            "山东乙科技有限公司": "服务中小企业。多年来深耕供应链与仓储管理。",
        },
    )

    assert found("企业管理") == {"山东甲科技有限公司"}


def test_words_typed_together_are_sought_so_whatever_the_first_entry_with_them(home):
    """Whether any text writes the words together (设备点检) is decided over every entry, not
    only the first few (PostgreSQL checks those one by one, and asks its index for the rest):
    a text far down that writes them so is the answer, not one with 设备 and 点检 near each
    other."""
    many = PostgresScoring.WALKED_ENTRIES + 1
    texts = {f"山东{n:03d}信息有限公司": "提供生产管理咨询。" for n in range(many)}
    texts["山东甲科技有限公司"] = "提供设备点检服务。"
    texts["山东乙科技有限公司"] = "提供设备日常点检服务。"
    providers_saying(home, texts)

    assert found("设备点检") == {"山东甲科技有限公司"}
    assert found("设备 点检") == {"山东甲科技有限公司", "山东乙科技有限公司"}


def test_absent_concepts_find_nothing(providers):
    assert found("区块链溯源") == set()


@pytest.mark.parametrize(
    "query",
    [
        '" * - NEAR OR AND ( )',
        "'; DROP TABLE wagtailcore_page; --",
        "😀",
        "\x00",
        "",
        "   ",
        "青或工哪青工",  # lone characters typed together: never searched near each other
    ],
)
def test_odd_queries_return_normally(providers, query):
    assert found(query) == set()


def test_unpublished_content_is_not_found(providers):
    assert found("海纳") == {"烟台海纳工业互联网有限公司"}
    providers["haina"].unpublish()
    assert found("海纳") == set()


def test_equal_scores_follow_the_fair_order_not_entry_order(home):
    index = ProviderIndexPageFactory(parent=home)
    created = []
    for n in range(8):
        page = ProviderPageFactory(
            parent=index, title=f"测试单位{n}号", introduction="数字孪生工厂"
        )
        page.save_revision().publish()
        created.append(page)

    ranked = list(ProviderPage.objects.live().search("数字孪生"))

    assert [p.pk for p in ranked] == [p.pk for p in sorted(created, key=lambda p: p.fair_key)]
    assert [p.pk for p in ranked] != sorted(p.pk for p in created)
    assert [p.pk for p in ranked] != sorted((p.pk for p in created), reverse=True)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's match expression")
def test_postgres_matches_the_indexed_entry_vector(providers):
    """The match is made against ``search_entry_vector(title, body)``, which has a GIN index
    (migration search 0001), not the unindexable ``title || body``: ranked, counted and
    unranked searches alike, with the same results, words from title and body combined."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = 'search_entry_vector_gin'")
        assert cursor.fetchone()
    with CaptureQueriesContext(connection) as queries:
        assert found("烟台 数字孪生") == {"烟台海纳工业互联网有限公司"}
        assert ProviderPage.objects.live().search("制造执行系统").count() == 2
        unranked = ProviderPage.objects.live().search("供应链", order_by_relevance=False)
        assert [p.title for p in unranked] == ["山东智恒数字科技有限公司"]
    matches = [q["sql"] for q in queries.captured_queries if "to_tsquery" in q["sql"]]
    assert len(matches) == 3
    assert all("search_entry_vector(" in sql for sql in matches)
    assert not any('"title" || ' in sql for sql in matches)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's storage")
def test_postgres_keeps_the_entry_vectors_in_the_row():
    """Ranking reads every hit's title and body vectors: they stay in the entry's row
    (storage MAIN, migration search 0002), and the texts, read only for the results shown,
    are what moves to the TOAST table when a row is over its 2 kB threshold."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT attname, attstorage FROM pg_attribute
            WHERE attrelid = 'wagtailsearch_indexentry'::regclass
              AND attname IN ('title', 'body', 'title_text', 'body_text')
            """
        )
        storage = dict(cursor.fetchall())
    assert storage == {"title": "m", "body": "m", "title_text": "x", "body_text": "x"}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's narrowed match")
def test_postgres_directory_search_matches_its_own_type(client, providers):
    """On PostgreSQL every candidate of a phrase alternative is rechecked against its vector,
    so the directory's match is narrowed to providers (the site search's, to its tabs' types),
    and finds the same providers."""
    from wagtail.models import Page

    directory = Page.objects.get(pk=providers["haina"].get_parent().pk)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(directory.url, {"q": "数字孪生"})
    assert "烟台海纳工业互联网有限公司" in response.content.decode()
    assert "山东智恒数字科技有限公司" not in response.content.decode()
    [match] = [q["sql"] for q in queries.captured_queries if "@@" in q["sql"]]
    assert '"content_type_id" IN' in match


def test_the_directory_keyword_finds_a_word_as_a_token_or_inside_another(client, home):
    """A word is found where the segmentation kept it whole, and inside a longer word, but not
    where its characters are all there apart. On PostgreSQL the first is matched by the index
    alone and only the others are checked for the adjacent characters (a split of the query);
    the list must be the same as the whole query's."""
    index = ProviderIndexPageFactory(parent=home)
    index.save_revision().publish()
    texts = {
        "深耕工业互联网的公司": "深耕工业互联网与智能制造。",  # the word, whole
        "做平台的公司": "为制造企业提供工业互联网平台。",  # inside 工业互联网平台
        "做改造的公司": "重工业互联网络改造服务。",  # inside 重工业 / 互联网络
        "字都在的公司": "服务工业企业，企业互助，互联互通，物联网接入。",  # apart
    }
    for title, introduction in texts.items():
        ProviderPageFactory(parent=index, title=title, introduction=introduction)
    for page in ProviderPage.objects.all():
        page.save_revision().publish()

    response = client.get(index.url, {"q": "工业互联网"})

    listed = {page.title for page in response.context["page_obj"]}
    assert listed == {"深耕工业互联网的公司", "做平台的公司", "做改造的公司"}


@pytest.mark.parametrize(
    ("query", "meant", "not_meant"),
    [
        # jieba splits 和利时 into 和 / 利 / 时: 和 is no conjunction here.
        ("和利时", "和利时DCS控制系统集成服务。", "代理比利时进口包装设备。"),
        # 4.0 is one number: a 4 and a 0 elsewhere in the text are not it.
        ("工业4.0", "助力企业迈向工业4.0。", "工业设备改造：效率提升4倍，实现0事故。"),
    ],
)
def test_a_query_finds_what_it_means_not_its_fragments(home, query, meant, not_meant):
    index = ProviderIndexPageFactory(parent=home)
    index.save_revision().publish()
    for title, introduction in {
        "山东甲科技有限公司": meant,
        "山东乙科技有限公司": not_meant,
    }.items():
        ProviderPageFactory(parent=index, title=title, introduction=introduction)
    for page in ProviderPage.objects.all():
        page.save_revision().publish()

    assert found(query) == {"山东甲科技有限公司"}


@pytest.mark.parametrize(
    ("word", "whole", "inside"),
    [
        (
            "工业互联网",
            "深耕工业互联网与智能制造。",
            "重工业互联网络改造服务。",
        ),  # 重工业 / 互联网络
        ("工业互联网平台", "建设工业互联网平台。", "入选工业互联网平台服务商名录。"),
    ],
)
def test_a_word_is_ranked_alike_whole_or_inside_another(client, home, word, whole, inside):
    """Of two providers with the word once in their introduction, the one whose segmentation
    puts it inside longer words is found and ranked as the other: a dictionary word is
    indexed wherever written (工业互联网平台服务商 names 工业互联网平台 as much as any text).
    The directory, which ranks through the facet index, and the backend's own ranked search
    give the same order."""
    index = ProviderIndexPageFactory(parent=home)
    index.save_revision().publish()
    # The first's name has a bigram of the word (工业), which alone is no match.
    for title, introduction in {"山东甲工业有限公司": inside, "山东乙科技有限公司": whole}.items():
        ProviderPageFactory(parent=index, title=title, introduction=introduction)
    for page in ProviderPage.objects.all():
        page.save_revision().publish()

    response = client.get(index.url, {"q": word, "sort": "relevance"})

    listed = [page.title for page in response.context["page_obj"]]
    assert sorted(listed) == ["山东乙科技有限公司", "山东甲工业有限公司"]
    scores = {
        page.title: page.score
        for page in ProviderPage.objects.live().search(word).annotate_score("score")
    }
    # Within the tenth of each other that counts as equal (search.ranking).
    assert min(scores.values()) > 0.9 * max(scores.values()), scores
    assert [page.title for page in ProviderPage.objects.live().search(word)] == listed


def test_a_trades_plant_finds_what_the_trade_finds(home):
    """化工厂 is the chemical trade's plant: texts about chemicals say 化工企业. Sought whole,
    it found only a 数字化工厂 (digital factory), which has its characters. (化工 is indexed
    wherever written, as every dictionary word is, so the digital factory is found by the
    trade too.)"""
    providers_saying(
        home,
        {
            "山东甲科技有限公司": "为化工企业提供安全生产信息化服务。",
            "山东乙科技有限公司": "数字化工厂规划与仿真。",
            "山东丙科技有限公司": "服务轮胎企业的设备联网。",
        },
    )

    assert "山东甲科技有限公司" in found("化工厂")
    assert found("化工厂") == found("化工")
    assert found("轮胎厂") == {"山东丙科技有限公司"}
    assert found("数字化工厂") == {"山东乙科技有限公司"}


def test_a_removed_provider_does_not_decide_how_the_words_are_sought(client, home):
    """Only a removed provider writes 排产软件: the directory leaves it out, so it must not
    make the search look for the words as written (finding nothing to show) where the query
    without its word for software finds a listed provider."""
    index = providers_saying(
        home,
        {"山东甲科技有限公司": "专业排产软件开发。", "山东乙科技有限公司": "智能排产与计划优化。"},
    )
    index.save_revision().publish()
    services.change_status(
        ProviderPage.objects.get(title="山东甲科技有限公司"),
        status=Status.REMOVED,
        reason="整改期满复评仍不合格",
        date=datetime.date(2026, 2, 1),
    )

    assert result_titles(client.get(index.url, {"q": "排产软件"})) == ["山东乙科技有限公司"]
    removed = client.get(index.url, {"q": "排产软件", "status": "removed"})
    assert result_titles(removed) == ["山东甲科技有限公司"]


def test_words_typed_together_rank_by_how_often_a_text_writes_them_so(home):
    """数字科技 ranks a text about 数字科技 above one that writes it once among many other
    words of 数字 and of 科技: the rank counts the pair (SQLite's BM25, PostgreSQL's
    ``ts_rank`` of its token), not each word wherever it stands."""
    providers_saying(
        home,
        {
            "山东甲有限公司": "专注数字科技服务的数字科技公司。",
            "山东乙有限公司": "数字科技。数字化转型、数字孪生、数字工厂、数字经济、数字政府，"
            "科技创新、科技服务、科技金融、科技成果转化、科技园区。",
        },
    )

    assert [p.title for p in ProviderPage.objects.live().search("数字科技")] == [
        "山东甲有限公司",
        "山东乙有限公司",
    ]
