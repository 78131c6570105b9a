"""Demo data for the cases app (``manage.py load_demo_data``, after the catalogue's).

Creates, under the Chinese home page, 典型场景案例 (/cases/), 推广目录 (/promotion/) and
年度服务商大会 (/conferences/) with the 2024 and 2025 conferences; 88 typical cases of those two
years in all 16 Shandong cities, many industries and most scenarios, each with 2–4 measured
results; the three pilots (a city, a guidance zone, an industry cluster, each with its English
twin) and their promotion catalogues for both years. The texts are composed from the pools in
:mod:`cases.demo_text`.

The cases link the providers and solutions the catalogue's demo created (or whatever live
providers the site has): a case's provider has the case's scenario (the subtype), or at least
its category; a second provider, when there is one, has the category too. Run on a site with
few providers (the tests), cases share them.

Reproducible and idempotent, as ``catalogue.demo``:

* :func:`plan` decides the cases — names, texts, figures, dates — from ``rng`` alone, before
  the database is read. Which providers, solutions and promoted solutions are linked depends on
  numbers drawn in the plan and on the live providers, read in a fixed order (by USCC, then
  solution slug); the same database gives the same links.
* :func:`generate` brings the database to the plan through natural keys: a case by year and
  title under the case index, a conference and the index pages by slug under their parent, a
  pilot by locale and slug, a promotion by solution, pilot and year. A page is saved and
  published only when it is new or differs from the plan; a second run writes nothing. Nothing
  is deleted: a promotion or a case that is no longer in the plan stays.
"""

from __future__ import annotations

import datetime
import random
import re
import time
import uuid
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import accumulate

from wagtail.models import Locale, Page

from catalogue import demo_text as catalogue_text
from catalogue.bulk import DeferredIndexing, compute_derived_fields, create_pages
from catalogue.demo import (
    Outcome,
    Terms,
    apportion,
    compose,
    fill,
    is_current,
    office_phone,
    quiet_page_logging,
    sample_in_order,
    sync_page,
    through_ids,
    weighted,
)
from catalogue.models import AnnualListPage, ProviderPage, Region, SolutionPage, Status
from portal.models import HomePage
from portal.translation import create_english_aliases

from . import demo_text as text
from .models import (
    CaseIndexPage,
    CasePage,
    CaseResult,
    ConferenceIndexPage,
    ConferencePage,
    PilotZone,
    Promotion,
    PromotionCatalogPage,
)

ORDER = 20

CASES_PER_YEAR = {2024: 38, 2025: 50}
MIN_CASES_PER_CITY = 3
PILOT_KEY_NAMESPACE = uuid.UUID("3b0c6f0e-8f43-4c1e-9d55-1c2a7e4b9a60")
TIME_UNITS = {"天", "小时", "分钟", "秒", "毫秒", "个月", "周"}
COUNTED = set("人个次项种张件台处轮条")  # units of whole things: never 4.4 people


# ---------------------------------------------------------------------------------------------
# The plan (pure: rng in, data out)
# ---------------------------------------------------------------------------------------------


@dataclass
class ResultPlan:
    indicator: str
    before: Decimal
    after: Decimal
    unit: str
    short: str


@dataclass
class CasePlan:
    year: int
    slug: str
    title: str
    client_name: str
    industry: str
    region: str
    size: str
    scenario: str  # a subtype slug, or a category slug for the categories without subtypes
    category: str
    partner: str  # the scenario key a second provider should have, or ""
    challenge: str
    approach: str
    outcome: str
    results: list[ResultPlan]
    referee_name: str
    referee_phone: str
    picks: tuple[float, float, float, float]  # provider, solution, partner, partner solution


@dataclass
class PromotionPlan:
    pilot: str
    year: int
    count: int
    seed: int


@dataclass
class Plan:
    cases: list[CasePlan]
    promotions: list[PromotionPlan] = field(default_factory=list)

    def count(self, year: int) -> int:
        return sum(case.year == year for case in self.cases)

    def promoted(self, year: int) -> int:
        return sum(p.count for p in self.promotions if p.year == year)


