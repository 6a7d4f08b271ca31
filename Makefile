# The two entry points of the README: `make run` (demo portal) and `make test` (whole suite).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1

.PHONY: run test install migrate demo check messages wagtail-messages clean

CATALOGUE_DIRS := base home subsites content search site

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py setup_demo

## Set everything up and serve the demo county on http://localhost:8000 (SQLite, nothing else needed).
run: demo
	$(PY) manage.py runserver $(HOST):8000

## Install and run the whole suite (system checks, migrations check, tests).
test: install
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest

## Re-extract and compile the zh_Hans catalogues (needs gettext's msgfmt/xgettext).
messages: install
	for dir in $(CATALOGUE_DIRS); do \
		mkdir -p $$dir/locale && (cd $$dir && ../$(VENV)/bin/django-admin makemessages -l zh_Hans --no-location && ../$(VENV)/bin/django-admin compilemessages -l zh_Hans) || exit 1; \
	done

## List Wagtail admin strings still missing from locale/ (the zh_Hans completion; needs gettext).
wagtail-messages: install
	$(PY) scripts/wagtail_messages.py --compile

check: install
	$(PY) manage.py check

clean:
	rm -rf $(VENV) var
