"""The provider directory: facets, search, order, pagination, robustness, query count."""

import datetime
import json
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue.bulk import DeferredIndexing
from catalogue.models import ProviderPage, Status
from tests.catalogue.catalogue_helpers import (
    facet,
    make_provider,
    make_solution,
    result_count,
    result_titles,
    sync_english_aliases,
)

pytestmark = pytest.mark.django_db

REMOVED = (datetime.date(2026, 2, 1), Status.REMOVED, "年度评价不合格且整改后仍不合格")
RECTIFYING = (
    datetime.date(2026, 1, 10),
    Status.RECTIFYING,
    "年度评价不合格，限期整改",
    datetime.date(2026, 6, 30),
)


@pytest.fixture
def varied(provider_index):
    """Providers spread over every facet, published with their English aliases."""
    specs = [
        {
            "title": "青岛咨询甲",
            "categories": ["consulting"],
            "region": "qingdao",
            "subtypes": ["planning"],
            "industries": ["equipment-manufacturing"],
            "batch": (2025, 1),
            "grades": [(2025, "excellent")],
        },
        {
            "title": "青岛研发乙",
            "categories": ["rnd"],
            "region": "qingdao",
            "industries": ["chemicals"],
            "batch": (2025, 2),
            "grades": [(2025, "qualified")],
        },
        {
            "title": "青岛双类丙",
            "categories": ["consulting", "rnd"],
            "region": "qingdao",
            "subtypes": ["planning", "product-design"],
            "batch": (2024, 5),
        },
        {
            "title": "济南咨询丁",
            "categories": ["consulting"],
            "region": "jinan",
            "industries": ["equipment-manufacturing", "chemicals"],
            "batch": (2024, 7),
            "grades": [(2024, "qualified"), (2025, "unqualified")],
            "changes": [RECTIFYING],
        },
        {
            "title": "济南生产戊",
            "categories": ["production"],
            "region": "jinan",
            "subtypes": ["quality-management"],
            "batch": (2025, 1),
            "grades": [(2025, "excellent")],
        },
        {"title": "烟台评测己", "categories": ["evaluation"], "region": "yantai"},
        {
            "title": "烟台清退庚",
            "categories": ["consulting"],
            "region": "yantai",
            "batch": (2024, 5),
            "changes": [REMOVED],
        },
    ]
    providers = [make_provider(provider_index, **spec) for spec in specs]
    sync_english_aliases(providers)
    return {p.title: p for p in providers}


def titles(client, url):
    return set(result_titles_all(client, url))


def result_titles_all(client, url):
    """Every result title across all pages of a listing URL."""
    response = client.get(url)
    assert response.status_code == 200
    names = result_titles(response)
    paginator = response.context["paginator"]
    for number in range(2, paginator.num_pages + 1):
        separator = "&" if "?" in url else "?"
        names += result_titles(client.get(f"{url}{separator}page={number}"))
    return names


def follow_every_option(client, url):
    response = client.get(url)
    checked = 0
    for item in response.context["facets"]:
        for option in item.options:
            followed = client.get(option.url)
            assert followed.status_code == 200
            assert result_count(followed) == option.count, (item.param, option.value, url)
            checked += 1
    return checked


def test_each_facet_option_gives_exactly_its_count(client, varied):
    assert follow_every_option(client, "/providers/") >= 15


def test_counts_stay_true_with_filters_and_a_status_chosen(client, varied):
    assert follow_every_option(client, "/providers/?category=consulting&region=qingdao") >= 8
    assert follow_every_option(client, "/providers/?year=2024&status=removed&status=selected")


def test_values_within_a_facet_are_or_and_facets_are_and(client, varied):
    assert titles(client, "/providers/?category=consulting&category=rnd") == {
        "青岛咨询甲",
        "青岛研发乙",
        "青岛双类丙",
        "济南咨询丁",
    }
    assert titles(client, "/providers/?category=consulting&category=rnd&region=qingdao") == {
        "青岛咨询甲",
        "青岛研发乙",
        "青岛双类丙",
    }
    assert titles(client, "/providers/?region=qingdao&region=jinan&grade=excellent") == {
        "青岛咨询甲",
        "济南生产戊",
    }
    assert titles(client, "/providers/?industry=equipment-manufacturing&year=2024") == {
        "济南咨询丁"
    }
    assert titles(client, "/providers/?subtype=planning&subtype=quality-management") == {
        "青岛咨询甲",
        "青岛双类丙",
        "济南生产戊",
    }


