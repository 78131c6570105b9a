"""Production settings must fail fast without secrets and pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    # The browser tests allow async-unsafe ORM calls in the test process only.
    unset = {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean_env = {k: v for k, v in os.environ.items() if k not in unset}
    clean_env.update(env, DJANGO_SETTINGS_MODULE="portal.settings.production")
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key():
    result = run_manage("check", ALLOWED_HOSTS="portal.example.cn")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_manage("check", SECRET_KEY="x" * 60)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_production_deploy_check_reports_nothing():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "DEBUG",
        SECRET_KEY="k3y-" + "a1B2c3D4e5F6g7H8" * 4,
        ALLOWED_HOSTS="portal.example.cn",
        CERTIFICATE_HASH_KEY="h4sh-" + "Q9w8E7r6T5y4U3i2" * 4,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def shared_cache_prefix(database_url: str) -> str:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.CACHES['default']['KEY_PREFIX'])",
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "DATABASE_URL": database_url,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_each_database_keeps_its_own_keys_in_the_shared_cache():
    """The dev server's cache (a directory, or Redis) is shared by every process that runs with
    the dev settings, whatever database it uses: `make search-eval` on SQLite after `make
    search-eval-postgres` took PostgreSQL's facet indexes for its own."""
    sqlite = shared_cache_prefix("sqlite:///var/db.sqlite3")
    assert sqlite == shared_cache_prefix("sqlite:///var/db.sqlite3")
    assert sqlite != shared_cache_prefix("sqlite:///var/bench/search.sqlite3")
    assert sqlite != shared_cache_prefix("postgres://root@127.0.0.1:5432/portal_eval")
    assert shared_cache_prefix("postgres://root@127.0.0.1:5432/portal_eval") != (
        shared_cache_prefix("postgres://root@127.0.0.1:5432/portal_bench")
    )
    # One database reached through a connection pooler by some processes: one cache.
    assert shared_cache_prefix("postgres://root@127.0.0.1:5432/portal_eval") == (
        shared_cache_prefix("postgres://root@localhost:6432/portal_eval")
    )
