"""The public listings: the provider directory, the solution catalogue and the annual lists.

A listing reads its state from the query string (``?category=consulting&category=rnd&region=
qingdao&q=…&sort=…&page=2``), so every state is a shareable URL that works without JavaScript.
Facet values are the taxonomy slugs, which are the same in every locale.

Facets are disjunctive: several values of one facet are OR-ed, facets are AND-ed, and the count
beside an option is the number of results that option alone would give with every *other* facet
applied, so following an option's link ("only this") gives exactly that many results.

Normally the facets, the result count and the page's ids come from the process's facet index
(:mod:`catalogue.facet_index`, bitmaps read once per publication) and a request reads only the
page's rows. Without it (``FACET_INDEX`` off) they are counted in SQL as follows, with the
same answers.

The number of SQL queries does not depend on the number of entries: one grouped query for all
the single-valued facets together (grouped by every such facet at once; each facet's counts and
the result count are then added up in Python, applying the other facets' selections to the
groups), one grouped query per many-to-many facet (grouping its through table), one page of
results with its relations prefetched, and term names from :mod:`catalogue.taxonomy`'s cache.
Every query that filters the base pays for the base (a join to the page table, and for
solutions a look-up of the parent provider), so the fewer of them the better.

Bad input never fails: unknown slugs and sort keys are ignored, page numbers are clamped, NUL
bytes are dropped and the keyword is cut to :data:`MAX_QUERY_LENGTH` characters.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import router, transaction
from django.db.models import Case, CharField, Count, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Substr
from django.http import QueryDict
from django.urls import NoReverseMatch
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PageViewRestriction

from portal import page_cache
from portal.lookups import keys_in
from portal.request_memo import remembered
from search.analysis import place_stem, places_named, similar_query, years_named
from search.hints import spelling_hints
from search.query import Similar

from . import facet_index, taxonomy
from .models import (
    AnnualListPage,
    Category,
    DeploymentMode,
    Grade,
    Industry,
    ProviderPage,
    Region,
    SolutionPage,
    Status,
    Subtype,
)

logger = logging.getLogger(__name__)

PAGE_SIZE = 20
MAX_QUERY_LENGTH = 200
MAX_VALUE_LENGTH = 100
MAX_VALUES_PER_FACET = 50
# A keyword that matches more than this keeps its best matches (SQLite binds at most 32,766
# parameters per statement, and no visitor pages that far).
MAX_SEARCH_RESULTS = 20_000
# How many options a facet shows before "show all".
FACET_VISIBLE_OPTIONS = 10
EXPORT_CHUNK_SIZE = 500


# --- Input ----------------------------------------------------------------------------------


def clean_text(value: str, max_length: int = MAX_VALUE_LENGTH) -> str:
    """One query-string value without NUL/control characters, whitespace collapsed, cut."""
    value = "".join(ch for ch in value[: max_length * 4] if ch >= " " or ch in "\t\n")
    return " ".join(value.split())[:max_length]


def _page_number(raw: str | None, num_pages: int) -> int:
    try:
        number = int(str(raw)[:12])
    except (TypeError, ValueError):
        number = 1
    return min(max(number, 1), max(num_pages, 1))


def public(queryset):
    """``queryset.public()``: the pages outside every section with a view restriction.

    Wagtail's ``public()`` reads the restrictions joined to their pages, a join SQLite plans as
    a scan of the whole page table (milliseconds at 40,000 pages, even with no restriction);
    here the restricted pages are looked up by primary key. Same sections, same exclusion
    (the restricted page and its descendants). Read once per request (a site search builds a
    listing per type).
    """
    sections = Q()
    db = queryset.db
    for path, depth in remembered(("restricted-sections", db), lambda: _restricted_sections(db)):
        sections |= Q(path__startswith=path, depth__gte=depth)
    return queryset.exclude(sections) if sections else queryset


def _restricted_sections(db) -> list[tuple[str, int]]:
    restricted = Page.objects.using(db).filter(
        pk__in=PageViewRestriction.objects.using(db).values("page_id")
    )
    return list(restricted.order_by().values_list("path", "depth"))


# --- Taxonomy terms (cached) ----------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    id: int
    slug: str
    key: str  # translation_key, shared by the term's translations
    name: str  # the canonical (Chinese) name


def canonical_terms(model) -> list[Term]:
    """The default-locale terms of a taxonomy model in display order, cached like the names."""
    return remembered(("terms", model._meta.model_name), lambda: _read_terms(model))


def _read_terms(model) -> list[Term]:
    cache_key = f"catalogue:directory:terms:{model._meta.model_name}:{taxonomy._cache_version()}"
    terms = cache.get(cache_key)
    if terms is None:
        queryset = taxonomy.canonical(model)
        if model is Region:
            rows = sorted(
                queryset,
                key=lambda region: (not region.is_shandong, region.sort_order, region.pk),
            )
        elif model is Subtype:
            rows = queryset.select_related("category").order_by(
                "category__number", "sort_order", "id"
            )
        else:
            rows = queryset
        terms = [Term(t.pk, t.slug, str(t.translation_key), t.name) for t in rows]
        cache.set(cache_key, terms, timeout=60 * 60)
    return terms


# --- Facets ---------------------------------------------------------------------------------


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    url: str = ""
    id: str = ""


@dataclass
class Facet:
    param: str
    label: str
    options: list[FacetOption]
    selected: list[str]

    @property
    def visible_options(self) -> list[FacetOption]:
        return self.options[:FACET_VISIBLE_OPTIONS]

    @property
    def more_options(self) -> list[FacetOption]:
        return self.options[FACET_VISIBLE_OPTIONS:]

    @property
    def more_selected(self) -> bool:
        return any(option.selected for option in self.more_options)


class FacetSpec:
    """How one facet reads its values, filters a queryset and counts its options."""

    def __init__(self, param: str, label):
        self.param = param
        self.label = label

    def choices(self) -> list[tuple[str, str]]:
        """Every possible (value, label), in display order."""
        raise NotImplementedError

    def clean(self, raw_values: list[str]) -> list[str]:
        allowed = self.allowed_values()
        values = []
        for raw in raw_values[: MAX_VALUES_PER_FACET * 2]:
            value = clean_text(raw)
            if value in allowed and value not in values:
                values.append(value)
        return values[:MAX_VALUES_PER_FACET]

    def allowed_values(self) -> set[str]:
        return {value for value, _label in self.choices()}

    def apply(self, queryset, values: list[str]):
        raise NotImplementedError

    def counts(self, queryset) -> dict[str, int]:
        raise NotImplementedError

    # Single-valued facets are counted together, in one query grouped by all of them
    # (:meth:`Listing.facets`): each says what it groups by, whether a group's value passes its
    # selection (exactly as :meth:`apply` filters) and how group totals become its counts.
    grouped = False

    def group_expression(self):
        raise NotImplementedError

    def matches(self, value, values: list[str]) -> bool:
        raise NotImplementedError

    def counts_from_groups(self, totals: dict) -> dict[str, int]:
        return {value: n for value, n in totals.items() if value}

    def build(self, counts: dict[str, int], selected: list[str], url_for) -> Facet:
        options = []
        for value, label in self.choices():
            count = counts.get(value, 0)
            if count or value in selected:
                options.append(
                    FacetOption(
                        value=value,
                        label=label,
                        count=count,
                        selected=value in selected,
                        url=url_for(self.param, value),
                        id=f"facet-{self.param}-{value}",
                    )
                )
        return Facet(param=self.param, label=str(self.label), options=options, selected=selected)


class TermFacet(FacetSpec):
    """A taxonomy facet: values are slugs; works for ForeignKey and (Parental)ManyToMany fields.

    Content points to the canonical terms, but a page may point to a translated term (e.g. a
    real English translation): filtering and grouping go through the slug, which is the same in
    every locale, so both count alike.
    """

    def __init__(self, param, label, model, term_model, field_name):
        super().__init__(param, label)
        self.model = model
        self.term_model = term_model
        self.field_name = field_name
        model_field = model._meta.get_field(field_name)
        self.many = model_field.many_to_many
        self.grouped = not self.many
        if self.many:
            self.through = model_field.remote_field.through
            self.owner = model_field.m2m_field_name()
            self.target = model_field.m2m_reverse_field_name()

    def choices(self):
        names = taxonomy.localized_names(self.term_model)
        return [(t.slug, names.get(t.key, t.name)) for t in canonical_terms(self.term_model)]

    def allowed_values(self):
        return {t.slug for t in canonical_terms(self.term_model)}

    def apply(self, queryset, values):
        if not values:
            return queryset
        if self.many:
            matching = self.through.objects.filter(**{f"{self.target}__slug__in": values})
            return queryset.filter(pk__in=matching.values(self.owner))
        return queryset.filter(**{f"{self.field_name}__slug__in": values})

    def counts(self, queryset):
        ids = queryset.order_by().values("pk")
        if self.many:
            rows = (
                self.through.objects.filter(**{f"{self.owner}__in": ids})
                .values(facet_value=F(f"{self.target}__slug"))
                .annotate(n=Count(self.owner, distinct=True))
                .order_by()
            )
        else:
            rows = (
                queryset.order_by()
                .values(facet_value=self.group_expression())
                .annotate(n=Count("pk", distinct=True))
                .order_by()
            )
        return {row["facet_value"]: row["n"] for row in rows if row["facet_value"]}

    def group_expression(self):
        return F(f"{self.field_name}__slug")

    def matches(self, value, values):
        return not values or value in values


class ChoiceFacet(FacetSpec):
    """A facet over a field with fixed choices (grade, status, deployment mode)."""

    grouped = True

    def __init__(self, param, label, field_name, choices, default_exclude=()):
        super().__init__(param, label)
        self.field_name = field_name
        self._choices = choices
        # Values left out unless chosen explicitly (a removed provider, for instance).
        self.default_exclude = tuple(default_exclude)

    def choices(self):
        return [(value, str(label)) for value, label in self._choices]

    def apply(self, queryset, values):
        if values:
            return queryset.filter(**{f"{self.field_name}__in": values})
        if self.default_exclude:
            return queryset.exclude(**{f"{self.field_name}__in": self.default_exclude})
        return queryset

    def counts(self, queryset):
        rows = (
            queryset.order_by()
            .values(facet_value=F(self.field_name))
            .annotate(n=Count("pk", distinct=True))
            .order_by()
        )
        return {row["facet_value"]: row["n"] for row in rows if row["facet_value"]}

    def group_expression(self):
        return F(self.field_name)

    def matches(self, value, values):
        if values:
            return value in values
        return value not in self.default_exclude


class YearFacet(FacetSpec):
    """Batch year; the options are the years present (and any selected), newest first."""

    grouped = True

    def __init__(self, param, label, field_name):
        super().__init__(param, label)
        self.field_name = field_name

    @staticmethod
    def year_label(year) -> str:
        return gettext("%(year)s年") % {"year": year}

    def choices(self):
        return []  # open-ended: built from the counts

    def clean(self, raw_values):
        values = []
        for raw in raw_values[: MAX_VALUES_PER_FACET * 2]:
            value = clean_text(raw, 4)
            if len(value) == 4 and value.isascii() and value.isdigit() and value not in values:
                values.append(value)
        return values[:MAX_VALUES_PER_FACET]

    def apply(self, queryset, values):
        if not values:
            return queryset
        return queryset.filter(**{f"{self.field_name}__in": [int(v) for v in values]})

    def counts(self, queryset):
        rows = (
            queryset.order_by()
            .values(facet_value=F(self.field_name))
            .annotate(n=Count("pk", distinct=True))
            .order_by()
        )
        return {str(row["facet_value"]): row["n"] for row in rows if row["facet_value"]}

    def group_expression(self):
        return F(self.field_name)

    def matches(self, value, values):
        return not values or value in {int(v) for v in values}

    def counts_from_groups(self, totals):
        return {str(value): n for value, n in totals.items() if value}

    def build(self, counts, selected, url_for):
        years = sorted({*counts, *selected}, reverse=True)
        options = [
            FacetOption(
                value=year,
                label=self.year_label(year),
                count=counts.get(year, 0),
                selected=year in selected,
                url=url_for(self.param, year),
                id=f"facet-{self.param}-{year}",
            )
            for year in years
        ]
        return Facet(param=self.param, label=str(self.label), options=options, selected=selected)


@dataclass(frozen=True)
class PriceBand:
    value: str
    label: str
    low: Decimal | None
    high: Decimal | None  # exclusive

    def q(self, field_name: str) -> Q:
        if self.low is None and self.high is None:
            return Q(**{f"{field_name}__isnull": True})
        q = Q()
        if self.low is not None:
            q &= Q(**{f"{field_name}__gte": self.low})
        if self.high is not None:
            q &= Q(**{f"{field_name}__lt": self.high})
        return q


PRICE_BANDS = [
    PriceBand("under-5", _("5万元以下"), Decimal(0), Decimal(5)),
    PriceBand("5-20", _("5–20万元"), Decimal(5), Decimal(20)),
    PriceBand("20-50", _("20–50万元"), Decimal(20), Decimal(50)),
    PriceBand("50-plus", _("50万元及以上"), Decimal(50), None),
    PriceBand("negotiable", _("面议"), None, None),
]


def price_band(price) -> PriceBand:
    """The band a reference price (万元, or None) falls in."""
    for band in PRICE_BANDS:
        if band.low is None and band.high is None:
            matches = price is None
        else:
            matches = (
                price is not None
                and (band.low is None or price >= band.low)
                and (band.high is None or price < band.high)
            )
        if matches:
            return band
    return PRICE_BANDS[-1]


class PriceBandFacet(FacetSpec):
    grouped = True

    def __init__(self, param, label, field_name):
        super().__init__(param, label)
        self.field_name = field_name

    def choices(self):
        return [(band.value, str(band.label)) for band in PRICE_BANDS]

    def apply(self, queryset, values):
        if not values:
            return queryset
        q = Q()
        for band in PRICE_BANDS:
            if band.value in values:
                q |= band.q(self.field_name)
        return queryset.filter(q)

    def counts(self, queryset):
        # One query: a conditional count per band.
        aggregates = {
            band.value.replace("-", "_"): Count("pk", filter=band.q(self.field_name))
            for band in PRICE_BANDS
        }
        row = queryset.order_by().aggregate(**{f"band_{k}": v for k, v in aggregates.items()})
        return {band.value: row[f"band_{band.value.replace('-', '_')}"] for band in PRICE_BANDS}

    def group_expression(self):
        # The bands do not overlap, so the first that matches is the only one (None: none).
        return Case(
            *(When(band.q(self.field_name), then=Value(band.value)) for band in PRICE_BANDS),
            default=Value(None),
            output_field=CharField(),
        )

    def matches(self, value, values):
        return not values or value in values

    def counts_from_groups(self, totals):
        return {band.value: totals.get(band.value, 0) for band in PRICE_BANDS}


class FlagFacet(FacetSpec):
    """A yes-only facet over a boolean field (小快轻准)."""

    grouped = True

    def __init__(self, param, label, field_name, option_label):
        super().__init__(param, label)
        self.field_name = field_name
        self.option_label = option_label

    def choices(self):
        return [("yes", str(self.option_label))]

    def apply(self, queryset, values):
        return queryset.filter(**{self.field_name: True}) if values else queryset

    def counts(self, queryset):
        return {"yes": queryset.order_by().filter(**{self.field_name: True}).count()}

    def group_expression(self):
        return F(self.field_name)

    def matches(self, value, values):
        return not values or value is True

    def counts_from_groups(self, totals):
        return {"yes": totals.get(True, 0)}


# --- Listing state --------------------------------------------------------------------------


@dataclass
class SortOption:
    value: str
    label: str
    order_by: tuple = ()


@dataclass
class ListingState:
    """What the query string asks for, cleaned."""

    q: str = ""
    sort: str = ""
    selections: dict[str, list[str]] = field(default_factory=dict)
    page: str = "1"
    facet_params: tuple[str, ...] = ()

    def keys(self, **overrides) -> dict[str, list[str]]:
        """Every query-string key of the state in order, with its values (none: absent);
        ``overrides`` replace whole keys."""
        state = {"q": [self.q] if self.q else []}
        for param in self.facet_params:
            state[param] = list(self.selections.get(param, []))
        state["sort"] = [self.sort] if self.sort else []
        state["page"] = [self.page] if self.page and self.page != "1" else []
        for key, value in overrides.items():
            state[key] = [] if value is None else (value if isinstance(value, list) else [value])
        return state

    def params(self, **overrides) -> list[tuple[str, str]]:
        """The state as ordered query-string pairs; ``overrides`` replace whole keys."""
        return [(key, v) for key, values in self.keys(**overrides).items() for v in values]

    def querystring(self, **overrides) -> str:
        query = QueryDict(mutable=True)
        for key, value in self.params(**overrides):
            query.appendlist(key, value)
        encoded = query.urlencode()
        return f"?{encoded}" if encoded else ""

    @property
    def is_filtered(self) -> bool:
        return any(self.selections.get(param) for param in self.facet_params)


def _as_is(queryset):
    return queryset


class PositionIds(Sequence):
    """The ids at ``positions`` of a facet index (its ``pks``), looked up when read: a listing
    answered from the index reads its hits as positions, and their ids only when the index
    changed during the request (:attr:`Listing.indexed`) or the SQL path takes over, so a
    frequent word's thousands are not converted on every request."""

    def __init__(self, pks, positions: list[int]):
        self.pks = pks
        self.positions = positions

    def __len__(self) -> int:
        return len(self.positions)

    def __iter__(self):
        return map(self.pks.__getitem__, self.positions)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self.pks[p] for p in self.positions[i]]
        return self.pks[self.positions[i]]