def test_a_facet_counts_its_options_without_its_own_selection(client, varied):
    response = client.get("/providers/?category=consulting&region=qingdao")
    categories = facet(response, "category")
    # rnd is not selected: its count is what choosing it alone (in Qingdao) would give.
    assert categories["rnd"].count == 2
    assert categories["consulting"].count == 2 and categories["consulting"].selected
    regions = facet(response, "region")
    # Regions are counted among consulting providers (not removed): Qingdao 2, Jinan 1.
    assert (regions["qingdao"].count, regions["jinan"].count) == (2, 1)
    assert "yantai" not in regions
    assert result_count(response) == 2


def test_option_links_are_plain_shareable_urls(client, varied):
    response = client.get("/providers/?category=consulting&region=jinan&page=1")
    link = facet(response, "region")["qingdao"].url
    assert urlsplit(link).path == "/providers/"
    assert parse_qs(urlsplit(link).query) == {"category": ["consulting"], "region": ["qingdao"]}
    html = response.content.decode()
    assert 'name="category" value="consulting" checked' in html
    assert '<form class="listing" method="get"' in html


def test_option_names_are_escaped_in_the_facet_list(client, provider_index):
    # Term names come from editors (and workbooks): shown as text, never as markup.
    from catalogue import taxonomy
    from catalogue.models import Industry

    taxonomy.canonical(Industry).filter(slug="chemicals").update(name='<b>化工&"医药"</b>')
    make_provider(provider_index, title="标记测试甲", industries=["chemicals"])
    html = client.get("/providers/").content.decode()
    assert "&lt;b&gt;化工&amp;&quot;医药&quot;&lt;/b&gt;" in html
    assert "只看“&lt;b&gt;化工" in html
    assert "<b>化工" not in html


def test_removed_providers_are_hidden_unless_asked_for(client, varied):
    default = titles(client, "/providers/")
    assert "烟台清退庚" not in default
    assert "济南咨询丁" in default  # under rectification stays listed
    response = client.get("/providers/")
    statuses = facet(response, "status")
    assert statuses["removed"].count == 1
    assert statuses["rectifying"].count == 1
    assert titles(client, "/providers/?status=removed") == {"烟台清退庚"}
    assert "烟台清退庚" in titles(client, "/providers/?status=removed&status=selected")


def test_clear_filters_keeps_the_keyword_only(client, varied):
    response = client.get("/providers/?category=consulting&region=qingdao&q=abc&sort=name")
    assert response.context["clear_url"] == "/providers/?q=abc&sort=name"
    assert 'href="/providers/?q=abc&amp;sort=name"' in response.content.decode()
    assert "清除筛选" in response.content.decode()


def test_result_count_is_announced(client, varied):
    html = client.get("/providers/?region=qingdao").content.decode()
    assert 'role="status" aria-live="polite"' in html
    assert "共 3 家服务商" in html


def test_default_order_is_fair_not_alphabetical_nor_insertion(client, provider_index):
    names = [f"A{i:02d}数字科技有限公司" for i in range(12)]
    providers = [make_provider(provider_index, title=name) for name in names]
    sync_english_aliases(providers)

    shown = result_titles(client.get("/providers/"))
    expected = [p.title for p in sorted(providers, key=lambda p: (p.fair_key, p.pk))]
    assert shown == expected
    assert shown != names  # names were inserted in alphabetical order
    assert shown == result_titles(client.get("/providers/"))  # stable
    assert result_titles(client.get("/providers/?sort=name")) == names


def test_sort_by_grade_and_by_newest(client, varied):
    by_grade = result_titles(client.get("/providers/?sort=grade"))
    assert set(by_grade[:2]) == {"青岛咨询甲", "济南生产戊"}  # 优秀 first
    assert by_grade[-1] in {"青岛双类丙", "烟台评测己"}  # no grade last
    newest = result_titles(client.get("/providers/?sort=newest"))
    assert newest[0] == "青岛研发乙"  # 2025年第2批 is the latest batch


def test_english_directory_filters_by_the_same_slugs(client, varied):
    chinese = client.get("/providers/?category=consulting&region=qingdao")
    english = client.get("/en/providers/?category=consulting&region=qingdao")
    assert english.status_code == 200
    assert result_count(english) == result_count(chinese) == 2
    assert all(page.locale.language_code == "en" for page in english.context["results"])
    html = english.content.decode()
    assert "Qingdao" in html and "Digital consulting providers" in html
    assert follow_every_option(client, "/en/providers/?region=jinan")


