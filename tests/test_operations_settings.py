"""Production settings from the environment: `check --deploy` is clean with the configuration
.env.example documents, missing secrets and a missing cache are refused, and gunicorn's
configuration loads."""

import json
import os
import re
import subprocess
import sys
import tempfile

from django.conf import settings
from django.test import SimpleTestCase

PROJECT = str(settings.PROJECT_DIR)
KEY = "prod-test-" + "k3y-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH"


def run(*args, **env):
    """Run `python manage.py …` (or gunicorn) with production settings and the given environment."""
    with tempfile.TemporaryDirectory() as var:
        environ = {
            key: value
            for key, value in os.environ.items()
            if key not in ("DATABASE_URL", "CACHE_URL", "DJANGO_SECRET_KEY", "CI")
        }
        environ.update(
            DJANGO_SETTINGS_MODULE="config.settings.production", PORTAL_VAR_DIR=var, PORTAL_DOMAIN="yunxi.gov.example"
        )
        environ.update(env)
        return subprocess.run(args, cwd=PROJECT, env=environ, capture_output=True, text=True, timeout=300)


def manage(*args, **env):
    return run(sys.executable, "manage.py", *args, **env)


def documented():
    """The filled-in values of .env.example, except directories (they default to under PORTAL_VAR_DIR)."""
    pairs = (
        line.split("=", 1)
        for line in (settings.PROJECT_DIR / ".env.example").read_text().splitlines()
        if "=" in line and not line.startswith("#")
    )
    return {name: value for name, value in pairs if value and not value.startswith("/")}


PRODUCTION = {
    "DJANGO_SECRET_KEY": KEY,
    "DATABASE_URL": "postgres://portal:secret@127.0.0.1:5432/portal",
    "CACHE_URL": "redis://127.0.0.1:6379/0",
}
PRINT_SETTINGS = """
import json
import re
from django.conf import settings as s
print(json.dumps({
    "hosts": s.ALLOWED_HOSTS, "tasks": s.TASKS["default"]["BACKEND"],
    "static": s.STORAGES["staticfiles"]["BACKEND"], "db": s.DATABASES["default"]["ENGINE"],
    "health_checks": s.DATABASES["default"]["CONN_HEALTH_CHECKS"],
    "log": {k: s.LOGGING["handlers"]["file"][k] for k in ("class", "when", "backupCount")},
    "email": [s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS, s.EMAIL_TIMEOUT],
    "secure": [s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_PROXY_SSL_HEADER],
}))
"""


class ProductionSettingsTest(SimpleTestCase):
    def test_check_deploy_reports_no_issues_with_the_documented_configuration(self):
        environment = documented()
        self.assertTrue(environment["CACHE_URL"].startswith("redis://"), environment)
        result = manage("check", "--deploy", "--fail-level", "WARNING", DJANGO_SECRET_KEY=KEY, **environment)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("System check identified no issues", result.stdout)
        self.assertNotIn("interaction.W001", result.stdout + result.stderr)

    def test_check_deploy_warns_about_a_cache_without_atomic_increments(self):
        for url in ("file:///tmp/portal-cache", "db://portal_cache"):
            result = manage("check", "--deploy", "--fail-level", "WARNING", **{**PRODUCTION, "CACHE_URL": url})
            self.assertNotEqual(result.returncode, 0, url)
            self.assertIn("interaction.W001", result.stderr, url)

    def test_missing_secret_key_database_or_cache_is_refused_clearly(self):
        result = manage("check", DATABASE_URL=PRODUCTION["DATABASE_URL"])
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("DJANGO_SECRET_KEY must be set in production", result.stderr)
        result = manage("check", DJANGO_SECRET_KEY=KEY)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("DATABASE_URL must be set in production", result.stderr)
        result = manage("check", DJANGO_SECRET_KEY=KEY, DATABASE_URL=PRODUCTION["DATABASE_URL"])
        self.assertNotEqual(result.returncode, 0)
        self.assertIn(
            "CACHE_URL must be set in production (config.settings.production): a cache shared by "
            "every worker with atomic increments, e.g. redis://127.0.0.1:6379/0",
            result.stderr,
        )

    def test_environment_reaches_the_settings(self):
        result = manage(
            "shell",
            "-c",
            PRINT_SETTINGS,
            EMAIL_HOST="smtp.yunxi.example",
            EMAIL_PORT="587",
            EMAIL_USE_TLS="1",
            ALLOWED_HOSTS="portal.internal, 10.0.0.5",
            **PRODUCTION,
        )
        self.assertEqual(result.returncode, 0, result.stderr)
        values = json.loads(result.stdout.strip().splitlines()[-1])
        self.assertEqual(values["hosts"], ["yunxi.gov.example", ".yunxi.gov.example", "portal.internal", "10.0.0.5"])
        self.assertEqual(values["tasks"], "django_tasks_db.DatabaseBackend")
        self.assertEqual(values["static"], "whitenoise.storage.CompressedManifestStaticFilesStorage")
        self.assertEqual((values["db"], values["health_checks"]), ("django.db.backends.postgresql", True))
        self.assertEqual(
            values["log"],
            {"class": "operations.logs.SharedTimedRotatingFileHandler", "when": "midnight", "backupCount": 180},
        )
        self.assertEqual(values["email"], ["smtp.yunxi.example", 587, True, 10])
        self.assertEqual(values["secure"], [True, True, True, ["HTTP_X_FORWARDED_PROTO", "https"]])

    def test_gunicorn_configuration_sizes_workers_from_the_cpus(self):
        result = run(
            sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py", "--print-config", "config.wsgi", **PRODUCTION
        )
        self.assertEqual(result.returncode, 0, result.stderr)
        config = dict(re.findall(r"^(\w+)\s+= (.*)$", result.stdout, re.M))
        self.assertEqual(int(config["workers"]), os.cpu_count() + 1)
        self.assertEqual((config["threads"], config["timeout"], config["worker_class"]), ("1", "30", "sync"))
        self.assertEqual(config["accesslog"], "-")
