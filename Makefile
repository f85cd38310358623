# The two commands: `make run` and `make test`. Both create .venv and install on first use.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
FLASK := CRM_ENV=development $(BIN)/flask --app wsgi
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test e2e lint format install migrate demo bench clean translations-extract translations-compile

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

migrate: install
	$(FLASK) db upgrade

demo: migrate
	$(FLASK) crm demo

run: demo
	@$(FLASK) crm demo-logins
	@echo "Serving on http://$(HOST):$(PORT)/ (Ctrl+C to stop)"
	$(FLASK) run --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check crm tests config.py wsgi.py

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format crm tests config.py wsgi.py

test: lint
	CRM_ENV=test $(BIN)/python -m pytest

# Speed goals, measured (figures printed, never asserted in the unit tests).
bench: install
	$(BIN)/python scripts/bench_questions.py
	$(BIN)/python scripts/bench_search.py

CHROMIUM ?= /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Browser tests in real Chromium (Debian's package: Playwright downloads no browser here).
e2e: install
	$(BIN)/pip install --quiet -e '.[dev,e2e]'
	@test -x $(CHROMIUM) || ($(SUDO) apt-get update && $(SUDO) apt-get install -y chromium)
	E2E_CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest -m e2e tests/e2e

clean:
	rm -rf $(VENV) instance/*.sqlite3* instance/test-uploads

# Translations (Dutch): extract every marked string into the template, merge it into the
# Dutch catalogue (new strings arrive empty), translate them in crm/translations/nl/LC_MESSAGES/messages.po,
# then compile. tests/i18n fails while a string is untranslated or the .mo is stale.
translations-extract: install
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --no-location --sort-output \
		--project "Creative Lab CRM" -o crm/translations/messages.pot .
	$(BIN)/pybabel update -i crm/translations/messages.pot -d crm/translations -l nl \
		--no-fuzzy-matching --ignore-obsolete

translations-compile: install
	$(BIN)/pybabel compile -d crm/translations -l nl --statistics
