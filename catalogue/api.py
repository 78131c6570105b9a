"""The catalogue's endpoints in the public API v1: ``/api/v1/providers``,
``/api/v1/providers/{uscc}`` and ``/api/v1/solutions`` (mounted by ``portal.api``).

What is served: published content only — live pages without view restrictions, in the
canonical (Chinese) locale; never a draft, never a provider whose page is unpublished; removed
providers in the list only when asked for with ``status=removed``. No personal data: a
provider's public business contact is the only contact there is.

Filtering, searching and ordering are the website's own: the endpoints run the listings of
:mod:`catalogue.directory` (``ProviderListing``, ``SolutionListing``) on the request's query
string, so a query string gives the same entries in the same order as the HTML directory. Only
paging differs: the API takes ``page_size`` and is strict about ``page`` (400 instead of
clamping; past the last page ``results`` is empty).

Each list costs a constant number of queries whatever its size: the page of results comes with
its relations prefetched, names from :mod:`catalogue.taxonomy`'s cached dictionaries and URLs
from Wagtail's cached site root paths.
"""

from __future__ import annotations

import datetime
from typing import Literal

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.http import http_date
from ninja import Field, Path, Query, Router, Schema
from ninja.decorators import decorate_view
from ninja.responses import Status as Respond
from wagtail import hooks
from wagtail.models import Locale, Page

from portal.api_support import ErrorOut, ValidationErrorOut, public_cache
from portal.identifiers import normalise, uscc_problem

from . import taxonomy
from .directory import MAX_QUERY_LENGTH, ProviderListing, SolutionListing
from .models import (
    DeploymentMode,
    Grade,
    ProviderIndexPage,
    ProviderPage,
    SolutionIndexPage,
    SolutionPage,
    Status,
)

router = Router()

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20

Language = Literal["zh-hans", "en"]


# --- Schemas -------------------------------------------------------------------------------


class Term(Schema):
    """A taxonomy term: its slug (the filter value) and its name in the requested language."""

    slug: str
    name: str


class RegionOut(Term):
    province: str


class Coded(Schema):
    """A fixed value: a stable code and its label."""

    code: str
    label: str


class LatestGrade(Schema):
    year: int | None
    code: str = Field(description="excellent 优秀 / qualified 合格 / unqualified 不合格")
    label: str


class ProviderSummary(Schema):
    uscc: str = Field(description="统一社会信用代码（18位）")
    name: str
    url: str | None = Field(description="服务商页面的公开网址（绝对地址）")
    region: Term
    categories: list[Term]
    subtypes: list[Term]
    status: Coded = Field(
        description="applied 申报中 / selected 入选 / rectifying 整改中 / removed 已清退"
    )
    latest_grade: LatestGrade | None = Field(description="最新年度评级；未评级为 null")


class FacetValue(Schema):
    value: str = Field(description="筛选参数的取值")
    label: str
    count: int = Field(description="选中该取值时的结果数（同一维度的其他选择不计入）")
    selected: bool


FACETS_HELP = "各筛选维度（键为参数名）的取值及结果数，与网站目录左侧的筛选相同"


class ProviderList(Schema):
    count: int = Field(description="符合条件的服务商总数")
    page: int
    page_size: int
    results: list[ProviderSummary]
    facets: dict[str, list[FacetValue]] = Field(description=FACETS_HELP)


class BatchOut(Schema):
    year: int
    number: int
    name: str = Field(description="如 2025年第3批（lang=en：2025 batch 3）")


class GradeOut(Schema):
    year: int
    grade: Coded
    score: float | None
    note: str


class StatusChangeOut(Schema):
    date: datetime.date
    status: Coded
    reason: str
    deadline: datetime.date | None = Field(description="整改期限（仅整改中）")


class ProviderSolution(Schema):
    id: int
    title: str
    url: str | None
    category: Term
    deployment_mode: Coded | None = Field(description="saas / private / hybrid；未填为 null")
    reference_price: float | None = Field(description="参考价格（万元）；面议为 null")
    is_xkqz: bool = Field(description="小快轻准")


class CaseRef(Schema):
    id: int
    title: str
    year: int
    url: str | None


