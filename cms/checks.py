"""Production refuses unsafe configuration: system checks of level Error, run by
``check --deploy`` and by the WSGI/ASGI entry points at start (gunicorn runs no checks itself).

Only under production settings (``PRODUCTION = True``): the embedded development default is
meant to run on SQLite with DEBUG on.
"""

from __future__ import annotations

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

# The development default, which anyone who copies the dev settings gets (Django's generated
# keys start with "django-insecure-"). The test settings' key is only for the test process,
# whose production-settings subprocesses share it to verify the documents' seals.
KNOWN_KEYS = frozenset({"dev-only-insecure-key-do-not-use-in-production"})


def _production() -> bool:
    return getattr(settings, "PRODUCTION", False)


@checks.register(checks.Tags.security, deploy=True)
def check_production_settings(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    if not _production():
        return []
    errors = []
    engine = settings.DATABASES["default"]["ENGINE"]
    if "sqlite" in engine:
        errors.append(
            checks.Error(
                "Production runs on PostgreSQL, not SQLite: the public lists rely on its triggers.",
                hint="Set DATABASE_URL=postgres://user:password@host:5432/name.",
                id="cms.E001",
            )
        )
    if settings.DEBUG:
        errors.append(
            checks.Error(
                "DEBUG is on: error pages would show settings and code to anyone.",
                hint="Unset DEBUG, or set DEBUG=false.",
                id="cms.E002",
            )
        )
    try:
        key = settings.SECRET_KEY
    except ImproperlyConfigured:
        key = ""
    if not key or key in KNOWN_KEYS or key.startswith("django-insecure-"):
        errors.append(
            checks.Error(
                "SECRET_KEY is missing or publicly known: sessions, sign-off seals and password "
                "resets depend on it being secret.",
                hint='Set SECRET_KEY to a long random value, e.g. python -c "import secrets; '
                'print(secrets.token_urlsafe(50))".',
                id="cms.E003",
            )
        )
    if not settings.ALLOWED_HOSTS:
        errors.append(
            checks.Error(
                "ALLOWED_HOSTS is empty: every request would be refused.",
                hint="Set ALLOWED_HOSTS to the site's host names, comma-separated.",
                id="cms.E004",
            )
        )
    return errors
