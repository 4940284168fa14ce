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
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.http import parse_etags

from . import http_cache
from .version import KEY as VERSION_KEY
from .version import current_version


class Entry(NamedTuple):
    version: str
    status: int
    headers: dict[str, str]
    content: bytes


class Lookup(NamedTuple):
    key: str
    version: tuple[str, float]
    entry: Entry | None


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
    return Lookup(key, version, Entry(*entry))


def store(key: str, version: str, response: HttpResponse) -> None:
    """Keep the response with every header it is answered with (validators, Cache-Control and
    Vary included), so a hit only has to copy them."""
    headers = {name: value for name, value in response.items() if name.lower() != "set-cookie"}
    cache.set(
        key,
        tuple(Entry(version, response.status_code, headers, response.content)),
        timeout=settings.API_RESPONSE_CACHE_TIMEOUT,
    )


_PRECONDITIONS = (
    "HTTP_IF_MATCH",
    "HTTP_IF_UNMODIFIED_SINCE",
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
)
_NOT_MODIFIED_HEADERS = ("ETag", "Last-Modified", "Cache-Control", "Vary")


def answer(request: HttpRequest, entry: Entry) -> HttpResponse:
    """A cached answer, built with as little work as possible: this is the hot path."""
    meta = request.META
    if not any(name in meta for name in _PRECONDITIONS):
        return HttpResponse(entry.content, status=entry.status, headers=_hit(entry.headers))
    if _only_if_none_match(meta) and _etag_matches(meta["HTTP_IF_NONE_MATCH"], entry):
        kept = {
            name: entry.headers[name] for name in _NOT_MODIFIED_HEADERS if name in entry.headers
        }
        return HttpResponseNotModified(headers=_hit(kept))
    response = HttpResponse(entry.content, status=entry.status, headers=_hit(entry.headers))
    return http_cache.conditional(request, response)


def _hit(headers: dict[str, str]) -> dict[str, str]:
    return {**headers, "X-Cache": "HIT"}


def _only_if_none_match(meta) -> bool:
    return not any(name in meta for name in _PRECONDITIONS if name != "HTTP_IF_NONE_MATCH")


def _etag_matches(if_none_match: str, entry: Entry) -> bool:
    """Weak comparison, as RFC 9110 asks for If-None-Match (GZip may have weakened the tag)."""
    tags = parse_etags(if_none_match)
    ours = entry.headers.get("ETag", "").removeprefix("W/")
    return tags == ["*"] or (bool(ours) and any(tag.removeprefix("W/") == ours for tag in tags))
