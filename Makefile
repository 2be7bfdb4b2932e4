# Two commands do all the set-up: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
PORT ?= 5000
STAMP := $(VENV)/.installed

.PHONY: install run test fuzz worker lint format clean

$(STAMP): pyproject.toml
	@# PyICU compiles against the system's ICU; Debian ships it as libicu-dev.
	@pkg-config --exists icu-i18n 2>/dev/null || { \
	  echo "installing ICU headers (libicu-dev) for PyICU"; \
	  apt-get install -y -q libicu-dev pkg-config >/dev/null; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

run: install
	$(FLASK) db upgrade
	$(FLASK) demo load
	@key=$$($(FLASK) keys ensure-admin); \
	if [ -n "$$key" ]; then \
	  echo ""; echo "Admin API key (shown only once, keep it):"; echo "  export VERIFY_KEY=$$key"; \
	fi
	$(FLASK) serve --port $(PORT)

test: install
	$(BIN)/pytest -q

# The API fuzzed longer than in `make test` (FUZZ_EXAMPLES requests per operation and role).
FUZZ_EXAMPLES ?= 500
fuzz: install
	VERIFY_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest -q tests/test_fuzz.py

worker: install
	$(BIN)/celery -A tasks.worker worker --loglevel=INFO --concurrency=1 --beat

lint: install
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format . && $(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) instance .pytest_cache .ruff_cache
