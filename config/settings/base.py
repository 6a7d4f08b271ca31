"""Settings shared by every environment; environment files override what differs."""

import os
from pathlib import Path

import dj_database_url

from config.cache_url import parse_cache_url
from config.objectstore import object_store_storages

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
    "supervision",
    "pagecache",
    "visits",
    "operations",
    "backoffice",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
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
    "django_tasks_db",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",  # its catalogue: the admin's "6 秒之前"
    # Last: its zh_Hans catalogue must not override shared wording such as "This field is required.".
    "captcha",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "operations.csp.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Right after static files: a cached page skips sessions, authentication and the page tree.
    "pagecache.middleware.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before CSRF, which would answer an oversized POST with a bare 400.
    "interaction.middleware.RequestTooLargeMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Marks the user verified once they gave a one-time code this session; the next one enforces it.
    "django_otp.middleware.OTPMiddleware",
    "operations.twofactor.TwoFactorMiddleware",
    "operations.middleware.AdminSessionRenewalMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # An account created with a temporary password chooses its own first (tells why: after messages).
    "operations.first_password.FirstPasswordMiddleware",
    "subsites.admin_scope.AdminObjectScopeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "moderation.context.CurrentRequestMiddleware",
    # Last, as django-axes requires: answers a locked-out login with its lockout page.
    "axes.middleware.AxesMiddleware",
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
DATABASES = {"default": dj_database_url.config(default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}", conn_max_age=60)}
# SQLite's writers queue instead of failing: a transaction takes the write lock when it begins (no
# reader-turned-writer deadlock between the web process and the task worker), and a writer waits up
# to 20 seconds for the lock.
SQLITE_OPTIONS = {"transaction_mode": "IMMEDIATE", "timeout": 20}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = SQLITE_OPTIONS
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "operations.passwords.MinimumLengthValidator",  # Django's, with its error in Chinese
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
# An S3-compatible object store for media and citizens' private attachments, so that app nodes
# keep no files (config/objectstore.py): OBJECT_STORE_URL (endpoint), OBJECT_STORE_BUCKET,
# OBJECT_STORE_ACCESS_KEY / _SECRET_KEY / _REGION. Documents are then served through Django.
OBJECT_STORE_URL = os.environ.get("OBJECT_STORE_URL", "")
if OBJECT_STORE_URL:
    STORAGES.update(
        object_store_storages(
            OBJECT_STORE_URL,
            os.environ.get("OBJECT_STORE_BUCKET", "portal"),
            os.environ.get("OBJECT_STORE_ACCESS_KEY", ""),
            os.environ.get("OBJECT_STORE_SECRET_KEY", ""),
            os.environ.get("OBJECT_STORE_REGION", "us-east-1"),
        )
    )
    WAGTAILDOCS_SERVE_METHOD = "serve_view"

# Wagtail
WAGTAIL_SITE_NAME = "县政府门户网站"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://localhost:8000")
WAGTAIL_I18N_ENABLED = False
# The admin in Chinese (backoffice/): a labelled sign-in form, one time zone (no English zone list).
WAGTAILADMIN_USER_LOGIN_FORM = "backoffice.forms.LoginForm"
WAGTAIL_USER_TIME_ZONES = ["Asia/Shanghai"]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("zh-hans", "简体中文")]
# ASCII slugs: a Chinese title leaves the slug empty and the page gets `<date>-<n>` (base/pages.py).
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# The admin's search (explorer, choosers, listings): the database backend with Chinese analysis
# (search/admin_search.py); "simple" keeps PostgreSQL from stemming the tokens.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.admin_search", "SEARCH_CONFIG": "simple"}}
# "cluster": the admin searches the public search's OpenSearch cluster (SEARCH_ENGINE = "opensearch").
ADMIN_SEARCH = os.environ.get("ADMIN_SEARCH", "database")
# Public search (search/, docs/search.md): "database" (SQLite FTS5 / PostgreSQL full text),
# Searches (the page and the JSON API) per client address and minute; more get HTTP 429.
SEARCH_RATE_LIMIT = (int(os.environ.get("SEARCH_RATE_LIMIT", "120")), 60)
# "opensearch" or "elasticsearch" at SEARCH_URL; index names start with SEARCH_INDEX_PREFIX.
SEARCH_ENGINE = os.environ.get("SEARCH_ENGINE", "database")
SEARCH_URL = os.environ.get("SEARCH_URL", "http://127.0.0.1:9200")
SEARCH_INDEX_PREFIX = os.environ.get("SEARCH_INDEX_PREFIX", "portal")
SEARCH_TIMEOUT = float(os.environ.get("SEARCH_TIMEOUT", "5"))
# Cluster index layout: shards and replicas of a new index (a replica needs a second node; a
# rebuild applies changes), how often it refreshes, and what a write (from the task worker, in
# bulk) waits for: "wait_for" the next refresh, or "false" (visible within the refresh interval).
SEARCH_SHARDS = int(os.environ.get("SEARCH_SHARDS", "1"))
SEARCH_REPLICAS = int(os.environ.get("SEARCH_REPLICAS", "0"))
SEARCH_REFRESH_INTERVAL = os.environ.get("SEARCH_REFRESH_INTERVAL", "1s")
SEARCH_WRITE_REFRESH = os.environ.get("SEARCH_WRITE_REFRESH", "wait_for")
# Semantic retrieval (docs/search.md): on when the model files are there (`make install` fetches them).
SEARCH_SEMANTIC = os.environ.get("SEARCH_SEMANTIC", "1") == "1"
SEARCH_SEMANTIC_MODEL = Path(
    os.environ.get("SEARCH_SEMANTIC_MODEL", PROJECT_DIR / "var" / "models" / "bge-small-zh-v1.5-q")
)
SEARCH_SEMANTIC_THREADS = int(os.environ.get("SEARCH_SEMANTIC_THREADS", "1"))
# numpy's OpenBLAS (the vector products of semantic search) would run a thread per CPU and keep them
# spinning between searches, taking the CPU from the database and the search node; set before numpy
# loads, as settings are.
os.environ.setdefault("OPENBLAS_NUM_THREADS", str(SEARCH_SEMANTIC_THREADS))
# Documents are always served through Django's view, whatever the storage: moderation.files lets the
# public have only documents that a live page uses (a draft's attachments stay private).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "wps", "et", "ofd", "txt", "zip"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Requires a description on every image; public templates use it as the alt text.
WAGTAILIMAGES_IMAGE_FORM_BASE = "base.forms.ImageForm"
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Moderation (审签): the completed workflow publishes, approvers need no publish permission,
# and any change after an approval needs approval again.
WAGTAIL_FINISH_WORKFLOW_ACTION = "moderation.finish.publish_approved_revision"
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = os.environ.get("NOTIFICATION_FROM_EMAIL", "portal@localhost")
# An approval task waiting longer than this is reminded again (remind_approvers command).
MODERATION_REMINDER_HOURS = int(os.environ.get("MODERATION_REMINDER_HOURS", "24"))
# Show the sign-off record (审签: step, approver, time) on published items.
MODERATION_PUBLIC_SIGNOFF = os.environ.get("MODERATION_PUBLIC_SIGNOFF", "1") == "1"
WAGTAIL_USER_EDIT_FORM = "wagtail.users.forms.UserEditForm"

