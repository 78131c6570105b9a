"""Demo data for the catalogue: a realistic provider pool (``manage.py load_demo_data``).

Creates, under the Chinese home page, the directory pages 服务商名录 (/providers/), 解决方案
(/solutions/), 年度名单 (/annual-lists/) and 名单说明 (/about-the-list/); some 310 providers in
all ten categories, all 16 Shandong cities and five cities elsewhere, with about 680 solutions;
two years of monthly batches; grades, status timelines (rectification, removal, restoration);
one blacklist entry; and the 2025 annual list of quality providers. The texts are composed from
the pools in :mod:`catalogue.demo_text`.

How it stays reproducible and idempotent:

* :func:`plan` decides everything — names, texts, dates, grades — from ``rng`` alone, before
  the database is read, so the same seed gives the same plan whatever the database holds. Dates
  are fixed (the demo's "today" is late November 2026), never ``date.today()``.
* :func:`generate` then brings the database to the plan through natural keys: a provider by its
  USCC (``make_uscc(n)``), a solution by its slug under its provider, a batch by year and
  number, a blacklist entry by USCC, the other pages by slug under their parent. A page is saved
  and published only when it is new or differs from the plan, so a second run writes nothing
  and creates no revisions. Running it over editors' changes puts the demo content back.

Speed: page saves normally update the search index and Wagtail's reference index on every save
(three saves per published page, plus its English alias). During the bulk work both are
deferred, and the pages that were created or changed (and their aliases) are indexed once at the
end, in bulk — see :class:`DeferredIndexing`. English aliases are created once for all new pages
at the end, with a few statements per tree level (``portal.translation.create_english_aliases``):
one by one through Wagtail they were about 40 % of a first run. New providers and solutions are
written as the workbook import writes its pages (:func:`catalogue.bulk.create_pages`, which
stores what ``add_child`` and ``publish`` store): with a ``publish`` per page this part of a
first run took 24 s on SQLite, and 5 s so.
"""

from __future__ import annotations

import datetime
import logging
import random
import re
import time
import uuid
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.management.base import CommandError
from wagtail.models import Locale, Page

from portal.identifiers import make_uscc
from portal.models import HomePage, StandardPage
from portal.translation import create_english_aliases

from . import demo_text as text
from .bulk import DeferredIndexing, compute_derived_fields, create_pages
from .models import (
    AnnualListEntry,
    AnnualListIndexPage,
    AnnualListPage,
    Batch,
    BlacklistEntry,
    Category,
    Grade,
    Industry,
    ProviderGrade,
    ProviderIndexPage,
    ProviderPage,
    Region,
    SolutionIndexPage,
    SolutionPage,
    Status,
    StatusChange,
    Subtype,
    fair_key,
)

ORDER = 10

logger = logging.getLogger(__name__)

PROVIDER_COUNT = 310
OUTSIDE_COUNTS = {"beijing": 5, "shanghai": 5, "nanjing": 5, "hangzhou": 5, "shenzhen": 5}
MIN_PER_CITY = 4
MIN_PER_CATEGORY = 10
MIN_SOLUTIONS = 650
BLACKLIST_USCC_SEED = 900_001
# Monthly batches: (year, number) → relative size. The first batch of the programme is the
# largest; later months are steadier.
BATCH_WEIGHTS = {
    **{(2025, n): w for n, w in enumerate([34, 22, 20, 18, 16, 16, 14, 14, 14, 12, 12, 10], 1)},
    **{(2026, n): w for n, w in enumerate([12, 12, 10, 10, 10, 10, 9, 9, 8, 8], 1)},
}  # fmt: skip
# The 2025 grading covers providers selected by September 2025; results in January 2026.
GRADED_2025_UP_TO_BATCH = 9
GRADES_2025_PUBLISHED = datetime.date(2026, 1, 16)
GRADES_2026_PUBLISHED = datetime.date(2026, 9, 18)
REGION_KEY_NAMESPACE = uuid.UUID("6f1c9a52-2f57-4c6b-9a0e-5b8e8f3c2d11")


# ---------------------------------------------------------------------------------------------
# The plan (pure: rng in, data out)
# ---------------------------------------------------------------------------------------------


@dataclass
class SolutionPlan:
    slug: str
    title: str
    category: str
    industries: tuple[str, ...]
    scenarios: str
    deployment_mode: str
    reference_price: Decimal | None
    is_xkqz: bool
    is_standardised: bool
    description: str
    features: str


@dataclass
class ProviderPlan:
    number: int
    uscc: str
    title: str
    slug: str
    region: str
    address: str
    website: str
    contact_name: str
    contact_phone: str
    categories: tuple[str, ...]
    subtypes: tuple[str, ...]
    industries: tuple[str, ...]
    introduction: str
    designer_count: int
    batch: tuple[int, int]
    grades: list[tuple[int, str, Decimal, str]] = field(default_factory=list)
    changes: list[tuple[datetime.date, str, str, datetime.date | None]] = field(
        default_factory=list
    )
    solutions: list[SolutionPlan] = field(default_factory=list)
    # Planning aids, not stored
    core: str = ""
    short: str = ""
    products: tuple[str, ...] = ()


@dataclass
class BatchPlan:
    year: int
    number: int
    review_date: datetime.date
    published_on: datetime.date
    note: str


@dataclass
class Plan:
    providers: list[ProviderPlan]
    batches: list[BatchPlan]
    annual_entries: list[tuple[int, str, str, str]]  # provider number, category, grade, note
    blacklist: dict[str, Any]


_RANGE = re.compile(r"\{(\d+)-(\d+)\}")


def fill(template: str, rng: random.Random) -> str:
    """Replace each ``{lo-hi}`` by a random integer in that range."""
    return _RANGE.sub(lambda m: str(rng.randint(int(m[1]), int(m[2]))), template)


def compose(template: str, rng: random.Random, **context) -> str:
    return fill(template, rng).format(**context)