class IndexedIds:
    """The ordered ids of an :class:`~catalogue.facet_index.IndexQuery` as a sequence for the
    paginator: its length is the result count, a slice reads only the positions it needs."""

    def __init__(self, indexed: facet_index.IndexQuery, sort: str):
        self.indexed = indexed
        self.sort = sort

    def __len__(self) -> int:
        return self.indexed.count

    def count(self) -> int:
        return self.indexed.count

    def __getitem__(self, window: slice) -> list[int]:
        # Clamped like a list slice: an API page number may be far beyond any list (and beyond
        # what itertools.islice accepts).
        count = self.indexed.count
        start = min(window.start or 0, count)
        stop = count if window.stop is None else min(window.stop, count)
        return self.indexed.ids(self.sort, start, stop) if start < stop else []


class Listing:
    """A faceted, searchable, paginated list of pages below ``index_page``."""

    model: type[Page]
    facet_specs: list[FacetSpec]
    sort_options: list[SortOption]
    default_sort = "fair"
    fair_order = ("fair_key", "pk")
    # The facet that says where an entry is (a provider's city, a solution's provider's, a
    # case's client's): a keyword naming a place asks for entries there, not for texts that
    # mention it (see _named_first).
    place_facet: str | None = None
    # The facet of the year an entry is of (a case's): a keyword naming a year (2024 MES) asks
    # for entries of that year, not for texts that mention it (项目于2024年上线).
    year_facet: str | None = None

    def __init__(
        self,
        params: QueryDict,
        *,
        index_page: Page,
        base_url: str = "",
        searched_with=(),
        ranked_with=(),
        cards: bool = True,
    ):
        self.index_page = index_page
        self.base_url = base_url
        # Whether the page's entries are shown as this listing's cards, with the relations
        # (with_relations) and extras (decorate) those show; the site search shows a title,
        # a link and a snippet of each, and loading a card's relations would double the cost
        # of reading the page's rows.
        self.cards = cards
        self.state = self.parse(params)
        # The models of every listing searched for the same keyword in this request (the site
        # search's tabs): one full-text match serves them all. ``ranked_with``: those of them
        # listed in relevance order (the open tab), whose hits that match scores; scoring the
        # others' hits too would cost more than the match.
        self.searched_with = tuple(searched_with)
        self.ranked_with = tuple(ranked_with)

    # -- state

    def parse(self, params: QueryDict) -> ListingState:
        q = clean_text(params.get("q", ""), MAX_QUERY_LENGTH)
        selections = {
            spec.param: spec.clean(params.getlist(spec.param)) for spec in self.facet_specs
        }
        sorts = {option.value for option in self.sort_options}
        sort = clean_text(params.get("sort", ""), 20)
        if sort not in sorts or (sort == "relevance" and not q) or sort == self.default_for(q):
            sort = ""
        page = clean_text(params.get("page", ""), 12) or "1"
        return ListingState(
            q=q,
            sort=sort,
            selections=selections,
            page=page,
            facet_params=tuple(spec.param for spec in self.facet_specs),
        )

    def default_for(self, q: str) -> str:
        return "relevance" if q else self.default_sort

    @property
    def sort(self) -> str:
        return self.state.sort or self.default_for(self.state.q)

    def url(self, **overrides) -> str:
        return f"{self.base_url}{self.state.querystring(page=None, **overrides)}"

    # -- querysets

    def base_queryset(self):
        raise NotImplementedError

    def search_queryset(self):
        """The queryset the keyword is searched in: only fields every search backend can
        filter on (live, path, depth, locale)."""
        raise NotImplementedError

    def with_relations(self, queryset):
        return queryset

    @cached_property
    def search_hits(self) -> Sequence[int] | None:
        """Primary keys matching the keyword, best first (None without a keyword).

        The search runs on the unfiltered base (every backend can filter on live/path/locale,
        not every backend on M2M) and the facets then restrict its ids. Equal scores are put in
        fair order by the search backend (``fair_order_field`` on the model).
        """
        if not self.state.q:
            return None
        try:
            with transaction.atomic():
                # Scoring is the expensive part: only when the order needs it.
                ranked = self.sort == "relevance"
                found = self._indexed_hits(ranked=ranked)
                if found is not None:
                    index, positions = found
                    positions = positions[:MAX_SEARCH_RESULTS]
                    if ranked:
                        positions = self._named_first(positions, index=index)
                    self._hit_positions = (index, positions)
                    return PositionIds(index.pks, positions)
                results = self._search(ranked=ranked)
                # Our backend gives the ids without model instances.
                pks = results.pks() if hasattr(results, "pks") else [obj.pk for obj in results]
                return self._named_first(pks) if ranked else pks
        except Exception:  # a broken search must not take the directory down
            logger.exception("Search failed for %r", self.state.q)
            self.search_failed = True
            return []

    @cached_property
    def _named_options(self) -> dict[str, list[str]]:
        """``{facet: its options the keyword names}``: the places of :attr:`place_facet` (烟台
        设备运维: the city 烟台市), by slug, and the years of :attr:`year_facet` (2024 MES)."""
        named = {}
        places = places_named(self.state.q) if self.place_facet else ()
        if places:
            terms = canonical_terms(self._spec(self.place_facet).term_model)
            slugs = [t.slug for t in terms if place_stem(t.name) in places]
            if slugs:
                named[self.place_facet] = slugs
        years = years_named(self.state.q) if self.year_facet else ()
        if years:
            named[self.year_facet] = [str(year) for year in sorted(years)]
        return named

    def _spec(self, param: str) -> FacetSpec:
        return next(spec for spec in self.facet_specs if spec.param == param)

    def _named_first(self, hits: list[int], *, index=None) -> list[int]:
        """``hits`` (ranked primary keys, or ``index`` positions) with those that have the
        options the keyword names (:attr:`_named_options`, all of them) first, each group in
        its order: for 烟台 设备运维, the providers in 烟台 before those whose text only mentions
        it (a client there, a branch office); for 2024 MES, the cases of 2024 before those
        that mention the year. A city in pinyin names it too (Yantai); a district (黄岛) names
        none."""
        named = self._named_options
        if not named:
            return hits
        if index is not None:
            # With the visitor's own choices: a facet's default exclusion (removed providers)
            # must not count an entry they chose to see as elsewhere.
            chosen = {**self.state.selections, **named}
            flags = facet_index.set_bits(index.query(chosen, None).result)
            there = {p for p in hits if p < len(flags) and flags[p] == "1"}
        else:
            hits = list(hits)
            located = self.model.objects.using(self._db).filter(**keys_in("pk", hits))
            for param, options in named.items():
                located = self._spec(param).apply(located, options)
            there = set(located.values_list("pk", flat=True))
        return sorted(hits, key=lambda hit: hit not in there)  # stable: each group in order

    #: The keyword in similar words (智能工厂 for 智慧工厂), when it was searched so: as typed,
    #: it matched nothing (:meth:`_keyword_search`).
    searched_similar: str | None = None

    def _keyword_search(self, search, *, finds: Callable[[object], bool]):
        """``search(keyword)`` of this list's keyword (a query string), or, when that
        ``finds`` nothing and the keyword has words the field writes either way, ``search``
        of the keyword in them (:class:`search.query.Similar`, noted in
        :attr:`searched_similar`) if that finds something.

        Tried after the match, not before it: the match of a query that finds something is
        all it costs, where deciding beforehand was one more statement for every query with
        such a word (and on PostgreSQL one that could read thousands of entries)."""
        found = search(self.state.q)
        similar = similar_query(self.state.q)
        if similar is None or finds(found) or self._found_elsewhere():
            return found
        in_similar = search(Similar(self.state.q))
        if not finds(in_similar):
            return found
        self.searched_similar = similar
        return in_similar

    def _found_elsewhere(self) -> bool:
        """Whether the keyword as typed finds a live entry of any type the site search lists
        (remembered for the request): a list without it, beside lists with it, is not
        searched in similar words, on any backend (PostgreSQL narrows a list's match to its
        own type, SQLite's covers every type)."""
        results = self.model.objects.search(self.state.q, operator="and")
        finds_any = getattr(results, "finds_any", None)
        return bool(finds_any and finds_any())

    def _search(self, *, ranked: bool):
        def search(keyword):
            results = self.search_base.only("pk").search(
                keyword, operator="and", order_by_relevance=ranked
            )
            return results[:MAX_SEARCH_RESULTS]

        return self._keyword_search(search, finds=lambda results: results.count() > 0)

    @property
    def _db(self) -> str:
        return router.db_for_read(self.model)

    def _indexed_hits(self, *, ranked: bool):
        """The keyword's hits through the facet index: the search index entries the database
        backend matched (for this listing and those searched with it), mapped to this listing's
        entries. The match runs once per request and keyword, so the site search's tabs (and
        the API search's types) share it instead of matching once each, and no id list goes
        back to the database. ``(facet index, hits' positions in it)``, or None without a facet
        index or with another search backend."""
        found = self._entry_scores(ranked=ranked)
        if found is None:
            return None
        index, scores = found
        return index, index.entry_hits(scores, ranked=ranked, db=self._db)

    # (facet index, positions) of search_hits, when the index found them.
    _hit_positions = None

    def _indexed_count(self) -> int | None:
        """:meth:`match_count` through the facet index, as :meth:`_indexed_hits` finds the
        hits (a bitmap of them, counted with the facets' filters)."""
        found = self._entry_scores(ranked=False)
        if found is None:
            return None
        index, scores = found
        if not any(self.state.selections.values()):
            return index.hit_count(scores, db=self._db)
        mask = index.entry_mask(scores, db=self._db)
        return index.query(self.state.selections, None, mask=mask).count

    def _entry_scores(self, *, ranked: bool):
        """``(facet index, {index entry id: score})``, or None (see :meth:`_indexed_hits`).
        The mask and the counts must come from the same index: a publication during the
        request gives the next call another one.

        Only the backend's match of the keyword is read, which no filter of the queryset
        changes: the search is made on the model's own queryset, not on the listing's base,
        whose filters cost a millisecond to build, for each tab of a site search."""
        index = self.bitmap_index()
        if index is None:
            return None

        def search(keyword):
            results = self.model.objects.only("pk").search(
                keyword, operator="and", order_by_relevance=ranked
            )
            entry_scores = getattr(results, "entry_scores", None)
            if entry_scores is None:  # another search backend
                return None
            return entry_scores(
                models=(self.model, *self.searched_with),
                ranked=(*((self.model,) if ranked else ()), *self.ranked_with),
            )

        # Matched nothing: no entry of any type searched with it has the words (a draft's
        # would count, and leave the list empty: drafts are rare beside the live entries).
        scores = self._keyword_search(search, finds=bool)
        return None if scores is None else (index, scores)

    def match_count(self) -> int:
        """The number of entries the keyword and the facets leave, for when only the number
        is wanted (the site search's other tabs, the API search's types outside the requested
        page).

        With the database backend the search is a sub-query of the count: one statement, no
        ids read into Python, every match counted (the ranked list stops at
        MAX_SEARCH_RESULTS). Other backends count the ids they return."""
        if self.state.q and "search_hits" not in self.__dict__:
            try:
                with transaction.atomic():
                    count = self._indexed_count()
                    if count is not None:
                        return count
                    results = self._search(ranked=False)
                    matches = getattr(results, "pk_subquery", None)
                    subquery = matches() if matches else None
                    if subquery is not None:
                        index = self.bitmap_index()
                        if index is not None:  # the matches' ids, filtered by the bitmaps
                            hits = index.positions_of(subquery.values_list("pk", flat=True))
                            return index.query(self.state.selections, hits).count
                        return self.apply_facets(self.base.filter(pk__in=subquery)).count()
            except Exception:  # as in search_hits: the page still answers
                logger.exception("Search failed for %r", self.state.q)
                self.search_failed = True
                return 0
        if self.indexed is not None:
            return self.indexed.count
        return self.filtered.count()

    search_failed = False

    @cached_property
    def search_base(self):
        return self.search_queryset()

    @cached_property
    def base(self):
        # Evaluated once: public() reads the view restrictions when it is called.
        return self.base_queryset()

    def filtered_base(self):
        queryset = self.base
        if self.search_hits is not None:
            queryset = queryset.filter(**keys_in("pk", list(self.search_hits)))
        return queryset

    def apply_facets(self, queryset, *, skip: str | None = None):
        for spec in self.facet_specs:
            if spec.param != skip:
                queryset = spec.apply(queryset, self.state.selections.get(spec.param, []))
        return queryset

    @cached_property
    def filtered(self):
        return self.apply_facets(self.filtered_base())

    def ordered(self):
        """The filtered queryset in the chosen order (not for relevance)."""
        option = next((o for o in self.sort_options if o.value == self.sort), None)
        order_by = option.order_by if option and option.order_by else self.fair_order
        return self.filtered.order_by(*order_by)

    def ordered_ids(self) -> list[int]:
        if self.indexed is not None:
            return self.indexed.ids(self.sort)
        if self.sort == "relevance" and self.search_hits is not None:
            keep = set(self.filtered.values_list("pk", flat=True))
            return [pk for pk in self.search_hits if pk in keep]
        return list(self.ordered().values_list("pk", flat=True))

    def bitmap_index(self) -> facet_index.FacetIndex | None:
        """The process's facet index of this listing (None: off, or counted in SQL)."""
        if not settings.FACET_INDEX:
            return None
        return facet_index.index_for(self, page_cache.version())

    @cached_property
    def indexed(self) -> facet_index.IndexQuery | None:
        """This state answered from the facet index (None: counted in SQL)."""
        index = self.bitmap_index()
        if index is None:
            return None
        hits = self.search_hits
        if hits is not None:
            found = self._hit_positions
            # The positions are of the index they were found in: a publication during the
            # request gives this call another one.
            hits = found[1] if found and found[0] is index else index.positions_of(hits)
        return index.query(self.state.selections, hits)

    def id_sequence(self):
        """The result ids in order, as a sliceable sequence with a length, when they can be had
        without reading the rows (the facet index, or a keyword's ranked ids); else None."""
        if self.indexed is not None:
            return IndexedIds(self.indexed, self.sort)
        if self.sort == "relevance" and self.search_hits is not None:
            return self.ordered_ids()
        return None

    def objects_in_order(self, ids: list[int], prefetch=None) -> list:
        """The entries with these ids in the order of ``ids``, their relations prefetched by
        ``prefetch`` (a queryset → queryset function; the listing's own by default)."""
        queryset = (prefetch or self.with_relations)(self.model.objects.filter(pk__in=ids))
        by_pk = {obj.pk: obj for obj in queryset}
        return [by_pk[pk] for pk in ids if pk in by_pk]

    def unchosen_count(self) -> int:
        """The number of entries the keyword leaves before the visitor's facet choices, with
        the facets' default exclusions (removed providers) as an untouched list has them: what
        :meth:`match_count` gives a listing of the keyword alone, so that the site search's
        tab says the same number whichever tab is open."""
        if self.indexed is not None:
            return self.indexed.index.query({}, None, mask=self.indexed.base).count
        queryset = self.filtered_base()
        for spec in self.facet_specs:
            queryset = spec.apply(queryset, [])
        return queryset.count()

    # -- output

    def facets(self) -> list[Facet]:
        indexed = self.indexed
        if indexed is not None:
            self.filtered_count = indexed.count
            return [
                spec.build(
                    indexed.counts(spec),
                    self.state.selections.get(spec.param, []),
                    self.option_url,
                )
                for spec in self.facet_specs
            ]
        base = self.filtered_base()
        counts = self.grouped_counts(base)
        facets = []
        for spec in self.facet_specs:
            if spec.param not in counts:
                counts[spec.param] = spec.counts(self.apply_facets(base, skip=spec.param))
            selected = self.state.selections.get(spec.param, [])
            facets.append(spec.build(counts[spec.param], selected, self.option_url))
        return facets

    # The result count, known once the facets are counted (None before): saves a COUNT query.
    filtered_count: int | None = None

    def grouped_counts(self, base) -> dict[str, dict[str, int]]:
        """The counts of every single-valued facet from one query grouped by all of them.

        The query applies the many-to-many facets (they are "other" facets for all of these)
        and groups by each single-valued facet's value; a facet's count for a value is then the
        sum over the groups with that value that pass every *other* single-valued facet. The
        groups partition the results (one value per facet per entry), so the groups that pass
        every facet add up to the result count. (Rows are counted, not distinct ids: the base
        must not repeat an entry, which no filter here does; M2M facets filter by sub-query.)
        """
        specs = [spec for spec in self.facet_specs if spec.grouped]
        if not specs:
            return {}
        queryset = base
        for spec in self.facet_specs:
            if not spec.grouped:
                queryset = spec.apply(queryset, self.state.selections.get(spec.param, []))
        names = [f"facet_{i}" for i in range(len(specs))]
        groups = {name: spec.group_expression() for name, spec in zip(names, specs, strict=True)}
        rows = (
            queryset.order_by()
            .values(**groups)
            .annotate(n=Count("pk"))
            .order_by()
            .values_list(*names, "n")
        )
        selections = [self.state.selections.get(spec.param, []) for spec in specs]
        totals = [Counter() for _spec in specs]
        filtered_count = 0
        for row in rows:
            failing = [
                i
                for i, (spec, value) in enumerate(zip(specs, row[:-1], strict=True))
                if not spec.matches(value, selections[i])
            ]
            if not failing:
                filtered_count += row[-1]
                for i, value in enumerate(row[:-1]):
                    totals[i][value] += row[-1]
            elif len(failing) == 1:  # passes every other facet: counts for the failing one
                totals[failing[0]][row[failing[0]]] += row[-1]
        self.filtered_count = filtered_count
        return {
            spec.param: spec.counts_from_groups(dict(total))
            for spec, total in zip(specs, totals, strict=True)
        }

    def option_url(self, param: str, value: str) -> str:
        """Only this option in its facet, the other facets as they are: ``self.url(**{param:
        [value]})``, from the facet's query string before and after it, encoded once per
        facet (a provider search shows some eighty options)."""
        if param not in self._option_url_parts:  # not a facet of this listing
            return self.url(**{param: [value]})
        before, after = self._option_url_parts[param]
        parts = (before, urlencode([(param, value)]), after)
        return f"{self.base_url}?{'&'.join(part for part in parts if part)}"

    @cached_property
    def _option_url_parts(self) -> dict[str, tuple[str, str]]:
        """``{facet param: (encoded query string before it, after it)}``, without the page."""
        state = self.state.keys(page=None)
        order = list(state)
        parts = {}
        for param in self.state.facet_params:
            i = order.index(param)
            before = [(key, value) for key in order[:i] for value in state[key]]
            after = [(key, value) for key in order[i + 1 :] for value in state[key]]
            parts[param] = (urlencode(before), urlencode(after))
        return parts

    def page(self):
        relations = self.with_relations if self.cards else _as_is
        ids = self.id_sequence()
        if ids is not None:
            paginator = Paginator(ids, PAGE_SIZE)
            page_obj = paginator.page(_page_number(self.state.page, paginator.num_pages))
            page_obj.object_list = self.objects_in_order(list(page_obj.object_list), relations)
        else:
            paginator = Paginator(relations(self.ordered()), PAGE_SIZE)
            if self.filtered_count is not None:
                paginator.count = self.filtered_count  # counted with the facets
            page_obj = paginator.page(_page_number(self.state.page, paginator.num_pages))
            page_obj.object_list = list(page_obj.object_list)
        if self.cards:
            self.decorate(page_obj.object_list)
        return paginator, page_obj

    def decorate(self, objects) -> None:
        """Attach what the result cards need beyond the prefetched relations."""

    def active_filters(self, facets: list[Facet]) -> list[dict]:
        chips = []
        for facet in facets:
            for option in facet.options:
                if option.selected:
                    remaining = [v for v in facet.selected if v != option.value]
                    chips.append(
                        {
                            "facet": facet.label,
                            "label": option.label,
                            "remove_url": self.url(**{facet.param: remaining}),
                        }
                    )
        return chips

    def export_links(self, route_name: str = "export") -> list[dict]:
        links = []
        query = self.state.querystring(page=None)
        for fmt, label in (("csv", "CSV"), ("xlsx", "Excel"), ("json", "JSON")):
            path = self.index_page.reverse_subpage(route_name, kwargs={"fmt": fmt})
            links.append({"format": fmt, "label": label, "url": f"{self.base_url}{path}{query}"})
        return links

    def feed_url(self) -> str | None:
        """The Atom feed of this view (same filters, newest first), if the index page has one."""
        base = self.index_page.get_url()
        try:
            path = self.index_page.reverse_subpage("feed")
        except (AttributeError, NoReverseMatch):
            return None
        if base is None:
            return None
        return f"{base}{path}{self.state.querystring(page=None, sort=None)}"

    def context(self) -> dict:
        facets = self.facets()
        paginator, page_obj = self.page()
        sort_options = [
            option for option in self.sort_options if option.value != "relevance" or self.state.q
        ]
        return {
            "listing": self,
            "search_query": self.state.q,
            "search_failed": self.search_failed,
            "facets": facets,
            "facet_options_shown": any(facet.options for facet in facets),
            "active_filters": self.active_filters(facets),
            "is_filtered": self.state.is_filtered,
            "sort": self.sort,
            "sort_options": [
                {"value": o.value, "label": str(o.label), "selected": o.value == self.sort}
                for o in sort_options
            ],
            "paginator": paginator,
            "page_obj": page_obj,
            "results": page_obj.object_list,
            "result_count": paginator.count,
            "clear_url": f"{self.base_url}{self.state.querystring(page=None, **self._cleared())}",
            "export_links": self.export_links(),
            "feed_url": self.feed_url(),
            # Called by the template, where it shows them (a directory that found nothing):
            # each hint is a search, which the site search's own empty tabs do not need.
            "spelling_hints": self.spelling_hints if not paginator.count else (),
        }

    def with_keyword(self, keyword: str) -> Listing:
        """This list searched for ``keyword`` alone (no filters, sort or page), taking its hits
        from the same match as the listings searched with it: what a hint links to."""
        params = QueryDict(mutable=True)
        params["q"] = keyword
        return type(self)(
            params,
            index_page=self.index_page,
            base_url=self.base_url,
            searched_with=self.searched_with,
            cards=self.cards,
        )

    def spelling_hints(self) -> list[dict]:
        """``{text, url}`` of the known words close to a keyword that found nothing here, each
        of which finds something in this list (search.hints); none with filters chosen, whose
        emptiness the keyword may not be to blame for."""
        if not self.state.q or self.state.is_filtered:
            return []
        listings = {}

        def finds(word: str) -> bool:
            listings[word] = self.with_keyword(word)
            return bool(listings[word].match_count())

        hints = spelling_hints(self.state.q, finds=finds)
        return [{"text": word, "url": listings[word].url()} for word in hints]

    def _cleared(self) -> dict:
        return dict.fromkeys(self.state.facet_params)


