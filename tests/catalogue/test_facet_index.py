"""The facet index: the listings answer from it exactly as from SQL, and a publication
refreshes it."""

import random
from array import array
from decimal import Decimal

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from catalogue import facet_index
from catalogue.bulk import DeferredIndexing
from catalogue.directory import PRICE_BANDS, ProviderListing, SolutionListing
from catalogue.models import StatusChange
from portal import page_cache
from tests.catalogue.catalogue_helpers import (
    facet,
    make_provider,
    make_solution,
    result_count,
    result_titles,
)
from tests.catalogue.test_directory import RECTIFYING, REMOVED

pytestmark = pytest.mark.django_db

CATEGORIES = ["consulting", "rnd", "production", "operations", "technology"]
SUBTYPES = ["planning", "product-design", "quality-management"]
REGIONS = ["jinan", "qingdao", "yantai", "weifang"]
INDUSTRIES = ["equipment-manufacturing", "chemicals", "textiles-apparel"]
GRADES = ["excellent", "qualified", "unqualified"]
PRICES = [None, Decimal("3"), Decimal("5"), Decimal("19.9"), Decimal("20"), Decimal("80")]


@pytest.fixture
def pool(provider_index, solution_index):
    """Providers and solutions with random, overlapping facet values (a fixed seed)."""
    with DeferredIndexing():  # indexed once at the end, as the importers do
        rng = random.Random(20261204)
        providers = []
        for i in range(36):
            provider = make_provider(
                provider_index,
                title=f"{rng.choice(['青岛', '济南', '烟台'])}数字科技{i:02d}有限公司",
                categories=rng.sample(CATEGORIES, rng.randint(1, 2)),
                subtypes=rng.sample(SUBTYPES, rng.randint(0, 2)),
                region=rng.choice(REGIONS),
                industries=rng.sample(INDUSTRIES, rng.randint(0, 2)),
                batch=(rng.choice([2024, 2025]), rng.randint(1, 3)) if i % 5 else None,
                grades=[(2025, rng.choice(GRADES))] if i % 3 else [],
                changes=[REMOVED] if i % 11 == 0 else ([RECTIFYING] if i % 7 == 0 else []),
            )
            providers.append(provider)
        for i, provider in enumerate(providers[:24]):
            for j in range(2):
                make_solution(
                    provider,
                    title=f"数字化{'设备' if j else '质量'}管理方案{i:02d}{j}",
                    category=rng.choice(CATEGORIES),
                    industries=rng.sample(INDUSTRIES, rng.randint(0, 2)),
                    deployment_mode=rng.choice(["saas", "private", "hybrid"]),
                    reference_price=rng.choice(PRICES),
                    is_xkqz=rng.random() < 0.4,
                )
    return provider_index, solution_index


def random_states(rng, values, sorts, count):
    """Query strings choosing 0–2 values in random facets, a sort, a page, maybe a keyword."""
    states = ["", "page=2", "q=数字"]
    for _ in range(count):
        query = QueryDict(mutable=True)
        for param, options in values.items():
            if rng.random() < 0.4:
                for value in rng.sample(options, rng.randint(1, min(2, len(options)))):
                    query.appendlist(param, value)
        if rng.random() < 0.3:
            query["q"] = rng.choice(["数字", "青岛", "管理方案", "设备"])
        query["sort"] = rng.choice(sorts)
        query["page"] = rng.choice(["1", "2"])
        states.append(query.urlencode())
    return states


def answer(listing_class, index_page, query_string):
    # Counted first on a listing of its own: without ranked hits to reuse, a keyword's matches
    # are counted on their own (as the site search's other tabs are).
    count = listing_class(QueryDict(query_string), index_page=index_page).match_count()
    listing = listing_class(QueryDict(query_string), index_page=index_page)
    facets = {
        f.param: [(o.value, o.count, o.selected) for o in f.options] for f in listing.facets()
    }
    _paginator, page_obj = listing.page()
    return {
        "facets": facets,
        "count": count,
        "result_count": listing.match_count(),
        "page": [obj.pk for obj in page_obj.object_list],
        "all": listing.ordered_ids(),
    }


def assert_same_both_ways(settings, listing_class, index_page, states):
    with_results = 0
    for state in states:
        settings.FACET_INDEX = False
        from_sql = answer(listing_class, index_page, state)
        settings.FACET_INDEX = True
        from_index = answer(listing_class, index_page, state)
        for key in from_sql:
            if key == "facets":
                for param in from_sql["facets"]:
                    assert from_index["facets"][param] == from_sql["facets"][param], (state, param)
            assert from_index[key] == from_sql[key], (state, key)
        with_results += bool(from_index["page"])
    # The random states must exercise non-empty results, not only agree on nothing.
    assert with_results > len(states) // 3


