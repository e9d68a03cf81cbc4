PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test bench bench-extract lint demo clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	touch $(STAMP)

$(TEST_STAMP): $(STAMP) pyproject.toml
	$(BIN)/pip install -q -e '.[test]'
	touch $(TEST_STAMP)

run: $(STAMP)
	$(BIN)/marsad run

demo: $(STAMP)
	$(BIN)/marsad demo

test: $(TEST_STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider

bench: $(TEST_STAMP)
	$(BIN)/pip install -q -e '.[test,bench]'
	$(BIN)/python -m benchmarks

bench-extract: $(TEST_STAMP)
	$(BIN)/pip install -q -e '.[test,bench]'
	$(BIN)/python -m benchmarks extract

lint: $(TEST_STAMP)
	$(BIN)/pip install -q ruff mypy
	$(BIN)/ruff check marsad tests
	$(BIN)/mypy marsad --ignore-missing-imports

clean:
	rm -rf $(VENV) marsad-data