def test_keyword_search_within_filters(client, provider_index):
    providers = [
        make_provider(
            provider_index,
            title="Acme 工业软件",
            introduction="提供 MES 系统",
            categories=["production"],
        ),
        make_provider(
            provider_index, title="Acme 咨询", introduction="咨询规划", categories=["consulting"]
        ),
        make_provider(
            provider_index,
            title="Zenith 数据",
            introduction="提供 MES 系统",
            categories=["production"],
        ),
    ]
    sync_english_aliases(providers)

    assert titles(client, "/providers/?q=Acme") == {"Acme 工业软件", "Acme 咨询"}
    assert titles(client, "/providers/?q=Acme&category=production") == {"Acme 工业软件"}
    response = client.get("/providers/?q=Acme")
    assert response.context["sort"] == "relevance"
    assert facet(response, "category")["consulting"].count == 1
    assert result_count(client.get("/providers/?q=没有这个词xyz")) == 0

    export = client.get("/providers/export/json/?q=Acme&category=production")
    rows = json.loads(b"".join(export.streaming_content))["results"]
    assert [row["服务商名称"] for row in rows] == ["Acme 工业软件"]


ODD_QUERIES = [
    "category=nonexistent",
    "category=consulting&category=nonexistent&region=atlantis",
    "page=abc",
    "page=99999",
    "page=-3",
    "page=0",
    "page=1e9",
    "page=" + "9" * 5000,
    "sort=evil",
    "sort=relevance",
    "sort=-title;DROP TABLE x",
    "q=" + "数" * 10000,
    "q=a%00b&category=consult%00ing",
    "category=%00",
    "year=abcd&year=99999&year=2025%00",
    "grade=evil&status=deleted",
    'q="',
    "q=*",
    "q=AND OR NOT",
    "q=(unbalanced",
    "q=NEAR(a b)",
    "q=%E2%80%AE%F0%9F%98%80",
    "q=&q=&sort=&page=",
    "category=" + "&category=".join(["consulting"] * 300),
    "industry=" + "x" * 5000,
]


def test_odd_query_strings_never_fail(client, varied):
    for query in ODD_QUERIES:
        for prefix in ("/providers/", "/en/providers/", "/providers/export/csv/"):
            response = client.get(f"{prefix}?{query}")
            assert response.status_code == 200, (prefix, query[:80])
            body = b"".join(response.streaming_content) if response.streaming else response.content
            assert b'id="listing-count"' in body or "服务商名称".encode() in body


def test_unknown_values_are_ignored_and_pages_clamp(client, varied):
    assert result_count(client.get("/providers/?category=nonexistent")) == 6
    response = client.get("/providers/?page=99999")
    assert response.context["page_obj"].number == response.context["paginator"].num_pages
    assert client.get("/providers/?page=abc").context["page_obj"].number == 1
    long_query = client.get("/providers/?q=" + "数" * 10000)
    assert len(long_query.context["search_query"]) == 200


def _build(index, start, count):
    categories = ["consulting", "rnd", "production", "operations", "technology"]
    regions = ["jinan", "qingdao", "yantai", "weifang", "linyi"]
    grades = ["excellent", "qualified", "unqualified", None]
    industries = ["equipment-manufacturing", "chemicals", "textiles-apparel"]
    providers = []
    for i in range(start, start + count):
        grade = grades[i % len(grades)]
        providers.append(
            make_provider(
                index,
                categories=[categories[i % 5], categories[(i * 3 + 1) % 5]],
                region=regions[i % 5],
                industries=[industries[i % 3]],
                batch=(2024 + i % 2, 1 + i % 6),
                grades=[(2025, grade)] if grade else [],
                changes=[REMOVED] if i % 17 == 0 else [],
            )
        )
    return providers


URLS = [
    "/providers/",
    "/providers/?category=consulting&category=rnd&region=jinan&grade=qualified&page=2",
    "/providers/?q=数字化&industry=equipment-manufacturing&sort=name",
    "/en/providers/?region=qingdao&year=2025&status=selected&status=removed",
]


def _query_counts(client):
    counts = []
    for url in URLS:
        client.get(url)  # warm the caches (taxonomy names, site root paths)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(queries))
    print("queries per directory page:", counts)
    return counts


