"""Rewrite a search query into the analysed form every backend can compile.

`青岛 数字孪生` becomes And(Or(青岛), Or(数字孪生, "数字 字孪 孪生")): each term must match, as a
token or as the adjacent phrase of its bigrams, or through one of its synonyms.
"""

import re

from modelsearch.backends.base import EmptySearchResults
from modelsearch.query import And, Boost, MatchAll, Not, Or, Phrase, PlainText, SearchQuery

from . import registry
from .analysis import (
    _CJK_WORD,
    _RUN,
    KIND_WORDS,
    NUMBERED,
    WHOLE_SPAN,
    bigrams,
    fold,
    indexed_wherever_written,
    industry_words,
    is_common_word,
    joined_words,
    match_forms,
    query_terms,
    relaxed_queries,
    without_software_word,
)

#: An acronym's spelling (mes, iot): one token of the index, which a phrase can hold.
LETTERS = re.compile(r"[a-z]+")

#: The most characters two words a query writes together may have between them in a text
#: that never writes them together (:class:`Near`).
NEAR_GAP = 8


class Written(Phrase):
    """Two words a query writes together (库存管理), as a text writes them: the phrase of both
    words' bigrams in one of their spellings (:func:`_as_written`), required so that they
    stand together: a filter, not a word of the query, so not ranked where a backend ranks
    the terms apart (PostgreSQL). SQLite's BM25 ranks all of a match: there it is matched
    in place of the two words, which it holds (:func:`without_held_words`)."""

    def __init__(self, first: str, second: str):
        self.first, self.second = first, second
        tokens = [first, *bigrams(second)] if LETTERS.fullmatch(first) else bigrams(first + second)
        super().__init__(" ".join(tokens))

    def __repr__(self):
        return f"<Written {self.query_string!r}>"


class WrittenWhole(PlainText):
    """Two words a query writes together, as a text writes them, where the two are as many
    characters as the index holds whole wherever they stand (数字科技: every four characters
    in a row, :data:`search.analysis.WHOLE_SPAN`): that one token, not the phrase of their
    bigrams (:class:`Written`), which an index without positions (PostgreSQL's) checks in
    every candidate. A filter like :class:`Written`."""

    def __init__(self, first: str, second: str):
        self.first, self.second = first, second
        super().__init__(first + second)

    def __repr__(self):
        return f"<WrittenWhole {self.query_string!r}>"


class Junction(PlainText):
    """The bigram joining a session's number to the next word (第三期培训班: 期培), which is
    all a text that writes the number in digits (第3期培训班) has of the two written together:
    a filter like :class:`Written`."""

    def __repr__(self):
        return f"<Junction {self.query_string!r}>"


