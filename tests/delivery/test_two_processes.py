"""Two app processes share the response cache: a publish through one is served by the other on
its very next request. The second process is a real server (``runserver``) in a subprocess on the
test database, so nothing but the database and its cache table is shared."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from content_models.models import TreatmentPage
from tests.factories import ClinicFactory, TreatmentIndexPageFactory, TreatmentPageFactory
from tests.factories.signing import sign_and_publish

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    # The second process needs a database server it can reach; SQLite's test database (by
    # explicit request) lives in this process's memory.
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs a database server"),
]

DETAIL = "/api/v1/treatments/shared-therapy/"


def _database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture
def other_process(unused_tcp_port):
    """A second app process serving the test database on 127.0.0.1."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": _database_url(),
    }
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{unused_tcp_port}"],
        cwd=Path(settings.BASE_DIR),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{unused_tcp_port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2):  # noqa: S310
                break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail(f"the second process did not start: {server.stderr.read().decode()}")
            time.sleep(0.2)
    yield base
    server.terminate()
    server.wait(timeout=10)


def _get(base: str, path: str) -> tuple[int, dict[str, str], str]:
    request = urllib.request.Request(f"{base}{path}", headers={"Host": "localhost"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def _fetch_twice(base: str, path: str = DETAIL) -> tuple[int, str]:
    """Read through the other process until its answer comes from the shared cache."""
    _get(base, path)
    status, headers, body = _get(base, path)
    assert headers.get("X-Cache") == "HIT" or status == 404
    return status, body


def test_a_publish_in_one_process_is_served_by_the_other_on_its_next_request(
    other_process, treatment_index
):
    clinic = ClinicFactory(phone="Phone one")
    page = TreatmentPageFactory(
        parent=treatment_index,
        slug="shared-therapy",
        summary="The first signed summary.",
        clinic=clinic,
    )
    status, body = _fetch_twice(other_process)
    assert status == 200 and "The first signed summary." in body

    page = TreatmentPage.objects.get(pk=page.pk)
    page.summary = "The second signed summary."
    sign_and_publish(page)

    status, headers, body = _get(other_process, DETAIL)
    assert status == 200
    assert "The second signed summary." in body
    assert "The first signed summary." not in body
    assert headers["X-Cache"] == "MISS"

    # A snippet edit.
    _fetch_twice(other_process)
    clinic.phone = "Phone two"
    clinic.save()
    assert "Phone two" in _get(other_process, DETAIL)[2]

    # A move.
    _fetch_twice(other_process)
    elsewhere = TreatmentIndexPageFactory(parent=treatment_index.get_parent(), slug="elsewhere")
    TreatmentPage.objects.get(pk=page.pk).move(elsewhere, pos="last-child")
    assert "/elsewhere/shared-therapy/" in _get(other_process, DETAIL)[2]

    # An unpublish.
    _fetch_twice(other_process)
    _fetch_twice(other_process, "/api/v1/treatments/")
    TreatmentPage.objects.get(pk=page.pk).unpublish()
    assert _get(other_process, DETAIL)[0] == 404
    status, _, body = _get(other_process, "/api/v1/treatments/")
    assert status == 200 and "shared-therapy" not in body


def test_a_delete_in_one_process_is_seen_by_the_other(other_process, treatment_index):
    page = TreatmentPageFactory(parent=treatment_index, slug="shared-therapy")
    assert _fetch_twice(other_process)[0] == 200

    TreatmentPage.objects.get(pk=page.pk).delete()

    assert _get(other_process, DETAIL)[0] == 404