# Django's cache (anonymous page cache, rate limits) from CACHE_URL: locmem://, file:///path, db://table,
# redis://host:port/db (config/cache_url.py). PAGE_CACHE_SECONDS=0 turns the page cache off.
CACHES = {"default": parse_cache_url(os.environ.get("CACHE_URL", "locmem://"))}
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
# Reverse-proxy caches in front of the app nodes (Varnish, scripts/services/varnish.sh), comma-separated
# base URLs: publications purge exactly the affected addresses there too (pagecache/proxy.py).
WAGTAILFRONTENDCACHE = {
    f"proxy{n}": {"BACKEND": "pagecache.proxy.VarnishBackend", "LOCATION": url.strip()}
    for n, url in enumerate(os.environ.get("PROXY_CACHE_URLS", "").split(","))
    if url.strip()
}

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
    # The applicant's period to send a requested correction (条例 art. 30: "a reasonable period").
    "disclosure_applicant_correction": {"amount": 15, "unit": "workdays"},
    "disclosure_third_party": {"amount": 15, "unit": "workdays"},
    "disclosure_reply": {"amount": 20, "unit": "workdays"},
    "disclosure_extension_max": {"amount": 20, "unit": "workdays"},
    "near_due": {"amount": 1, "unit": "workdays"},
}
# Two-factor sign-in (operations/twofactor.py): superusers and the portal centre group must use it.
# Off only in config/settings/test.py; the two-factor tests switch it on (docs/deploy.md).
TWO_FACTOR_ENFORCED = True
# The name the authenticator app shows next to the code.
OTP_TOTP_ISSUER = "政府门户网站"
# Members of this group triage all cases and see every unit's cases (the portal centre).
INTERACTION_CENTRE_GROUP = "互动交流中心"
# Letters to the county leaders (领导信箱) go to the unit with this code, the county government office;
# without an active one they wait for the portal centre's triage.
INTERACTION_LEADER_MAIL_UNIT = os.environ.get("INTERACTION_LEADER_MAIL_UNIT", "zfb")
# Submissions accepted per client address and window (seconds).
# The captcha asks for a small sum (3+5=) in large, upright, noise-free digits that people of every
# age can read; the form's 换一张 button draws a new one without losing what was typed.
CAPTCHA_CHALLENGE_FUNCT = "captcha.helpers.math_challenge"
CAPTCHA_MATH_CHALLENGE_OPERATOR = "×"
CAPTCHA_FONT_SIZE = 36
CAPTCHA_IMAGE_SIZE = (150, 50)
CAPTCHA_LETTER_ROTATION = None
CAPTCHA_NOISE_FUNCTIONS = ("captcha.helpers.noise_null",)
CAPTCHA_FOREGROUND_COLOR = "#1a1a1a"
INTERACTION_RATE_LIMIT = (int(os.environ.get("INTERACTION_RATE_LIMIT", "10")), 3600)
INTERACTION_MAX_BODY_CHARS = 5000
INTERACTION_ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024
INTERACTION_ATTACHMENT_EXTENSIONS = ["pdf", "jpg", "jpeg", "png", "doc", "docx"]
# Citizens' attachments are private: kept outside MEDIA_ROOT, served only through the admin.
INTERACTION_PRIVATE_ROOT = Path(os.environ.get("INTERACTION_PRIVATE_ROOT", VAR_DIR / "private"))

