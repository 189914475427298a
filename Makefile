# The README's two commands are `make run` and `make test`; CI calls the same targets.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DEV := DJANGO_DEBUG=1

.PHONY: run setup test lint format check check-data system-packages bench audit

$(VENV)/installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/dev-installed: requirements-dev.txt requirements.txt $(VENV)/installed
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --silent --no-audit --no-fund

## Install, prepare the SQLite database with the fixtures, serve on 127.0.0.1:8000.
run: setup
	$(DEV) $(PY) manage.py runserver 127.0.0.1:8000

setup: $(VENV)/installed
	$(DEV) $(PY) manage.py setup_atlas

## Debian's Chromium for the browser tests (Playwright cannot download browsers here),
## a Java runtime for the HTML checker (vnu.jar), Redis and wrk for the multi-server tests.
system-packages:
	@test -x /usr/bin/chromium && command -v java >/dev/null && command -v redis-server >/dev/null && command -v wrk >/dev/null || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium default-jre-headless redis-server wrk >/dev/null)

## The whole test suite (SQLite by default; set DATABASE_URL for PostgreSQL).
test: $(VENV)/dev-installed system-packages node_modules/axe-core/axe.min.js
	$(PY) -m pytest -n auto --dist loadfile

PYTHON_FILES = $(shell git ls-files '*.py' | grep -v /migrations/)

lint: $(VENV)/dev-installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check templates
	$(VENV)/bin/django-upgrade --target-version 5.2 --check $(PYTHON_FILES)

format: $(VENV)/dev-installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djhtml templates
	-$(VENV)/bin/django-upgrade --target-version 5.2 $(PYTHON_FILES)

check: $(VENV)/dev-installed
	DJANGO_SETTINGS_MODULE=peacekeeping.settings_test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=peacekeeping.settings_test $(PY) manage.py makemigrations --check --dry-run

## The shipped data, set up in a scratch SQLite database and checked by check_data.
check-data: $(VENV)/installed
	rm -f /tmp/atlas-check-data.sqlite3 /tmp/atlas-check-data.sqlite3-wal /tmp/atlas-check-data.sqlite3-shm
	$(DEV) DATABASE_URL=sqlite:////tmp/atlas-check-data.sqlite3 $(PY) manage.py setup_atlas
	$(DEV) DATABASE_URL=sqlite:////tmp/atlas-check-data.sqlite3 $(PY) manage.py check_data

## The side-by-side benchmark (see BENCHMARKS.md); takes about half an hour.
bench: $(VENV)/installed
	bash bench/run.sh

## Supply chain: known vulnerabilities in every installed package, and a security lint.
## Where PyPI's vulnerability data is reachable, PIP_AUDIT_FLAGS=--strict also fails on
## packages it could not check (this workplace's package mirror does not serve that data).
## The benchmark starts our own servers and wrk, so subprocess checks are off for bench/ only.
audit: $(VENV)/dev-installed
	$(VENV)/bin/pip-audit --progress-spinner off $(PIP_AUDIT_FLAGS)
	$(VENV)/bin/bandit -q -r atlas sources organizations missions documents datasets countries lessons website peacekeeping gunicorn.conf.py manage.py -x "*/migrations/*"
	$(VENV)/bin/bandit -q -r bench -s B404,B603,B607 -x "bench/work,bench/.venv"
