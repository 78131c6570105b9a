"""Property-based contract test of /api/v1 against its own OpenAPI document (schemathesis):
for generated valid and invalid parameters, no endpoint answers 500, every status code is one
the document declares, and every body matches its declared schema."""

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from cases.factories import CaseIndexPageFactory
from catalogue.factories import AnnualListIndexPageFactory, AnnualListPageFactory, BatchFactory
from tests.api.conftest import publish
from tests.cases.cases_helpers import make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(home, make_provider, make_solution, solution_catalogue):
    """Something behind every endpoint, and a draft that must never appear."""
    provider = make_provider(batch=BatchFactory(year=2025, number=2))
    make_solution(provider)
    make_provider(publish_it=False)
    cases = publish(CaseIndexPageFactory(parent=home))
    make_case(cases, providers=[provider])
    lists = publish(AnnualListIndexPageFactory(parent=home))
    publish(AnnualListPageFactory(parent=lists, year=2025))


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Calling the WSGI application directly (not through Django's test client) would close
    the test's database connection at the end of each request, as a server does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# The document is read once, through the application itself (it needs no database).
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_keeps_its_contract(case, content):
    cache.clear()  # the certificate lookup's rate limit must not turn every call into 429
    case.call_and_validate()
