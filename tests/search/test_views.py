"""The site search page: tabs with counts, facets, snippets, odd input."""

import datetime

import pytest

from catalogue import services, taxonomy
from catalogue.factories import (
    ProviderIndexPageFactory,
    ProviderPageFactory,
    SolutionIndexPageFactory,
    SolutionPageFactory,
)
from catalogue.models import Category, ProviderPage, Region, Status

pytestmark = pytest.mark.django_db


def page_text(response) -> str:
    """The page's HTML without the <mark> tags that highlighting adds."""
    return response.content.decode().replace("<mark>", "").replace("</mark>", "")


@pytest.fixture
def catalogue(home):
    providers = ProviderIndexPageFactory(parent=home)
    SolutionIndexPageFactory(parent=home).save_revision().publish()
    providers.save_revision().publish()
    regions = {r.slug: r for r in taxonomy.canonical(Region)}
    categories = {c.slug: c for c in taxonomy.canonical(Category)}

    def provider(title, introduction, region, category="production"):
        page = ProviderPageFactory(
            parent=providers,
            title=title,
            introduction=introduction,
            region=regions[region],
            categories=[categories[category]],
        )
        page.save_revision().publish()
        return page

    qingdao = provider("青岛海川智能装备有限公司", "为轮胎企业提供设备预测性维护服务。", "qingdao")
    yantai = provider("烟台博远软件有限公司", "专注预测性维护与设备管理云平台。", "yantai")
    provider("济南华数信息技术有限公司", "财务共享与营销数字化。", "jinan", "operations")
    solution = SolutionPageFactory(
        parent=yantai,
        title="设备预测性维护平台",
        description="基于振动监测的预测性维护，降低非计划停机。",
        category=categories["production"],
    )
    solution.save_revision().publish()
    return {"qingdao": qingdao, "yantai": yantai}


def test_a_search_in_similar_words_says_so_and_marks_them(client, catalogue):
    """预测性维修 is written nowhere; 预测性维护 is what the texts say."""
    response = client.get("/search/", {"q": "预测性维修"})
    html = response.content.decode()

    assert tab_counts(response) == {"服务商": (2, True), "解决方案": (1, False)}
    assert "没有“预测性维修”的条目，列出相近说法“预测性维护”的条目。" in html
    assert "<mark>预测性维护</mark>" in html
    assert "分开搜索" not in html
    # As typed, nothing is said.
    assert "相近说法" not in client.get("/search/", {"q": "预测性维护"}).content.decode()


def test_words_in_similar_spellings_are_sought_as_one_word_only(client, catalogue):
    """智慧城市 is written nowhere. Its similar spelling 智能城市 is sought as written: a text
    with 智能 a few characters from the 城市 of a city's name is no text about smart cities,
    and is not found; one that writes 智能城市 is."""
    publish_zibo_provider(catalogue, "聊城市较早从事智能制造的企业。")
    assert [tab["count"] for tab in client.get("/search/", {"q": "智慧城市"}).context["tabs"]] == [
        0,
        0,
    ]

    publish_zibo_provider(catalogue, "参与智能城市建设。", title="淄博智城信息技术有限公司")
    assert result_titles(client.get("/search/", {"q": "智慧城市"})) == ["淄博智城信息技术有限公司"]


def test_a_slip_that_one_known_word_puts_right_shows_its_results(client, catalogue):
    """预测性维户 (户 for 护, a slip of the input method) finds nothing; 预测性维护 is the one
    known word it is a character off: its results are shown, saying so, with the way back to
    the query as typed, which then shows the hint."""
    response = client.get("/search/", {"q": "预测性维户"})
    assert response.status_code == 302
    shown = client.get(response["Location"])
    html = shown.content.decode()

    assert shown.context["search_query"] == "预测性维护"
    assert tab_counts(shown) == {"服务商": (2, True), "解决方案": (1, False)}
    assert "没有找到“预测性维户”，已显示“预测性维护”的结果。" in html
    as_typed = client.get(shown.context["corrected_from"]["url"])
    assert as_typed.status_code == 200
    assert [tab["count"] for tab in as_typed.context["tabs"]] == [0, 0]
    assert [hint["text"] for hint in as_typed.context["spelling_hints"]] == ["预测性维护"]
    # Said only of a query that puts the other right.
    forged = client.get("/search/", {"q": "预测性维护", "corrected_from": "区块链"})
    assert "已显示" not in forged.content.decode()
    # A query no known word is one character off stays as typed.
    assert client.get("/search/", {"q": "区块链"}).status_code == 200


