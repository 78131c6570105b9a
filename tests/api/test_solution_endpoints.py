"""``/api/v1/solutions``: the contract, the solution catalogue's filters, published content
only."""

import datetime

import pytest

from catalogue import services
from catalogue.models import Status

pytestmark = pytest.mark.django_db

LIST = "/api/v1/solutions"


@pytest.fixture
def offer(make_provider, make_solution, terms):
    """Solutions of a live provider (some drafts), of a removed provider and of a provider
    whose page is unpublished."""
    live = make_provider(title="济南云启咨询有限公司")
    removed = make_provider(title="烟台已清退科技有限公司")
    withdrawn = make_provider(title="青岛撤回科技有限公司")
    made = {
        "mes": make_solution(
            live,
            title="轻量化MES",
            category=terms.category("production"),
            industries=[terms.industry("chemicals"), terms.industry("electronics")],
            deployment_mode="saas",
            reference_price="3.00",
            is_xkqz=True,
            is_standardised=True,
        ),
        "diagnosis": make_solution(
            live,
            title="数字化转型诊断",
            category=terms.category("consulting"),
            deployment_mode="private",
            reference_price="30.00",
        ),
        "crm": make_solution(
            live,
            title="客户关系管理云",
            category=terms.category("operations"),
            industries=[terms.industry("retail-trade")],
            deployment_mode="hybrid",
            reference_price=None,
            is_xkqz=True,
        ),
        "wms": make_solution(
            live,
            title="仓储管理系统",
            category=terms.category("production"),
            industries=[terms.industry("logistics")],
            deployment_mode="",
            reference_price="80.00",
        ),
        "draft": make_solution(
            live, publish_it=False, title="未发布的方案", category=terms.category("production")
        ),
        "of_removed": make_solution(removed, title="已清退服务商的方案"),
        "of_withdrawn": make_solution(withdrawn, title="撤回服务商的方案"),
    }
    services.change_status(
        removed, status=Status.REMOVED, reason="清退", date=datetime.date(2025, 3, 1)
    )
    withdrawn.unpublish()
    made["provider"] = live
    return made


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["results"]]


def test_list_contract(client, offer):
    response = client.get(LIST)

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "page", "page_size", "results", "facets"}
    assert body["count"] == 4 == len(body["results"])
    for item in body["results"]:
        assert set(item) == {
            "id",
            "title",
            "url",
            "provider",
            "category",
            "industries",
            "deployment_mode",
            "reference_price",
            "is_xkqz",
            "is_standardised",
        }
        assert isinstance(item["id"], int)
        assert item["url"].startswith("http")
        assert set(item["provider"]) == {"uscc", "name", "url"}
        assert set(item["category"]) == {"slug", "name"}
        assert isinstance(item["reference_price"], float | None)
        assert isinstance(item["is_xkqz"], bool)
        assert isinstance(item["is_standardised"], bool)

    by_title = {item["title"]: item for item in body["results"]}
    mes, provider = offer["mes"], offer["provider"]
    assert by_title["轻量化MES"] == {
        "id": mes.pk,
        "title": "轻量化MES",
        "url": mes.get_full_url(),
        "provider": {
            "uscc": provider.uscc,
            "name": "济南云启咨询有限公司",
            "url": provider.get_full_url(),
        },
        "category": {"slug": "production", "name": "数字化生产服务商"},
        "industries": [
            {"slug": "chemicals", "name": "化工"},
            {"slug": "electronics", "name": "电子信息"},
        ],
        "deployment_mode": {"code": "saas", "label": "SaaS"},
        "reference_price": 3.0,
        "is_xkqz": True,
        "is_standardised": True,
    }
    assert by_title["仓储管理系统"]["deployment_mode"] is None
    assert by_title["客户关系管理云"]["reference_price"] is None


def test_only_published_solutions_of_published_providers(client, offer):
    listed = set(titles(client.get(f"{LIST}?page_size=100")))

    assert listed == {"轻量化MES", "数字化转型诊断", "客户关系管理云", "仓储管理系统"}


SAME_AS_HTML = [
    "",
    "category=production",
    "category=production&category=consulting",
    "industry=chemicals",
    "industry=chemicals&industry=logistics",
    "deployment=saas",
    "deployment=saas&deployment=hybrid",
    "price=under-5",
    "price=20-50&price=50-plus",
    "price=negotiable",
    "xkqz=yes",
    "xkqz=yes&category=production",
    "category=production&industry=logistics",
    "region=jinan&category=production",
    "region=qingdao",
    "category=nothing&deployment=teleport&price=free",
    "sort=name",
    "sort=price",
    "sort=newest",
    "q=MES",
    "q=诊断",
]


def test_filters_give_what_the_html_catalogue_lists(client, offer, solution_catalogue):
    differences = {}
    for query in SAME_AS_HTML:
        html = client.get(f"{solution_catalogue.url}?{query}")
        assert html.status_code == 200, query
        listed = [solution.title for solution in html.context["results"]]
        served = titles(client.get(f"{LIST}?{query}"))
        if served != listed:
            differences[query] = {"html": listed, "api": served}

    assert differences == {}


def test_filters(client, offer):
    def listed(query):
        return set(titles(client.get(f"{LIST}?{query}")))

    assert listed("category=production") == {"轻量化MES", "仓储管理系统"}
    assert listed("deployment=saas&deployment=private") == {"轻量化MES", "数字化转型诊断"}
    assert listed("price=under-5") == {"轻量化MES"}
    assert listed("price=negotiable") == {"客户关系管理云"}
    assert listed("xkqz=yes") == {"轻量化MES", "客户关系管理云"}
    assert listed("xkqz=yes&category=production") == {"轻量化MES"}
    assert listed("industry=chemicals&industry=logistics") == {"轻量化MES", "仓储管理系统"}
    # Where the provider is: the live provider is in 济南.
    assert listed("region=jinan&xkqz=yes") == {"轻量化MES", "客户关系管理云"}
    assert listed("region=qingdao") == set()


def test_english_names(client, offer):
    item = next(
        item
        for item in client.get(f"{LIST}?lang=en").json()["results"]
        if item["id"] == offer["mes"].pk
    )

    assert item["category"] == {"slug": "production", "name": "Digital production providers"}
    assert item["industries"][0] == {"slug": "chemicals", "name": "Chemicals"}
    assert "/en/" in item["url"] and "/en/" in item["provider"]["url"]


def test_paging_and_errors(client, offer):
    page = client.get(f"{LIST}?page_size=3&page=2").json()
    assert (page["count"], page["page"], page["page_size"], len(page["results"])) == (4, 2, 3, 1)

    response = client.get(f"{LIST}?page_size=101")
    assert response.status_code == 400
    assert response.json()["errors"] == [{"param": "page_size", "message": "不能大于 100"}]


def test_cacheable(client, offer):
    assert client.get(LIST)["Cache-Control"] in ("public, max-age=60", "max-age=60, public")
