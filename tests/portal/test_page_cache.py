"""The anonymous page cache (portal/page_cache.py): anonymous visitors get cached pages until the
next publication; editors, forms and the API are never cached."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from catalogue.factories import ProviderIndexPageFactory
from catalogue.models import Industry
from portal.page_cache import HIT_HEADER, VERSION_KEY, version
from tests.catalogue.catalogue_helpers import make_provider, publish

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


@pytest.fixture
def directory(home):
    return publish(ProviderIndexPageFactory(parent=home))


def test_an_anonymous_page_is_served_from_the_cache_until_something_is_published(client, directory):
    first = client.get(directory.url)
    assert first[HIT_HEADER] == "miss"
    assert "public" in first["Cache-Control"] and "must-revalidate" in first["Cache-Control"]
    assert "Cookie" in first["Vary"]
    second = client.get(directory.url)
    assert second[HIT_HEADER] == "hit"
    assert second.content == first.content

    provider = make_provider(directory, title="新发布的服务商", publish_now=False, live=False)
    assert "新发布的服务商" not in client.get(directory.url).content.decode()  # a draft
    provider.save_revision().publish()

    after = client.get(directory.url)
    assert after[HIT_HEADER] == "miss"
    assert "新发布的服务商" in after.content.decode()


def test_a_taxonomy_change_purges(client, directory):
    client.get(directory.url)
    industry = Industry.objects.filter(locale__language_code="zh-hans").first()
    industry.name = "改名后的行业"
    industry.save()
    assert client.get(directory.url)[HIT_HEADER] == "miss"


def test_editors_always_get_a_fresh_private_page(client, directory, django_user_model):
    client.get(directory.url)  # cached for the anonymous
    editor = django_user_model.objects.create_superuser("editor", "e@example.cn", "pw")
    client.force_login(editor)
    response = client.get(directory.url)
    assert HIT_HEADER not in response
    assert "private" in response["Cache-Control"]


def test_the_etag_revalidates_a_cached_page(client, directory):
    first = client.get(directory.url)
    cached = client.get(directory.url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert cached.status_code == 304


@pytest.mark.parametrize("url", ["/application/", "/api/v1/providers", "/en/certificates/"])
def test_forms_and_the_api_are_not_cached(client, directory, url):
    client.get(url)
    assert HIT_HEADER not in client.get(url)


def test_a_missing_page_is_not_cached(client, home):
    assert client.get("/no-such-page/").status_code == 404
    assert HIT_HEADER not in client.get("/no-such-page/")


def test_languages_and_query_strings_are_cached_apart(client, directory):
    chinese = client.get(directory.url)
    english = client.get(f"/en{directory.url}")
    filtered = client.get(directory.url, {"region": "jinan"})
    assert english[HIT_HEADER] == filtered[HIT_HEADER] == "miss"
    assert chinese.content != english.content


def test_the_menu_follows_publication(client, home, publish_page):
    publish_page(title="申报指南", slug="apply", show_in_menus=True)
    assert "申报指南" in client.get("/").content.decode()
    guide = publish_page(title="遴选条件", slug="criteria", show_in_menus=True)
    assert "遴选条件" in client.get("/").content.decode()
    guide.unpublish()
    assert "遴选条件" not in client.get("/").content.decode()


def test_search_results_are_cached_until_the_next_publication(client, directory):
    assert client.get("/search/", {"q": "咨询"})[HIT_HEADER] == "miss"
    assert client.get("/search/", {"q": "咨询"})[HIT_HEADER] == "hit"
    make_provider(directory, title="咨询新秀有限公司")  # published
    fresh = client.get("/search/", {"q": "咨询"})
    assert fresh[HIT_HEADER] == "miss"


def test_a_page_reads_the_content_version_from_the_shared_cache_once(
    client, directory, monkeypatch
):
    """Every part of a search page (each listing's facet index, the listing pages, the menu)
    asks for the version, and each read is a round trip to Redis in production: once for the
    cached-page lookup and the rest of the request."""
    make_provider(directory, title="咨询新秀有限公司")
    shared = caches["default"]
    reads = []
    read = shared.get_or_set

    def counted(key, *args, **kwargs):
        if key == VERSION_KEY:
            reads.append(key)
        return read(key, *args, **kwargs)

    monkeypatch.setattr(shared, "get_or_set", counted)
    for url in ("/search/?q=咨询", f"{directory.url}?q=咨询"):
        client.get(f"{url}&sort=name")  # reads the listings' facet indexes, once per version
        reads.clear()
        response = client.get(url)
        assert response[HIT_HEADER] == "miss" and "新秀有限公司" in response.content.decode()
        assert len(reads) == 1, url


def test_a_search_reads_the_locale_once_per_publication(client, directory):
    client.get("/search/", {"q": "咨询"})
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/", {"q": "咨询", "page": "1"})  # not cached yet
    assert response[HIT_HEADER] == "miss"
    assert not [query for query in queries if "wagtailcore_locale" in query["sql"]]
    before = version()
    Locale.objects.create(language_code="fr")
    assert version() != before


def test_a_visitor_with_a_session_is_served_by_the_later_middleware(client, directory):
    client.get(directory.url)
    client.cookies["sessionid"] = "not-a-real-session"
    response = client.get(directory.url)
    assert response[HIT_HEADER] == "hit"  # still anonymous: the session is not a login


def test_the_version_changes_again_when_the_publication_commits(
    home, django_capture_on_commit_callbacks
):
    """A page (or facet index) made between the publish signal and the commit read the old
    rows: it must not outlive the commit."""
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        before = version()
        directory = publish(ProviderIndexPageFactory(parent=home))
        make_provider(directory, title="潍坊甲科技有限公司", region="weifang")
        make_provider(directory, title="潍坊乙科技有限公司", region="weifang")
        during = version()
    assert during != before
    # Once per transaction, not once per publication.
    assert sum(callback.__module__ == "portal.page_cache" for callback in callbacks) == 1
    assert version() != during
