"""HTTP caching headers for public GET responses: validators (ETag, Last-Modified), the
Cache-Control policy and Vary, and the conditional answer (304) built from them.

The ETag is a digest of the body, so two processes (or a cached and a computed response) give
the same ETag for the same bytes. GZipMiddleware, outside this layer, turns it into a weak ETag;
Django's precondition checks compare If-None-Match weakly, so a weak ETag sent back still
answers 304.
"""

from __future__ import annotations

import datetime
import hashlib

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe

from .version import current_version

PRIVATE = "private, no-store"


def public_cache_control() -> str:
    return (
        f"public, max-age={settings.API_CACHE_MAX_AGE}, "
        f"stale-while-revalidate={settings.API_CACHE_STALE_WHILE_REVALIDATE}"
    )


def body_etag(content: bytes) -> str:
    return f'"{hashlib.blake2b(content, digest_size=16).hexdigest()}"'


def last_modified(version_time: float) -> float:
    """When what is served last changed: the content version, or the start of today when that is
    later (review status, and so the content, moves with the calendar day)."""
    today = timezone.localdate()
    start_of_day = datetime.datetime.combine(today, datetime.time.min)
    start = timezone.make_aware(start_of_day).timestamp()
    return max(version_time, start)


def is_private(response: HttpResponse) -> bool:
    control = response.get("Cache-Control", "")
    return "private" in control or "no-store" in control


def add_validators(response: HttpResponse, etag: str, modified: float) -> None:
    response["ETag"] = etag
    response["Last-Modified"] = http_date(modified)


def make_public(response: HttpResponse, *, vary: tuple[str, ...] = ()) -> None:
    response["Cache-Control"] = public_cache_control()
    if vary:
        patch_vary_headers(response, vary)


def conditional(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Answer 304 when the request's validators match the response's."""
    modified = response.get("Last-Modified")
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=parse_http_date_safe(modified) if modified else None,
        response=response,
    )


def finish_public(
    request: HttpRequest, response: HttpResponse, *, vary: tuple[str, ...] = ()
) -> HttpResponse:
    """Validators, public caching and the conditional answer for a computed 200."""
    if response.status_code != 200 or response.streaming or is_private(response):
        return response
    if not response.has_header("ETag"):
        response["ETag"] = body_etag(response.content)
    if not response.has_header("Last-Modified"):
        response["Last-Modified"] = http_date(last_modified(current_version()[1]))
    make_public(response, vary=vary)
    return conditional(request, response)