def test_the_provider_directory_answers_from_the_index_as_from_sql(settings, pool):
    provider_index, _solution_index = pool
    values = {
        "category": CATEGORIES,
        "subtype": SUBTYPES,
        "region": REGIONS,
        "industry": INDUSTRIES,
        "grade": GRADES,
        "year": ["2024", "2025"],
        "status": ["selected", "rectifying", "removed"],
    }
    sorts = ["fair", "name", "newest", "grade", "relevance"]
    states = random_states(random.Random(1), values, sorts, 60)
    assert_same_both_ways(settings, ProviderListing, provider_index, states)


def test_the_solution_catalogue_answers_from_the_index_as_from_sql(settings, pool):
    _provider_index, solution_index = pool
    values = {
        "category": CATEGORIES,
        "industry": INDUSTRIES,
        "deployment": ["saas", "private", "hybrid"],
        "price": [band.value for band in PRICE_BANDS],
        "xkqz": ["yes"],
    }
    sorts = ["fair", "name", "newest", "price", "relevance"]
    states = random_states(random.Random(2), values, sorts, 60)
    assert_same_both_ways(settings, SolutionListing, solution_index, states)


def test_relevance_bands_count_the_best_match_of_an_unlisted_solution(
    settings, provider_index, solution_index
):
    """Solutions are searched among every published one and listed only under a listed
    provider. Scores count as equal within a tenth of the best score, and the best can be an
    unlisted solution's (of a removed provider): the order is the same with the facet index."""
    with DeferredIndexing():
        listed = make_provider(provider_index, title="青岛甲科技有限公司", region="qingdao")
        removed = make_provider(
            provider_index, title="青岛乙科技有限公司", region="qingdao", changes=[REMOVED]
        )
        make_solution(removed, title="振动 振动 振动", description="振动 " * 20)
        for i in range(14):
            make_solution(listed, title=f"方案{i:02d}", description="振动 " + "填充文字 " * (i * 3))
    assert_same_both_ways(settings, SolutionListing, solution_index, ["q=振动"] * 3)


def test_publishing_and_unpublishing_refresh_the_directory(client, provider_index):
    make_provider(provider_index, title="青岛甲科技有限公司", region="qingdao")
    first = client.get("/providers/")
    assert result_count(first) == 1
    assert "yantai" not in facet(first, "region")

    newcomer = make_provider(provider_index, title="烟台乙科技有限公司", region="yantai")
    after_publishing = client.get("/providers/")
    assert result_count(after_publishing) == 2
    assert facet(after_publishing, "region")["yantai"].count == 1
    assert "烟台乙科技有限公司" in result_titles(client.get("/providers/?region=yantai"))

    newcomer.unpublish()
    after_unpublishing = client.get("/providers/")
    assert result_titles(after_unpublishing) == ["青岛甲科技有限公司"]
    assert "yantai" not in facet(after_unpublishing, "region")


def test_a_removed_provider_leaves_the_directory_and_its_solutions_the_catalogue(
    client, provider_index, solution_index
):
    provider = make_provider(provider_index, title="淄博丙科技有限公司", region="zibo")
    make_solution(provider, title="淄博丙设备管理方案", category="production")
    assert result_count(client.get("/solutions/")) == 1
    assert result_count(client.get("/providers/?region=zibo")) == 1

    date, status, reason = REMOVED
    provider.status_changes.add(StatusChange(date=date, status=status, reason=reason))
    provider.save_revision().publish()

    assert result_count(client.get("/solutions/")) == 0
    assert result_count(client.get("/providers/?region=zibo")) == 0
    assert facet(client.get("/providers/?status=removed"), "region")["zibo"].count == 1


def test_another_process_loads_the_shared_index_and_never_an_outdated_one(client, provider_index):
    make_provider(
        provider_index, title="临沂甲科技有限公司", region="linyi", industries=["chemicals"]
    )
    first = client.get("/providers/?sort=name")
    facet_index._indexes.clear()  # as a process that has not read the index yet

    with CaptureQueriesContext(connection) as queries:
        second = client.get("/providers/?sort=name")
    read_again = [q["sql"] for q in queries if "providerpage_industries" in q["sql"]]
    assert not read_again  # loaded from the cache, not read from the database
    assert result_titles(second) == result_titles(first)
    assert facet(second, "industry")["chemicals"].count == 1

    make_provider(provider_index, title="临沂乙科技有限公司", region="linyi")
    facet_index._indexes.clear()
    assert set(result_titles(client.get("/providers/?sort=name"))) == {
        "临沂甲科技有限公司",
        "临沂乙科技有限公司",
    }