_MANUFACTURING = set(text._MANUFACTURING.split())


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _decimal(value: float, decimals: int) -> Decimal:
    return Decimal(f"{value:.{decimals}f}")


def _result(rng: random.Random, indicator: text.Indicator, size: str) -> ResultPlan:
    before = _decimal(rng.uniform(*indicator.before), indicator.decimals)
    if indicator.ratio:
        value = float(before) * rng.uniform(*indicator.after)
        counted = indicator.unit.split("/")[0] in COUNTED
        decimals = indicator.decimals if value >= 10 or counted else max(indicator.decimals, 1)
        after = _decimal(value, decimals)
    else:
        after = _decimal(rng.uniform(*indicator.after), indicator.decimals)
    if indicator.unit.startswith("人"):  # people: as many as a client of the size has
        scale = text.PEOPLE_SCALE[size]
        before, after = (Decimal(round(float(v) * scale)) for v in (before, after))
        if after == before:
            after = before + 1 if indicator.after[0] > indicator.before[1] else before - 1
        if after <= 0 < before:
            after = Decimal(1) if before > 1 else Decimal(0)
    return ResultPlan(indicator.name, before, after, indicator.unit, indicator.short)


def _result_phrase(rng: random.Random, r: ResultPlan) -> str:
    before, after = _number(r.before) + r.unit, _number(r.after) + r.unit
    if r.before == 0:
        return f"{r.indicator}达到{after}"
    if r.after > r.before:
        verb = rng.choice(["提升至", "提高到"])
    elif r.unit in TIME_UNITS:
        verb = rng.choice(["缩短至", "缩短到"])
    else:
        verb = rng.choice(["降至", "下降到", "减少到"])
    return f"{r.indicator}由{before}{verb}{after}"


def _gain(results: list[ResultPlan]) -> str:
    """A headline for a title: "OEE提升14个百分点", "停机时间下降62%"; "" if none fits."""
    for r in results:
        if r.before == 0 or r.unit == "级":
            continue
        up = r.after > r.before
        if r.unit == "%":
            points = abs(r.after - r.before)
            if points < 1:
                continue
            points = _number(points.quantize(Decimal("0.1")))
            return f"{r.short}{'提升' if up else '下降'}{points}个百分点"
        percent = round(abs(r.after - r.before) / r.before * 100)
        if up:
            return f"{r.short}提升{percent}%"
        return f"{r.short}{'缩短' if r.unit in TIME_UNITS else '下降'}{percent}%"
    return ""


def _brands(rng: random.Random) -> list[str]:
    pairs = [a + b for a in text.BRAND_FIRST for b in text.BRAND_SECOND]
    rng.shuffle(pairs)
    return pairs


def _client_name(rng: random.Random, brand: str, noun: str, city, size: str) -> str:
    if size == "large":
        return rng.choice(
            [f"山东{brand}{noun}股份有限公司", f"{city.short}{brand}{noun}集团有限公司"]
        )
    roll = rng.random()
    if roll < 0.55:
        return f"{city.short}{brand}{noun}有限公司"
    if roll < 0.75:
        return f"山东{brand}{noun}有限公司"
    if roll < 0.88:
        return f"{city.name}{brand}{noun}有限公司"
    return f"{brand}{noun}（{city.short}）有限公司"


def _revenue(rng: random.Random, staff: int) -> str:
    value = staff * rng.uniform(20, 45)  # 万元
    if value >= 10000:
        return f"{value / 10000:.1f}亿元"
    if value >= 1000:
        return f"{round(value, -2):.0f}万元"
    return f"{round(value, -1):.0f}万元"


