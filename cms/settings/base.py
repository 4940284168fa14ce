"""Settings shared by every environment. Anything that differs between machines is read from
the environment (see README.md, "Configuration")."""

import datetime
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from cms.logging import init_sentry, logging_config

from .env import (
    content_languages,
    env_bool,
    env_hosts,
    env_int,
    env_list,
    env_rate,
    env_str,
    env_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_hosts("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "cms",
    "signing",
    "content_models",
    "review",
    "claims",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.frontend_cache",
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
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "api",
    "delivery",
    "outbox",
    "kiosk",
    "demo",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # First, so that every log line and every response (a redirect too) has the request's id.
    "cms.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "cms.content_language.ContentLanguageMiddleware",
    "delivery.middleware.AdminWritesAtomic",
    "delivery.middleware.HttpCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "review.public_web.PublicRedirectMiddleware",  # Wagtail's, to public pages only
]

ROOT_URLCONF = "cms.urls"


def _checkout_folder(name: str) -> list[Path]:
    """A checkout keeps templates/, static/ and locale/ at its top; an installed wheel carries
    them inside the cms package (setup.py), where the cms app's own folders serve them."""
    folder = BASE_DIR / name
    return [folder] if folder.is_dir() else []


WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": _checkout_folder("templates"),
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# The embedded default is a SQLite file under var/; production sets DATABASE_URL (PostgreSQL).
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
# PostgreSQL: parameters bound by the server, and a statement run often on a connection
# prepared there (psycopg's prepare_threshold), so it is planned once per connection, not per
# request: a document read costs a quarter as much. Behind PgBouncer in transaction mode
# (older than 1.21, without prepared-statement support) set DB_PREPARE_THRESHOLD=0.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "DB_SERVER_SIDE_BINDING", True
):
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=env_int("DB_PREPARE_THRESHOLD", 5) or None
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Content languages: the first is the default, whose URLs carry no language prefix. Codes
# Django knows (its own name for each is what patients see on the language switch).
CONTENT_LANGUAGES = env_list("CONTENT_LANGUAGES", ["en"])
LANGUAGE_CODE = CONTENT_LANGUAGES[0]
LANGUAGES = content_languages(CONTENT_LANGUAGES)
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
# wagtail-localize translates nothing by machine unless a translator is configured here.
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
# A new translation starts as a draft, whatever its source's state: it goes live only through
# clinical review by a reviewer for its language.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Wagtail's admin messages reworded for clinical review ("submitted for clinical review").
LOCALE_PATHS = _checkout_folder("locale")
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = _checkout_folder("static")
MEDIA_URL = env_str("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "renditions": {"BACKEND": "cms.media_storage.RenditionStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Wagtail's page editor posts many fields for structured pages.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = env_str("WAGTAIL_SITE_NAME", "Clinical Content CMS")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {
    "default": {
        # PostgreSQL full-text search on PostgreSQL, the portable fallback on SQLite.
        "BACKEND": "wagtail.search.backends.database",
    }
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "rtf", "txt", "xlsx"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
# A file the image library cannot decode is a form error, not a 500.
WAGTAILIMAGES_IMAGE_FORM_BASE = "content_models.image_forms.ImageForm"
# Renditions are public at their address: their names get a random prefix (cms/media_storage.py).
WAGTAILIMAGES_RENDITION_STORAGE = "renditions"
# Medical copy needs neither raw HTML nor embeds: keep the default rich-text editor lean.
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "content_models.widgets.RichTextArea",
        "OPTIONS": {"features": ["h3", "bold", "italic", "ol", "ul", "link"]},
    }
}

# Clinical review: the workflow publishes the revision that was signed off, never simply the
# latest one; an edit during review needs a new approval.
WAGTAIL_FINISH_WORKFLOW_ACTION = "review.workflow.publish_signed_revision"
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAIL_WORKFLOW_CANCEL_ON_PUBLISH = True
CLINICAL_REVIEW_INTERVAL_MONTHS = env_int("CLINICAL_REVIEW_INTERVAL_MONTHS", 12)
# The two layers that keep unsigned content from patients. Both stay on; the tests switch one
# off at a time to prove the other holds alone.
CLINICAL_GUARD_PUBLISHING = True
CLINICAL_SERVE_SIGNED_ONLY = True

