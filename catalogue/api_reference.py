"""The catalogue's reference data in the public API v1 (mounted by ``portal.api``): annual
lists with their entries, selection batches, the taxonomy and the 申报失信黑名单.

Published content only: an annual list is served when its page is live and public, and an
entry names its provider only while the provider's page is live (else ``provider`` is null but
the entry — a published fact of the list — stays). The blacklist carries its public fields
(unit name, code, reason, dates), as the programme publishes it.
"""

from __future__ import annotations

import datetime

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema
from ninja.decorators import decorate_view
from wagtail.models import Locale

from portal.api_support import ErrorOut, ValidationErrorOut, public_cache

from .api import Coded, DetailQuery, Language, Output, ProviderRef, Term
from .directory import annual_list_entries, public
from .models import (
    AnnualListEntry,
    AnnualListPage,
    Batch,
    BlacklistEntry,
    Category,
    Grade,
    Industry,
    Region,
    Subtype,
)

router = Router()


class LanguageQuery(Schema):
    lang: Language = Field("zh-hans", description="名称的语言：zh-hans（默认）或 en")


# --- Annual lists ------------------------------------------------------------------------


class AnnualListSummary(Schema):
    year: int
    title: str
    url: str | None
    entry_count: int


class AnnualListEntryOut(Schema):
    grade: Coded
    category: Term
    provider_name: str = Field(description="名单公布时的服务商名称")
    provider: ProviderRef | None = Field(description="服务商页面（未发布时为 null）")
    note: str


class AnnualListDetail(AnnualListSummary):
    entries: list[AnnualListEntryOut] = Field(description="按评级（优秀在前）、类别排序")


def _annual_lists(locale):
    return public(AnnualListPage.objects.live()).filter(locale=locale).order_by("-year")


@router.get(
    "/annual-lists",
    response={200: list[AnnualListSummary], 400: ValidationErrorOut},
    tags=["annual lists"],
    summary="年度优质服务商名单",
    url_name="annual_lists",
)
@decorate_view(public_cache)
def list_annual_lists(request, query: Query[LanguageQuery]):
    locale = Locale.get_default()
    out = Output(request, query.lang, locale)
    lists = list(_annual_lists(locale))
    out.prepare_urls(lists)
    counts = _entry_counts(lists)
    return [
        {"year": p.year, "title": p.title, "url": out.url(p), "entry_count": counts.get(p.pk, 0)}
        for p in lists
    ]


def _entry_counts(lists) -> dict[int, int]:
    rows = (
        AnnualListEntry.objects.filter(annual_list__in=[p.pk for p in lists])
        .values("annual_list")
        .annotate(n=Count("pk"))
    )
    return {row["annual_list"]: row["n"] for row in rows}


@router.get(
    "/annual-lists/{year}",
    response={200: AnnualListDetail, 404: ErrorOut, 400: ValidationErrorOut},
    tags=["annual lists"],
    summary="某年度名单及其条目",
    url_name="annual_list",
)
@decorate_view(public_cache)
def annual_list_detail(
    request,
    query: Query[DetailQuery],
    year: int = Path(..., ge=2000, le=2100, description="年度，如 2025"),
):
    locale = Locale.get_default()
    page = _annual_lists(locale).filter(year=year).first()
    if page is None:
        raise Http404(f"没有已发布的 {year} 年度名单")
    out = Output(request, query.lang, locale)
    entries = annual_list_entries(page)
    providers = [e.linked_provider for e in entries if e.linked_provider]
    out.prepare_urls([page, *providers])
    return {
        "year": page.year,
        "title": page.title,
        "url": out.url(page),
        "entry_count": len(entries),
        "entries": [
            {
                "grade": out.choice(Grade, entry.grade),
                "category": out.term(entry.category),
                "provider_name": entry.provider.title,
                "provider": {
                    "uscc": entry.linked_provider.uscc,
                    "name": entry.linked_provider.title,
                    "url": out.url(entry.linked_provider),
                }
                if entry.linked_provider
                else None,
                "note": entry.note,
            }
            for entry in entries
        ],
    }


