import copy
import uuid

import pytest
from django.core.cache import caches
from wagtail.models import Locale

from portal.factories import StandardPageFactory, chinese_home
from portal.translation import sync_english_aliases


@pytest.fixture(autouse=True)
def isolated_cache(settings):
    """Every test starts with an empty cache of its own.

    The cache outlives a test's rolled-back transaction (and, in Redis, the whole run), so a
    value cached by one test describes rows the next test does not have: a taxonomy name
    dictionary cached after a test renamed a term made a later test read the wrong name on
    PostgreSQL + Redis only. A key prefix per test isolates them without flushing a Redis
    database that something else may be using."""
    prefix = f"test-{uuid.uuid4().hex}"
    per_test = copy.deepcopy(settings.CACHES)
    for alias in per_test.values():
        alias["KEY_PREFIX"] = prefix
    settings.CACHES = per_test
    yield
    for alias in per_test:
        cache = caches[alias]
        if hasattr(cache, "delete_pattern"):
            cache.delete_pattern("*")  # only this prefix's keys
        else:
            cache.clear()


@pytest.fixture
def home(db):
    return chinese_home()


@pytest.fixture
def publish_page(home):
    """Create a live Chinese page under the home page (or a given parent) with its English
    alias, the way the demo loader and importers do."""

    def create(factory=StandardPageFactory, parent=None, **fields):
        page = factory(parent=parent or home, **fields)
        page.save_revision().publish()
        sync_english_aliases()
        page.refresh_from_db()
        return page

    return create


@pytest.fixture
def english(db):
    return Locale.objects.get(language_code="en")
