"""Settings of the app nodes started by tests/test_scale_out.py: production's, with static files served
from the app directories (the test runs no collectstatic, which the manifest storage needs)."""

from config.settings.production import *  # noqa: F401,F403
from config.settings.production import STORAGES

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
