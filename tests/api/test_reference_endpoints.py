"""Reference data in the API: /api/v1/annual-lists, /batches, /taxonomy, /blacklist, and the
cases a provider's detail lists."""

import datetime

import pytest
from django.utils import timezone

from cases.factories import CaseIndexPageFactory
from catalogue.factories import (
    AnnualListEntryFactory,
    AnnualListIndexPageFactory,
    AnnualListPageFactory,
    BatchFactory,
    BlacklistEntryFactory,
)
from catalogue.models import Category, Region
from tests.api.conftest import publish
from tests.cases.cases_helpers import make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def annual_list(home, make_provider):
    lists = publish(AnnualListIndexPageFactory(parent=home))
    page = AnnualListPageFactory(parent=lists, year=2025)
    shown = make_provider(title="名单内已发布服务商")
    hidden = make_provider(title="名单内未发布服务商", publish_it=False)
    AnnualListEntryFactory(annual_list=page, provider=hidden, grade="qualified")
    AnnualListEntryFactory(annual_list=page, provider=shown, grade="excellent", note="首次入选")
    return publish(page), shown, hidden


def test_annual_lists_and_a_list_with_its_entries(client, annual_list):
    page, shown, hidden = annual_list
    lists = client.get("/api/v1/annual-lists").json()
    assert lists == [{"year": 2025, "title": page.title, "url": lists[0]["url"], "entry_count": 2}]

    detail = client.get("/api/v1/annual-lists/2025").json()
    grades = [entry["grade"]["code"] for entry in detail["entries"]]
    assert grades == ["excellent", "qualified"]  # 优秀 first
    first, second = detail["entries"]
    assert first["provider"]["uscc"] == shown.uscc and first["note"] == "首次入选"
    # An unpublished provider's entry stays (the list was published) without a link.
    assert second["provider"] is None
    assert hidden.uscc not in str(detail)

    assert client.get("/api/v1/annual-lists/2024").status_code == 404
    assert client.get("/api/v1/annual-lists/abc").status_code == 400


def test_a_draft_annual_list_is_not_served(client, home):
    lists = publish(AnnualListIndexPageFactory(parent=home))
    AnnualListPageFactory(parent=lists, year=2026, live=False)
    assert client.get("/api/v1/annual-lists").json() == []
    assert client.get("/api/v1/annual-lists/2026").status_code == 404


def test_batches_count_published_providers_and_hide_future_batches(client, make_provider):
    today = timezone.localdate()
    batch = BatchFactory(year=2025, number=3, published_on=datetime.date(2025, 3, 20))
    BatchFactory(year=today.year + 1, number=1, published_on=today + datetime.timedelta(days=40))
    make_provider(batch=batch)
    make_provider(batch=batch, publish_it=False)

    body = client.get("/api/v1/batches").json()
    assert [(b["name"], b["provider_count"]) for b in body] == [("2025年第3批", 1)]
    assert client.get("/api/v1/batches", {"lang": "en"}).json()[0]["name"] == "2025 batch 3"


def test_taxonomy_lists_every_filter_value(client, terms):
    body = client.get("/api/v1/taxonomy", {"lang": "en"}).json()
    assert len(body["categories"]) == 10
    consulting = next(c for c in body["categories"] if c["slug"] == "consulting")
    assert consulting["number"] == 2
    assert "planning" in {s["slug"] for s in consulting["subtypes"]}
    jinan = next(r for r in body["regions"] if r["slug"] == "jinan")
    assert jinan["name"] == "Jinan"
    assert len(body["regions"]) == Region.objects.filter(locale__language_code="zh-hans").count()
    assert Category.objects.filter(locale__language_code="zh-hans").count() == 10


def test_blacklist_public_fields_and_active_filter(client):
    today = timezone.localdate()
    active = BlacklistEntryFactory(start_date=today - datetime.timedelta(days=30))
    expired = BlacklistEntryFactory(
        start_date=datetime.date(2018, 1, 1), end_date=datetime.date(2021, 12, 31)
    )
    everything = client.get("/api/v1/blacklist").json()
    assert {e["uscc"] for e in everything} == {active.uscc, expired.uscc}
    assert set(everything[0]) == {"uscc", "name", "reason", "start_date", "end_date", "active"}
    only_active = client.get("/api/v1/blacklist", {"active": "true"}).json()
    assert [e["uscc"] for e in only_active] == [active.uscc]
    assert only_active[0]["active"] is True
    only_expired = client.get("/api/v1/blacklist", {"active": "false"}).json()
    assert [e["uscc"] for e in only_expired] == [expired.uscc]
    assert client.get("/api/v1/blacklist", {"active": "maybe"}).status_code == 400


def test_a_providers_detail_lists_its_published_cases(client, home, make_provider):
    provider = make_provider(title="案例服务商")
    cases = CaseIndexPageFactory(parent=home)
    publish(cases)
    make_case(cases, title="已发布的案例", providers=[provider], year=2025)
    make_case(cases, title="草稿案例", providers=[provider], publish_now=False)

    body = client.get(f"/api/v1/providers/{provider.uscc}").json()
    assert [(c["title"], c["year"]) for c in body["cases"]] == [("已发布的案例", 2025)]
