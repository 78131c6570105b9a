"""Public reads of cases, conferences and the promotion catalogue."""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext_lazy as _

from catalogue import taxonomy
from catalogue.directory import (
    ChoiceFacet,
    Listing,
    SortOption,
    TermFacet,
    YearFacet,
    clean_text,
    parent_path,
    public,
)
from catalogue.models import Category, Industry, ProviderPage, Region, SolutionPage, Status, Subtype

from .models import CasePage, ClientSize, PilotZone, Promotion


class CaseListing(Listing):
    model = CasePage
    place_facet = "region"
    year_facet = "year"

    facet_specs = [
        YearFacet("year", _("年度"), "year"),
        TermFacet("industry", _("所属行业"), CasePage, Industry, "client_industry"),
        TermFacet("region", _("所在地区"), CasePage, Region, "client_region"),
        TermFacet("scenario", _("应用场景"), CasePage, Subtype, "scenario"),
        TermFacet("category", _("服务商类别"), CasePage, Category, "category"),
        ChoiceFacet("size", _("企业规模"), "client_size", ClientSize.choices),
    ]
    sort_options = [
        SortOption("relevance", _("相关度")),
        SortOption("fair", _("默认排序")),
        SortOption("newest", _("最新年度"), ("-year", "fair_key", "pk")),
        SortOption("name", _("名称"), ("title", "pk")),
    ]

    def base_queryset(self):
        return public(CasePage.objects.live()).descendant_of(self.index_page)

    def search_queryset(self):
        return self.base

    def with_relations(self, queryset):
        return queryset.select_related("client_industry", "client_region", "scenario", "category")

    def decorate(self, objects):
        attach_links(objects)


def _localized(model, pages_by_case: dict[int, list], locale_id: int) -> dict[int, list]:
    """The live, public pages of ``model`` in ``locale_id`` for each case's linked pages (a
    link points to the Chinese page; an English case shows the English alias)."""
    keys = {page.translation_key for pages in pages_by_case.values() for page in pages}
    visible = {
        page.translation_key: page
        for page in public(model.objects.live()).filter(
            translation_key__in=keys, locale_id=locale_id
        )
    }
    if model is SolutionPage:
        # A solution of a provider that is not live, or removed, is not shown.
        paths = {page.path[: -page.steplen] for page in visible.values()}
        providers = ProviderPage.objects.live().exclude(status=Status.REMOVED)
        open_paths = set(providers.filter(path__in=paths).values_list("path", flat=True))
        visible = {k: p for k, p in visible.items() if p.path[: -p.steplen] in open_paths}
    return {
        case_id: [visible[p.translation_key] for p in pages if p.translation_key in visible]
        for case_id, pages in pages_by_case.items()
    }


def _linked(cases, relation: str, model) -> dict[int, list]:
    through = CasePage._meta.get_field(relation).remote_field.through
    target = CasePage._meta.get_field(relation).m2m_reverse_field_name()
    owner = CasePage._meta.get_field(relation).m2m_field_name()
    source_ids = {case.pk: case.alias_of_id or case.pk for case in cases}
    rows = through.objects.filter(**{f"{owner}__in": set(source_ids.values())}).values_list(
        owner, target
    )
    by_source = defaultdict(list)
    for source_id, page_id in rows:
        by_source[source_id].append(page_id)
    pages = {
        page.pk: page
        for page in model.objects.filter(pk__in={pk for ids in by_source.values() for pk in ids})
        .order_by("title")
        .only("pk", "translation_key")
    }
    result = {}
    for case in cases:
        ids = set(by_source.get(source_ids[case.pk], []))
        result[case.pk] = [page for pk, page in pages.items() if pk in ids]  # by title
    return result


def attach_links(cases) -> None:
    """Set ``linked_providers`` and ``linked_solutions`` on each case: the pages the public may
    see, in the case's language, with a constant number of queries for the whole list."""
    cases = list(cases)
    if not cases:
        return
    by_locale = defaultdict(list)
    for case in cases:
        by_locale[case.locale_id].append(case)
    for locale_id, group in by_locale.items():
        providers = _localized(ProviderPage, _linked(group, "providers", ProviderPage), locale_id)
        solutions = _localized(SolutionPage, _linked(group, "solutions", SolutionPage), locale_id)
        for case in group:
            case.linked_providers = providers[case.pk]
            case.linked_solutions = solutions[case.pk]