# --- Providers ------------------------------------------------------------------------------


class ProviderListing(Listing):
    model = ProviderPage
    place_facet = "region"

    facet_specs = [
        TermFacet("category", _("服务商类别"), ProviderPage, Category, "categories"),
        TermFacet("subtype", _("细分类型"), ProviderPage, Subtype, "subtypes"),
        TermFacet("region", _("所在地区"), ProviderPage, Region, "region"),
        TermFacet("industry", _("服务行业"), ProviderPage, Industry, "industries"),
        ChoiceFacet("grade", _("年度评级"), "latest_grade", Grade.choices),
        YearFacet("year", _("入选年度"), "batch__year"),
        ChoiceFacet(
            "status", _("状态"), "status", Status.choices, default_exclude=[Status.REMOVED]
        ),
    ]
    sort_options = [
        SortOption("relevance", _("相关度")),
        SortOption("fair", _("默认排序")),
        SortOption("name", _("名称"), ("title", "pk")),
        SortOption(
            "newest",
            _("最新入选"),
            (
                F("batch__published_on").desc(nulls_last=True),
                F("first_published_at").desc(nulls_last=True),
                "fair_key",
                "pk",
            ),
        ),
        SortOption("grade", _("评级"), ("-grade_rank", "fair_key", "pk")),
    ]

    def base_queryset(self):
        return public(ProviderPage.objects.live()).descendant_of(self.index_page)

    def search_queryset(self):
        return self.base

    def with_relations(self, queryset):
        return queryset.select_related("region", "batch").prefetch_related("categories")


