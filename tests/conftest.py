import pytest
from wagtail.models import Locale

from portal.factories import StandardPageFactory, chinese_home
from portal.translation import sync_english_aliases


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
