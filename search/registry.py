"""What the site search covers. Apps register their searchable types (providers, solutions,
cases …) here; the search app knows how to run and present a search, not the models' fields.

A type supplies a listing class: a faceted, searchable list (catalogue.directory.Listing's
interface: ``Listing(params, index_page=…, base_url=…)`` with ``.context()``, ``.filtered``,
``.state``) and the index page it lists in a locale.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class SearchType:
    key: str  # "provider", "solution", "case": the ?type= value and the API's `type`
    label: str | Promise
    listing_class: type
    index_page: Callable  # (locale) -> the page the listing lists below, or None
    snippet_text: Callable  # (obj) -> the text a result's snippet is cut from
    order: int = 0
    api_fields: Callable = lambda obj: {}  # (obj) -> extra fields of the API's search result
    # For the search evaluation (search/evaluation.py): a stable identity of an entry, and the
    # text a visitor sees of it, which decides what a query should find.
    natural_key: Callable = lambda obj: str(obj.pk)
    visible_text: Callable = lambda obj: obj.title


_types: dict[str, SearchType] = {}


def register(search_type: SearchType) -> None:
    _types[search_type.key] = search_type


def search_types() -> list[SearchType]:
    return sorted(_types.values(), key=lambda t: t.order)


def get(key: str) -> SearchType | None:
    return _types.get(key)