def plan(rng: random.Random) -> Plan:
    """Decide the demo cases and promotion catalogues from the random generator."""
    total = sum(CASES_PER_YEAR.values())
    region_counts = apportion(text.CITY_WEIGHTS, total, MIN_CASES_PER_CITY)
    regions = [slug for slug, count in region_counts.items() for _ in range(count)]
    rng.shuffle(regions)
    years = [year for year, count in CASES_PER_YEAR.items() for _ in range(count)]
    brands = iter(_brands(rng))
    uses: Counter[str] = Counter()
    keys: set[tuple[int, str]] = set()
    slugs: set[str] = set()
    cases = [
        _plan_case(rng, year, region, brands, uses, keys, slugs)
        for year, region in zip(years, regions, strict=True)
    ]
    promotions = [
        PromotionPlan(pilot.slug, year, rng.randint(*text.PROMOTION_COUNTS), rng.getrandbits(32))
        for pilot in text.PILOTS
        for year in text.PROMOTION_YEARS
    ]
    return Plan(cases, promotions)


def _plan_case(rng, year, region, brands, uses, keys, slugs) -> CasePlan:
    city = catalogue_text.SHANDONG_CITIES[region]
    if rng.random() < 0.6:
        industry = rng.choice(city.industries)
    else:
        industry = weighted(
            rng, {slug: 3 if slug in _MANUFACTURING else 1 for slug in text.CLIENT_INDUSTRIES}
        )
    variants = [v for v in text.SCENARIO_LIST if industry in v.industries]
    variant = weighted(rng, {v: v.weight * 0.3 ** uses[v.key] for v in variants})
    uses[variant.key] += 1

    client = text.CLIENT_INDUSTRIES[industry]
    industry_text = catalogue_text.INDUSTRY_TEXT[industry]
    size = weighted(rng, text.SIZE_WEIGHTS)
    staff = rng.randint(*text.STAFF[size])
    machines = rng.randint(*text.MACHINES[size])
    product = rng.choice(list(client.products))
    brand, noun = next(brands), rng.choice(client.products[product])
    client_name = _client_name(rng, brand, noun, city, size)
    context = {
        "client": client_name,
        "business": f"{client.verb}{product}",
        "product": product,
        "staff": staff,
        "size": text.SIZE_NAMES[size],
        "city": city.name,
        "district": rng.choice(list(city.districts)),
        "revenue": _revenue(rng, staff),
        "industry": industry_text.short,
        "audience": industry_text.audience,
        "pain": rng.choice(industry_text.pains),
        "pilot_unit": "车间" if industry in _MANUFACTURING else "业务部门",
        "spread": "其他车间和分厂" if industry in _MANUFACTURING else "其他部门和分支机构",
        "machines": machines,
        "key_machines": max(3, round(machines * rng.uniform(0.3, 0.7))),
        "stations": rng.randint(*text.STATIONS[size]),
        "meters": rng.randint(*text.METERS[size]),
        "trainees": max(5, round(staff * rng.uniform(0.3, 0.7))),
    }

    # 面临的问题
    contexts = [
        c
        for c in text.CONTEXTS
        if (size in ("large", "medium") or "骨干" not in c)
        and (industry in _MANUFACTURING or "产品销往" not in c)
    ]
    challenge = [compose(rng.choice(contexts), rng, **context)]
    if rng.random() < 0.7:
        challenge.append(compose(rng.choice(text.PAINS), rng, **context))
    count = min(len(variant.challenges), rng.choice([1, 1, 2]))
    challenge += [
        compose(sentence, rng, **context)
        for sentence in sample_in_order(rng, variant.challenges, count)
    ]
    if rng.random() < 0.35:
        challenge.append(fill(rng.choice(text.TRIGGERS), rng))

    # 实施内容
    partner = ""
    if variant.partners and size != "micro" and rng.random() < 0.22:
        partner = rng.choice(variant.partners)
    # Started in the year before the conference's year, so that the project and a few months
    # of operation are over when the conference (in January after the year) publishes it.
    start_year, start_month = year - 1, rng.randint(1, 8)
    cost_range = {"large": (200, 600), "medium": (60, 260), "small": (20, 90), "micro": (5, 25)}
    approach_context = {
        "start": f"{start_year}年{start_month}月",
        "months": rng.randint(3, 8),
        "mode": rng.choice(text.DEPLOYMENTS),
        "cost": rng.randint(*cost_range[size]),
        **context,
    }
    optional = [step.startswith("?") for step in variant.steps]
    keep = [not is_optional or rng.random() < 0.55 for is_optional in optional]
    while sum(keep) < min(3, len(keep)):  # at least three steps
        keep[rng.choice([i for i, kept in enumerate(keep) if not kept])] = True
    steps = [step.removeprefix("?") for step, kept in zip(variant.steps, keep, strict=True) if kept]
    software = variant.key not in text.NOT_SOFTWARE
    openings = text.APPROACH_OPENINGS + (text.SOFTWARE_OPENINGS if software else ())
    approach = [compose(rng.choice(openings), rng, **approach_context)]
    if partner:
        approach.append(rng.choice(text.PARTNER_SENTENCES))
    approach += [compose(step, rng, **approach_context) for step in steps]
    if rng.random() < 0.6:
        closings = text.APPROACH_CLOSINGS + (text.SOFTWARE_CLOSINGS if software else ())
        approach.append(compose(rng.choice(closings), rng, **approach_context))

    # 实施成效 and the measured results
    k = min(len(variant.indicators), weighted(rng, {2: 3, 3: 5, 4: 2}))
    results = [_result(rng, i, size) for i in sample_in_order(rng, variant.indicators, k)]
    phrases = "，".join(_result_phrase(rng, r) for r in results)
    result_sentences = text.RESULT_SENTENCES + (text.SOFTWARE_RESULT_SENTENCES if software else ())
    outcome = [
        fill(rng.choice(variant.outcomes), rng),
        fill(rng.choice(result_sentences), rng).format(results=phrases),
    ]
    if rng.random() < 0.5:
        saving = round(approach_context["cost"] * rng.uniform(0.4, 1.1))
        outcome.append(fill(rng.choice(text.BENEFIT_SENTENCES), rng).format(saving=saving))
    if rng.random() < 0.35:
        outcome.append(
            fill(rng.choice(text.REPLICATION_SENTENCES), rng).format(
                city=city.name, spread=context["spread"]
            )
        )

    # The title: unique within the year
    short = f"{brand}{noun}"
    gain = _gain(results)
    title = ""
    for _attempt in range(8):
        name = rng.choice(variant.titles)
        patterns = [
            p for p in text.TITLE_PATTERNS if (gain and "助力" not in name) or "{gain}" not in p
        ]
        pattern = rng.choice(patterns)
        title = pattern.format(short=short, title=name, gain=gain, city_short=city.short)
        if (year, title) not in keys:
            break
    while (year, title) in keys:
        title += "（二期）"
    keys.add((year, title))

    slug = f"{year}-{region}-{variant.key}"
    base, suffix = slug, 1
    while slug in slugs:
        suffix += 1
        slug = f"{base}-{suffix}"
    slugs.add(slug)

    return CasePlan(
        year=year,
        slug=slug,
        title=title,
        client_name=client_name,
        industry=industry,
        region=region,
        size=size,
        scenario=variant.key if variant.key != variant.category else "",
        category=variant.category,
        partner=partner,
        challenge="".join(challenge),
        approach="".join(approach),
        outcome="".join(outcome),
        results=results,
        referee_name=rng.choice(catalogue_text.SURNAMES) + rng.choice(text.REFEREE_TITLES),
        referee_phone=office_phone(rng, region),
        picks=(rng.random(), rng.random(), rng.random(), rng.random()),
    )