# Supervision rule engine (supervision/rules/, docs/supervision.md). "national": the single-veto floors of
# 国办秘函〔2019〕19号 — a veto at the threshold, an early warning from the *_warn_* value; never relax them.
# "county": the county notice's stricter duties — a shortfall is a warning-level finding. Consultation
# and complaint limits are the interaction app's stored deadlines (INTERACTION_RULES).
SUPERVISION_RULES = {
    "national": {
        "homepage_stale_days": 14,
        "homepage_warn_days": 10,
        "dynamic_column_days": 14,
        "dynamic_column_warn_days": 10,
        "notice_policy_column_days": 183,
        "notice_policy_column_warn_days": 153,
        "plan_personnel_column_days": 365,
        "stale_columns_veto": 5,
        "should_update_columns_veto": 10,
        "blank_columns_veto": 5,
        # Columns whose content the platform generates (the interaction platform, the disclosure directory).
        "blank_exempt_column_types": ["interaction", "disclosure"],
        "unanswered_veto_days": 90,
        "unanswered_warn_days": 60,
        "service_guide_elements": [
            "title",
            "legal_basis",
            "conditions",
            "materials",
            "accepting_agency",
            "time_limit",
            "contact_phone",
            "procedure",
        ],
        "availability_days": 7,
        "availability_veto_ratio": 0.05,
        "availability_warn_ratio": 0.01,
        "probe_timeout_seconds": 15,
        "link_timeout_seconds": 15,
        # 征集调查: the results (意见采纳情况) are due this many days after a consultation closes.
        "survey_results_days": 30,
        # 政务新媒体: an account without a post for two weeks counts as dormant (僵尸号).
        "new_media_stale_days": 14,
        "new_media_warn_days": 10,
    },
    "county": {
        "township_news_per_day": 1,
        "township_news_per_month": 30,
        "department_news_per_month": 15,
        "notice_hours": 12,
        "document_hours": 24,
        "fixed_info_hours": 24,
        "interpretation_workdays": 3,
        "score_per_warning": 5,
        # Annual reports: (month, day) deadlines in the following year.
        "website_report_due": (1, 31),
        "disclosure_report_due": (1, 31),
        "government_disclosure_report_due": (3, 31),
    },
}
# The link checker and the availability probe never fetch a host that resolves to a private, loopback,
# link-local, multicast, reserved or unspecified address (supervision/fetch.py), except the hosts listed
# here (comma-separated in the environment; ".example.org" = that domain and its subdomains), e.g. a
# portal whose own name resolves to an intranet address. Tests list 127.0.0.1 for their local server.
SUPERVISION_ALLOWED_PRIVATE_HOSTS = [
    host.strip() for host in os.environ.get("SUPERVISION_ALLOWED_PRIVATE_HOSTS", "").split(",") if host.strip()
]

