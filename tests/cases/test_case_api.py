"""GET /api/v1/cases and /api/v1/cases/{id}."""

import pytest

from cases.factories import (
    CaseResultFactory,
    ConferenceIndexPageFactory,
    ConferencePageFactory,
    PilotZoneFactory,
    PromotionFactory,
)
from catalogue.models import Region, Subtype
from tests.cases.cases_helpers import make_case
from tests.catalogue.catalogue_helpers import publish, term

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_cases(case_index, provider, solution):
    first = make_case(
        case_index,
        title="青岛港口设备数字孪生案例",
        year=2024,
        client_region=term(Region, "qingdao"),
        scenario=term(Subtype, "digital-twin"),
        providers=[provider],
        solutions=[solution],
        publish_now=False,
    )
    CaseResultFactory(page=first, indicator="设备故障率", before=5, after=2, unit="%")
    publish(first)
    second = make_case(case_index, title="潍坊能源计量案例", year=2025, providers=[provider])
    return first, second


def test_the_list_filters_like_the_listing(client, two_cases):
    body = client.get("/api/v1/cases", {"region": "qingdao"}).json()
    assert body["count"] == 1
    result = body["results"][0]
    assert result["title"] == "青岛港口设备数字孪生案例"
    assert result["year"] == 2024
    assert result["scenario"]["slug"] == "digital-twin"
    assert result["providers"][0]["name"] == "潍坊智联工业互联网有限公司"
    assert result["solutions"][0]["title"] == "设备点检与预测性维护系统"

    assert client.get("/api/v1/cases", {"year": "2025"}).json()["count"] == 1
    assert client.get("/api/v1/cases").json()["count"] == 2


def test_a_case_by_id_with_its_results_in_english(client, two_cases):
    first, _ = two_cases
    body = client.get(f"/api/v1/cases/{first.pk}", {"lang": "en"}).json()
    assert body["client_region"]["name"] == "Qingdao"
    assert body["results"] == [
        {
            "indicator": "设备故障率",
            "before": 5.0,
            "after": 2.0,
            "unit": "%",
            "change_percent": -60.0,
        }
    ]
    assert "/en/cases/" in body["url"]
    assert "referee" not in str(body)


def test_drafts_unknown_and_bad_ids(client, case_index, provider):
    draft = make_case(case_index, providers=[provider], publish_now=False)
    assert client.get(f"/api/v1/cases/{draft.pk}").status_code == 404
    assert client.get("/api/v1/cases/999999").status_code == 404
    for bad in ("abc", "-1", "9" * 40):
        response = client.get(f"/api/v1/cases/{bad}")
        assert response.status_code in {400, 404}
        assert "detail" in response.json()
    for params in ({"page": "0"}, {"page_size": "1000"}, {"lang": "fr"}):
        response = client.get("/api/v1/cases", params)
        assert response.status_code == 400
        assert response.json()["errors"]


def test_cases_are_a_search_type(client, two_cases):
    body = client.get("/api/v1/search", {"q": "数字孪生", "type": "case"}).json()
    assert [r["title"] for r in body["results"]] == ["青岛港口设备数字孪生案例"]
    response = client.get("/search/", {"q": "数字孪生"})
    tabs = {tab["key"]: tab["count"] for tab in response.context["tabs"]}
    assert tabs["case"] == 1
    response = client.get("/search/case/", {"q": "数字孪生"})
    assert [case.title for case in response.context["results"]] == ["青岛港口设备数字孪生案例"]
    assert "<mark>数字孪生</mark>" in response.content.decode()


def test_conferences_with_their_cases_and_promotions(client, home, case_index, provider, solution):
    conferences = publish(ConferenceIndexPageFactory(parent=home))
    publish(ConferencePageFactory(parent=conferences, year=2025, place="济南"))
    ConferencePageFactory(parent=conferences, year=2026, live=False)
    make_case(case_index, title="二〇二五年案例", year=2025, providers=[provider])
    PromotionFactory(solution=solution, pilot=PilotZoneFactory(name="烟台市城市试点"), year=2025)

    listed = client.get("/api/v1/conferences").json()
    assert [c["year"] for c in listed] == [2025]

    body = client.get("/api/v1/conferences/2025").json()
    assert [c["title"] for c in body["cases"]] == ["二〇二五年案例"]
    promotion = body["promotions"][0]
    assert promotion["pilot"]["name"] == "烟台市城市试点"
    assert promotion["kind"]["code"] == "city"
    assert promotion["solutions"][0]["solution"]["title"] == solution.title
    assert client.get("/api/v1/conferences/2026").status_code == 404
