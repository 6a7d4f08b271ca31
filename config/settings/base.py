"""Settings shared by every environment; environment files override what differs."""
import os
from pathlib import Path

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", PROJECT_DIR / "var"))

INSTALLED_APPS = [
    "base",
    "home",
    "subsites",
    "content",
    "search",
    "moderation",
    "interaction",
    "wagtail.contrib.settings",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Last: its zh_Hans catalogue must not override shared wording such as "This field is required.".
    "captcha",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "moderation.context.CurrentRequestMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "site" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "base.context_processors.display_modes",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# The embedded default is SQLite under var/; production passes DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}", conn_max_age=60
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
# site/locale: the shared site template; locale: completion of Wagtail's own zh_Hans catalogue.
LOCALE_PATHS = [PROJECT_DIR / "site" / "locale", PROJECT_DIR / "locale"]

STATICFILES_DIRS = [PROJECT_DIR / "site" / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Wagtail
WAGTAIL_SITE_NAME = "县政府门户网站"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://localhost:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "wps", "et", "ofd", "txt", "zip"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ALLOW_UNICODE_SLUGS = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Moderation (审签): the completed workflow publishes, approvers need no publish permission,
# and any change after an approval needs approval again.
WAGTAIL_FINISH_WORKFLOW_ACTION = "moderation.finish.publish_approved_revision"
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = os.environ.get("NOTIFICATION_FROM_EMAIL", "portal@localhost")
# An approval task waiting longer than this is reminded again (remind_approvers command).
MODERATION_REMINDER_HOURS = int(os.environ.get("MODERATION_REMINDER_HOURS", "24"))
WAGTAIL_USER_EDIT_FORM = "wagtail.users.forms.UserEditForm"

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# The platform: the portal domain every subsite host hangs below, and the port
# the sites are served on (80 in production behind the web server).
PORTAL_DOMAIN = os.environ.get("PORTAL_DOMAIN", "localhost")
PORTAL_PORT = int(os.environ.get("PORTAL_PORT", "80"))
PORTAL_NAME = os.environ.get("PORTAL_NAME", "云溪县人民政府")
# The organisation code that prefixes the 索引号 of items published by the portal itself.
PORTAL_CREDIT_CODE = os.environ.get("PORTAL_CREDIT_CODE", "11339900000000000X")

LOGIN_URL = "wagtailadmin_login"

# Public interaction (咨询/投诉/建议/依申请公开). County defaults; every rule is
# {"amount": n, "unit": "hours" | "days" | "workdays" | "months"}. See interaction/rules.py.
INTERACTION_RULES = {
    "consultation_reply": {"amount": 3, "unit": "workdays"},
    "complaint_ack": {"amount": 24, "unit": "hours"},
    "complaint_important": {"amount": 3, "unit": "days"},
    "complaint_reply": {"amount": 15, "unit": "workdays"},
    "suggestion_reply": {"amount": 15, "unit": "workdays"},
    "national_floor": {"amount": 3, "unit": "months"},
    "disclosure_correction": {"amount": 7, "unit": "workdays"},
    "disclosure_third_party": {"amount": 15, "unit": "workdays"},
    "disclosure_reply": {"amount": 20, "unit": "workdays"},
    "disclosure_extension_max": {"amount": 20, "unit": "workdays"},
    "near_due": {"amount": 1, "unit": "workdays"},
}
# Members of this group triage all cases and see every unit's cases (the portal centre).
INTERACTION_CENTRE_GROUP = "互动交流中心"
# Submissions accepted per client address and window (seconds).
INTERACTION_RATE_LIMIT = (int(os.environ.get("INTERACTION_RATE_LIMIT", "10")), 3600)
INTERACTION_MAX_BODY_CHARS = 5000
INTERACTION_ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024
INTERACTION_ATTACHMENT_EXTENSIONS = ["pdf", "jpg", "jpeg", "png", "doc", "docx"]
# Citizens' attachments are private: kept outside MEDIA_ROOT, served only through the admin.
INTERACTION_PRIVATE_ROOT = Path(os.environ.get("INTERACTION_PRIVATE_ROOT", VAR_DIR / "private"))
