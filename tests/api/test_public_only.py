"""Every GET endpoint of both APIs, walked from the OpenAPI document: drafts, unpublished
providers and personal data (a case's referee contact) never appear."""

import pytest

from cases.factories import (
    CaseIndexPageFactory,
    ConferenceIndexPageFactory,
    ConferencePageFactory,
)
from catalogue.factories import AnnualListIndexPageFactory, AnnualListPageFactory, BatchFactory
from tests.api.conftest import publish
from tests.cases.cases_helpers import make_case

pytestmark = pytest.mark.django_db

SECRETS = ("绝密草稿服务商", "草稿方案甲", "草稿案例乙", "0531-86660000", "赵核实")


@pytest.fixture
def content(home, make_provider, make_solution, solution_catalogue):
    batch = BatchFactory(year=2025, number=2)
    provider = make_provider(title="公开服务商", batch=batch)
    solution = make_solution(provider, title="公开方案")
    draft_provider = make_provider(title="绝密草稿服务商", batch=batch, publish_it=False)
    make_solution(provider, title="草稿方案甲", publish_it=False)
    cases = publish(CaseIndexPageFactory(parent=home))
    case = make_case(
        cases,
        title="公开案例",
        year=2025,
        providers=[provider, draft_provider],
        solutions=[solution],
        referee_name="赵核实",
        referee_phone="0531-86660000",
    )
    make_case(cases, title="草稿案例乙", year=2025, providers=[provider], publish_now=False)
    lists = publish(AnnualListIndexPageFactory(parent=home))
    publish(AnnualListPageFactory(parent=lists, year=2025))
    publish(ConferencePageFactory(parent=publish(ConferenceIndexPageFactory(parent=home))))
    return {"uscc": provider.uscc, "case_id": case.pk, "year": 2025}


def _get_operations(client):
    spec = client.get("/api/v1/openapi.json").json()
    for path, operations in spec["paths"].items():
        if "get" in operations:
            yield path


def test_no_v1_endpoint_serves_drafts_or_personal_data(client, content):
    walked = []
    for template in _get_operations(client):
        path = template.format(**content)
        for query in ("", "?lang=en", "?q=草稿", "?q=核实"):
            response = client.get(path + query)
            assert response.status_code in {200, 400}, (path, query, response.status_code)
            body = response.content.decode()
            for secret in SECRETS:
                assert secret not in body, (path, query, secret)
        walked.append(template)
    assert {"/api/v1/providers", "/api/v1/cases/{case_id}", "/api/v1/search"} <= set(walked)


def test_no_v2_endpoint_serves_drafts_or_personal_data(client, content):
    for url in (
        "/api/v2/pages/?fields=*&limit=100",
        "/api/v2/pages/?type=cases.CasePage&fields=*",
        "/api/v2/pages/?type=catalogue.ProviderPage&fields=*",
        f"/api/v2/pages/{content['case_id']}/",
        "/api/v2/pages/?search=草稿",
    ):
        response = client.get(url)
        assert response.status_code in {200, 400}, url
        body = response.content.decode()
        for secret in SECRETS:
            assert secret not in body, (url, secret)