# ---------------------------------------------------------------------------------------------
# The providers and solutions on the site
# ---------------------------------------------------------------------------------------------


def _pick_index(weights: list[float], u: float) -> int:
    """The index that ``u`` (uniform in [0, 1)) falls on, each index weighted."""
    cumulative = list(accumulate(weights))
    return min(bisect_right(cumulative, u * cumulative[-1]), len(weights) - 1)


class _Pool:
    """The live Chinese providers still in the pool (not removed) and their live solutions,
    in a fixed order (USCC, then solution slug), and how often each provider was chosen."""

    def __init__(self, zh, terms):
        self.terms = terms
        self.providers = list(
            ProviderPage.objects.filter(locale=zh, alias_of__isnull=True, live=True)
            .exclude(status=Status.REMOVED)
            .order_by("uscc", "pk")
            .only("pk", "path", "uscc", "region_id", "translation_key")
        )
        ids = [p.pk for p in self.providers]
        self.subtypes = through_ids(ProviderPage, "subtypes", ids)
        self.categories = through_ids(ProviderPage, "categories", ids)
        self.industries = through_ids(ProviderPage, "industries", ids)
        by_path = {p.path: p for p in self.providers}
        solutions = [
            s
            for s in SolutionPage.objects.filter(locale=zh, alias_of__isnull=True, live=True)
            .order_by("path")
            .only(
                "pk",
                "path",
                "slug",
                "category_id",
                "is_xkqz",
                "is_standardised",
                "deployment_mode",
                "translation_key",
            )
            if s.path[: -Page.steplen] in by_path
        ]
        self.solution_industries = through_ids(
            SolutionPage, "industries", [s.pk for s in solutions]
        )
        self.solutions_of: dict[int, list] = defaultdict(list)
        for s in solutions:
            s.pool_provider = by_path[s.path[: -Page.steplen]]
            self.solutions_of[s.pool_provider.pk].append(s)
        for offered in self.solutions_of.values():
            offered.sort(key=lambda s: s.slug)
        self.solutions = [s for p in self.providers for s in self.solutions_of[p.pk]]
        self.uses: Counter[int] = Counter()

    def _having(self, key: str) -> list:
        """Providers with the scenario (a subtype) or, for a category key, the category."""
        if key in self.terms.subtypes and key not in self.terms.categories:
            term = self.terms.subtypes[key].pk
            return [p for p in self.providers if term in self.subtypes.get(p.pk, ())]
        term = self.terms.categories[key].pk
        return [p for p in self.providers if term in self.categories.get(p.pk, ())]

    def _choose(self, candidates: list, pick: float, region_id: int | None):
        weights = [
            (2.0 if p.region_id == region_id else 1.0) / (1 + self.uses[p.pk]) ** 2
            for p in candidates
        ]
        provider = candidates[_pick_index(weights, pick)]
        self.uses[provider.pk] += 1
        return provider

    def _solution(self, provider, key: str, category_id: int, pick: float):
        offered = self.solutions_of.get(provider.pk, [])
        products = set(getattr(catalogue_text.SUBTYPE_TEXT.get(key), "products", ()))
        matching = [s for s in offered if s.slug in products] or [
            s for s in offered if s.category_id == category_id
        ]
        if not matching:
            return None
        return matching[min(int(pick * len(matching)), len(matching) - 1)]

    def assign(self, case: CasePlan) -> tuple[list, list]:
        """(providers, solutions) for a case."""
        if not self.providers:
            return [], []
        key = case.scenario or case.category
        category = self.terms.categories[case.category].pk
        industry = self.terms.industries[case.industry].pk
        region = self.terms.regions[case.region].pk
        having = self._having(key)
        in_category = having if not case.scenario else self._having(case.category)
        # The providers of the scenario that serve the client's industry, else those of the
        # scenario, else of its category (a small pool may have none: then any provider).
        tiers = [[p for p in having if industry in self.industries.get(p.pk, ())], having]
        tiers.append(in_category)
        candidates = next((tier for tier in tiers if len(tier) >= 3), None)
        candidates = candidates or next((tier for tier in tiers if tier), self.providers)
        first = self._choose(candidates, case.picks[0], region)
        providers, solutions = [first], []
        solution = self._solution(first, key, category, case.picks[1])
        if solution:
            solutions.append(solution)
        if case.partner:
            with_partner = [
                p for p in self._having(case.partner) if p in in_category and p is not first
            ]
            others = with_partner or [p for p in in_category if p is not first]
            if others:
                second = self._choose(others, case.picks[2], region)
                providers.append(second)
                partner_category = self.terms.categories[
                    text.SCENARIOS[case.partner][0].category
                ].pk
                solution = self._solution(second, case.partner, partner_category, case.picks[3])
                if solution:
                    solutions.append(solution)
        return providers, solutions


