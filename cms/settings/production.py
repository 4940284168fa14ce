"""Production: PostgreSQL from DATABASE_URL, several app processes behind a load balancer."""

from cms.logging import logging_config

from .base import *  # noqa: F403
from .base import DATABASES, LOG_LEVEL, LOGGERS, MIDDLEWARE
from .env import env_bool, env_hosts, env_int, env_list, env_str

# Unsafe values are refused at start by the checks in cms/checks.py (and check --deploy).
PRODUCTION = True
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
# Earlier keys, while rotating: sessions and the documents' seals made with them still verify.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")
ALLOWED_HOSTS = env_hosts("ALLOWED_HOSTS")

# Tasks (Wagtail's and the outbox's) wait in the database for the worker (manage.py db_worker).
TASKS = {"default": {"BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# Persistent connections: each worker keeps its connection instead of reconnecting per request.
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DB_CONN_MAX_AGE", 60)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Health checks answer over plain HTTP: a load balancer's probe sends no X-Forwarded-Proto.
SECURE_REDIRECT_EXEMPT = [r"^health/", r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True

# Static files are served by the app processes themselves (compressed, hashed, cached forever).
# Responses are compressed in front of the app (nginx, or the CDN), not by it: nginx sends the
# app no Accept-Encoding, so that it caches one plain copy per URL.
_after_security = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1
MIDDLEWARE = [
    *MIDDLEWARE[:_after_security],
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[_after_security:],
]
MIDDLEWARE.remove("django.middleware.gzip.GZipMiddleware")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "renditions": {"BACKEND": "cms.media_storage.RenditionStorage"},
    "staticfiles": {"BACKEND": "cms.static_storage.StaticFilesStorage"},
}

# JSON log lines for the log collector (LOG_FORMAT=text to read them by eye).
LOG_FORMAT = env_str("LOG_FORMAT", "json")
LOGGING = logging_config(LOG_FORMAT, LOG_LEVEL, LOGGERS)
