"""Production: every secret and endpoint comes from the environment (see .env.example, docs/deploy.md)."""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403
from .base import PORTAL_DOMAIN, STORAGES, VAR_DIR, parse_cache_url


def required(name, why=""):
    value = os.environ.get(name, "")
    if not value:
        raise ImproperlyConfigured(
            f"{name} must be set in production (config.settings.production){why}; see .env.example."
        )
    return value


def flag(name, default):
    value = os.environ.get(name) or ("1" if default else "0")
    return value.lower() in ("1", "true", "yes", "on")


DEBUG = False
SECRET_KEY = required("DJANGO_SECRET_KEY")
# Every subsite is served on <code>.PORTAL_DOMAIN; ALLOWED_HOSTS adds further names (comma-separated).
ALLOWED_HOSTS = [PORTAL_DOMAIN, f".{PORTAL_DOMAIN}"] + [
    host.strip() for host in os.environ.get("ALLOWED_HOSTS", "").split(",") if host.strip()
]

# PostgreSQL; connections are reused and checked before use, so a database restart heals itself.
DATABASES = {
    "default": dj_database_url.parse(
        required("DATABASE_URL"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE") or 600),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = 5

# Mail: an unreachable server fails fast; notifications stay queued and are retried.
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST") or "localhost"
EMAIL_PORT = int(os.environ.get("EMAIL_PORT") or 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = flag("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = flag("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL") or f"noreply@{PORTAL_DOMAIN}"
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Static files: hashed, compressed and served by whitenoise from STATIC_ROOT (collectstatic).
# Media stay as base.py chose them (local disk, or the object store with OBJECT_STORE_URL).
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}

# One cache shared by every worker and the task worker (page cache generation, rate limits), named
# explicitly: the rate limits need atomic increments (Redis or Memcached; deploy check interaction.W001).
CACHES = {
    "default": parse_cache_url(
        required("CACHE_URL", ": a cache shared by every worker with atomic increments, e.g. redis://127.0.0.1:6379/0")
    )
}

# Background tasks on the database queue, run by `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# HTTPS behind a reverse proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = flag("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^health/$"]  # monitoring may probe over plain HTTP
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS") or 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = [f"https://{PORTAL_DOMAIN}", f"https://*.{PORTAL_DOMAIN}"]
# Behind the reverse proxy (nginx appends the visitor's address to X-Forwarded-For): base/client.py.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT") or 1)

# Logs: one file per day under LOG_DIR, kept 180 days (网络安全法: at least six months),
# shared safely by the gunicorn workers and the task worker. LOG_DIR=- logs to stdout only (app nodes
# of a scale-out, whose host keeps the logs, docs/deploy.md).
LOG_DIR = os.environ.get("LOG_DIR") or str(VAR_DIR / "log")
LOG_HANDLERS = ["console"] if LOG_DIR == "-" else ["file", "console"]
if LOG_DIR != "-":
    os.makedirs(LOG_DIR, exist_ok=True)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(process)d %(message)s"},
    },
    "handlers": {
        "file": {
            "class": "operations.logs.SharedTimedRotatingFileHandler",
            "filename": os.path.join(LOG_DIR, "portal.log"),
            "when": "midnight",
            "backupCount": 180,
            "encoding": "utf-8",
            "formatter": "plain",
        },
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "root": {"handlers": LOG_HANDLERS, "level": os.environ.get("LOG_LEVEL") or "INFO"},
    "loggers": {
        "django.security": {"handlers": LOG_HANDLERS, "level": "INFO", "propagate": False},
        "axes": {"handlers": LOG_HANDLERS, "level": "INFO", "propagate": False},
    },
}
if LOG_DIR == "-":
    del LOGGING["handlers"]["file"]
