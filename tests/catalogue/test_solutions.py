"""The solution catalogue and the solution page."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from catalogue import services
from catalogue.bulk import DeferredIndexing
from catalogue.directory import price_band
from catalogue.models import ProviderPage, Status
from tests.catalogue.catalogue_helpers import (
    facet,
    make_provider,
    make_solution,
    result_count,
    result_titles,
    sync_english_aliases,
    visible_text,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(provider_index, solution_index):
    alpha = make_provider(provider_index, title="甲方科技有限公司")
    beta = make_provider(provider_index, title="乙方科技有限公司")
    solutions = [
        make_solution(
            alpha,
            title="设备点检小程序",
            category="production",
            deployment_mode="saas",
            reference_price=Decimal("3.5"),
            is_xkqz=True,
            industries=["chemicals"],
        ),
        make_solution(
            alpha,
            title="MES 生产执行系统",
            category="production",
            deployment_mode="private",
            reference_price=Decimal("5"),
            industries=["chemicals", "equipment-manufacturing"],
        ),
        make_solution(
            alpha,
            title="能耗监测平台",
            category="infrastructure",
            deployment_mode="hybrid",
            reference_price=Decimal("19.99"),
            is_xkqz=True,
        ),
        make_solution(
            beta,
            title="数字化诊断服务",
            category="evaluation",
            deployment_mode="",
            reference_price=Decimal("20"),
            is_xkqz=True,
        ),
        make_solution(
            beta,
            title="智能工厂整体规划",
            category="consulting",
            deployment_mode="private",
            reference_price=Decimal("50"),
            industries=["equipment-manufacturing"],
        ),
        make_solution(
            beta,
            title="供应链协同云",
            category="operations",
            deployment_mode="saas",
            reference_price=None,
            industries=["logistics"],
        ),
    ]
    sync_english_aliases([alpha, beta, *solutions])
    return {"alpha": alpha, "beta": beta, **{s.title: s for s in solutions}}


def all_titles(client, url):
    return set(result_titles(client.get(url)))


def test_price_bands():
    assert [
        price_band(p).value for p in [None, 0, Decimal("4.99"), 5, 19.99, 20, 49.9, 50, 300]
    ] == [
        "negotiable",
        "under-5",
        "under-5",
        "5-20",
        "5-20",
        "20-50",
        "20-50",
        "50-plus",
        "50-plus",
    ]


def test_solution_facets_count_what_each_option_gives(client, catalogue):
    for url in ["/solutions/", "/solutions/?price=5-20&price=negotiable", "/solutions/?xkqz=yes"]:
        response = client.get(url)
        checked = 0
        for item in response.context["facets"]:
            for option in item.options:
                assert result_count(client.get(option.url)) == option.count, (url, option.url)
                checked += 1
        assert checked >= 5


def test_price_band_deployment_and_xkqz_filters(client, catalogue):
    response = client.get("/solutions/")
    prices = facet(response, "price")
    assert {v: o.count for v, o in prices.items()} == {
        "under-5": 1,
        "5-20": 2,
        "20-50": 1,
        "50-plus": 1,
        "negotiable": 1,
    }
    assert [o.label for o in prices.values()] == [
        "5万元以下",
        "5–20万元",
        "20–50万元",
        "50万元及以上",
        "面议",
    ]
    assert all_titles(client, "/solutions/?price=5-20") == {"MES 生产执行系统", "能耗监测平台"}
    assert all_titles(client, "/solutions/?price=under-5&price=negotiable") == {
        "设备点检小程序",
        "供应链协同云",
    }
    assert all_titles(client, "/solutions/?xkqz=yes&deployment=saas&deployment=hybrid") == {
        "设备点检小程序",
        "能耗监测平台",
    }
    assert all_titles(
        client, "/solutions/?industry=equipment-manufacturing&category=production"
    ) == {
        "MES 生产执行系统",
    }
    assert facet(response, "xkqz")["yes"].count == 3


def test_only_solutions_of_live_providers_in_the_pool_are_listed(client, provider_index, catalogue):
    gone = make_provider(provider_index, title="清退科技有限公司")
    hidden = make_provider(provider_index, title="下线科技有限公司")
    gone_solution = make_solution(gone, title="清退方的方案")
    hidden_solution = make_solution(hidden, title="下线方的方案")
    sync_english_aliases([gone, hidden, gone_solution, hidden_solution])
    services.change_status(
        ProviderPage.objects.get(pk=gone.pk),
        status=Status.REMOVED,
        reason="清退",
        date=datetime.date(2026, 2, 1),
    )
    Page.objects.get(pk=hidden.pk).specific.unpublish()

    titles = all_titles(client, "/solutions/")
    assert "清退方的方案" not in titles and "下线方的方案" not in titles
    assert len(titles) == 6
    english = client.get("/en/solutions/")
    assert result_count(english) == 6
    assert all(s.locale.language_code == "en" for s in english.context["results"])


def test_default_order_is_fair_and_cards_name_the_provider(client, catalogue):
    response = client.get("/solutions/")
    results = response.context["results"]
    assert [s.pk for s in results] == [
        s.pk for s in sorted(results, key=lambda s: (s.fair_key, s.pk))
    ]
    html = visible_text(response.content.decode())
    assert "提供方：甲方科技有限公司" in html
    assert "参考价格：3.5 万元" in html and "参考价格：面议" in html
    by_price = result_titles(client.get("/solutions/?sort=price"))
    assert by_price[0] == "设备点检小程序" and by_price[-1] == "供应链协同云"


def test_odd_query_strings_never_fail(client, catalogue):
    for query in [
        "price=cheap",
        "price=%00",
        "xkqz=no&xkqz=yes%00",
        "deployment=cloud",
        "page=zz",
        "page=123456",
        "sort=evil",
        "q=" + "方" * 10000,
        'q="*',
        "q=a%00",
    ]:
        response = client.get(f"/solutions/?{query}")
        assert response.status_code == 200, query


def test_the_solution_page_shows_all_fields_and_links_to_the_provider(client, catalogue):
    solution = catalogue["MES 生产执行系统"]
    solution.scenarios = "生产排程、质量追溯"
    solution.features = "生产排程\n质量追溯\n\n设备联网"
    solution.is_standardised = True
    solution.save_revision().publish()

    response = client.get(solution.url)
    assert response.status_code == 200
    html = response.content.decode()
    text = visible_text(html)
    for expected in [
        "MES 生产执行系统",
        "数字化生产服务商",
        "化工",
        "装备制造",
        "生产排程、质量追溯",
        "私有化部署",
        "5 万元",
        "标准化、可复制",
        "面向离散制造企业的设备联网与点检管理。",
        "设备联网",
        "甲方科技有限公司",
    ]:
        assert expected in text, expected
    assert f'href="{catalogue["alpha"].url}"' in html


def _solution_counts(client):
    counts = []
    for url in [
        "/solutions/",
        "/solutions/?category=production&price=5-20&xkqz=yes",
        "/solutions/?q=平台&sort=price",
        "/en/solutions/?industry=chemicals",
    ]:
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    return counts


def test_query_count_does_not_grow_with_the_number_of_solutions(
    client, provider_index, solution_index
):
    with DeferredIndexing():  # indexed once at the end, as the importers do
        providers = [make_provider(provider_index) for _ in range(3)]
        made = [
            make_solution(
                providers[i % 3], reference_price=i, is_xkqz=bool(i % 2), industries=["chemicals"]
            )
            for i in range(10)
        ]
        sync_english_aliases(providers + made)
    with_ten = _solution_counts(client)

    with DeferredIndexing():
        more = [
            make_solution(providers[i % 3], reference_price=i % 60, is_xkqz=bool(i % 2))
            for i in range(35)
        ]
        sync_english_aliases(more)
    assert _solution_counts(client) == with_ten


@pytest.mark.parametrize("facet_index", [True, False], ids=["facet index", "sql"])
def test_solutions_are_listed_by_where_their_provider_is(
    client, settings, provider_index, solution_index, facet_index
):
    """A solution is offered where its provider is: the catalogue counts and filters by the
    provider's city, and a keyword naming a city lists the solutions of the providers there
    first (a better match whose text only mentions the city follows)."""
    settings.FACET_INDEX = facet_index
    yantai = make_provider(provider_index, title="鲁科科技有限公司", region="yantai")
    qingdao = make_provider(provider_index, title="海川智能有限公司", region="qingdao")
    make_solution(yantai, title="运维托管服务", description="提供设备运维。")
    make_solution(qingdao, title="设备运维云平台", description="设备运维，服务烟台客户。")
    make_solution(qingdao, title="能耗监测平台", description="能耗监测。")

    response = client.get("/solutions/")
    region = facet(response, "region")
    assert (region["yantai"].count, region["qingdao"].count) == (1, 2)
    assert all_titles(client, "/solutions/?region=qingdao") == {"设备运维云平台", "能耗监测平台"}
    assert result_count(client.get("/solutions/?region=qingdao&q=设备运维")) == 1

    # Without a place the title that says 设备运维 ranks first.
    assert result_titles(client.get("/solutions/?q=设备运维")) == ["设备运维云平台", "运维托管服务"]
    response = client.get("/solutions/?q=烟台 设备运维")
    assert result_titles(response) == ["运维托管服务", "设备运维云平台"]
    region = facet(response, "region")
    assert (region["yantai"].count, region["qingdao"].count) == (1, 1)
    # The site search's solutions tab, filtered by the provider's city.
    response = client.get("/search/solution/", {"q": "设备运维", "region": "yantai"})
    assert result_titles(response) == ["运维托管服务"]
