"""The deployable artefact: the project's wheel, installed with its pinned dependencies into a
fresh virtual environment outside the checkout, runs with production settings on its own:
`check --deploy`, `migrate`, `collectstatic`, then gunicorn serves the API, the web pages (the
project's own templates and static files, which live at the top of the repository) and the
admin."""

from __future__ import annotations

import http.client
import json
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from bench.servers import HOST, AppServer, Process, free_port
from tests.production import clean_environ

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs a database server"),
]

BASE_DIR = Path(settings.BASE_DIR)
NOT_SOURCE = shutil.ignore_patterns(
    ".venv", "var", ".git", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", "tests"
)


def _run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(  # noqa: S603
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, f"{' '.join(command)}\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


@pytest.fixture
def fresh_database():
    """An empty database on the test server, dropped afterwards."""
    db = connection.settings_dict
    name = f"wheel_{secrets.token_hex(4)}"
    server = f"host={db['HOST']} port={db['PORT']} user={db['USER']} dbname=postgres"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{name}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def _get(port: int, path: str) -> tuple[int, dict[str, str], str]:
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        conn.request("GET", path, headers={"Host": "localhost", "X-Forwarded-Proto": "https"})
        response = conn.getresponse()
        headers = {name.lower(): value for name, value in response.getheaders()}
        return response.status, headers, response.read().decode(errors="replace")
    finally:
        conn.close()


def test_the_wheel_installed_outside_the_checkout_runs_in_production(tmp_path, fresh_database):
    # The wheel, built from a copy of the source (as a release build would be).
    source = tmp_path / "source"
    shutil.copytree(BASE_DIR, source, ignore=NOT_SOURCE)
    _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", "dist", "."], source)
    wheel = next((source / "dist").glob("clinical_content_cms-*.whl"))

    # A fresh environment with the pinned dependencies and the wheel; nothing of the checkout.
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], tmp_path)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q"]
    _run([*pip, "-r", str(BASE_DIR / "requirements" / "base.lock")], tmp_path)
    _run([*pip, "--no-deps", str(wheel)], tmp_path)

    outside = tmp_path / "run"
    outside.mkdir()
    env = {
        **clean_environ(),
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DATABASE_URL": fresh_database,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "LOG_LEVEL": "WARNING",
    }
    env.pop("PYTHONPATH", None)
    admin = [str(venv / "bin" / "django-admin")]
    where = _run(
        [str(venv / "bin" / "python"), "-c", "import cms, content_models; print(cms.__file__)"],
        outside,
        env,
    )
    assert str(venv) in where and str(BASE_DIR) not in where

    assert "no issues" in _run(
        [*admin, "check", "--deploy", "--fail-level", "WARNING"], outside, env
    )
    _run([*admin, "migrate", "--noinput", "-v0"], outside, env)
    _run([*admin, "collectstatic", "--noinput", "-v0"], outside, env)
    assert (tmp_path / "static" / "css" / "site.css").exists()  # the top-level static/ folder

    port = free_port()
    gunicorn = Process(
        "gunicorn (wheel)",
        [
            str(venv / "bin" / "gunicorn"),
            "cms.wsgi:application",
            f"--bind={HOST}:{port}",
        ],
        {**env, "PWD": str(outside)},
        tmp_path / "gunicorn.log",
        cwd=outside,  # gunicorn puts its working folder first on sys.path
    )
    gunicorn.start()
    try:
        AppServer("wheel", gunicorn, port).wait_ready()
        status, headers, body = _get(port, "/api/v1/treatments/")
        assert status == 200 and json.loads(body)["results"] == []
        # The project's own templates: its 404 page, in its layout (templates/ in the repo).
        status, _, body = _get(port, "/treatments/no-such-page/")
        assert status == 404 and "Skip to main content" in body and "Page not found" in body
        status, headers, _ = _get(port, "/static/css/site.css")
        assert status == 200 and headers["content-type"].startswith("text/css")
        status, _, body = _get(port, "/admin/login/")
        assert status == 200 and "Sign in" in body
        assert _get(port, "/health/ready")[0] == 200
        assert str(BASE_DIR) not in (tmp_path / "gunicorn.log").read_text()
    finally:
        gunicorn.stop()
