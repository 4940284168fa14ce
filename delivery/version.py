"""The content version: one token, shared by every app process through the cache, that changes
whenever anything public may have changed (publish, unpublish, move, delete, privacy, site,
redirect and snippet changes).

Cached responses are keyed by it, so a publish through one process invalidates what every other
process has cached. A token rather than a counter: if the cache is flushed, a fresh token can
never collide with keys from before.

A change is bumped twice: at once, and again when the surrounding transaction commits. With
Redis the first bump is visible to other processes before the database commit is, so another
process could compute the *old* content and cache it under the new token; the bump after the
commit retires that token.
"""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

KEY = "delivery:content-version"


def current_version() -> tuple[str, float]:
    """(token, the time it was issued as a Unix timestamp)."""
    value = cache.get(KEY)
    if value is None:
        cache.add(KEY, _new_version(), timeout=None)
        value = cache.get(KEY)
    return value


def _new_version() -> tuple[str, float]:
    return (uuid.uuid4().hex, timezone.now().timestamp())


def _set_new_version() -> tuple[str, float]:
    value = _new_version()
    cache.set(KEY, value, timeout=None)
    return value


def bump_version(*args, **kwargs) -> tuple[str, float]:
    """Signal receiver (any signature): a new version now, and another after the commit."""
    value = _set_new_version()
    if connection.in_atomic_block:
        transaction.on_commit(_set_new_version)
    return value