# --- Batches -----------------------------------------------------------------------------


class BatchDetail(Schema):
    year: int
    number: int
    name: str
    review_date: datetime.date | None
    published_on: datetime.date | None
    provider_count: int = Field(description="该批次入选、已发布的服务商数")


@router.get(
    "/batches",
    response={200: list[BatchDetail], 400: ValidationErrorOut},
    tags=["batches"],
    summary="入选批次",
    description="已公布的批次（公布日期不晚于今天），最新的在前。",
    url_name="batches",
)
@decorate_view(public_cache)
def list_batches(request, query: Query[LanguageQuery]):
    live = Q(providers__live=True, providers__locale=Locale.get_default())
    batches = (
        Batch.objects.filter(published_on__lte=timezone.localdate())
        .annotate(provider_count=Count("providers", filter=live))
        .order_by("-year", "-number")
    )
    return [
        {
            "year": b.year,
            "number": b.number,
            "name": b.name_en if query.lang == "en" else b.name,
            "review_date": b.review_date,
            "published_on": b.published_on,
            "provider_count": b.provider_count,
        }
        for b in batches
    ]


# --- Taxonomy ----------------------------------------------------------------------------


class CategoryOut(Term):
    number: int
    subtypes: list[Term]


class RegionTerm(Term):
    province: str


class TaxonomyOut(Schema):
    categories: list[CategoryOut] = Field(description="十类服务商及其细分类型")
    regions: list[RegionTerm]
    industries: list[Term]


@router.get(
    "/taxonomy",
    response={200: TaxonomyOut, 400: ValidationErrorOut},
    tags=["taxonomy"],
    summary="分类体系",
    description="筛选参数的取值：类别、细分类型、地区与行业的标识（slug）和名称。",
    url_name="taxonomy",
)
@decorate_view(public_cache)
def taxonomy_terms(request, query: Query[LanguageQuery]):
    locale = Locale.get_default()
    out = Output(request, query.lang, locale)
    subtypes: dict[int, list] = {}
    for subtype in Subtype.objects.filter(locale=locale).order_by("sort_order", "id"):
        subtypes.setdefault(subtype.category_id, []).append(out.term(subtype))
    return {
        "categories": [
            {**out.term(c), "number": c.number, "subtypes": subtypes.get(c.pk, [])}
            for c in Category.objects.filter(locale=locale).order_by("number")
        ],
        "regions": [
            {**out.term(r), "province": r.province}
            for r in Region.objects.filter(locale=locale).order_by("sort_order", "id")
        ],
        "industries": [
            out.term(i) for i in Industry.objects.filter(locale=locale).order_by("sort_order", "id")
        ],
    }


# --- Blacklist ---------------------------------------------------------------------------


class BlacklistOut(Schema):
    uscc: str
    name: str = Field(description="单位名称")
    reason: str = Field(description="失信原因")
    start_date: datetime.date = Field(description="列入日期")
    end_date: datetime.date = Field(description="截止日期：此前不得申报")
    active: bool = Field(description="今天是否在有效期内")


class BlacklistQuery(Schema):
    active: bool | None = Field(
        None, description="true 只列出有效期内的；false 只列出已过期的；不填为全部"
    )


@router.get(
    "/blacklist",
    response={200: list[BlacklistOut], 400: ValidationErrorOut},
    tags=["blacklist"],
    summary="申报失信黑名单",
    url_name="blacklist",
)
@decorate_view(public_cache)
def list_blacklist(request, query: Query[BlacklistQuery]):
    today = timezone.localdate()
    entries = BlacklistEntry.objects.order_by("-start_date", "uscc")
    if query.active is True:
        entries = entries.filter(start_date__lte=today, end_date__gte=today)
    elif query.active is False:
        entries = entries.exclude(Q(start_date__lte=today, end_date__gte=today))
    return [
        {
            "uscc": e.uscc,
            "name": e.name,
            "reason": e.reason,
            "start_date": e.start_date,
            "end_date": e.end_date,
            "active": e.is_active(today),
        }
        for e in entries
    ]
