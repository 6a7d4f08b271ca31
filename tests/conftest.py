"""Fixtures for the whole suite, and one marker per app so a developer runs one app's tests:
`make test-app APP=interaction` (`pytest -m interaction`). A file `test_<app>_<topic>.py` belongs to
<app>; the files named otherwise are listed in OTHER_FILES. `browser` marks the real-browser tests;
`serial` the tests that disturb what every worker shares (`make test` runs them after the others, alone).

`make test` hands the workers one test class at a time in the order collected here (pytest-xdist
`--dist loadscope --no-loadscope-reorder`): the longest ones (LONGEST_FIRST) go first, so that no
worker is still busy with one of them while the other has nothing left."""

import os
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connections
from django.test import TestCase, TransactionTestCase

APPS = (
    "backoffice",
    "base",
    "content",
    "home",
    "interaction",
    "moderation",
    "operations",
    "pagecache",
    "search",
    "subsites",
    "supervision",
)
OTHER_FILES = {
    "test_admin_url_isolation": "subsites",
    "test_admin_wording": "base",
    "test_browser_a11y": "base",
    "test_browser_editorial_flow": "moderation",
    "test_browser_portal": "home",
    "test_browser_services": "interaction",
    "test_browser_services_admin": "interaction",
    "test_demo_county": "home",
    "test_error_pages": "base",
    "test_import_content": "content",
    "test_isolation": "subsites",
    "test_isolation_paths": "subsites",
    "test_object_store": "operations",
    "test_offline_bundle": "operations",
    "test_page_cache": "pagecache",
    "test_page_cache_scope": "pagecache",
    "test_portal_public": "home",
    "test_proxy_cache": "pagecache",
    "test_smoke_setup": "subsites",
    "test_translations": "base",
    "test_two_factor": "operations",
    "test_units": "subsites",
    "test_admin_search": "search",
}
# Test files whose classes take a minute or more each (the demo county, the real-browser walks, the
# benchmark imports), slowest first: started first so they overlap the many short classes.
LONGEST_FIRST = (
    "test_demo_county",
    "test_browser_portal",
    "test_browser_a11y",
    "test_search_benchmarks",
    "test_search_collection",
    "test_browser_services_admin",
    "test_browser_services",
    "test_browser_editorial_flow",
    "test_admin_wording",
)


def app_of(module_name):
    """The app a test module belongs to, or None."""
    if module_name in OTHER_FILES:
        return OTHER_FILES[module_name]
    topic = module_name.removeprefix("test_")
    return next((app for app in APPS if topic == app or topic.startswith(app + "_")), None)


def pytest_configure(config):
    for app in APPS:
        config.addinivalue_line("markers", f"{app}: tests of the {app} app (make test-app APP={app})")
    config.addinivalue_line("markers", "browser: drives a real Chromium (tests/browser/)")
    config.addinivalue_line("markers", "serial: disturbs a shared service; runs alone after the parallel run")


@pytest.hookimpl(trylast=True)  # after pytest-django's own ordering
def pytest_collection_modifyitems(items):
    for item in items:
        name = Path(str(item.fspath)).stem
        app = app_of(name)
        if app:
            item.add_marker(app)
        if name.startswith("test_browser_"):
            item.add_marker("browser")

    def rank(item):
        name = Path(str(item.fspath)).stem
        return LONGEST_FIRST.index(name) if name in LONGEST_FIRST else len(LONGEST_FIRST)

    items.sort(key=rank)  # stable: the rest keep their order


@pytest.fixture(autouse=True)
def empty_cache():
    """Start every test with an empty cache: the locmem cache (cached pages, rate-limit counters)
    outlives the database rollback between tests."""
    cache.clear()


@pytest.fixture(autouse=True)
def restore_after_transactional_test(request):
    """A transactional test (TransactionTestCase, live servers) empties the database when it ends; under
    pytest-xdist the tests that follow it on the same worker may be plain TestCases, which expect what the
    migrations created (the portal home, the default site, the workflows). Put that back after each one
    (under xdist only: a PostgreSQL restore test replaces the tables, which this then trips over)."""
    yield
    instance = getattr(request, "instance", None)
    if not isinstance(instance, TransactionTestCase) or isinstance(instance, TestCase):
        return
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return  # one process: pytest-django runs the plain TestCases first, as Django's runner does
    for alias in connections:
        contents = getattr(connections[alias], "_test_serialized_contents", None)
        if contents:
            # Sequences go on (as in Django's own teardown): the search engine's FTS5 tables, which flush
            # does not know, are keyed by the entries' ids.
            call_command(
                "flush",
                verbosity=0,
                interactive=False,
                database=alias,
                inhibit_post_migrate=True,
                reset_sequences=False,
            )
            connections[alias].creation.deserialize_db_from_string(contents)
