# make run   -- a fresh clone to a running portal on http://127.0.0.1:8000
# make test  -- a fresh clone to the whole suite (ruff, then pytest)
# make serve -- the portal as in production: gunicorn, PostgreSQL, DEBUG off
# make load  -- 50 signed-in users for 60 s against make serve, on loopback
#              (LOAD_ARGS="--public": anonymous readers of the public pages, 200 req/s)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
PYTEST_ARGS ?=
PORT ?= 8000
# Links in e-mail point here (incluportal/emails.py): the address make run and
# make serve listen on, unless the environment gives the public one.
SITE_URL ?= http://127.0.0.1:$(PORT)

.PHONY: run serve load test install install-dev axe sysdeps sysdeps-browser messages makemessages lint format demo clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# What the portal runs (make run, make serve): requirements.txt only.
# Reinstalls only when the file changes.
$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# Tests, lint, browser and load tools on top (make test, make load).
$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

# axe-core for the accessibility scans of the browser journeys, from the npm
# registry at the version pinned in tests/browser/axe/package-lock.json.
AXE := tests/browser/axe/node_modules/axe-core/axe.min.js
$(AXE): tests/browser/axe/package-lock.json
	npm ci --prefix tests/browser/axe --no-audit --no-fund --loglevel=error
	touch $@

axe: $(AXE)

sysdeps:
	bash .ci/system-deps.sh

sysdeps-browser:
	bash .ci/system-deps.sh --browser

messages: install sysdeps
	$(MANAGE) compilemessages --ignore=$(VENV) --verbosity 0

# After adding strings: the Latvian catalogue and the public pages' catalogues
# (schemes/management/commands/public_messages.py; README, Languages).
makemessages: install-dev sysdeps
	$(MANAGE) public_messages

demo: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo

run: install sysdeps messages demo
	@echo ""
	@echo "IncluPortal on http://127.0.0.1:$(PORT)  (Ctrl+C to stop)"
	SITE_URL="$(SITE_URL)" $(MANAGE) runserver 127.0.0.1:$(PORT)

# DATABASE_URL (default: the local PostgreSQL, database incluportal), SECRET_KEY,
# WEB_CONCURRENCY, GUNICORN_THREADS come from the environment: see .ci/serve.sh.
serve: install sysdeps messages
	PORT=$(PORT) SITE_URL="$(SITE_URL)" bash .ci/serve.sh

# Starts make serve on a free port, signs in 50 users, prints the figures;
# LOAD_ARGS="--public": 200 anonymous requests a second on the public pages.
LOAD_ARGS ?=
load: install-dev sysdeps messages
	$(BIN)/python tests/load/run.py $(LOAD_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	# Security: ruff's S rules run above; bandit fails on any medium or high finding.
	$(BIN)/bandit -q -c pyproject.toml -r incluportal schemes benchmarks --severity-level medium
	# Architecture: the import arrows between the apps (pyproject.toml).
	$(BIN)/lint-imports

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: install-dev sysdeps-browser axe messages lint
	$(BIN)/pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache db.sqlite3
