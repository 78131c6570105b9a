"""Site search: one box over every registered type, with a tab per type (and its count),
the type's facets, sort and pagination, and snippets with the matched words marked."""

import difflib
import itertools
from collections import defaultdict
from functools import cache

from django.http import Http404, QueryDict
from django.template.response import TemplateResponse
from django.urls import reverse

from . import registry
from .analysis import DICTIONARY, MAX_QUERY_CHARS, in_dictionary, query_terms
from .highlight import highlight
from .query import NEAR, software_left_out, words_apart
from .synonyms import ACRONYMS, ENGLISH_NAMES, PINYIN_PLACES, chinese_names


def clean_query(raw: str) -> str:
    text = "".join(ch for ch in raw if ch.isprintable() or ch == " ")
    return " ".join(text.split())[:MAX_QUERY_CHARS]


def _vocabulary() -> list[str]:
    """The words a hint may offer: the domain's, the acronyms' Chinese names, and what an
    English visitor types for them (predictive maintenance, Qingdao)."""
    if not hasattr(_vocabulary, "words"):
        words = [line.strip() for line in DICTIONARY.read_text("utf-8").splitlines()]
        words += [*chinese_names(), *ENGLISH_NAMES, *PINYIN_PLACES]
        _vocabulary.words = sorted({w for w in words if w})
    return _vocabulary.words


MAX_HINTS = 4

#: The shortest part of a known word a query may be one character off: two-character words
#: one character off are too many and too unlike each other (管里: 管理, 代理, 护理 …).
SLIP_MIN_CHARS = 3


@cache
def _slips() -> dict[str, frozenset[str]]:
    """``{a text with one character blanked (\\0): the known words, and parts of them of at
    least SLIP_MIN_CHARS characters, written so}``: what a query one character off (a slip of
    the input method: 仓储管里, 数子孪生) was likely meant to be."""
    table = defaultdict(set)
    # Chinese words: an English visitor's slips are difflib's (qingdoa, predictve).
    for word in (word for word in _vocabulary() if not word.isascii()):
        for length in range(SLIP_MIN_CHARS, len(word) + 1):
            for start in range(len(word) - length + 1):
                part = word[start : start + length]
                # A word's head (仓储管理 of 仓储管理系统) or a word of its own, not any part
                # (预测与 of 故障预测与健康管理).
                if start and length < len(word) and not in_dictionary(part):
                    continue
                for i in range(length):
                    table[f"{part[:i]}\0{part[i + 1 :]}"].add(part)
    return {blanked: frozenset(parts) for blanked, parts in table.items()}


def _one_character_off(text: str) -> list[str]:
    """Known words (or their heads and the words inside them: 仓储管理 of 仓储管理系统) that
    differ from ``text`` in one character, in order; none for a word of the dictionary
    (预测性 is no slip for 预测与, nor 服务商 for 服务总)."""
    if in_dictionary(text):
        return []
    slips = _slips()
    found = set()
    for i in range(len(text)):
        found |= slips.get(f"{text[:i]}\0{text[i + 1 :]}", frozenset())
    return sorted(found - {text})


def spelling_hints(query: str) -> list[str]:
    """Known words close to the query's terms, best first, for a query that found nothing
    (more than are shown: the page offers those that find something)."""
    whole = "".join(query.split())
    hints = _one_character_off(whole)
    hints += difflib.get_close_matches(whole, _vocabulary(), n=2, cutoff=0.75)
    for term in query_terms(query):
        if len(term.text) < 2 or term.text in ACRONYMS:
            continue
        hints += _one_character_off(term.text)
        hints += difflib.get_close_matches(term.text, _vocabulary(), n=2, cutoff=0.6)
    return [hint for hint in dict.fromkeys(hints) if hint not in query]


def type_url(key: str | None, query: str) -> str:
    path = reverse("search_type", args=[key]) if key else reverse("search")
    params = QueryDict(mutable=True)
    if query:
        params["q"] = query
    return f"{path}?{params.urlencode()}" if query else path


def _words_apart(query: str, model, type_key: str | None) -> dict | None:
    """The link to the query's words apart, when the search kept the words it writes together
    as written or near each other (:func:`search.query.words_apart`)."""
    apart = words_apart(query, model)
    if apart is None:
        return None
    where, text = apart
    return {"text": text, "url": type_url(type_key, text), "near": where == NEAR}


