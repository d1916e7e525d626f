# Set-up and everyday commands. Everything installs into .venv from PyPI (no other network).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PLUGINS := $(wildcard plugins/brandlint-*)

.PHONY: setup demo test lint bench clean vscode

$(BIN)/brandlint: pyproject.toml $(wildcard plugins/*/pyproject.toml)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,nlp,lsp,lint,ray]' $(foreach p,$(PLUGINS),-e '$(p)[test]')
	touch $(BIN)/brandlint

setup: $(BIN)/brandlint

## Lint the shipped example content with the example brand guide (exit 1: it has findings).
demo: setup
	cd examples && ../$(BIN)/brandlint check . ; test $$? -le 1

## Run the whole test suite.
test: setup
	$(BIN)/python -m pytest -q

## Static checks: ruff (lint and format), mypy on src/brandlint, import-linter's layering contracts.
lint: setup
	$(BIN)/ruff check src plugins tests bench
	$(BIN)/ruff format --check src plugins tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

## Build the VS Code extension (editors/vscode) into editors/vscode/brandlint-0.1.0.vsix:
## npm packages only (npm ci from the committed lock file, tsc, @vscode/vsce); no VS Code download.
vscode:
	cd editors/vscode && npm ci --no-audit --no-fund && npm run compile && npm run package

bench: setup
	$(BIN)/python bench/bench_core.py

clean:
	rm -rf $(VENV) .brandlint_cache build dist
