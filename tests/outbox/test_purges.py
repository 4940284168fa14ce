"""Cache purges through the outbox: a publication's purges (ours, of the page and the API URLs
that serve it, and Wagtail's own, of the page's URLs) wait in the outbox while the cache is down,
are retried with exponential backoff, and land once it is back."""

from __future__ import annotations

import socket
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
import time_machine

from outbox.models import Delivery, DeliveryStatus
from outbox.tasks import deliver_due_now
from outbox.wagtail_purges import page_urls
from tests.factories import TreatmentPageFactory

pytestmark = pytest.mark.django_db


class _Cache(BaseHTTPRequestHandler):
    """A caching proxy's purge endpoint, as nginx's or Varnish's: records each PURGE."""

    def do_PURGE(self):  # noqa: N802  (the HTTP method's name)
        self.server.purged.append(f"http://{self.headers['Host']}{self.path}")
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def cache_port(settings):
    """The front-end cache's purge address, with the project's HTTP backend (which reports a
    failed PURGE); nothing listens there until a test starts the cache. (Ask for it after
    ``treatment_index``: the set-up's pages are then published with no cache to purge.)"""
    port = _free_port()
    settings.WAGTAILFRONTENDCACHE = {
        "http": {"BACKEND": "outbox.backends.HTTPBackend", "LOCATION": f"http://127.0.0.1:{port}"}
    }
    settings.OUTBOX_RETRY_BASE_SECONDS = 10
    settings.OUTBOX_RETRY_MAX_SECONDS = 3600
    return port


def _start_cache(port: int) -> HTTPServer:
    server = HTTPServer(("127.0.0.1", port), _Cache)
    server.purged = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_a_purge_while_the_cache_is_down_is_retried_with_backoff_and_lands_once_it_is_back(
    treatment_index, cache_port, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = TreatmentPageFactory(parent=treatment_index, slug="purged-later")

    purges = Delivery.objects.filter(webhook__isnull=True)
    wagtails = page_urls(page)
    assert "http://localhost/treatments/purged-later/" in wagtails
    # Ours (the documents' URLs) and Wagtail's (the page's), both in the outbox, both failed.
    assert any("http://localhost/api/v1/treatments/purged-later/" in d.purge_urls for d in purges)
    assert any(d.purge_urls == wagtails for d in purges)
    for delivery in purges:
        assert (delivery.status, delivery.attempts) == (DeliveryStatus.PENDING, 1)
        assert "PurgeFailed" in delivery.last_error and "refused" in delivery.last_error
        assert delivery.next_attempt_at - delivery.last_attempt_at == timedelta(seconds=10)

    # Still down at the next attempt: it waits twice as long.
    due = max(purges.values_list("next_attempt_at", flat=True))
    with time_machine.travel(due + timedelta(seconds=1)):
        assert deliver_due_now() == {"failed": purges.count()}
    for delivery in purges.all():
        assert delivery.attempts == 2
        assert delivery.next_attempt_at - delivery.last_attempt_at == timedelta(seconds=20)

    # The cache is back: the next attempt lands every URL.
    cache = _start_cache(cache_port)
    try:
        due = max(purges.values_list("next_attempt_at", flat=True))
        with time_machine.travel(due + timedelta(seconds=1)):
            assert deliver_due_now() == {"delivered": purges.count()}
    finally:
        cache.shutdown()
        cache.server_close()
    assert set(purges.values_list("status", flat=True)) == {DeliveryStatus.DELIVERED}
    assert set(purges.values_list("last_error", flat=True)) == {""}
    expected = {url for delivery in purges for url in delivery.purge_urls}
    assert expected <= set(cache.purged)
    assert "http://localhost/treatments/purged-later/" in cache.purged
    assert "http://localhost/api/v1/treatments/purged-later/" in cache.purged


def test_wagtails_page_purges_are_written_to_the_outbox_not_run_as_its_own_task(
    treatment_index, cache_port, django_capture_on_commit_callbacks
):
    cache = _start_cache(cache_port)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            page = TreatmentPageFactory(parent=treatment_index, slug="purged-now")
        with django_capture_on_commit_callbacks(execute=True):
            page.unpublish()
    finally:
        cache.shutdown()
        cache.server_close()

    wagtails = Delivery.objects.filter(webhook__isnull=True, purge_urls=page_urls(page))
    assert wagtails.count() == 2  # published, then unpublished
    assert set(wagtails.values_list("status", flat=True)) == {DeliveryStatus.DELIVERED}
    assert cache.purged.count("http://localhost/treatments/purged-now/") >= 2


def test_a_page_with_a_non_ascii_slug_is_purged_at_its_encoded_addresses(
    treatment_index, cache_port, django_capture_on_commit_callbacks
):
    cache = _start_cache(cache_port)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            TreatmentPageFactory(parent=treatment_index, slug="thérapie")
    finally:
        cache.shutdown()
        cache.server_close()

    purges = Delivery.objects.filter(webhook__isnull=True)
    assert set(purges.values_list("status", flat=True)) == {DeliveryStatus.DELIVERED}
    # As a client's request names it, which is nginx's cache key.
    assert "http://localhost/api/v1/treatments/th%C3%A9rapie/" in cache.purged
    assert "http://localhost/treatments/th%C3%A9rapie/" in cache.purged


def test_one_url_that_cannot_be_purged_does_not_keep_the_others_cached(cache_port):
    from django.conf import settings

    from outbox.backends import HTTPBackend, PurgeFailed

    backend = HTTPBackend(settings.WAGTAILFRONTENDCACHE["http"])
    cache = _start_cache(cache_port)
    try:
        with pytest.raises(PurgeFailed, match="thé"):
            backend.purge_batch(
                ["http://localhost/a/", "http://localhost/thé/", "http://localhost/z/"]
            )
    finally:
        cache.shutdown()
        cache.server_close()
    assert cache.purged == ["http://localhost/a/", "http://localhost/z/"]
