"""GET /api/v1/search."""

import pytest

from catalogue import taxonomy
from catalogue.factories import (
    ProviderIndexPageFactory,
    ProviderPageFactory,
    SolutionIndexPageFactory,
    SolutionPageFactory,
)
from catalogue.models import Category, Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(home):
    providers = ProviderIndexPageFactory(parent=home)
    providers.save_revision().publish()
    SolutionIndexPageFactory(parent=home).save_revision().publish()
    regions = {r.slug: r for r in taxonomy.canonical(Region)}
    production = taxonomy.canonical(Category).get(slug="production")
    made = {}
    for key, title, region in [
        ("qingdao", "青岛海川智能装备有限公司", "qingdao"),
        ("yantai", "烟台博远软件有限公司", "yantai"),
    ]:
        page = ProviderPageFactory(
            parent=providers,
            title=title,
            introduction="提供MES（制造执行系统）实施与设备预测性维护服务。",
            region=regions[region],
            categories=[production],
        )
        page.save_revision().publish()
        made[key] = page
    solution = SolutionPageFactory(
        parent=made["yantai"], title="MES制造执行系统", description="车间排产与报工。"
    )
    solution.save_revision().publish()
    draft = ProviderPageFactory(parent=providers, title="未发布的MES公司", introduction="MES")
    draft.save_revision()
    draft.unpublish()
    return made


def test_results_have_the_documented_fields_and_only_published_content(client, catalogue):
    body = client.get("/api/v1/search", {"q": "MES"}).json()

    assert body["count"] == 3
    types = [r["type"] for r in body["results"]]
    assert types == ["provider", "provider", "solution"]
    provider = body["results"][0]
    assert set(provider) >= {"type", "id", "title", "url", "snippet", "uscc"}
    assert provider["uscc"] in {p.uscc for p in catalogue.values()}
    assert provider["url"].startswith("http")
    assert "MES" in provider["snippet"]
    assert all("未发布" not in r["title"] for r in body["results"])
    assert {f["value"]: f["count"] for f in body["facets"]["type"]} == {
        "provider": 2,
        "solution": 1,
    }


def test_type_and_directory_filters_narrow_the_results(client, catalogue):
    body = client.get(
        "/api/v1/search", {"q": "预测性维护", "type": "provider", "region": "qingdao"}
    ).json()

    assert [r["title"] for r in body["results"]] == ["青岛海川智能装备有限公司"]
    regions = {o["value"]: o["count"] for o in body["facets"]["region"]}
    assert regions["qingdao"] == 1 and regions["yantai"] == 1


def test_pagination(client, catalogue):
    first = client.get("/api/v1/search", {"q": "MES", "page_size": 2}).json()
    second = client.get("/api/v1/search", {"q": "MES", "page_size": 2, "page": 2}).json()
    assert len(first["results"]) == 2 and len(second["results"]) == 1
    assert {r["id"] for r in first["results"]}.isdisjoint({r["id"] for r in second["results"]})


@pytest.mark.parametrize("page_size", [1, 2, 3])
def test_pages_walk_the_whole_list_across_types(client, catalogue, page_size):
    whole = client.get("/api/v1/search", {"q": "MES", "page_size": 50}).json()
    walked = []
    for page in range(1, 5):
        params = {"q": "MES", "page_size": page_size, "page": page}
        body = client.get("/api/v1/search", params).json()
        assert body["count"] == whole["count"] == 3
        assert body["facets"]["type"] == whole["facets"]["type"]
        walked += [(r["type"], r["id"]) for r in body["results"]]
    assert walked == [(r["type"], r["id"]) for r in whole["results"]]


@pytest.mark.parametrize(
    ("params", "param"),
    [
        ({}, "q"),
        ({"q": "MES", "type": "unicorn"}, "type"),
        ({"q": "MES", "page": "abc"}, "page"),
        ({"q": "MES", "page_size": "1000"}, "page_size"),
    ],
)
def test_bad_parameters_get_a_400_naming_them(client, catalogue, params, param):
    response = client.get("/api/v1/search", params)
    assert response.status_code == 400
    assert param in [e["param"] for e in response.json()["errors"]]


