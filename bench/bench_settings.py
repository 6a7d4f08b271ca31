"""Settings of bench/load.sh's gunicorn: production settings, the bench URLconf, and the captcha's
test mode (the load tool answers every captcha with "PASSED"; never use this outside the bench)."""

from config.settings.production import *  # noqa: F401,F403

ROOT_URLCONF = "bench.bare_view"
CAPTCHA_TEST_MODE = True
