"""Fixtures of the statistics page tests: published listings under the Chinese home page (with
their English aliases) and fresh cached figures for every test."""

import pytest

from catalogue import taxonomy
from catalogue.factories import ProviderIndexPageFactory
from overview import figures
from tests.overview.overview_helpers import overview_page_under, publish


@pytest.fixture(autouse=True)
def fresh_figures():
    """The cache outlives each test's rolled-back transaction: start from new versions (no
    ``cache.clear()``, which with Redis would flush what other tests share)."""
    figures._bump()
    taxonomy.invalidate()
    yield
    figures._bump()
    taxonomy.invalidate()


@pytest.fixture
def provider_index(home):
    return publish(ProviderIndexPageFactory(parent=home))


@pytest.fixture
def case_index(home):
    from cases.factories import CaseIndexPageFactory

    return publish(CaseIndexPageFactory(parent=home))


@pytest.fixture
def training_index(home):
    from training.factories import TrainingIndexPageFactory

    return publish(TrainingIndexPageFactory(parent=home))


@pytest.fixture
def overview_page(home):
    return overview_page_under(home)