# Operations and security (operations app; docs/deploy.md).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Admin login throttling: 5 failures for one account from one address lock it for 30 minutes.
# Reverse proxies in front of the application whose X-Forwarded-For is believed (base/client.py).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT") or 0)
AXES_CLIENT_IP_CALLABLE = "base.client.client_address"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "operations/lockout.html"
# Sessions end when the browser closes, and admin sessions after 2 hours without a request
# (operations.middleware renews them on every admin request).
SESSION_COOKIE_AGE = 2 * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Content-Security-Policy for the public sites; operations.csp relaxes it for the Wagtail admin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'", PORTAL_DOMAIN, f"*.{PORTAL_DOMAIN}"],
    }
}
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Uploads: Wagtail checks extensions and sizes; operations.uploads checks documents' real content.
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
WAGTAILDOCS_DOCUMENT_FORM_BASE = "operations.uploads.DocumentForm"
# Background tasks on the database queue (production): failed tasks are retried this many times
# in all, waiting TASKS_RETRY_BASE_SECONDS × 2^(attempt-1) (at most an hour) in between.
TASKS_MAX_ATTEMPTS = 5
TASKS_RETRY_BASE_SECONDS = 60
# /health/ reports the task queue degraded when a due task has waited longer than this.
HEALTH_MAX_TASK_WAIT_SECONDS = 600
# /health/ shows its component details to staff users and to requests sending
# `Authorization: Bearer <HEALTH_TOKEN>` (monitoring); empty: staff users only.
HEALTH_TOKEN = os.environ.get("HEALTH_TOKEN", "")
# backup_site writes its archives here.
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", VAR_DIR / "backups"))
# "auto": pg_dump on PostgreSQL, Django fixtures elsewhere; "fixtures": always fixtures (an archive that
# restores on SQLite and PostgreSQL alike, made inside the caller's transaction).
BACKUP_FORMAT = os.environ.get("BACKUP_FORMAT", "auto")
