"""The embedded default: `make run` on a laptop, SQLite under var/."""

from .base import *  # noqa: F403
from .env import content_languages, env_bool, env_list, env_str, env_url

DEBUG = env_bool("DEBUG", True)
# A development-only key, so that `make run` works with no configuration.
SECRET_KEY = env_str("SECRET_KEY") or "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105
# Mail is printed, unless EMAIL_BACKEND says otherwise (to try a real SMTP server).
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# Canonical links in API responses, and the admin's links in notification emails, point at the
# development server (`PORT=8080 make run` moves both).
_SERVER = f"http://127.0.0.1:{env_str('PORT', '8000')}"
FRONTEND_BASE_URL = env_url("FRONTEND_BASE_URL") or _SERVER
WAGTAILADMIN_BASE_URL = env_url("WAGTAILADMIN_BASE_URL") or _SERVER

# The demo shows a translation in review: French beside English, unless CONTENT_LANGUAGES
# says otherwise (production's default is English only).
CONTENT_LANGUAGES = env_list("CONTENT_LANGUAGES", ["en", "fr"])
LANGUAGE_CODE = CONTENT_LANGUAGES[0]
LANGUAGES = content_languages(CONTENT_LANGUAGES)
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
