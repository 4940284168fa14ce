"""A Redis that hangs (here a real redis-server, stopped with SIGSTOP) costs a read one socket
timeout, not one per cache call of every request: the cache leaves it alone for a while after
a failure, and asks it again afterwards."""

import os
import signal
import socket
import time

import pytest
from django.core.cache import cache
from django.test import override_settings

import cms.cache
from bench.servers import HOST, start_redis
from tests.factories import TreatmentPageFactory

from .test_health import _redis_cache

pytestmark = pytest.mark.django_db


def _redis_stat(url: str, name: str) -> int:
    """One figure of ``INFO stats``, asked over a connection of its own."""
    port = int(url.rsplit(":", 1)[1].split("/")[0])
    with socket.create_connection((HOST, port), timeout=5) as sock:
        sock.sendall(b"INFO stats\r\n")
        reply = sock.recv(65536)
        header, _, body = reply.partition(b"\r\n")  # a bulk string: $<length>\r\n<body>\r\n
        while len(body) < int(header[1:]):
            body += sock.recv(65536)
    for line in body.decode().splitlines():
        if line.startswith(f"{name}:"):
            return int(line.split(":", 1)[1])
    raise AssertionError(f"{name} is not in INFO stats")


@pytest.fixture
def redis(tmp_path):
    process, url = start_redis(tmp_path)
    yield process, url
    if process.popen.poll() is None:
        process.popen.send_signal(signal.SIGCONT)
    process.stop()


def test_reads_answer_and_a_hung_redis_is_asked_once_until_the_retry(
    client, treatment_index, redis, monkeypatch
):
    process, url = redis
    monkeypatch.setattr(cms.cache, "RETRY_AFTER", 3.0)
    read = f"/api/v1/treatments/{TreatmentPageFactory(parent=treatment_index).slug}/"
    with override_settings(CACHES=_redis_cache(url, ignore_exceptions=True)):
        assert client.get(read).status_code == 200  # Redis answers
        connections = _redis_stat(url, "total_connections_received")

        os.kill(process.popen.pid, signal.SIGSTOP)
        statuses = [client.get(read).status_code for _ in range(6)]
        os.kill(process.popen.pid, signal.SIGCONT)
        # Each ask of a hung Redis times out, drops its connection and makes a new one.
        asked_while_hung = _redis_stat(url, "total_connections_received") - connections - 1

        assert statuses == [200] * 6
        assert asked_while_hung <= 1

        time.sleep(3.1)  # past the retry: Redis, answering again, is used again
        cache.set("cms:hung-redis", "kept", timeout=30)
        assert cache.get("cms:hung-redis") == "kept"
