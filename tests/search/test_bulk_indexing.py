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
    columns = (
        "e.id, object_id, title::text, autocomplete::text, body::text, title_text, body_text, "
        "title_norm"
        if connection.vendor == "postgresql"
        else "e.id, object_id, title, autocomplete, body, title_norm"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT {columns}
               FROM wagtailsearch_indexentry e JOIN django_content_type t
                 ON t.id = e.content_type_id
               WHERE t.app_label = %s AND t.model = %s ORDER BY object_id""",  # noqa: S608
            [model._meta.app_label, model._meta.model_name],
        )
        return cursor.fetchall()


def _stock_index_class():
    if connection.vendor == "postgresql":
        from modelsearch.backends.database.postgres.postgres import PostgresIndex

        return PostgresIndex
    from modelsearch.backends.database.sqlite.sqlite import SQLiteIndex

    return SQLiteIndex


@pytest.mark.parametrize("model", [ProviderPage, SolutionPage])
def test_index_rows_are_the_ones_modelsearch_writes(catalogue, model):
    """The index rows are written with one statement (search.backends.database.
    SQLiteEntryWriter, PostgresEntryWriter): every column as modelsearch's own writer stores it,
    and a second indexing updates the entries in place (same ids) instead of adding rows. The
    English aliases have their pages' texts (PostgreSQL computes such vectors once)."""
    from portal.translation import sync_english_aliases
    from search.documents import AnalysedDocument, prepare_for_indexing

    sync_english_aliases()
    backend = get_search_backend()
    objects = list(model.get_indexed_objects().order_by("translation_key", "locale_id"))
    assert len({obj.translation_key for obj in objects}) * 2 == len(objects) == 16
    backend.add_bulk(model, objects)
    ours = _entries(model)
    assert len(ours) == len(objects)
    assert all(row[2] and row[4] for row in ours)  # title and body are not empty

    # A changed title reaches the entry (and the full-text table) in place.
    renamed = objects[0]
    renamed.title = "改名后的测试名称"
    backend.add_bulk(model, [renamed])
    again = _entries(model)
    assert [row[0] for row in again] == [row[0] for row in ours]
    entry_id = {row[1]: row[0] for row in ours}[str(renamed.pk)]
    assert [row[0] for row in again if "改名" in row[2]] == [entry_id]
    assert [p.pk for p in model.objects.search("改名后的测试名称")] == [renamed.pk]

    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM wagtailsearch_indexentry")
    prepare_for_indexing(model, objects)
    index = backend.get_index_for_model(model)
    _stock_index_class().add_items(index, model, [AnalysedDocument(obj) for obj in objects])
    stock = _entries(model)
    assert [row[1:] for row in stock] == [row[1:] for row in again]


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


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's rebuild")
def test_a_failed_rebuild_is_rolled_back_and_finds_what_it_found(catalogue):
    """A database error inside an atomic rebuild (the end of which merges SQLite's full-text
    index) leaves the index as it was, and the connection usable."""
    from django.db import DatabaseError, transaction

    backend = get_search_backend()
    before = {page.title for page in ProviderPage.objects.live().search("山东测试")}
    rebuilder = backend.rebuilder_class(backend.get_index_for_model(ProviderPage))
    index = rebuilder.start()
    index.add_items(ProviderPage, [ProviderPage.objects.first()])
    with (
        pytest.raises(DatabaseError),
        transaction.atomic(savepoint=False),
        connection.cursor() as cursor,
    ):
        cursor.execute("SELECT * FROM no_such_table")
    rebuilder.finish()

    assert {page.title for page in ProviderPage.objects.live().search("山东测试")} == before
    assert len(before) == 8


@pytest.mark.parametrize("model", [ProviderPage, SolutionPage])
def test_analysed_fields_read_what_modelsearch_reads(catalogue, model):
    """The analysed search fields read each value without modelsearch's per-read look-ups
    (search.documents._source_value): the same values, field by field, related ones too."""
    from modelsearch.index import RelatedFields, SearchField

    from search.documents import _flatten, _source_value

    def compare(field, obj):
        if isinstance(field, RelatedFields):
            related = field.get_value(obj)
            for item in related.all() if hasattr(related, "all") else [related]:
                for sub_field in field.fields:
                    compare(sub_field, item)
        elif isinstance(field, SearchField):
            read = _source_value(field, obj)
            assert _flatten(read) == _flatten(field.get_value(obj)), field.field_name
            compared.append(field.field_name)

    compared = []
    for obj in model.get_indexed_objects():
        for field in model.get_search_fields():
            compare(field, obj)
    assert {"title", "name"} <= set(compared)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's parameter limit")
def test_many_objects_are_written_in_several_statements_with_the_same_rows(catalogue, monkeypatch):
    """PostgreSQL takes at most 65,535 parameters in one statement: a big batch is written in
    parts, and every object gets its entry as in one statement."""
    from search.backends.database import PostgresEntryWriter

    backend = get_search_backend()
    objects = list(ProviderPage.get_indexed_objects().order_by("pk"))
    backend.add_bulk(ProviderPage, objects)
    whole = _entries(ProviderPage)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM wagtailsearch_indexentry")
    monkeypatch.setattr(PostgresEntryWriter, "OBJECTS_PER_STATEMENT", 3)
    with CaptureQueriesContext(connection) as queries:
        backend.add_bulk(ProviderPage, objects)
    writes = [q for q in queries if "INSERT INTO wagtailsearch_indexentry" in q["sql"]]
    assert len(writes) == 3  # 8 objects, 3 per statement
    assert [row[1:] for row in _entries(ProviderPage)] == [row[1:] for row in whole]