def test_a_request_begun_before_a_publication_leaves_the_new_index_in_place(provider_index):
    """A request reads the content version once: one that began before a publication asks for
    the old version's index. It gets one, and the requests of the new version keep theirs
    rather than reading it again (half a second for 30,000 solutions)."""
    make_provider(provider_index, title="临沂甲科技有限公司", region="linyi")
    listing = ProviderListing(QueryDict(""), index_page=provider_index)
    current = page_cache.version()
    kept = facet_index.index_for(listing, current)

    outdated = facet_index.index_for(listing, current - 1)

    assert outdated.version == current - 1 and outdated.size == kept.size == 1
    assert facet_index.index_for(listing, current) is kept


def test_a_provider_indexed_after_its_publication_is_found_without_another(client, provider_index):
    """In production the search index is written by a background task, after the publication
    that refreshed the facet index: a keyword finds the provider once its entry is written, not
    only after the next publication."""
    make_provider(provider_index, title="枣庄甲精密机械有限公司", region="zaozhuang")
    with DeferredIndexing():  # the search entry is written when the block ends
        make_provider(provider_index, title="枣庄乙精密机械有限公司", region="zaozhuang")
        assert result_count(client.get("/providers/")) == 2  # the index is read now
        assert result_titles(client.get("/providers/?q=精密机械")) == ["枣庄甲精密机械有限公司"]

    assert set(result_titles(client.get("/providers/?q=精密机械"))) == {
        "枣庄甲精密机械有限公司",
        "枣庄乙精密机械有限公司",
    }
    # Looked up once, not on every search (an import of drafts publishes nothing for hours).
    with CaptureQueriesContext(connection) as queries:
        assert facet(client.get("/providers/?q=精密机械"), "region")["zaozhuang"].count == 2
    assert not [q for q in queries if '"wagtailsearch_indexentry"."object_id"' in q["sql"]]


def test_a_provider_made_private_leaves_the_directory_at_once(client, provider_index):
    make_provider(provider_index, title="德州甲科技有限公司", region="dezhou")
    private = make_provider(provider_index, title="德州乙科技有限公司", region="dezhou")
    assert result_count(client.get("/providers/")) == 2

    restriction = PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    assert result_titles(client.get("/providers/")) == ["德州甲科技有限公司"]
    assert facet(client.get("/providers/"), "region")["dezhou"].count == 1

    restriction.delete()
    assert result_count(client.get("/providers/")) == 2


@pytest.mark.parametrize("page", ["2", "9223372036854775807", "99999999999999999999"])
def test_pages_beyond_the_end_are_empty_not_errors(client, provider_index, page):
    make_provider(provider_index, title="聊城甲科技有限公司", region="liaocheng")
    response = client.get(f"/api/v1/providers?page={page}")
    assert response.status_code == 200
    assert response.json()["results"] == []
    assert response.json()["count"] == 1
    directory = client.get(f"/providers/?page={page}")
    assert result_titles(directory) == ["聊城甲科技有限公司"]  # clamped to the last page


@pytest.mark.parametrize("last_entry", [60, 5_000_000])
def test_a_match_is_mapped_to_the_listing_whether_entry_ids_are_dense_or_sparse(last_entry):
    """Entry ids written again many times leave gaps: the positions are looked up by list when
    the ids are dense and by dictionary when they are sparse, with the same hits and order."""
    entries = [7, 0, 3, last_entry - 1, 12, 40]  # position 1 has no index entry
    index = facet_index.FacetIndex(
        version=1,
        specs=[],
        pks=array("q", [101, 102, 103, 104, 105, 106]),
        bitmaps={},
        orders={},
        entries=array("q", entries),
        last_entry=last_entry,
    )
    assert isinstance(index._position_by_entry, list if last_entry == 60 else dict)
    # Other types' entries (5, 8), entries of this listing, and one written after the index
    # was read (looked up: not this listing's), scored.
    scores = {3: 1.0, 5: 9.0, 7: 4.0, 8: 2.0, 12: 4.1, 40: 0.2, last_entry - 1: 3.9}
    scores[last_entry + 9] = 8.0
    assert index.entry_hits(scores, ranked=False, db="default") == [0, 2, 3, 4, 5]
    # Bands of a tenth of the best (4.1): 4.0, 4.1 and 3.9 share the top one, in fair order.
    assert index.entry_hits(scores, ranked=True, db="default") == [0, 3, 4, 2, 5]
    assert index.entry_mask(scores, db="default") == 0b111101