# ---------------------------------------------------------------------------------------------
# Writing the plan
# ---------------------------------------------------------------------------------------------


def generate(*, rng: random.Random, stdout) -> dict[str, int]:
    started = time.perf_counter()

    def progress(message: str) -> None:
        stdout.write(f"  [{time.perf_counter() - started:5.1f}s] {message}")

    the_plan = plan(rng)
    progress(
        f"planned {len(the_plan.cases)} cases, "
        f"{sum(p.count for p in the_plan.promotions)} promoted solutions"
    )
    with quiet_page_logging():
        return _write(the_plan, progress)


def _write(the_plan: Plan, progress) -> dict[str, int]:
    zh = Locale.get_default()
    home = HomePage.objects.get(locale=zh)
    terms = Terms(zh)
    outcomes = Outcome()
    pilots = _sync_pilots(terms, outcomes)

    created_pages: list[Page] = []
    with DeferredIndexing() as deferred:

        def record(kind: str, page, outcome: str) -> None:
            outcomes.add(kind, outcome)
            if outcome == "created":
                created_pages.append(page)
            if outcome != "unchanged":
                deferred.touch(page)

        links = _Links(home)
        sections = {}
        for model, spec, in_menu in (
            # In this order: a text links only pages made before it.
            (CaseIndexPage, text.CASE_INDEX, True),
            (ConferenceIndexPage, text.CONFERENCE_INDEX, True),
            (PromotionCatalogPage, text.PROMOTION_PAGE, False),
        ):
            page, outcome = sync_page(
                home,
                model,
                spec["slug"],
                {
                    "title": spec["title"],
                    "intro": links.resolve(spec["intro"]),
                    "search_description": spec["search_description"],
                    "show_in_menus": in_menu,
                },
            )
            sections[spec["slug"]] = page
            record("pages", page, outcome)

        pool = _Pool(zh, terms)
        _sync_cases(the_plan, sections["cases"], terms, pool, record)
        progress(
            "cases: {} created, {} updated, {} unchanged".format(
                *(outcomes[f"cases {o}"] for o in ("created", "updated", "unchanged"))
            )
        )

        annual_lists = {
            page.year: page.pk
            for page in AnnualListPage.objects.filter(locale=zh, alias_of__isnull=True)
            .order_by("-path")
            .only("pk", "year")
        }
        for spec in text.CONFERENCES:
            year = spec["year"]
            counts = {"cases": the_plan.count(year), "promotions": the_plan.promoted(year)}
            page, outcome = sync_page(
                sections["conferences"],
                ConferencePage,
                spec["slug"],
                {
                    "title": spec["title"],
                    "year": year,
                    "date": datetime.date(*spec["date"]),
                    "place": spec["place"],
                    "intro": links.resolve(spec["intro"].format(**counts)),
                    "agenda": spec["agenda"],
                    "annual_list_id": annual_lists.get(year),
                },
            )
            record("conferences", page, outcome)

        _sync_promotions(the_plan, pilots, pool, terms, outcomes)
        aliases = (
            create_english_aliases(created_pages, prepare=compute_derived_fields)
            if created_pages
            else 0
        )
        progress(f"{aliases} English aliases created")
    progress(f"search and reference index updated for {getattr(deferred, 'count', 0)} pages")

    return {
        "cases": len(the_plan.cases),
        "cases created": outcomes["cases created"],
        "cases updated": outcomes["cases updated"],
        "conferences created or updated": outcomes["conferences created"]
        + outcomes["conferences updated"],
        "other pages created or updated": outcomes["pages created"] + outcomes["pages updated"],
        "pilot zones created": outcomes["pilots created"],
        "promotions": sum(p.count for p in the_plan.promotions),
        "promotions created or updated": outcomes["promotions created"]
        + outcomes["promotions updated"],
        "english aliases": aliases,
    }