@pytest.mark.parametrize("blank", ["", "   ", "\x00\x01"])
def test_a_blank_query_finds_nothing(client, catalogue, blank):
    response = client.get("/api/v1/search", {"q": blank})
    assert response.status_code == 200
    assert response.json()["count"] == 0 and response.json()["results"] == []


def test_punctuation_only_finds_nothing(client, catalogue):
    body = client.get("/api/v1/search", {"q": "！！。。"}).json()
    assert body["count"] == 0 and body["results"] == []


def test_odd_queries_do_not_fail(client, catalogue):
    for q in ['" * - NEAR OR AND ( )', "x" * 10_000, "😀", "1' OR '1'='1"]:
        assert client.get("/api/v1/search", {"q": q}).status_code in {200, 400}


def test_a_result_says_where_it_holds_a_word_its_title_and_snippet_lack(client, catalogue):
    """烟台 is in neither the solution's name nor its description, but in its provider's name:
    the result says so."""
    body = client.get("/api/v1/search", {"q": "烟台 排产"}).json()

    by_title = {r["title"]: r for r in body["results"]}
    assert by_title["MES制造执行系统"]["matched"] == [
        {"field": "服务商", "text": "烟台博远软件有限公司"}
    ]


def test_a_query_found_only_in_similar_words_gets_their_snippets(client, catalogue):
    """预测性维修 is written nowhere: the providers that say 预测性维护 are found, each snippet
    around those words."""
    body = client.get("/api/v1/search", {"q": "预测性维修", "type": "provider"}).json()

    assert body["count"] == 2
    assert all("预测性维护" in result["snippet"] for result in body["results"])
    assert all(result["matched"] == [] for result in body["results"])


def test_snippets_and_places_are_plain_text(client, catalogue):
    """The API's texts are what a page shows, not its HTML: R&D, not R&amp;D."""
    solution = SolutionPageFactory(
        parent=catalogue["qingdao"],
        title="R&D协同平台",
        description="研发项目“立项&评审”管理。",
        scenarios="研发<联调>",
    )
    solution.save_revision().publish()

    body = client.get("/api/v1/search", {"q": "青岛 立项", "type": "solution"}).json()

    (result,) = body["results"]
    assert "“立项&评审”" in result["snippet"]
    assert result["matched"] == [{"field": "服务商", "text": "青岛海川智能装备有限公司"}]
    scenario = client.get("/api/v1/search", {"q": "联调 立项", "type": "solution"}).json()
    assert scenario["results"][0]["matched"] == [{"field": "应用场景", "text": "研发<联调>"}]


def test_a_query_that_finds_nothing_gets_suggestions_that_find_something(client, catalogue):
    body = client.get("/api/v1/search", {"q": "预测性维户"}).json()
    assert body["count"] == 0
    assert body["suggestions"] == ["预测性维护"]
    found = client.get("/api/v1/search", {"q": body["suggestions"][0]}).json()
    assert found["count"] == 2
    assert found["suggestions"] == []
    # Within the type asked for: no solution says 预测性维护.
    solutions = client.get("/api/v1/search", {"q": "预测性维户", "type": "solution"}).json()
    assert solutions["count"] == 0 and solutions["suggestions"] == []


def test_a_type_found_by_other_words_than_typed_says_which(client, catalogue):
    """As the page says it: 怎么快速实施MES finds nothing with 快速, so 实施 MES is searched;
    预测性维修 is written nowhere, so its similar spelling is; MES is found as typed."""
    shorter = client.get("/api/v1/search", {"q": "怎么快速实施MES"}).json()
    assert shorter["count"] == 2
    assert shorter["searched_as"] == [
        {"type": "provider", "query": "实施 mes", "reason": "shorter"}
    ]

    similar = client.get("/api/v1/search", {"q": "预测性维修", "type": "provider"}).json()
    assert similar["searched_as"] == [
        {"type": "provider", "query": "预测性维护", "reason": "similar"}
    ]

    assert client.get("/api/v1/search", {"q": "MES"}).json()["searched_as"] == []
