"""The server-side response cache: whole API responses, stored in the cache every app process
shares (Redis in production, the database cache in tests), keyed by

- the site (scheme and host: the API answers for the site that matches the host),
- the content version (every publish, unpublish, move, delete and relevant snippet change
  moves it, in every process at once),
- the calendar day (review status, and so the served JSON, changes with the date),
- the full path with its query string.

Old entries are never deleted: a new version or day means new keys, and the old ones expire.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

# Headers that belong to one exchange, not to the stored representation.
_NOT_STORED = {"set-cookie", "vary", "cache-control"}


def cache_key(request: HttpRequest, version: str) -> str:
    identity = "\n".join(
        (
            request.scheme,
            request.get_host(),
            version,
            timezone.localdate().isoformat(),
            request.get_full_path(),
        )
    )
    return "delivery:response:" + hashlib.blake2b(identity.encode(), digest_size=20).hexdigest()


def load(key: str) -> HttpResponse | None:
    entry = cache.get(key)
    if entry is None:
        return None
    status, headers, content = entry
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response


def store(key: str, response: HttpResponse) -> None:
    headers = [(name, value) for name, value in response.items() if name.lower() not in _NOT_STORED]
    cache.set(
        key,
        (response.status_code, headers, response.content),
        timeout=settings.API_RESPONSE_CACHE_TIMEOUT,
    )