class _Links:
    """Resolves ``[[path|text]]`` in the texts to page links; ``path`` is slugs below the home
    page (``annual-lists/2025``). A page that does not exist leaves plain text."""

    PATTERN = re.compile(r"\[\[([a-z0-9/-]+)\|([^\]]+)\]\]")

    def __init__(self, home):
        self.home = home

    def page_id(self, path: str) -> int | None:
        page = self.home
        for slug in path.split("/"):
            page = page.get_children().filter(slug=slug).first()
            if page is None:
                return None
        return page.pk

    def resolve(self, value: str) -> str:
        def link(match: re.Match) -> str:
            page_id = self.page_id(match[1])
            if page_id is None:
                return match[2]
            return f'<a linktype="page" id="{page_id}">{match[2]}</a>'

        return self.PATTERN.sub(link, value)


def _sync_pilots(terms: Terms, outcomes: Outcome) -> dict[str, PilotZone]:
    """The pilots in Chinese and English (twins share a translation key and a slug)."""
    zh = Locale.get_default()
    en = Locale.objects.filter(language_code="en").first()
    pilots = {}
    for order, spec in enumerate(text.PILOTS, start=1):
        key = uuid.uuid5(PILOT_KEY_NAMESPACE, f"pilot:{spec.slug}")
        region = terms.regions[spec.region]
        versions = [(zh, spec.name, spec.description, region)]
        if en is not None:
            english_region = Region.objects.filter(
                locale=en, translation_key=region.translation_key
            ).first()
            versions.append((en, spec.name_en, spec.description_en, english_region))
        for locale, name, description, place in versions:
            wanted = {
                "name": name,
                "kind": spec.kind,
                "region_id": place.pk if place else None,
                "description": description,
                "sort_order": order,
            }
            row = PilotZone.objects.filter(locale=locale, slug=spec.slug).first()
            if row is None:
                row = PilotZone.objects.create(
                    locale=locale, slug=spec.slug, translation_key=key, **wanted
                )
                outcomes.add("pilots", "created")
            elif any(getattr(row, k) != v for k, v in wanted.items()):
                for k, v in wanted.items():
                    setattr(row, k, v)
                row.save()
                outcomes.add("pilots", "updated")
            if locale == zh:
                pilots[spec.slug] = row
    return pilots


