"""Rewrite a search query into the analysed form every backend can compile.

`青岛 数字孪生` becomes And(Or(青岛), Or(数字孪生, "数字 字孪 孪生")): each term must match, as a
token or as the adjacent phrase of its bigrams, or through one of its synonyms.
"""

from modelsearch.query import And, Boost, MatchAll, Not, Or, Phrase, PlainText, SearchQuery

from .analysis import _RUN, bigrams, fold, match_forms, query_terms


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


def analyse(query):
    """The analysed query, or None when nothing searchable is left (only punctuation, say)."""
    if isinstance(query, str):
        query = PlainText(query)
    if isinstance(query, PlainText):
        terms = _term_queries(query.query_string)
        if not terms:
            return None
        return _one_or_many(And if query.operator == "and" else Or, terms)
    if isinstance(query, Phrase):
        return _phrase(query.query_string)
    if isinstance(query, And | Or):
        parts = [part for part in (analyse(q) for q in query.subqueries) if part is not None]
        return _one_or_many(type(query), parts) if parts else None
    if isinstance(query, Not):
        inner = analyse(query.subquery)
        return Not(inner) if inner is not None else None
    if isinstance(query, Boost):
        inner = analyse(query.subquery)
        return Boost(inner, query.boost) if inner is not None else None
    if isinstance(query, MatchAll):
        return query
    return analyse(PlainText(getattr(query, "query_string", "")))


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