def provider_directory(request, *, index_page) -> dict:
    """Template context for the provider directory (ProviderIndexPage)."""
    listing = ProviderListing(request.GET, index_page=index_page, base_url=request.path)
    return listing.context()


# --- Solutions ------------------------------------------------------------------------------


def parent_path(prefix: str = "", *, ref=F):
    """The path of a page's parent as an expression (of ``{prefix}path``; ``ref=OuterRef`` in a
    sub-query): solutions are matched to their providers this way, in one sub-query for all of
    them."""
    return Substr(ref(f"{prefix}path"), 1, (ref(f"{prefix}depth") - 1) * Page.steplen)


class ProviderRegionFacet(TermFacet):
    """The city of a solution's provider (its parent page): a solution has no place of its own,
    and people look for the solutions offered in their city (烟台 设备运维)."""

    def __init__(self, param, label):
        super().__init__(param, label, ProviderPage, Region, "region")

    def apply(self, queryset, values):
        if not values:
            return queryset
        providers = ProviderPage.objects.filter(region__slug__in=values).values("path")
        return queryset.alias(provider_path=parent_path()).filter(provider_path__in=providers)

    def group_expression(self):
        provider = ProviderPage.objects.filter(path=parent_path(ref=OuterRef))
        provider = provider.values("region__slug")[:1]
        return Subquery(provider, output_field=CharField())


