"""Indexing many objects at once (update_index, the importers' deferred indexing): the related
values the search fields read are loaded for the whole batch, and what is indexed stays the
same."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.search.backends import get_search_backend

from catalogue import taxonomy
from catalogue.factories import ProviderIndexPageFactory, ProviderPageFactory, SolutionPageFactory
from catalogue.models import Category, Industry, ProviderPage, Region, SolutionPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(home):
    index = ProviderIndexPageFactory(parent=home)
    regions = list(taxonomy.canonical(Region))
    categories = list(taxonomy.canonical(Category))
    industries = list(taxonomy.canonical(Industry))
    for i in range(8):
        provider = ProviderPageFactory(
            parent=index,
            title=f"山东测试{i}号科技有限公司",
            region=regions[i % len(regions)],
            categories=categories[i % 3 : i % 3 + 2],
            industries=industries[i % 5 : i % 5 + 2],
        )
        provider.save_revision().publish()
        solution = SolutionPageFactory(
            parent=provider, title=f"测试方案{i}", industries=industries[:2]
        )
        solution.save_revision().publish()


def reindex(model, count):
    objects = list(model.get_indexed_objects().order_by("pk")[:count])
    with CaptureQueriesContext(connection) as queries:
        get_search_backend().add_bulk(model, objects)
    return len(queries)


@pytest.mark.parametrize("model", [ProviderPage, SolutionPage])
def test_related_values_are_read_once_per_batch_not_per_object(catalogue, model):
    # At most one write per indexed object; the relations (categories, subtypes, industries,
    # the provider's name and city) are not read again for each object.
    assert reindex(model, 8) - reindex(model, 2) <= 6


def test_a_bulk_reindex_keeps_related_names_searchable(catalogue):
    backend = get_search_backend()
    for model in (ProviderPage, SolutionPage):
        backend.add_bulk(model, list(model.get_indexed_objects()))
    provider = ProviderPage.objects.get(title="山东测试4号科技有限公司")
    city = provider.region.name
    industry = provider.industries.first().name

    found = {p.title for p in ProviderPage.objects.live().search(f"{city} {industry}")}
    assert provider.title in found
    # A solution is found by its provider's name.
    solutions = SolutionPage.objects.live().search("山东测试4号科技有限公司")
    assert [s.title for s in solutions] == ["测试方案4"]


def _entries(model) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT object_id, title::text, autocomplete::text, body::text, title_text,
                      body_text, title_norm
               FROM wagtailsearch_indexentry e JOIN django_content_type t
                 ON t.id = e.content_type_id
               WHERE t.app_label = %s AND t.model = %s ORDER BY object_id""",
            [model._meta.app_label, model._meta.model_name],
        )
        return cursor.fetchall()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's index writer")
@pytest.mark.parametrize("model", [ProviderPage, SolutionPage])
def test_postgres_rows_are_the_ones_modelsearch_writes(catalogue, model):
    """The index rows are written without Django expressions (search.backends.database.
    PostgresEntryWriter): every column as modelsearch's own writer stores it."""
    from modelsearch.backends.database.postgres.postgres import PostgresIndex

    from search.documents import AnalysedDocument, prepare_for_indexing

    backend = get_search_backend()
    objects = list(model.get_indexed_objects().order_by("pk"))
    backend.add_bulk(model, objects)
    ours = _entries(model)
    assert len(ours) == len(objects)
    assert all(row[3] and row[1] for row in ours)  # title and body vectors are not empty

    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM wagtailsearch_indexentry")
    prepare_for_indexing(model, objects)
    index = backend.get_index_for_model(model)
    PostgresIndex.add_items(index, model, [AnalysedDocument(obj) for obj in objects])
    assert _entries(model) == ours


def test_a_rebuilt_index_refreshes_the_cached_search_pages(catalogue, client, settings):
    """``update_index`` may change what a search finds; a search page cached before it is not
    served after it."""
    from io import StringIO

    from django.core.management import call_command

    settings.PAGE_CACHE = True
    first = client.get("/search/", {"q": "山东测试"})
    assert client.get("/search/", {"q": "山东测试"})["X-Page-Cache"] == "hit"
    call_command("update_index", stdout=StringIO(), stderr=StringIO())
    again = client.get("/search/", {"q": "山东测试"})
    assert again.get("X-Page-Cache") != "hit"
    assert again.status_code == first.status_code == 200
