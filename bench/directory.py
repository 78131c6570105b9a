"""Benchmark of the provider directory (and the solution catalogue) at scale.

    .venv/bin/python bench/directory.py --providers 10000 --solutions 30000

Builds that many live provider and solution pages in a separate database, then times directory
requests made with ``django.test.Client`` across a mix of filters, sorts, pages and keywords,
and prints p50/p95 in milliseconds (plus the number of SQL queries per request).

Database: ``DATABASE_URL`` if set (e.g. a dedicated, empty PostgreSQL database), otherwise a
SQLite file, ``var/bench/directory.sqlite3``, recreated on each run (``--reuse`` keeps a file
built earlier with the same numbers).

Pages are written in bulk, not through ``Page.add_child``: Page rows with computed treebeard
paths via ``bulk_create``, the provider/solution rows and the M2M rows with one multi-row insert
per chunk. No revisions, no English aliases, no reference index; only the providers are added
to the search index (so keyword requests are realistic), which is the slowest step.
Building 10,000 providers + 30,000 solutions takes 35–75 s (SQLite / PostgreSQL), most of it
search indexing; progress is printed as it goes. ``ANALYZE`` runs before timing.

Measured 2026-11-26 (10,000 providers, 30,000 solutions, 200 directory requests, one process):
  SQLite      directory p50 108 ms, p95 200 ms — without keyword p50 105 / p95 167 ms,
              with keyword p50 305 / p95 461 ms; solution catalogue p50 350 ms, p95 474 ms
  PostgreSQL  directory p50 112 ms, p95 255 ms — without keyword p50 100 / p95 159 ms,
              with keyword p50 564 ms (before the one-pass ranking of commit 57ad95f);
              solution catalogue p50 226 ms, p95 319 ms
Measured 2026-11-25 after the grouped facet counting (one query for the single-valued facets,
no separate COUNT), the parent-path IN sub-query for solutions and id-only search hits; same
data, one process, on a 2-core machine busy with another job (p95 is mostly that noise; the
old code, timed alongside, is in brackets):
  SQLite      directory p50 106 ms [124], p95 253 ms [250] — without keyword p50 105 [123];
              with keyword p50 121 [270]; solution catalogue p50 141 [359], p95 225 [598] ms
  PostgreSQL  directory p50 90 ms [96], p95 154 ms [224] — without keyword p50 84 [93],
              p95 124 [145]; with keyword p50 191 [423]; solution catalogue p50 123 [227],
              p95 192 [311] ms
Measured 2026-12-04 with the facet index (catalogue/facet_index.py: facets, counts and ids
from bitmaps read once per publication; the index read is logged, 120-250 ms here, 170-410 ms
with every sort order), quiet machine, same data sizes:
  SQLite      directory p50 49 ms, p95 66 ms — without keyword p50 49 / p95 52 ms, with
              keyword p50 72 / p95 79 ms; solution catalogue p50 43 ms, p95 47 ms
  PostgreSQL  directory p50 50 ms, p95 67 ms — without keyword p50 50 / p95 59 ms, with
              keyword p50 88 / p95 122 ms; solution catalogue p50 42 ms, p95 45 ms
Measured 2026-12-04, night, after the keyword's hits come through the facet index (one
full-text match per request, narrowed to the listing's type on PostgreSQL) and the facet
options are rendered by one template tag:
  SQLite      directory p50 32 ms, p95 39 ms — with keyword p50 39 / p95 42 ms; solution
              catalogue p50 29 ms, p95 31 ms
  PostgreSQL  directory p50 30 ms, p95 49 ms — with keyword p50 51 / p95 61 ms; solution
              catalogue p50 28 ms, p95 29 ms
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
import uuid
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from machine import python_speed  # noqa: E402  (bench/, the script's directory)

DEFAULT_DB = ROOT / "var" / "bench" / "directory.sqlite3"

WORDS = [
    "智恒",
    "云策",
    "数研",
    "智造",
    "海信",
    "齐鲁",
    "泰山",
    "黄河",
    "蓝海",
    "鲁信",
    "华工",
    "精诚",
    "创新",
    "联创",
    "启明",
    "天衡",
    "远航",
    "新动能",
    "汇智",
    "恒通",
]
SUFFIXES = ["数字科技有限公司", "信息技术有限公司", "软件股份有限公司", "工业互联网有限公司"]
SOLUTION_WORDS = [
    "设备点检",
    "生产执行",
    "质量追溯",
    "能耗监测",
    "供应链协同",
    "仓储管理",
    "数字孪生工厂",
    "安全生产监测",
    "营销管理",
    "财务共享",
    "研发协同",
    "工艺仿真",
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--providers", type=int, default=10_000)
    parser.add_argument("--solutions", type=int, default=30_000)
    parser.add_argument("--requests", type=int, default=200, help="directory requests to time")
    parser.add_argument(
        "--solution-requests", type=int, default=50, help="solution catalogue requests to time"
    )
    parser.add_argument("--reuse", action="store_true", help="keep a database built earlier")
    parser.add_argument("--no-search-index", action="store_true", help="skip indexing (faster)")
    parser.add_argument("--seed", type=int, default=20261125)
    return parser.parse_args()


def setup_django(args):
    if not os.environ.get("DATABASE_URL"):
        DEFAULT_DB.parent.mkdir(parents=True, exist_ok=True)
        if DEFAULT_DB.exists() and not args.reuse:
            DEFAULT_DB.unlink()
        os.environ["DATABASE_URL"] = f"sqlite:///{DEFAULT_DB}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    import django

    django.setup()


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- Building -------------------------------------------------------------------------------


def insert_rows(model, objects) -> None:
    """One multi-row INSERT per chunk into the model's own table (the child table of a
    multi-table-inheritance page): Django's bulk_create refuses such models."""
    from django.db import connection

    fields = list(model._meta.local_concrete_fields)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    chunk = max(1, min(500, 30_000 // len(fields)))  # stay under SQLite's parameter limit
    with connection.cursor() as cursor:
        for start in range(0, len(objects), chunk):
            part = objects[start : start + chunk]
            values = ", ".join(["(" + ", ".join(["%s"] * len(fields)) + ")"] * len(part))
            params = [
                f.get_db_prep_save(getattr(obj, f.attname), connection)
                for obj in part
                for f in fields
            ]
            # Table and column names come from the model and are quoted; values are parameters.
            sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES {values}"  # noqa: S608
            cursor.execute(sql, params)


def bulk_pages(model, parent, specs, *, start: int, locale, now):
    """Page rows below ``parent`` with treebeard paths, then the ``model`` rows; returns the
    unsaved-as-model instances with their pks set."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    content_type = ContentType.objects.get_for_model(model)
    base_rows = []
    for offset, spec in enumerate(specs):
        base_rows.append(
            Page(
                title=spec["title"],
                draft_title=spec["title"],
                slug=spec["slug"],
                content_type=content_type,
                path=Page._get_path(parent.path, parent.depth + 1, start + offset),
                depth=parent.depth + 1,
                numchild=spec.get("numchild", 0),
                url_path=f"{parent.url_path}{spec['slug']}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
                locale=locale,
                translation_key=uuid.uuid4(),
            )
        )
    Page.objects.bulk_create(base_rows, batch_size=500)
    objects = []
    for row, spec in zip(base_rows, specs, strict=True):
        obj = model(page_ptr_id=row.pk, **spec["fields"])
        for name in ("title", "slug", "path", "depth", "url_path", "locale_id"):
            setattr(obj, name, getattr(row, name))
        objects.append(obj)
    insert_rows(model, objects)
    return objects


def build(args) -> None:
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Locale, Page

    from catalogue import taxonomy
    from catalogue.models import (
        GRADE_RANK,
        Batch,
        Category,
        DeploymentMode,
        Grade,
        Industry,
        ProviderIndexPage,
        ProviderPage,
        Region,
        SolutionIndexPage,
        SolutionPage,
        Status,
        Subtype,
        fair_key,
    )
    from portal.factories import chinese_home
    from portal.identifiers import make_uscc
    from portal.translation import sync_english_aliases

    rng = random.Random(args.seed)  # noqa: S311 - sample data
    home = chinese_home()
    locale = Locale.get_default()
    now = timezone.now()

    index = ProviderIndexPage(title="服务商名录", slug="providers")
    home.add_child(instance=index)
    index.save_revision().publish()
    catalogue = SolutionIndexPage(title="解决方案", slug="solutions")
    home.add_child(instance=catalogue)
    catalogue.save_revision().publish()
    sync_english_aliases([index, catalogue])
    index.refresh_from_db()

    categories = list(taxonomy.canonical(Category))
    subtypes_by_category = {}
    for subtype in taxonomy.canonical(Subtype):
        subtypes_by_category.setdefault(subtype.category_id, []).append(subtype)
    regions = list(taxonomy.canonical(Region))
    industries = list(taxonomy.canonical(Industry))
    batches = [
        Batch.objects.get_or_create(
            year=year,
            number=number,
            defaults={"published_on": date(year, number, 20)},
        )[0]
        for year in (2024, 2025, 2026)
        for number in range(1, 13)
        if date(year, number, 20) < date.today()
    ]
    statuses = [Status.SELECTED] * 90 + [Status.RECTIFYING] * 5 + [Status.REMOVED] * 3
    statuses += [Status.APPLIED] * 2
    grades = [Grade.EXCELLENT, Grade.QUALIFIED, Grade.QUALIFIED, Grade.UNQUALIFIED, ""]

    chunk = 1000
    provider_specs = []
    provider_m2m = []
    solutions_per_provider = [0] * args.providers
    for _ in range(args.solutions):
        solutions_per_provider[rng.randrange(args.providers)] += 1
    for n in range(args.providers):
        uscc = make_uscc(5_000_000 + n)
        region = rng.choice(regions)
        chosen = rng.sample(categories, rng.choice([1, 1, 2, 2, 3]))
        subtypes = [
            s
            for c in chosen
            for s in rng.sample(
                subtypes_by_category.get(c.pk, []),
                min(len(subtypes_by_category.get(c.pk, [])), rng.choice([0, 1, 2])),
            )
        ]
        grade = rng.choice(grades)
        name = f"{region.name[:-1]}{rng.choice(WORDS)}{n}{rng.choice(SUFFIXES)}"
        provider_specs.append(
            {
                "title": name,
                "slug": f"p{n}",
                "numchild": solutions_per_provider[n],
                "fields": {
                    "uscc": uscc,
                    "region_id": region.pk,
                    "introduction": f"{name}为中小企业提供{chosen[0].name[3:-3]}服务，"
                    f"覆盖{rng.choice(industries).name}等行业。",
                    "designer_count": rng.randrange(0, 30),
                    "batch_id": rng.choice(batches).pk,
                    "status": rng.choice(statuses),
                    "latest_grade": grade,
                    "latest_grade_year": 2025 if grade else None,
                    "grade_rank": GRADE_RANK.get(grade, 0),
                    "fair_key": fair_key(uscc),
                    "contact_name": "",
                    "contact_phone": "",
                    "address": "",
                    "website": "",
                },
            }
        )
        provider_m2m.append((chosen, subtypes, rng.sample(industries, rng.choice([0, 1, 2, 3]))))

    providers = []
    through_categories = ProviderPage.categories.through
    through_subtypes = ProviderPage.subtypes.through
    through_industries = ProviderPage.industries.through
    for start in range(0, args.providers, chunk):
        with transaction.atomic():
            made = bulk_pages(
                ProviderPage,
                index,
                provider_specs[start : start + chunk],
                start=start + 1,
                locale=locale,
                now=now,
            )
            cats, subs, inds = [], [], []
            for provider, (chosen, subtypes, picked) in zip(
                made, provider_m2m[start : start + chunk], strict=True
            ):
                cats += [
                    through_categories(providerpage_id=provider.pk, category=c) for c in chosen
                ]
                subs += [through_subtypes(providerpage_id=provider.pk, subtype=s) for s in subtypes]
                inds += [
                    through_industries(providerpage_id=provider.pk, industry=i) for i in picked
                ]
            through_categories.objects.bulk_create(cats, batch_size=1000)
            through_subtypes.objects.bulk_create(subs, batch_size=1000)
            through_industries.objects.bulk_create(inds, batch_size=1000)
            providers += made
        progress(f"providers: {len(providers)}/{args.providers}")
    Page.objects.filter(pk=index.pk).update(numchild=args.providers)

    modes = [DeploymentMode.SAAS, DeploymentMode.PRIVATE, DeploymentMode.HYBRID, ""]
    made_solutions = 0
    pending_parent, pending_specs, pending_industries = [], [], []

    def flush():
        nonlocal made_solutions
        with transaction.atomic():
            through = SolutionPage.industries.through
            rows = []
            for parent, specs, inds in zip(
                pending_parent, pending_specs, pending_industries, strict=True
            ):
                made = bulk_pages(SolutionPage, parent, specs, start=1, locale=locale, now=now)
                for solution, picked in zip(made, inds, strict=True):
                    rows += [through(solutionpage_id=solution.pk, industry=i) for i in picked]
                made_solutions += len(made)
            through.objects.bulk_create(rows, batch_size=1000)
        pending_parent.clear(), pending_specs.clear(), pending_industries.clear()
        progress(f"solutions: {made_solutions}/{args.solutions}")

    for provider, (chosen, _subtypes, _picked), count in zip(
        providers, provider_m2m, solutions_per_provider, strict=True
    ):
        if not count:
            continue
        specs, inds = [], []
        for k in range(count):
            title = f"{rng.choice(SOLUTION_WORDS)}{rng.choice(['平台', '系统', '云', '小程序'])}{k}"
            url_path = f"{provider.url_path}s{k}/"
            price = rng.choice([None, Decimal(rng.randrange(1, 2000)) / 10])
            specs.append(
                {
                    "title": title,
                    "slug": f"s{k}",
                    "fields": {
                        "category_id": rng.choice(chosen).pk,
                        "deployment_mode": rng.choice(modes),
                        "reference_price": price,
                        "is_xkqz": rng.random() < 0.3,
                        "is_standardised": rng.random() < 0.2,
                        "description": f"{title}，适用于中小企业。",
                        "scenarios": "",
                        "features": "",
                        "fair_key": fair_key(f"{title}|{url_path}"),
                    },
                }
            )
            inds.append(rng.sample(industries, rng.choice([0, 1, 2])))
        pending_parent.append(provider)
        pending_specs.append(specs)
        pending_industries.append(inds)
        if sum(len(s) for s in pending_specs) >= chunk:
            flush()
    if pending_specs:
        flush()

    if not args.no_search_index:
        queryset = ProviderPage.objects.filter(pk__in=[p.pk for p in providers])
        add_to_index(
            ProviderPage,
            queryset.select_related("region").prefetch_related(
                "categories", "subtypes", "industries"
            ),
            "providers",
        )


def add_to_index(model, queryset, label: str, batch_size: int = 500) -> int:
    """Adds the pages of ``queryset`` to the default search backend in batches (what
    ``update_index`` does, without walking every other model); returns how many."""
    from modelsearch.backends import get_search_backend

    backend = get_search_backend()
    pks = list(queryset.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), batch_size):
        backend.add_bulk(model, list(queryset.filter(pk__in=pks[start : start + batch_size])))
        done = min(len(pks), start + batch_size)
        if done % (batch_size * 10) == 0 or done == len(pks):
            progress(f"search index: {done}/{len(pks)} {label}")
    return len(pks)


# --- Timing ---------------------------------------------------------------------------------


def directory_urls(rng, count, with_keywords: bool):
    from catalogue.directory import canonical_terms
    from catalogue.models import Category, Industry, Region, Subtype

    categories = [t.slug for t in canonical_terms(Category)]
    subtypes = [t.slug for t in canonical_terms(Subtype)]
    regions = [t.slug for t in canonical_terms(Region)]
    industries = [t.slug for t in canonical_terms(Industry)]
    keywords = ["济南", "数字科技", "智造", "青岛 软件", "工业互联网"]

    def one():
        kind = rng.randrange(10)
        params = []
        if kind == 0:
            pass
        elif kind == 1:
            params.append(("page", rng.randrange(2, 60)))
        elif kind == 2:
            params += [("category", c) for c in rng.sample(categories, 2)]
        elif kind == 3:
            params += [("category", rng.choice(categories)), ("region", rng.choice(regions))]
        elif kind == 4:
            params += [("grade", "excellent"), ("year", rng.choice([2024, 2025]))]
        elif kind == 5:
            params += [("subtype", rng.choice(subtypes)), ("industry", rng.choice(industries))]
        elif kind == 6:
            params += [("sort", rng.choice(["name", "newest", "grade"]))]
            params.append(("page", rng.randrange(1, 10)))
        elif kind == 7:
            params += [("status", "removed"), ("status", "rectifying")]
        elif kind == 8 and with_keywords:
            params += [("q", rng.choice(keywords))]
        else:
            params += [("region", r) for r in rng.sample(regions, 3)]
            params.append(("industry", rng.choice(industries)))
        return "/providers/" + ("?" + "&".join(f"{k}={v}" for k, v in params) if params else "")

    return [one() for _ in range(count)]


def solution_urls(rng, count):
    bands = ["under-5", "5-20", "20-50", "50-plus", "negotiable"]
    choices = [
        lambda: "/solutions/",
        lambda: f"/solutions/?page={rng.randrange(2, 100)}",
        lambda: f"/solutions/?price={rng.choice(bands)}&xkqz=yes",
        lambda: f"/solutions/?deployment=saas&category={rng.choice(['production', 'rnd'])}",
        lambda: "/solutions/?sort=price&page=3",
    ]
    return [rng.choice(choices)() for _ in range(count)]


def time_requests(urls, *, warm: bool = True) -> tuple[list[float], list[int], list[float]]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    for url in urls[:5] if warm else ():
        client.get(url)  # warm caches (taxonomy names, site root paths)
    times, queries, sql_times = [], [], []
    for url in urls:
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        times.append(elapsed)
        queries.append(len(captured))
        # Time to each query's first row (SQLite yields rows as it goes; grouped queries finish
        # before the first row): the database's share of the request.
        sql_times.append(sum(float(q["time"]) for q in captured.captured_queries) * 1000)
    return times, queries, sql_times


def report(label: str, times: list[float], queries: list[int], sql_times: list[float]) -> None:
    ordered = sorted(times)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    print(
        f"{label}: {len(times)} requests  p50 {statistics.median(times):.1f} ms  "
        f"p95 {p95:.1f} ms  max {ordered[-1]:.1f} ms  "
        f"queries/request {min(queries)}–{max(queries)}  "
        f"SQL p50 {statistics.median(sql_times):.1f} ms"
    )


def main() -> None:
    args = parse_args()
    setup_django(args)
    from django.conf import settings
    from django.core.management import call_command
    from wagtail.signal_handlers import disable_reference_index_auto_update

    from catalogue.models import ProviderPage, SolutionPage

    # Bulk writes bypass the signals anyway; this keeps the few add_child/publish calls cheap.
    for backend in settings.WAGTAILSEARCH_BACKENDS.values():
        backend["AUTO_UPDATE"] = False

    progress(f"database: {settings.DATABASES['default']['NAME']}")
    progress(python_speed())
    call_command("migrate", verbosity=0)
    existing = ProviderPage.objects.count()
    if existing and not args.reuse:
        raise SystemExit(
            f"The database already holds {existing} providers: give an empty database "
            "(or --reuse to time it as it is)."
        )
    if not existing:
        started = time.perf_counter()
        with disable_reference_index_auto_update():
            build(args)
        progress(f"built in {time.perf_counter() - started:.1f} s")
    # Fresh planner statistics: without them PostgreSQL picks poor plans after a bulk load
    # (the directory took ~4× longer before autovacuum caught up).
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    providers = ProviderPage.objects.live().count()
    solutions = SolutionPage.objects.live().count()
    progress(f"{providers} providers, {solutions} solutions")

    rng = random.Random(args.seed)  # noqa: S311 - sample data
    with_keywords = not args.no_search_index
    urls = directory_urls(rng, args.requests, with_keywords)
    times, queries, sql_times = time_requests(urls)
    report("provider directory", times, queries, sql_times)
    keyword = [i for i, url in enumerate(urls) if "q=" in url]
    if keyword:
        others = [i for i in range(len(urls)) if i not in set(keyword)]
        for label, part in (("  without keyword", others), ("  with keyword   ", keyword)):
            report(
                label,
                [times[i] for i in part],
                [queries[i] for i in part],
                [sql_times[i] for i in part],
            )
    if args.solution_requests:
        report("solution catalogue", *time_requests(solution_urls(rng, args.solution_requests)))


if __name__ == "__main__":
    main()
