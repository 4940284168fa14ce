"""Log lines: JSON in production (text in development), each with its time, level, logger and
request id (the client's X-Request-ID when sane, else a new one, echoed in the response), the
signed-in user on admin requests, and errors reported to Sentry when SENTRY_DSN is set."""

from __future__ import annotations

import datetime
import io
import json
import logging
import re
import subprocess

import pytest

from cms.logging import JsonFormatter, RequestContextFilter, TextFormatter, bind_request
from tests.production import run_python

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "SECRET_KEY": "a-long-random-production-secret-key-" + "x" * 40,
    "ALLOWED_HOSTS": "cms.example.com",
    "DATABASE_URL": "postgres://nobody@127.0.0.1:9/nothing",
}
MADE_ID = re.compile(r"[0-9a-f]{32}")


@pytest.fixture
def log_lines():
    """The JSON lines the configured handler would write, from every logger."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestContextFilter())
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)
    root.setLevel(level)


def _access_line(lines: list[dict], path: str) -> dict:
    (line,) = [line for line in lines if line["logger"] == "cms.request" and line["path"] == path]
    return line


def _run(script: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    result = run_python(script, env)
    assert result.returncode == 0, result.stderr
    return result


@pytest.mark.django_db
def test_an_offered_request_id_is_echoed_and_on_each_log_line_of_the_request(client, log_lines):
    response = client.get("/api/v1/no-such-thing/", headers={"X-Request-ID": "lb-7f3a.9c:2"})

    assert response.status_code == 404
    assert response["X-Request-ID"] == "lb-7f3a.9c:2"
    lines = log_lines()
    # The access line, and Django's own "Not Found" warning (written after the middleware).
    assert {line["logger"] for line in lines} >= {"cms.request", "django.request"}
    assert {line["request_id"] for line in lines} == {"lb-7f3a.9c:2"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "offered",
    ["x" * 201, "abc\ndef", "abc\r\nSet-Cookie: a=b", "a b", "café", "<script>", ""],
)
def test_an_unsafe_request_id_is_replaced_by_a_new_one(client, log_lines, offered):
    response = client.get("/api/v1/no-such-thing/", headers={"X-Request-ID": offered})

    made = response["X-Request-ID"]
    assert MADE_ID.fullmatch(made)
    assert _access_line(log_lines(), "/api/v1/no-such-thing/")["request_id"] == made


@pytest.mark.django_db
def test_a_request_without_an_id_gets_a_new_one_each_time(client):
    first = client.get("/health/live")["X-Request-ID"]
    second = client.get("/health/live")["X-Request-ID"]

    assert MADE_ID.fullmatch(first) and MADE_ID.fullmatch(second)
    assert first != second


@pytest.mark.django_db
def test_a_signed_in_admin_request_is_logged_with_its_user(admin_client, admin_user, log_lines):
    response = admin_client.get("/admin/", headers={"X-Request-ID": "admin-1"})

    assert response.status_code == 200
    line = _access_line(log_lines(), "/admin/")
    assert line["user"] == {"id": admin_user.pk, "username": "admin"}
    assert line["request_id"] == "admin-1"
    assert (line["method"], line["status"]) == ("GET", 200)


@pytest.mark.django_db
def test_an_anonymous_request_is_logged_without_a_user(client, log_lines):
    client.get("/api/v1/no-such-thing/")

    assert "user" not in _access_line(log_lines(), "/api/v1/no-such-thing/")


@pytest.mark.django_db
def test_json_lines_have_time_level_logger_message_and_request_id(client, log_lines):
    client.get("/api/v1/no-such-thing/", headers={"X-Request-ID": "r-1"})

    for line in log_lines():
        assert line["time"].endswith("Z")
        moment = datetime.datetime.fromisoformat(line["time"])
        assert moment.utcoffset() == datetime.timedelta(0)
        assert abs(datetime.datetime.now(datetime.UTC) - moment) < datetime.timedelta(minutes=1)
        assert line["level"] in {"INFO", "WARNING"}
        assert line["logger"] and line["message"]
        assert line["request_id"] == "r-1"


@pytest.mark.django_db
def test_a_preview_token_in_a_path_is_masked_in_the_access_line(client, log_lines):
    client.get("/api/v1/preview/secret-token-value/")

    line = _access_line(log_lines(), "/api/v1/preview/…/")
    assert "secret-token-value" not in line["message"]


def test_an_exception_is_one_json_line_with_its_traceback(log_lines):
    token = bind_request("err-1", object())
    try:
        try:
            1 / 0  # noqa: B018
        except ZeroDivisionError:
            logging.getLogger("cms.test").exception("Rendering failed\nfor a page")
    finally:
        from cms.logging import unbind_request

        unbind_request(token)

    (line,) = log_lines()
    assert line["level"] == "ERROR" and line["request_id"] == "err-1"
    assert line["message"] == "Rendering failed\nfor a page"
    assert "ZeroDivisionError" in line["exception"]


def test_outside_a_request_the_request_id_is_null(log_lines):
    logging.getLogger("cms.test").warning("from a command", extra={"count": 3})

    (line,) = log_lines()
    assert line["request_id"] is None
    assert line["count"] == 3


def test_the_text_format_has_time_level_logger_and_request_id():
    record = logging.LogRecord("cms.test", logging.INFO, __file__, 1, "hello %s", ("you",), None)
    token = bind_request("text-1", object())
    try:
        text = TextFormatter().format(record)
    finally:
        from cms.logging import unbind_request

        unbind_request(token)

    assert re.fullmatch(
        r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z INFO cms\.test \[req=text-1\] hello you", text
    )


def test_production_writes_json_lines_to_standard_error_by_default():
    script = (
        "import django; django.setup();"
        "from django.test import Client;"
        "Client(HTTP_HOST='cms.example.com').get('/admin/', headers={'X-Request-ID': 'p-1'})"
    )
    result = _run(script, PRODUCTION_ENV)

    lines = [json.loads(line) for line in result.stderr.splitlines()]
    access = [line for line in lines if line["logger"] == "cms.request"]
    assert access and access[0]["request_id"] == "p-1" and access[0]["status"] == 301


def test_log_format_text_makes_production_write_text():
    script = (
        "import django; django.setup();"
        "from django.test import Client;"
        "Client(HTTP_HOST='cms.example.com').get('/admin/', headers={'X-Request-ID': 'p-2'})"
    )
    result = _run(script, {**PRODUCTION_ENV, "LOG_FORMAT": "text"})

    assert re.search(r"Z INFO cms\.request \[req=p-2\] GET /admin/ 301 \d+ms", result.stderr)


@pytest.mark.parametrize(("variable", "value"), [("LOG_FORMAT", "xml"), ("LOG_LEVEL", "LOUD")])
def test_a_bad_log_setting_stops_the_start_with_its_name(variable, value):
    result = run_python("import django; django.setup()", {**PRODUCTION_ENV, variable: value})

    assert result.returncode != 0
    assert f"{variable} must be" in result.stderr


def test_sentry_is_initialised_when_sentry_dsn_is_set():
    script = (
        "import django, json; django.setup();"
        "import sentry_sdk;"
        "client = sentry_sdk.get_client();"
        "print(json.dumps({'active': client.is_active(), 'pii': client.options['send_default_pii'],"
        " 'environment': client.options['environment'],"
        " 'rate': client.options['traces_sample_rate']}))"
    )
    env = {
        **PRODUCTION_ENV,
        "SENTRY_DSN": "https://public@sentry.example.invalid/1",
        "SENTRY_ENVIRONMENT": "staging",
    }
    result = _run(script, env)

    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome == {"active": True, "pii": False, "environment": "staging", "rate": 0.0}


def test_sentry_is_not_imported_without_sentry_dsn():
    script = "import django, sys; django.setup(); print('sentry_sdk' in sys.modules)"
    env = {**PRODUCTION_ENV, "SENTRY_DSN": ""}

    assert _run(script, env).stdout.strip() == "False"
