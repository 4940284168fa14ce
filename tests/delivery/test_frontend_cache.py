"""A caching proxy in front of the site is purged when documents change: the page's URL and the
API URLs that serve the same content, once the change has committed."""

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from tests.factories import TreatmentPageFactory

pytestmark = pytest.mark.django_db


class _PurgeRecorder(BaseHTTPRequestHandler):
    purged: list[str] = []

    def do_PURGE(self):  # noqa: N802  (the HTTP method's name)
        self.purged.append(f"{self.headers['Host']}{self.path}")
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purge_server(settings):
    """A real HTTP server that answers PURGE, as Varnish or nginx would."""
    server = HTTPServer(("127.0.0.1", 0), _PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    _PurgeRecorder.purged = []
    yield _PurgeRecorder.purged
    server.shutdown()


def test_publishing_and_unpublishing_purge_the_page_and_its_api_urls(
    purge_server, treatment_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = TreatmentPageFactory(parent=treatment_index, slug="purged")

    for url in ("treatments/purged/", "api/v1/treatments/purged/", "api/v1/treatments/"):
        assert f"localhost/{url}" in purge_server
    assert "localhost/api/v1/pages/?path=/treatments/purged/" in purge_server
    assert "localhost/api/v1/kiosk/bundle/" in purge_server

    purge_server.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert "localhost/treatments/purged/" in purge_server
    assert "localhost/api/v1/treatments/purged/" in purge_server


def test_the_api_urls_are_purged_once_the_change_has_committed(
    purge_server, treatment_index, django_capture_on_commit_callbacks
):
    """A CDN that refetched before the commit would still see the old documents: the purge of
    what the documents serve waits for the commit (it is not a document write)."""
    page = TreatmentPageFactory(parent=treatment_index, slug="purged")
    purge_server.clear()

    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
        during = list(purge_server)

    assert "localhost/api/v1/treatments/purged/" not in during
    assert purge_server.count("localhost/api/v1/treatments/purged/") == 1


def test_a_cdn_that_is_down_does_not_fail_the_change(
    settings, treatment_index, django_capture_on_commit_callbacks, caplog
):
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://127.0.0.1:9",  # nothing listens there
        }
    }
    with django_capture_on_commit_callbacks(execute=True):
        page = TreatmentPageFactory(parent=treatment_index, slug="purged")

    assert page.live
