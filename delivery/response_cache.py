"""The server-side response cache: whole API responses, stored in the cache every app process
shares (Redis in production, the database cache in tests).

An entry is keyed by the site (scheme and host: the API answers for the site that matches the
host), the calendar day (review status, and so the served JSON, changes with the date) and the
full path with its query string; it records the content version it was computed under. A
lookup reads the entry and the current content version in one round trip, and an entry from
any other version is a miss: every publish, unpublish, move, delete and relevant snippet change
moves the version, in every process at once.
"""

from __future__ import annotations

import hashlib
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from .version import KEY as VERSION_KEY
from .version import current_version

# Headers that belong to one exchange, not to the stored representation.
_NOT_STORED = {"set-cookie", "vary", "cache-control"}


class Lookup(NamedTuple):
    key: str
    version: tuple[str, float]
    response: HttpResponse | None


def cache_key(request: HttpRequest) -> str:
    identity = "\n".join(
        (
            request.scheme,
            request.get_host(),
            timezone.localdate().isoformat(),
            request.get_full_path(),
        )
    )
    return "delivery:response:" + hashlib.blake2b(identity.encode(), digest_size=20).hexdigest()


def lookup(request: HttpRequest) -> Lookup:
    key = cache_key(request)
    found = cache.get_many([VERSION_KEY, key])
    version = found.get(VERSION_KEY) or current_version()
    entry = found.get(key)
    if entry is None or entry[0] != version[0]:
        return Lookup(key, version, None)
    _, status, headers, content = entry
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return Lookup(key, version, response)


def store(key: str, version: str, response: HttpResponse) -> None:
    headers = [(name, value) for name, value in response.items() if name.lower() not in _NOT_STORED]
    cache.set(
        key,
        (version, response.status_code, headers, response.content),
        timeout=settings.API_RESPONSE_CACHE_TIMEOUT,
    )
