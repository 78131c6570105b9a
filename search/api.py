"""`GET /api/v1/search`: the site search for integrators (DESIGN.md §3)."""

import html
from typing import Literal

from django.http import HttpRequest, QueryDict
from django.utils import translation
from django.utils.html import strip_tags
from ninja import Field, Query, Router, Schema
from ninja.decorators import decorate_view

from portal.api_support import ValidationErrorOut, public_cache

from . import registry
from .highlight import highlight
from .hints import spelling_hints
from .query import searched_instead
from .views import clean_query

router = Router(tags=["search"])
MAX_PAGE_SIZE = 100


class SearchParams(Schema):
    q: str = Field(
        ...,
        description="关键词，最多 200 个字符；多个词之间为“且”。只有空格或控制字符时没有结果。",
    )
    type: Literal["", "provider", "solution", "case"] = Field(
        "",
        description="结果类型：provider / solution / case；不指定时依次返回各类型的结果。"
        "指定类型时可同时使用该类型目录的筛选参数（如 region、category）。",
    )
    page: int = Field(1, ge=1, description="页码，从 1 开始")
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE, description="每页条数，1–100")
    lang: Literal["zh-hans", "en"] = Field("zh-hans", description="语言：zh-hans 或 en")


class MatchedOut(Schema):
    field: str = Field(description="字段名称（当前语言）")
    text: str = Field(description="该字段中包含查询词的片段（纯文本）")


class SearchResult(Schema):
    type: str
    id: int
    title: str
    url: str
    snippet: str = Field(description="围绕匹配词的摘要（纯文本）")
    uscc: str | None = Field(None, description="服务商的统一社会信用代码（仅 provider）")
    matched: list[MatchedOut] = Field(
        default_factory=list,
        description="标题和摘要中没有的查询词出现在哪里（如细分类型、所在地区）；都有时为空",
    )


class FacetOptionOut(Schema):
    value: str
    label: str
    count: int


class SearchedAsOut(Schema):
    type: str = Field(description="结果类型")
    query: str = Field(description="该类型实际检索的词")
    reason: Literal["similar", "shorter"] = Field(
        description="similar：按相近说法检索（智慧工厂→智能工厂）；"
        "shorter：问句中去掉部分词后检索（纺织厂怎么降低能耗→纺织 能耗）",
    )


class SearchOut(Schema):
    count: int
    page: int
    page_size: int
    results: list[SearchResult]
    facets: dict[str, list[FacetOptionOut]] = Field(
        description="type：各类型的结果数；指定 type 时还有该类型的筛选维度及各取值的结果数"
    )
    suggestions: list[str] = Field(
        default_factory=list,
        description="没有结果时：与关键词相近、能找到结果的词（“您是不是要找”），最多 4 个",
    )
    searched_as: list[SearchedAsOut] = Field(
        default_factory=list,
        description="按原词找不到、改用其他词检索到结果的类型，及其实际检索的词",
    )


def _listing(search_type, index_page, params, request, searched_with):
    return search_type.listing_class(
        params, index_page=index_page, base_url=request.path, searched_with=searched_with
    )