class Near(Phrase):
    """Two words a query writes together, standing at most :data:`NEAR_GAP` characters apart,
    in either order and in any of their spellings (``first``, ``second``): what is searched
    when no text writes them together. 农产品溯源 then finds 农产品品质分级和溯源, and 远程医疗
    does not find a text with 远程运维 in one sentence and 医疗器械 in another, nor 自动驾驶 one
    with 自动化 and 驾驶舱.

    Each spelling is matched as its bigrams, which the index holds one per character, in the
    order of the text (:func:`search.analysis.index_text`): their positions count characters
    within a run of Chinese, and a run's end puts its characters (and its longer words) between
    it and the next, so a pair across punctuation is near only when the rest of the two runs
    is short (数据采集。云平台). A phrase, as the index's positions decide it; a filter like a
    :class:`Junction`, not ranked where a backend ranks the terms apart (PostgreSQL)."""

    #: The most index positions between the two words' phrases: a gap of NEAR_GAP characters
    #: puts NEAR_GAP + 1 bigrams between the last bigram of one and the first of the other.
    MAX_TOKENS_BETWEEN = NEAR_GAP + 1

    def __init__(self, first: tuple[str, ...], second: tuple[str, ...]):
        self.first = tuple(first)
        self.second = tuple(second)
        super().__init__(" ".join(self.first[:1] + self.second[:1]))

    def __repr__(self):
        return f"<Near {self.first!r} {self.second!r}>"

    @staticmethod
    def phrases(spellings: tuple[str, ...]) -> list[list[str]]:
        """The tokens of each spelling (``["远程"]``, ``["农产", "产品"]``, ``["iot"]``)."""
        return [_tokens(spelling) for spelling in spellings]

    def tsquery(self) -> str:
        """PostgreSQL's ``tsquery`` of it: each pair of spellings, in each order, at each
        distance (``<N>`` is exact). Pairs, not the spellings of a side ORed: PostgreSQL
        measures the distance from an OR of phrases of different lengths wrongly (云平台 or
        平台 ``<9>`` 维护 matched 平台 nine characters before 维护)."""

        def phrase(bigrams: list[str]) -> str:
            return "(" + " <-> ".join(f"'{b}'" for b in bigrams) + ")"

        pairs = [
            (phrase(a), phrase(b))
            for a in self.phrases(self.first)
            for b in self.phrases(self.second)
        ]
        distances = range(1, self.MAX_TOKENS_BETWEEN + 2)
        return " | ".join(
            f"({left} <{d}> {right})"
            for a, b in pairs
            for left, right in ((a, b), (b, a))
            for d in distances
        )

    def fts5(self) -> str:
        """SQLite FTS5's query of it: a ``NEAR`` group (either order) for each pair of
        spellings."""
        groups = [
            f'NEAR("{" ".join(a)}" "{" ".join(b)}", {self.MAX_TOKENS_BETWEEN})'
            for a in self.phrases(self.first)
            for b in self.phrases(self.second)
        ]
        return "(" + " OR ".join(groups) + ")"


def _tokens(spelling: str) -> list[str]:
    """The index's tokens of a spelling in a row: its bigrams, or an acronym whole."""
    return [spelling] if LETTERS.fullmatch(spelling) else bigrams(spelling)


def without_held_words(
    query: SearchQuery, *, held_by: tuple[type, ...] = (Written, WrittenWhole, Near)
) -> SearchQuery:
    """``query`` without the words that its pairs of words as written or near each other
    (those of the ``held_by`` kinds, or an ``Or`` of them) already require in the same
    field: for a backend that ranks every part of its match (SQLite's BM25), where each word
    is one more list of positions to read and count for every hit. 农产品溯源 is then matched
    as 农产 产品 品溯 溯源 alone, not as that and 农产品 and 溯源: the same hits, ranked by how
    often and where the text writes the two words together (3 ms less for the 11,000 hits of
    数字科技 in the benchmark, when that pair was such a phrase). PostgreSQL leaves out only
    the words a :class:`WrittenWhole` holds, a token its index answers alone.

    A word is left out only where every alternative of the pair holds one of its spellings
    whole, as the index has it wherever it is written: a bigram or character (within the
    pair's own word), a longer word of the dictionary or of four characters (indexed wherever
    written, as :func:`search.analysis.match_forms` relies on), the phrase of a longer word's
    bigrams, an acronym."""
    if not isinstance(query, And):
        return query
    held = [_held_pairs(q) for q in query.subqueries if is_pair_of(q, held_by)]
    held = [pairs for pairs in held if pairs]
    kept = [
        q
        for q in query.subqueries
        if is_proximity(q) or not any(_holds_word(pairs, q) for pairs in held)
    ]
    return query if len(kept) == len(query.subqueries) else _one_or_many(And, kept)


def is_pair_of(query: SearchQuery, kinds: tuple[type, ...]) -> bool:
    """Whether ``query`` is a pair of words of one of ``kinds``, or an ``Or`` of such."""
    if isinstance(query, Or):
        return all(is_pair_of(q, kinds) for q in query.subqueries)
    return isinstance(query, kinds)


