"""The figures of the statistics page (数据概览): reusable reads, a constant number of queries.

What is counted (also stated on the page, :func:`rules`):

- **Only published, public content**: live pages outside every section with a view
  restriction, in the default (Chinese) locale — each provider, solution and case once, not
  once per language.
- **Providers in the pool** (在库服务商): status 入选, 整改中 or 申报中 — everything the provider
  directory lists by default; providers with status 已清退 (removed) are left out of every
  provider chart and counted separately. A provider in several categories counts once in each.
  "Year" is the year of the provider's selection batch (入选批次); "grade" is its latest annual
  grade (未评级 when it has none).
- **Solutions** (解决方案): published solutions whose provider is in the pool.
- **Cases** (典型案例): published cases, by conference year.
- **Certificates** (证书): those valid today (有效: not revoked, not past their expiry date), of
  published training programmes, by programme and year of issue.

:func:`collect` reads everything in a fixed number of aggregate queries (about ten, whatever
the amount of content) into a :class:`Figures` of plain numbers keyed by ids, independent of
the language. :func:`cached_figures` keeps it in Django's cache until something it counts
changes (``overview.signals``); ``overview.report`` labels it in the visitor's language.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, F, Q
from django.db.models.functions import ExtractYear, Substr
from django.utils import timezone
from wagtail.models import Locale, Page

from cases.models import CasePage
from catalogue.models import Category, ProviderPage, Region, SolutionPage, Status
from portal import page_cache
from training.models import Certificate, ProgrammePage

# Bump when Figures changes shape, so that a deployment never reads an older pickled form.
SCHEMA = 1
VERSION_KEY = "overview:figures:version"
TIMEOUT = 60 * 60  # a safety net; changes invalidate sooner (overview.signals)

# Statuses counted "in the pool": what the provider directory lists by default.
POOL_STATUSES = (Status.SELECTED, Status.RECTIFYING, Status.APPLIED)
NO_YEAR = None  # providers without a selection batch


@dataclass(frozen=True)
class Term:
    id: int
    key: str  # translation_key, to find the name in the visitor's language
    name: str  # the canonical (Chinese) name
    province: str = ""


@dataclass
class Figures:
    """Plain counts, keyed by ids and codes (labels come later, in the visitor's language)."""

    on: datetime.date
    # providers (live, public, default locale), every status
    providers_by_status: dict[str, int] = field(default_factory=dict)
    # providers in the pool only
    providers_by_category: dict[int, int] = field(default_factory=dict)
    providers_by_region: dict[int, int] = field(default_factory=dict)
    providers_by_year: dict[tuple[int | None, str], int] = field(default_factory=dict)
    providers_by_grade: dict[str, int] = field(default_factory=dict)
    solutions_by_deployment: dict[str, int] = field(default_factory=dict)
    cases_by_year: dict[int, int] = field(default_factory=dict)
    certificates: dict[tuple[str, int], int] = field(default_factory=dict)
    # the vocabularies the counts refer to, in display order
    categories: list[Term] = field(default_factory=list)
    regions: list[Term] = field(default_factory=list)
    programmes: dict[str, dict[str, str]] = field(default_factory=dict)  # key → {lang: title}

    @property
    def providers_in_pool(self) -> int:
        return sum(self.providers_by_status.get(status, 0) for status in POOL_STATUSES)

    @property
    def providers_removed(self) -> int:
        return self.providers_by_status.get(Status.REMOVED, 0)

    @property
    def solutions(self) -> int:
        return sum(self.solutions_by_deployment.values())

    @property
    def cases(self) -> int:
        return sum(self.cases_by_year.values())

    @property
    def valid_certificates(self) -> int:
        return sum(self.certificates.values())


# --- Reads -----------------------------------------------------------------------------------


def _published(queryset, locale, private: Q):
    """Live, public, in ``locale``. ``private`` is ``Page.objects.private_q()``, read once."""
    return queryset.live().filter(locale=locale).exclude(private)


def published_providers(locale, private: Q):
    return _published(ProviderPage.objects.all(), locale, private)


def pool_providers(locale, private: Q):
    return published_providers(locale, private).filter(status__in=POOL_STATUSES)


def provider_breakdown(locale, private: Q) -> dict:
    """One query: providers grouped by status, batch year, latest grade and region; the
    status, year, grade and city figures are sums over it."""
    rows = (
        published_providers(locale, private)
        .values_list("status", "batch__year", "latest_grade", "region_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_status: Counter = Counter()
    by_year: Counter = Counter()
    by_grade: Counter = Counter()
    by_region: Counter = Counter()
    for status, year, grade, region_id, n in rows:
        by_status[status] += n
        if status not in POOL_STATUSES:
            continue
        by_year[(year, status)] += n
        by_grade[grade or ""] += n
        by_region[region_id] += n
    return {
        "providers_by_status": dict(by_status),
        "providers_by_year": dict(by_year),
        "providers_by_grade": dict(by_grade),
        "providers_by_region": dict(by_region),
    }


def providers_by_category(locale, private: Q) -> dict[int, int]:
    """Category id → providers in the pool in that category (one query)."""
    through = ProviderPage.categories.through
    rows = (
        through.objects.filter(providerpage_id__in=pool_providers(locale, private).values("pk"))
        .values_list("category_id")
        .annotate(n=Count("providerpage_id", distinct=True))
        .order_by()
    )
    return dict(rows)


def solutions_by_deployment(locale, private: Q) -> dict[str, int]:
    """Deployment mode ("" when not given) → published solutions of providers in the pool
    (one query; the parent's path is the solution's path less one step)."""
    parent_path = Substr("path", 1, (F("depth") - 1) * Page.steplen)
    rows = (
        _published(SolutionPage.objects.all(), locale, private)
        .alias(parent_path=parent_path)
        .filter(parent_path__in=pool_providers(locale, private).values("path"))
        .values_list("deployment_mode")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return dict(rows)


def cases_by_year(locale, private: Q) -> dict[int, int]:
    rows = (
        _published(CasePage.objects.all(), locale, private)
        .values_list("year")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return dict(rows)


def certificates_by_programme_and_year(
    private: Q, on: datetime.date | None = None
) -> dict[tuple[str, int], int]:
    """(programme translation_key, year of issue) → certificates valid on the date (today by
    default), of published, public programmes (one query)."""
    programmes = ProgrammePage.objects.live().exclude(private)
    rows = (
        Certificate.objects.in_force(on)
        .filter(programme__in=programmes.values("pk"))
        .annotate(year=ExtractYear("issued_on"))
        .values_list("programme__translation_key", "year")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {(str(key), year): n for key, year, n in rows}


def programme_titles(keys) -> dict[str, dict[str, str]]:
    """translation_key → {language code: title} of the live programme pages, in tree order."""
    titles: dict[str, dict[str, str]] = {}
    rows = ProgrammePage.objects.live().filter(translation_key__in=list(keys)).order_by("path")
    for key, language, title in rows.values_list(
        "translation_key", "locale__language_code", "title"
    ):
        titles.setdefault(str(key), {})[language] = title
    return titles


def collect(on: datetime.date | None = None) -> Figures:
    """Read every figure: a fixed number of queries (about ten) however much content."""
    on = on or timezone.localdate()
    locale = Locale.get_default()
    private = Page.objects.private_q()
    figures = Figures(on=on, **provider_breakdown(locale, private))
    figures.providers_by_category = providers_by_category(locale, private)
    figures.solutions_by_deployment = solutions_by_deployment(locale, private)
    figures.cases_by_year = cases_by_year(locale, private)
    figures.certificates = certificates_by_programme_and_year(private, on)
    figures.categories = [
        Term(id=pk, key=str(key), name=name)
        for pk, key, name in Category.objects.filter(locale=locale)
        .order_by("number")
        .values_list("pk", "translation_key", "name")
    ]
    figures.regions = [
        Term(id=pk, key=str(key), name=name, province=province)
        for pk, key, name, province in Region.objects.filter(locale=locale)
        .order_by("sort_order", "pk")
        .values_list("pk", "translation_key", "name", "province")
    ]
    figures.programmes = programme_titles({key for key, _ in figures.certificates})
    return figures


# --- Cache -----------------------------------------------------------------------------------


def _version() -> int:
    return cache.get_or_set(VERSION_KEY, 1, timeout=None)


def cache_key(on: datetime.date) -> str:
    # The page cache's version too: bulk writes that send no signals (the certificate sheet of
    # the workbook import) purge the page cache, and so these figures with it. The date:
    # certificates expire at midnight.
    return f"overview:figures:{SCHEMA}:{_version()}:{page_cache.version()}:{on.isoformat()}"


def cached_figures() -> Figures:
    """The figures from the cache, read (and stored) when missing."""
    on = timezone.localdate()
    key = cache_key(on)
    figures = cache.get(key)
    if figures is None:
        figures = collect(on)
        cache.set(key, figures, TIMEOUT)
    return figures


def invalidate(**kwargs) -> None:
    """Forget the cached figures, now and again when the transaction commits (a view reading
    in between must not cache what is about to change)."""
    _bump()
    transaction.on_commit(_bump)


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)
