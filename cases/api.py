"""Cases in the public API v1: ``/api/v1/cases`` and ``/api/v1/cases/{id}`` (mounted by
``portal.api``).

Published cases only (live, public, canonical locale), filtered, searched and ordered by the
website's case listing (:class:`cases.listing.CaseListing`). A case lists only the providers
and solutions the public may see; the referee contact is never served.
"""

from __future__ import annotations

import datetime

from django.http import Http404, HttpResponse
from ninja import Field, Path, Query, Router, Schema
from ninja.decorators import decorate_view
from wagtail.models import Locale

from catalogue.api import (
    FACETS_HELP,
    LENIENT_HELP,
    SLUG_HELP,
    CaseRef,
    Coded,
    DetailQuery,
    FacetValue,
    Output,
    Paging,
    ProviderRef,
    Term,
    empty_list,
    listing_facets,
    paginate_listing,
    set_last_modified,
)
from catalogue.directory import public
from portal.api_support import ErrorOut, ValidationErrorOut, public_cache

from .listing import CaseListing, attach_links, conference_sections
from .models import CaseIndexPage, CasePage, ClientSize, ConferencePage, PilotKind

router = Router()


class SolutionRef(Schema):
    id: int
    title: str
    url: str | None


class Result(Schema):
    indicator: str = Field(description="指标，如 生产效率")
    before: float | None = Field(description="实施前；未知为 null")
    after: float
    unit: str
    change_percent: float | None = Field(description="相对变化（%），如 25.0 表示提升 25%")


class CaseSummary(Schema):
    id: int
    title: str
    url: str | None
    year: int
    client_name: str = Field(description="应用企业")
    client_industry: Term | None
    client_region: Term | None
    client_size: Coded | None = Field(description="large / medium / small / micro")
    scenario: Term | None = Field(description="应用场景（细分类型）")
    category: Term | None = Field(description="服务商类别")
    providers: list[ProviderRef] = Field(description="已发布的服务商")
    solutions: list[SolutionRef] = Field(description="已发布的解决方案")


class CaseDetail(CaseSummary):
    challenge: str = Field(description="面临的问题")
    approach: str = Field(description="实施内容")
    outcome: str = Field(description="实施成效")
    results: list[Result] = Field(description="量化成效")


class CaseList(Schema):
    count: int = Field(description="符合条件的案例总数")
    page: int
    page_size: int
    results: list[CaseSummary]
    facets: dict[str, list[FacetValue]] = Field(description=FACETS_HELP)


class CaseFilters(Paging):
    year: list[str] = Field(default_factory=list, description=f"年度，如 2025。{SLUG_HELP}")
    industry: list[str] = Field(default_factory=list, description=f"所属行业。{SLUG_HELP}")
    region: list[str] = Field(default_factory=list, description=f"所在地区，如 jinan。{SLUG_HELP}")
    scenario: list[str] = Field(
        default_factory=list, description=f"应用场景（细分类型的标识）。{SLUG_HELP}"
    )
    category: list[str] = Field(default_factory=list, description=f"服务商类别。{SLUG_HELP}")
    size: list[str] = Field(
        default_factory=list, description=f"企业规模：large / medium / small / micro。{SLUG_HELP}"
    )
    q: str = Field("", description=f"关键词（案例名称、应用企业、实施内容与成效）。{LENIENT_HELP}")
    sort: str = Field(
        "",
        description="排序：fair（默认）、relevance（有关键词时的默认）、newest（最新年度）、"
        "name（名称）；未知的取值按默认排序。",
    )


def case_listing_page(locale: Locale) -> CaseIndexPage | None:
    return CaseIndexPage.objects.live().public().filter(locale=locale).order_by("path").first()


def _summary(case: CasePage, out: Output) -> dict:
    return {
        "id": case.pk,
        "title": case.title,
        "url": out.url(case),
        "year": case.year,
        "client_name": case.client_name,
        "client_industry": out.term(case.client_industry) if case.client_industry else None,
        "client_region": out.term(case.client_region) if case.client_region else None,
        "client_size": out.choice(ClientSize, case.client_size),
        "scenario": out.term(case.scenario) if case.scenario else None,
        "category": out.term(case.category) if case.category else None,
        "providers": [
            {"uscc": p.uscc, "name": p.title, "url": out.url(p)} for p in case.linked_providers
        ],
        "solutions": [
            {"id": s.pk, "title": s.title, "url": out.url(s)} for s in case.linked_solutions
        ],
    }


def _linked_pages(cases) -> list:
    return [page for case in cases for page in (*case.linked_providers, *case.linked_solutions)]


@router.get(
    "/cases",
    response={200: CaseList, 400: ValidationErrorOut},
    tags=["cases"],
    summary="典型场景案例",
    description="已发布的典型案例，筛选与排序同网站典型案例目录。",
    url_name="cases",
)
@decorate_view(public_cache)
def list_cases(request, filters: Query[CaseFilters]):
    locale = Locale.get_default()
    index = case_listing_page(locale)
    out = Output(request, filters.lang, locale)
    if index is None:
        return empty_list(filters)
    listing = CaseListing(request.GET, index_page=index)
    count, cases = paginate_listing(listing, filters)
    out.prepare_urls([*cases, *_linked_pages(cases)])
    return {
        "count": count,
        "page": filters.page,
        "page_size": filters.page_size,
        "results": [_summary(case, out) for case in cases],
        "facets": listing_facets(listing, filters.lang),
    }