class ProviderDetail(Schema):
    uscc: str
    name: str
    url: str | None
    region: RegionOut
    address: str
    website: str
    contact_name: str = Field(description="公开的业务联系人")
    contact_phone: str = Field(description="公开的业务联系电话")
    categories: list[Term]
    subtypes: list[Term]
    industries: list[Term]
    introduction: str
    designer_count: int = Field(description="解决方案设计师人数")
    batch: BatchOut | None = Field(description="入选批次")
    status: Coded
    latest_grade: LatestGrade | None
    grades: list[GradeOut] = Field(description="年度评级，最近的年度在前")
    status_timeline: list[StatusChangeOut] = Field(description="状态变更，最近的在前")
    solutions: list[ProviderSolution] = Field(description="已发布的解决方案")
    cases: list[CaseRef] = Field(description="该服务商参与的已发布典型案例，最新年度在前")


class ProviderRef(Schema):
    uscc: str
    name: str
    url: str | None


class SolutionSummary(Schema):
    id: int
    title: str
    url: str | None
    provider: ProviderRef
    category: Term
    industries: list[Term]
    deployment_mode: Coded | None = Field(description="saas / private / hybrid；未填为 null")
    reference_price: float | None = Field(description="参考价格（万元）；面议为 null")
    is_xkqz: bool = Field(description="小快轻准")
    is_standardised: bool = Field(description="标准化、可复制")


class SolutionList(Schema):
    count: int = Field(description="符合条件的解决方案总数")
    page: int
    page_size: int
    results: list[SolutionSummary]
    facets: dict[str, list[FacetValue]] = Field(description=FACETS_HELP)


# --- Parameters ----------------------------------------------------------------------------
#
# The listing reads the filters from the query string itself (as the website does); these
# schemas validate paging and language and document the filters in the OpenAPI description.

SLUG_HELP = "取值为分类标识（slug），可重复，同一参数的多个取值为“或”；未知的取值被忽略。"
LENIENT_HELP = (
    f"最多 {MAX_QUERY_LENGTH} 个字符，更长的部分被截去；控制字符（如 NUL）被去掉。"
    "有关键词时默认按相关度排序。"
)


class Paging(Schema):
    page: int = Field(
        1, ge=1, description="页码，从 1 开始；不是正整数时返回 400；超出末页时 results 为空"
    )
    page_size: int = Field(
        DEFAULT_PAGE_SIZE,
        ge=1,
        le=MAX_PAGE_SIZE,
        description=f"每页条数，1–{MAX_PAGE_SIZE}，默认 {DEFAULT_PAGE_SIZE}；超出范围返回 400",
    )
    lang: Language = Field(
        "zh-hans", description="名称的语言：zh-hans（默认）或 en（尚未翻译的名称仍为中文）"
    )


class ProviderFilters(Paging):
    category: list[str] = Field(
        default_factory=list, description=f"服务商类别，如 consulting。{SLUG_HELP}"
    )
    subtype: list[str] = Field(default_factory=list, description=f"细分类型。{SLUG_HELP}")
    region: list[str] = Field(default_factory=list, description=f"所在地区，如 jinan。{SLUG_HELP}")
    industry: list[str] = Field(default_factory=list, description=f"服务行业。{SLUG_HELP}")
    grade: list[str] = Field(
        default_factory=list,
        description=f"最新评级：excellent / qualified / unqualified。{SLUG_HELP}",
    )
    year: list[str] = Field(
        default_factory=list, description=f"入选批次的年度，如 2025。{SLUG_HELP}"
    )
    status: list[str] = Field(
        default_factory=list,
        description="状态：applied / selected / rectifying / removed，可重复。"
        "不指定时不含已清退的服务商；只有指定 status=removed 时才返回已清退的服务商。",
    )
    q: str = Field(
        "", description=f"关键词（名称、统一社会信用代码、简介、地址、分类）。{LENIENT_HELP}"
    )
    sort: str = Field(
        "",
        description="排序：fair（默认，公平排序：按统一社会信用代码的稳定散列）、relevance"
        "（相关度，有关键词时的默认）、name（名称）、newest（最新入选）、grade（评级）；"
        "未知的取值按默认排序。",
    )