def _case_fields(case: CasePlan, terms: Terms) -> dict:
    return {
        "title": case.title,
        "year": case.year,
        "client_name": case.client_name,
        "client_industry_id": terms.industries[case.industry].pk,
        "client_region_id": terms.regions[case.region].pk,
        "client_size": case.size,
        "scenario_id": terms.subtypes[case.scenario].pk if case.scenario else None,
        "category_id": terms.categories[case.category].pk,
        "challenge": case.challenge,
        "approach": case.approach,
        "outcome": case.outcome,
        "referee_name": case.referee_name,
        "referee_phone": case.referee_phone,
    }


def _set_case_relations(page: CasePage, providers, solutions, results) -> None:
    page.providers = providers
    page.solutions = solutions
    page.results = [
        CaseResult(indicator=i, before=b, after=a, unit=u, sort_order=n)
        for n, (i, b, a, u) in enumerate(results)
    ]


def _sync_cases(the_plan: Plan, index, terms: Terms, pool: _Pool, record) -> None:
    existing = {
        (page.year, page.title): page
        for page in CasePage.objects.child_of(index).filter(alias_of__isnull=True)
    }
    ids = [page.pk for page in existing.values()]
    m2m = {name: through_ids(CasePage, name, ids) for name in ("providers", "solutions")}
    results = defaultdict(list)
    for page_id, *values in (
        CaseResult.objects.filter(page_id__in=ids)
        .order_by("sort_order", "pk")
        .values_list("page_id", "indicator", "before", "after", "unit")
    ):
        results[page_id].append(tuple(values))
    taken_slugs = set(index.get_children().values_list("slug", flat=True))

    # New cases are written in bulk, as the catalogue's demo writes its new pages.
    new_pages = []
    for case in the_plan.cases:
        fields = _case_fields(case, terms)
        providers, solutions = pool.assign(case)
        wanted_results = [(r.indicator, r.before, r.after, r.unit) for r in case.results]
        page = existing.get((case.year, case.title))
        if page is None:
            slug, suffix = case.slug, 1
            while slug in taken_slugs:
                suffix += 1
                slug = f"{case.slug}-{suffix}"
            taken_slugs.add(slug)
            page = CasePage(live=False, slug=slug, locale=index.locale, **fields)
            _set_case_relations(page, providers, solutions, wanted_results)
            new_pages.append((index, page))
            continue
        same = (
            is_current(page)
            and all(getattr(page, k) == v for k, v in fields.items())
            and m2m["providers"].get(page.pk, frozenset()) == {p.pk for p in providers}
            and m2m["solutions"].get(page.pk, frozenset()) == {s.pk for s in solutions}
            and results[page.pk] == wanted_results
        )
        if same:
            record("cases", page, "unchanged")
            continue
        page = CasePage.objects.get(pk=page.pk)
        for k, v in fields.items():
            setattr(page, k, v)
        _set_case_relations(page, providers, solutions, wanted_results)
        page.save_revision().publish()
        record("cases", page, "updated")
    for page in create_pages(new_pages, publish=True, log_revision=False):
        record("cases", page, "created")


