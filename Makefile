# One-command setup and the project's everyday tasks. See README.md.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
POSTGRES_URL ?= postgres://root@127.0.0.1:5432/test

.PHONY: run serve install test test-postgres test-e2e lint format messages check bench bench-directory bench-search bench-certificates clean search-eval search-eval-postgres

# The stamp files make a second `make run` skip what is already done.
$(VENV)/.installed: pyproject.toml constraints.txt
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $@

install: $(VENV)/.installed

var/translations.stamp: $(VENV)/.installed $(wildcard */locale/*/LC_MESSAGES/django.po) portal/management/commands/compile_translations.py
	$(MANAGE) compile_translations
	@mkdir -p var && touch $@

var/demo.stamp: $(VENV)/.installed $(wildcard */migrations/*.py) $(wildcard */demo.py) $(wildcard */demo_content.py) $(wildcard */demo_text.py)
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_data
	$(MANAGE) ensure_dev_admin
	@mkdir -p var && touch $@

# The index again when what is indexed, or how it is analysed, has changed.
var/index.stamp: var/demo.stamp $(wildcard */models.py) $(wildcard search/*.py search/backends/*.py search/dictionary/*)
	$(MANAGE) update_index
	@mkdir -p var && touch $@

# Scheduled publishing (公示 windows: go-live and expiry) needs publish_scheduled every minute;
# in development a loop beside the server does it, in production cron or a timer (docs/deploy.md).
run: var/translations.stamp var/index.stamp
	@echo "Admin: http://$(HOST):$(PORT)/admin/  login admin / admin"
	@trap 'kill $$scheduler 2>/dev/null' EXIT INT TERM; \
	( while true; do $(MANAGE) publish_scheduled >/dev/null 2>&1; sleep 60; done ) & scheduler=$$!; \
	$(MANAGE) runserver $(HOST):$(PORT)

# The browser tests run in a session of their own: they need the data migrations' rows restored
# after each live-server test (serialized rollback), which fails after ordinary tests have run
# in the same session.
test: $(VENV)/.installed var/translations.stamp
	$(PY) -m pytest -m "not e2e"
	$(PY) -m pytest tests/e2e

# BROWSER_TESTS=no leaves out the browser tests (CI runs them once, with the SQLite suite).
test-postgres: $(VENV)/.installed var/translations.stamp
	DATABASE_URL=$(POSTGRES_URL) $(PY) -m pytest --create-db -m "not e2e"
	[ "$(BROWSER_TESTS)" = no ] || DATABASE_URL=$(POSTGRES_URL) $(PY) -m pytest --create-db tests/e2e

test-e2e: $(VENV)/.installed var/translations.stamp
	$(PY) -m pytest tests/e2e

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Refresh the English catalogue after changing interface strings, then commit the .po files.
messages: $(VENV)/.installed
	$(MANAGE) makemessages -l en --ignore ".venv/*" --ignore "var/*" --ignore "tests/*"
	$(MANAGE) compile_translations

check: $(VENV)/.installed
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

# Speed, printed not asserted. `make bench`: the whole site over HTTP (bench/over_http.py) — a
# PostgreSQL database portal_bench (BENCH_DATABASE_URL; created if missing, kept for the next
# run) with 10,000 providers, 30,000 solutions, 3,000 cases and 1,000,000 certificates,
# gunicorn with the production settings on loopback, Redis database 5; latency and throughput
# per page uncached and cached against a static file, then 60 s at 64 clients. Needs psql,
# PostgreSQL and Redis on 127.0.0.1. The two older benches time code paths in one process:
# the directory (separate SQLite file, or DATABASE_URL) and certificate verification/import.
BENCH_DATABASE_URL ?= postgres://root@127.0.0.1:5432/portal_bench
bench: $(VENV)/.installed
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) bench/over_http.py

bench-directory: $(VENV)/.installed
	$(PY) bench/directory.py --providers 10000 --solutions 30000 --reuse

# Search as issue #4 measures it: warm, in one process, on SQLite (var/bench/search.sqlite3)
# and on PostgreSQL (the database of `make bench`).
bench-search: $(VENV)/.installed
	$(PY) bench/search_speed.py
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) bench/search_speed.py

bench-certificates: $(VENV)/.installed
	$(PY) bench/certificates.py --certificates 1000000

# Search quality on the demo content: precision@10 and recall@100 per kind of query.
search-eval: var/index.stamp
	$(MANAGE) search_eval

EVAL_DATABASE_URL ?= postgres://root@127.0.0.1:5432/portal_eval
search-eval-postgres: $(VENV)/.installed
	psql "$(POSTGRES_URL)" -tc "SELECT 1 FROM pg_database WHERE datname = 'portal_eval'" | grep -q 1 \
		|| psql "$(POSTGRES_URL)" -c "CREATE DATABASE portal_eval"
	DATABASE_URL=$(EVAL_DATABASE_URL) $(MANAGE) migrate --noinput
	DATABASE_URL=$(EVAL_DATABASE_URL) $(MANAGE) load_demo_data
	DATABASE_URL=$(EVAL_DATABASE_URL) $(MANAGE) search_eval

clean:
	rm -rf var db.sqlite3 static media .pytest_cache
