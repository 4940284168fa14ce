"""Settings for the pytest suite: PostgreSQL from DATABASE_URL (`make test` starts one)."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .env import env_str

if not env_str("DATABASE_URL") and env_str("TEST_DATABASE") != "sqlite":
    raise ImproperlyConfigured(
        "The tests run on PostgreSQL: use `make test` (it starts a throwaway server), set "
        "DATABASE_URL, or set TEST_DATABASE=sqlite to run on SQLite by explicit request."
    )

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(os.environ.get("TEST_MEDIA_ROOT", "/tmp/clinical-cms-test-media"))  # noqa: F405, S108
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "renditions": {"BACKEND": "cms.media_storage.RenditionStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

# The suite needs no Redis (its tests of Redis start a redis-server of their own).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Idle staff sessions (cms/idle_sessions.py) are off: some tests move the clock by months with
# signed-in clients. The tests of idle sessions turn them on (tests/cms/test_idle_sessions.py,
# tests/review/test_session_checks.py).
STAFF_SESSION_IDLE_MINUTES = 0
