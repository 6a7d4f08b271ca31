"""Test settings: fast hashing, in-memory email, isolated media."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F401,F403
from .base import SQLITE_OPTIONS, parse_cache_url

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Test clients log in without a request, which django-axes refuses; its tests switch it on.
AXES_ENABLED = False
# Tests log in with force_login and no second factor; tests/test_two_factor.py switches it on.
TWO_FACTOR_ENFORCED = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": parse_cache_url("locmem://")}  # never a shared cache, whatever CACHE_URL says
# Every test searches from one address; tests/test_search_pages.py checks the limit with its own.
SEARCH_RATE_LIMIT = (1_000_000, 60)
# Lexical only unless a test turns it on (tests/test_search_conformance.py's semantic cases).
SEARCH_SEMANTIC = False
MEDIA_ROOT = tempfile.mkdtemp(prefix="portal-test-media-")
STATIC_ROOT = tempfile.mkdtemp(prefix="portal-test-static-")
# Citizens' attachments of a run stay in the run: a file left by an earlier run never answers for this one's.
INTERACTION_PRIVATE_ROOT = Path(tempfile.mkdtemp(prefix="portal-test-private-"))
PORTAL_DOMAIN = "gov.test"
PORTAL_PORT = 80
if not os.environ.get("DATABASE_URL"):
    # SQLite in memory, migrated once and copied from var/test-db/ by later runs (tests/sqlite_template).
    # TEST NAME ":memory:": pytest-xdist's workers keep in-memory databases (pytest-django names a file
    # per worker for any engine but Django's own unless the test name is ":memory:").
    DATABASES = {"default": {"ENGINE": "tests.sqlite_template", "NAME": ":memory:", "TEST": {"NAME": ":memory:"}}}
    if os.environ.get("TEST_SQLITE_FILE"):
        # `make test`'s serial phase: a database file, whose writers queue as in the embedded default
        # (in memory, a second writer is refused at once; tests/test_operations_jobs.py races two).
        DATABASES["default"].update(TEST={"NAME": os.environ["TEST_SQLITE_FILE"]}, OPTIONS=SQLITE_OPTIONS)
