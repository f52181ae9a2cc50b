# The two set-up commands are `make run` and `make test`; each builds what it needs on first use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format screenshots bench clean

# Runtime dependencies only; remade when pyproject.toml changes.
$(VENV)/.installed-run: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

# Runtime plus the dev extras (pytest, Playwright, axe, ruff).
$(VENV)/.installed-dev: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@echo "Serving the site at http://$(HOST):$(PORT)/ (admin at /admin/). Stop with Ctrl+C."
	$(PY) manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.installed-dev
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache

# The README's pictures of the demo home page, at desktop and phone widths.
screenshots: $(VENV)/.installed-dev
	$(PY) -m pytest -q -p no:cacheprovider tests/browser/screenshots.py

# Throughput of every public page against a minimal view, on SQLite and PostgreSQL, at several
# content sizes; writes docs/performance.md. Needs wrk (apt-get install wrk) and the machine's
# PostgreSQL and Redis. Example: make bench BENCH_ARGS="--sizes 100,1000 --databases sqlite"
bench: $(VENV)/.installed-dev
	$(PY) bench/run.py $(BENCH_ARGS)
