# newsetl: `make run` loads the seeds, `make test` runs the test suite. Both build .venv from the lock file.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: help run test lint lock bench bench-queries bench-sources bench-faults clean
help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-8s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	@# --no-deps: the lock already pins every dependency with its hash, so pip installs it as written instead of
	@# resolving again (pip 23.2 resolves an extra such as lxml[html_clean] to the newest release and then
	@# refuses it as unpinned); pip check proves the pinned set is complete and consistent
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements.lock
	$(BIN)/pip check
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

run: $(VENV)/.installed  ## ingest seeds/ into the embedded PostgreSQL (or DATABASE_URL)
	$(BIN)/newsetl ingest seeds/

test: $(VENV)/.installed  ## the whole test suite against a real PostgreSQL
	$(BIN)/pytest

lint: $(VENV)/.installed  ## ruff and mypy
	$(BIN)/ruff check pipeline tests migrations benchmarks
	$(BIN)/mypy

bench: $(VENV)/.installed  ## cleaning throughput on the seeds repeated to 1,000 documents
	$(BIN)/python benchmarks/clean_speed.py

bench-queries: $(VENV)/.installed  ## the example queries on 10,000 synthetic articles (EXPLAIN ANALYZE)
	$(BIN)/python benchmarks/query_speed.py

bench-sources: $(VENV)/.installed  ## documents/s per source type, memory while streaming a large WARC
	$(BIN)/python benchmarks/source_speed.py

bench-faults: $(VENV)/.installed  ## bad input, outages, kills and races: documents lost and duplicated (must be 0)
	$(BIN)/python benchmarks/fault_injection.py

lock:  ## re-pin every dependency with hashes (no download addresses recorded)
	uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 \
	  --no-emit-index-url --no-emit-find-links -o requirements.lock

clean:  ## remove the virtual environment
	rm -rf $(VENV)
