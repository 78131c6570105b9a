"""During an import the objects the process held before are set aside from the garbage
collector, which runs at CPython's own pace (portal.heap); afterwards, whatever happened, they
are collectable again and the process's own pace is back."""

import gc

import pytest

from catalogue.factories import ProviderIndexPageFactory
from catalogue.workbook import import_workbook
from portal.heap import BULK_THRESHOLDS, old_objects_set_aside
from tests.catalogue.test_import import provider, table, write_workbook

pytestmark = pytest.mark.django_db


def test_objects_are_set_aside_only_inside_the_outermost_block():
    assert gc.get_freeze_count() == 0
    with old_objects_set_aside():
        frozen = gc.get_freeze_count()
        assert frozen > 0
        with old_objects_set_aside():
            pass
        assert gc.get_freeze_count() == frozen  # an inner block does not give them back early
    assert gc.get_freeze_count() == 0


def test_nothing_stays_set_aside_after_an_import_accepted_or_rejected(home, tmp_path):
    ProviderIndexPageFactory(parent=home)
    good = write_workbook(tmp_path / "good.xlsx", {"服务商": table([provider(1)])})
    bad = write_workbook(tmp_path / "bad.xlsx", {"服务商": table([provider(1, 服务商类别="无")])})
    assert import_workbook(good).ok
    assert gc.get_freeze_count() == 0
    assert not import_workbook(bad).ok
    assert gc.get_freeze_count() == 0


def test_an_import_in_a_web_worker_collects_at_cpythons_pace():
    """A web worker collects less often (settings.GC_THRESHOLDS); at that pace an import of
    100,000 rows kept half as much memory again in garbage (bench/import.py)."""
    before = gc.get_threshold()
    gc.set_threshold(50_000, 20, 100)
    try:
        with old_objects_set_aside():
            assert gc.get_threshold() == BULK_THRESHOLDS
            with old_objects_set_aside():
                pass
            assert gc.get_threshold() == BULK_THRESHOLDS
        assert gc.get_threshold() == (50_000, 20, 100)
    finally:
        gc.set_threshold(*before)
