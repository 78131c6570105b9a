"""Fixtures of the statistics page tests: published listings under the Chinese home page (with
their English aliases)."""

import pytest

from catalogue.factories import ProviderIndexPageFactory
from tests.overview.overview_helpers import overview_page_under, publish


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