# Public site root used for canonical links when a clinic runs its own frontend.
FRONTEND_BASE_URL = env_url("FRONTEND_BASE_URL")
# Headless preview (api/preview.py): where "Preview in web app" sends the editor, with
# placeholders {token}, {base_url} (FRONTEND_BASE_URL or the site's root) and {api_url} (the
# preview endpoint for the token); and how long a preview token works, in seconds.
FRONTEND_PREVIEW_URL = env_str("FRONTEND_PREVIEW_URL", "{base_url}/kiosk/?preview={token}")
PREVIEW_TOKEN_MAX_AGE = env_int("PREVIEW_TOKEN_MAX_AGE", 60 * 60, minimum=1)

# An optional cache shared by the app processes, for throttling (and Wagtail's own small
# caches): Redis when REDIS_URL is set, else each process's memory. Nothing public is read
# from it, and an unreachable Redis is ignored (reads answer, throttling lets requests through);
# after a failure each process leaves Redis alone for a few seconds (cms/cache.py).
REDIS_URL = env_url("REDIS_URL", schemes=("redis", "rediss", "unix"))
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "cms.cache.FailFastRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# HTTP caching (delivery/): public GETs carry ETag/Last-Modified and these Cache-Control values.
API_CACHE_MAX_AGE = env_int("API_CACHE_MAX_AGE", 60, minimum=0)
API_CACHE_STALE_WHILE_REVALIDATE = env_int("API_CACHE_STALE_WHILE_REVALIDATE", 300, minimum=0)

# Purge a CDN or caching proxy in front of the site when content is published or unpublished
# (Wagtail's frontend-cache invalidation; the API's URLs are purged too, see delivery/).
WAGTAILFRONTENDCACHE: dict = {}
FRONTEND_CACHE_PURGE_URL = env_url("FRONTEND_CACHE_PURGE_URL")  # Varnish, nginx, Squid: PURGE
if FRONTEND_CACHE_PURGE_URL:
    WAGTAILFRONTENDCACHE["http"] = {
        # Wagtail's HTTPBackend, made to report a failed PURGE so the outbox retries it.
        "BACKEND": "outbox.backends.HTTPBackend",
        "LOCATION": FRONTEND_CACHE_PURGE_URL,
    }
if env_str("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": env_str("CLOUDFLARE_BEARER_TOKEN"),
        "ZONEID": env_str("CLOUDFLARE_ZONE_ID"),
    }
if env_str("CLOUDFRONT_DISTRIBUTION_ID"):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": env_str("CLOUDFRONT_DISTRIBUTION_ID"),
    }

# Background tasks (Django's tasks framework through django-tasks, which Wagtail 8 uses for
# search indexing, the reference index and its cache purges). Development and tests run tasks
# at once; production puts them in the database for `manage.py db_worker` (django-tasks-db).
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"),
    }
}

# The outbox (outbox/): webhooks and cache purges, retried with exponential backoff.
OUTBOX_RETRY_BASE_SECONDS = env_int("OUTBOX_RETRY_BASE_SECONDS", 10, minimum=1)
OUTBOX_RETRY_MAX_SECONDS = env_int("OUTBOX_RETRY_MAX_SECONDS", 3600, minimum=1)
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", 20, minimum=1)
WEBHOOK_TIMEOUT_SECONDS = env_int("WEBHOOK_TIMEOUT_SECONDS", 10, minimum=1)