@router.get(
    "/cases/{case_id}",
    response={200: CaseDetail, 404: ErrorOut, 400: ValidationErrorOut},
    tags=["cases"],
    summary="案例详情",
    description="按编号查询已发布的案例；没有时返回 404。",
    url_name="case",
)
@decorate_view(public_cache)
def case_detail(
    request,
    response: HttpResponse,
    query: Query[DetailQuery],
    case_id: int = Path(..., ge=1, le=2**31 - 1, description="案例编号（列表中的 id）"),
):
    locale = Locale.get_default()
    index = case_listing_page(locale)
    case = None
    if index is not None:
        case = (
            CaseListing(request.GET, index_page=index)
            .base_queryset()
            .filter(pk=case_id)
            .select_related("client_industry", "client_region", "scenario", "category")
            .prefetch_related("results")
            .first()
        )
    if case is None:
        raise Http404(f"没有编号为 {case_id} 的已发布案例")
    attach_links([case])
    set_last_modified(response, [case, *_linked_pages([case])])
    out = Output(request, query.lang, locale)
    out.prepare_urls([case, *_linked_pages([case])])
    return {
        **_summary(case, out),
        "challenge": case.challenge,
        "approach": case.approach,
        "outcome": case.outcome,
        "results": [
            {
                "indicator": r.indicator,
                "before": float(r.before) if r.before is not None else None,
                "after": float(r.after),
                "unit": r.unit,
                "change_percent": r.change_percent,
            }
            for r in case.results.all()
        ],
    }


# --- Conferences and the promotion catalogue ------------------------------------------------


class DownloadOut(Schema):
    title: str
    url: str


class PromotedSolution(Schema):
    solution: SolutionRef
    note: str = Field(description="推荐理由")


class PilotPromotions(Schema):
    pilot: Term
    kind: Coded = Field(description="city 城市试点 / zone 省级引导区 / cluster 产业集群试点")
    solutions: list[PromotedSolution]


class ConferenceSummary(Schema):
    year: int
    title: str
    url: str | None
    date: datetime.date | None
    place: str


class ConferenceDetail(ConferenceSummary):
    annual_list_url: str | None = Field(description="本年度优质服务商名单页面")
    cases: list[CaseRef] = Field(description="本年度已发布的典型案例")
    promotions: list[PilotPromotions] = Field(description="本年度面向试点的推广方案")
    downloads: list[DownloadOut]


def _conferences(locale):
    return public(ConferencePage.objects.live()).filter(locale=locale).order_by("-year")


def _conference_summary(conference, out: Output) -> dict:
    return {
        "year": conference.year,
        "title": conference.title,
        "url": out.url(conference),
        "date": conference.date,
        "place": conference.place,
    }


@router.get(
    "/conferences",
    response={200: list[ConferenceSummary], 400: ValidationErrorOut},
    tags=["cases"],
    summary="年度服务商大会",
    url_name="conferences",
)
@decorate_view(public_cache)
def list_conferences(request, query: Query[DetailQuery]):
    locale = Locale.get_default()
    out = Output(request, query.lang, locale)
    conferences = list(_conferences(locale))
    out.prepare_urls(conferences)
    return [_conference_summary(c, out) for c in conferences]


@router.get(
    "/conferences/{year}",
    response={200: ConferenceDetail, 404: ErrorOut, 400: ValidationErrorOut},
    tags=["cases"],
    summary="某年度大会：名单、案例、推广方案与资料",
    url_name="conference",
)
@decorate_view(public_cache)
def conference_detail(
    request,
    query: Query[DetailQuery],
    year: int = Path(..., ge=2000, le=2100, description="年度，如 2025"),
):
    locale = Locale.get_default()
    conference = _conferences(locale).filter(year=year).first()
    if conference is None:
        raise Http404(f"没有已发布的 {year} 年度大会")
    sections = conference_sections(conference)
    out = Output(request, query.lang, locale)
    solutions = [e["solution"] for g in sections["promotion_groups"] for e in g["entries"]]
    annual_list = sections["annual_list"]
    out.prepare_urls(
        [conference, *sections["cases"], *solutions, *([annual_list] if annual_list else [])]
    )
    return {
        **_conference_summary(conference, out),
        "annual_list_url": out.url(annual_list) if annual_list else None,
        "cases": [
            {"id": c.pk, "title": c.title, "year": c.year, "url": out.url(c)}
            for c in sections["cases"]
        ],
        "promotions": [
            {
                "pilot": out.term(group["pilot"]),
                "kind": out.choice(PilotKind, group["pilot"].kind),
                "solutions": [
                    {
                        "solution": {
                            "id": e["solution"].pk,
                            "title": e["solution"].title,
                            "url": out.url(e["solution"]),
                        },
                        "note": e["note"],
                    }
                    for e in group["entries"]
                ],
            }
            for group in sections["promotion_groups"]
        ],
        "downloads": [
            {
                "title": d.title or d.document.title,
                "url": request.build_absolute_uri(d.document.url),
            }
            for d in sections["downloads"]
        ],
    }
