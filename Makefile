PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test system-deps bench bench-extract lint demo clean

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

test: $(TEST_STAMP) system-deps
	$(BIN)/python -m pytest -q -p no:cacheprovider

# Debian's chromium (browser tests) and PostgreSQL binaries (PostgreSQL store tests), when missing.
system-deps:
	@if [ ! -x /usr/bin/chromium ] || { ! command -v initdb >/dev/null && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; }; then \
	  echo "installing chromium and postgresql from Debian (needs root and apt-get)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium postgresql >/dev/null \
	    || echo "could not install them: the browser and PostgreSQL tests will fail and say what is missing"; \
	fi

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