def test_query_count_does_not_grow_with_the_number_of_providers(client, provider_index):
    # Indexed once per batch as the importers do: indexing on every save is most of the setup.
    with DeferredIndexing():
        sync_english_aliases(_build(provider_index, 0, 10))
    with_ten = _query_counts(client)

    with DeferredIndexing():
        sync_english_aliases(_build(provider_index, 10, 190))
    assert ProviderPage.objects.live().descendant_of(provider_index).count() == 200
    with_two_hundred = _query_counts(client)

    assert with_two_hundred == with_ten
    response = client.get("/providers/?page=2")
    assert len(response.context["results"]) == 20
    assert response.context["paginator"].count == 200 - 12  # 12 removed are hidden


def test_a_keyword_one_character_off_gets_a_hint_in_the_directory(client, provider_index):
    """数子孪生 finds nothing; the directory offers 数字孪生, a search of its own list, which
    finds the provider. Not with a filter chosen: the filter may be why nothing was found."""
    providers = [
        make_provider(provider_index, title="烟台海纳科技", introduction="建设数字孪生工厂。"),
        make_provider(provider_index, title="济南云启软件", introduction="仓储管理系统上云。"),
    ]
    sync_english_aliases(providers)

    html = client.get("/providers/", {"q": "数子孪生"}).content.decode()
    hint = '您是不是要找：<a href="/providers/?q=%E6%95%B0%E5%AD%97%E5%AD%AA%E7%94%9F">数字孪生</a>'
    assert hint in html
    assert titles(client, "/providers/?q=数字孪生") == {"烟台海纳科技"}
    # Only hints that find something here: 供应链管理 would find nobody.
    assert "您是不是要找" not in client.get("/providers/", {"q": "供应链管里"}).content.decode()
    filtered = client.get("/providers/", {"q": "数子孪生", "region": "qingdao"})
    assert "您是不是要找" not in filtered.content.decode()


def test_a_keyword_that_finds_nothing_leaves_nothing_to_filter(client, provider_index):
    sync_english_aliases([make_provider(provider_index, title="烟台海纳科技")])

    empty = client.get("/providers/", {"q": "没有这个词"}).content.decode()
    assert "没有可供筛选的条目。" in empty and "应用筛选" not in empty
    found = client.get("/providers/", {"q": "海纳"}).content.decode()
    assert "没有可供筛选的条目。" not in found and "应用筛选" in found
    # Chosen filters can still be cleared.
    filtered = client.get("/providers/", {"q": "没有这个词", "region": "yantai"}).content.decode()
    assert "清除筛选" in filtered


@pytest.mark.parametrize("q", ["青岛", "青岛 a&b=c+d%"])
def test_an_option_link_keeps_the_keyword_and_the_other_facets_but_not_the_page(client, varied, q):
    from urllib.parse import parse_qs, urlsplit

    asked = {"q": q, "category": ["consulting", "rnd"], "region": "qingdao", "sort": "name"}
    response = client.get("/providers/", {**asked, "page": "2"})
    links = [(f.param, o) for f in response.context["facets"] for o in f.options]
    assert {param for param, _option in links} >= {"category", "region"}
    for param, option in links:
        expected = {
            key: value if isinstance(value, list) else [value] for key, value in asked.items()
        }
        expected[param] = [option.value]
        url = urlsplit(option.url)
        assert url.path == "/providers/"
        assert parse_qs(url.query) == expected, (param, option.value)


@pytest.mark.parametrize("facet_index", [True, False], ids=["facet index", "sql"])
def test_a_keyword_naming_a_city_lists_the_providers_there_first(
    client, settings, provider_index, facet_index
):
    """烟台 设备运维 asks for providers in 烟台: one there comes before a better match whose text
    only mentions the city (a client there). The results, their count and facets are the same;
    only their order changes."""
    settings.FACET_INDEX = facet_index
    make_provider(
        provider_index,
        title="青岛设备运维科技有限公司",
        region="qingdao",
        introduction="设备运维服务，在烟台设有服务网点，典型客户包括烟台某轮胎企业。",
    )
    make_provider(
        provider_index,
        title="鲁科科技有限公司",
        region="yantai",
        introduction="从事能耗监测，也提供设备运维。",
    )
    make_provider(provider_index, title="济南设备运维有限公司", introduction="设备运维服务。")

    # Without a place the names that say 设备运维 rank above the text that does.
    assert result_titles(client.get("/providers/?q=设备运维"))[2] == "鲁科科技有限公司"
    for query in ("烟台 设备运维", "烟台市设备运维"):
        response = client.get(f"/providers/?q={query}")
        assert result_titles(response) == ["鲁科科技有限公司", "青岛设备运维科技有限公司"]
        assert result_count(response) == 2
        region = facet(response, "region")
        assert (region["yantai"].count, region["qingdao"].count) == (1, 1)


