"""Cross-origin GETs of the API from configured origins, and conditional GETs (ETag → 304)."""

import datetime

import pytest

pytestmark = pytest.mark.django_db

PARTNER = "https://data.jinan.example.cn"


@pytest.fixture
def partner_allowed(settings):
    settings.CORS_ALLOWED_ORIGINS = [PARTNER]


def test_a_configured_origin_may_read_the_api(client, partner_allowed, directory):
    response = client.get("/api/v1/providers", HTTP_ORIGIN=PARTNER)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == PARTNER
    assert "Origin" in response["Vary"]


def test_other_origins_get_no_permission(client, partner_allowed, directory):
    response = client.get("/api/v1/providers", HTTP_ORIGIN="https://evil.example.com")
    assert response.status_code == 200  # same-origin callers are unaffected …
    assert "Access-Control-Allow-Origin" not in response  # … the browser blocks this one


def test_preflight_allows_get_only(client, partner_allowed):
    get = client.options(
        "/api/v1/providers", HTTP_ORIGIN=PARTNER, HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert get.status_code == 204
    assert get["Access-Control-Allow-Origin"] == PARTNER
    assert "GET" in get["Access-Control-Allow-Methods"]
    post = client.options(
        "/api/v1/certificates/verify",
        HTTP_ORIGIN=PARTNER,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )
    assert "Access-Control-Allow-Origin" not in post


def test_a_wildcard_setting_allows_any_origin(client, settings, directory):
    settings.CORS_ALLOWED_ORIGINS = ["*"]
    response = client.get("/api/v1/taxonomy", HTTP_ORIGIN="https://anyone.example.org")
    assert response["Access-Control-Allow-Origin"] == "*"


def test_pages_are_not_opened_cross_origin(client, partner_allowed, home):
    response = client.get("/", HTTP_ORIGIN=PARTNER)
    assert "Access-Control-Allow-Origin" not in response


@pytest.mark.parametrize("url", ["/api/v1/providers", "/api/v1/taxonomy", "/"])
def test_a_repeated_get_with_the_etag_is_answered_304(client, directory, url):
    first = client.get(url)
    assert first.status_code == 200
    etag = first["ETag"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""


def test_details_carry_last_modified_and_honour_if_modified_since(client, make_provider):
    provider = make_provider()
    url = f"/api/v1/providers/{provider.uscc}"
    first = client.get(url)
    assert first.status_code == 200
    last_modified = first["Last-Modified"]
    assert last_modified.endswith("GMT")
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    # A later publication (a second later at least: HTTP dates have whole seconds) is a change.
    provider.save_revision().publish()
    later = provider.last_published_at + datetime.timedelta(seconds=2)
    type(provider).objects.filter(pk=provider.pk).update(last_published_at=later)
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 200
