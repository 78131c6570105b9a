"""What search engines read: sitemap.xml in both languages, robots.txt, canonical and hreflang
links, and schema.org data on provider pages."""

import json
import re
import xml.etree.ElementTree as ET

import pytest

from catalogue.factories import ProviderIndexPageFactory
from catalogue.models import Status, StatusChange
from tests.catalogue.catalogue_helpers import make_provider, publish

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture
def client(client):
    """Requests to the site's own host name, so that absolute links all name one host."""
    client.defaults["HTTP_HOST"] = "localhost"
    return client


@pytest.fixture
def directory(home):
    return publish(ProviderIndexPageFactory(parent=home))


@pytest.fixture
def provider(directory):
    page = make_provider(
        directory,
        title="济南云帆数字科技有限公司",
        address="济南市历下区经十路1号",
        website="https://yunfan.example.cn",
        contact_phone="0531-88886666",
        introduction="提供 <b>咨询</b> 与实施服务 </script>",
    )
    return publish(page)


def test_the_sitemap_lists_both_languages_with_alternates(client, provider, directory):
    removed = make_provider(
        directory,
        title="已清退服务商",
        changes=[("2025-01-01", Status.SELECTED, "入选"), ("2025-06-01", Status.REMOVED, "清退")],
    )
    publish(removed)
    draft = make_provider(directory, title="草稿", publish_now=False, live=False)

    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own sitemap
    locations = {url.find(f"{SITEMAP}loc").text: url for url in root.findall(f"{SITEMAP}url")}
    chinese = f"http://localhost{provider.url}"
    english = f"http://localhost/en{provider.url}"
    assert chinese in locations and english in locations
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in locations[chinese].findall(f"{XHTML}link")
    }
    assert alternates == {"zh-Hans": chinese, "en": english}
    assert not any(removed.slug in loc for loc in locations)
    assert not any(draft.slug in loc for loc in locations)


def test_robots_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://localhost/sitemap.xml" in text


def test_pages_have_canonical_and_hreflang_links(client, provider):
    html = client.get(provider.url).content.decode()
    assert f'<link rel="canonical" href="http://localhost{provider.url}">' in html
    assert f'hreflang="en" href="http://localhost/en{provider.url}"' in html
    assert f'hreflang="zh-Hans" href="http://localhost{provider.url}"' in html
    assert f'hreflang="x-default" href="http://localhost{provider.url}"' in html
    english = client.get(f"/en{provider.url}").content.decode()
    assert f'<link rel="canonical" href="http://localhost/en{provider.url}">' in english


def test_provider_pages_describe_the_organization(client, provider):
    html = client.get(provider.url).content.decode()
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no structured data"
    assert "</script" not in match.group(1)  # the introduction cannot break out
    data = json.loads(match.group(1))
    assert data["@type"] == "Organization"
    assert data["name"] == "济南云帆数字科技有限公司"
    assert data["identifier"]["value"] == provider.uscc
    assert data["address"]["addressLocality"] == "济南市"
    assert data["telephone"] == "0531-88886666"
    assert data["description"].startswith("提供 <b>咨询</b>")


def test_a_removed_provider_has_no_structured_data(client, directory):
    page = make_provider(directory, title="已清退")
    page.status_changes.add(StatusChange(date="2025-06-01", status=Status.REMOVED, reason="清退"))
    page.save()
    publish(page)
    html = client.get(page.url).content.decode()
    assert "application/ld+json" not in html


def test_the_language_switch_keeps_a_listings_filters(client, directory):
    html = client.get(directory.url, {"region": "jinan", "page": "2"}).content.decode()
    assert f'href="/en{directory.url}?region=jinan&amp;page=2"' in html