# Content API (api/): read-only JSON of signed content. See README.md, "API".
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/.*$"
API_THROTTLE_ANON = env_rate("API_THROTTLE_ANON", "120/minute")
# Global DRF defaults stay close to DRF's own, because Wagtail's admin API uses them too; the
# content API's views set their own renderers, authentication and throttling.
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": API_THROTTLE_ANON},
    # Behind a load balancer: how many proxies append to X-Forwarded-For. 0 (the default) uses
    # REMOTE_ADDR and ignores the header, which any client can write (DRF's None would trust it).
    "NUM_PROXIES": env_int("API_NUM_PROXIES", 0),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Clinical Content API",
    "DESCRIPTION": "Signed, structured medical content for kiosks, apps and websites.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "PREPROCESSING_HOOKS": ["cms.openapi.only_content_api"],
    # Each content type's "type" discriminator is a one-value enum: name them, not Type18dEnum.
    "ENUM_NAME_OVERRIDES": {
        "TreatmentTypeEnum": ["treatment"],
        "ConditionTypeEnum": ["condition"],
        "HomeTypeEnum": ["home"],
        "TreatmentIndexTypeEnum": ["treatment_index"],
        "ConditionIndexTypeEnum": ["condition_index"],
        "SectionTypeEnum": ["treatment_index", "condition_index"],
        "ContentTypeEnum": ["treatment", "condition"],
        "RegulatoryStatusEnum": "content_models.models.RegulatoryStatus",
        "GuidelineStanceEnum": "content_models.models.GuidelineStance",
        "RouteKindEnum": "content_models.models.RouteOfAdministration.Kind",
        "FrequencyBandEnum": "content_models.blocks.wording.FREQUENCY_CHOICES",
    },
}

# Review currency: "due soon" this many days before the next review is due.
REVIEW_DUE_SOON_DAYS = env_int("REVIEW_DUE_SOON_DAYS", 30)
READABILITY_TARGET_GRADE = env_int("READABILITY_TARGET_GRADE", 6)
# Kiosks: leave pages whose review is overdue out of the kiosk bundle.
KIOSK_WITHDRAW_OVERDUE = env_bool("KIOSK_WITHDRAW_OVERDUE", False)
# Translations whose source was signed off again with changes stay public (signed as they
# were) unless this leaves them out of kiosks.
KIOSK_WITHDRAW_OUT_OF_DATE_TRANSLATIONS = env_bool("KIOSK_WITHDRAW_OUT_OF_DATE_TRANSLATIONS", False)
# Kiosks: how long a kiosk that cannot reach the API may keep showing its last bundle (every
# item's ``expires_at``); also how long the kiosk bundle's versions are remembered for deltas.
KIOSK_MAX_OFFLINE_AGE = datetime.timedelta(days=env_int("KIOSK_MAX_OFFLINE_AGE_DAYS", 7))

# Health (cms/health.py): /health/ready answers 503 only when the database does not answer;
# these checks, by dotted path, can only make it "degraded". Apps add theirs here.
HEALTH_CHECKS = {
    "cache": "cms.health.cache",
    "worker": "outbox.health.backlog",
    "outbox": "outbox.health.failures",
}
# Readiness says "degraded" once a ready task has waited this long for the worker.
HEALTH_WORKER_BACKLOG_SECONDS = env_int("HEALTH_WORKER_BACKLOG_SECONDS", 300)

# Logs go to standard error, one line per record with its request's id (cms/logging.py):
# LOG_FORMAT "text" to read, "json" (production's default) for a log collector.
LOG_FORMAT = env_str("LOG_FORMAT", "text")
LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
LOGGERS = {
    # Wagtail logs every page action and django-tasks every inline task at INFO; the audit
    # log in the admin already records the former.
    "wagtail": {"level": env_str("WAGTAIL_LOG_LEVEL", "WARNING")},
    "django_tasks": {"level": "WARNING"},
}
LOGGING = logging_config(LOG_FORMAT, LOG_LEVEL, LOGGERS)
LOGGING_CONFIG = "cms.logging.configure"

