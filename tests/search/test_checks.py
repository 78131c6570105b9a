"""The system check that tells an index built with another analysis (search/checks.py)."""

from importlib import import_module
from io import StringIO
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from search.checks import index_built_with_this_analysis
from search.models import IndexBuild

pytestmark = pytest.mark.django_db


def warnings():
    return [w.id for w in index_built_with_this_analysis(None, databases=["default"])]


def test_update_index_records_its_analysis_and_settles_the_warning(publish_page):
    publish_page(title="淄博重工集团有限公司")
    IndexBuild.objects.create(analysis="an older analysis")
    assert warnings() == ["search.W001"]

    call_command("update_index", stdout=StringIO(), stderr=StringIO())

    assert warnings() == []
    assert IndexBuild.objects.count() == 1


def test_an_index_that_existed_before_the_record_asks_for_a_rebuild(publish_page):
    """The migration that made the record marks an existing index as built by unknown code;
    a database without an index yet is not marked."""
    record_existing_index = import_module(
        "search.migrations.0003_index_build"
    ).record_existing_index
    # What the migration reads of its schema editor: the database.
    editor = SimpleNamespace(connection=connection)
    record_existing_index(apps, editor)
    assert not IndexBuild.objects.exists()

    publish_page(title="淄博重工集团有限公司")  # indexed as it is published
    record_existing_index(apps, editor)
    assert warnings() == ["search.W001"]


def test_no_warning_before_anything_is_recorded():
    assert warnings() == []