class SolutionFilters(Paging):
    category: list[str] = Field(default_factory=list, description=f"服务商类别。{SLUG_HELP}")
    region: list[str] = Field(
        default_factory=list, description=f"服务商所在地区，如 jinan。{SLUG_HELP}"
    )
    industry: list[str] = Field(default_factory=list, description=f"适用行业。{SLUG_HELP}")
    deployment: list[str] = Field(
        default_factory=list, description=f"部署方式：saas / private / hybrid。{SLUG_HELP}"
    )
    price: list[str] = Field(
        default_factory=list,
        description="参考价格区间（万元）：under-5 / 5-20 / 20-50 / 50-plus / negotiable（面议）。"
        f"{SLUG_HELP}",
    )
    xkqz: str = Field("", description="xkqz=yes 只列出小快轻准方案；其他取值被忽略。")
    q: str = Field("", description=f"关键词（名称、简介、应用场景、主要功能）。{LENIENT_HELP}")
    sort: str = Field(
        "",
        description="排序：fair（默认）、relevance（有关键词时的默认）、name、newest、"
        "price（价格从低到高）；未知的取值按默认排序。",
    )


# --- Which content is public ---------------------------------------------------------------


def provider_directory_page(locale: Locale) -> ProviderIndexPage | None:
    """The live, public provider directory of the canonical locale (there is one per site)."""
    return ProviderIndexPage.objects.live().public().filter(locale=locale).order_by("path").first()


def solution_catalogue_page(locale: Locale) -> Page | None:
    """The page the solution listing is anchored to: the canonical solution catalogue, or any
    canonical-locale page (the listing needs only the locale)."""
    return (
        SolutionIndexPage.objects.live().filter(locale=locale).order_by("path").first()
        or ProviderIndexPage.objects.filter(locale=locale).order_by("path").first()
    )


# --- Output helpers ------------------------------------------------------------------------


class Output:
    """Names and URLs in the requested language, from cached dictionaries and prefetched rows."""

    def __init__(self, request: HttpRequest, language: str, default_locale: Locale):
        self.request = request
        self.language = language
        self.default_locale = default_locale
        self._names: dict = {}
        self._translated_urls: dict[str, str] = {}

    def term(self, term) -> dict:
        model = type(term)
        if model not in self._names:
            self._names[model] = taxonomy.localized_names(model, self.language)
        return {
            "slug": term.slug,
            "name": self._names[model].get(str(term.translation_key), term.name),
        }

    def terms(self, terms) -> list[dict]:
        return [self.term(term) for term in terms]

    def choice(self, choices, code: str) -> dict | None:
        if not code:
            return None
        with translation.override(self.language):
            label = str(dict(choices.choices).get(code, code))
        return {"code": code, "label": label}

    def latest_grade(self, provider: ProviderPage) -> dict | None:
        if not provider.latest_grade:
            return None
        return {"year": provider.latest_grade_year, **self.choice(Grade, provider.latest_grade)}

    def prepare_urls(self, pages) -> None:
        """With ``lang=en``, read the English versions of the pages (one query) so that their
        URLs point at the English site; pages without one keep their Chinese URL."""
        if self.language == self.default_locale.language_code or not pages:
            return
        keys = {page.translation_key for page in pages}
        translated = (
            Page.objects.live()
            .public()
            .filter(translation_key__in=keys, locale__language_code=self.language)
            .only("id", "url_path", "translation_key", "locale_id")
        )
        for page in translated:
            self._translated_urls[str(page.translation_key)] = page.get_full_url(self.request)

    def url(self, page) -> str | None:
        if page is None:
            return None
        translated = self._translated_urls.get(str(page.translation_key))
        return translated or page.get_full_url(self.request)


