import pytest
from django.core.cache import cache


@pytest.fixture
def page_cache_on(settings):
    """The page cache as in production (off in the test settings), on an empty cache."""
    settings.PAGE_CACHE = True
    cache.clear()
    yield
    cache.clear()