def test_providers_are_found_by_the_grade_and_batch_badges_their_pages_show(
    client, provider_index, varied
):
    """A provider page shows 2025年度评级：优秀 and 2025年第1批入选, and people search by them:
    the batch in digits or in Chinese numerals, as the official lists write it; its digit is
    not a term of its own (this provider's address has a 1)."""
    make_provider(
        provider_index, title="济南第二批己", batch=(2025, 2), address="济南市历下区1号楼"
    )
    excellent = {"青岛咨询甲", "济南生产戊"}
    for query in ("优秀", "优秀服务商", "2025年度优秀"):
        assert titles(client, f"/providers/?q={query}") == excellent, query
    assert set(result_titles(client.get("/search/provider/?q=优秀服务商"))) == excellent

    for query in ("2025年第1批", "2025年第一批", "2025年第1批入选"):
        assert titles(client, f"/providers/?q={query}") == excellent, query
    assert titles(client, "/providers/?q=第7批") == {"济南咨询丁"}
    assert titles(client, "/providers/?q=2024年第五批") == {"青岛双类丙"}  # 烟台清退庚 is removed
    assert titles(client, "/providers/?q=2025年第3批") == set()


@pytest.mark.parametrize("facet_index", [True, False], ids=["facet index", "sql"])
def test_a_keyword_written_nowhere_is_searched_in_similar_words(
    client, settings, provider_index, solution_index, facet_index
):
    """智慧工厂 is written nowhere here, 智能工厂 is: the directory lists that and says so; once a
    provider writes 智慧工厂, only it is listed."""
    settings.FACET_INDEX = facet_index
    make_provider(provider_index, title="甲科技有限公司", introduction="智能工厂规划服务。")
    make_provider(provider_index, title="乙科技有限公司", introduction="能耗监测。")

    response = client.get("/providers/", {"q": "智慧工厂"})
    assert result_titles(response) == ["甲科技有限公司"]
    assert response.context["listing"].searched_similar == "智能工厂"
    assert "没有“智慧工厂”的条目，列出相近说法“智能工厂”的条目。" in response.content.decode()
    assert result_count(client.get("/providers/", {"q": "智慧医疗"})) == 0

    make_provider(provider_index, title="丙科技有限公司", introduction="智慧工厂建设。")
    response = client.get("/providers/", {"q": "智慧工厂"})
    assert result_titles(response) == ["丙科技有限公司"]
    # Nor in a list that lacks it while another has it: the solutions of 甲 say 智能工厂.
    parent = ProviderPage.objects.get(title="甲科技有限公司")
    make_solution(parent, title="智能工厂规划", description="智能工厂规划。")
    response = client.get("/solutions/", {"q": "智慧工厂"})
    assert result_titles(response) == []
    assert response.context["listing"].searched_similar is None
    assert "相近说法" not in response.content.decode()


@pytest.mark.parametrize("facet_index", [True, False], ids=["facet index", "sql"])
def test_removed_providers_chosen_are_listed_by_the_place_named_first(
    client, settings, provider_index, facet_index
):
    """With 已清退 chosen, a removed provider in 烟台 comes before one in 青岛 whose text names
    烟台 more: the default exclusion of removed providers does not hide where it is."""
    settings.FACET_INDEX = facet_index
    make_provider(
        provider_index,
        title="甲科技有限公司",
        region="yantai",
        introduction="设备运维。",
        changes=[REMOVED],
    )
    make_provider(
        provider_index,
        title="烟台设备运维服务（青岛）有限公司",
        region="qingdao",
        introduction="为烟台客户提供设备运维，烟台设备运维专家。",
        changes=[REMOVED],
    )

    response = client.get("/providers/", {"q": "烟台 设备运维", "status": "removed"})
    assert result_titles(response) == ["甲科技有限公司", "烟台设备运维服务（青岛）有限公司"]
