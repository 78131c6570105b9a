"""The public case pages: the listing with its facets, a case page and its links both ways
with providers and solutions, what never becomes public, the conference and promotion pages."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.factories import (
    CaseResultFactory,
    ConferenceIndexPageFactory,
    ConferencePageFactory,
    PilotZoneFactory,
    PromotionCatalogPageFactory,
    PromotionFactory,
)
from catalogue import services
from catalogue.models import Category, Industry, Region, Status, Subtype
from tests.cases.cases_helpers import make_case
from tests.catalogue.catalogue_helpers import (
    facet,
    make_provider,
    make_solution,
    publish,
    result_count,
    result_titles,
    term,
)

pytestmark = pytest.mark.django_db

REFEREE_PHONE = "0536-87650001"
REFEREE_NAME = "刘经理"


def test_a_case_page_shows_its_story_results_and_links_to_provider_and_solution(
    client, case_index, provider, solution
):
    case = make_case(
        case_index,
        title="精工机械设备预测性维护案例",
        providers=[provider],
        solutions=[solution],
        scenario=term(Subtype, "equipment-management"),
        publish_now=False,
    )
    CaseResultFactory(page=case, indicator="设备综合效率", before=62, after=78, unit="%")
    publish(case)

    html = client.get(case.url).content.decode()

    assert "精工机械设备预测性维护案例" in html
    assert "设备综合效率" in html and "+25.8%" in html
    assert f'href="{provider.url}"' in html
    assert f'href="{solution.url}"' in html
    # The scenario decides the category.
    case.refresh_from_db()
    assert case.category == term(Category, "production")


def test_provider_and_solution_pages_list_their_cases(client, case_index, provider, solution):
    make_case(case_index, title="设备联网改造案例", providers=[provider], solutions=[solution])
    make_case(case_index, title="别家的案例")

    provider_html = client.get(provider.url).content.decode()
    solution_html = client.get(solution.url).content.decode()

    for html in (provider_html, solution_html):
        assert "典型案例" in html
        assert "设备联网改造案例" in html
        assert "别家的案例" not in html


def test_a_draft_case_is_not_listed_on_the_provider_page(client, case_index, provider):
    make_case(case_index, title="尚未发布的案例", providers=[provider], publish_now=False)
    assert "尚未发布的案例" not in client.get(provider.url).content.decode()


def test_a_case_of_an_unpublished_provider_does_not_leak_the_provider(
    client, case_index, provider_index
):
    draft = make_provider(
        provider_index, title="未公开服务商有限公司", publish_now=False, live=False
    )
    case = make_case(case_index, title="草稿服务商参与的案例", providers=[draft])

    page = client.get(case.url).content.decode()
    listing = client.get(case_index.url).content.decode()
    export = client.get(case_index.url + "export/csv/").getvalue().decode("utf-8-sig")
    api = client.get("/api/v1/cases").json()
    search = client.get("/search/case/", {"q": "未公开服务商"})

    assert "草稿服务商参与的案例" in page
    assert search.context["result_count"] == 0
    for text in (page, listing, export):
        assert "未公开服务商" not in text
    assert draft.uscc not in export
    assert api["results"][0]["providers"] == []


def test_a_removed_providers_solution_is_not_linked(client, case_index, provider, solution):
    case = make_case(case_index, providers=[provider], solutions=[solution])
    services.change_status(provider, status=Status.REMOVED, reason="连续两年评级不合格")

    html = client.get(case.url).content.decode()

    assert f'href="{solution.url}"' not in html


def test_the_referee_contact_is_never_public(client, case_index, provider, solution):
    case = make_case(case_index, providers=[provider], solutions=[solution])
    pages = [
        client.get(url)
        for url in (
            case.url,
            f"/en{case.url}",
            case_index.url,
            f"{case_index.url}?q=设备",
            provider.url,
            solution.url,
            "/search/?q=预测性维护",
            "/search/case/?q=预测性维护",
        )
    ]
    downloads = [client.get(f"{case_index.url}export/{fmt}/") for fmt in ("csv", "json", "xlsx")]
    api = [
        client.get("/api/v1/cases"),
        client.get(f"/api/v1/cases/{case.pk}"),
        client.get("/api/v1/search", {"q": "预测性维护", "type": "case"}),
        client.get("/api/v2/pages/", {"type": "cases.CasePage", "fields": "*"}),
        client.get(f"/api/v2/pages/{case.pk}/"),
    ]
    for response in pages + api:
        assert response.status_code == 200, response.request
        body = response.content.decode()
        assert REFEREE_PHONE not in body and REFEREE_NAME not in body
    for response in downloads:
        assert response.status_code == 200
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if response["Content-Type"].startswith("application/vnd"):
            from io import BytesIO

            import openpyxl

            book = openpyxl.load_workbook(BytesIO(body))
            body = " ".join(str(c) for row in book.active.iter_rows(values_only=True) for c in row)
        else:
            body = body.decode("utf-8-sig")
        assert "精工机械" in body  # the case is there …
        assert REFEREE_PHONE not in body and REFEREE_NAME not in body  # … not its referee


# --- The listing ------------------------------------------------------------------------------


@pytest.fixture
def spread(case_index, provider):
    """Four cases over two years, two cities, two industries and two scenarios."""
    industries = list(Industry.objects.filter(locale__language_code="zh-hans")[:2])
    return [
        make_case(
            case_index,
            title=title,
            year=year,
            client_region=term(Region, region),
            client_industry=industries[i % 2],
            scenario=term(Subtype, scenario),
            providers=[provider],
        )
        for i, (title, year, region, scenario) in enumerate(
            [
                ("济南质量追溯案例", 2024, "jinan", "quality-management"),
                ("济南能源计量案例", 2025, "jinan", "energy-management"),
                ("潍坊设备联网案例", 2025, "weifang", "equipment-management"),
                ("潍坊视觉质检案例", 2025, "weifang", "quality-management"),
            ]
        )
    ]


def test_the_listing_filters_by_year_region_scenario_and_category(client, case_index, spread):
    url = case_index.url

    response = client.get(url, {"year": "2025", "region": "weifang"})
    assert sorted(result_titles(response)) == ["潍坊视觉质检案例", "潍坊设备联网案例"]

    response = client.get(url, {"scenario": "quality-management"})
    assert sorted(result_titles(response)) == ["济南质量追溯案例", "潍坊视觉质检案例"]
    # Counts of the other options in a facet ignore that facet's own selection.
    assert facet(response, "scenario")["energy-management"].count == 1
    assert facet(response, "year")["2024"].count == 1
    assert facet(response, "year")["2025"].count == 1

    assert result_count(client.get(url, {"category": "production"})) == 4
    assert result_count(client.get(url, {"category": "consulting"})) == 0


def test_the_listing_searches_sorts_and_ignores_odd_parameters(client, case_index, spread):
    url = case_index.url
    assert result_titles(client.get(url, {"q": "视觉质检"})) == ["潍坊视觉质检案例"]
    newest = result_titles(client.get(url, {"sort": "newest"}))
    assert newest[-1] == "济南质量追溯案例"
    for params in (
        {"year": "２０２５"},
        {"year": "99999"},
        {"region": "<script>"},
        {"page": "-1"},
        {"page": "x" * 5000},
        {"q": "x" * 10_000},
        {"sort": "'; DROP TABLE cases_casepage; --"},
    ):
        assert client.get(url, params).status_code == 200


def test_the_listing_export_has_the_import_columns(client, case_index, spread, provider):
    response = client.get(f"{case_index.url}export/csv/", {"region": "jinan"})
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0].startswith("案例名称,年度,服务商统一社会信用代码,应用企业")
    assert len(lines) == 3
    assert provider.uscc in lines[1]


def test_queries_per_listing_page_do_not_grow_with_the_cases(
    client, case_index, provider, solution
):
    def counts():
        found = []
        for url in (case_index.url, f"{case_index.url}?year=2025&region=weifang&q=设备"):
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            found.append(len(queries))
        return found

    make_case(case_index, providers=[provider], solutions=[solution])
    with_one = counts()
    for _ in range(15):
        make_case(case_index, providers=[provider], solutions=[solution])
    assert counts() == with_one


# --- Conferences and the promotion catalogue ------------------------------------------------


def test_the_conference_page_shows_its_cases_and_promoted_solutions(
    client, home, case_index, provider, solution
):
    conferences = publish(ConferenceIndexPageFactory(parent=home))
    conference = publish(ConferencePageFactory(parent=conferences, year=2025))
    make_case(case_index, title="二〇二五年的案例", year=2025, providers=[provider])
    make_case(case_index, title="二〇二四年的案例", year=2024, providers=[provider])
    pilot = PilotZoneFactory(name="济南市数字化转型城市试点")
    PromotionFactory(solution=solution, pilot=pilot, year=2025)

    html = client.get(conference.url).content.decode()

    assert "二〇二五年的案例" in html
    assert "二〇二四年的案例" not in html
    assert "济南市数字化转型城市试点" in html
    assert f'href="{solution.url}"' in html


def test_the_promotion_catalogue_by_pilot_and_year(client, home, provider, provider_index):
    page = publish(PromotionCatalogPageFactory(parent=home))
    first, second = PilotZoneFactory(name="甲试点"), PilotZoneFactory(name="乙试点")
    a = make_solution(provider, title="轻量化MES")
    b = make_solution(provider, title="云上进销存")
    PromotionFactory(solution=a, pilot=first, year=2025)
    PromotionFactory(solution=b, pilot=second, year=2025)
    PromotionFactory(solution=b, pilot=first, year=2024)
    hidden = make_provider(provider_index, title="草稿服务商", publish_now=False, live=False)
    PromotionFactory(solution=make_solution(hidden, title="草稿服务商的方案"), pilot=first)

    latest = client.get(page.url).content.decode()
    only_first = client.get(page.url, {"pilot": first.slug, "year": "2025"}).content.decode()
    older = client.get(page.url, {"year": "2024"}).content.decode()

    assert "轻量化MES" in latest and "云上进销存" in latest
    assert "草稿服务商的方案" not in latest
    assert "轻量化MES" in only_first and "云上进销存" not in only_first
    assert "云上进销存" in older and "轻量化MES" not in older
    for odd in ({"year": "abcd"}, {"pilot": "<b>"}, {"year": "9" * 100}):
        assert client.get(page.url, odd).status_code == 200


def test_english_case_pages_show_english_terms(client, case_index, provider):
    case = make_case(case_index, providers=[provider], client_region=term(Region, "jinan"))
    html = client.get(f"/en{case.url}").content.decode()
    assert "Jinan" in html
    assert re.search(r'href="/en/providers/[^"]+"', html)


@pytest.mark.parametrize("facet_index", [True, False], ids=["facet index", "sql"])
def test_a_search_naming_a_city_lists_the_cases_there_first(
    client, settings, case_index, facet_index
):
    """A case's place is its client's: 烟台 预测性维护 lists the case of a client in 烟台 before
    a better match that only mentions the city, on the site search's tab and in the API."""
    settings.FACET_INDEX = facet_index
    make_case(
        case_index,
        title="青岛某轮胎企业预测性维护案例",
        client_region=term(Region, "qingdao"),
        approach="预测性维护系统，复制推广到烟台的兄弟工厂。",
    )
    make_case(
        case_index,
        title="瑞科设备联网案例",
        client_region=term(Region, "yantai"),
        approach="部署设备联网网关，并试点预测性维护。",
    )

    page = client.get("/search/case/", {"q": "预测性维护"})
    assert result_titles(page)[0] == "青岛某轮胎企业预测性维护案例"
    page = client.get("/search/case/", {"q": "烟台 预测性维护"})
    assert result_titles(page) == ["瑞科设备联网案例", "青岛某轮胎企业预测性维护案例"]
    api = client.get("/api/v1/search", {"q": "烟台预测性维护", "type": "case"}).json()
    assert [hit["title"] for hit in api["results"]] == [
        "瑞科设备联网案例",
        "青岛某轮胎企业预测性维护案例",
    ]


