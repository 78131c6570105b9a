"""What the site search covers. Apps register their searchable types (providers, solutions,
cases …) here; the search app knows how to run and present a search, not the models' fields.

A type supplies a listing class: a faceted, searchable list (catalogue.directory.Listing's
interface: ``Listing(params, index_page=…, base_url=…)`` with ``.context()``, ``.filtered``,
``.state``) and the index page it lists in a locale.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import get_language

from portal import page_cache


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


def lists(model) -> bool:
    """Whether ``model`` is the model of a type's listing, or a subclass of one."""
    return any(issubclass(model, t.listing_class.model) for t in _types.values())


def get(key: str) -> SearchType | None:
    return _types.get(key)


def active_locale():
    """The Wagtail locale of the active language (``Locale.get_active()``), kept until the next
    publication, which a locale added or removed is too: a query on every search otherwise."""
    from wagtail.models import Locale

    return page_cache.until_published(f"search:locale:{get_language()}", Locale.get_active)


def listed_types(locale) -> list[tuple[SearchType, object]]:
    """The searchable types that have a listing page in ``locale``, each with that page, in
    the order of :func:`search_types`.

    Kept until the next publication (a move or deletion is one too), like the main menu: every
    search needs them, and they are a query per type."""

    def read():
        pages = [(t.key, t.index_page(locale)) for t in search_types()]
        return [(type_key, page) for type_key, page in pages if page is not None]

    found = page_cache.until_published(f"search:listed-types:{locale.pk}", read)
    return [(_types[type_key], page) for type_key, page in found if type_key in _types]