def paginate_listing(listing, filters: Paging):
    """``(count, objects)`` for the requested page of a directory listing, in its order."""
    offset = (filters.page - 1) * filters.page_size
    ids = listing.id_sequence()
    if ids is not None:
        count = len(ids)
        wanted = ids[offset : offset + filters.page_size]
        if not wanted:
            return count, []
        objects = listing.objects_in_order(
            wanted, prefetch=lambda queryset: _with_api_relations(listing, queryset)
        )
    else:
        ordered = listing.ordered()
        count = ordered.count()
        if offset >= count:
            return count, []
        objects = list(_with_api_relations(listing, ordered)[offset : offset + filters.page_size])
    listing.decorate(objects)
    return count, objects


def listing_facets(listing, language: str) -> dict[str, list[dict]]:
    """The listing's facets as the website shows them, labels in ``language``."""
    with translation.override(language):
        return {
            facet.param: [
                {"value": o.value, "label": str(o.label), "count": o.count, "selected": o.selected}
                for o in facet.options
            ]
            for facet in listing.facets()
        }


def _with_api_relations(listing, queryset):
    queryset = listing.with_relations(queryset)
    if listing.model is ProviderPage:
        return queryset.prefetch_related("subtypes")
    return queryset


# --- Providers -----------------------------------------------------------------------------


def _provider_summary(provider: ProviderPage, out: Output) -> dict:
    return {
        "uscc": provider.uscc,
        "name": provider.title,
        "url": out.url(provider),
        "region": out.term(provider.region),
        "categories": out.terms(provider.categories.all()),
        "subtypes": out.terms(provider.subtypes.all()),
        "status": out.choice(Status, provider.status),
        "latest_grade": out.latest_grade(provider),
    }


@router.get(
    "/providers",
    response={200: ProviderList, 400: ValidationErrorOut},
    tags=["providers"],
    summary="服务商名录",
    description="已发布的服务商，筛选与排序同网站服务商名录。",
    url_name="providers",
)
@decorate_view(public_cache)
def list_providers(request, filters: Query[ProviderFilters]):
    locale = Locale.get_default()
    directory = provider_directory_page(locale)
    out = Output(request, filters.lang, locale)
    if directory is None:
        return empty_list(filters)
    listing = ProviderListing(request.GET, index_page=directory)
    count, providers = paginate_listing(listing, filters)
    out.prepare_urls(providers)
    return {
        "count": count,
        "page": filters.page,
        "page_size": filters.page_size,
        "results": [_provider_summary(provider, out) for provider in providers],
        "facets": listing_facets(listing, filters.lang),
    }


def empty_list(filters) -> dict:
    """The answer of a list whose section the site does not publish (yet)."""
    return {
        "count": 0,
        "page": filters.page,
        "page_size": filters.page_size,
        "results": [],
        "facets": {},
    }


class DetailQuery(Schema):
    lang: Language = Field("zh-hans", description="名称的语言：zh-hans（默认）或 en")


