"""A caching proxy in front of the site is purged on publish and unpublish: the page's URL
(Wagtail's frontend-cache app) and the API URLs that serve the same content."""

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


def test_publishing_and_unpublishing_purge_the_page_and_its_api_urls(purge_server, treatment_index):
    page = TreatmentPageFactory(parent=treatment_index, slug="purged")

    assert "localhost/treatments/purged/" in purge_server
    assert "localhost/api/v1/treatments/purged/" in purge_server
    assert "localhost/api/v1/treatments/" in purge_server

    purge_server.clear()
    page.unpublish()
    assert "localhost/treatments/purged/" in purge_server
    assert "localhost/api/v1/treatments/purged/" in purge_server


def test_a_purge_inside_a_transaction_is_repeated_after_the_commit(
    purge_server, treatment_index, django_capture_on_commit_callbacks
):
    """A CDN that refetched between the first purge and the commit would hold the old content."""
    page = TreatmentPageFactory(parent=treatment_index, slug="purged")
    purge_server.clear()

    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
        during = list(purge_server)

    assert during.count("localhost/api/v1/treatments/purged/") == 1
    assert purge_server.count("localhost/api/v1/treatments/purged/") == 2
    assert purge_server.count("localhost/treatments/purged/") == 2
