# Signaal. `make run` starts the platform with demo data; `make test` runs everything.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8000
# The PostgreSQL and Redis the second test run uses (CI's machine has both running).
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/signaal
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15

.PHONY: install run migrate demo test lint typecheck unit test-sqlite test-postgres e2e-deps bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(PY) manage.py migrate --no-input

demo: migrate
	$(PY) manage.py load_demo

run: demo
	$(PY) manage.py collectstatic --no-input --verbosity 0
	@echo "Signaal on http://127.0.0.1:$(PORT)/"
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: install
	$(VENV)/bin/ruff check src tests bench scripts
	$(VENV)/bin/ruff format --check src tests bench scripts

typecheck: install
	$(VENV)/bin/mypy

# Debian's Chromium for the browser tests (Playwright drives it; no browser download).
e2e-deps:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "installing Debian's chromium for the browser tests"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
		|| { echo "could not install chromium (try: sudo apt-get install chromium)"; exit 1; }; }

test-sqlite: install e2e-deps
	$(VENV)/bin/pytest -q -p no:cacheprovider

test-postgres: install
	@if DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(PY) scripts/services_check.py; then \
		DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) \
			$(VENV)/bin/pytest -q -p no:cacheprovider src/signaal -m "not e2e"; \
	elif [ -n "$$CI" ]; then \
		echo "CI is set but PostgreSQL/Redis are not reachable: failing"; exit 1; \
	else \
		echo "PostgreSQL/Redis not reachable: skipping the second run (CI would fail here)"; \
	fi

test: lint typecheck test-sqlite test-postgres

bench: install
	$(PY) bench/engine.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
