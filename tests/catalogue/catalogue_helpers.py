"""Shared helpers for the catalogue listing tests (directory, solutions, exports, annual lists).

Pages are created with the factories, published (a revision, then ``publish()``) and given
their English aliases with :func:`portal.translation.sync_english_aliases`, as the demo loader
and the importers do. The fixtures (``provider_index``, ``solution_index``) are in this
folder's ``conftest.py``. Import with ``from tests.catalogue.catalogue_helpers import …``
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable

from catalogue import taxonomy
from catalogue.factories import (
    BatchFactory,
    ProviderPageFactory,
    SolutionPageFactory,
)
from catalogue.models import (
    Category,
    Industry,
    ProviderGrade,
    Region,
    StatusChange,
    Subtype,
)
from portal.translation import sync_english_aliases


def term(model, slug: str):
    return taxonomy.canonical(model).get(slug=slug)


def publish(*pages):
    for page in pages:
        page.save_revision().publish()
    sync_english_aliases(list(pages))
    for page in pages:
        page.refresh_from_db()
    return pages[0] if len(pages) == 1 else pages


def make_provider(
    index,
    *,
    categories: Iterable[str] = ("consulting",),
    region: str = "jinan",
    subtypes: Iterable[str] = (),
    industries: Iterable[str] = (),
    batch: tuple[int, int] | None = None,
    grades: Iterable[tuple[int, str]] = (),
    changes: Iterable[tuple] = (),
    publish_now: bool = True,
    **fields,
):
    """A provider page below ``index``; published (not yet aliased) unless told otherwise.

    ``changes`` are ``(date, status, reason)`` or ``(date, status, reason, deadline)``.
    """
    if batch is not None:
        fields["batch"] = BatchFactory(year=batch[0], number=batch[1])
    provider = ProviderPageFactory(
        parent=index,
        region=term(Region, region),
        categories=[term(Category, slug) for slug in categories],
        subtypes=[term(Subtype, slug) for slug in subtypes] or None,
        industries=[term(Industry, slug) for slug in industries] or None,
        **fields,
    )
    for year, grade in grades:
        provider.grades.add(ProviderGrade(year=year, grade=grade))
    for change in changes:
        date, status, reason, *deadline = change
        provider.status_changes.add(
            StatusChange(
                date=date, status=status, reason=reason, deadline=deadline[0] if deadline else None
            )
        )
    provider.save()
    if publish_now:
        provider.save_revision().publish()
    return provider


def make_solution(provider, **fields):
    industries = fields.pop("industries", ())
    if "category" in fields and isinstance(fields["category"], str):
        fields["category"] = term(Category, fields["category"])
    solution = SolutionPageFactory(parent=provider, **fields)
    if industries:
        solution.industries.set([term(Industry, slug) for slug in industries])
        solution.save()
    solution.save_revision().publish()
    return solution


def result_count(response) -> int:
    return response.context["result_count"]


def result_titles(response) -> list[str]:
    return [page.title for page in response.context["results"]]


def facet(response, param: str) -> dict:
    """``{value: option}`` of one facet in the response context."""
    for item in response.context["facets"]:
        if item.param == param:
            return {option.value: option for option in item.options}
    raise AssertionError(f"no facet {param!r}")


def visible_text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


TODAY = datetime.date(2026, 3, 1)

__all__ = [
    "TODAY",
    "facet",
    "make_provider",
    "make_solution",
    "publish",
    "result_count",
    "result_titles",
    "sync_english_aliases",
    "term",
    "visible_text",
]
