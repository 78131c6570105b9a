"""The API's description (OpenAPI 3 at ``/api/v1/openapi.json``, docs at ``/api/v1/docs``) and
Wagtail's page API at ``/api/v2/``."""

import pytest
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction

from portal.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

OPERATIONS = {
    "/api/v1/providers": {200, 400},
    "/api/v1/providers/{uscc}": {200, 400, 404, 410},
    "/api/v1/solutions": {200, 400},
    "/api/v1/cases": {200, 400},
    "/api/v1/cases/{case_id}": {200, 400, 404},
    "/api/v1/conferences": {200, 400},
    "/api/v1/conferences/{year}": {200, 400, 404},
    "/api/v1/annual-lists": {200, 400},
    "/api/v1/annual-lists/{year}": {200, 400, 404},
    "/api/v1/batches": {200, 400},
    "/api/v1/taxonomy": {200, 400},
    "/api/v1/blacklist": {200, 400},
}


@pytest.fixture
def spec(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def _resolve(spec: dict, ref: str) -> dict:
    assert ref.startswith("#/"), ref
    node = spec
    for part in ref[2:].split("/"):
        assert part in node, f"unresolved $ref {ref}"
        node = node[part]
    return node


def _refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


def test_openapi_document_is_openapi_3(spec):
    assert spec["openapi"].startswith("3.")
    assert spec["info"]["title"] == "数智服务商资源池 API"
    assert spec["info"]["version"] == "1"
    assert spec["info"]["description"]
    for ref in _refs(spec):
        _resolve(spec, ref)


def test_every_endpoint_is_documented(spec):
    assert set(OPERATIONS) <= set(spec["paths"])
    for path, statuses in OPERATIONS.items():
        operation = spec["paths"][path]["get"]
        assert operation["summary"]
        assert {int(code) for code in operation["responses"]} == statuses, path
        for response in operation["responses"].values():
            assert response["description"]
            schema = response["content"]["application/json"]["schema"]
            assert "$ref" in schema or "$ref" in schema.get("items", {}), path
        for parameter in operation["parameters"]:
            assert parameter["in"] in {"query", "path"}
            assert parameter["name"] and "schema" in parameter
            assert parameter.get("description"), parameter["name"]


def test_filters_and_paging_are_documented(spec):
    def names(path):
        return {p["name"] for p in spec["paths"][path]["get"]["parameters"]}

    assert names("/api/v1/providers") == {
        "category",
        "subtype",
        "region",
        "industry",
        "grade",
        "year",
        "status",
        "q",
        "sort",
        "page",
        "page_size",
        "lang",
    }
    assert names("/api/v1/solutions") >= {
        "category",
        "industry",
        "deployment",
        "price",
        "xkqz",
        "page",
        "page_size",
        "lang",
    }
    assert names("/api/v1/providers/{uscc}") == {"uscc", "lang"}

    page_size = next(
        p
        for p in spec["paths"]["/api/v1/providers"]["get"]["parameters"]
        if p["name"] == "page_size"
    )
    assert page_size["schema"]["maximum"] == 100
    assert page_size["schema"]["default"] == 20


def test_error_bodies_are_described(spec):
    schemas = spec["components"]["schemas"]
    assert set(schemas["ValidationErrorOut"]["properties"]) == {"detail", "errors"}
    assert set(schemas["ErrorOut"]["properties"]) == {"detail"}
    item = _resolve(spec, schemas["ValidationErrorOut"]["properties"]["errors"]["items"]["$ref"])
    assert set(item["properties"]) == {"param", "message"}


def test_result_schemas_name_the_contract_fields(spec):
    schemas = spec["components"]["schemas"]
    assert set(schemas["ProviderSummary"]["properties"]) == {
        "uscc",
        "name",
        "url",
        "region",
        "categories",
        "subtypes",
        "status",
        "latest_grade",
    }
    assert {"grades", "status_timeline", "solutions", "batch"} <= set(
        schemas["ProviderDetail"]["properties"]
    )
    # No personal data: nothing that looks like an ID number anywhere in the API.
    text = str(schemas).lower()
    assert "id_number" not in text and "身份证" not in text


def test_docs_page(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert "/api/v1/openapi.json" in response.content.decode()
    assert reverse("api-v1:openapi-json") == "/api/v1/openapi.json"


# --- Wagtail's page API ------------------------------------------------------------------


def test_page_api_lists_only_live_public_pages(client, home, publish_page):
    live = publish_page(title="申报指南", slug="apply")
    draft = StandardPageFactory(parent=home, title="草稿页", slug="draft", live=False)
    draft.save_revision()
    withdrawn = publish_page(title="撤回页", slug="withdrawn")
    withdrawn.unpublish()
    private = publish_page(title="内部页", slug="private")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    private_child = publish_page(title="内部子页", slug="inside", parent=private)
    private_alias = Page.objects.get(alias_of=private)  # /en/private/, restricted like its source

    response = client.get("/api/v2/pages/")

    assert response.status_code == 200
    body = response.json()
    ids = {item["id"] for item in body["items"]}
    assert live.pk in ids
    assert {draft.pk, withdrawn.pk, private.pk, private_child.pk, private_alias.pk}.isdisjoint(ids)
    assert body["meta"]["total_count"] == len(ids) < 20  # one page (the API's default limit)
    # Exactly the pages an anonymous visitor can open on the HTML site.
    expected = {
        page.pk
        for page in Page.objects.live().filter(depth__gt=1)
        if not page.get_view_restrictions().exists()
    }
    assert ids == expected
    html = client.get("/en/private/")  # the HTML site agrees: a password form
    assert any("password_required" in t.name for t in html.templates if t.name)

    assert client.get(f"/api/v2/pages/{live.pk}/").status_code == 200
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404
    assert client.get(f"/api/v2/pages/{private.pk}/").status_code == 404
    assert client.get(f"/api/v2/pages/{private_alias.pk}/").status_code == 404


def test_image_and_document_endpoints_exist(client, home):
    assert client.get("/api/v2/images/").status_code == 200
    assert client.get("/api/v2/documents/").status_code == 200
