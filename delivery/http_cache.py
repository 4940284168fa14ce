"""HTTP caching headers for public GET responses: validators (ETag, Last-Modified), the
Cache-Control policy and Vary, and the conditional answer (304) built from them.

The policy: browsers revalidate every time (``max-age=0``: a 304 when nothing changed), so a
withdrawn page is gone from a browser at its next request; shared caches keep a response for
``API_CACHE_MAX_AGE`` seconds (``s-maxage``), since publishing purges them (Wagtail's frontend
cache). Serving stale while refreshing is for shared caches only: nginx does it by its own
configuration, a CDN by ``CDN-Cache-Control`` (RFC 9213), which browsers ignore. In
``Cache-Control`` a browser would honour it and show a withdrawn page once more.

GZipMiddleware, outside this layer, turns a strong ETag into a weak one; Django's precondition
checks compare If-None-Match weakly, so a weak ETag sent back still answers 304.
"""

from __future__ import annotations

import datetime
from functools import lru_cache

from django.conf import settings
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.http import http_date, parse_http_date_safe


def last_modified(
    changed_at: datetime.datetime | None, today: datetime.date | None = None
) -> float:
    """When what is served last changed: the documents' last change, or the start of ``today``
    (the current date by default) when that is later (review status, and so the content, moves
    with the calendar day)."""
    start = _start_of(today or timezone.localdate(), timezone.get_current_timezone_name())
    return max(changed_at.timestamp() if changed_at else 0.0, start)


@lru_cache(maxsize=8)
def _start_of(day: datetime.date, zone: str) -> float:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min)).timestamp()


@lru_cache(maxsize=64)
def _http_date(timestamp: float) -> str:
    return http_date(timestamp)


def cacheable(response: HttpResponse) -> bool:
    """A complete 200 that its view did not mark ``private`` or ``no-store`` (previews) and
    that sets no cookie (a shared cache would hand it to everyone)."""
    control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in control
        and "no-store" not in control
    )


def make_public(
    response: HttpResponse,
    *,
    vary: tuple[str, ...] = (),
    changed_at: datetime.datetime | None = None,
    today: datetime.date | None = None,
) -> None:
    """Validators and the public caching policy, on a response that is ``cacheable``. Without an
    ETag of its own, the ETag is a digest of the body. ``today`` is the current date, when the
    caller has it already."""
    if not response.has_header("ETag"):
        set_response_etag(response)
    if not response.has_header("Last-Modified"):
        if changed_at is None:
            from .models import SiteDocuments

            changed_at = SiteDocuments.objects.aggregate(last=Max("changed_at"))["last"]
        response["Last-Modified"] = _http_date(last_modified(changed_at, today))
    shared = settings.API_CACHE_MAX_AGE
    if response.has_header("Cache-Control"):
        patch_cache_control(response, public=True, max_age=0, s_maxage=shared)
    else:  # the usual case, written at once (patching parses and rebuilds the header)
        response["Cache-Control"] = f"public, max-age=0, s-maxage={shared}"
    if settings.API_CACHE_STALE_WHILE_REVALIDATE:
        response["CDN-Cache-Control"] = (
            f"max-age={shared}, stale-while-revalidate={settings.API_CACHE_STALE_WHILE_REVALIDATE}"
        )
    if vary and not response.has_header("Vary"):
        response["Vary"] = ", ".join(vary)  # the usual case, written at once too
    elif vary:
        patch_vary_headers(response, vary)


_PRECONDITIONS = (
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_MATCH",
    "HTTP_IF_UNMODIFIED_SINCE",
)


def conditional(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Answer 304 when the request's validators match the response's."""
    if not any(request.META.get(header) for header in _PRECONDITIONS):
        return response  # nothing to compare (most requests): no header to parse
    modified = response.get("Last-Modified")
    answer = get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=parse_http_date_safe(modified) if modified else None,
        response=response,
    )
    if answer is not response and response.has_header("CDN-Cache-Control"):
        # Django's 304 keeps a fixed list of headers; a CDN refreshes its copy's from it.
        answer["CDN-Cache-Control"] = response["CDN-Cache-Control"]
    return answer


def finish_public(
    request: HttpRequest,
    response: HttpResponse,
    *,
    vary: tuple[str, ...] = (),
) -> HttpResponse:
    """Validators, public caching and the conditional answer for a computed response."""
    if not cacheable(response):
        return response
    make_public(response, vary=vary)
    return conditional(request, response)
