"""Email settings come from the environment: SMTP in production, the console in development,
memory in the tests."""

from __future__ import annotations

import json
import subprocess

from tests.production import run_python

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "SECRET_KEY": "a-long-random-production-secret-key-" + "x" * 40,
    "ALLOWED_HOSTS": "cms.example.com",
    "DATABASE_URL": "postgres://nobody@127.0.0.1:9/nothing",
}
NAMES = [
    "EMAIL_BACKEND",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "EMAIL_USE_TLS",
    "EMAIL_USE_SSL",
    "EMAIL_TIMEOUT",
    "DEFAULT_FROM_EMAIL",
    "SERVER_EMAIL",
]
SCRIPT = (
    "import json; from django.conf import settings;"
    f"print(json.dumps({{name: getattr(settings, name) for name in {NAMES!r}}}))"
)


def _settings(env: dict[str, str]) -> subprocess.CompletedProcess:
    return run_python(SCRIPT, env, drop=(*NAMES, "DJANGO_SETTINGS_MODULE"))


def _read(env: dict[str, str]) -> dict:
    result = _settings(env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_sends_mail_through_the_smtp_server_the_environment_names():
    values = _read(
        {
            **PRODUCTION_ENV,
            "EMAIL_HOST": "smtp.example.com",
            "EMAIL_PORT": "587",
            "EMAIL_HOST_USER": "cms",
            "EMAIL_HOST_PASSWORD": "smtp-secret",
            "EMAIL_USE_TLS": "true",
            "EMAIL_TIMEOUT": "5",
            "DEFAULT_FROM_EMAIL": "Clinical CMS <cms@example.com>",
            "SERVER_EMAIL": "errors@example.com",
        }
    )

    assert values == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "smtp.example.com",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "cms",
        "EMAIL_HOST_PASSWORD": "smtp-secret",
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
        "EMAIL_TIMEOUT": 5,
        "DEFAULT_FROM_EMAIL": "Clinical CMS <cms@example.com>",
        "SERVER_EMAIL": "errors@example.com",
    }


def test_production_defaults_to_smtp_on_localhost_with_a_timeout():
    values = _read(PRODUCTION_ENV)

    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (values["EMAIL_HOST"], values["EMAIL_PORT"]) == ("localhost", 25)
    assert values["EMAIL_TIMEOUT"] == 10
    assert values["SERVER_EMAIL"] == values["DEFAULT_FROM_EMAIL"] == "webmaster@localhost"


def test_development_prints_mail_and_the_tests_keep_it_in_memory():
    development = _read({"DJANGO_SETTINGS_MODULE": "cms.settings.dev"})
    tests = _read({"DJANGO_SETTINGS_MODULE": "cms.settings.test", "EMAIL_BACKEND": "smtp"})

    assert development["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert tests["EMAIL_BACKEND"] == "django.core.mail.backends.locmem.EmailBackend"


def test_tls_and_ssl_together_are_refused_at_start():
    result = _settings({**PRODUCTION_ENV, "EMAIL_USE_TLS": "true", "EMAIL_USE_SSL": "true"})

    assert result.returncode != 0
    assert "EMAIL_USE_TLS" in result.stderr and "not both" in result.stderr