class SolutionListing(Listing):
    model = SolutionPage
    place_facet = "region"

    facet_specs = [
        TermFacet("category", _("服务商类别"), SolutionPage, Category, "category"),
        ProviderRegionFacet("region", _("服务商所在地区")),
        TermFacet("industry", _("适用行业"), SolutionPage, Industry, "industries"),
        ChoiceFacet("deployment", _("部署方式"), "deployment_mode", DeploymentMode.choices),
        PriceBandFacet("price", _("参考价格"), "reference_price"),
        FlagFacet("xkqz", _("小快轻准"), "is_xkqz", _("小快轻准方案")),
    ]
    sort_options = [
        SortOption("relevance", _("相关度")),
        SortOption("fair", _("默认排序")),
        SortOption("name", _("名称"), ("title", "pk")),
        SortOption("newest", _("最新发布"), (F("first_published_at").desc(nulls_last=True), "pk")),
        SortOption(
            "price",
            _("价格从低到高"),
            (F("reference_price").asc(nulls_last=True), "fair_key", "pk"),
        ),
    ]

    def search_queryset(self):
        return public(SolutionPage.objects.live()).filter(locale_id=self.index_page.locale_id)

    def base_queryset(self):
        # The parent page's path IN the listed providers' paths: the databases evaluate the
        # sub-query once, where a correlated EXISTS looks the parent up for every solution.
        providers = ProviderPage.objects.live().exclude(status=Status.REMOVED)
        return self.search_base.alias(parent_path=parent_path()).filter(
            parent_path__in=providers.values("path")
        )

    def with_relations(self, queryset):
        return queryset.select_related("category").prefetch_related("industries")

    def decorate(self, objects):
        attach_providers(objects)


