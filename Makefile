# Two entry points: `make run` and `make test`. Both create .venv on first use and are idempotent.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test

.PHONY: run test bench clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "tutor needs Python 3.11 or newer (found: $$($(PYTHON) --version 2>&1))."; \
		  echo "Point make at one, e.g.: make run PYTHON=python3.12"; exit 1; }
	@$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || \
		{ echo "Python's venv module is missing. On Debian/Ubuntu: sudo apt install python3-venv"; \
		  exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(STAMP_TEST): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,speech,workshop,postgres]'
	touch $@ $(STAMP_RUN)

run: $(STAMP_RUN)
	$(BIN)/tutor

test: $(STAMP_TEST)
	$(BIN)/ruff check tutor tests bench tools
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

bench: $(STAMP_TEST)
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) build dist .mypy_cache .pytest_cache .ruff_cache
