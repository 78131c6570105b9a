"""portal.statistics: a table that a bulk job doubles gets fresh planner statistics in the same
transaction, so that the job's next reads are planned for the table as it now is."""

import pytest
from django.db import connection
from taggit.models import Tag

from portal import statistics
from portal.inserts import insert_rows

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's statistics"),
]


@pytest.fixture
def fresh_growth(monkeypatch):
    # ANALYZE writes its counts in place, outside the transaction: an earlier test's analysis
    # outlives its rollback. Start from the empty table's.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE taggit_tag")
    monkeypatch.setattr(statistics, "_growth", {})
    monkeypatch.setattr(statistics, "MIN_ROWS", 200)


def _counted() -> float:
    """The rows the planner's statistics count for the tag table."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [Tag._meta.db_table])
        return max(cursor.fetchone()[0], 0)


def test_a_table_doubled_by_bulk_inserts_is_analysed_in_the_transaction(fresh_growth):
    insert_rows(Tag, [Tag(name=f"标签{i}", slug=f"tag-{i}") for i in range(150)])
    assert _counted() < 150  # below the threshold: left to autovacuum
    insert_rows(Tag, [Tag(name=f"标签{i}", slug=f"tag-{i}") for i in range(150, 300)])
    assert _counted() == Tag.objects.count() == 300


def test_a_small_addition_to_a_big_table_is_not_analysed_again(fresh_growth):
    insert_rows(Tag, [Tag(name=f"标签{i}", slug=f"tag-{i}") for i in range(400)])
    assert _counted() == 400
    insert_rows(Tag, [Tag(name=f"新标签{i}", slug=f"new-{i}") for i in range(250)])
    assert _counted() == 400
    insert_rows(Tag, [Tag(name=f"又一标签{i}", slug=f"more-{i}") for i in range(150)])
    assert _counted() == 800