def apportion(weights: dict, total: int, minimum: int) -> dict:
    """Split ``total`` over the keys in proportion to ``weights``, each getting at least
    ``minimum`` (largest remainders; ties by key order)."""
    keys = list(weights)
    rest = total - minimum * len(keys)
    weight_sum = sum(weights.values())
    exact = {k: rest * weights[k] / weight_sum for k in keys}
    counts = {k: minimum + int(exact[k]) for k in keys}
    leftover = total - sum(counts.values())
    by_remainder = sorted(keys, key=lambda k: (-(exact[k] - int(exact[k])), keys.index(k)))
    for k in by_remainder[:leftover]:
        counts[k] += 1
    return counts


def weighted(rng: random.Random, options: dict):
    keys = list(options)
    return rng.choices(keys, weights=[options[k] for k in keys])[0]


def sample_in_order(rng: random.Random, pool, k: int) -> list:
    """k items of the pool, keeping the pool's order."""
    pool = list(pool)
    chosen = set(rng.sample(range(len(pool)), min(k, len(pool))))
    return [item for i, item in enumerate(pool) if i in chosen]


def _unique(items) -> list:
    return list(dict.fromkeys(items))


def _brand_cores(rng: random.Random) -> list[tuple[str, str]]:
    composed = [
        (a + b, pa + pb) for a, pa in text.CORE_FIRST for b, pb in text.CORE_SECOND if a != b
    ]
    rng.shuffle(composed)
    seen: set[str] = set()
    cores = []
    for core, pinyin in [*text.CURATED_CORES, *composed]:
        if core not in seen:
            seen.add(core)
            cores.append((core, pinyin))
    return cores


def _region_info(slug: str):
    """(City or OtherRegion, is_shandong)."""
    if slug in text.SHANDONG_CITIES:
        return text.SHANDONG_CITIES[slug], True
    return text.OTHER_REGIONS[slug], False


def _service_cities(region_slug: str) -> list[str]:
    """Short names of the Shandong cities a provider serves, its own first."""
    place, shandong = _region_info(region_slug)
    if shandong:
        return [place.short] + [text.SHANDONG_CITIES[n].short for n in place.neighbours]
    branch = text.SHANDONG_CITIES[place.branch_city]
    return [branch.short] + [text.SHANDONG_CITIES[n].short for n in branch.neighbours]


def office_phone(rng: random.Random, region_slug: str) -> str:
    place, shandong = _region_info(region_slug)
    code = place.area_code
    digits = place.digits if shandong else 8
    first = "8" if code in {"0531", "0532"} else rng.choice("5688")
    return f"{code}-{first}{''.join(rng.choice('0123456789') for _ in range(digits - 1))}"


def _address(rng: random.Random, region_slug: str) -> tuple[str, str]:
    """(address, district)."""
    place, shandong = _region_info(region_slug)
    districts = place.districts if shandong else place.district_roads
    district = rng.choice(list(districts))
    road = rng.choice(districts[district])
    address = f"{place.name}{district}{road}{rng.randint(2, 30) * rng.choice([1, 1, 10, 50])}号"
    roll = rng.random()
    if roll < 0.4:
        address += f"{rng.choice(text.BUILDINGS)}{rng.choice('ABCDEF')}座{rng.randint(2, 22)}层"
    elif roll < 0.7:
        address += f"{rng.randint(2, 28)}层"
    return address, district


def plan(rng: random.Random) -> Plan:
    """Decide the whole demo pool from the random generator."""
    n = PROVIDER_COUNT
    shandong_total = n - sum(OUTSIDE_COUNTS.values())
    region_counts = {
        **apportion(text.CITY_WEIGHTS, shandong_total, MIN_PER_CITY),
        **OUTSIDE_COUNTS,
    }
    regions = [slug for slug, count in region_counts.items() for _ in range(count)]
    rng.shuffle(regions)
    category_counts = apportion(text.CATEGORY_WEIGHTS, n, MIN_PER_CATEGORY)
    primaries = [slug for slug, count in category_counts.items() for _ in range(count)]
    rng.shuffle(primaries)
    batch_counts = apportion(BATCH_WEIGHTS, n, 4)
    batch_keys = [key for key, count in batch_counts.items() for _ in range(count)]
    rng.shuffle(batch_keys)

    batches = _plan_batches(rng, batch_counts)
    batch_dates = {(b.year, b.number): b for b in batches}
    cores = iter(_brand_cores(rng))
    names: set[str] = {text.BLACKLIST["name"]}
    slugs: set[str] = set()

    providers = []
    for i in range(n):
        provider = _plan_provider(
            rng,
            number=i + 1,
            region=regions[i],
            primary=primaries[i],
            batch=batch_keys[i],
            cores=cores,
            names=names,
            slugs=slugs,
        )
        batch = batch_dates[provider.batch]
        applied_on = datetime.date(batch.year, batch.number, rng.randint(1, 28))
        categories = "、".join(_category_name(c) for c in provider.categories)
        provider.changes = [
            (
                applied_on,
                Status.APPLIED,
                rng.choice(text.APPLIED_REASONS).format(categories=categories),
                None,
            ),
            (
                batch.published_on,
                Status.SELECTED,
                rng.choice(text.SELECTED_REASONS).format(
                    batch=f"{batch.year}年第{batch.number}批", categories=categories
                ),
                None,
            ),
        ]
        providers.append(provider)

    _top_up_solutions(rng, providers)
    _plan_grades_and_stories(rng, providers)
    annual_entries = _plan_annual_list(rng, providers)
    for b in batches:
        b.note = text.BATCH_NOTE.format(
            name=f"{b.year}年第{b.number}批",
            year=b.year,
            month=b.number,
            count=batch_counts[(b.year, b.number)],
        )
    start = datetime.date(*text.BLACKLIST["start_date"])
    blacklist = {
        "uscc": make_uscc(BLACKLIST_USCC_SEED),
        "name": text.BLACKLIST["name"],
        "reason": text.BLACKLIST["reason"],
        "start_date": start,
        "end_date": BlacklistEntry.default_end_date(start),
    }
    return Plan(providers, batches, annual_entries, blacklist)


def _plan_batches(rng: random.Random, batch_counts: dict) -> list[BatchPlan]:
    batches = []
    for year, number in batch_counts:
        # Applications of month M are reviewed before the 15th of month M+1.
        review_year, review_month = (year + 1, 1) if number == 12 else (year, number + 1)
        review = datetime.date(review_year, review_month, rng.randint(6, 14))
        published = review + datetime.timedelta(days=rng.randint(4, 9))
        batches.append(BatchPlan(year, number, review, published, note=""))
    return batches