def test_tabs_count_each_type_and_results_mark_the_words(client, catalogue):
    html = client.get("/search/", {"q": "预测性维护"}).content.decode()

    assert "服务商" in html and "解决方案" in html
    assert '<span class="badge badge--muted">2</span>' in html  # two providers
    assert '<span class="badge badge--muted">1</span>' in html  # one solution
    assert "<mark>预测性维护</mark>" in html
    assert "财务共享" not in html


def tab_counts(response) -> dict[str, tuple[int, bool]]:
    """Each tab's label: (its number, whether it is the open tab)."""
    return {tab["label"]: (tab["count"], tab["selected"]) for tab in response.context["tabs"]}


@pytest.mark.parametrize(
    "question",
    [
        "青岛做预测性维护的公司",
        "我想找青岛的预测性维护服务商",
        "青岛有哪些预测性维护案例",
        "如何在青岛做预测性维护",
        "谁能帮我找个青岛的预测性维护服务商",
        "青岛哪家公司做预测性维护",
        "青岛预测性维护哪家强",
        # The programme's province: every entry is in it, and these texts do not say so.
        "山东省青岛市 预测性维护",
        "山东青岛预测性维护",
        # "Around there": the place is what is sought.
        "青岛地区的预测性维护服务商",
        "青岛及周边 预测性维护",
    ],
)
def test_a_question_finds_what_its_words_describe(client, catalogue, question):
    """做, 有哪些, 如何, 谁能帮我, 哪家强 and 公司 / 服务商 / 案例 say how the visitor asks and
    what kind of entry they want (the tabs answer that); no entry has to contain them, nor
    the name of the province they all are in."""
    asked = client.get("/search/", {"q": question})
    described = client.get("/search/", {"q": "青岛 预测性维护"})

    assert (
        tab_counts(asked)
        == tab_counts(described)
        == {
            "服务商": (1, True),
            "解决方案": (0, False),
        }
    )
    assert result_titles(asked) == ["青岛海川智能装备有限公司"]


def test_a_region_of_the_province_finds_the_entries_of_its_cities(client, catalogue):
    """胶东 is the peninsula's cities (青岛, 烟台, 威海), none of which calls itself so; 鲁南 is
    four others, none with such an entry here."""
    jiaodong = client.get("/search/", {"q": "胶东 预测性维护"})
    assert set(result_titles(jiaodong)) == {"青岛海川智能装备有限公司", "烟台博远软件有限公司"}
    lunan = client.get("/search/", {"q": "鲁南 预测性维护"})
    assert "没有找到与“鲁南 预测性维护”相关的内容。" in lunan.content.decode()
    assert result_titles(client.get("/search/", {"q": "胶东"})) != []


@pytest.mark.parametrize(
    ("query", "opened"),
    [
        ("预测性维护解决方案", "解决方案"),
        ("预测性维护产品", "解决方案"),
        ("做预测性维护的公司", "服务商"),
        ("预测性维护服务商", "服务商"),
        ("预测性维护", "服务商"),  # no kind asked for: the first tab
        ("预测性维护案例", "服务商"),  # no cases here: the first tab that finds something
    ],
)
def test_the_tab_of_the_kind_of_entry_asked_for_opens(client, catalogue, query, opened):
    counts = tab_counts(client.get("/search/", {"q": query}))
    assert [label for label, (_count, selected) in counts.items() if selected] == [opened]
    assert counts == {
        "服务商": (2, opened == "服务商"),
        "解决方案": (1, opened == "解决方案"),
    }


