"""Benchmark of certificate verification and the certificate import at scale.

    DATABASE_URL=postgres://root@127.0.0.1:5432/portal_bench_training \\
        .venv/bin/python bench/certificates.py --certificates 1000000

Fills a separate database with that many certificates (kept for the next run: only the missing
ones are added), then times

- **verification**: ``POST /api/v1/certificates/verify`` and ``POST /certificates/`` through
  ``django.test.Client`` (full request: middleware, rate limit in the cache, the lookup query,
  rendering), 70 % matches, 15 % wrong names, 15 % unknown numbers; and the lookup function
  ``training.lookup.find`` alone. p50/p95 in milliseconds and SQL queries per request.
  Target (issue #7): p95 ≤ 10 ms at 1,000,000 certificates on PostgreSQL.
- **import**: a workbook of ``--import-rows`` new certificates through
  ``catalogue.workbook.import_workbook`` (both passes: validation, then compare and bulk write),
  then the same file again (all unchanged). Rows per second. Target: ≥ 5,000 rows/s. The
  imported rows are deleted afterwards so the database stays as built.

Database: ``DATABASE_URL`` if set (create the database first, e.g. ``createdb
portal_bench_training``), otherwise a SQLite file, ``var/bench/certificates.sqlite3``. The
certificates are written in chunks with the import's own writer (``COPY`` on PostgreSQL,
``bulk_create`` elsewhere; about a minute per million rows; ``build()`` is also used by
``bench/over_http.py``). ``ANALYZE`` runs before timing. Figures are printed, not asserted.

Measured 2026-11-26, PostgreSQL, 1,000,000 certificates, 2,000 lookups, one process, on a
2-core machine busy with other jobs (load average about 2):
  lookup.find()                    p50 1.35 ms, p95 1.78 ms (wrong name 0.42 ms, unknown number
                                   0.40 ms, match 1.39 ms: only a match loads the certificate)
  POST /api/v1/certificates/verify p50 1.87 ms, p95 2.41 ms, 1–2 queries
  POST /certificates/ (HTML page)  p50 7.7 ms, p95 13.9 ms, 5–6 queries (the site's page chrome:
                                   menu, site root; 7.3 ms p95 on a quieter run)
  import, 20,000 new rows          5,097 rows/s (COPY); re-import, all unchanged, 9,400 rows/s
  building the million             about 8,000 rows/s (bulk_create), about 2 minutes
On SQLite (10,000 rows): import 5,500 rows/s, re-import 5,900 rows/s.
"""

from __future__ import annotations

import argparse
import datetime
import io
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from machine import python_speed  # noqa: E402  (bench/, the script's directory)

DEFAULT_DB = ROOT / "var" / "bench" / "certificates.sqlite3"
BENCH_KEY = "bench-only-certificate-key"
SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡"
)
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚华建国志鹏宇浩然博文欣怡子涵梓轩雨萱"
CHUNK = 20_000


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--certificates", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=1_000, help="verification requests")
    parser.add_argument("--import-rows", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=20261126)
    return parser.parse_args()