_CATEGORY_NAMES = {
    "evaluation": "数字化评测服务商", "consulting": "数字化咨询服务商",
    "operations": "数字化运营服务商", "rnd": "数字化研发服务商",
    "production": "数字化生产服务商", "infrastructure": "数字化基建服务商",
    "equipment": "数字化设备服务商", "technology": "数字化技术服务商",
    "comprehensive": "数字化综合服务商", "brand-design": "数字化品牌设计服务商",
}  # fmt: skip
_SUBTYPES_OF = defaultdict(list)
for _slug, _subtype in text.SUBTYPE_TEXT.items():
    if _slug != _subtype.category:  # categories without subtypes key themselves
        _SUBTYPES_OF[_subtype.category].append(_slug)


def _category_name(slug: str) -> str:
    return _CATEGORY_NAMES[slug]


def _plan_provider(rng, *, number, region, primary, batch, cores, names, slugs) -> ProviderPlan:
    place, shandong = _region_info(region)

    # Categories and subtypes
    categories = [primary]
    roll = rng.random()
    extra = 2 if roll < 0.08 else 1 if roll < 0.55 else 0
    companions = [c for c in text.CATEGORY_COMPANIONS[primary] if c not in categories]
    categories += rng.sample(companions, min(extra, len(companions)))
    subtypes: list[str] = []
    sources: list[str] = []  # SUBTYPE_TEXT keys whose products the provider offers
    for category in categories:
        options = _SUBTYPES_OF.get(category)
        if not options:
            sources.append(category)
            continue
        k = weighted(rng, {1: 50, 2: 38, 3: 12})
        chosen = sample_in_order(rng, options, k)
        rng.shuffle(chosen)  # the first one leads the introduction
        subtypes += chosen
        sources += chosen

    # Products: those of the leading source first, then a mix of the rest
    candidates = _unique(p for s in sources for p in text.SUBTYPE_TEXT[s].products)
    wanted = weighted(rng, {1: 22, 2: 45, 3: 23, 4: 10})
    lead = list(text.SUBTYPE_TEXT[sources[0]].products)
    first = rng.choice(lead)
    others = [p for p in candidates if p != first]
    products = [first, *rng.sample(others, min(wanted - 1, len(others)))]

    # Industries: local strengths and what its products are for
    local = place.industries if shandong else text.OTHER_REGION_INDUSTRIES[region]
    affinity = _unique(i for p in products for i in text.PRODUCTS[p].industries)
    industries = rng.sample(list(local), rng.randint(1, 2))
    if affinity:
        industries += rng.sample(affinity, min(len(affinity), rng.randint(1, 3)))
    else:
        industries += rng.sample(text.MANUFACTURING, rng.randint(1, 2))
    industries = _unique(industries)[:5]

    # Name
    suffix_pool = text.CATEGORY_SUFFIXES[primary] if rng.random() < 0.7 else text.GENERIC_SUFFIXES
    while True:
        core, pinyin = next(cores)
        if not shandong and any(c in core for c in "鲁齐泰岳"):
            continue  # a Shandong-flavoured brand for a company from elsewhere: skip it
        suffix, suffix_short = rng.choice(suffix_pool)
        if shandong:
            roll = rng.random()
            if roll < 0.52:
                name = f"{place.short}{core}{suffix}"
            elif roll < 0.9:
                name = f"山东{core}{suffix}"
            else:
                name = f"{core}（{place.short}）{suffix}"
        else:
            name = f"{rng.choice(place.prefixes)}{core}{suffix}"
        if name not in names:
            break
    names.add(name)
    slug = f"{pinyin}-{region}"
    while slug in slugs:
        slug += "-2"
    slugs.add(slug)
    short = f"{core}{suffix_short}"

    address, district = _address(rng, region)
    provider = ProviderPlan(
        number=number,
        uscc=make_uscc(number),
        title=name,
        slug=slug,
        region=region,
        address=address,
        website=f"https://www.{slug}.example.cn" if rng.random() < 0.85 else "",
        contact_name=rng.choice(text.SURNAMES) + rng.choice(text.CONTACT_TITLES),
        contact_phone=office_phone(rng, region),
        categories=tuple(categories),
        subtypes=tuple(subtypes),
        industries=tuple(industries),
        introduction="",
        designer_count=0,
        batch=batch,
        core=core,
        short=short,
        products=tuple(products),
    )
    provider.introduction, provider.designer_count = _introduction(
        rng, provider, place, shandong, district, sources
    )
    provider.solutions = [_plan_solution(rng, provider, key) for key in products]
    return provider


