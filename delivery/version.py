"""The content version: one token, shared by every app process through the cache, that changes
whenever anything public may have changed (publish, unpublish, move, delete, snippet edits).

Cached responses are keyed by it, so a publish through one process invalidates what every other
process has cached. A token rather than a counter: if the cache is flushed, a fresh token can
never collide with keys from before.
"""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.utils import timezone

KEY = "delivery:content-version"


def current_version() -> tuple[str, float]:
    """(token, the time it was issued as a Unix timestamp)."""
    value = cache.get(KEY)
    if value is None:
        cache.add(KEY, (uuid.uuid4().hex, timezone.now().timestamp()), timeout=None)
        value = cache.get(KEY)
    return value


def bump_version(*args, **kwargs) -> tuple[str, float]:
    value = (uuid.uuid4().hex, timezone.now().timestamp())
    cache.set(KEY, value, timeout=None)
    return value