# Errors reported to Sentry when SENTRY_DSN is set (no personal data; tagged with request ids).
SENTRY_DSN = env_str("SENTRY_DSN")
if SENTRY_DSN:
    init_sentry(
        SENTRY_DSN,
        environment=env_str("SENTRY_ENVIRONMENT"),
        traces_sample_rate=env_str("SENTRY_TRACES_SAMPLE_RATE", "0"),
    )

# Email (review reminders, password resets, Wagtail's notifications): SMTP from the environment.
# Development prints mail to the console and the tests keep it in memory.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured(
        "Set EMAIL_USE_TLS (STARTTLS, usually port 587) or EMAIL_USE_SSL (port 465), not both."
    )
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "webmaster@localhost")
# The sender of error mail to ADMINS (none are set: errors go to the log and Sentry).
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# --- Security headers and idle staff sessions (issue #20, items 7-8; docs/security.md,
# "Headers and sessions"). The middleware is inserted by name, so the list above stays as is:
# - right after SecurityMiddleware, outside everything that changes the response: the
#   Content-Security-Policy chosen per response (cms/csp.py) and Permissions-Policy; and no
#   response that sets a cookie (the session's included) is left cacheable by shared caches;
# - after MessageMiddleware: a signed-in session idle for STAFF_SESSION_IDLE_MINUTES ends
#   (0 turns this off).
_after_security = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1
MIDDLEWARE[_after_security:_after_security] = [
    "cms.security_headers.SecurityHeadersMiddleware",
    "delivery.middleware.PrivateWhenSettingCookies",
]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1,
    "cms.idle_sessions.IdleStaffSessionMiddleware",
)
STAFF_SESSION_IDLE_MINUTES = env_int("STAFF_SESSION_IDLE_MINUTES", 30)
# Where browsers report Content-Security-Policy violations (report-uri), if anywhere.
CONTENT_SECURITY_POLICY_REPORT_URI = env_str("CSP_REPORT_URI")
# No avatars from Gravatar: the admin would send a hash of each user's email address to a
# third party, and its Content-Security-Policy allows images from this site only. Nor does
# the dashboard ask releases.wagtail.org for a newer Wagtail: upgrades come through the lock files.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# --- end of security headers and idle staff sessions

# --- Second factor and lockout (issue #20, items 4-5; accounts/, docs/security.md, "Second
# factor and lockout"). Apps and middleware are added by name, so the lists above stay as is.
INSTALLED_APPS += [
    "accounts",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
]
# django-otp marks the session's verified device (request.user.is_verified()); then staff
# without one are sent to the code step when OTP_REQUIRED_FOR_STAFF is on. Axes turns a
# lockout into the sign-in page's neutral message: last, as axes asks.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django_otp.middleware.OTPMiddleware") + 1,
    "accounts.middleware.SecondFactorRequired",
)
MIDDLEWARE.append("axes.middleware.AxesMiddleware")
# Axes first: it refuses a locked-out username or address before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Every member of staff passes a second factor at sign-in (off: only sign-off asks for one).
OTP_REQUIRED_FOR_STAFF = env_bool("OTP_REQUIRED_FOR_STAFF", False)
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
# No drift learning: see accounts/otp.py (codes are still accepted one step either side).
OTP_TOTP_SYNC = False
# Failures (sign-in, sign-off password or code) per username and per client address; the
# address as the API's throttle sees it (API_NUM_PROXIES). See accounts/lockout.py.
AXES_FAILURE_LIMIT = max(1, env_int("LOGIN_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=max(1, env_int("LOGIN_LOCKOUT_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "accounts.client.client_address"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = False  # accounts.lockout clears the username's own failures only
# The account's password change is accounts' own panel, whose old password counts towards the
# lockout: Wagtail's is off, and password reset by email stays on.
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = True
# Axes logs every sign-in at INFO; its warnings (failures, lockouts) are the ones to keep.
LOGGERS["axes"] = {"level": "WARNING"}
LOGGING = logging_config(LOG_FORMAT, LOG_LEVEL, LOGGERS)
# --- end of second factor and lockout
