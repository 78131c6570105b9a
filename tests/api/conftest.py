"""Published catalogue content for the API tests: a provider directory under the Chinese home
page, providers and solutions published through revisions (as editors and importers do), with
their English aliases."""

import pytest

from catalogue import taxonomy
from catalogue.factories import (
    ProviderIndexPageFactory,
    ProviderPageFactory,
    SolutionIndexPageFactory,
    SolutionPageFactory,
)
from catalogue.models import Category, Industry, Region, Subtype
from portal.translation import sync_english_aliases


def publish(page):
    page.save_revision().publish()
    sync_english_aliases([page])
    page.refresh_from_db()
    return page


@pytest.fixture
def terms(db):
    """Canonical taxonomy terms by model and slug: ``terms(Category, "consulting")``."""

    def get(model, *slugs):
        found = [taxonomy.canonical(model).get(slug=slug) for slug in slugs]
        return found[0] if len(found) == 1 else found

    get.category = lambda *slugs: get(Category, *slugs)
    get.subtype = lambda *slugs: get(Subtype, *slugs)
    get.region = lambda *slugs: get(Region, *slugs)
    get.industry = lambda *slugs: get(Industry, *slugs)
    return get


@pytest.fixture
def directory(home):
    return publish(ProviderIndexPageFactory(parent=home))


@pytest.fixture
def solution_catalogue(home):
    return publish(SolutionIndexPageFactory(parent=home))


@pytest.fixture
def make_provider(directory):
    """A published provider; ``publish=False`` leaves a never-published draft."""

    def create(*, publish_it=True, **fields):
        if not publish_it:
            page = ProviderPageFactory(parent=directory, live=False, **fields)
            page.save_revision()
            return page
        return publish(ProviderPageFactory(parent=directory, **fields))

    return create


@pytest.fixture
def make_solution():
    def create(provider, *, publish_it=True, **fields):
        if not publish_it:
            page = SolutionPageFactory(parent=provider, live=False, **fields)
            page.save_revision()
            return page
        return publish(SolutionPageFactory(parent=provider, **fields))

    return create
