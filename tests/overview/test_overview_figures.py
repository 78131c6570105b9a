"""The figures of the statistics page: what counts (published, public, default locale; removed
providers apart; valid certificates of published programmes), a constant number of queries,
and the cache that forgets them when content changes."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue import taxonomy
from catalogue.models import Category, Region, Status
from overview import figures
from portal import page_cache
from tests.catalogue.catalogue_helpers import make_provider, make_solution
from tests.overview.overview_helpers import TODAY, build_content
from training import services
from training.factories import CertificateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(provider_index, case_index, training_index):
    return build_content(provider_index, case_index, training_index)


def ids(model, *slugs):
    return [taxonomy.canonical(model).get(slug=slug).pk for slug in slugs]


def test_providers_in_the_pool_are_published_public_and_not_removed(content):
    result = figures.collect(TODAY)

    # Draft and restricted providers and the English aliases are not counted at all.
    assert result.providers_by_status == {Status.SELECTED: 2, Status.RECTIFYING: 1, "removed": 1}
    assert result.providers_in_pool == 3
    assert result.providers_removed == 1

    consulting, production, evaluation = ids(Category, "consulting", "production", "evaluation")
    assert result.providers_by_category == {consulting: 2, production: 1, evaluation: 1}
    jinan, qingdao = ids(Region, "jinan", "qingdao")
    assert result.providers_by_region == {jinan: 2, qingdao: 1}
    assert result.providers_by_year == {
        (2024, Status.SELECTED): 1,
        (2025, Status.RECTIFYING): 1,
        (None, Status.SELECTED): 1,
    }
    assert result.providers_by_grade == {"excellent": 1, "qualified": 1, "": 1}


def test_solutions_cases_and_certificates(content):
    result = figures.collect(TODAY)

    # Not the removed or restricted providers' solutions, not the draft.
    assert result.solutions_by_deployment == {"saas": 1, "private": 1, "": 1}
    assert result.solutions == 3
    assert result.cases_by_year == {2024: 1, 2025: 2}  # the 2023 draft is left out

    design = str(content["design"].translation_key)
    data = str(content["data"].translation_key)
    # Valid on the day: not the revoked, the expired or the unpublished programme's one.
    assert result.certificates == {(design, 2025): 2, (design, 2026): 1, (data, 2025): 1}
    assert result.valid_certificates == 4
    assert list(result.programmes) == [design, data]  # tree order
    assert result.programmes[design]["zh-hans"] == "解决方案设计"


def test_a_certificate_counts_until_it_expires(content):
    CertificateFactory(
        programme=content["data"],
        issued_on=datetime.date(2024, 3, 1),
        expires_on=datetime.date(2026, 3, 1),
    )
    data = str(content["data"].translation_key)
    assert figures.collect(TODAY).certificates[(data, 2024)] == 1
    assert (data, 2024) not in figures.collect(TODAY + datetime.timedelta(days=1)).certificates


def test_empty_site(db):
    result = figures.collect(TODAY)
    assert result.providers_in_pool == result.solutions == result.cases == 0
    assert result.certificates == {}
    assert len(result.categories) == 10
    assert result.categories[0].name == "数字化评测服务商"


def _grow(provider_index, start, count):
    for n in range(start, start + count):
        provider = make_provider(
            provider_index,
            title=f"服务商{n}",
            slug=f"grow-{n}",
            categories=("consulting", "rnd"),
            region=("jinan", "zibo", "linyi")[n % 3],
            batch=(2020 + n % 5, 1 + n % 3),
            grades=[(2025, ("excellent", "qualified", "unqualified")[n % 3])],
        )
        make_solution(provider, title=f"方案{n}", slug=f"grow-solution-{n}")


def test_reading_the_figures_takes_the_same_queries_however_much_content(content, provider_index):
    with CaptureQueriesContext(connection) as few:
        figures.collect(TODAY)
    _grow(provider_index, 0, 25)
    with CaptureQueriesContext(connection) as many:
        grown = figures.collect(TODAY)
    assert grown.providers_in_pool == 3 + 25
    assert len(many) == len(few) <= 12, [q["sql"] for q in many.captured_queries]


def test_cached_figures_are_read_once(content):
    with CaptureQueriesContext(connection) as first:
        figures.cached_figures()
    with CaptureQueriesContext(connection) as second:
        again = figures.cached_figures()
    assert len(first) > 0
    assert len(second) == 0
    assert again.providers_in_pool == 3


def test_publishing_unpublishing_and_certificates_refresh_the_cache(content, provider_index):
    assert figures.cached_figures().providers_in_pool == 3

    new = make_provider(provider_index, title="新入选", categories=("operations",))
    assert figures.cached_figures().providers_in_pool == 4  # page_published

    new.unpublish()
    assert figures.cached_figures().providers_in_pool == 3  # page_unpublished

    before = figures.cached_figures().valid_certificates
    certificate = CertificateFactory(programme=content["design"])
    assert figures.cached_figures().valid_certificates == before + 1  # saved

    services.revoke(certificate, reason="材料不实")
    assert figures.cached_figures().valid_certificates == before  # revoked (saved)

    certificate.delete()
    content["e"].delete()
    assert figures.cached_figures().providers_in_pool == 2  # deleted


def test_a_page_cache_purge_also_refreshes_the_figures(content):
    """Bulk writes (the certificate import) send no signals but purge the page cache."""
    from training.models import Certificate

    before = figures.cached_figures().valid_certificates
    Certificate.objects.filter(status="valid").update(status="revoked")  # no signal
    assert figures.cached_figures().valid_certificates == before
    page_cache.purge()
    assert figures.cached_figures().valid_certificates == 0
