"""Site search: one box over every registered type, with a tab per type (and its count),
the type's facets, sort and pagination, and snippets with the matched words marked."""

from django.http import Http404, QueryDict
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from . import registry
from .analysis import MAX_QUERY_CHARS, kind_named
from .highlight import highlight
from .hints import correction, is_correction, spelling_hints
from .query import NEAR, searched_instead, words_apart


def clean_query(raw: str) -> str:
    text = "".join(ch for ch in raw if ch.isprintable() or ch == " ")
    return " ".join(text.split())[:MAX_QUERY_CHARS]


def type_url(key: str | None, query: str, **extra: str) -> str:
    """The search page (of the type ``key``, or of all types) for ``query``, with ``extra``
    parameters."""
    path = reverse("search_type", args=[key]) if key else reverse("search")
    params = QueryDict(mutable=True)
    if query:
        params["q"] = query
    params.update(extra)
    return f"{path}?{params.urlencode()}" if params else path


def _words_apart(query: str, model, type_key: str | None) -> dict | None:
    """The link to the query's words apart, when the search kept the words it writes together
    as written or near each other (:func:`search.query.words_apart`)."""
    apart = words_apart(query, model)
    if apart is None:
        return None
    where, text = apart
    return {"text": text, "url": type_url(type_key, text), "near": where == NEAR}


def mark_results(search_type, results, query: str, *, similar: bool = False) -> None:
    """Give each result its title and snippet with the query's words marked, and, where those
    lack one of the words, where the result holds it (``search_matched``); ``similar``: the
    words in the similar spellings searched too (``Listing.searched_similar``)."""
    matched = search_type.where_matched(results, query, similar=similar)
    for result in results:
        snippet = search_type.snippet_text(result)
        result.search_snippet = highlight(snippet, query, similar=similar)
        result.search_title = highlight(result.title, query, length=200, similar=similar)
        result.search_matched = matched.get(result.pk, [])


#: The parameter that says a query was put right (数子孪生 → 数字孪生) and from what; and the
#: one that asks for the query as typed.
CORRECTED_FROM, AS_TYPED = "corrected_from", "as_typed"


def search(request, type_key: str | None = None):
    query = clean_query(request.GET.get("q", ""))
    locale = registry.active_locale()
    available = registry.listed_types(locale)
    index_pages = {t.key: index_page for t, index_page in available}
    if type_key is not None and type_key not in {t.key for t, _ in available}:
        raise Http404("Unknown search type")

    context = {"search_query": query, "tabs": [], "active": None}
    typed = clean_query(request.GET.get(CORRECTED_FROM, ""))
    if query and typed and is_correction(query, typed):  # said only of a real correction
        context["corrected_from"] = {"text": typed, "url": type_url(None, typed, **{AS_TYPED: "1"})}
    if query and available:
        params = request.GET.copy()
        params["q"] = query
        only_query = QueryDict(mutable=True)
        only_query["q"] = query
        listings = {}
        # Without a chosen tab, the tab of the kind of entry the query asks for opens
        # (预测性维护案例, MES服务商) if it finds something, else the first that does; most
        # searches find something there, so it is searched ranked straight away.
        asked = kind_named(query)
        asked = asked if asked in index_pages else None
        likely = type_key or asked or available[0][0].key
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
            return any(listing.with_keyword(text).match_count() for listing in listings.values())

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
                    "count": listing.unchosen_count() if shown else listing.match_count(),
                    "url": type_url(search_type.key, query),
                }
            )
        if type_key is None:
            finding = [tab["key"] for tab in context["tabs"] if tab["count"]]
            type_key = asked if asked in finding else next(iter(finding), None)
            if type_key is not None and type_key != likely:
                listings[type_key] = make_listing(registry.get(type_key), params)
        for tab in context["tabs"]:
            tab["selected"] = tab["key"] == type_key
        found = any(tab["count"] for tab in context["tabs"])
        if type_key is not None:
            search_type = registry.get(type_key)
            model = search_type.listing_class.model
            # Said instead of how the words stood, where similar spellings (counted above: a
            # listing that matched nothing as typed searched them) or a shorter query (without
            # a word for software, or a sentence's loose words) found this tab's entries; where
            # nothing did, how the words stood is what to say.
            opened_found = any(t["count"] for t in context["tabs"] if t["key"] == type_key)
            instead = searched_instead(query, listings[type_key], found=opened_found)
            reason, words = instead or (None, None)
            similar = words if reason == "similar" else None
            shorter = words if reason == "shorter" else None
            apart = None if reason else _words_apart(query, model, type_key)
            if apart and not found and not finds_anything(apart["text"]):
                apart = None  # the words apart find nothing either: no link to an empty page
            if shorter:
                context["shorter_searched"] = shorter
            if similar:
                context["similar_searched"] = similar
            if apart:
                context["words_apart"] = apart
            listing_context = listings[type_key].context()
            mark_results(search_type, listing_context["results"], query, similar=bool(similar))
            context.update(listing_context)
            context["active"] = search_type
            context["spelling_hints"] = ()  # a directory's own (the listing's), set below
        if not found and type_key is None and AS_TYPED not in request.GET:
            # A slip of the input method (数子孪生) that only one known word puts right: its
            # results, saying so, rather than an empty page with a link to them.
            corrected = correction(query, finds=finds_anything)
            if corrected is not None:
                return redirect(type_url(None, corrected, **{CORRECTED_FROM: query}))
        if not found:
            if type_key is None:  # else said above the chosen tab's empty list
                apart = _words_apart(query, available[0][0].listing_class.model, None)
                if apart and finds_anything(apart["text"]):
                    context["words_apart"] = apart
            context["browse_links"] = [
                {"label": index_page.title, "url": index_page.url} for _t, index_page in available
            ]
            context["spelling_hints"] = [
                {"text": hint, "url": type_url(None, hint)}
                for hint in spelling_hints(query, finds=finds_anything)
            ]
    return TemplateResponse(request, "search/search.html", context)
