"""Local development: the embedded default (SQLite, database search, in-process tasks)."""

import os

from .base import *  # noqa: F401,F403
from .base import PORTAL_DOMAIN, VAR_DIR

DEBUG = True
# A development-only key: production.py refuses to start without its own.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-insecure-key-do-not-deploy")
PORTAL_PORT = int(os.environ.get("PORTAL_PORT", "8000"))
ALLOWED_HOSTS = ["localhost", f".{PORTAL_DOMAIN}", "127.0.0.1", "[::1]"]
# The availability probe may fetch the local development sites (loopback addresses).
SUPERVISION_ALLOWED_PRIVATE_HOSTS = [f".{PORTAL_DOMAIN}", "127.0.0.1"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
VAR_DIR.mkdir(parents=True, exist_ok=True)
