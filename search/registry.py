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

from .highlight import excerpt, missing_terms, where_matched


@dataclass(frozen=True)
class MatchedTexts:
    """Some of an entry's searched texts, to say where a result holds a word
    (:meth:`SearchType.where_matched`)."""

    texts: Callable  # (obj) -> ((label, text), …), in the order a visitor looks for them
    load: Callable = lambda objects: None  # reads what ``texts`` needs of many objects


def field_label(model, name: str):
    """What a model's field is called (its verbose name, translated when shown)."""
    return model._meta.get_field(name).verbose_name


def own_fields(model, names) -> MatchedTexts:
    """A stage of an entry's own text fields, labelled with their verbose names: no query."""

    def texts(obj):
        return [(field_label(model, name), getattr(obj, name)) for name in names]

    return MatchedTexts(texts)


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
    # Where a result whose title and snippet lack one of the query's words holds it
    # (search.highlight.where_matched): the entry's other searched texts, in stages read
    # only for the results still lacking a word after the earlier ones.
    matched: tuple[MatchedTexts, ...] = ()
    # The tree paths below which its listing leaves every page out until the visitor asks
    # (a removed provider and its solutions), which no search of its words should count as
    # found (search.backends.database's finds_any): () -> paths.
    unlisted_paths: Callable = lambda: ()

    def shown_text(self, obj, query: str, *, similar: bool = False) -> str:
        """What a result shows of itself: its title and its snippet's excerpt."""
        return f"{obj.title} {excerpt(self.snippet_text(obj) or '', query, similar=similar)}"

    def where_matched(self, objects, query: str, *, similar: bool = False) -> dict:
        """``{obj.pk: [(label, marked excerpt), …]}`` for the results among ``objects`` whose
        title and snippet lack one of the query's words: where each holds it. A stage's texts
        are read (``MatchedTexts.load``) for the results still lacking a word after the
        earlier stages, in a few queries whatever their number. ``similar``: the search looked
        for the query's terms in similar spellings too (``Listing.searched_similar``)."""
        shown = {obj.pk: self.shown_text(obj, query, similar=similar) for obj in objects}
        missing = {pk: missing_terms(text, query, similar=similar) for pk, text in shown.items()}
        lacking = [obj for obj in objects if missing[obj.pk]]
        found = {obj.pk: [] for obj in lacking}
        for stage in self.matched:
            if not lacking:
                break
            stage.load(lacking)
            for obj in lacking:
                found[obj.pk] += where_matched(
                    stage.texts(obj), query, missing[obj.pk], similar=similar
                )
            lacking = [obj for obj in lacking if missing[obj.pk]]
        return found


_types: dict[str, SearchType] = {}


def register(search_type: SearchType) -> None:
    _types[search_type.key] = search_type


def search_types() -> list[SearchType]:
    return sorted(_types.values(), key=lambda t: t.order)


def unlisted_paths() -> tuple[str, ...]:
    """The tree paths below which the listings leave pages out until asked
    (:attr:`SearchType.unlisted_paths`), kept until the next publication (with the page
    cache on, as in production)."""
    return page_cache.until_published(
        "search-unlisted-paths",
        lambda: tuple(sorted({path for t in search_types() for path in t.unlisted_paths()})),
    )


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