def _introduction(rng, provider: ProviderPlan, place, shandong, district, sources):
    primary = provider.categories[0]
    lead = text.SUBTYPE_TEXT[sources[0]]
    service = _service_cities(provider.region)
    area = place.area if shandong else text.SHANDONG_CITIES[place.branch_city].area
    year = rng.choice(range(2003, 2022)) if rng.random() < 0.8 else rng.randint(1998, 2023)
    context = {
        "name": provider.title,
        "short": provider.short,
        "year": year,
        "city": place.name,
        "district": district,
        "focus": rng.choice(lead.focus),
        "kind": rng.choice(text.CATEGORY_KINDS[primary]),
        "area": area,
    }
    openings = text.OPENINGS if shandong else text.OPENINGS_OUTSIDE
    first = [compose(rng.choice(openings), rng, **context)]
    offers = _unique(rng.choice(text.SUBTYPE_TEXT[s].offers) for s in sources[:3])
    first.append(offers[0])

    middle = []
    if len(offers) > 1 and rng.random() < 0.7:
        middle.append(offers[1])
    if rng.random() < 0.8:
        honours = rng.sample(
            text.HONOURS if shandong else text.HONOURS_OUTSIDE, rng.choice([1, 1, 2])
        )
        cert_pool = list(text.CERTIFICATIONS)
        for category in provider.categories:
            cert_pool += text.CATEGORY_CERTIFICATIONS.get(category, ())
        certs = rng.sample(_unique(cert_pool), rng.randint(1, 3))
        middle.append(
            compose(
                rng.choice(text.QUALIFICATION_SENTENCES),
                rng,
                honours="、".join(honours),
                certs="、".join(certs),
                softwares=rng.randint(8, 120),
                patents=rng.randint(1, 18),
            )
        )
    staff = rng.randint(18, 90) if rng.random() < 0.5 else rng.randint(90, 480)
    designers = 0 if rng.random() < 0.15 else rng.randint(1, max(2, min(25, staff // 8)))
    if rng.random() < 0.85:
        clause = (
            compose(rng.choice(text.DESIGNER_CLAUSES), rng, designers=designers)
            if designers
            else ""
        )
        middle.append(
            compose(
                rng.choice(text.TEAM_SENTENCES),
                rng,
                staff=staff,
                ratio=rng.randint(55, 85),
                designers=clause,
                origin=rng.choice(text.TEAM_ORIGINS),
                technical=int(staff * rng.uniform(0.5, 0.8)),
                origin_sentence=f"核心团队来自{rng.choice(text.TEAM_ORIGINS)}",
                designers_sentence=clause + "。",
            ).replace("，。", "。")
        )
    rng.shuffle(middle)

    last = []
    industry_names = [text.INDUSTRY_TEXT[i].short for i in provider.industries]
    template = rng.choice(text.CLIENT_SENTENCES)
    # A sentence about one industry names clients of that industry.
    client_industries = provider.industries[:1] if "{industry}" in template else provider.industries
    clients = _clients(rng, client_industries, service, rng.randint(2, 3))
    if rng.random() < 0.9:
        last.append(
            compose(
                template,
                rng,
                industries="、".join(industry_names[:3]),
                industry=industry_names[0],
                clients_count=rng.choice([30, 50, 80, 100, 120, 150, 200, 300, 500]),
                projects=rng.choice([20, 40, 60, 100, 150, 200, 300]),
                clients="、".join(clients),
                client=clients[0],
                term=text.PRODUCTS[provider.products[0]].term,
            )
        )
    if not shandong:
        last.append(
            compose(
                rng.choice(text.LOCAL_SENTENCES_OUTSIDE),
                rng,
                branch_year=rng.randint(max(year + 1, 2012), 2024),
                branch_city=service[0] + "市",
                crew=rng.randint(6, 40),
                cities="、".join(service[:3]),
            )
        )
    elif rng.random() < 0.75:
        last.append(
            compose(
                rng.choice(text.LOCAL_SENTENCES),
                rng,
                cities="、".join(service[1 : 1 + rng.randint(1, 3)]),
                area=area,
                hours=rng.choice([2, 4, 4, 8, 24]),
                crew=rng.randint(8, 60),
                city=place.short,
            )
        )
    if rng.random() < 0.5:
        last.append(compose(rng.choice(text.CLOSINGS), rng, industry=industry_names[0]))

    paragraphs = ["".join(first + middle), "".join(last)]
    return "\n\n".join(p for p in paragraphs if p), designers


def _clients(rng, industries, service: list[str], k: int) -> list[str]:
    """k anonymised clients ("淄博某陶瓷企业") in the industries and the served cities."""
    clients = []
    for _ in range(k * 3):
        industry = text.INDUSTRY_TEXT[rng.choice(industries)]
        client = rng.choice(service[:3]) + rng.choice(industry.clients)
        if client not in clients:
            clients.append(client)
        if len(clients) == k:
            break
    return clients


_MODES = {"s": "saas", "p": "private", "h": "hybrid"}


def _price(rng: random.Random, low: float, high: float) -> Decimal:
    value = low + (high - low) * rng.random() ** 1.6
    if value < 1:
        return Decimal(f"{value:.2f}")
    if value < 10:
        return Decimal(f"{value:.1f}")
    return Decimal(round(value * 2) / 2).quantize(Decimal("0.1"))


def _plan_solution(rng: random.Random, provider: ProviderPlan, key: str) -> SolutionPlan:
    product = text.PRODUCTS[key]
    category = next(
        s.category
        for slug, s in text.SUBTYPE_TEXT.items()
        if key in s.products
        and s.category in provider.categories
        and (slug in provider.subtypes or slug == s.category)
    )
    industries = [i for i in provider.industries if i in product.industries] or list(
        provider.industries
    )
    industries = industries[: rng.randint(1, 3)]
    industry = text.INDUSTRY_TEXT[rng.choice(industries)]
    title = rng.choice(product.names).format(b=provider.core, i=industry.short)
    mode = _MODES[rng.choice(product.modes)] if product.modes else ""
    if not product.modes:
        noun = "服务"
    else:
        noun = rng.choice(
            ["解决方案", "产品"] if "系统" in product.term else ["解决方案", "产品", "系统"]
        )
    is_xkqz = rng.random() < product.xkqz
    is_standardised = rng.random() < (0.7 if mode == "saas" or is_xkqz else 0.4)
    service = _service_cities(provider.region)

    sentences = [
        compose(
            rng.choice(
                text.SOLUTION_OPENINGS + text.SOLUTION_OPENINGS_PAIN
                if product.industries
                else text.SOLUTION_OPENINGS
            ),
            rng,
            title=title,
            short=provider.short,
            audience=industry.audience,
            pain=rng.choice(industry.pains),
            term=product.term,
            noun=noun,
            what=product.what,
            industry=industry.short,
        )
    ]
    features = sample_in_order(rng, product.features, rng.randint(4, 7))
    highlighted = sample_in_order(rng, features, rng.randint(3, 4))
    scenarios = sample_in_order(rng, product.scenarios, rng.randint(2, 3))
    sentences.append(
        compose(
            rng.choice(text.SOLUTION_FEATURES if product.modes else text.SERVICE_FEATURES),
            rng,
            features="、".join(highlighted),
            noun=noun if noun != "服务" else "服务内容",
            scenario="、".join(scenarios[:2]),
        )
    )
    tail = []
    if product.details and rng.random() < 0.75:
        tail.append(rng.choice(product.details))
    tail.append(compose(rng.choice(text.SOLUTION_DEPLOYMENT[mode]), rng, short=provider.short))
    rng.shuffle(tail)
    sentences += tail
    clients = _clients(rng, industries, service, 1)
    sentences.append(
        compose(
            rng.choice(text.SOLUTION_CASES),
            rng,
            client=clients[0],
            cities="、".join(service[: rng.randint(2, 3)]),
            count=rng.choice([10, 15, 20, 30, 50, 80, 100, 150]),
            benefit=fill(rng.choice(product.benefits), rng),
        )
    )
    if is_xkqz:
        sentences.append(fill(rng.choice(text.SOLUTION_XKQZ), rng))
    elif is_standardised and rng.random() < 0.6:
        sentences.append(rng.choice(text.SOLUTION_STANDARDISED))

    price = None if rng.random() < 0.12 else _price(rng, *product.price)
    return SolutionPlan(
        slug=key,
        title=title,
        category=category,
        industries=tuple(industries),
        scenarios="、".join(scenarios),
        deployment_mode=mode,
        reference_price=price,
        is_xkqz=is_xkqz,
        is_standardised=is_standardised,
        description="".join(sentences),
        features="\n".join(features),
    )


def _top_up_solutions(rng: random.Random, providers: list[ProviderPlan]) -> None:
    """Make sure the catalogue has at least MIN_SOLUTIONS solutions."""
    total = sum(len(p.solutions) for p in providers)
    order = list(providers)
    rng.shuffle(order)
    for provider in order:
        if total >= MIN_SOLUTIONS:
            break
        offered = {s.slug for s in provider.solutions}
        sources = list(provider.subtypes) + [
            c for c in provider.categories if c in text.SUBTYPE_TEXT
        ]
        more = [p for s in sources for p in text.SUBTYPE_TEXT[s].products if p not in offered]
        if more and len(provider.solutions) < 4:
            key = rng.choice(_unique(more))
            provider.products += (key,)
            provider.solutions.append(_plan_solution(rng, provider, key))
            total += 1


def _score(rng: random.Random, grade: str) -> Decimal:
    low, high = {"excellent": (90, 98), "qualified": (70, 89.9), "unqualified": (48, 69.9)}[grade]
    return Decimal(f"{rng.uniform(low, high):.1f}")


def _plan_grades_and_stories(rng: random.Random, providers: list[ProviderPlan]) -> None:
    """Grades for 2025 and (for some) 2026, and the providers whose timeline goes on:
    rectified and restored, removed, or under rectification now."""
    graded = [p for p in providers if p.batch[0] == 2025 and p.batch[1] <= GRADED_2025_UP_TO_BATCH]
    pool = list(graded)
    rng.shuffle(pool)
    removed, restored, rectifying_by_grade = pool[:3], pool[3:5], pool[5:7]
    lost_eligibility = {p.number for p in pool[7 : 7 + max(2, len(graded) // 25)]}
    unqualified_2025 = {p.number for p in removed + restored}
    special = {p.number for p in pool[:7]} | lost_eligibility
    selected_by_june_2026 = [
        p
        for p in providers
        if p.number not in special and p.changes[1][0] < datetime.date(2026, 6, 1)
    ]
    rectifying_other = rng.sample(selected_by_june_2026, 3)
    special |= {p.number for p in rectifying_other}

    def grade_note(grade: str) -> str:
        return rng.choice(text.GRADE_NOTES[grade])

    for provider in graded:
        if provider.number in lost_eligibility:  # 取消当年评级评价资格: no 2025 grade
            continue
        if provider.number in unqualified_2025:
            grade = Grade.UNQUALIFIED
        else:
            grade = Grade.EXCELLENT if rng.random() < 0.18 else Grade.QUALIFIED
        provider.grades.append((2025, grade, _score(rng, grade), grade_note(grade)))

    # 2026: the results published so far (September 2026) cover part of the pool.
    restored_numbers = {p.number for p in restored}
    by_grade_numbers = {p.number for p in rectifying_by_grade}
    for provider in graded:
        if provider.number in by_grade_numbers:
            grade = Grade.UNQUALIFIED
        elif provider.number in restored_numbers or (
            provider.number not in special and rng.random() < 0.4
        ):
            grade = Grade.EXCELLENT if rng.random() < 0.22 else Grade.QUALIFIED
        else:
            continue
        provider.grades.append((2026, grade, _score(rng, grade), grade_note(grade)))

    def day(month: int, low: int, high: int) -> datetime.date:
        return datetime.date(2026, month, rng.randint(low, high))

    after_grade = datetime.date(2026, 4, 30)
    for index, provider in enumerate(removed):
        provider.changes += [
            (day(1, 19, 23), Status.RECTIFYING, text.RECTIFY_AFTER_GRADE, after_grade),
            (day(5, 18, 29), Status.REMOVED, text.REMOVED_REASONS[index], None),
        ]
    for provider in restored:
        provider.changes += [
            (day(1, 19, 23), Status.RECTIFYING, text.RECTIFY_AFTER_GRADE, after_grade),
            (day(5, 11, 20), Status.SELECTED, text.RESTORED_REASON, None),
        ]
    # Under rectification now (late November 2026): deadlines still ahead.
    for provider in rectifying_by_grade:
        provider.changes.append(
            (day(9, 22, 28), Status.RECTIFYING, text.RECTIFY_REASONS_OTHER[3],
             datetime.date(2026, 12, 31))
        )  # fmt: skip
    starts = [(7, datetime.date(2026, 12, 31)), (9, datetime.date(2027, 1, 31)),
              (10, datetime.date(2027, 2, 28))]  # fmt: skip
    for index, provider in enumerate(rectifying_other):
        month, deadline = starts[index]
        provider.changes.append(
            (day(month, 3, 26), Status.RECTIFYING, text.RECTIFY_REASONS_OTHER[index], deadline)
        )


def _plan_annual_list(rng: random.Random, providers: list[ProviderPlan]):
    excellent, qualified = [], []
    for provider in providers:
        grade_2025 = next((g for y, g, *_ in provider.grades if y == 2025), None)
        if grade_2025 == Grade.EXCELLENT:
            excellent.append(provider)
        elif grade_2025 == Grade.QUALIFIED and provider.changes[-1][1] == Status.SELECTED:
            qualified.append(provider)
    chosen = excellent + rng.sample(qualified, min(len(qualified), 12))
    category_order = list(_CATEGORY_NAMES)
    chosen.sort(key=lambda p: (category_order.index(p.categories[0]), fair_key(p.uscc)))
    entries = []
    for provider in chosen:
        grade = Grade.EXCELLENT if provider in excellent else Grade.QUALIFIED
        entries.append(
            (
                provider.number,
                provider.categories[0],
                grade,
                rng.choice(text.ANNUAL_LIST_NOTES[grade]),
            )
        )  # fmt: skip
    return entries


# ---------------------------------------------------------------------------------------------
# Deferred indexing
# ---------------------------------------------------------------------------------------------

# ---------------------------------------------------------------------------------------------
# Writing the plan
# ---------------------------------------------------------------------------------------------


class Outcome(Counter):
    def add(self, kind: str, outcome: str) -> None:
        self[f"{kind} {outcome}"] += 1


def generate(*, rng: random.Random, stdout) -> dict[str, int]:
    started = time.perf_counter()

    def progress(message: str) -> None:
        stdout.write(f"  [{time.perf_counter() - started:5.1f}s] {message}")

    the_plan = plan(rng)
    solution_total = sum(len(p.solutions) for p in the_plan.providers)
    progress(f"planned {len(the_plan.providers)} providers, {solution_total} solutions")

    with quiet_page_logging():
        return _write(the_plan, solution_total, progress)


@contextmanager
def quiet_page_logging():
    """Wagtail logs one INFO line per page created, published and aliased: thousands of lines
    that would bury the progress report. Only that console chatter is muted during the bulk
    work; the audit log (PageLogEntry rows) is written as usual."""
    wagtail_logger = logging.getLogger("wagtail")
    level = wagtail_logger.level
    if wagtail_logger.getEffectiveLevel() < logging.WARNING:
        wagtail_logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        wagtail_logger.setLevel(level)


def _write(the_plan: Plan, solution_total: int, progress) -> dict[str, int]:
    zh = Locale.get_default()
    home = HomePage.objects.get(locale=zh)
    outcomes = Outcome()
    regions_created = _ensure_other_regions()
    terms = Terms(zh)
    batches = _sync_batches(the_plan.batches, outcomes)
    _sync_blacklist(the_plan.blacklist, outcomes)

    created_pages: list[Page] = []
    with DeferredIndexing() as deferred:

        def record(kind: str, page, outcome: str) -> None:
            outcomes.add(kind, outcome)
            if outcome == "created":
                created_pages.append(page)
            if outcome != "unchanged":
                deferred.touch(page)

        sections = {}
        for model, spec in (
            (ProviderIndexPage, text.PROVIDER_INDEX),
            (SolutionIndexPage, text.SOLUTION_INDEX),
            (AnnualListIndexPage, text.ANNUAL_INDEX),
        ):
            page, outcome = sync_page(
                home,
                model,
                spec["slug"],
                {
                    "title": spec["title"],
                    "intro": spec["intro"],
                    "search_description": spec["search_description"],
                    "show_in_menus": True,
                },
            )
            sections[spec["slug"]] = page
            record("pages", page, outcome)

        provider_pages = _sync_providers(
            the_plan, sections["providers"], terms, batches, record, progress
        )
        progress(
            "providers: {} created, {} updated, {} unchanged; solutions: {} created, "
            "{} updated, {} unchanged".format(
                *(
                    outcomes[f"{kind} {outcome}"]
                    for kind in ("providers", "solutions")
                    for outcome in ("created", "updated", "unchanged")
                )
            )
        )

        entries = [
            {
                "provider_id": provider_pages[number].pk,
                "category_id": terms.categories[category].pk,
                "grade": grade,
                "note": note,
            }
            for number, category, grade, note in the_plan.annual_entries
        ]
        counts = Counter(grade for _, _, grade, _ in the_plan.annual_entries)
        spec = text.ANNUAL_LIST
        page, outcome = sync_page(
            sections["annual-lists"],
            AnnualListPage,
            spec["slug"],
            {
                "title": spec["title"],
                "year": spec["year"],
                "intro": spec["intro"].format(
                    count=len(entries),
                    excellent=counts[Grade.EXCELLENT],
                    qualified=counts[Grade.QUALIFIED],
                ),
            },
            children={"entries": (AnnualListEntry, entries)},
        )
        record("pages", page, outcome)

        links = {child.slug: child.pk for child in home.get_children()}
        links.update({slug: page.pk for slug, page in sections.items()})
        spec = text.ABOUT_LIST
        page, outcome = sync_page(
            home,
            StandardPage,
            spec["slug"],
            {
                "title": spec["title"],
                "intro": spec["intro"],
                "search_description": spec["search_description"],
                "show_in_menus": True,
            },
            body=_stream(spec["slug"], text.ABOUT_LIST_BODY, links),
        )
        record("pages", page, outcome)

        aliases = (
            create_english_aliases(created_pages, prepare=compute_derived_fields)
            if created_pages
            else 0
        )
        progress(f"{aliases} English aliases created")
    progress(f"search and reference index updated for {getattr(deferred, 'count', 0)} pages")

    return {
        "providers": len(provider_pages),
        "providers created": outcomes["providers created"],
        "providers updated": outcomes["providers updated"],
        "solutions": solution_total,
        "solutions created": outcomes["solutions created"],
        "solutions updated": outcomes["solutions updated"],
        "batches": len(batches),
        "batches created or updated": outcomes["batches created"] + outcomes["batches updated"],
        "annual list entries": len(entries),
        "other pages created or updated": outcomes["pages created"] + outcomes["pages updated"],
        "regions created": regions_created,
        "blacklist entries created or updated": outcomes["blacklist created"]
        + outcomes["blacklist updated"],
        "english aliases": aliases,
    }


class Terms:
    """The canonical (default-locale) taxonomy, by slug."""

    def __init__(self, locale):
        def by_slug(model):
            return {term.slug: term for term in model.objects.filter(locale=locale)}

        self.categories = by_slug(Category)
        self.subtypes = by_slug(Subtype)
        self.regions = by_slug(Region)
        self.industries = by_slug(Industry)
        missing = [slug for slug in _CATEGORY_NAMES if slug not in self.categories]
        if missing:
            raise CommandError(f"Categories missing (run migrate first): {', '.join(missing)}")


def _ensure_other_regions() -> int:
    """The cities outside Shandong, in Chinese and English (twins share a translation key)."""
    zh = Locale.objects.get(language_code="zh-hans")
    en = Locale.objects.get(language_code="en")
    created = 0
    for order, region in enumerate(text.OTHER_REGIONS.values(), start=101):
        key = uuid.uuid5(REGION_KEY_NAMESPACE, f"region:{region.slug}")
        for locale, name, province in (
            (zh, region.name, region.province),
            (en, region.name_en, region.province_en),
        ):
            wanted = {"name": name, "province": province, "sort_order": order}
            row = Region.objects.filter(locale=locale, slug=region.slug).first()
            if row is None:
                Region.objects.create(
                    locale=locale, slug=region.slug, translation_key=key, **wanted
                )
                created += 1
            elif any(getattr(row, k) != v for k, v in wanted.items()):
                for k, v in wanted.items():
                    setattr(row, k, v)
                row.save()
    return created


def _sync_batches(batch_plans: list[BatchPlan], outcomes: Outcome) -> dict:
    existing = {(b.year, b.number): b for b in Batch.objects.all()}
    batches = {}
    for b in batch_plans:
        wanted = {"review_date": b.review_date, "published_on": b.published_on, "note": b.note}
        row = existing.get((b.year, b.number))
        if row is None:
            row = Batch.objects.create(year=b.year, number=b.number, **wanted)
            outcomes.add("batches", "created")
        elif any(getattr(row, k) != v for k, v in wanted.items()):
            for k, v in wanted.items():
                setattr(row, k, v)
            row.save()
            outcomes.add("batches", "updated")
        batches[(b.year, b.number)] = row
    return batches


def _sync_blacklist(wanted: dict, outcomes: Outcome) -> None:
    row = BlacklistEntry.objects.filter(uscc=wanted["uscc"]).first()
    if row is None:
        BlacklistEntry.objects.create(**wanted)
        outcomes.add("blacklist", "created")
    elif any(getattr(row, k) != v for k, v in wanted.items()):
        for k, v in wanted.items():
            setattr(row, k, v)
        row.save()
        outcomes.add("blacklist", "updated")


def _provider_fields(p: ProviderPlan, terms: Terms, batches: dict) -> dict:
    return {
        "title": p.title,
        "uscc": p.uscc,
        "region_id": terms.regions[p.region].pk,
        "address": p.address,
        "website": p.website,
        "contact_name": p.contact_name,
        "contact_phone": p.contact_phone,
        "introduction": p.introduction,
        "designer_count": p.designer_count,
        "batch_id": batches[p.batch].pk,
    }


def _solution_fields(s: SolutionPlan, terms: Terms) -> dict:
    return {
        "title": s.title,
        "slug": s.slug,
        "category_id": terms.categories[s.category].pk,
        "scenarios": s.scenarios,
        "deployment_mode": s.deployment_mode,
        "reference_price": s.reference_price,
        "is_xkqz": s.is_xkqz,
        "is_standardised": s.is_standardised,
        "description": s.description,
        "features": s.features,
    }


def through_ids(field_owner, name: str, ids: list[int]) -> dict[int, frozenset]:
    """{page id: frozenset(related ids)} for a ParentalManyToManyField, in one query."""
    through = field_owner._meta.get_field(name).remote_field.through
    source = next(
        f.attname
        for f in through._meta.concrete_fields
        if f.is_relation and f.related_model is field_owner
    )
    target = next(
        f.attname
        for f in through._meta.concrete_fields
        if f.is_relation and f.related_model is not field_owner
    )
    found = defaultdict(set)
    for start in range(0, len(ids), 500):
        rows = through.objects.filter(**{f"{source}__in": ids[start : start + 500]})
        for owner_id, related_id in rows.values_list(source, target):
            found[owner_id].add(related_id)
    return {owner_id: frozenset(related) for owner_id, related in found.items()}


def is_current(page) -> bool:
    return page.live and not page.has_unpublished_changes


def _sync_providers(the_plan: Plan, index, terms: Terms, batches, record, progress) -> dict:
    """Bring providers and their solutions to the plan; returns {number: ProviderPage}."""
    zh = index.locale
    plans = the_plan.providers
    existing = {
        page.uscc: page
        for page in ProviderPage.objects.filter(
            locale=zh, alias_of__isnull=True, uscc__in=[p.uscc for p in plans]
        )
    }
    ids = [page.pk for page in existing.values()]
    m2m = {
        name: through_ids(ProviderPage, name, ids)
        for name in ("categories", "subtypes", "industries")
    }
    grades = defaultdict(list)
    for g in ProviderGrade.objects.filter(provider_id__in=ids).order_by("sort_order", "pk"):
        grades[g.provider_id].append((g.year, g.grade, g.score, g.note))
    changes = defaultdict(list)
    for c in StatusChange.objects.filter(provider_id__in=ids).order_by("sort_order", "pk"):
        changes[c.provider_id].append((c.date, c.status, c.reason, c.deadline))

    solutions, solution_m2m = {}, {}
    if existing:
        solution_rows = list(
            SolutionPage.objects.filter(locale=zh, alias_of__isnull=True).filter(
                path__startswith=index.path
            )
        )
        solution_m2m = through_ids(SolutionPage, "industries", [s.pk for s in solution_rows])
        for s in solution_rows:
            solutions[(s.path[: -Page.steplen], s.slug)] = s

    # A provider's identity is its USCC; its slug is only chosen when the page is created
    # (avoiding the slugs of pages already there) and left alone afterwards.
    taken_slugs = set(index.get_children().values_list("slug", flat=True))
    pages = {}
    # New pages are written in bulk once all are planned, as the workbook import writes them
    # (catalogue.bulk.create_pages): one by one, a first run took half a minute.
    new_providers, new_solutions = [], []
    for position, p in enumerate(plans, start=1):
        fields = _provider_fields(p, terms, batches)
        relations = {
            "categories": [terms.categories[c] for c in p.categories],
            "subtypes": [terms.subtypes[s] for s in p.subtypes],
            "industries": [terms.industries[i] for i in p.industries],
        }
        wanted_grades = [(y, g, s, n) for y, g, s, n in p.grades]
        wanted_changes = [(d, s, r, dl) for d, s, r, dl in p.changes]
        page = existing.get(p.uscc)
        if page is None:
            slug, suffix = p.slug, 1
            while slug in taken_slugs:
                suffix += 1
                slug = f"{p.slug}-{suffix}"
            taken_slugs.add(slug)
            page = ProviderPage(live=False, slug=slug, locale=zh, **fields)
            _set_provider_relations(page, relations, wanted_grades, wanted_changes)
            new_providers.append((index, page))
        else:
            same = (
                is_current(page)
                and all(getattr(page, k) == v for k, v in fields.items())
                and all(
                    m2m[name].get(page.pk, frozenset()) == frozenset(t.pk for t in terms_)
                    for name, terms_ in relations.items()
                )
                and grades[page.pk] == wanted_grades
                and changes[page.pk] == wanted_changes
            )
            if same:
                record("providers", page, "unchanged")
            else:
                page = ProviderPage.objects.get(pk=page.pk)
                for k, v in fields.items():
                    setattr(page, k, v)
                _set_provider_relations(page, relations, wanted_grades, wanted_changes)
                page.save_revision().publish()
                record("providers", page, "updated")
        pages[p.number] = page

        for s in p.solutions:
            new = _sync_solution(page, s, terms, solutions, solution_m2m, record)
            if new is not None:
                new_solutions.append((page, new))
        if position % 50 == 0 or position == len(plans):
            progress(f"providers {position}/{len(plans)} planned")
    for kind, entries in (("providers", new_providers), ("solutions", new_solutions)):
        for start in range(0, len(entries), 500):
            created = create_pages(entries[start : start + 500], publish=True, log_revision=False)
            for page in created:
                record(kind, page, "created")
        if entries:
            progress(f"{len(entries)} {kind} created")
    return pages


def _set_provider_relations(page, relations, grades, changes) -> None:
    for name, values in relations.items():
        setattr(page, name, values)
    page.grades = [
        ProviderGrade(year=y, grade=g, score=s, note=n, sort_order=i)
        for i, (y, g, s, n) in enumerate(grades)
    ]
    page.status_changes = [
        StatusChange(date=d, status=st, reason=r, deadline=dl, sort_order=i)
        for i, (d, st, r, dl) in enumerate(changes)
    ]


def _sync_solution(provider, s: SolutionPlan, terms, existing, m2m, record):
    """Bring one solution to the plan; a new one is returned unsaved, to be created in bulk."""
    fields = _solution_fields(s, terms)
    industries = [terms.industries[i] for i in s.industries]
    page = existing.get((provider.path, s.slug)) if provider.pk else None
    if page is None:
        page = SolutionPage(live=False, locale=provider.locale, **fields)
        page.industries = industries
        return page
    if (
        is_current(page)
        and all(getattr(page, k) == v for k, v in fields.items())
        and m2m.get(page.pk, frozenset()) == frozenset(t.pk for t in industries)
    ):
        record("solutions", page, "unchanged")
        return None
    page = SolutionPage.objects.get(pk=page.pk)
    for k, v in fields.items():
        setattr(page, k, v)
    page.industries = industries
    page.save_revision().publish()
    record("solutions", page, "updated")
    return None


def sync_page(parent, model, slug, fields, *, body=None, children=None):
    """Find the page by slug under its parent, create or update it to the wanted content and
    publish it when it is new or changed. Returns (page, created|updated|unchanged)."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is None:
        page = model(live=False, slug=slug, **fields)
        _apply_content(page, body, children)
        parent.add_child(instance=page)
        page.save_revision(clean=False).publish()
        return page, "created"
    page = existing.specific
    if not isinstance(page, model):
        raise CommandError(
            f"{existing.url_path} exists but is a {type(page).__name__}, not a {model.__name__}."
        )
    same = is_current(page) and all(getattr(page, k) == v for k, v in fields.items())
    if same and body is not None:
        same = _without_ids(page.body.get_prep_value()) == _without_ids(body)
    for relation, (_child_model, rows) in (children or {}).items():
        if same:
            keys = list(rows[0]) if rows else ["pk"]
            current = list(getattr(page, relation).order_by("sort_order", "pk").values(*keys))
            same = current == rows
    if same:
        return page, "unchanged"
    for k, v in fields.items():
        setattr(page, k, v)
    _apply_content(page, body, children)
    page.save_revision().publish()
    return page, "updated"


def _apply_content(page, body, children) -> None:
    if body is not None:
        page.body = type(page)._meta.get_field("body").to_python(body)
    for relation, (child_model, rows) in (children or {}).items():
        setattr(
            page,
            relation,
            [child_model(sort_order=i, **row) for i, row in enumerate(rows)],
        )


_LINK = re.compile(r"\[\[([a-z0-9-]+)\|([^\]]+)\]\]")


def _stream(page_slug: str, blocks, links: dict[str, int]) -> list[dict]:
    """The stored (JSON) form of a StreamField. Block ids are derived from the page and the
    block's position (uuid5), so they are the same on every run; a link to a page that does not
    exist is left as plain text."""

    def resolve(value):
        if isinstance(value, str):
            return _LINK.sub(
                lambda m: (
                    f'<a linktype="page" id="{links[m[1]]}">{m[2]}</a>' if m[1] in links else m[2]
                ),
                value,
            )
        if isinstance(value, dict):
            return {k: resolve(v) for k, v in value.items()}
        return value

    return [
        {
            "type": block_type,
            "value": resolve(value),
            "id": str(uuid.uuid5(REGION_KEY_NAMESPACE, f"{page_slug}:{position}")),
        }
        for position, (block_type, value) in enumerate(blocks)
    ]


def _without_ids(data):
    if isinstance(data, list):
        return [_without_ids(item) for item in data]
    if isinstance(data, dict):
        return {k: _without_ids(v) for k, v in data.items() if not (k == "id" and "type" in data)}
    return data