@pytest.mark.parametrize("facet_index", [True, False])
def test_a_tab_says_the_same_number_whichever_tab_is_open(client, catalogue, settings, facet_index):
    """A removed provider is left out of the providers' list until the visitor asks for it, so
    its tab does not count it, open or not (counted by the facet index or in SQL)."""
    settings.FACET_INDEX = facet_index
    removed = catalogue["qingdao"]
    services.change_status(
        ProviderPage.objects.get(pk=removed.pk),
        status=Status.REMOVED,
        reason="整改期满复评仍不合格",
        date=datetime.date(2026, 2, 1),
    )
    providers_open = client.get("/search/", {"q": "预测性维护"})
    solutions_open = client.get("/search/solution/", {"q": "预测性维护"})

    assert result_titles(providers_open) == ["烟台博远软件有限公司"]
    assert tab_counts(providers_open)["服务商"] == (1, True)
    assert tab_counts(solutions_open)["服务商"] == (1, False)
    removed_too = client.get("/search/provider/", {"q": "预测性维护", "status": "removed"})
    assert result_titles(removed_too) == ["青岛海川智能装备有限公司"]
    assert tab_counts(removed_too)["服务商"] == (1, True)  # the choice narrows the list only


def test_the_tabs_share_one_full_text_match(client, catalogue):
    """The words are matched once per request, whatever the number of tabs: each tab takes its
    hits from that match (through the listings' facet index), so a search costs one scan of the
    full-text index, not one per type (维护 may be written 维修, which is tried only if the
    words as typed match nothing)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/", {"q": "预测性维护"})
    counts = tab_counts(response)
    assert counts["服务商"] == (2, True) and counts["解决方案"] == (1, False)
    matches = [q["sql"] for q in queries if " MATCH " in q["sql"] or "@@" in q["sql"]]
    assert len(matches) == 1, matches


def test_the_tabs_find_words_typed_together_as_written_or_all_apart(client, catalogue):
    """Whether the words typed together are searched as written is decided once for every
    tab: 库存管理 is written so by a provider, so the solution that has 库存 and 管理 apart is
    not listed under it either. The decision is one more statement, not one per tab."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    categories = taxonomy.canonical(Category)
    provider = ProviderPageFactory(
        parent=catalogue["yantai"].get_parent(),
        title="潍坊仓联信息技术有限公司",
        introduction="库存管理与仓储优化。",
        region=taxonomy.canonical(Region).get(slug="weifang"),
        categories=[categories.get(slug="production")],
    )
    provider.save_revision().publish()
    solution = SolutionPageFactory(
        parent=catalogue["yantai"],
        title="设备点检系统",
        description="备件库存预警，点检计划统一管理。",
        category=categories.get(slug="production"),
    )
    solution.save_revision().publish()

    with CaptureQueriesContext(connection) as queries:
        together = client.get("/search/", {"q": "库存管理"})
    # Read before the next request, which empties the log.
    matches = [q["sql"] for q in queries if " MATCH " in q["sql"] or "@@" in q["sql"]]
    apart = client.get("/search/", {"q": "库存 管理"})

    assert tab_counts(together) == {"服务商": (1, True), "解决方案": (0, False)}
    assert result_titles(together) == ["潍坊仓联信息技术有限公司"]
    assert tab_counts(apart) == {"服务商": (1, True), "解决方案": (1, False)}
    assert len(matches) == 2, matches
    # The page says so, and links to the words apart.
    assert "只列出连写“库存管理”的条目。" in page_text(together)
    assert together.context["words_apart"]["text"] == "库存 管理"
    assert "words_apart" not in apart.context


def publish_zibo_provider(catalogue, introduction: str, title="淄博远景信息技术有限公司") -> None:
    """One more live provider in Zibo, in the catalogue's directory."""
    ProviderPageFactory(
        parent=catalogue["yantai"].get_parent(),
        title=title,
        introduction=introduction,
        region=taxonomy.canonical(Region).get(slug="zibo"),
    ).save_revision().publish()


def test_words_typed_together_that_no_entry_writes_are_searched_near_each_other(client, catalogue):
    """平台维护 is written together nowhere: entries with the words a few characters apart are
    listed (维护平台; 维护与设备管理云平台), one with them in different sentences is not, and
    the page says so, with the link to the words apart, which find it too."""
    publish_zibo_provider(catalogue, "建设工业互联网平台。多年来为客户提供系统运行维护。")

    near = client.get("/search/", {"q": "平台维护"})
    apart = client.get(near.context["words_apart"]["url"])

    assert tab_counts(near) == {"服务商": (1, True), "解决方案": (1, False)}
    assert result_titles(near) == ["烟台博远软件有限公司"]
    assert "没有连写“平台维护”的条目，只列出这些词相距不远的条目。" in page_text(near)
    assert near.context["words_apart"]["text"] == "平台 维护"
    assert tab_counts(apart)["服务商"] == (2, True)