@pytest.mark.parametrize("facet_index", [True, False], ids=["facet index", "sql"])
def test_a_search_naming_a_year_lists_that_years_cases_first(
    client, settings, case_index, facet_index
):
    """2024 MES: the case of 2024 before a better match of 2025 that mentions the year; with a
    city too, the case of both first."""
    settings.FACET_INDEX = facet_index
    make_case(
        case_index,
        title="青岛某企业MES上线案例",
        year=2025,
        client_region=term(Region, "qingdao"),
        approach="MES系统于2024年立项，2025年全面上线。",
    )
    make_case(
        case_index,
        title="瑞科设备联网案例",
        year=2024,
        client_region=term(Region, "yantai"),
        approach="部署设备联网网关，试点MES。",
    )
    make_case(
        case_index,
        title="烟台某企业数字化车间案例",
        year=2024,
        client_region=term(Region, "qingdao"),
        approach="数字化车间与MES，服务烟台总部。",
    )

    page = client.get("/search/case/", {"q": "MES"})
    assert result_titles(page)[0] == "青岛某企业MES上线案例"
    page = client.get("/search/case/", {"q": "2024 MES"})
    assert result_titles(page)[-1] == "青岛某企业MES上线案例"
    # In 烟台 and of 2024, before the case of 2024 whose text names 烟台.
    page = client.get("/search/case/", {"q": "2024年 烟台 MES"})
    assert result_titles(page) == ["瑞科设备联网案例", "烟台某企业数字化车间案例"]
    page = client.get("/search/case/", {"q": "2024年 青岛 MES"})
    assert result_titles(page)[0] == "烟台某企业数字化车间案例"


def test_a_years_cases_are_found_by_the_badge_their_pages_show(client, case_index):
    """Each case page shows 2025年度典型案例; people search a year's cases so."""
    make_case(case_index, title="鑫翔陶瓷工艺数字化", year=2025)
    make_case(case_index, title="博翔游艇设备联网", year=2024)

    for query in ("2025年典型案例", "2025年度典型案例", "2025 案例"):
        page = client.get("/search/case/", {"q": query})
        assert result_titles(page) == ["鑫翔陶瓷工艺数字化"], query
    assert len(result_titles(client.get("/search/case/", {"q": "典型案例"}))) == 2


def test_a_case_found_by_who_did_it_says_so_but_never_names_a_draft(
    client, case_index, provider, provider_index
):
    draft = make_provider(
        provider_index, title="潍坊未公开科技有限公司", publish_now=False, live=False
    )
    make_case(
        case_index,
        title="车间设备联网改造",
        approach="为车间加装传感器。",
        outcome="停机时间减少三成。",
        providers=[provider, draft],
    )

    html = client.get("/search/case/", {"q": "智联 停机"}).content.decode()

    assert "服务商：</span>潍坊<mark>智联</mark>工业互联网有限公司" in html
    assert "未公开" not in html
