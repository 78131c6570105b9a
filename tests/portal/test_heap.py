"""During an import the objects the process held before are set aside from the garbage
collector (portal.heap); afterwards, whatever happened, they are collectable again."""

import gc

import pytest

from catalogue.factories import ProviderIndexPageFactory
from catalogue.workbook import import_workbook
from portal.heap import old_objects_set_aside
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
