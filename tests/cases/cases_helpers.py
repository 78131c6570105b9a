"""Helpers of the cases tests. Import with ``from tests.cases.cases_helpers import …``."""

from cases.factories import CasePageFactory
from tests.catalogue.catalogue_helpers import publish


def make_case(case_index, *, providers=(), solutions=(), publish_now=True, **fields):
    fields.setdefault("live", publish_now)
    case = CasePageFactory(
        parent=case_index, providers=list(providers), solutions=list(solutions), **fields
    )
    if publish_now:
        publish(case)
    return case
