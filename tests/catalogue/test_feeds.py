"""Atom feeds: batches, annual lists, provider status changes and each filtered directory."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest

from catalogue import services
from catalogue.factories import AnnualListIndexPageFactory, AnnualListPageFactory, BatchFactory
from catalogue.models import Status
from tests.catalogue.catalogue_helpers import make_provider, make_solution, publish

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


def atom(response) -> ET.Element:
    """The feed, checked against what RFC 4287 requires of a feed and of its entries."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 - our own feed
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{name}") is not None and feed.find(f"{ATOM}{name}").text, name
    assert RFC3339.match(feed.find(f"{ATOM}updated").text)
    assert any(link.get("rel") == "self" for link in feed.findall(f"{ATOM}link"))
    ids = []
    for entry in feed.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{name}").text, name
        assert RFC3339.match(entry.find(f"{ATOM}updated").text)
        assert re.match(r"^(tag|https?):", entry.find(f"{ATOM}id").text)
        assert entry.find(f"{ATOM}link").get("href").startswith("http")
        ids.append(entry.find(f"{ATOM}id").text)
    assert len(ids) == len(set(ids)), "entry ids must be unique"
    return feed


def titles(feed) -> list[str]:
    return [entry.find(f"{ATOM}title").text for entry in feed.findall(f"{ATOM}entry")]


def test_batches_feed_lists_published_batches_newest_first(client, provider_index):
    BatchFactory(year=2025, number=1, published_on=datetime.date(2025, 1, 20))
    BatchFactory(year=2025, number=2, published_on=datetime.date(2025, 2, 20))
    BatchFactory(year=2099, number=1, published_on=datetime.date(2099, 1, 20))

    feed = atom(client.get("/feeds/batches/"))
    assert titles(feed) == ["2025年第2批入选服务商名单公布", "2025年第1批入选服务商名单公布"]
    english = atom(client.get("/en/feeds/batches/"))
    assert "2025 batch 2" in titles(english)[0]


def test_status_change_feed_shows_public_changes_with_reasons(client, provider_index):
    provider = make_provider(provider_index, title="整改中的服务商")
    publish(provider)
    make_provider(
        provider_index,
        title="未发布的服务商",
        publish_now=False,
        live=False,
        changes=[(datetime.date(2026, 1, 5), Status.REMOVED, "不应公开")],
    )
    services.change_status(
        provider,
        status=Status.RECTIFYING,
        reason="年度评价材料不全",
        deadline=datetime.date(2026, 12, 31),
    )

    response = client.get("/feeds/status-changes/")
    feed = atom(response)
    assert "整改中的服务商：整改中" in titles(feed)
    assert "年度评价材料不全" in response.content.decode()
    assert "未发布的服务商" not in response.content.decode()


def test_annual_list_feed(client, home):
    lists = publish(AnnualListIndexPageFactory(parent=home))
    publish(AnnualListPageFactory(parent=lists, year=2025))
    AnnualListPageFactory(parent=lists, year=2026, live=False)
    feed = atom(client.get("/feeds/annual-lists/"))
    assert titles(feed) == ["2025年度优质服务商名单"]
    english = atom(client.get("/en/feeds/annual-lists/"))
    assert "/en/annual-lists/2025/" in english.find(f"{ATOM}entry/{ATOM}link").get("href")


def test_each_filtered_directory_view_has_its_feed(client, provider_index, solution_index):
    jinan = make_provider(provider_index, title="济南的服务商", region="jinan")
    make_provider(provider_index, title="青岛的服务商", region="qingdao")
    make_solution(jinan, title="济南的方案")
    publish(jinan)

    everything = atom(client.get(f"{provider_index.url}feed/"))
    only_jinan = atom(client.get(f"{provider_index.url}feed/", {"region": "jinan"}))
    assert set(titles(everything)) == {"济南的服务商", "青岛的服务商"}
    assert titles(only_jinan) == ["济南的服务商"]
    assert titles(atom(client.get(f"{solution_index.url}feed/"))) == ["济南的方案"]
    # The listing page announces its feed, with the same filters.
    html = client.get(provider_index.url, {"region": "jinan"}).content.decode()
    assert re.search(r'type="application/atom\+xml"[^>]+feed/\?region=jinan', html)