def test_words_typed_together_found_nowhere_near_each_other_find_nothing(client, catalogue):
    """财务维护: 财务共享 and 维护 are in the catalogue, never close together. The page finds
    nothing, and offers the words apart."""
    publish_zibo_provider(catalogue, "财务共享中心建设。多年来为客户提供系统运行维护。")

    response = client.get("/search/", {"q": "财务维护"})

    assert [tab["count"] for tab in response.context["tabs"]] == [0, 0]
    text = page_text(response)
    assert "没有找到与“财务维护”相关的内容。" in text
    assert "没有连写“财务维护”的条目，也没有这些词相距不远的条目。" in text
    apart = client.get(response.context["words_apart"]["url"])
    assert result_titles(apart) == ["淄博远景信息技术有限公司"]
    # From a chosen tab, the link keeps it.
    solutions = client.get("/search/solution/", {"q": "财务维护"})
    assert solutions.context["words_apart"]["url"].startswith("/search/solution/?")


def test_a_closing_word_for_software_no_entry_has_is_left_out(client, catalogue):
    """预测性维护软件: no entry says 软件 with 预测性维护, so the page lists what 预测性维护
    finds, and says so; once an entry says it, that entry is what is found."""
    response = client.get("/search/", {"q": "预测性维护软件"})

    assert tab_counts(response) == tab_counts(client.get("/search/", {"q": "预测性维护"}))
    assert "没有“预测性维护软件”的条目，只列出“预测性维护”的条目。" in page_text(response)
    assert "words_apart" not in response.context

    publish_zibo_provider(catalogue, "自研预测性维护软件。")
    kept = client.get("/search/", {"q": "预测性维护软件"})
    assert result_titles(kept) == ["淄博远景信息技术有限公司"]
    assert "shorter_searched" not in kept.context


def test_a_query_found_nowhere_in_any_form_says_nothing_of_its_words(client, catalogue):
    """区块链系统: nothing has it, nor 区块链, nor the two words apart. The page does not say
    it left 系统 out, nor link to the words apart: they would find nothing either."""
    for url in ("/search/", "/search/solution/"):
        response = client.get(url, {"q": "区块链系统"})

        assert "shorter_searched" not in response.context
        assert "words_apart" not in response.context
    site = client.get("/search/", {"q": "区块链系统"})
    assert "没有找到与“区块链系统”相关的内容。" in page_text(site)


def test_no_link_to_the_words_apart_when_they_find_nothing_either(client, catalogue):
    """数子孪生, a slip for 数字孪生: the words apart (数子 孪生) find nothing too, so the page
    links to no second empty page; it suggests the word meant instead."""
    publish_zibo_provider(catalogue, "建设数字孪生工厂。")
    for url in ("/search/", "/search/solution/"):
        response = client.get(url, {"q": "数子孪生", "as_typed": "1"})

        assert "words_apart" not in response.context
        assert "分开搜索" not in page_text(response)
    hints = client.get("/search/", {"q": "数子孪生", "as_typed": "1"}).context["spelling_hints"]
    assert [hint["text"] for hint in hints][:1] == ["数字孪生"]


def test_a_word_for_software_the_analysis_leaves_out_anyway_is_not_said_to_be(client, catalogue):
    """淄博 MES 软件 is searched as 淄博 MES (the word is what the acronym names): it finds
    what it finds as it is, not as a shorter query."""
    publish_zibo_provider(catalogue, "为工厂实施MES。")

    response = client.get("/search/", {"q": "淄博 MES 软件"})

    assert result_titles(response) == ["淄博远景信息技术有限公司"]
    assert "shorter_searched" not in response.context


