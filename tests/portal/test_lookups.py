"""``__in_ids`` (portal/lookups.py) finds the rows ``__in`` finds, on both databases."""

import pytest
from django.db import connection
from wagtail.models import Page, PageViewRestriction

from portal.factories import StandardPageFactory
from portal.lookups import JSON_FROM, keys_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(home):
    return [StandardPageFactory(parent=home) for _ in range(5)]


def test_the_rows_are_those_of_in(pages):
    wanted = [pages[0].pk, pages[3].pk, 2**40, -1]  # and keys no row has, one beyond int4
    found = set(Page.objects.filter(pk__in_ids=wanted).values_list("pk", flat=True))
    assert found == set(Page.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    assert found == {pages[0].pk, pages[3].pk}
    assert not Page.objects.filter(pk__in_ids=[]).exists()
    assert Page.objects.exclude(pk__in_ids=[]).count() == Page.objects.count()


def test_a_long_list_finds_the_same_rows(pages):
    # Past JSON_FROM keys SQLite gets them as one JSON parameter.
    wanted = [page.pk for page in pages[1:3]] + list(range(10**6, 10**6 + JSON_FROM))
    found = set(Page.objects.filter(pk__in_ids=wanted).values_list("pk", flat=True))
    assert found == {pages[1].pk, pages[2].pk}


def test_a_relation_takes_it_too(pages):
    PageViewRestriction.objects.create(page=pages[1], restriction_type="login")
    restricted = PageViewRestriction.objects.filter(page_id__in_ids=[p.pk for p in pages])
    assert [r.page_id for r in restricted] == [pages[1].pk]


def test_other_values_are_refused_and_generic_code_falls_back_to_in(pages):
    with pytest.raises(TypeError):
        list(Page.objects.filter(pk__in_ids=[str(pages[0].pk)]))
    assert keys_in("pk", [pages[0].pk]) == {"pk__in_ids": [pages[0].pk]}
    keys = [str(page.translation_key) for page in pages[:2]]
    assert Page.objects.filter(**keys_in("translation_key", keys)).count() == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
def test_postgresql_plans_it_as_it_plans_in(pages):
    # An array of another integer type than the column's misleads the planner's row estimates.
    ids = [page.pk for page in pages]

    def plan(queryset):
        sql, params = queryset.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (COSTS OFF) {sql}", params)
            return [row[0] for row in cursor.fetchall()]

    assert plan(Page.objects.filter(pk__in_ids=ids)) == plan(Page.objects.filter(pk__in=ids))
