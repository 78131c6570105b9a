"""``/api/v1/providers`` and ``/api/v1/providers/{uscc}``: the contract, the directory's
filters, published content only, errors, caching and a constant number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue import services
from catalogue.bulk import DeferredIndexing
from catalogue.factories import BatchFactory, ProviderPageFactory
from catalogue.models import Grade, Status
from portal.identifiers import make_uscc

pytestmark = pytest.mark.django_db

LIST = "/api/v1/providers"


def detail_url(uscc: str) -> str:
    return f"{LIST}/{uscc}"


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c for c in text)


@pytest.fixture
def pool(make_provider, terms):
    """Fourteen providers (the directory pages by 20, so one HTML page lists them all) across
    categories, subtypes, regions, industries, grades, batch years and statuses, plus a draft
    and an unpublished provider."""
    with DeferredIndexing():  # indexed once at the end, as the importers do
        return _pool(make_provider, terms)


def _pool(make_provider, terms):
    batch_2024 = BatchFactory(year=2024, number=3)
    batch_2025 = BatchFactory(year=2025, number=1)
    made = {}

    def add(key, **fields):
        made[key] = make_provider(**fields)
        return made[key]

    add(
        "jinan_consulting",
        title="济南云启咨询有限公司",
        introduction="为中小企业提供数字化转型咨询规划。",
        categories=[terms.category("consulting")],
        subtypes=[terms.subtype("planning")],
        industries=[terms.industry("equipment-manufacturing")],
        batch=batch_2024,
        address="济南市历下区经十路100号",
        website="https://yunqi.example.cn",
        contact_name="王经理",
        contact_phone="0531-88880000",
        designer_count=6,
    )
    add(
        "qingdao_production",
        title="青岛海纳智造科技有限公司",
        introduction="质量管理系统与设备联网。",
        region=terms.region("qingdao"),
        categories=[terms.category("production")],
        subtypes=[terms.subtype("quality-management")],
        industries=[terms.industry("chemicals")],
        batch=batch_2025,
    )
    add(
        "qingdao_both",
        title="青岛融通信息技术有限公司",
        introduction="咨询与生产管理一体化服务。",
        region=terms.region("qingdao"),
        categories=[terms.category("consulting"), terms.category("production")],
        subtypes=[terms.subtype("talent-development"), terms.subtype("production-management")],
        industries=[terms.industry("chemicals"), terms.industry("electronics")],
        batch=batch_2025,
    )
    add(
        "yantai_ai",
        title="烟台慧眼人工智能有限公司",
        introduction="工业视觉质检。",
        region=terms.region("yantai"),
        categories=[terms.category("technology")],
        subtypes=[terms.subtype("artificial-intelligence")],
        batch=batch_2024,
    )
    add(
        "jinan_operations",
        title="济南链达供应链管理有限公司",
        introduction="供应链协同平台。",
        categories=[terms.category("operations")],
        subtypes=[terms.subtype("supply-chain-management")],
        industries=[terms.industry("logistics")],
    )
    add(
        "weifang_evaluation",
        title="潍坊衡准评测技术有限公司",
        introduction="数字化水平评测。",
        region=terms.region("weifang"),
        categories=[terms.category("evaluation")],
    )
    for n in range(8):
        add(
            f"filler_{n}",
            title=f"淄博数联科技有限公司{n}",
            introduction="信息系统集成。",
            region=terms.region("zibo"),
            categories=[terms.category("infrastructure")],
            subtypes=[terms.subtype("system-integration")],
            industries=[terms.industry("building-materials")] if n % 2 else [],
            batch=batch_2025 if n % 3 else None,
        )

    for key in ("jinan_consulting", "qingdao_production", "jinan_operations"):
        # Graded providers completed their annual update by 31 March.
        made[key].last_updated_on = datetime.date(2024, 3, 1)
        made[key].save()
    services.record_grade(made["jinan_consulting"], year=2024, grade=Grade.EXCELLENT, score=92.5)
    services.record_grade(made["qingdao_production"], year=2024, grade=Grade.QUALIFIED)
    services.record_grade(made["jinan_operations"], year=2024, grade=Grade.UNQUALIFIED)
    services.change_status(
        made["jinan_operations"],
        status=Status.RECTIFYING,
        reason="年度评价不合格，限期整改",
        date=datetime.date(2025, 2, 1),
        deadline=datetime.date(2025, 8, 1),
    )
    services.change_status(
        made["yantai_ai"],
        status=Status.REMOVED,
        reason="整改期满仍不合格，予以清退",
        date=datetime.date(2025, 3, 1),
    )

    made["draft"] = make_provider(
        publish_it=False, title="济南草稿科技有限公司", categories=[terms.category("consulting")]
    )
    unpublished = make_provider(title="济南撤回科技有限公司")
    unpublished.unpublish()
    made["unpublished"] = unpublished

    for page in made.values():
        page.refresh_from_db()
    return made


def usccs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["uscc"] for item in response.json()["results"]]


# --- The contract --------------------------------------------------------------------------


def test_list_contract(client, pool):
    response = client.get(LIST)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"count", "page", "page_size", "results", "facets"}
    assert (body["page"], body["page_size"]) == (1, 20)
    # 14 published; the removed one, the draft and the unpublished one are not listed.
    assert body["count"] == 13 == len(body["results"])
    # The English aliases are pages too, but the API lists the canonical pages only.
    assert len({item["uscc"] for item in body["results"]}) == 13
    for item in body["results"]:
        assert set(item) == {
            "uscc",
            "name",
            "url",
            "region",
            "categories",
            "subtypes",
            "status",
            "latest_grade",
        }
        assert isinstance(item["uscc"], str) and len(item["uscc"]) == 18
        assert isinstance(item["name"], str) and item["name"]
        assert item["url"].startswith("http")
        assert set(item["region"]) == {"slug", "name"}
        assert all(set(term) == {"slug", "name"} for term in item["categories"])
        assert all(set(term) == {"slug", "name"} for term in item["subtypes"])
        assert set(item["status"]) == {"code", "label"}
        assert item["latest_grade"] is None or set(item["latest_grade"]) == {
            "year",
            "code",
            "label",
        }

    by_uscc = {item["uscc"]: item for item in body["results"]}
    first = by_uscc[pool["jinan_consulting"].uscc]
    assert first["name"] == "济南云启咨询有限公司"
    assert first["url"] == pool["jinan_consulting"].get_full_url()
    assert first["url"].endswith(pool["jinan_consulting"].url)
    assert first["region"] == {"slug": "jinan", "name": "济南市"}
    assert first["categories"] == [{"slug": "consulting", "name": "数字化咨询服务商"}]
    assert first["subtypes"] == [{"slug": "planning", "name": "咨询规划服务商"}]
    assert first["status"] == {"code": "selected", "label": "入选"}
    assert first["latest_grade"] == {"year": 2024, "code": "excellent", "label": "优秀"}
    rectifying = by_uscc[pool["jinan_operations"].uscc]
    assert rectifying["status"] == {"code": "rectifying", "label": "整改中"}
    assert rectifying["latest_grade"]["code"] == "unqualified"


def test_detail_contract(client, pool, make_solution, terms):
    provider = pool["jinan_consulting"]
    solution = make_solution(
        provider,
        title="云启数字化诊断",
        category=terms.category("consulting"),
        deployment_mode="saas",
        reference_price="3.50",
        is_xkqz=True,
    )
    make_solution(provider, publish_it=False, title="未发布的方案")

    response = client.get(detail_url(provider.uscc))

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {
        "uscc",
        "name",
        "url",
        "region",
        "address",
        "website",
        "contact_name",
        "contact_phone",
        "categories",
        "subtypes",
        "industries",
        "introduction",
        "designer_count",
        "batch",
        "status",
        "latest_grade",
        "grades",
        "status_timeline",
        "solutions",
        "cases",
    }
    assert body["uscc"] == provider.uscc
    assert body["name"] == "济南云启咨询有限公司"
    assert body["url"] == provider.get_full_url()
    assert body["region"] == {"slug": "jinan", "name": "济南市", "province": "山东省"}
    assert body["address"] == "济南市历下区经十路100号"
    assert body["website"] == "https://yunqi.example.cn"
    assert (body["contact_name"], body["contact_phone"]) == ("王经理", "0531-88880000")
    assert body["industries"] == [{"slug": "equipment-manufacturing", "name": "装备制造"}]
    assert body["introduction"] == "为中小企业提供数字化转型咨询规划。"
    assert body["designer_count"] == 6
    assert body["batch"] == {"year": 2024, "number": 3, "name": "2024年第3批"}
    assert body["grades"] == [
        {"year": 2024, "grade": {"code": "excellent", "label": "优秀"}, "score": 92.5, "note": ""}
    ]
    assert body["status_timeline"] == []
    assert body["solutions"] == [
        {
            "id": solution.pk,
            "title": "云启数字化诊断",
            "url": solution.get_full_url(),
            "category": {"slug": "consulting", "name": "数字化咨询服务商"},
            "deployment_mode": {"code": "saas", "label": "SaaS"},
            "reference_price": 3.5,
            "is_xkqz": True,
        }
    ]


def test_detail_status_timeline(client, pool):
    body = client.get(detail_url(pool["jinan_operations"].uscc)).json()

    assert body["status"] == {"code": "rectifying", "label": "整改中"}
    assert body["status_timeline"] == [
        {
            "date": "2025-02-01",
            "status": {"code": "rectifying", "label": "整改中"},
            "reason": "年度评价不合格，限期整改",
            "deadline": "2025-08-01",
        }
    ]


def test_removed_provider_is_listed_only_when_asked_for_and_its_entry_is_gone(client, pool):
    removed = pool["yantai_ai"]

    assert removed.uscc not in usccs(client.get(LIST))
    assert usccs(client.get(f"{LIST}?status=removed")) == [removed.uscc]

    response = client.get(detail_url(removed.uscc))
    # Like the HTML page: still readable, but the entry itself is gone (DESIGN.md §1).
    assert response.status_code == 410
    body = response.json()
    assert body["status"]["code"] == "removed"
    assert body["status_timeline"][0]["reason"] == "整改期满仍不合格，予以清退"


# --- The same filters as the HTML directory -------------------------------------------------

SAME_AS_HTML = [
    "",
    "category=consulting",
    "category=consulting&category=production",
    "category=consulting&region=qingdao",
    "subtype=planning&subtype=quality-management",
    "region=jinan",
    "region=qingdao&region=yantai",
    "industry=chemicals",
    "industry=chemicals&category=consulting",
    "industry=building-materials&region=zibo",
    "grade=excellent&grade=qualified",
    "grade=unqualified",
    "year=2025",
    "year=2024&category=technology",
    "status=removed",
    "status=removed&status=selected",
    "status=rectifying",
    "region=atlantis",
    "category=consulting&category=no-such-category",
    "year=abcd",
    "sort=name",
    "sort=grade",
    "sort=newest",
    "sort=sideways",
    "category=infrastructure&sort=name",
    "q=青岛",
    "q=咨询",
    "q=供应链",
    "q=青岛&category=production",
    "q=%E9%9D%92%00%E5%B2%9B",  # 青<NUL>岛
]


def test_filters_give_what_the_html_directory_lists(client, pool, directory):
    """For each query string: the same entries, in the same order, as the HTML directory
    (one pool for all the queries: building it is the slow part)."""
    differences = {}
    for query in SAME_AS_HTML:
        html = client.get(f"{directory.url}?{query}")
        assert html.status_code == 200, query
        listed = [provider.uscc for provider in html.context["results"]]
        assert len(listed) < 20, "keep the test data on one HTML page"
        served = usccs(client.get(f"{LIST}?{query}"))
        if served != listed:
            differences[query] = {"html": listed, "api": served}

    assert differences == {}


def test_keyword_search(client, pool):
    names = {item["name"] for item in client.get(f"{LIST}?q=青岛").json()["results"]}
    assert names == {"青岛海纳智造科技有限公司", "青岛融通信息技术有限公司"}
    # Removed providers stay out of a search too, unless asked for.
    assert client.get(f"{LIST}?q=慧眼").json()["count"] == 0
    assert client.get(f"{LIST}?q=慧眼&status=removed").json()["count"] == 1


def test_facets_or_within_and_across(client, pool):
    consulting = set(usccs(client.get(f"{LIST}?category=consulting")))
    production = set(usccs(client.get(f"{LIST}?category=production")))
    either = set(usccs(client.get(f"{LIST}?category=consulting&category=production")))
    in_qingdao = set(usccs(client.get(f"{LIST}?region=qingdao")))
    both = set(usccs(client.get(f"{LIST}?category=consulting&region=qingdao")))

    assert either == consulting | production
    assert both == consulting & in_qingdao == {pool["qingdao_both"].uscc}


def test_default_order_is_fair(client, pool):
    listed = usccs(client.get(f"{LIST}?page_size=100"))
    expected = sorted(
        (p for p in pool.values() if p.live and p.status != Status.REMOVED),
        key=lambda p: (p.fair_key, p.pk),
    )
    assert listed == [p.uscc for p in expected]


def test_paging(client, pool):
    everything = usccs(client.get(f"{LIST}?page_size=100"))

    first = client.get(f"{LIST}?page_size=5").json()
    third = client.get(f"{LIST}?page_size=5&page=3").json()
    beyond = client.get(f"{LIST}?page_size=5&page=4").json()

    assert first["count"] == third["count"] == beyond["count"] == 13
    assert [item["uscc"] for item in first["results"]] == everything[:5]
    assert [item["uscc"] for item in third["results"]] == everything[10:]
    assert (third["page"], third["page_size"]) == (3, 5)
    assert beyond["results"] == []


# --- Published content only ----------------------------------------------------------------


def test_drafts_and_unpublished_providers_are_absent(client, pool):
    listed = set(usccs(client.get(f"{LIST}?page_size=100")))
    listed |= set(usccs(client.get(f"{LIST}?page_size=100&status=removed")))

    for key in ("draft", "unpublished"):
        assert pool[key].uscc not in listed
        response = client.get(detail_url(pool[key].uscc))
        assert response.status_code == 404
        assert set(response.json()) == {"detail"}


def test_unpublished_changes_are_not_served(client, pool):
    provider = pool["weifang_evaluation"]
    provider.title = "潍坊改名未发布有限公司"
    provider.introduction = "草稿里的简介。"
    provider.save_revision()

    listed = {item["uscc"]: item["name"] for item in client.get(LIST).json()["results"]}
    detail = client.get(detail_url(provider.uscc)).json()

    assert listed[provider.uscc] == "潍坊衡准评测技术有限公司"
    assert detail["name"] == "潍坊衡准评测技术有限公司"
    assert detail["introduction"] == "数字化水平评测。"


# --- The USCC in the URL -------------------------------------------------------------------


def test_lowercase_and_full_width_codes_find_the_provider(client, pool):
    provider = pool["jinan_consulting"]

    for code in (
        provider.uscc.lower(),
        full_width(provider.uscc),
        full_width(provider.uscc.lower()),
    ):
        response = client.get(detail_url(code))
        assert response.status_code == 200, code
        assert response.json()["uscc"] == provider.uscc


@pytest.mark.parametrize(
    "code",
    [
        make_uscc(987_654),  # well-formed, no such provider
        "abc",
        "91370100MA3C5X000",  # 17 characters
        "913701000000001190",  # wrong check character
        "91370100000000I19C",  # I is not in the alphabet
        "%00",
        "x" * 300,
    ],
)
def test_unknown_or_malformed_code_is_a_json_404(client, make_provider, code):
    make_provider()
    response = client.get(detail_url(code))

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"detail"}
    assert isinstance(body["detail"], str) and body["detail"]


# --- Languages -----------------------------------------------------------------------------


def test_english_names_with_lang_en(client, pool):
    provider = pool["qingdao_both"]

    item = next(
        item
        for item in client.get(f"{LIST}?lang=en&region=qingdao").json()["results"]
        if item["uscc"] == provider.uscc
    )
    detail = client.get(f"{detail_url(provider.uscc)}?lang=en").json()

    assert item["region"] == {"slug": "qingdao", "name": "Qingdao"}
    assert item["categories"] == [
        {"slug": "consulting", "name": "Digital consulting providers"},
        {"slug": "production", "name": "Digital production providers"},
    ]
    assert {term["name"] for term in item["subtypes"]} == {
        "Talent development",
        "Production management",
    }
    assert {term["name"] for term in detail["industries"]} == {
        "Chemicals",
        "Electronics and IT",
    }
    assert detail["batch"]["name"] == "2025 batch 1"
    # The page itself is untranslated: its name stays Chinese; its URL is the English site's.
    assert item["name"] == "青岛融通信息技术有限公司"
    assert "/en/" in item["url"]


def test_names_do_not_follow_accept_language(client, make_provider, terms):
    make_provider(categories=[terms.category("production")])
    response = client.get(LIST, HTTP_ACCEPT_LANGUAGE="en")

    names = {term["name"] for item in response.json()["results"] for term in item["categories"]}
    assert "数字化生产服务商" in names


# --- Errors and odd input ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "param"),
    [
        ("page=abc", "page"),
        ("page=0", "page"),
        ("page=-3", "page"),
        ("page=1.5", "page"),
        ("page=" + "9" * 5000, "page"),
        ("page_size=1000", "page_size"),
        ("page_size=0", "page_size"),
        ("page_size=ten", "page_size"),
        ("lang=fr", "lang"),
    ],
)
def test_bad_parameters_are_a_400_in_one_shape(client, directory, query, param):
    response = client.get(f"{LIST}?{query}")

    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"detail", "errors"}
    assert isinstance(body["detail"], str) and param in body["detail"]
    assert body["errors"]
    for error in body["errors"]:
        assert set(error) == {"param", "message"}
        assert isinstance(error["message"], str) and error["message"]
    assert param in {error["param"] for error in body["errors"]}
    assert "public" not in response.get("Cache-Control", "")


def test_page_size_message_says_what_is_allowed(client, directory):
    body = client.get(f"{LIST}?page_size=1000").json()
    assert body["errors"] == [{"param": "page_size", "message": "不能大于 100"}]


def test_detail_rejects_a_bad_language_the_same_way(client, make_provider):
    response = client.get(f"{detail_url(make_provider().uscc)}?lang=xx")
    assert response.status_code == 400
    assert response.json()["errors"][0]["param"] == "lang"


@pytest.mark.parametrize(
    "query",
    [
        "q=" + "数" * 10_000,
        "q=%00",
        "q=%00%01%7F",
        "category=%00",
        "category=" + "x" * 5000,
        "region=" + "&region=".join(["nowhere"] * 200),
        "year=99999999999999999999",
        "sort=%00",
        "status=%E2%80%AE",
        "q=%F0%9F%98%80",
    ],
)
def test_odd_input_never_fails(client, make_provider, query):
    make_provider()
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 200
    assert isinstance(response.json()["results"], list)


def test_unknown_slugs_are_ignored(client, make_provider):
    make_provider()
    make_provider()
    everything = usccs(client.get(LIST))
    assert usccs(client.get(f"{LIST}?category=no-such-category&region=atlantis")) == everything


# --- HTTP caching --------------------------------------------------------------------------


def test_get_responses_are_publicly_cacheable_for_a_minute(client, make_provider):
    for url in (LIST, detail_url(make_provider().uscc)):
        response = client.get(url)
        assert response.status_code == 200
        cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert cache_control == {"public", "max-age=60"}


# --- Cost ----------------------------------------------------------------------------------


def _publish_providers(directory, count, terms):
    categories = [terms.category("consulting"), terms.category("production")]
    subtypes = [terms.subtype("planning"), terms.subtype("quality-management")]
    batch = BatchFactory(year=2025, number=5)
    with DeferredIndexing():  # indexed once at the end, as the importers do
        for n in range(count):
            page = ProviderPageFactory(
                parent=directory,
                categories=categories[: n % 2 + 1],
                subtypes=subtypes[: n % 2 + 1],
                industries=[terms.industry("chemicals")],
                batch=batch,
            )
            page.save_revision().publish()


def _queries(client, url) -> int:
    client.get(url)  # warm the per-process caches (taxonomy names, site root paths)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "query",
    ["", "lang=en", "q=科技", "category=consulting&category=production&industry=chemicals"],
)
def test_a_list_page_costs_the_same_queries_for_10_or_50_providers(client, directory, terms, query):
    url = f"{LIST}?page_size=100&{query}"

    _publish_providers(directory, 10, terms)
    with_10 = _queries(client, url)
    _publish_providers(directory, 40, terms)
    with_50 = _queries(client, url)

    assert len(client.get(url).json()["results"]) == 50
    assert with_10 == with_50, (with_10, with_50)
    assert with_50 <= 18  # the page, its relations, the facet counts