def test_a_sentence_no_entry_has_every_word_of_is_searched_without_its_loose_words(
    client, catalogue
):
    """纺织厂怎么降低能耗: no entry says 降低 with 纺织 and 能耗, so the page lists what 纺织
    能耗 finds, and says so, on the site search, a chosen tab, a directory's keyword box and
    the API. Once an entry says all of it, that entry is what is found, and nothing is said."""
    publish_zibo_provider(catalogue, "为纺织企业建设能耗在线监测系统。")
    query = {"q": "纺织厂怎么降低能耗"}

    response = client.get("/search/", query)

    assert result_titles(response) == ["淄博远景信息技术有限公司"]
    assert "没有“纺织厂怎么降低能耗”的条目，只列出“纺织 能耗”的条目。" in page_text(response)
    assert "words_apart" not in response.context
    assert client.get("/search/provider/", query).context["shorter_searched"] == "纺织 能耗"
    directory = client.get(catalogue["yantai"].get_parent().url, query)
    assert [page.title for page in directory.context["results"]] == ["淄博远景信息技术有限公司"]
    assert client.get("/api/v1/search", query).json()["count"] == 1

    ProviderPageFactory(
        parent=catalogue["yantai"].get_parent(),
        title="潍坊纺织节能科技有限公司",
        introduction="帮助纺织企业降低能耗。",
        region=taxonomy.canonical(Region).get(slug="weifang"),
    ).save_revision().publish()
    whole = client.get("/search/", query)
    assert result_titles(whole) == ["潍坊纺织节能科技有限公司"]
    assert "shorter_searched" not in whole.context


def test_a_sentence_found_in_similar_words_says_so_and_not_that_it_was_shortened(client, catalogue):
    """怎样快速给老设备省电: neither as typed nor without 快速 is it found; in the words the
    texts write (老旧设备, 节能) it is, and the page says so, not that 老设备 省电 was searched."""
    publish_zibo_provider(catalogue, "老旧设备节能改造。")

    response = client.get("/search/", {"q": "怎样快速给老设备省电"})

    assert result_titles(response) == ["淄博远景信息技术有限公司"]
    assert response.context["similar_searched"]
    assert "shorter_searched" not in response.context


def test_a_sentence_about_a_thing_no_entry_names_still_finds_nothing(client, catalogue):
    """纺织厂怎么降低碳排放: without 降低, 纺织 碳排放 finds nothing either; the page says
    nothing was found, not what it searched without."""
    publish_zibo_provider(catalogue, "为纺织企业建设能耗在线监测系统。")

    response = client.get("/search/", {"q": "纺织厂怎么降低碳排放"})

    assert [tab["count"] for tab in response.context["tabs"]] == [0, 0]
    assert "shorter_searched" not in response.context
    assert "没有找到与“纺织厂怎么降低碳排放”相关的内容。" in page_text(response)


def test_a_listing_taken_offline_takes_its_tab_with_it(client, catalogue, settings):
    """The listing pages behind the tabs are remembered until the next publication, and an
    unpublished one is gone from the next search (the caches are on, as in production)."""
    from catalogue.models import SolutionIndexPage

    settings.PAGE_CACHE = True
    assert 'href="/search/solution/' in client.get("/search/", {"q": "预测性维护"}).content.decode()

    SolutionIndexPage.objects.get().unpublish()
    html = client.get("/search/", {"q": "预测性维护"}).content.decode()
    assert 'href="/search/provider/' in html
    assert 'href="/search/solution/' not in html


def test_the_english_search_finds_the_english_pages(client, catalogue):
    """Each page's English alias is indexed with its text (and English term names, so the
    order may differ), and the English site search lists the English pages, counted as the
    Chinese ones are."""
    from portal.translation import sync_english_aliases

    sync_english_aliases()
    chinese = client.get("/search/", {"q": "预测性维护"})
    english = client.get("/en/search/", {"q": "预测性维护"})
    assert [t["count"] for t in english.context["tabs"]] == [2, 1]
    assert [str(t["label"]) for t in english.context["tabs"]] == ["Providers", "Solutions"]
    assert [t["count"] for t in english.context["tabs"]] == [
        t["count"] for t in chinese.context["tabs"]
    ]
    results = english.context["results"]
    assert {r.title for r in results} == {r.title for r in chinese.context["results"]}
    assert all(r.url.startswith("/en/") for r in results)


