"""The Redis cache backend's own read path, against a real redis-server (``scripts/ensure-redis``
installs Debian's when ``make test`` runs as root). The rest of the suite uses Django's
database cache."""

from __future__ import annotations

import os
import threading

import pytest
import redis

from bench.servers import start_redis
from delivery.redis_cache import ReusingRedisCache


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    process, url = start_redis(tmp_path_factory.mktemp("redis"))
    yield url
    process.stop()


@pytest.fixture
def cache(redis_url):
    backend = ReusingRedisCache(redis_url, {"KEY_PREFIX": "test-redis-cache"})
    yield backend
    backend.clear()
    backend.close()


def _reader(backend: ReusingRedisCache):
    return backend._cache._reader()


def test_reads_answer_what_the_pool_wrote(cache):
    cache.set("entry", ("version", 200, {"ETag": '"x"'}, b"body"))
    cache.set("count", 7)
    assert cache.get("entry") == ("version", 200, {"ETag": '"x"'}, b"body")
    assert cache.get("count") == 7
    assert cache.get("missing", "default") == "default"
    assert cache.get_many(["entry", "missing", "count"]) == {
        "entry": ("version", 200, {"ETag": '"x"'}, b"body"),
        "count": 7,
    }
    assert cache.get_many([]) == {}


def test_a_read_sees_a_write_made_just_before_it(cache):
    for value in range(50):
        cache.set("version", value)
        assert cache.get_many(["version"]) == {"version": value}


def test_a_killed_connection_is_replaced_without_an_error(cache, redis_url):
    cache.set("entry", "before")
    assert cache.get("entry") == "before"
    first = _reader(cache)
    admin = redis.Redis.from_url(redis_url)
    assert admin.client_kill_filter(_type="normal", skipme=True) >= 1
    cache.set("entry", "after")  # the pool reconnects on its own
    assert cache.get("entry") == "after"  # the dead reader fails, the pool answers
    assert cache.get_many(["entry"]) == {"entry": "after"}
    assert _reader(cache) is not first
    admin.close()


def test_a_redis_error_is_raised_and_the_connection_stays_usable(cache, redis_url):
    admin = redis.Redis.from_url(redis_url)
    key = cache.make_and_validate_key("a-list")
    admin.rpush(key, "x")
    reader = _reader(cache)
    with pytest.raises(redis.ResponseError, match="WRONGTYPE"):
        cache.get("a-list")
    cache.set("entry", "still here")
    assert cache.get("entry") == "still here"
    assert _reader(cache) is reader
    admin.close()


def test_each_thread_reads_on_its_own_connection(cache):
    cache.set("entry", "shared")
    mine = _reader(cache)
    seen = {}

    def read():
        seen["value"] = cache.get("entry")
        seen["reader"] = _reader(cache)

    thread = threading.Thread(target=read)
    thread.start()
    thread.join()
    assert seen["value"] == "shared"
    assert seen["reader"] is not mine
    assert _reader(cache) is mine


def test_a_forked_worker_does_not_read_on_its_parents_socket(cache):
    cache.set("entry", "from the parent")
    parent_reader = _reader(cache)
    assert cache.get("entry") == "from the parent"
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report, then leave without running pytest's teardown
        try:
            ok = cache.get("entry") == "from the parent" and _reader(cache) is not parent_reader
            os.write(write_end, b"ok" if ok else b"bad")
        finally:
            os._exit(0)
    os.close(write_end)
    answer = os.read(read_end, 16)
    os.close(read_end)
    os.waitpid(pid, 0)
    assert answer == b"ok"
    assert cache.get("entry") == "from the parent"  # the parent's socket is still in step
    assert _reader(cache) is parent_reader


def test_any_key_is_accepted_without_memcached_warnings(cache, recwarn):
    key = "a key with spaces\nand a newline " + "x" * 300
    cache.set(key, "value")
    assert cache.get(key) == "value"
    assert not [w for w in recwarn if "memcached" in str(w.message).lower()]
