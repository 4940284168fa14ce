"""GET /health/live and /health/ready: liveness never touches the database; readiness fails
(503) only when the database does not answer, and reports anything else as "degraded"."""

from __future__ import annotations

import json

import pytest
from django.test import override_settings

from bench.servers import start_redis
from tests.production import run_python


def _redis_cache(url: str, *, ignore_exceptions: bool) -> dict:
    """A django-redis cache as REDIS_URL configures one (or one that raises its errors)."""
    return {
        "default": {
            "BACKEND": "cms.cache.FailFastRedisCache",
            "LOCATION": url,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": ignore_exceptions,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }


def failing_check() -> dict:
    raise RuntimeError("a check with a bug")


def unavailable_check() -> dict:
    return {"status": "unavailable", "oldest_task_age_seconds": 9000}


def _run(script: str, env: dict[str, str]) -> dict:
    """Run ``script`` in a fresh Python with ``env``; its last line of output is JSON."""
    result = run_python(script, env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.django_db
def test_liveness_answers_200_without_a_single_query_even_for_a_signed_in_user(
    admin_client, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = admin_client.get("/health/live")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readiness_answers_200_ok_with_each_check(client):
    response = client.get("/health/ready")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == {"status": "ok"}
    assert body["checks"]["cache"] == {"status": "ok"}


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/health/live", "/health/ready", "/health/ready/"])
def test_health_answers_head_and_refuses_writes(client, path):
    assert client.head(path).status_code == 200
    assert client.post(path).status_code == 405


@pytest.mark.django_db
def test_readiness_reports_a_live_redis_as_ok_and_a_stopped_one_as_degraded(tmp_path):
    redis, url = start_redis(tmp_path)
    try:
        with override_settings(CACHES=_redis_cache(url, ignore_exceptions=True)):
            from django.test import Client

            before = Client().get("/health/ready")
            redis.stop()
            after = Client().get("/health/ready")
    finally:
        redis.stop()

    assert before.status_code == 200 and before.json()["checks"]["cache"] == {"status": "ok"}
    assert after.status_code == 200
    assert after.json()["status"] == "degraded"
    assert after.json()["checks"]["database"] == {"status": "ok"}
    assert after.json()["checks"]["cache"]["status"] == "degraded"


@pytest.mark.django_db
@pytest.mark.parametrize("ignore_exceptions", [True, False])
def test_readiness_is_degraded_not_failed_when_redis_is_unreachable(
    client, unused_tcp_port, ignore_exceptions
):
    # Nothing listens on the port: django-redis either raises or (as configured from
    # REDIS_URL) swallows the error and answers a miss.
    url = f"redis://127.0.0.1:{unused_tcp_port}/0"
    with override_settings(CACHES=_redis_cache(url, ignore_exceptions=ignore_exceptions)):
        response = client.get("/health/ready")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["database"] == {"status": "ok"}
    assert body["checks"]["cache"]["status"] == "degraded"
    assert "127.0.0.1" not in response.content.decode(), "hosts stay out of a public answer"


@pytest.mark.django_db
def test_extra_checks_can_degrade_readiness_but_never_fail_it(client):
    checks = {
        "cache": "cms.health.cache",
        "worker": "tests.cms.test_health.unavailable_check",
        "outbox": "tests.cms.test_health.failing_check",
        "misspelt": "cms.health.no_such_check",
    }
    with override_settings(HEALTH_CHECKS=checks):
        response = client.get("/health/ready")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["worker"] == {"status": "unavailable", "oldest_task_age_seconds": 9000}
    assert body["checks"]["outbox"] == {"status": "degraded", "error": "RuntimeError"}
    assert body["checks"]["misspelt"] == {"status": "degraded", "error": "ImportError"}
    assert body["checks"]["cache"] == {"status": "ok"}


def test_readiness_answers_503_and_liveness_200_when_the_database_does_not_answer(
    unused_tcp_port,
):
    # A real process whose database is a port nothing listens on.
    script = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        "live = Client().get('/health/live'); ready = Client().get('/health/ready');"
        "print(json.dumps({'live': [live.status_code, live.json()],"
        " 'ready': [ready.status_code, ready.json()]}))"
    )
    outcome = _run(
        script,
        {
            "DJANGO_SETTINGS_MODULE": "cms.settings.test",
            "DATABASE_URL": f"postgres://nobody@127.0.0.1:{unused_tcp_port}/nothing",
        },
    )

    assert outcome["live"] == [200, {"status": "ok"}]
    status, body = outcome["ready"]
    assert status == 503
    assert body["status"] == "unavailable"
    assert body["checks"]["database"] == {"status": "unavailable", "error": "OperationalError"}
    assert body["checks"]["cache"] == {"status": "ok"}
    # The checks that read the database are not tried again, each waiting out a timeout.
    for name in ("worker", "outbox"):
        assert body["checks"][name] == {
            "status": "unavailable",
            "skipped": "the database did not answer",
        }


def test_production_answers_health_over_plain_http_and_redirects_the_rest():
    # A load balancer's probe: plain HTTP, no X-Forwarded-Proto, to one of ALLOWED_HOSTS.
    script = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        "c = Client(HTTP_HOST='cms.example.com');"
        "print(json.dumps({p: c.get(p).status_code for p in"
        " ['/health/live', '/health/live/', '/healthz', '/admin/', '/health-not/']}))"
    )
    outcome = _run(
        script,
        {
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "SECRET_KEY": "a-long-random-production-secret-key-" + "x" * 40,
            "ALLOWED_HOSTS": "cms.example.com",
            "DATABASE_URL": "postgres://nobody@127.0.0.1:9/nothing",
        },
    )

    assert outcome["/health/live"] == 200
    assert outcome["/health/live/"] == 200
    assert outcome["/healthz"] == 503  # exempt from the redirect; the database is unreachable
    assert outcome["/admin/"] == 301
    assert outcome["/health-not/"] == 301