def attach_providers(solutions) -> None:
    """Set ``solution.listed_provider`` for each solution with one query (its parent page)."""
    paths = {s.path[: -Page.steplen] for s in solutions}
    providers = {p.path: p for p in ProviderPage.objects.filter(path__in=paths)}
    for solution in solutions:
        solution.listed_provider = providers.get(solution.path[: -Page.steplen])


def solution_catalogue(request, *, index_page) -> dict:
    """Template context for the solution catalogue (SolutionIndexPage)."""
    listing = SolutionListing(request.GET, index_page=index_page, base_url=request.path)
    return listing.context()


# --- Annual lists ---------------------------------------------------------------------------

GRADE_ORDER = [Grade.EXCELLENT, Grade.QUALIFIED, Grade.UNQUALIFIED]


def annual_list_entries(page: AnnualListPage) -> list:
    """The list's entries in published order: grade (优秀 first), category number, then the
    editors' order; each with ``linked_provider`` (the provider page in the list's locale if it
    is live, else None)."""
    entries = list(
        page.entries.select_related("provider", "category").order_by(
            "category__number", "sort_order", "pk"
        )
    )
    rank = {grade: i for i, grade in enumerate(GRADE_ORDER)}
    entries.sort(key=lambda e: rank.get(e.grade, len(rank)))  # stable: keeps category order
    keys = {entry.provider.translation_key for entry in entries}
    localized = {
        p.translation_key: p
        for p in ProviderPage.objects.live()
        .public()
        .filter(translation_key__in=keys, locale_id=page.locale_id)
        .select_related("region")
    }
    for entry in entries:
        entry.linked_provider = localized.get(entry.provider.translation_key)
    return entries


