"""portal.write_behind: a bulk job's writes are sent after its next read and written while it
goes on (PostgreSQL's pipeline mode); every later read sees them, and an error in one of them
fails the job with nothing written."""

import pytest
from django.db import IntegrityError, connections, transaction
from taggit.models import Tag

from portal import write_behind
from portal.write_behind import WriteBehind

pytestmark = pytest.mark.django_db

INSERT_TAG = "INSERT INTO taggit_tag (name, slug) VALUES (%s, %s)"


def _slugs() -> set[str]:
    return set(Tag.objects.values_list("slug", flat=True))


def test_held_writes_are_sent_in_order_and_seen_by_the_next_read():
    connection = connections["default"]
    with WriteBehind(connection) as writes:
        with writes.hold():
            write_behind.execute(connection, INSERT_TAG, ["智能制造", "zhi-neng"])
            write_behind.execute(
                connection,
                "UPDATE taggit_tag SET name = %s WHERE slug = %s",
                ["工业互联网", "zhi-neng"],
            )
        if writes.pipelined:
            # Held until sent: the job reads its next batch first.
            assert "zhi-neng" not in _slugs()
        writes.send()
        assert Tag.objects.get(slug="zhi-neng").name == "工业互联网"
    assert Tag.objects.get(slug="zhi-neng").name == "工业互联网"


def test_writes_held_and_never_sent_go_when_the_block_ends():
    connection = connections["default"]
    with WriteBehind(connection) as writes, writes.hold():
        write_behind.execute(connection, INSERT_TAG, ["数字孪生", "twin"])
    assert "twin" in _slugs()


def test_a_failing_held_write_fails_the_job_and_writes_nothing():
    Tag.objects.create(name="供应链", slug="supply")
    connection = connections["default"]
    with pytest.raises(IntegrityError), transaction.atomic(), WriteBehind(connection) as writes:
        with writes.hold():
            write_behind.execute(connection, INSERT_TAG, ["设备运维", "upkeep"])
            write_behind.execute(connection, INSERT_TAG, ["供应链管理", "supply"])
        writes.send()
        Tag.objects.count()  # the next read
    assert _slugs() == {"supply"}
    assert Tag.objects.get(slug="supply").name == "供应链"


def test_many_rows_in_one_held_write_skip_the_conflicting_ones():
    Tag.objects.create(name="能源管理", slug="energy")
    connection = connections["default"]
    rows = [["能源管理服务", "energy"], ["预测性维护", "upkeep"], ["质量检测", "quality"]]
    with WriteBehind(connection) as writes:
        with writes.hold():
            write_behind.execute(
                connection, f"{INSERT_TAG} ON CONFLICT DO NOTHING", rows, many=True
            )
        writes.send()
    assert _slugs() == {"energy", "upkeep", "quality"}
    assert Tag.objects.get(slug="energy").name == "能源管理"
