"""A frequent term's hits and scores kept beside the index: searches read them instead of
matching, and find exactly what the match finds, in the same order and with the same scores,
whatever is published, edited, unpublished or deleted afterwards."""

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.search.backends import get_search_backend

from catalogue.factories import (
    ProviderIndexPageFactory,
    ProviderPageFactory,
    SolutionPageFactory,
)
from catalogue.models import ProviderPage
from search.impacts import INSTANCES, TERMS

pytestmark = pytest.mark.django_db

TERM = "工业互联网"


@pytest.fixture
def frequent(settings):
    settings.SEARCH_IMPACT_MIN_ENTRIES = 3


@pytest.fixture
def directory(home):
    return ProviderIndexPageFactory(parent=home)


def provider(directory, title, introduction):
    page = ProviderPageFactory(parent=directory, title=title, introduction=introduction)
    page.save_revision().publish()
    return page


@pytest.fixture
def providers(directory):
    # The term in the title or not, once or more, in texts of other lengths: other scores;
    # and in a solution, a hit of another type, counted on its own tab.
    found = [
        provider(directory, "青岛工业互联网科技有限公司", "工业互联网平台。"),
        provider(directory, "济南云启软件有限公司", "工业互联网标识解析与工业互联网平台建设。"),
        provider(directory, "烟台海纳数据有限公司", "提供工业互联网改造服务，覆盖设备联网。"),
        provider(
            directory,
            "潍坊智联信息技术有限公司",
            "为中小企业提供数字化转型咨询、设备运维和工业互联网解决方案。",
        ),
        provider(directory, "日照远航物流有限公司", "仓储管理与运输调度。"),
    ]
    solution = SolutionPageFactory(parent=found[0], title="工业互联网平台一体机")
    solution.save_revision().publish()
    return found


def kept_terms() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT term FROM {TERMS}")  # noqa: S608
        return {term for (term,) in cursor.fetchall()}


def ranked_titles(query: str) -> list[str]:
    """The providers the search API finds, best first."""
    response = Client().get("/api/v1/search", {"q": query, "type": "provider"})
    assert response.status_code == 200
    return [result["title"] for result in response.json()["results"]]


def entry_scores(query: str) -> dict:
    return dict(ProviderPage.objects.search(query).entry_scores(ranked=(ProviderPage,)))


def matched(query: str) -> tuple[list[str], dict]:
    """The results and scores as the full-text match gives them, with no term kept (the
    terms are dropped in a savepoint, rolled back after)."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TERMS}")  # noqa: S608
        found = ranked_titles(query), entry_scores(query)
        transaction.set_rollback(True)
    return found


def read(query: str) -> tuple[list[str], dict]:
    return ranked_titles(query), entry_scores(query)


def test_a_frequent_term_is_kept_and_found_as_the_match_finds_it(frequent, providers):
    first = read(TERM)  # the match finds four: the term is kept from now on
    assert TERM in kept_terms()

    with CaptureQueriesContext(connection) as queries:
        kept = read(TERM)
    match = "@@" if connection.vendor == "postgresql" else " MATCH "
    assert not [q for q in queries.captured_queries if match in q["sql"]]  # no match made
    assert kept == first == matched(TERM)
    assert len(kept[0]) == 4
    assert None in kept[1].values()  # the solution's hit, not ranked with the providers
    assert len(set(kept[1].values())) > 1  # scores that tell the entries apart


def test_a_term_in_few_entries_or_with_other_words_is_not_kept(frequent, providers):
    assert read("仓储管理")[0] == ["日照远航物流有限公司"]
    assert set(read(f"{TERM} 平台")[0]) == {"青岛工业互联网科技有限公司", "济南云启软件有限公司"}
    assert kept_terms() == set()


def test_kept_hits_follow_what_is_published_edited_unpublished_and_deleted(
    frequent, directory, providers
):
    read(TERM)
    assert TERM in kept_terms()

    provider(directory, "临沂新材数字科技有限公司", "工业互联网赋能新材料工厂。")
    assert "临沂新材数字科技有限公司" in read(TERM)[0]

    edited = providers[2]
    edited.introduction = "提供设备联网服务。"
    edited.save_revision().publish()
    assert edited.title not in read(TERM)[0]

    providers[3].unpublish()
    assert providers[3].title not in read(TERM)[0]

    providers[1].delete()
    assert providers[1].title not in read(TERM)[0]

    assert read(TERM) == matched(TERM)
    assert set(read(TERM)[0]) == {"青岛工业互联网科技有限公司", "临沂新材数字科技有限公司"}


def test_a_bulk_reindex_keeps_the_kept_hits(frequent, providers):
    read(TERM)
    ProviderPage.objects.filter(pk=providers[0].pk).update(title="青岛海岳科技有限公司")
    backend = get_search_backend()
    backend.add_bulk(ProviderPage, list(ProviderPage.get_indexed_objects()))

    assert read(TERM) == matched(TERM)
    assert "青岛海岳科技有限公司" in read(TERM)[0]


def test_the_search_answers_when_the_hits_cannot_be_kept(frequent, providers, caplog):
    with connection.cursor() as cursor:  # rolled back with the test
        if connection.vendor == "postgresql":
            cursor.execute("DROP FUNCTION search_keep_term(text, regconfig, float4[])")
        else:
            cursor.execute(f"DROP TABLE {INSTANCES}")

    assert len(read(TERM)[0]) == 4
    assert kept_terms() == set()
    assert [r for r in caplog.records if r.levelname == "ERROR"]  # said, not hidden
