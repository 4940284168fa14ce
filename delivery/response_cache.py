"""The server-side response cache: whole API responses, stored in the cache every app process
shares (Redis in production, the database cache in tests).

An entry is keyed by the site (scheme and host: the API answers for the site that matches the
host), the calendar day (review status, and so the served JSON, changes with the date) and the
full path with its query string; it records the content version it was computed under. A
lookup reads the entry and the current content version in one round trip, and an entry from
any other version is a miss: every publish, unpublish, move, delete and relevant snippet change
moves the version, in every process at once. Beside each entry its validators are kept (the
headers a 304 answers with), so a matching If-None-Match is answered without reading the body.
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


def lookup(request: HttpRequest, key: str) -> Lookup:
    found = cache.get_many([VERSION_KEY, key])
    version = found.get(VERSION_KEY) or current_version()
    entry = found.get(key)
    if entry is None or entry[0] != version[0]:
        return Lookup(key, version, None)
    return Lookup(key, version, Entry(*entry))


def store(key: str, version: str, response: HttpResponse) -> None:
    """Keep the response with every header it is answered with (validators, Cache-Control and
    Vary included), so a hit only has to copy them; and, beside it, what a 304 answers with."""
    headers = {name: value for name, value in response.items() if name.lower() != "set-cookie"}
    cache.set_many(
        {
            key: tuple(Entry(version, response.status_code, headers, response.content)),
            _validators_key(key): (version, _not_modified_headers(headers)),
        },
        timeout=settings.API_RESPONSE_CACHE_TIMEOUT,
    )


def not_modified(request: HttpRequest, key: str) -> HttpResponse | None:
    """A 304 for a request whose only precondition is an If-None-Match matching the current
    entry, read from the entry's validators (a few hundred bytes) rather than the whole entry:
    a 304 should cost less than the 200 it stands for. None otherwise; a request that does not
    match then reads the entry, one round trip later."""
    meta = request.META
    if "HTTP_IF_NONE_MATCH" not in meta or not _only_if_none_match(meta):
        return None
    found = cache.get_many([VERSION_KEY, _validators_key(key)])
    version, validators = found.get(VERSION_KEY), found.get(_validators_key(key))
    if version is None or validators is None or validators[0] != version[0]:
        return None
    headers = validators[1]
    if not _etag_matches(meta["HTTP_IF_NONE_MATCH"], headers.get("ETag", "")):
        return None
    return HttpResponseNotModified(headers=_hit(headers))


def _validators_key(key: str) -> str:
    return key + ":304"


def _not_modified_headers(headers: dict[str, str]) -> dict[str, str]:
    return {name: headers[name] for name in _NOT_MODIFIED_HEADERS if name in headers}


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
    if _only_if_none_match(meta) and _etag_matches(
        meta["HTTP_IF_NONE_MATCH"], entry.headers.get("ETag", "")
    ):
        return HttpResponseNotModified(headers=_hit(_not_modified_headers(entry.headers)))
    response = HttpResponse(entry.content, status=entry.status, headers=_hit(entry.headers))
    return http_cache.conditional(request, response)


def _hit(headers: dict[str, str]) -> dict[str, str]:
    return {**headers, "X-Cache": "HIT"}


def _only_if_none_match(meta) -> bool:
    return not any(name in meta for name in _PRECONDITIONS if name != "HTTP_IF_NONE_MATCH")


def _etag_matches(if_none_match: str, etag: str) -> bool:
    """Weak comparison, as RFC 9110 asks for If-None-Match (GZip may have weakened the tag)."""
    tags = parse_etags(if_none_match)
    ours = etag.removeprefix("W/")
    return tags == ["*"] or (bool(ours) and any(tag.removeprefix("W/") == ours for tag in tags))
