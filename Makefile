# kieubao — the two commands that matter: `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
KIEUBAO := $(BIN)/kieubao
DEMO_PEOPLE ?= 3000
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium
BENCH_PEOPLE ?= 1000000
# pytest-xdist workers for make test: one per core
PYTEST_WORKERS ?= auto
LINT_PATHS := src tests conftest.py $(wildcard bench)

export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test lint format setup deps assets messages migrate demo serve bench bench-6m \
        chromium openapi clean help

help:
	@echo "make run    - set everything up and serve http://$(HOST):$(PORT) with demo data"
	@echo "make test   - set up what the tests need, lint, and run the whole suite"
	@echo "make bench  - benchmarks at BENCH_PEOPLE=$(BENCH_PEOPLE) people (results in bench/results/)"

# --- set-up ---------------------------------------------------------------------------------
$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

deps: $(VENV)/.installed
assets: node_modules/.installed

# Compiled message catalogues are build output (not committed).
messages: deps
	@command -v msgfmt >/dev/null || (apt-get update -qq && apt-get install -y -qq gettext >/dev/null)
	cd src/kieubao && DEBUG=1 ../../$(KIEUBAO) compilemessages -v0

setup: deps assets messages

# --- run --------------------------------------------------------------------------------------
migrate: setup
	DEBUG=1 $(KIEUBAO) migrate --noinput -v0

demo: migrate
	DEBUG=1 $(KIEUBAO) demo --people $(DEMO_PEOPLE) --if-empty
	DEBUG=1 $(KIEUBAO) insights demo --if-empty
	DEBUG=1 $(KIEUBAO) knowledge demo --if-empty
	DEBUG=1 $(KIEUBAO) trade demo --if-empty
	DEBUG=1 $(KIEUBAO) proposals demo --if-empty
	DEBUG=1 $(KIEUBAO) events demo --if-empty
	DEBUG=1 $(KIEUBAO) investment demo --if-empty
	DEBUG=1 $(KIEUBAO) campaigns demo --if-empty
	DEBUG=1 $(KIEUBAO) activities demo --if-empty

run: demo
	@echo "Serving kieubao on http://$(HOST):$(PORT)/ (Ctrl-C to stop)"
	DEBUG=1 $(KIEUBAO) runserver $(HOST):$(PORT)

# --- test -------------------------------------------------------------------------------------
chromium:
	@test -x $(CHROMIUM) || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

lint: deps
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/ruff format --check $(LINT_PATHS)

format: deps
	$(BIN)/ruff check --fix $(LINT_PATHS)
	$(BIN)/ruff format $(LINT_PATHS)

test: setup chromium lint
	KIEUBAO_TESTING=1 CHROMIUM=$(CHROMIUM) $(BIN)/pytest -q -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

openapi: deps
	KIEUBAO_TESTING=1 $(KIEUBAO) export_openapi_schema --api kieubao.api.api --indent 2 \
	  --output docs/openapi.json

# --- benchmarks -----------------------------------------------------------------------------
bench: setup
	$(BIN)/python bench/run.py --people $(BENCH_PEOPLE)
	$(BIN)/python bench/insights.py --people $(BENCH_PEOPLE) --reuse
	$(BIN)/python bench/knowledge/evaluate.py
	$(BIN)/python bench/knowledge_scale.py
	$(BIN)/python bench/trade_scale.py
	$(BIN)/python bench/events_scheduler.py

bench-6m: setup
	$(BIN)/python bench/run.py --people 6500000
	$(BIN)/python bench/insights.py --people 6500000 --reuse

clean:
	rm -rf $(VENV) node_modules var .pytest_cache