def setup_django():
    if not os.environ.get("DATABASE_URL"):
        DEFAULT_DB.parent.mkdir(parents=True, exist_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{DEFAULT_DB}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    os.environ.setdefault("CERTIFICATE_HASH_KEY", BENCH_KEY)
    import django

    django.setup()


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def name_for(n: int) -> str:
    return (
        SURNAMES[n % len(SURNAMES)] + GIVEN[(n // 7) % len(GIVEN)] + GIVEN[(n // 131) % len(GIVEN)]
    )


def number_for(n: int) -> str:
    """Certificate n of the bench: SDSZ + year + serial (ten years of 100,000 each)."""
    return f"SDSZ{2015 + n // 100_000}{n % 100_000 + 1:06d}"


def id_number_for(n: int) -> str:
    from portal.identifiers import make_id_number

    birth = datetime.date(1960, 1, 1) + datetime.timedelta(days=(n // 1000) % 15_000)
    return make_id_number(n % 1000, birth.strftime("%Y%m%d"))


def programmes():
    """Three live programme pages (created once)."""
    from wagtail.models import Locale

    from portal.models import HomePage
    from training.models import ProgrammePage, TrainingIndexPage

    zh = Locale.get_default()
    index = TrainingIndexPage.objects.filter(locale=zh).first()
    if index is None:
        home = HomePage.objects.get(locale=zh)
        index = TrainingIndexPage(title="人才培训", slug="training")
        home.add_child(instance=index)
    pages = list(ProgrammePage.objects.filter(locale=zh).order_by("pk"))
    for n in range(len(pages), 3):
        page = ProgrammePage(title=f"基准培训项目{n + 1}", slug=f"bench-{n + 1}")
        index.add_child(instance=page)
        pages.append(page)
    return pages


def build(target: int, rng: random.Random) -> None:
    from django.db import transaction
    from django.utils import timezone

    from training.models import Certificate, new_token
    from training.personal import id_fingerprint
    from training.workbook import insert_certificates

    pages = programmes()
    have = Certificate.objects.filter(number__startswith="SDSZ20").count()
    if have >= target:
        return
    progress(f"{have} certificates; adding {target - have}")
    started = time.perf_counter()
    now = timezone.now()
    for start in range(have, target, CHUNK):
        rows = []
        for n in range(start, min(target, start + CHUNK)):
            fingerprint = id_fingerprint(id_number_for(n))
            issued = datetime.date(2015 + n // 100_000, 1, 1) + datetime.timedelta(days=n % 360)
            revoked = n % 500 == 7
            rows.append(
                Certificate(
                    number=number_for(n),
                    holder_name=name_for(n),
                    id_hash=fingerprint.hash,
                    id_masked=fingerprint.masked,
                    employer="济南智恒数字科技有限公司",
                    programme_id=pages[n % 3].pk,
                    score=Decimal(600 + n % 400) / 10,
                    issued_on=issued,
                    expires_on=issued.replace(year=issued.year + 3) if n % 3 == 1 else None,
                    status="revoked" if revoked else "valid",
                    revoked_on=issued + datetime.timedelta(days=30) if revoked else None,
                    revocation_reason="基准测试" if revoked else "",
                    token=new_token(),
                    created_at=now,
                    updated_at=now,
                )
            )
        with transaction.atomic():
            insert_certificates(rows)  # COPY on PostgreSQL, bulk_create elsewhere
        done = min(target, start + CHUNK)
        rate = (done - have) / (time.perf_counter() - started)
        if done % 100_000 == 0 or done == target:
            progress(f"  {done} certificates ({rate:,.0f}/s)")


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[max(0, round(fraction * len(ordered)) - 1)]


def report(label, times, queries=None):
    line = (
        f"{label}: {len(times)}  p50 {statistics.median(times):.2f} ms  "
        f"p95 {percentile(times, 0.95):.2f} ms  max {max(times):.2f} ms"
    )
    if queries:
        line += f"  queries/request {min(queries)}–{max(queries)}"
    print(line, flush=True)


def time_verification(args, rng: random.Random, total: int) -> None:
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from training import lookup

    settings.CERTIFICATE_LOOKUP_RATE_LIMIT = 10**9  # time the lookup, not the limit
    settings.ALLOWED_HOSTS = ["*"]
    asks, kinds = [], []
    for _ in range(args.requests):
        n = rng.randrange(total)
        draw = rng.random()
        if draw < 0.70:
            asks.append((number_for(n), name_for(n)))
            kinds.append("match")
        elif draw < 0.85:
            asks.append((number_for(n), "查无此人"))
            kinds.append("wrong name")
        else:
            asks.append((f"SDSZ2099{rng.randrange(10**6):06d}", name_for(n)))
            kinds.append("unknown number")

    client = Client()
    for number, name in asks[:20]:  # warm up connections and caches
        client.post(
            "/api/v1/certificates/verify",
            {"number": number, "name": name},
            content_type="application/json",
        )

    times, by_kind = [], {"match": [], "wrong name": [], "unknown number": []}
    for (number, name), kind in zip(asks, kinds, strict=True):
        started = time.perf_counter()
        lookup.find(number, name)
        elapsed = (time.perf_counter() - started) * 1000
        times.append(elapsed)
        by_kind[kind].append(elapsed)
    report("lookup.find()           ", times)
    # "In the same time": a wrong name and an unknown number should not be told apart.
    print(
        "  p50 by kind: "
        + ", ".join(f"{kind} {statistics.median(t):.3f} ms" for kind, t in by_kind.items() if t),
        flush=True,
    )

    for label, send in (
        (
            "POST /api/v1/certificates/verify",
            lambda number, name: client.post(
                "/api/v1/certificates/verify",
                {"number": number, "name": name},
                content_type="application/json",
            ),
        ),
        (
            "POST /certificates/ (HTML form) ",
            lambda number, name: client.post("/certificates/", {"number": number, "name": name}),
        ),
    ):
        times, queries, results = [], [], {}
        for number, name in asks:
            connection.queries_log.clear()
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = send(number, name)
                elapsed = (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                raise SystemExit(f"{label} answered {response.status_code}")
            times.append(elapsed)
            queries.append(len(captured))
            if "api" in label:
                result = response.json()["result"]
                results[result] = results.get(result, 0) + 1
        report(label, times, queries)
        if results:
            print(f"  results: {results}")


def time_import(args) -> None:
    import openpyxl

    from catalogue.workbook import import_workbook
    from training.models import Certificate

    pages = programmes()
    rows = args.import_rows
    # A normal workbook, saved as Excel and WPS save them: shared strings and a <dimension>
    # (openpyxl's write-only mode writes neither, which doubles the reading time).
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "证书"
    sheet.append(
        ["证书编号", "姓名", "身份证号", "工作单位", "培训项目", "考核成绩", "发证日期", "证书状态"]
    )
    for n in range(rows):
        sheet.append(
            [
                f"BENCH{n:08d}",
                name_for(n),
                id_number_for(n + 7),
                "青岛蓝海软件有限公司",
                pages[n % 3].title,
                60 + n % 40,
                datetime.date(2025, 1, 1) + datetime.timedelta(days=n % 300),
                "有效",
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    data = buffer.getvalue()
    Certificate.objects.filter(number__startswith="BENCH").delete()
    try:
        for label in ("import (all new)      ", "re-import (unchanged) "):
            started = time.perf_counter()
            result = import_workbook(data)
            elapsed = time.perf_counter() - started
            if not result.ok:
                raise SystemExit("\n".join(result.summary_lines()))
            counts = result.counts["证书"]
            print(
                f"{label}: {rows} rows in {elapsed:.2f} s = {rows / elapsed:,.0f} rows/s "
                f"(created {counts.created}, updated {counts.updated}, "
                f"unchanged {counts.unchanged})",
                flush=True,
            )
    finally:
        Certificate.objects.filter(number__startswith="BENCH").delete()


def main() -> None:
    args = parse_args()
    setup_django()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from training.models import Certificate

    progress(
        f"database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]} "
        f"{settings.DATABASES['default']['NAME']}"
    )
    progress(python_speed())
    call_command("migrate", verbosity=0)
    rng = random.Random(args.seed)  # noqa: S311 - sample data
    build(args.certificates, rng)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    total = Certificate.objects.count()
    progress(f"{total} certificates")
    time_verification(args, rng, min(total, args.certificates))
    if args.import_rows:
        time_import(args)


if __name__ == "__main__":
    main()