def mark_results(search_type, results, query: str) -> None:
    """Give each result its title and snippet with the query's words marked, and, where those
    lack one of the words, where the result holds it (``search_matched``)."""
    matched = search_type.where_matched(results, query)
    for result in results:
        result.search_snippet = highlight(search_type.snippet_text(result), query)
        result.search_title = highlight(result.title, query, length=200)
        result.search_matched = matched.get(result.pk, [])


def search(request, type_key: str | None = None):
    query = clean_query(request.GET.get("q", ""))
    locale = registry.active_locale()
    available = registry.listed_types(locale)
    index_pages = {t.key: index_page for t, index_page in available}
    if type_key is not None and type_key not in {t.key for t, _ in available}:
        raise Http404("Unknown search type")

    context = {"search_query": query, "tabs": [], "active": None}
    if query and available:
        params = request.GET.copy()
        params["q"] = query
        only_query = QueryDict(mutable=True)
        only_query["q"] = query
        listings = {}
        # Without a chosen tab the first one that finds something opens; most searches find
        # something in the first, so it is searched ranked straight away.
        likely = type_key or available[0][0].key
        # Every tab's listing takes its hits from the same full-text match, which scores the
        # hits of the open tab only, when it is in relevance order.
        models = [t.listing_class.model for t, _page in available]

        def make_listing(search_type, listing_params, ranked_with=()):
            return search_type.listing_class(
                listing_params,
                index_page=index_pages[search_type.key],
                base_url=reverse("search_type", args=[search_type.key]),
                searched_with=models,
                ranked_with=ranked_with,
                cards=False,  # a title, a link and a snippet: see search.html
            )

        def finds_anything(text: str) -> bool:
            """Whether ``text`` finds an entry of any tab: a link to it leads somewhere."""
            text_only = QueryDict(mutable=True)
            text_only["q"] = text
            return any(make_listing(t, text_only).match_count() for t, _page in available)

        opened = make_listing(registry.get(likely), params)
        ranked_with = (opened.model,) if opened.sort == "relevance" else ()
        for search_type, _index_page in available:
            shown = search_type.key == likely
            listing = opened if shown else make_listing(search_type, only_query, ranked_with)
            listings[search_type.key] = listing
            context["tabs"].append(
                {
                    "key": search_type.key,
                    "label": search_type.label,
                    # The tab's own filters narrow its list, not the number on the tab.
                    "count": listing.unfiltered_count() if shown else listing.match_count(),
                    "url": type_url(search_type.key, query),
                }
            )
        if type_key is None:
            type_key = next((tab["key"] for tab in context["tabs"] if tab["count"]), None)
            if type_key is not None and type_key != likely:
                listings[type_key] = make_listing(registry.get(type_key), params)
        for tab in context["tabs"]:
            tab["selected"] = tab["key"] == type_key
        found = any(tab["count"] for tab in context["tabs"])
        if type_key is not None:
            search_type = registry.get(type_key)
            model = search_type.listing_class.model
            # Said instead of how the words stood, where the query without the word found
            # something; where it found nothing either, how the words stood is what to say.
            left_out = software_left_out(query, model) if found else None
            apart = None if left_out else _words_apart(query, model, type_key)
            if apart and not found and not finds_anything(apart["text"]):
                apart = None  # the words apart find nothing either: no link to an empty page
            if left_out:
                context["software_left_out"] = left_out
            if apart:
                context["words_apart"] = apart
            listing_context = listings[type_key].context()
            mark_results(search_type, listing_context["results"], query)
            context.update(listing_context)
            context["active"] = search_type
        if not found:
            if type_key is None:  # else said above the chosen tab's empty list
                apart = _words_apart(query, available[0][0].listing_class.model, None)
                if apart and finds_anything(apart["text"]):
                    context["words_apart"] = apart
            context["browse_links"] = [
                {"label": index_page.title, "url": index_page.url} for _t, index_page in available
            ]
            # Only hints that find something: a hint is a link, and an empty page is no answer.
            hints = (hint for hint in spelling_hints(query) if finds_anything(hint))
            context["spelling_hints"] = [
                {"text": hint, "url": type_url(None, hint)}
                for hint in itertools.islice(hints, MAX_HINTS)
            ]
    return TemplateResponse(request, "search/search.html", context)