@router.get(
    "/search",
    response={200: SearchOut, 400: ValidationErrorOut},
    summary="全站搜索",
    description="中文分词检索服务商、解决方案（及典型案例）。只返回已发布的公开内容。",
)
@decorate_view(public_cache)
def search(request: HttpRequest, params: Query[SearchParams]):
    query = clean_query(params.q)
    with translation.override(params.lang):
        locale = registry.active_locale()
        # A type the site does not publish (no listing page yet) simply finds nothing.
        available = registry.listed_types(locale) if query else []
        listing_params = request.GET.copy()
        listing_params["q"] = query
        for name in ("type", "page", "page_size", "lang"):
            listing_params.pop(name, None)
        only_query = listing_params if params.type else {"q": query}

        # The results are the types' ranked lists one after the other; only the types the
        # requested page reaches are ranked, the others only counted.
        start = (params.page - 1) * params.page_size
        stop = start + params.page_size
        wanted: list[tuple] = []  # (search type, pk) of the requested page, in result order
        type_counts = []
        listings = []
        active_listing = None
        total = 0
        searched = [(t, page) for t, page in available if not params.type or t.key == params.type]
        # The types' listings take their hits from the same full-text match.
        models = [t.listing_class.model for t, _page in searched]
        for search_type, index_page in searched:
            listing = _listing(search_type, index_page, _querydict(only_query), request, models)
            # Inside the page the ranked list is read anyway; elsewhere the count decides.
            count = None if start <= total < stop else listing.match_count()
            if total < stop and (count is None or total + count > start):
                # Only the slice of the ranked list the page shows is turned into ids.
                ids = listing.id_sequence()
                if ids is None:
                    ids = listing.ordered_ids()
                count = len(ids)
                wanted.extend((search_type, pk) for pk in ids[max(start - total, 0) : stop - total])
            type_counts.append((search_type, count))
            total += count
            listings.append(listing)
            active_listing = listing

        # A type that matched nothing as typed searched similar words (智能工厂 for 智慧工厂).
        similar = {
            search_type: bool(listing.searched_similar)
            for (search_type, _page), listing in zip(searched, listings, strict=True)
        }
        results = _results(wanted, query, request, similar)
        # Said of each type whose entries were found by other words than typed, as the page
        # says it: in similar words, or without some (纺织厂怎么降低能耗: 纺织 能耗).
        searched_as = []
        for listing, (search_type, count) in zip(listings, type_counts, strict=True):
            if count and (instead := searched_instead(query, listing, found=True)):
                reason, words = instead
                searched_as.append({"type": search_type.key, "query": words, "reason": reason})

        facets = {
            "type": [{"value": t.key, "label": str(t.label), "count": n} for t, n in type_counts]
        }
        if params.type and active_listing is not None:
            for facet in active_listing.facets():
                facets[facet.param] = [
                    {"value": o.value, "label": str(o.label), "count": o.count}
                    for o in facet.options
                ]

        def finds_anything(word: str) -> bool:
            return any(listing.with_keyword(word).match_count() for listing in listings)

        # As the site search offers them: words close to a query that found nothing, each
        # finding something in the types searched.
        suggestions = spelling_hints(query, finds=finds_anything) if query and not total else []
    return {
        "count": total,
        "page": params.page,
        "page_size": params.page_size,
        "results": results,
        "facets": facets,
        "suggestions": suggestions,
        "searched_as": searched_as,
    }


def plain(marked) -> str:
    """Marked-up HTML (an escaped excerpt with <mark>s) as the text it shows: R&D, not
    R&amp;D."""
    return html.unescape(strip_tags(marked))


def _querydict(params):
    if isinstance(params, QueryDict):
        return params
    query = QueryDict(mutable=True)
    for key, value in params.items():
        query[key] = value
    return query


def _results(wanted, query: str, request, similar: dict) -> list[dict]:
    """The results of ``wanted`` (search type, pk), their snippets and places marking the
    query's words, in the similar words a type searched (``similar``: search type → bool)."""
    by_type: dict = {}
    for search_type, pk in wanted:
        by_type.setdefault(search_type, []).append(pk)
    objects = {}
    for search_type, pks in by_type.items():
        model = search_type.listing_class.model
        for obj in model.objects.filter(pk__in=pks):  # the listing's own, specific model
            objects[(search_type.key, obj.pk)] = obj
    matched = {}
    for search_type, pks in by_type.items():
        found = [objects[(search_type.key, pk)] for pk in pks if (search_type.key, pk) in objects]
        places_of = search_type.where_matched(found, query, similar=similar[search_type])
        for pk, places in places_of.items():
            matched[(search_type.key, pk)] = [
                {"field": str(label), "text": plain(text)} for label, text in places
            ]
    results = []
    for search_type, pk in wanted:
        obj = objects.get((search_type.key, pk))
        if obj is None:
            continue
        text = search_type.snippet_text(obj)
        snippet = plain(highlight(text, query, similar=similar[search_type]))
        results.append(
            {
                "type": search_type.key,
                "id": obj.pk,
                "title": obj.title,
                "url": obj.get_full_url(request),
                "snippet": snippet,
                "matched": matched.get((search_type.key, pk), []),
                **search_type.api_fields(obj),
            }
        )
    return results
