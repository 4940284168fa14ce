"""Configuration from the environment: production is safe by default and refuses to guess."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from cms.settings.env import env_bool, env_list

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "SECRET_KEY": "a-long-random-production-secret-key-" + "x" * 40,
    "ALLOWED_HOSTS": "cms.example.com",
    "DATABASE_URL": "postgres://cms@127.0.0.1:5432/cms",
}


# Set by the test process itself (the browser tests need it), never by a deployment.
TEST_PROCESS_ONLY = {"DJANGO_ALLOW_ASYNC_UNSAFE"}


def _python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return _run([sys.executable, "-c", code], env)


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return _run([sys.executable, "manage.py", *args], env)


def _run(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in PRODUCTION_ENV and k not in TEST_PROCESS_ONLY
    }
    return subprocess.run(  # noqa: S603
        command,
        cwd=PROJECT_ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_deploy_check_passes_without_warnings_with_the_production_variables():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    ("change", "error", "hint"),
    [
        ({"SECRET_KEY": None}, "cms.E003", "SECRET_KEY to a long random value"),
        (
            {"SECRET_KEY": "dev-only-insecure-key-do-not-use-in-production"},
            "cms.E003",
            "token_urlsafe",
        ),
        ({"ALLOWED_HOSTS": None}, "cms.E004", "Set ALLOWED_HOSTS"),
        ({"DEBUG": "true"}, "cms.E002", "DEBUG=false"),
        ({"DATABASE_URL": None}, "cms.E001", "DATABASE_URL=postgres://"),
    ],
)
def test_production_refuses_unsafe_configuration_with_how_to_fix_it(change, error, hint):
    env = {**PRODUCTION_ENV, **change}
    env = {key: value for key, value in env.items() if value is not None}

    checked = _manage("check", "--deploy", env=env)
    started = _python("import cms.wsgi", env=env)

    assert checked.returncode != 0
    assert error in checked.stderr and hint in checked.stderr
    assert started.returncode != 0
    assert "Refusing to start" in started.stderr and error in started.stderr


def test_the_wsgi_entry_point_defaults_to_production_settings(tmp_path):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "DJANGO_SETTINGS_MODULE"}
    sqlite = f"sqlite:///{tmp_path / 'unused.sqlite3'}"
    result = _python("import cms.wsgi", env={**env, "DATABASE_URL": sqlite})

    # Production settings, so the SQLite URL is refused at start.
    assert result.returncode != 0 and "cms.E001" in result.stderr


def test_the_asgi_entry_point_defaults_to_production_settings(tmp_path):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "DJANGO_SETTINGS_MODULE"}
    sqlite = f"sqlite:///{tmp_path / 'unused.sqlite3'}"
    result = _python("import cms.asgi", env={**env, "DATABASE_URL": sqlite})

    # Production settings, so the SQLite URL is refused at start.
    assert result.returncode != 0
    assert "Refusing to start" in result.stderr and "cms.E001" in result.stderr


def test_the_asgi_entry_point_refuses_unsafe_production_settings():
    result = _python("import cms.asgi", env={**PRODUCTION_ENV, "DEBUG": "true", "SECRET_KEY": ""})

    assert result.returncode != 0
    assert "Refusing to start" in result.stderr
    assert "cms.E002" in result.stderr and "cms.E003" in result.stderr


def test_manage_py_defaults_to_the_development_settings():
    code = "from django.conf import settings; print(settings.SETTINGS_MODULE, settings.DEBUG)"
    result = _manage("shell", "-c", code, env={})

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "cms.settings.dev True"


def test_the_development_servers_port_is_in_every_link_it_makes():
    """`PORT=8011 make run`: public links and the admin's links in emails reach that server."""
    code = (
        "from django.conf import settings; "
        "print(settings.FRONTEND_BASE_URL, settings.WAGTAILADMIN_BASE_URL)"
    )
    result = _manage("shell", "-c", code, env={"PORT": "8011"})

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == ("http://127.0.0.1:8011 http://127.0.0.1:8011")


def test_production_keeps_database_connections_open():
    code = "from django.conf import settings; print(settings.DATABASES['default']['CONN_MAX_AGE'])"
    result = _manage("shell", "-c", code, env=PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip().splitlines()[-1]) > 0


def test_production_leaves_compression_to_nginx():
    code = "from django.conf import settings; print(settings.MIDDLEWARE)"
    result = _manage("shell", "-c", code, env=PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr
    assert "GZipMiddleware" not in result.stdout and "WhiteNoiseMiddleware" in result.stdout


@pytest.mark.parametrize(
    ("raw", "expected"), [("False", False), ("0", False), ("", False), ("true", True), ("1", True)]
)
def test_booleans_are_parsed_explicitly(monkeypatch, raw, expected):
    monkeypatch.setenv("SOME_FLAG", raw)

    assert env_bool("SOME_FLAG", default=not expected) is expected


def test_an_unreadable_boolean_is_an_error_not_a_guess(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "maybe")

    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG"):
        env_bool("SOME_FLAG")


def test_lists_are_comma_separated(monkeypatch):
    monkeypatch.setenv("SOME_HOSTS", "a.example.com, b.example.com,")

    assert env_list("SOME_HOSTS") == ["a.example.com", "b.example.com"]


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"REDIS_URL": "localhost:6379"}, "REDIS_URL must be a URL starting with redis://"),
        ({"API_THROTTLE_ANON": "120/week"}, "API_THROTTLE_ANON must be requests per second"),
        ({"API_THROTTLE_ANON": "120 per minute"}, "API_THROTTLE_ANON must be requests per"),
        ({"ALLOWED_HOSTS": "https://cms.example.org"}, "ALLOWED_HOSTS lists host names"),
        ({"FRONTEND_CACHE_PURGE_URL": "127.0.0.1:8080"}, "FRONTEND_CACHE_PURGE_URL must be"),
        ({"FRONTEND_BASE_URL": "clinic.example.org"}, "FRONTEND_BASE_URL must be a URL"),
        ({"WEBHOOK_TIMEOUT_SECONDS": "0"}, "WEBHOOK_TIMEOUT_SECONDS must be at least 1"),
    ],
)
def test_a_value_that_would_fail_every_request_stops_the_start_instead(change, says):
    """Each of these used to start cleanly, then answer 500 (or write relative links into the
    stored documents) on every request."""
    started = _python("import cms.wsgi", env={**PRODUCTION_ENV, **change})

    assert started.returncode != 0
    assert says in started.stderr


def test_good_values_of_those_settings_start():
    good = {
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "API_THROTTLE_ANON": "300/hours",  # DRF reads the period's first letter
        "FRONTEND_CACHE_PURGE_URL": "http://127.0.0.1:8080",
        "FRONTEND_BASE_URL": "https://clinic.example.org",
        "WEBHOOK_TIMEOUT_SECONDS": "5",
    }
    code = "from django.conf import settings; print(settings.FRONTEND_BASE_URL)"

    result = _manage("shell", "-c", code, env={**PRODUCTION_ENV, **good})

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "https://clinic.example.org"
