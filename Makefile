# procure: `make run` serves the demo, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint install browser translations clean bench messages

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "procure needs Python 3.11 or newer")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) translations

translations: $(STAMP)
	$(BIN)/pybabel compile --statistics -d procure/translations 2>&1 | tail -n 1

# Web app on http://127.0.0.1:$(PORT) (default 5000) and the scheduler, on the embedded SQLite
# database. `make run PORT=8000` serves elsewhere; e-mail links follow (PROCURE_BASE_URL)
# unless PROCURE_BASE_URL is already set.
PORT ?= 5000
HOST ?= 127.0.0.1
run: install
	$(BIN)/procure db upgrade
	$(BIN)/procure demo --if-empty
	@echo "procure: http://$(HOST):$(PORT)  (Ctrl-C stops the web app and the scheduler)"
	@export PROCURE_BASE_URL="$${PROCURE_BASE_URL:-http://$(HOST):$(PORT)}"; \
	  trap 'kill $$sched 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/procure scheduler & sched=$$!; \
	  $(BIN)/procure run --host $(HOST) --port $(PORT)

# Debian's Chromium for the browser tests (Playwright cannot download its own here).
browser:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium missing: browser tests will be skipped (apt-get install chromium)"; fi; }

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check procure tests
	$(BIN)/mypy

# The whole suite, on SQLite and (when reachable or startable) PostgreSQL; types first.
test: install browser
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/pytest

bench: install
	$(BIN)/procure bench match --suppliers 100000

clean:
	rm -rf $(VENV) instance .pytest_cache .mypy_cache

# Extract the French source strings, update the English catalogue, fill it from the
# features' procure/translations/en-*.json files and list what is left untranslated.
messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o /tmp/procure-messages.pot .
	$(BIN)/pybabel update --ignore-obsolete -i /tmp/procure-messages.pot -d procure/translations -l en
	for f in procure/translations/en-*.json; do $(BIN)/python scripts/fill_po.py procure/translations/en/LC_MESSAGES/messages.po $$f | head -1; done
