"""Helpers for tests that run the app as production runs it: real processes (gunicorn,
the worker) with production settings on the test database, and staff working through them."""

from __future__ import annotations

import http.client
import os
import secrets
import subprocess
import sys
import urllib.parse
from http.cookies import SimpleCookie
from pathlib import Path

from django.conf import settings
from django.db import connection

from bench.servers import HOST, AppServer
from tests.factories.users import PASSWORD

PRODUCTION_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]


def database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def collect_static(root: Path) -> Path:
    """Static files collected into ``root`` as a deploy collects them (production serves
    hashed names)."""
    env = {
        **clean_environ(),
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "collectstatic-only",
        "ALLOWED_HOSTS": "localhost",
        "STATIC_ROOT": str(root),
    }
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
    )
    return root


def clean_environ() -> dict[str, str]:
    # Set for the browser tests; a subprocess must not inherit it (async.E001).
    return {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}


def production_env(static_root: Path, **extra: str) -> dict[str, str]:
    env = {
        **clean_environ(),
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DATABASE_URL": database_url(),
        # The documents' seals are keyed with the secret key the test process rendered them
        # with.
        "SECRET_KEY": settings.SECRET_KEY,
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "STATIC_ROOT": str(static_root),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "LOG_LEVEL": "WARNING",
    }
    env.update(extra)
    return env


HEADERS = {"Host": "localhost", "X-Forwarded-Proto": "https"}


def get(node: AppServer, path: str) -> tuple[int, str]:
    status, _, body = node.get(path, {"Host": "localhost"})
    return status, body.decode()


class StaffSession:
    """A member of staff signed in to one node's admin, posting forms as a browser does."""

    def __init__(self, node: AppServer, username: str) -> None:
        self.node = node
        self.cookies = {"csrftoken": secrets.token_hex(16)}
        status, location = self.post("/admin/login/", {"username": username, "password": PASSWORD})
        assert status == 302, f"login failed: {status}"

    def post(self, path: str, data: dict) -> tuple[int, str]:
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.cookies["csrftoken"]})
        headers = {
            **HEADERS,
            "Origin": "https://localhost",
            "Referer": f"https://localhost{path}",
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items()),
        }
        conn = http.client.HTTPConnection(HOST, self.node.port, timeout=60)
        try:
            conn.request("POST", path, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return response.status, response.headers.get("Location", "")
        finally:
            conn.close()


def run_python(
    script: str, env: dict[str, str], *, drop: tuple[str, ...] = ()
) -> subprocess.CompletedProcess:
    """``python -c script`` in the project folder with this environment plus ``env``, less the
    variables in ``drop``; never raises on a non-zero exit (the caller asserts what it expects)."""
    base = {k: v for k, v in clean_environ().items() if k not in drop}
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def sign_off_through(node: AppServer, page, editor, reviewer, **changes) -> None:
    """A new revision of ``page`` with ``changes``, submitted to clinical review by ``editor``
    here and approved by ``reviewer`` through ``node``'s review screen, as staff do it."""
    from wagtail.models import Workflow

    from tests.workflow import approval_data

    draft = type(page).objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(draft, name, value)
    draft.save_revision(user=editor)
    Workflow.objects.get(name="Clinical review").start(draft, editor)
    task_state = type(page).objects.get(pk=page.pk).current_workflow_task_state
    status, location = StaffSession(node, reviewer.username).post(
        f"/admin/clinical-review/{task_state.pk}/", approval_data(reviewer)
    )
    assert status == 302, location
