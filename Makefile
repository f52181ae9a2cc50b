# The two set-up commands are `make run` and `make test`; each builds what it needs on first use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-fast lint format screenshots bench clean serve loadtest lock messages

# Every target installs from the lock files in requirements/ (made by `make lock`), never from
# pyproject.toml's ranges, so each machine and CI get the same versions, checked against their
# sha256. Only pip is needed. The project itself goes in last, without dependencies, so that
# `pip check` can say when pyproject.toml asks for something the lock lacks: run `make lock`.
# A stamp is remade when its lock or pyproject.toml changes.
$(VENV)/.installed-run: requirements/run.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements/run.txt
	$(PY) -m pip install --quiet --no-deps -e .
	$(PY) -m pip check
	touch $@

# Runtime plus the dev extras (pytest, Playwright, axe, ruff, mypy).
$(VENV)/.installed-dev: requirements/dev.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements/dev.txt
	$(PY) -m pip install --quiet --no-deps -e .
	$(PY) -m pip check
	touch $@ $(VENV)/.installed-run

# Re-resolves the locks from pyproject.toml's ranges with uv, a resolver made for lock files
# (fast, and it locks for every platform and Python 3.11+ at once, with hashes); only this target
# needs it. Pins that still fit the ranges are kept; `make lock LOCK_ARGS=--upgrade` takes the
# newest that fit. s3.txt (runtime and the s3 extra) is resolved first and constrains run.txt,
# which constrains dev.txt, so the three agree on every package they share. uv resolves on PyPI
# (UV_INDEX_URL for a mirror); the hashes let pip install the same files from any index.
UV_VERSION := 0.13.9
UV_COMPILE = $(VENV)/bin/uv pip compile pyproject.toml --quiet --universal --python-version 3.11 \
	--generate-hashes --custom-compile-command "make lock" $(LOCK_ARGS)
lock:
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet uv==$(UV_VERSION)
	$(UV_COMPILE) --extra s3 --output-file requirements/s3.txt
	$(UV_COMPILE) --constraint requirements/s3.txt --output-file requirements/run.txt
	$(UV_COMPILE) --extra dev --constraint requirements/run.txt --output-file requirements/dev.txt

# The Russian catalog of the site's own messages, after a message was added or changed in the
# code or a template (README, "Translations"): re-extracts them into locale/ru/LC_MESSAGES/
# django.po (the project's makemessages says what is ours), then compiles django.mo from it.
# django.mo is committed, so `make run` needs Python only; tests/test_catalog.py checks that it
# matches django.po. Needs GNU gettext (apt-get install gettext).
messages: $(VENV)/.installed-run
	$(PY) manage.py makemessages --locale ru
	$(PY) manage.py compilemessages --locale ru --ignore .venv

run: $(VENV)/.installed-run
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@echo "Serving the site at http://$(HOST):$(PORT)/ (admin at /admin/). Stop with Ctrl+C."
	$(PY) manage.py runserver $(HOST):$(PORT)

# Every test: the fast tier and the system tests (marked `system`: gunicorn, nginx, Chromium,
# other processes, the machine's PostgreSQL and Redis). What CI runs.
test: $(VENV)/.installed-dev
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest $(PYTEST_ARGS)

# The fast tier only: in-process tests, no process, server or browser started (README).
test-fast: $(VENV)/.installed-dev
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest -m "not system" $(PYTEST_ARGS)

# ruff (lint and format), then mypy with django-stubs on the app code ([tool.mypy] in pyproject.toml).
lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .mypy_cache

# The README's pictures of the demo home page, at desktop and phone widths.
screenshots: $(VENV)/.installed-dev
	$(PY) -m pytest -q -p no:cacheprovider tests/browser/screenshots.py

# Throughput of every public page against a minimal view, on SQLite and PostgreSQL, at several
# content sizes; writes docs/performance.md. Needs wrk and ab (apt-get install wrk apache2-utils:
# ab measures HEAD, which wrk cannot) and the machine's PostgreSQL and Redis.
# Example: make bench BENCH_ARGS="--sizes 100,1000 --databases sqlite"
bench: $(VENV)/.installed-dev
	$(PY) bench/run.py $(BENCH_ARGS)

# The production stack on this machine (README, "make serve"): DEBUG off, static files collected
# and served by whitenoise, migrations applied, gunicorn with gunicorn.conf.py on $(HOST):$(PORT).
# Needs SECRET_KEY (environment or .env). Plain http on loopback: the https-only settings are off
# and the cache is a folder all workers share, unless the environment or .env sets them.
serve: $(VENV)/.installed-run
	@set -e; \
	has() { [ -n "$$(printenv "$$1")" ] || grep -qsE "^$$1=." "$${ENV_FILE:-.env}"; }; \
	if ! has SECRET_KEY; then \
	  echo "make serve runs with DEBUG off, which needs a SECRET_KEY of 50+ random characters" \
	    "in the environment or in .env. For example:" >&2; \
	  echo "  echo SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') >> .env" >&2; \
	  exit 1; \
	fi; \
	has CACHE_URL || export CACHE_URL="filecache://$${TMPDIR:-/tmp}/embassy-serve-cache"; \
	for name in SECURE_SSL_REDIRECT SESSION_COOKIE_SECURE CSRF_COOKIE_SECURE; do \
	  has $$name || export "$$name=false"; \
	done; \
	has SECURE_HSTS_SECONDS || export SECURE_HSTS_SECONDS=0; \
	export DEBUG=false; \
	$(PY) manage.py collectstatic --noinput -v0; \
	$(PY) manage.py migrate --noinput; \
	echo "Serving the production stack at http://$(HOST):$(PORT)/ (gunicorn; stop with Ctrl+C)."; \
	exec $(VENV)/bin/gunicorn --config gunicorn.conf.py --bind $(HOST):$(PORT)

# A bounded load test on loopback (bench/loadtest.py), through nginx with deploy/nginx.conf to
# two gunicorn app servers: 40 s of wrk at 32 connections with one worker killed with SIGKILL
# halfway (fails on any socket error or non-2xx/3xx response), the edge cache's throughput
# against a static file, and 20 s with every app server stopped, when the pages seen before must
# still answer 200. About two minutes; not part of `make test`. Example:
# LOADTEST_ARGS="--duration 60"; `bench/loadtest.py --help` lists the options.
loadtest: $(VENV)/.installed-run
	@test -x /usr/bin/wrk -a -x /usr/sbin/nginx -a -x /usr/bin/openssl || \
	  (apt-get update -qq && apt-get install -y -qq wrk nginx openssl >/dev/null)
	$(PY) bench/loadtest.py $(LOADTEST_ARGS)