def test_english_names_of_cities_and_concepts_find_the_chinese_texts(client, catalogue):
    """An English visitor types Yantai, not 烟台, says what kind of thing is wanted in English
    words (software, providers) that no Chinese text has, and names concepts in English."""
    from portal.translation import sync_english_aliases

    sync_english_aliases()
    for query in ("Yantai", "Yantai software providers"):
        english = client.get("/en/search/", {"q": query})
        assert [t["count"] for t in english.context["tabs"]] == [1, 1], query
        assert english.context["results"][0].title == "烟台博远软件有限公司"
    # The field's concepts by their English names, found as the Chinese names are.
    chinese = client.get("/search/", {"q": "预测性维护"})
    english = client.get("/en/search/", {"q": "predictive maintenance"})
    assert [t["count"] for t in english.context["tabs"]] == [2, 1]
    assert {r.title for r in english.context["results"]} == {
        r.title for r in chinese.context["results"]
    }
    # The taxonomy's categories by the English names the English site shows them with.
    english = client.get("/en/search/", {"q": "Digital operations providers"})
    assert [r.title for r in english.context["results"]] == ["济南华数信息技术有限公司"]
    english = client.get("/en/search/", {"q": "digital production"})
    assert [t["count"] for t in english.context["tabs"]] == [2, 1]


def test_an_english_visitor_s_typo_gets_english_hints(client, catalogue):
    from portal.translation import sync_english_aliases

    publish_zibo_provider(catalogue, "提供远程运维服务。")
    sync_english_aliases()
    response = client.get("/en/search/", {"q": "predictve maintenance"})
    hints = [hint["text"] for hint in response.context["spelling_hints"]]
    assert hints[:2] == ["predictive maintenance", "remote maintenance"]
    assert client.get("/en/search/", {"q": "Yantia"}).context["spelling_hints"][0]["text"] == (
        "yantai"
    )
    # Listed as English lists things.
    said = page_text(response).split("Did you mean")[1].split("</p>")[0]
    assert "</a>, <a" in said and "、" not in said


def test_the_first_tab_that_found_something_opens(client, catalogue):
    response = client.get("/search/", {"q": "振动监测"})  # only in the solution's description

    assert tab_counts(response) == {"服务商": (0, False), "解决方案": (1, True)}
    assert "设备预测性维护平台" in page_text(response)


def test_tab_numbers_count_the_query_not_the_open_tabs_filters(client, catalogue):
    response = client.get("/search/provider/", {"q": "预测性维护", "region": "qingdao"})

    assert tab_counts(response) == {"服务商": (2, True), "解决方案": (1, False)}
    assert response.context["paginator"].count == 1


def test_solution_tab_lists_solutions(client, catalogue):
    html = page_text(client.get("/search/solution/", {"q": "预测性维护"}))
    assert "设备预测性维护平台" in html
    assert "青岛海川智能装备有限公司" not in html


def test_facets_narrow_results_and_show_counts(client, catalogue):
    html = page_text(client.get("/search/provider/", {"q": "预测性维护", "region": "qingdao"}))
    assert "青岛海川智能装备有限公司" in html
    assert "烟台博远软件有限公司</a>" not in html


def test_nothing_found_offers_hints_and_browse_links(client, catalogue):
    html = client.get("/search/", {"q": "预测性维户", "as_typed": "1"}).content.decode()
    assert "没有找到" in html
    assert ">预测性维护</a>" in html  # did you mean
    assert "服务商名录" in html  # browse link to the directory


def test_a_word_one_character_off_is_corrected_even_inside_a_longer_known_word(client, catalogue):
    """仓储管里 (管里 for 管理): 仓储管理 is no word of the vocabulary, but the head of one
    (仓储管理系统), and what the catalogue has; 预测性维户 is one character off 预测性维护."""
    publish_zibo_provider(catalogue, "提供仓储管理服务。")
    for query, meant in (
        ("仓储管里", "仓储管理"),
        ("倉儲管里", "仓储管理"),  # in traditional characters
        ("预测性维户", "预测性维护"),
        ("烟台 设备管里", "烟台 设备管理"),  # the other words kept
    ):
        hints = client.get("/search/", {"q": query, "as_typed": "1"}).context["spelling_hints"]
        assert hints[0]["text"] == meant
        assert client.get(hints[0]["url"]).context["tabs"][0]["count"] > 0


def test_no_hint_is_a_word_cut_short(client, catalogue):
    """设备巡 is one character off 设备管, the head of 设备管理, which finds the provider that
    writes 设备管理; but 设备管 is no word, and no hint."""
    hints = client.get("/search/", {"q": "设备巡"}).context["spelling_hints"]
    assert "设备管" not in [hint["text"] for hint in hints]


