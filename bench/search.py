"""Benchmark of search as issue #4 states its target: warm, one process, at 10,000 providers,
30,000 solutions and 3,000 cases, on SQLite and on PostgreSQL.

    .venv/bin/python bench/search.py                      # SQLite, var/bench/search.sqlite3
    DATABASE_URL=postgres://root@127.0.0.1:5432/portal_bench .venv/bin/python bench/search.py

The database is built on the first run with the other benches' builders (bench/directory.py's
bulk pages, bench/over_http.py's cases) and indexed with the configured search backend; a later
run reuses it when it holds the requested numbers (the PostgreSQL database of ``make bench``
qualifies). The page cache is off (test settings), so every request searches.

Requests, made with ``django.test.Client`` in this process after one warm-up pass over every
URL: the site search (``/search/?q=``, whose first tab is ranked and whose other tabs are
counted), a chosen tab (``/search/solution/?q=``) and the API search (``/api/v1/search?q=``),
for the same twelve keywords as ``make bench``, ``--rounds`` times each. Prints p50/p95 and the
SQL share per group, and the slowest keywords.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote, unquote

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH_DIR))

import directory as directory_bench  # noqa: E402
import over_http  # noqa: E402

DEFAULT_DB = ROOT / "var" / "bench" / "search.sqlite3"
progress = directory_bench.progress


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--providers", type=int, default=10_000)
    parser.add_argument("--solutions", type=int, default=30_000)
    parser.add_argument("--cases", type=int, default=3_000)
    parser.add_argument("--rounds", type=int, default=5, help="timed requests per URL")
    parser.add_argument("--seed", type=int, default=20261127)
    return parser.parse_args()


def ensure_dataset(args) -> None:
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from wagtail.signal_handlers import disable_reference_index_auto_update

    from cases.models import CasePage
    from catalogue.models import ProviderPage, SolutionPage

    for backend in settings.WAGTAILSEARCH_BACKENDS.values():
        backend["AUTO_UPDATE"] = False  # the pages are written in bulk, then indexed once
    call_command("migrate", verbosity=0)
    have = over_http.counts()
    wanted = {"providers": args.providers, "solutions": args.solutions, "cases": args.cases}
    if any(have[k] for k in wanted) and any(have[k] != v for k, v in wanted.items()):
        raise SystemExit(f"The database holds {have}, not {wanted}: give an empty database.")
    if not have["providers"]:
        started = time.perf_counter()
        with disable_reference_index_auto_update():
            directory_bench.build(
                SimpleNamespace(
                    providers=args.providers,
                    solutions=args.solutions,
                    seed=args.seed,
                    no_search_index=True,
                )
            )
            over_http.build_cases(args.cases, random.Random(args.seed))  # noqa: S311
        for model in (ProviderPage, SolutionPage, CasePage):
            directory_bench.add_to_index(model, model.objects.all(), model.__name__)
        progress(f"built in {time.perf_counter() - started:.0f} s")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def groups() -> dict[str, list[str]]:
    keywords = over_http.KEYWORDS
    return {
        "site search": [f"/search/?q={quote(k)}" for k in keywords],
        "site search, solutions tab": [f"/search/solution/?q={quote(k)}" for k in keywords],
        "API search": [f"/api/v1/search?q={quote(k)}" for k in keywords],
    }


def measure(urls: list[str], rounds: int) -> dict[str, list[tuple[float, float]]]:
    """``{url: [(milliseconds, SQL milliseconds), …]}`` after one warm-up request per URL."""
    directory_bench.time_requests(urls)  # the warm-up pass, not counted
    times, _queries, sql_times = directory_bench.time_requests(urls * rounds)
    timings: dict[str, list[tuple[float, float]]] = {url: [] for url in urls}
    for i, (elapsed, sql) in enumerate(zip(times, sql_times, strict=True)):
        timings[urls[i % len(urls)]].append((elapsed, sql))
    return timings


def report(label: str, timings: dict[str, list[tuple[float, float]]]) -> None:
    times = sorted(ms for runs in timings.values() for ms, _sql in runs)
    sql = [s for runs in timings.values() for _ms, s in runs]
    p95 = times[max(0, round(0.95 * len(times)) - 1)]
    print(
        f"{label}: {len(times)} requests  p50 {statistics.median(times):.1f} ms  "
        f"p95 {p95:.1f} ms  max {times[-1]:.1f} ms  SQL p50 {statistics.median(sql):.1f} ms"
    )
    slowest = sorted(timings, key=lambda url: -statistics.median(ms for ms, _s in timings[url]))
    for url in slowest[:3]:
        print(f"    {statistics.median(ms for ms, _s in timings[url]):7.1f} ms  {unquote(url)}")


def main() -> None:
    args = parse_args()
    if not os.environ.get("DATABASE_URL"):
        DEFAULT_DB.parent.mkdir(parents=True, exist_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{DEFAULT_DB}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    import django

    django.setup()
    from django.db import connection

    ensure_dataset(args)
    have = over_http.counts()
    progress(
        f"{connection.vendor}: {have['providers']:,} providers, {have['solutions']:,} solutions, "
        f"{have['cases']:,} cases; {args.rounds} rounds after a warm-up (issue #4: p95 ≤ 30 ms)"
    )
    for label, urls in groups().items():
        report(label, measure(urls, args.rounds))


if __name__ == "__main__":
    main()