def _held_pairs(query: SearchQuery) -> list[tuple[str, str]]:
    """Each way a pair of words as written or near each other (or an ``Or`` of such) can
    match, as the two spellings it then requires in one field; empty for anything else."""
    if isinstance(query, Written | WrittenWhole):
        return [(query.first, query.second)]
    if isinstance(query, Near):
        return [(a, b) for a in query.first for b in query.second]
    if isinstance(query, Or):
        parts = [_held_pairs(q) for q in query.subqueries]
        return [pair for pairs in parts for pair in pairs] if all(parts) else []
    return []


def _holds_word(pairs: list[tuple[str, str]], word: SearchQuery) -> bool:
    """Whether a text matching any of ``pairs`` matches ``word`` (a term of the query: its
    index forms, or an ``Or`` of them) in the same field."""
    forms = word.subqueries if isinstance(word, Or) else [word]
    return all(any(_spells(s, form) for s in pair for form in forms) for pair in pairs)


def _spells(spelling: str, form: SearchQuery) -> bool:
    """Whether every text writing ``spelling`` has ``form`` (:func:`_alternative`) there."""
    if LETTERS.fullmatch(spelling):
        return type(form) is PlainText and form.query_string == spelling
    if type(form) is Phrase:
        tokens = form.query_string.split()
        if not all(len(token) == 2 and _CJK_WORD.fullmatch(token) for token in tokens):
            return False
        # A longer word's bigrams, each a character on from the last.
        word = tokens[0] + "".join(token[1] for token in tokens[1:])
        return bigrams(word) == tokens and word in spelling
    word = form.query_string
    return (
        type(form) is PlainText
        and _CJK_WORD.fullmatch(word) is not None
        and indexed_wherever_written(word)
        and word in spelling
    )


def is_proximity(query: SearchQuery) -> bool:
    """A requirement on where the words stand, not a word: a pair of words as written (any of
    their spellings: an ``Or`` of them), or a :class:`Near`."""
    return is_pair_of(query, (Junction, Near, Written, WrittenWhole))


def _alternative(kind: str, value: str) -> SearchQuery:
    return PlainText(value) if kind == "token" else Phrase(value)


def _one_or_many(cls, queries: list[SearchQuery]) -> SearchQuery:
    return queries[0] if len(queries) == 1 else cls(queries)


def _term_queries(query_string: str, similar: bool) -> list[SearchQuery]:
    queries = []
    for term in query_terms(query_string, similar=similar):
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


#: How an analysed query keeps the words a query writes together (库存管理): as written
#: (:class:`Written`), near each other (:class:`Near`), or anywhere (neither).
TOGETHER, NEAR, ANYWHERE = "together", "near", "anywhere"