def test_a_chosen_tab_shows_the_hints_when_nothing_was_found(client, catalogue):
    response = client.get("/search/solution/", {"q": "预测性维户"})
    assert "您是不是要找：" in page_text(response)
    assert response.context["spelling_hints"][0]["text"] == "预测性维护"
    # Where another tab found something, the page is no empty search: no hints.
    response = client.get("/search/solution/", {"q": "财务共享"})
    assert response.context["tabs"][0]["count"] == 1
    assert "您是不是要找：" not in page_text(response)


def test_a_hint_that_would_find_nothing_is_not_offered(client, catalogue):
    """供应链管里 is one character off 供应链管理, which nothing in this catalogue has."""
    response = client.get("/search/", {"q": "供应链管里"})
    assert "供应链管理" not in [hint["text"] for hint in response.context["spelling_hints"]]
    assert "您是不是要找" not in page_text(response)


def test_unknown_type_is_404(client, catalogue):
    assert client.get("/search/unicorn/", {"q": "维护"}).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "",
        "x" * 10_000,
        "！！！。。。",
        '" * - NEAR OR AND ( )',
        "1' OR '1'='1",
        "<script>alert(1)</script>",
        "😀🚀",
        "ＭＥＳ　系统",
        "维护\x00",
    ],
)
def test_odd_queries_give_a_normal_page(client, catalogue, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.parametrize("params", [{"page": "abc"}, {"page": "99999"}, {"sort": "evil"}])
def test_odd_parameters_give_a_normal_page(client, catalogue, params):
    response = client.get("/search/provider/", {"q": "预测性维护", **params})
    assert response.status_code == 200


def test_removed_and_unpublished_providers_are_not_found(client, catalogue):
    catalogue["qingdao"].unpublish()
    html = page_text(client.get("/search/", {"q": "预测性维护"}))
    assert "青岛海川智能装备有限公司" not in html


def result_titles(response) -> list[str]:
    return [result.title for result in response.context["results"]]


def test_the_open_tab_is_in_relevance_order_however_it_was_opened(client, catalogue):
    """The one match of a request scores only the hits of the tab that is shown (scoring
    every hit of a frequent word costs more than finding them). A tab opened after the others
    were counted (the providers found nothing) has its hits scored then, and lists them in
    the order it has when it is asked for directly: the strongest match first."""
    yantai = catalogue["yantai"]
    for n in range(4):  # solutions outnumber providers: only the open tab's hits are scored
        SolutionPageFactory(
            parent=yantai, title=f"设备点检系统{n}号", description="移动端巡检与振动监测记录。"
        ).save_revision().publish()
    strongest = SolutionPageFactory(
        parent=yantai,
        title="振动监测分析平台",
        description="振动监测：在线振动监测、振动监测预警与振动监测报表。",
    )
    strongest.save_revision().publish()

    opened_later = client.get("/search/", {"q": "振动监测"})
    asked_for = client.get("/search/solution/", {"q": "振动监测"})

    assert tab_counts(opened_later) == {"服务商": (0, False), "解决方案": (6, True)}
    assert result_titles(opened_later) == result_titles(asked_for)
    assert result_titles(opened_later)[0] == "振动监测分析平台"
    assert len(result_titles(opened_later)) == 6


def test_the_provider_tab_ranks_its_hits_when_solutions_outnumber_them(client, catalogue):
    for n in range(6):
        SolutionPageFactory(
            parent=catalogue["yantai"], title=f"维护工单系统{n}号", description="预测性维护工单。"
        ).save_revision().publish()
    strongest = catalogue["qingdao"]
    strongest.title = "青岛预测性维护技术有限公司"
    strongest.introduction = "预测性维护：设备预测性维护、预测性维护咨询与预测性维护实施。"
    strongest.save_revision().publish()

    response = client.get("/search/", {"q": "预测性维护"})

    assert tab_counts(response) == {"服务商": (2, True), "解决方案": (7, False)}
    assert result_titles(response) == ["青岛预测性维护技术有限公司", "烟台博远软件有限公司"]


def test_a_tab_counts_a_provider_indexed_after_its_publication(client, catalogue):
    """In production the search index is written by a background task, after the publication
    that refreshed the listing's facet index: the other tabs' numbers count such an entry as
    soon as it is written, as the open tab lists it."""
    from catalogue.bulk import DeferredIndexing

    with DeferredIndexing():  # the search entry is written when the block ends
        page = ProviderPageFactory(
            parent=catalogue["qingdao"].get_parent(),
            title="潍坊恒信自动化有限公司",
            introduction="设备预测性维护与远程运维。",
            region=next(r for r in taxonomy.canonical(Region) if r.slug == "weifang"),
        )
        page.save_revision().publish()
        before = client.get("/search/solution/", {"q": "预测性维护"})  # the index is read now
        assert tab_counts(before)["服务商"] == (2, False)

    response = client.get("/search/solution/", {"q": "预测性维护"})
    assert tab_counts(response) == {"服务商": (3, False), "解决方案": (1, True)}
    opened = client.get("/search/provider/", {"q": "预测性维护"})
    assert "潍坊恒信自动化有限公司" in result_titles(opened)


def test_a_results_page_costs_the_same_queries_however_many_results_it_shows(client, catalogue):
    """A page of results is read in one query, whatever its length, and without what the
    search page does not show (a solution's industries and provider)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for_solution_tab():
        client.get("/search/solution/", {"q": "振动"})  # what a publication makes read anew
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/search/solution/", {"q": "振动监测"})
        return response.context["results"], [q["sql"] for q in queries]

    one, few_queries = queries_for_solution_tab()
    for n in range(9):
        SolutionPageFactory(
            parent=catalogue["yantai"], title=f"振动监测终端{n}号", description="振动监测。"
        ).save_revision().publish()
    ten, many_queries = queries_for_solution_tab()

    assert (len(one), len(ten)) == (1, 10)
    assert len(many_queries) == len(few_queries)
    assert not [sql for sql in many_queries if "_prefetch_related_val" in sql]  # industries
    assert not [result for result in ten if hasattr(result, "listed_provider")]


def test_a_result_says_where_it_holds_a_word_its_snippet_lacks(client, catalogue):
    """Found for 青岛 by its city, which neither its name nor its introduction names: the
    result says so, and a page of such results reads their relations in the same number of
    queries however many there are."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def provider(n):
        page = ProviderPageFactory(
            parent=catalogue["qingdao"].get_parent(),
            title=f"山东智维{n}号科技有限公司",
            introduction="提供预测性维护服务。",
            region=catalogue["qingdao"].region,
        )
        page.save_revision().publish()

    def search():
        client.get("/search/", {"q": "青岛 预测性维护"})  # the caches a publication empties
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/search/", {"q": "青岛 预测性维护"})
        return response.content.decode(), len(queries)

    provider(0)
    html, one = search()
    assert "<mark>预测性维护</mark>" in html
    said = "所在地区：</span><mark>青岛</mark>市"
    assert html.count(said) == 1  # not for 青岛海川…, whose name says it

    for n in range(1, 4):
        provider(n)
    html, more = search()
    assert html.count(said) == 4
    assert more == one


def test_the_english_site_says_where_in_english_with_the_chinese_it_found(client, catalogue):
    from portal.translation import sync_english_aliases

    page = ProviderPageFactory(
        parent=catalogue["qingdao"].get_parent(),
        title="山东智维科技有限公司",
        introduction="提供预测性维护服务。",
        region=catalogue["qingdao"].region,
    )
    page.save_revision().publish()
    sync_english_aliases()

    html = client.get("/en/search/", {"q": "青岛 预测性维护"}).content.decode()

    assert "Region: </span>Qingdao (<mark>青岛</mark>市)" in html


def test_solutions_found_through_their_provider_say_so_in_as_many_queries(client, catalogue):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def search():
        client.get(
            "/search/solution/", {"q": "烟台 预测性维护"}
        )  # the caches a publication empties
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/search/solution/", {"q": "烟台 预测性维护"})
        return response.content.decode(), len(queries)

    html, one = search()
    said = "服务商：</span><mark>烟台</mark>博远软件有限公司"
    assert html.count(said) == 1

    for n in range(3):
        SolutionPageFactory(
            parent=catalogue["yantai"],
            title=f"预测性维护{n}号方案",
            description="振动监测与预测性维护。",
            category=taxonomy.canonical(Category).get(slug="production"),
        ).save_revision().publish()
    html, more = search()
    assert html.count(said) == 4
    assert more == one
