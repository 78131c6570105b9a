"""Benchmark of search as issue #4 states its target: warm, one process, at 10,000 providers,
30,000 solutions and 3,000 cases, on SQLite and on PostgreSQL.

    .venv/bin/python bench/search_speed.py                # SQLite, var/bench/search.sqlite3
    DATABASE_URL=postgres://root@127.0.0.1:5432/portal_bench .venv/bin/python bench/search_speed.py

The database is built on the first run by ``make bench``'s own builder
(``bench/over_http.py``'s ``ensure_dataset``, without certificates) and indexed with the
configured search backend; a later run reuses it when it holds the requested numbers and
its index was built with this code's analysis (the PostgreSQL database of ``make bench``
qualifies; one that does not is rebuilt, a SQLite file must be removed by hand).

The caches are on as in production (the main menu, the facet index, the taxonomy), but no
answer comes from the page cache: each request's URL carries a parameter the search ignores
and the page cache does not (``&_n=…``), so every request searches and renders, as a keyword
nobody has asked for since the last publication does.

The warm-up pass keeps the frequent terms' hits and scores beside the index
(:mod:`search.impacts`), as a site's first search of each does, and the timed requests read
them; the run ends by saying how many terms are kept (a database kept from an earlier run has
them already).

Requests, made with ``django.test.Client`` in this process after one warm-up pass over every
URL: the site search (``/search/?q=``, whose first tab is ranked and whose other tabs are
counted), a chosen tab (``/search/solution/?q=``) and the API search (``/api/v1/search?q=``),
for the same twelve keywords as ``make bench``, ``--rounds`` times each. Prints p50/p95 and the
SQL share per group, and the slowest keywords.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote, unquote

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH_DIR))

import directory as directory_bench  # noqa: E402
import over_http  # noqa: E402
from machine import python_speed  # noqa: E402

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


def groups() -> dict[str, list[str]]:
    keywords = over_http.KEYWORDS
    return {
        "site search": [f"/search/?q={quote(k)}" for k in keywords],
        "site search, solutions tab": [f"/search/solution/?q={quote(k)}" for k in keywords],
        "API search": [f"/api/v1/search?q={quote(k)}" for k in keywords],
    }


def measure(urls: list[str], rounds: int) -> dict[str, list[tuple[float, float]]]:
    """``{url: [(milliseconds, SQL milliseconds), …]}`` after one warm-up request per URL."""
    requests = [f"{url}&_n={n}" for n, url in enumerate(urls * (rounds + 1))]
    directory_bench.time_requests(requests[: len(urls)])  # the warm-up pass, not counted
    times, _queries, sql_times = directory_bench.time_requests(requests[len(urls) :], warm=False)
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
    elif os.environ["DATABASE_URL"].startswith("postgres"):
        # On a fresh machine `make bench` has not made it yet.
        over_http.create_database(os.environ["DATABASE_URL"])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    import portal.wsgi  # noqa: F401 (the process set up as a web worker's: GC thresholds)

    settings.PAGE_CACHE = True  # off in the test settings; see the module's docstring

    # No certificates: search does not read them (a database that has some keeps them).
    have = over_http.ensure_dataset(
        SimpleNamespace(**vars(args), certificates=0), os.environ["DATABASE_URL"]
    )
    progress(python_speed())
    progress(
        f"{connection.vendor}: {have['providers']:,} providers, {have['solutions']:,} solutions, "
        f"{have['cases']:,} cases; {args.rounds} rounds after a warm-up (issue #4: p95 ≤ 30 ms)"
    )
    for label, urls in groups().items():
        report(label, measure(urls, args.rounds))
    from search import impacts

    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT count(*) FROM {impacts.TERMS}), count(*) FROM {impacts.IMPACTS}"  # noqa: S608
        )
        terms, entries = cursor.fetchone()
    progress(f"terms kept beside the index (search.impacts): {terms}, {entries:,} entries")


if __name__ == "__main__":
    main()