def public_links(case: CasePage) -> tuple[list, list]:
    attach_links([case])
    return case.linked_providers, case.linked_solutions


def cases_of(page, *, relation: str, limit: int = 12) -> list[CasePage]:
    """The public cases that used a provider or solution page (``relation`` is "providers" or
    "solutions"), newest first, in the page's language."""
    source_id = page.alias_of_id or page.pk
    sources = CasePage.objects.filter(**{relation: source_id}).values("translation_key")
    cases = (
        public(CasePage.objects.live())
        .filter(translation_key__in=sources, locale_id=page.locale_id)
        .select_related("client_industry", "client_region", "scenario")
        .order_by("-year", "fair_key", "pk")[:limit]
    )
    return list(cases)


def conference_sections(conference) -> dict:
    locale_id = conference.locale_id
    cases = (
        public(CasePage.objects.live())
        .filter(year=conference.year, locale_id=locale_id)
        .select_related("client_industry", "client_region", "scenario")
        .order_by("fair_key", "pk")
    )
    annual_list = None
    if conference.annual_list_id:
        annual_list = (
            public(type(conference.annual_list).objects.live())
            .filter(translation_key=conference.annual_list.translation_key, locale_id=locale_id)
            .first()
        )
    return {
        "annual_list": annual_list,
        "cases": list(cases),
        "promotion_groups": promotion_groups(year=conference.year, locale_id=locale_id),
        "downloads": conference.downloads.select_related("document"),
    }


def promoted_solutions():
    """Promotions whose solution is public: live, and offered by a live provider in the pool."""
    open_providers = ProviderPage.objects.live().exclude(status=Status.REMOVED)
    return (
        Promotion.objects.filter(solution__live=True)
        .alias(provider_path=parent_path("solution__"))
        .filter(provider_path__in=open_providers.values("path"))
        .select_related("pilot", "solution", "solution__category")
        .order_by("pilot__sort_order", "pilot_id", "solution__title")
    )


def promotion_groups(*, year: int | None, locale_id: int, pilot_slug: str = "") -> list[dict]:
    """[{"pilot", "name", "kind", "solutions": [solution pages in the locale]}] for a year."""
    promotions = promoted_solutions()
    if year:
        promotions = promotions.filter(year=year)
    if pilot_slug:
        promotions = promotions.filter(pilot__slug=pilot_slug)
    promotions = list(promotions)
    keys = {p.solution.translation_key for p in promotions}
    localized = {
        s.translation_key: s
        for s in public(SolutionPage.objects.live())
        .filter(translation_key__in=keys, locale_id=locale_id)
        .select_related("category")
    }
    names = taxonomy.localized_names(PilotZone)
    groups: dict[int, dict] = {}
    for promotion in promotions:
        solution = localized.get(promotion.solution.translation_key)
        if solution is None:
            continue
        pilot = promotion.pilot
        group = groups.setdefault(
            pilot.pk,
            {
                "pilot": pilot,
                "name": names.get(str(pilot.translation_key), pilot.name),
                "kind": pilot.get_kind_display(),
                "entries": [],
            },
        )
        group["entries"].append({"solution": solution, "note": promotion.note})
    return list(groups.values())


def promotion_catalogue(request, *, page) -> dict:
    years = sorted(set(Promotion.objects.values_list("year", flat=True)), reverse=True)
    raw_year = clean_text(request.GET.get("year", ""), 4)
    year = int(raw_year) if raw_year.isascii() and raw_year.isdigit() else None
    if year not in years:
        year = years[0] if years else None
    pilots = list(PilotZone.objects.filter(locale_id=_canonical_locale_id()))
    pilot_slug = clean_text(request.GET.get("pilot", ""), 100)
    if pilot_slug not in {p.slug for p in pilots}:
        pilot_slug = ""
    names = taxonomy.localized_names(PilotZone)
    return {
        "years": years,
        "year": year,
        "pilot_options": [
            {"slug": p.slug, "name": names.get(str(p.translation_key), p.name), "kind": p.kind}
            for p in pilots
        ],
        "pilot": pilot_slug,
        "promotion_groups": promotion_groups(
            year=year, locale_id=page.locale_id, pilot_slug=pilot_slug
        ),
    }


def _canonical_locale_id() -> int:
    from wagtail.models import Locale

    return Locale.get_default().pk