@router.get(
    "/providers/{uscc}",
    response={200: ProviderDetail, 404: ErrorOut, 410: ProviderDetail, 400: ValidationErrorOut},
    tags=["providers"],
    summary="服务商详情",
    description="按统一社会信用代码查询（大小写、全角字符均可）。代码无效或没有已发布的该服务商时"
    "返回 404；已清退的服务商返回 410，内容照常（含清退的日期和原因）。",
    url_name="provider",
)
@decorate_view(public_cache)
def provider_detail(
    request,
    response: HttpResponse,
    query: Query[DetailQuery],
    uscc: str = Path(
        ..., description="统一社会信用代码（18位）；小写、全角字符和空格都可以，会先规范化"
    ),
):
    code = normalise(uscc)
    problem = uscc_problem(code)
    if problem:
        raise Http404(f"统一社会信用代码无效：{problem}")
    locale = Locale.get_default()
    directory = provider_directory_page(locale)
    provider = None
    if directory is not None:
        provider = (
            ProviderListing(request.GET, index_page=directory)
            .base_queryset()
            .filter(uscc=code)
            .select_related("region", "batch")
            .prefetch_related("categories", "subtypes", "industries", "grades", "status_changes")
            .first()
        )
    if provider is None:
        raise Http404(f"没有统一社会信用代码为 {code} 的已发布服务商")

    out = Output(request, query.lang, locale)
    solutions = list(
        SolutionPage.objects.child_of(provider).live().public().select_related("category")
    )
    # Other apps supply the provider's cases (hook "catalogue_provider_cases": fn(provider)).
    cases = [case for fn in hooks.get_hooks("catalogue_provider_cases") for case in fn(provider)]
    out.prepare_urls([provider, *solutions, *cases])
    batch = provider.batch
    body = {
        **_provider_summary(provider, out),
        "region": {**out.term(provider.region), "province": provider.region.province},
        "address": provider.address,
        "website": provider.website,
        "contact_name": provider.contact_name,
        "contact_phone": provider.contact_phone,
        "industries": out.terms(provider.industries.all()),
        "introduction": provider.introduction,
        "designer_count": provider.designer_count,
        "batch": {
            "year": batch.year,
            "number": batch.number,
            "name": batch.name_en if query.lang == "en" else batch.name,
        }
        if batch
        else None,
        "grades": [
            {
                "year": grade.year,
                "grade": out.choice(Grade, grade.grade),
                "score": float(grade.score) if grade.score is not None else None,
                "note": grade.note,
            }
            for grade in sorted(provider.grades.all(), key=lambda g: g.year, reverse=True)
        ],
        "status_timeline": [
            {
                "date": change.date,
                "status": out.choice(Status, change.status),
                "reason": change.reason,
                "deadline": change.deadline,
            }
            for change in sorted(
                provider.status_changes.all(), key=lambda c: (c.date, c.pk), reverse=True
            )
        ],
        "solutions": [
            {
                "id": solution.pk,
                "title": solution.title,
                "url": out.url(solution),
                "category": out.term(solution.category),
                "deployment_mode": out.choice(DeploymentMode, solution.deployment_mode),
                "reference_price": _price(solution.reference_price),
                "is_xkqz": solution.is_xkqz,
            }
            for solution in solutions
        ],
        "cases": [
            {"id": case.pk, "title": case.title, "year": case.year, "url": out.url(case)}
            for case in cases
        ],
    }
    set_last_modified(response, [provider, *solutions, *cases])
    return Respond(410 if provider.is_removed else 200, body)


def set_last_modified(response: HttpResponse, pages) -> None:
    """``Last-Modified``: the latest publication among the pages a detail is made of (with the
    ETag, ConditionalGetMiddleware answers a matching conditional GET with 304)."""
    published = [page.last_published_at for page in pages if page.last_published_at]
    if published:
        response["Last-Modified"] = http_date(max(published).timestamp())


def _price(value) -> float | None:
    return float(value) if value is not None else None


# --- Solutions -----------------------------------------------------------------------------


@router.get(
    "/solutions",
    response={200: SolutionList, 400: ValidationErrorOut},
    tags=["solutions"],
    summary="解决方案（产品）供给清单",
    description="已发布的解决方案（其服务商已发布且未清退），筛选与排序同网站解决方案目录。",
    url_name="solutions",
)
@decorate_view(public_cache)
def list_solutions(request, filters: Query[SolutionFilters]):
    locale = Locale.get_default()
    anchor = solution_catalogue_page(locale)
    out = Output(request, filters.lang, locale)
    if anchor is None:
        return empty_list(filters)
    listing = SolutionListing(request.GET, index_page=anchor)
    count, solutions = paginate_listing(listing, filters)
    providers = [s.listed_provider for s in solutions if s.listed_provider is not None]
    out.prepare_urls([*solutions, *providers])
    results = []
    for solution in solutions:
        provider = solution.listed_provider
        results.append(
            {
                "id": solution.pk,
                "title": solution.title,
                "url": out.url(solution),
                "provider": {
                    "uscc": provider.uscc,
                    "name": provider.title,
                    "url": out.url(provider),
                },
                "category": out.term(solution.category),
                "industries": out.terms(solution.industries.all()),
                "deployment_mode": out.choice(DeploymentMode, solution.deployment_mode),
                "reference_price": _price(solution.reference_price),
                "is_xkqz": solution.is_xkqz,
                "is_standardised": solution.is_standardised,
            }
        )
    return {
        "count": count,
        "page": filters.page,
        "page_size": filters.page_size,
        "results": results,
        "facets": listing_facets(listing, filters.lang),
    }
