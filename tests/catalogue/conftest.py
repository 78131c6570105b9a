"""Fixtures of the catalogue listing tests; helpers are in ``catalogue_helpers.py``."""

import pytest

from catalogue.factories import ProviderIndexPageFactory, SolutionIndexPageFactory
from tests.catalogue.catalogue_helpers import publish


@pytest.fixture
def provider_index(home):
    """The published provider directory at /providers/ (and its English alias)."""
    return publish(ProviderIndexPageFactory(parent=home))


@pytest.fixture
def solution_index(home):
    """The published solution catalogue at /solutions/ (and its English alias)."""
    return publish(SolutionIndexPageFactory(parent=home))
