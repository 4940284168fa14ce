"""HTTP caching headers for public GET responses: validators (ETag, Last-Modified), the
Cache-Control policy and Vary, and the conditional answer (304) built from them.

The ETag is a digest of the body (Django's ``set_response_etag``), so two processes, or a
cached and a computed response, give the same ETag for the same bytes. GZipMiddleware, outside
this layer, turns it into a weak ETag; Django's precondition checks compare If-None-Match
weakly, so a weak ETag sent back still answers 304.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.http import http_date, parse_http_date_safe

from .version import current_version


def last_modified(version_time: float) -> float:
    """When what is served last changed: the content version, or the start of today when that is
    later (review status, and so the content, moves with the calendar day)."""
    today = timezone.localdate()
    start_of_day = datetime.datetime.combine(today, datetime.time.min)
    start = timezone.make_aware(start_of_day).timestamp()
    return max(version_time, start)


def cacheable(response: HttpResponse) -> bool:
    """A complete 200 that its view did not mark ``private`` or ``no-store`` (previews)."""
    control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and "private" not in control
        and "no-store" not in control
    )


def make_public(
    response: HttpResponse, *, vary: tuple[str, ...] = (), version_time: float | None = None
) -> None:
    """Validators (an ETag from the body; Last-Modified from the content version) and the public
    caching policy, on a response that is ``cacheable``."""
    if not response.has_header("ETag"):
        set_response_etag(response)
    if not response.has_header("Last-Modified"):
        if version_time is None:
            version_time = current_version()[1]
        response["Last-Modified"] = http_date(last_modified(version_time))
    patch_cache_control(
        response,
        public=True,
        max_age=settings.API_CACHE_MAX_AGE,
        stale_while_revalidate=settings.API_CACHE_STALE_WHILE_REVALIDATE,
    )
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
    request: HttpRequest,
    response: HttpResponse,
    *,
    vary: tuple[str, ...] = (),
    version_time: float | None = None,
) -> HttpResponse:
    """Validators, public caching and the conditional answer for a computed response."""
    if not cacheable(response):
        return response
    make_public(response, vary=vary, version_time=version_time)
    return conditional(request, response)
