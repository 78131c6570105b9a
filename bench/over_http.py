"""Benchmark of the whole site over HTTP: gunicorn on loopback, a large dataset, uncached and
cached pages, and a sustained load.

    .venv/bin/python bench/over_http.py            # make bench: the full size below
    .venv/bin/python bench/over_http.py --providers 500 --solutions 1500 --cases 150 \\
        --certificates 20000 --duration 10    # a quick run while developing

Dataset, in a PostgreSQL database of its own (``DATABASE_URL``, default
``postgres://root@127.0.0.1:5432/portal_bench``, created with ``createdb`` when missing):
10,000 providers and 30,000 solutions (``bench/directory.py``'s bulk page builder), 3,000 typical
cases under a case listing, each linked to one to three providers and their solutions (built the
same way here), 1,000,000 certificates (``bench/certificates.py``'s builder, ``COPY``), and the
search index of providers, solutions and cases. A database that already holds the requested
numbers is reused; one that holds other numbers is dropped and rebuilt, as is any with
``--rebuild``. Building the full size takes about 10 minutes on the 2-core machine below.
``VACUUM ANALYZE`` runs after a build.

Server: ``gunicorn portal.wsgi:application`` on 127.0.0.1 as ``docs/deploy.md`` runs it (sync
workers, ``--workers 4`` = 2 × cores) with ``portal.settings.production`` (DEBUG off, Redis cache
``redis://127.0.0.1:6379/5``, whitenoise serving a ``collectstatic`` in ``var/bench/static``,
``DATABASE_CONN_MAX_AGE=60``, the certificate rate limit raised so that the load is not refused).
Every request carries ``X-Forwarded-Proto: https`` as the proxy would send it. Started once with
``PAGE_CACHE=false`` (uncached) and once with ``PAGE_CACHE=true`` (cached); Redis database 5 is
flushed before each.

Load: pure Python, ``http.client`` with one keep-alive connection per client thread (a sync
worker closes the connection after each answer, so most requests open a new one, as nginx does
towards gunicorn), client threads spread over two processes. For each group — home, directory
with facets, provider page, site search, API search, certificate verification
(``POST /api/v1/certificates/verify``, 70 % matches, 15 % wrong names, 15 % unknown numbers) —
and each mode:

- **latency**: ``--requests`` requests one after another, p50/p95 in ms;
- **throughput**: ``--concurrency`` clients for ``--seconds`` seconds, requests per second
  (and p95 under that load).

Uncached requests vary (every provider, 200 facet combinations, a dozen queries); cached
requests repeat a few URLs after a warm-up (and report the page cache's hit ratio). The API and
verification are never served from the page cache (by design), so their "cached" rows only show
the effect of warm database buffers; site search pages are cached like any page. The reference
is a static file from the same server (whitenoise); cached pages should reach half its
throughput. Then ``--duration`` seconds
(60) at ``--clients`` (64) concurrent clients over a realistic mix, PAGE_CACHE on, varied URLs:
requests, errors (any status ≥ 400 or socket error; must be 0), p50/p95/p99 and throughput.

Latest figures: see docs/performance.md (measured 2026-11-25, full size, 2-core AMD EPYC).
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import platform
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH_DIR))

import certificates as certificate_bench  # noqa: E402
import directory as directory_bench  # noqa: E402
from machine import python_speed  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://root@127.0.0.1:5432/portal_bench"
REDIS_URL = "redis://127.0.0.1:6379/5"
STATIC_ROOT = ROOT / "var" / "bench" / "static"
STATIC_FILE = "portal/css/portal.css"
KEYWORDS = [
    "济南",
    "数字科技",
    "智造",
    "青岛 软件",
    "工业互联网",
    "设备点检",
    "质量追溯",
    "能耗监测",
    "仓储管理",
    "供应链协同",
    "数字孪生",
    "MES",
]
CLIENT_WORDS = ["精密机械", "食品加工", "纺织服装", "化工新材料", "汽车零部件", "医药"]
progress = directory_bench.progress


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--providers", type=int, default=10_000)
    parser.add_argument("--solutions", type=int, default=30_000)
    parser.add_argument("--cases", type=int, default=3_000)
    parser.add_argument("--certificates", type=int, default=1_000_000)
    parser.add_argument("--rebuild", action="store_true", help="drop and rebuild the dataset")
    parser.add_argument("--build-only", action="store_true", help="build the dataset, no timing")
    parser.add_argument("--requests", type=int, default=100, help="sequential requests per group")
    parser.add_argument("--concurrency", type=int, default=8, help="clients for throughput")
    parser.add_argument("--seconds", type=float, default=10, help="seconds per throughput run")
    parser.add_argument("--clients", type=int, default=64, help="clients of the sustained load")
    parser.add_argument("--duration", type=float, default=60, help="seconds of sustained load")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--worker-class", default="sync", help="gunicorn worker class")
    parser.add_argument("--threads", type=int, default=1, help="threads per gunicorn worker")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--seed", type=int, default=20261127)
    return parser.parse_args()


# --- Environment ----------------------------------------------------------------------------


def server_env(args, *, page_cache: bool) -> dict[str, str]:
    """Production settings with the bench's own secrets, database, cache and static root."""
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL),
            "DATABASE_CONN_MAX_AGE": "60",
            "REDIS_URL": REDIS_URL,
            "CERTIFICATE_HASH_KEY": certificate_bench.BENCH_KEY,
            "CERTIFICATE_LOOKUP_RATE_LIMIT": str(10**9),
            "PAGE_CACHE": "true" if page_cache else "false",
            "STATIC_ROOT": str(STATIC_ROOT),
            "LOG_LEVEL": "WARNING",
        }
    )
    return env