def _held_near(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    """Whether a pair of words the query writes together, which no text writes so, must
    stand near each other. Not:

    - a word of one character (the index holds a lone character apart from its run's
      bigrams);
    - a kind of entry after a word (智恒公司): a company's name ends in 公司 a long way from
      its own words (智恒（聊城）物流科技有限公司); first (企业管理), it is a word of a
      concept like any other;
    - an industry before a word that is none (装备制造工艺优化; 化工厂能耗监测, whose first
      word begins with one): an entry lists the industries it serves apart from its prose,
      as it names its city. Two industries (新能源汽车) and an industry after a word
      (智能物流) are a concept's words, and so is an industry before a word most texts have
      somewhere (化工安全, 物流管理: anywhere, 安全 and 管理 are in nearly every entry of the
      industry, and 化工安全 found 80 in the demo content, mostly for their 信息安全).
    """
    if min(map(len, first + second)) < 2 or second[0] in KIND_WORDS:
        return False
    names = industry_words()
    return not (
        any(map(first[0].startswith, names))
        and second[0] not in names
        and not is_common_word(second[0])
    )


class Similar(PlainText):
    """A query to search in words the field writes either way too (智慧工厂 as 智能工厂:
    :func:`search.synonyms.similar_spellings`), which a listing searches when the query as
    typed matches nothing (``catalogue.directory.Listing``)."""

    def __repr__(self):
        return f"<Similar {self.query_string!r} operator={self.operator!r} boost={self.boost!r}>"


def analyse(query, *, words: str = ANYWHERE, similar: bool = False):
    """The analysed query, or None when nothing searchable is left (only punctuation, say).
    With ``similar`` (or a :class:`Similar` query), each term also in the spellings the field
    writes either way (智慧工厂: 智能工厂; :func:`search.analysis.query_terms`).

    ``words``: where the words the query writes together must stand (:data:`TOGETHER`,
    :data:`NEAR`, :data:`ANYWHERE`), in an ``and`` query outside a ``Not``: together as
    written (:func:`_as_written`), near each other by a :class:`Near` of each pair that must
    be (:func:`_held_near`; the others anywhere).
    """
    if isinstance(query, str):
        query = PlainText(query)
    if isinstance(query, PlainText):
        similar = similar or isinstance(query, Similar)
        text = query.query_string
        terms = _term_queries(text, similar)
        if not terms:
            return None
        if query.operator == "and":
            if words == TOGETHER:
                terms += [_as_written(*pair) for pair in joined_words(text, similar=similar)]
            elif words == NEAR:
                terms += [
                    Near(first, second)
                    for first, second in joined_words(text, similar=similar)
                    if _held_near(first, second)
                ]
            return _one_or_many(And, terms)
        return _one_or_many(Or, terms)
    if isinstance(query, Phrase):
        return _phrase(query.query_string)
    if isinstance(query, And | Or):
        parts = [analyse(q, words=words, similar=similar) for q in query.subqueries]
        parts = [part for part in parts if part is not None]
        return _one_or_many(type(query), parts) if parts else None
    if isinstance(query, Not):
        inner = analyse(query.subquery)
        return Not(inner) if inner is not None else None
    if isinstance(query, Boost):
        inner = analyse(query.subquery, words=words, similar=similar)
        return Boost(inner, query.boost) if inner is not None else None
    if isinstance(query, MatchAll):
        return query
    return analyse(PlainText(getattr(query, "query_string", "")), words=words, similar=similar)


def _as_written(first: tuple[str, ...], second: tuple[str, ...]) -> SearchQuery:
    """Two words written together in any of their spellings: for each pair, the phrase of
    both words' bigrams (数字 字化 化转 转型 型咨 咨询 for 数字化转型 and 咨询), or of an
    acronym and the second word's bigrams (mes 实施 for 制造执行系统 and 实施), or, where the
    two are four characters, that one token (:class:`WrittenWhole`: 成本管理). Not the bigram
    that joins them, nor the bigrams across the junction, which other words have too: 大型咨询
    has 型咨, 版本管理 the 本管 of 成本管理, every 能源管理系统 the 管理 理系 系统 of 设备管理系统,
    and a text with them and the two words elsewhere wrote the two together no more than one
    without them (8 of the 11 texts 成本管理 found in the demo content that way).

    A phrase makes PostgreSQL check each candidate's vector (the index has no positions):
    for a pair in 11,000 entries, some 5–10 ms more than the joining bigram cost; a token
    does not."""
    phrases = {}
    for a in first:
        for b in second:
            if LETTERS.fullmatch(b) or (LETTERS.fullmatch(a) and len(b) < 2):
                # A run of Chinese is indexed with its characters after its bigrams: an acronym
                # after it, or a character after an acronym, is not the next token.
                continue
            # A session's number in numerals (第三期) is indexed after its text, which may
            # write it in digits (第3期培训班): there, only the junction's bigram is.
            if NUMBERED.fullmatch(a):
                query = Junction(a[-1] + b[0])
            elif len(a + b) == WHOLE_SPAN and _CJK_WORD.fullmatch(a + b):
                query = WrittenWhole(a, b)
            else:
                query = Written(a, b)
            phrases[repr(query)] = query
    return _one_or_many(Or, list(phrases.values()))


class NoResults(EmptySearchResults):
    """Nothing, for a query with nothing searchable left (only punctuation): results of the
    searched model, as a queryset's are, since Django's list views name their list after it
    (the stock empty results have no model, and the admin's listings failed on them)."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def _clone(self):
        return self.__class__(self.model)


def searched_forms(backend, compiler_class, query, model_or_queryset, kwargs) -> list:
    """The analysed forms of ``query`` a backend's ``_search`` tries, first to last: all of
    :func:`analysed_forms` for a full-text search of a type the site search lists, in every
    field; the words alone for anything else (an autocomplete, the admin's search of other
    models, a search in some fields), which the site search's match does not decide.

    The first form that finds anything is searched, the last whatever it finds."""
    model = getattr(model_or_queryset, "model", model_or_queryset)
    catalogue = (
        compiler_class is backend.query_compiler_class
        and kwargs.get("fields") is None
        and registry.lists(model)
    )
    if catalogue:
        return analysed_forms(query)
    words = analyse(query)
    return [] if words is None else [words]


def words_apart(query: str, model) -> tuple[str, str] | None:
    """``(where, the query's words with spaces between them)`` (库存 管理) when a catalogue
    search of ``model`` kept the words the query writes together (库存管理) as written or near
    each other (``where``: :data:`TOGETHER` or :data:`NEAR`); else None. The decision is the
    one the listings made in this request (:func:`_searched`)."""
    if not joined_words(query):
        return None
    if _searched_shorter(query, model) is not None:
        # Tried only when the words found nothing together or near each other.
        return NEAR, " ".join(term.text for term in query_terms(query))
    searched = _searched(query, model)
    if not isinstance(searched, And):
        return None
    kept = [q for q in searched.subqueries if is_proximity(q)]
    if not kept:
        return None
    where = NEAR if isinstance(kept[0], Near) else TOGETHER
    return where, " ".join(term.text for term in query_terms(query))


def analysed_forms(query) -> list[SearchQuery]:
    """The analysed queries a catalogue search tries, first to last, the first that finds
    anything and the last whatever it finds: with the words written together standing
    together (库存管理 as written), then near each other (:class:`Near`), for a query that has
    such words; else just the analysed query. Empty when nothing searchable is left.

    Most texts have 管理, so the words apart find many entries that are not about 库存管理;
    those that write 库存管理 are what the query asks for when there are any. When none do
    (农产品溯源), the words near each other are the best there is (农产品品质分级和溯源); words
    farther apart are mostly about something else (远程运维 and 医疗器械 for 远程医疗), and
    a query of a thing no text speaks of should find nothing. The words anywhere are a click
    away on the search page (:func:`words_apart`). Some pairs are never held near
    (:func:`_held_near`: 智恒公司, 装备制造工艺优化).

    A query that ends in a word for software (设备管理系统) is then tried without it, in the
    same two forms (:func:`search.analysis.without_software_word`): texts name what their
    software does more often than the kind of software it is. Last, a query of a sentence is
    tried without its loose words, one more each time (纺织厂怎么降低能耗: 纺织 能耗;
    :func:`search.analysis.relaxed_queries`). The page says which shorter query was searched
    (:func:`shorter_searched`). A query in similar spellings (:class:`Similar`) is sought with
    its words together only, never near each other."""
    if analyse(query, words=TOGETHER) is None:
        return []
    forms = []
    # Words written either way are sought as one word (智慧城市 as 智能城市), never near each
    # other: 智能 is near 城市 in 聊城市较早从事智能制造, 智能 near 园区 in any text of a park's
    # software, and a query of a thing no text names would find those.
    similar = isinstance(query, Similar)
    for source in (query, *_shorter_queries(query)):
        forms.append(analyse(source, words=TOGETHER))
        if not similar:
            forms.append(analyse(source, words=NEAR))
    # A form met again (no words together, no similar spelling) keeps its first place.
    return list({repr(form): form for form in forms if form is not None}.values())


def _shorter_queries(query) -> list[PlainText]:
    """The shorter queries a catalogue search tries after ``query``, in turn: without its
    closing word for software, then each of its relaxed queries and that without its word for
    software (:func:`analysed_forms`). Nothing for a query of words ORed: fewer find no more."""
    if isinstance(query, str):
        query = PlainText(query)
    if not isinstance(query, PlainText) or query.operator != "and":
        return []
    texts = [without_software_word(query.query_string)]
    for relaxed in relaxed_queries(query.query_string):
        texts += [relaxed, without_software_word(relaxed)]
    # Similar stays so: the relaxed words are searched in their similar spellings too.
    shorter = (type(query)(text, operator="and", boost=query.boost) for text in texts if text)
    return list({repr(q): q for q in shorter}.values())


def _searched(query: str, model):
    """The analysed form a catalogue search of ``model`` for ``query`` searched with: the one
    the listings of this request decided on (remembered), so nothing more is matched."""
    results = model.objects.search(query, operator="and")
    return getattr(getattr(results, "query_compiler", None), "query", None)


def searched_instead(query: str, listing, *, found: bool) -> tuple[str, str] | None:
    """``(reason, words)`` when ``listing``'s entries were searched by other words than
    ``query``: ``"similar"`` spellings (智能工厂 for 智慧工厂), or, where it ``found``
    something, a ``"shorter"`` query (纺织 能耗 for 纺织厂怎么降低能耗); else None. What the page
    and the API say of a list."""
    if listing.searched_similar:
        return "similar", listing.searched_similar
    shorter = shorter_searched(query, listing.model) if found else None
    return None if shorter is None else ("shorter", shorter)


def shorter_searched(query: str, model) -> str | None:
    """The words a catalogue search of ``model`` searched for, when it found nothing with all
    of the query's and searched a shorter query (:func:`analysed_forms`: 设备管理 for
    设备管理系统, 纺织 能耗 for 纺织厂怎么降低能耗); else None."""
    shorter = _searched_shorter(query, model)
    return None if shorter is None else " ".join(t.text for t in query_terms(shorter))


def _searched_shorter(query: str, model) -> str | None:
    """The shorter query (:func:`_shorter_queries`) whose form the search of ``model``
    searched, where that form is not also the query's own (the analysis may leave a word out
    anyway: 青岛 ERP 软件); else None."""
    shorter_queries = _shorter_queries(query)
    if not shorter_queries:  # most queries: nothing more to read
        return None
    searched = repr(_searched(query, model))
    own = {repr(analyse(query, words=where)) for where in (TOGETHER, NEAR)}
    for shorter in shorter_queries:
        forms = {repr(analyse(shorter, words=where)) for where in (TOGETHER, NEAR)} - own
        if searched in forms:
            return shorter.query_string
        own |= forms  # a later shorter query's form that is the same was searched as this
    return None


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
    if not has_phrase(query):
        return None
    try:
        exact = _without_phrases(query)
    except _Unsplittable:
        return None
    return exact, _phrases_as_words(query)


def has_phrase(query: SearchQuery) -> bool:
    """Whether matching ``query`` needs the words' positions (a phrase, or a :class:`Near`)."""
    if isinstance(query, Phrase):
        return True
    return any(map(has_phrase, getattr(query, "subqueries", ())))


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
    if isinstance(query, And):
        # A Near stands beside the terms of its words, which require them already (in any of
        # their spellings, where its phrase names one).
        return And([_phrases_as_words(q) for q in query.subqueries if not isinstance(q, Near)])
    if isinstance(query, Or):
        return Or([_phrases_as_words(q) for q in query.subqueries])
    return query