def group_annual_list(page: AnnualListPage) -> list[dict]:
    """Entries grouped by grade (优秀 first), then by category (category number order).

    ``[{"grade", "label", "count", "categories": [{"category", "name", "entries": [...]}]}]``;
    each entry has ``name``, ``url`` (None if the provider is not live), ``note``.
    """
    grouped: dict = defaultdict(lambda: defaultdict(list))
    categories = {}
    for entry in annual_list_entries(page):
        provider = entry.linked_provider
        grouped[entry.grade][entry.category_id].append(
            {
                "name": provider.title if provider else entry.provider.title,
                "url": provider.get_url() if provider else None,
                "note": entry.note,
                "provider": provider,
            }
        )
        categories[entry.category_id] = entry.category
    groups = []
    for grade in [*GRADE_ORDER, *(g for g in grouped if g not in GRADE_ORDER)]:
        if grade not in grouped:
            continue
        by_category = grouped[grade]
        groups.append(
            {
                "grade": grade,
                "label": Grade(grade).label if grade in Grade.values else grade,
                "count": sum(len(v) for v in by_category.values()),
                "categories": [
                    {
                        "category": categories[cid],
                        "name": taxonomy.display_name(categories[cid]),
                        "entries": by_category[cid],
                    }
                    for cid in by_category  # inserted in category-number order
                ],
            }
        )
    return groups