def psql(database_url: str, sql: str) -> str:
    parts = urlsplit(database_url)
    maintenance = parts._replace(path="/postgres").geturl()
    result = subprocess.run(  # noqa: S603 - our own SQL, to the bench's database server
        ["psql", maintenance, "-tAc", sql],  # noqa: S607 - psql from PATH
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip()


def database_name(database_url: str) -> str:
    return urlsplit(database_url).path.lstrip("/")


def create_database(database_url: str, *, drop: bool = False) -> None:
    name = database_name(database_url)
    if not name.replace("_", "").isalnum():
        raise SystemExit(f"unexpected database name {name!r}")
    # The name was checked above: letters, digits and underscores only.
    sql = f"SELECT 1 FROM pg_database WHERE datname = '{name}'"  # noqa: S608
    exists = psql(database_url, sql) == "1"
    if exists and drop:
        progress(f"dropping database {name}")
        psql(database_url, f'DROP DATABASE "{name}" WITH (FORCE)')
        exists = False
    if not exists:
        progress(f"creating database {name}")
        psql(database_url, f'CREATE DATABASE "{name}"')


def setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    import django

    django.setup()


# --- Dataset --------------------------------------------------------------------------------


def counts() -> dict[str, int]:
    from cases.models import CasePage
    from catalogue.models import ProviderPage, SolutionPage
    from training.models import Certificate

    return {
        "providers": ProviderPage.objects.count(),
        "solutions": SolutionPage.objects.count(),
        "cases": CasePage.objects.count(),
        "certificates": Certificate.objects.filter(number__startswith="SDSZ20").count(),
    }


def indexed(model) -> int:
    from django.contrib.contenttypes.models import ContentType
    from wagtail.search.models import IndexEntry

    return IndexEntry.objects.filter(content_type=ContentType.objects.get_for_model(model)).count()


def build_cases(total: int, rng: random.Random) -> None:
    """``total`` live cases under a new case listing (/cases/), bulk-written like the
    directory's pages; each names one to three providers and up to two of their solutions."""
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Locale, Page

    from cases.models import CaseIndexPage, CasePage, ClientSize
    from catalogue import taxonomy
    from catalogue.models import Industry, ProviderPage, Region, SolutionPage, Subtype, fair_key
    from portal.factories import chinese_home
    from portal.translation import sync_english_aliases

    home = chinese_home()
    locale = Locale.get_default()
    now = timezone.now()
    index = CaseIndexPage(title="典型场景案例", slug="cases")
    home.add_child(instance=index)
    index.save_revision().publish()
    sync_english_aliases([index])
    index.refresh_from_db()

    subtypes = list(taxonomy.canonical(Subtype))
    regions = list(taxonomy.canonical(Region))
    industries = list(taxonomy.canonical(Industry))
    sizes = [choice for choice, _label in ClientSize.choices] + [""]
    providers = dict(ProviderPage.objects.values_list("path", "pk"))
    provider_pks = list(providers.values())
    solutions_of: dict[int, list[int]] = {}
    for pk, path in SolutionPage.objects.values_list("pk", "path"):
        solutions_of.setdefault(providers[path[: -Page.steplen]], []).append(pk)

    through_providers = CasePage.providers.through
    through_solutions = CasePage.solutions.through
    chunk = 1000
    for start in range(0, total, chunk):
        specs, links = [], []
        for n in range(start, min(total, start + chunk)):
            scenario = rng.choice(subtypes)
            region = rng.choice(regions)
            industry = rng.choice(industries)
            year = rng.choice([2023, 2024, 2025])
            client = f"{region.name[:-1]}{rng.choice(CLIENT_WORDS)}{n}有限公司"
            title = f"{client}{scenario.name}应用案例"
            specs.append(
                {
                    "title": title,
                    "slug": f"c{n}",
                    "fields": {
                        "year": year,
                        "client_name": client,
                        "client_industry_id": industry.pk,
                        "client_region_id": region.pk,
                        "client_size": rng.choice(sizes),
                        "scenario_id": scenario.pk,
                        "category_id": scenario.category_id,
                        "challenge": f"{client}在{industry.name}生产中"
                        "面临数据分散、效率不高的问题。",
                        "approach": f"部署{scenario.name}，打通设备、生产与管理数据。",
                        "outcome": f"生产效率提升{rng.randrange(5, 40)}%，能耗下降"
                        f"{rng.randrange(3, 20)}%。",
                        "referee_name": "",
                        "referee_phone": "",
                        "fair_key": fair_key(f"{year}|{title}"),
                    },
                }
            )
            chosen = rng.sample(provider_pks, rng.choice([1, 1, 2, 3]))
            picked = [
                rng.choice(solutions_of[p])
                for p in chosen
                if solutions_of.get(p) and rng.random() < 0.7
            ]
            links.append((chosen, picked))
        with transaction.atomic():
            made = directory_bench.bulk_pages(
                CasePage, index, specs, start=start + 1, locale=locale, now=now
            )
            rows_p, rows_s = [], []
            for case, (chosen, picked) in zip(made, links, strict=True):
                rows_p += [
                    through_providers(casepage_id=case.pk, providerpage_id=p) for p in chosen
                ]
                rows_s += [
                    through_solutions(casepage_id=case.pk, solutionpage_id=s) for s in picked
                ]
            through_providers.objects.bulk_create(rows_p, batch_size=1000)
            through_solutions.objects.bulk_create(rows_s, batch_size=1000)
        progress(f"cases: {min(total, start + chunk)}/{total}")
    Page.objects.filter(pk=index.pk).update(numchild=total)


def ensure_dataset(args, database_url: str) -> dict[str, int]:
    """The requested dataset in the configured database: built where it is empty, rebuilt
    where it holds other numbers or a search index built with another analysis than the
    code's (PostgreSQL; a SQLite file must be removed by hand), indexed where the search index
    lacks entries. Also used by bench/search_speed.py, on SQLite too."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, connections
    from wagtail.signal_handlers import disable_reference_index_auto_update

    from cases.models import CasePage
    from catalogue.models import ProviderPage, SolutionPage
    from search.backends.database import merge_fts_segments, record_index_build
    from search.models import IndexBuild

    # Bulk writes bypass the signals anyway; this keeps the few add_child/publish calls cheap.
    for backend in settings.WAGTAILSEARCH_BACKENDS.values():
        backend["AUTO_UPDATE"] = False
    call_command("migrate", verbosity=0)
    have = counts()
    wanted = {"providers": args.providers, "solutions": args.solutions, "cases": args.cases}
    has_data = any(have[k] for k in wanted)
    if has_data and any(have[k] != v for k, v in wanted.items()):
        unwanted = f"holds {have}, not {wanted}"
    elif has_data and IndexBuild.objects.stale() is not None:
        # An index of other tokens measures other matches (ANALYSIS_VERSION).
        unwanted = "has a search index built with another analysis"
    else:
        unwanted = None
    if unwanted:
        if connection.vendor != "postgresql":
            raise SystemExit(f"The database {unwanted}: give an empty one.")
        progress(f"the database {unwanted}: rebuilding")
        connections.close_all()
        create_database(database_url, drop=True)
        call_command("migrate", verbosity=0)
        have = counts()
    started = time.perf_counter()
    rng = random.Random(args.seed)  # noqa: S311 - sample data
    if not have["providers"]:
        with disable_reference_index_auto_update():
            directory_bench.build(
                SimpleNamespace(
                    providers=args.providers,
                    solutions=args.solutions,
                    seed=args.seed,
                    no_search_index=True,
                )
            )
            build_cases(args.cases, rng)
    certificate_bench.build(args.certificates, rng)
    for model, queryset, label in (
        (
            ProviderPage,
            ProviderPage.objects.select_related("region").prefetch_related(
                "categories", "subtypes", "industries"
            ),
            "providers",
        ),
        (SolutionPage, SolutionPage.objects.select_related("category"), "solutions"),
        (
            CasePage,
            CasePage.objects.select_related(
                "client_industry", "client_region", "scenario", "category"
            ),
            "cases",
        ),
    ):
        if indexed(model) < queryset.count():
            directory_bench.add_to_index(model, queryset, label)
    built = time.perf_counter() - started
    if built > 5:
        progress(f"built in {built:.0f} s; planner statistics")
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
        # As update_index leaves the index it builds.
        if connection.vendor == "sqlite":
            merge_fts_segments(connection)
        record_index_build(connection.alias)
    return counts()


def collect_static() -> str:
    from django.core.management import call_command
    from django.templatetags.static import static

    progress(f"collectstatic into {STATIC_ROOT}")
    call_command("collectstatic", interactive=False, verbosity=0)
    return static(STATIC_FILE)


# --- Requests -------------------------------------------------------------------------------


def get(path):
    return ("GET", path, None)


def verify(number, name):
    body = json.dumps({"number": number, "name": name}, ensure_ascii=False).encode()
    return ("POST", "/api/v1/certificates/verify", body)


def q(text: str) -> str:
    return quote(text, safe="")


def request_groups(rng: random.Random, total_certificates: int) -> dict[str, dict[str, list]]:
    """Per group, the varied requests (uncached runs and the load) and a few repeated ones
    (cached runs)."""
    from cases.models import CasePage
    from catalogue.models import ProviderPage, SolutionPage, Status

    # Removed providers answer 410 Gone (and their solutions too): only standing ones.
    standing = ProviderPage.objects.live().filter(status__in=[Status.SELECTED, Status.RECTIFYING])

    def page_paths(queryset, count):
        paths = list(queryset.values_list("url_path", flat=True).order_by("?")[:count])
        return [get(p.removeprefix("/home")) for p in paths]

    directory = [get(u) for u in directory_bench.directory_urls(rng, 200, with_keywords=False)]
    faceted = [r for r in directory if "?" in r[1]]
    asks = []
    for _ in range(500):
        n = rng.randrange(total_certificates)
        draw = rng.random()
        if draw < 0.70:
            asks.append(verify(certificate_bench.number_for(n), certificate_bench.name_for(n)))
        elif draw < 0.85:
            asks.append(verify(certificate_bench.number_for(n), "查无此人"))
        else:
            asks.append(
                verify(f"SDSZ2099{rng.randrange(10**6):06d}", certificate_bench.name_for(n))
            )
    searches = [get(f"/search/?q={q(k)}") for k in KEYWORDS]
    searches += [get(f"/search/{t}/?q={q(k)}") for t in ("solution", "case") for k in KEYWORDS[:6]]
    api = [get(f"/api/v1/search?q={q(k)}") for k in KEYWORDS]
    api += [get(f"/api/v1/search?q={q(k)}&type=provider") for k in KEYWORDS[:6]]
    providers = page_paths(standing, 500)
    groups = {
        "home": {"varied": [get("/")], "repeated": [get("/")]},
        "directory (facets)": {"varied": faceted, "repeated": faceted[:5]},
        "provider": {"varied": providers, "repeated": providers[:5]},
        "search": {"varied": searches, "repeated": searches[:3]},
        "API search": {"varied": api, "repeated": api[:3]},
        "verification": {"varied": asks, "repeated": asks[:20]},
    }
    # Only for the sustained load's mix.
    standing_slugs = set(standing.values_list("slug", flat=True))
    solutions = page_paths(SolutionPage.objects.live(), 600)
    solutions = [r for r in solutions if r[1].split("/")[2] in standing_slugs][:300]
    groups["_solution"] = {"varied": solutions}
    groups["_case"] = {"varied": page_paths(CasePage.objects.live(), 200) + [get("/cases/")] * 20}
    groups["_listing"] = {
        "varied": [get("/solutions/"), get("/solutions/?page=2"), get("/providers/")]
    }
    return groups


class Client:
    """One keep-alive HTTP/1.1 connection; reconnects when the server closes it."""

    def __init__(self, port: int):
        self.port = port
        self.conn: http.client.HTTPConnection | None = None
        self.headers = {
            "X-Forwarded-Proto": "https",
            "User-Agent": "portal-bench",
            "Accept": "text/html,application/json",
        }

    def send(self, request) -> tuple[int, str | None]:
        method, path, body = request
        headers = dict(self.headers)
        if body is not None:
            headers["Content-Type"] = "application/json"
        for attempt in range(2):
            reused = self.conn is not None
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                response.read()
            except (OSError, http.client.HTTPException) as exc:
                self.close()
                # A keep-alive connection the server closed meanwhile: retry once, as browsers do.
                stale = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)
                if reused and attempt == 0 and isinstance(exc, stale):
                    continue
                raise
            if response.will_close:
                self.close()
            return response.status, response.getheader("X-Page-Cache")
        raise AssertionError("unreachable")

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def _client_thread(port, requests, offset, deadline, count, out):
    client = Client(port)
    latencies, errors, samples, hits, misses = [], 0, [], 0, 0
    i = offset
    while (deadline is None and len(latencies) + errors < count) or (
        deadline is not None and time.perf_counter() < deadline
    ):
        request = requests[i % len(requests)]
        i += 1
        started = time.perf_counter()
        try:
            status, cache = client.send(request)
        except (OSError, http.client.HTTPException) as exc:  # socket, timeout, protocol
            errors += 1
            samples.append(f"{request[0]} {request[1]}: {exc!r}")
            continue
        if status >= 400:
            errors += 1
            samples.append(f"{request[0]} {request[1]}: {status}")
            continue
        latencies.append((time.perf_counter() - started) * 1000)
        hits += cache == "hit"
        misses += cache == "miss"
    client.close()
    out.append((latencies, errors, samples[:5], hits, misses))


def _load_process(port, requests, threads, first_offset, duration, count):
    out: list = []
    deadline = time.perf_counter() + duration if duration else None
    workers = [
        threading.Thread(
            target=_client_thread,
            args=(port, requests, first_offset + k * 7919, deadline, count, out),
        )
        for k in range(threads)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return out


def run_load(port, requests, *, clients=1, duration=None, count=None) -> dict:
    """``clients`` concurrent clients (threads over up to two processes) sending ``requests``
    in turn, for ``duration`` seconds or ``count`` requests each; latencies in ms."""
    from django.db import connections

    connections.close_all()  # nothing of the parent's connections in the forked children
    processes = min(2, clients)
    shares = [clients // processes + (k < clients % processes) for k in range(processes)]
    started = time.perf_counter()
    if processes == 1:
        parts = [_load_process(port, requests, clients, 0, duration, count)]
    else:
        context = multiprocessing.get_context("fork")
        with context.Pool(processes) as pool:
            parts = pool.starmap(
                _load_process,
                [
                    (port, requests, share, k * 104729, duration, count)
                    for k, share in enumerate(shares)
                ],
            )
    elapsed = time.perf_counter() - started
    latencies, errors, samples, hits, misses = [], 0, [], 0, 0
    for part in parts:
        for lat, err, smp, hit, miss in part:
            latencies += lat
            errors += err
            samples += smp
            hits += hit
            misses += miss
    return {
        "requests": len(latencies) + errors,
        "errors": errors,
        "error_samples": samples[:5],
        "elapsed": elapsed,
        "rps": (len(latencies) + errors) / elapsed,
        "p50": percentile(latencies, 0.50),
        "p95": percentile(latencies, 0.95),
        "p99": percentile(latencies, 0.99),
        "hit_ratio": hits / (hits + misses) if hits + misses else None,
    }


def percentile(values, fraction):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, round(fraction * len(ordered)) - 1)]


# --- Server ---------------------------------------------------------------------------------


class Server:
    """gunicorn as a child process, stopped (SIGTERM, then SIGKILL) when the block ends."""

    def __init__(self, args, env, label):
        self.args, self.env, self.label = args, env, label
        self.log = ROOT / "var" / "bench" / f"gunicorn-{label}.log"

    def __enter__(self):
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "portal.wsgi:application",
            "--bind",
            f"127.0.0.1:{self.args.port}",
            "--workers",
            str(self.args.workers),
            "--worker-class",
            self.args.worker_class,
            "--threads",
            str(self.args.threads),
            "--timeout",
            "60",
            "--keep-alive",
            "30",
            "--graceful-timeout",
            "5",
            "--forwarded-allow-ips",
            "127.0.0.1",
            "--error-logfile",
            str(self.log),
        ]
        progress(f"starting gunicorn ({self.label}): {' '.join(command[3:])}")
        with self.log.open("ab") as log:  # not our stdout: the pipe would outlive us
            self.process = subprocess.Popen(  # noqa: S603 - our own command line
                command,
                cwd=ROOT,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                start_new_session=True,
            )
        try:
            self._wait_until_ready()
        except BaseException:
            self.__exit__()
            raise
        return self

    def _wait_until_ready(self):
        deadline = time.monotonic() + 90
        client = Client(self.args.port)
        while True:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited with {self.process.returncode}; see {self.log}")
            try:
                status, _cache = client.send(get("/robots.txt"))
                if status == 200:
                    break
                raise SystemExit(f"/robots.txt answered {status}; see {self.log}")
            except (OSError, http.client.HTTPException):
                pass
            if time.monotonic() > deadline:
                raise SystemExit(f"gunicorn did not answer within 90 s; see {self.log}")
            time.sleep(0.3)
        client.close()

    def __exit__(self, *exc):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return False


def flush_cache() -> None:
    from django.core.cache import cache

    cache.clear()  # Redis database 5: the bench's own


def check(label, result) -> None:
    if result["errors"]:
        print(f"  {label}: {result['errors']} errors, e.g. {result['error_samples']}", flush=True)


def measure_groups(args, port, groups, static_url, mode) -> dict[str, dict]:
    key = "varied" if mode == "uncached" else "repeated"
    rows = {}
    for name, group in [(n, g) for n, g in groups.items() if not n.startswith("_")]:
        requests = group[key]
        if mode == "cached":  # warm-up: every URL cached (and the workers' own caches)
            for _ in range(2):
                run_load(port, requests, count=len(requests))
        latency = run_load(port, requests, count=args.requests)
        load = run_load(port, requests, clients=args.concurrency, duration=args.seconds)
        check(name, latency)
        check(name, load)
        rows[name] = {"latency": latency, "load": load}
        print_row(name, rows[name])
    static = [get(static_url)]
    run_load(port, static, count=20)
    rows["static file"] = {
        "latency": run_load(port, static, count=args.requests),
        "load": run_load(port, static, clients=args.concurrency, duration=args.seconds),
    }
    print_row("static file", rows["static file"])
    return rows


HEADER = (
    f"{'':22}{'p50 ms':>9}{'p95 ms':>9}{'req/s':>9}{'p95 ms':>9}{'cache hits':>12}{'errors':>8}"
)


def print_row(name, row) -> None:
    latency, load = row["latency"], row["load"]
    hits = load["hit_ratio"]
    print(
        f"{name:22}{latency['p50']:9.1f}{latency['p95']:9.1f}{load['rps']:9.0f}{load['p95']:9.1f}"
        f"{'' if hits is None else f'{hits:.0%}':>12}{latency['errors'] + load['errors']:8}",
        flush=True,
    )


def sustained_load(args, port, groups, static_url) -> dict:
    weights = {
        "home": 15,
        "directory (facets)": 20,
        "_listing": 5,
        "provider": 20,
        "_solution": 8,
        "_case": 7,
        "search": 8,
        "API search": 5,
        "verification": 5,
    }
    rng = random.Random(args.seed + 1)  # noqa: S311 - sample data
    mix = []
    for name, weight in weights.items():
        # Popularity as on a real site: the k-th URL of a group is asked for about 1/k as often.
        varied = groups[name]["varied"]
        popularity = [1 / (rank + 1) for rank in range(len(varied))]
        mix += rng.choices(varied, weights=popularity, k=weight * 100)
    mix += [get(static_url)] * 700
    rng.shuffle(mix)
    progress(
        f"sustained load: {args.clients} clients for {args.duration:.0f} s, PAGE_CACHE on, "
        f"mix {json.dumps(weights, ensure_ascii=False)} + static 7"
    )
    result = run_load(port, mix, clients=args.clients, duration=args.duration)
    hits = result["hit_ratio"]
    print(
        f"  {result['requests']} requests in {result['elapsed']:.1f} s = {result['rps']:.0f} req/s"
        f"  errors {result['errors']}  p50 {result['p50']:.1f} ms  p95 {result['p95']:.1f} ms"
        f"  p99 {result['p99']:.1f} ms  page-cache hits {'-' if hits is None else f'{hits:.0%}'}",
        flush=True,
    )
    check("sustained load", result)
    return result


def machine() -> dict[str, str]:
    import django
    import wagtail
    from django.db import connection

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = next(
        int(line.split()[1]) // 1024 // 1024
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    from django_redis import get_redis_connection

    redis = get_redis_connection("default").info("server")["redis_version"]
    return {
        "cpus": str(os.cpu_count()),
        "cpu": cpu,
        "memory": f"{memory} GB",
        "load average": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "Python speed": python_speed(),
        "PostgreSQL": postgres,
        "Redis": redis,
        "Python": platform.python_version(),
        "Django": django.get_version(),
        "Wagtail": wagtail.__version__,
    }


def main() -> None:
    args = parse_args()
    database_url = os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)
    if not database_url.startswith("postgres"):
        raise SystemExit("bench/over_http.py needs PostgreSQL (DATABASE_URL=postgres://…)")
    create_database(database_url, drop=args.rebuild)
    setup_django(server_env(args, page_cache=False))
    progress(f"database: {database_name(database_url)}")
    have = ensure_dataset(args, database_url)
    progress(", ".join(f"{v:,} {k}" for k, v in have.items()))
    if args.build_only:
        return
    static_url = collect_static()
    about = machine()
    print("machine: " + "; ".join(f"{k} {v}" for k, v in about.items()), flush=True)
    rng = random.Random(args.seed)  # noqa: S311 - sample data
    groups = request_groups(rng, min(have["certificates"], args.certificates))

    results = {"machine": about, "dataset": have, "args": vars(args) | {"json": None}}
    for mode in ("uncached", "cached"):
        flush_cache()
        with Server(args, server_env(args, page_cache=mode == "cached"), mode):
            progress(
                f"{mode}: latency over {args.requests} sequential requests; throughput with "
                f"{args.concurrency} clients for {args.seconds:.0f} s"
            )
            print(f"{'':22}{'sequential':>18}{f'{args.concurrency} clients':>18}")
            print(HEADER, flush=True)
            results[mode] = measure_groups(args, args.port, groups, static_url, mode)
            if mode == "cached":
                static = results[mode]["static file"]["load"]["rps"]
                cached_pages = ("home", "directory (facets)", "provider")
                for name in cached_pages:
                    ratio = results[mode][name]["load"]["rps"] / static
                    print(f"  {name}: {ratio:.0%} of the static file's throughput (target ≥ 50 %)")
                results["sustained"] = sustained_load(args, args.port, groups, static_url)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2, default=str))
        progress(f"figures written to {args.json}")
    if results["sustained"]["errors"]:
        raise SystemExit("the sustained load had errors")


if __name__ == "__main__":
    shutil.which("psql") or sys.exit("psql is needed (PostgreSQL client)")
    main()
