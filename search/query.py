"""Rewrite a search query into the analysed form every backend can compile.

`青岛 数字孪生` becomes And(Or(青岛), Or(数字孪生, "数字 字孪 孪生")): each term must match, as a
token or as the adjacent phrase of its bigrams, or through one of its synonyms.
"""

from modelsearch.query import And, Boost, MatchAll, Not, Or, Phrase, PlainText, SearchQuery

from . import registry
from .analysis import _RUN, bigrams, fold, junctions, match_forms, query_terms


class Junction(PlainText):
    """The bigram joining two words a query writes together (库存管理: 存管), required so that
    they stand together: a filter, not a word of the query, so not ranked (where a backend
    ranks the terms apart, as PostgreSQL does)."""

    def __repr__(self):
        return f"<Junction {self.query_string!r}>"


def is_junction(query: SearchQuery) -> bool:
    """A junction, or any of a pair of words' junctions (an ``Or`` of them)."""
    if isinstance(query, Or):
        return all(map(is_junction, query.subqueries))
    return isinstance(query, Junction)


def _alternative(kind: str, value: str) -> SearchQuery:
    return PlainText(value) if kind == "token" else Phrase(value)


def _one_or_many(cls, queries: list[SearchQuery]) -> SearchQuery:
    return queries[0] if len(queries) == 1 else cls(queries)


def _term_queries(query_string: str) -> list[SearchQuery]:
    queries = []
    for term in query_terms(query_string):
        alternatives = [
            _alternative(kind, value)
            for spelling in term.alternatives
            for kind, value in match_forms(spelling)
        ]
        queries.append(_one_or_many(Or, alternatives))
    return queries


def _phrase(query_string: str) -> SearchQuery | None:
    parts = []
    for cjk, latin in _RUN.findall(fold(query_string)):
        if cjk:
            parts.append(Phrase(" ".join(bigrams(cjk))) if len(cjk) > 2 else PlainText(cjk))
        else:
            parts.append(PlainText(latin))
    return _one_or_many(And, parts) if parts else None


def analyse(query, *, together: bool = False):
    """The analysed query, or None when nothing searchable is left (only punctuation, say).

    ``together``: words the query writes together must stand together too, by the bigrams
    that join them (:func:`search.analysis.junctions`), in an ``and`` query outside a ``Not``.
    """
    if isinstance(query, str):
        query = PlainText(query)
    if isinstance(query, PlainText):
        terms = _term_queries(query.query_string)
        if not terms:
            return None
        if query.operator == "and":
            if together:
                terms += [
                    _one_or_many(Or, [Junction(bigram) for bigram in bigrams_of_pair])
                    for bigrams_of_pair in junctions(query.query_string)
                ]
            return _one_or_many(And, terms)
        return _one_or_many(Or, terms)
    if isinstance(query, Phrase):
        return _phrase(query.query_string)
    if isinstance(query, And | Or):
        parts = [analyse(q, together=together) for q in query.subqueries]
        parts = [part for part in parts if part is not None]
        return _one_or_many(type(query), parts) if parts else None
    if isinstance(query, Not):
        inner = analyse(query.subquery)
        return Not(inner) if inner is not None else None
    if isinstance(query, Boost):
        inner = analyse(query.subquery, together=together)
        return Boost(inner, query.boost) if inner is not None else None
    if isinstance(query, MatchAll):
        return query
    return analyse(PlainText(getattr(query, "query_string", "")), together=together)


def searched_forms(backend, compiler_class, query, model_or_queryset, kwargs) -> list:
    """The analysed forms of ``query`` a backend's ``_search`` tries, first to last: all of
    :func:`analysed_forms` for a full-text search of a type the site search lists, in every
    field; the words alone for anything else (an autocomplete, the admin's search of other
    models, a search in some fields), which the site search's match does not decide."""
    forms = analysed_forms(query)
    model = getattr(model_or_queryset, "model", model_or_queryset)
    catalogue = (
        compiler_class is backend.query_compiler_class
        and kwargs.get("fields") is None
        and registry.lists(model)
    )
    return forms if catalogue else forms[-1:]


def words_apart(query: str, model) -> str | None:
    """The query's words with spaces between them (库存 管理), when a catalogue search of
    ``model`` took the words it writes together as written (库存管理); else None. The
    decision is the one the listings made in this request (remembered), so nothing more is
    matched."""
    if not junctions(query):
        return None
    results = model.objects.search(query, operator="and")
    compiler = getattr(results, "query_compiler", None)
    searched = getattr(compiler, "query", None)
    if not isinstance(searched, And) or not any(map(is_junction, searched.subqueries)):
        return None
    return " ".join(term.text for term in query_terms(query))


def analysed_forms(query) -> list:
    """The analysed queries a catalogue search tries, first to last, the first that finds
    anything: with the words written together standing together (库存管理 as written), then
    with the words anywhere (库存 and 管理), for a query that has such words; else just the
    analysed query. Empty when nothing searchable is left.

    Most texts have 管理, so the words apart find many entries that are not about 库存管理;
    those that write 库存管理 are what the query asks for when there are any. When none do
    (软件公司), the words apart are the best there is."""
    words = analyse(query)
    if words is None:
        return []
    together = analyse(query, together=True)
    return [words] if repr(together) == repr(words) else [together, words]


def split_phrases(query: SearchQuery) -> tuple[SearchQuery | None, SearchQuery] | None:
    """``(exact, relaxed)`` for a query with phrases, which a GIN index cannot answer alone (it
    does not hold the words' positions: every candidate is checked against its vector):

    - ``exact``: the query without its phrase alternatives, so a subset of its matches; None
      when some required part is only phrases;
    - ``relaxed``: each phrase relaxed to all of its words, in any order and place, so a
      superset of its matches.

    Both are answered by the index alone. The query's matches are then ``exact``'s, and those
    of ``relaxed`` outside ``exact`` that pass the check (a few, mostly). None for a query
    without phrases, or with anything but And/Or of words and phrases."""
    if not _has_phrase(query):
        return None
    try:
        exact = _without_phrases(query)
    except _Unsplittable:
        return None
    return exact, _phrases_as_words(query)


def _has_phrase(query: SearchQuery) -> bool:
    if isinstance(query, Phrase):
        return True
    return any(map(_has_phrase, getattr(query, "subqueries", ())))


class _Unsplittable(Exception):
    pass


def _without_phrases(query: SearchQuery) -> SearchQuery | None:
    if isinstance(query, PlainText):
        return query
    if isinstance(query, Phrase):
        return None
    if isinstance(query, Or):
        parts = [part for part in map(_without_phrases, query.subqueries) if part is not None]
        return _one_or_many(Or, parts) if parts else None
    if isinstance(query, And):
        parts = list(map(_without_phrases, query.subqueries))
        return None if None in parts else _one_or_many(And, parts)
    raise _Unsplittable  # Not, Boost…: dropping a phrase inside a Not widens the query


def _phrases_as_words(query: SearchQuery) -> SearchQuery:
    if isinstance(query, Phrase):
        return PlainText(query.query_string, operator="and")
    if isinstance(query, And | Or):
        return type(query)([_phrases_as_words(q) for q in query.subqueries])
    return query