def _promotion_note(rng: random.Random, pilot: text.PilotText, solution) -> str:
    note = rng.choice(pilot.notes)
    tail = rng.choice(text.PROMOTION_NOTE_TAILS.get(solution.deployment_mode, ("",)))
    if solution.is_xkqz and rng.random() < 0.5:
        tail = "“小快轻准”型产品，" + tail
    return f"{note}；{tail}。" if tail else f"{note}。"


def _sync_promotions(the_plan: Plan, pilots, pool: _Pool, terms: Terms, outcomes) -> None:
    specs = {spec.slug: spec for spec in text.PILOTS}
    existing = {
        (p.solution_id, p.pilot_id, p.year): p
        for p in Promotion.objects.filter(pilot__in=list(pilots.values()))
    }
    for promotion in the_plan.promotions:
        spec, pilot = specs[promotion.pilot], pilots[promotion.pilot]
        local = random.Random(promotion.seed)
        industries = {terms.industries[slug].pk for slug in spec.industries}
        categories = {terms.categories[slug].pk for slug in spec.categories}
        candidates = list(pool.solutions)
        weights = [
            1.0
            + 3 * s.is_xkqz
            + 2 * bool(industries & pool.solution_industries.get(s.pk, frozenset()))
            + (s.category_id in categories)
            + 0.5 * s.is_standardised
            for s in candidates
        ]
        chosen, providers = [], set()
        while candidates and len(chosen) < promotion.count:
            i = _pick_index(weights, local.random())
            solution = candidates.pop(i)
            weights.pop(i)
            if solution.pool_provider.pk in providers:  # one solution per provider and list
                continue
            providers.add(solution.pool_provider.pk)
            chosen.append(solution)
        for solution in chosen:
            note = _promotion_note(local, spec, solution)
            row = existing.get((solution.pk, pilot.pk, promotion.year))
            if row is None:
                Promotion.objects.create(
                    solution=solution, pilot=pilot, year=promotion.year, note=note
                )
                outcomes.add("promotions", "created")
            elif row.note != note:
                row.note = note
                row.save(update_fields=["note"])
                outcomes.add("promotions", "updated")
