"""The shared cache: django-redis, which stops waiting on a Redis that has just failed.

Every request asks the cache a few times (the throttle reads and writes its counter, Wagtail
reads its site list). Against a Redis that hangs (stopped, or its network dropping packets),
each ask waits out the socket timeout before django-redis ignores the failure, so every read
was a second slower. After a failure, this process answers each ask as django-redis answers a
failed one, without asking Redis, for ``RETRY_AFTER`` seconds; then it tries Redis again.
"""

from __future__ import annotations

import functools
import socket
import time
from typing import Any

from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

RETRY_AFTER = 5.0  # seconds
_UNREACHABLE = (RedisConnectionError, RedisTimeoutError, socket.timeout, OSError)
# Per Redis location, this process's monotonic time before which that Redis is not asked.
_down_until: dict[str, float] = {}


class FailFastRedisCache(RedisCache):
    """django-redis's cache; set ``OPTIONS["IGNORE_EXCEPTIONS"]`` to answer misses while
    Redis is away."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self.location = str(server)

    @property
    def client(self) -> Any:
        return _Breaker(super().client, self.location)


class _Breaker:
    """django-redis's client, whose calls fail at once while its Redis is marked down."""

    def __init__(self, client: Any, location: str) -> None:
        self._client = client
        self._location = location

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._client, name)
        if not callable(attribute) or name == "close":  # closing never waits on Redis
            return attribute

        @functools.wraps(attribute)
        def call(*args: Any, **kwargs: Any) -> Any:
            if time.monotonic() < _down_until.get(self._location, 0.0):
                raise ConnectionInterrupted(connection=None) from RedisConnectionError(
                    f"Redis failed less than {RETRY_AFTER:g} s ago"
                )
            try:
                return attribute(*args, **kwargs)
            except ConnectionInterrupted as error:
                if isinstance(error.__cause__, _UNREACHABLE):
                    _down_until[self._location] = time.monotonic() + RETRY_AFTER
                raise

        return call
