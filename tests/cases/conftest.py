"""Fixtures of the cases tests: a published provider directory, case listing and a small pool
of providers and solutions to link cases to."""

import pytest

from cases.factories import CaseIndexPageFactory
from catalogue.factories import ProviderIndexPageFactory, SolutionIndexPageFactory
from tests.catalogue.catalogue_helpers import make_provider, make_solution, publish
from tests.catalogue.test_import import xlsx  # noqa: F401 - the workbook-building fixture


@pytest.fixture
def provider_index(home):
    return publish(ProviderIndexPageFactory(parent=home))


@pytest.fixture
def solution_index(home):
    return publish(SolutionIndexPageFactory(parent=home))


@pytest.fixture
def case_index(home):
    return publish(CaseIndexPageFactory(parent=home))


@pytest.fixture
def provider(provider_index):
    provider = make_provider(
        provider_index,
        title="潍坊智联工业互联网有限公司",
        categories=("production",),
        region="weifang",
    )
    publish(provider)
    return provider


@pytest.fixture
def solution(provider):
    return publish(make_solution(provider, title="设备点检与预测性维护系统"))
