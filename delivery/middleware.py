"""HTTP caching for the public API: validators, conditional GET and a shared response cache.

Cached responses are keyed by host (so by Wagtail Site), by the content version (every publish
and snippet change moves it, in every process at once) and by the calendar day (review status
changes with the date). A hit is answered here, before Django REST Framework runs — so before
throttling, which keeps applying to misses, search and preview.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

from .version import current_version

KEPT_HEADERS = ("Content-Type", "Content-Language")


def _setting(name: str, default):
    return getattr(settings, name, default)


class ApiCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        prefix = _setting("API_CACHE_PREFIX", "/api/v1/")
        if request.method not in ("GET", "HEAD") or not request.path.startswith(prefix):
            return self.get_response(request)
        if any(request.path.startswith(prefix + p) for p in _setting("API_NO_STORE", ())):
            response = self.get_response(request)
            response["Cache-Control"] = "private, no-store"
            return response

        version, issued = current_version()
        cacheable = not any(
            request.path.startswith(prefix + p) for p in _setting("API_UNCACHED", ())
        ) and _setting("API_RESPONSE_CACHE", True)
        key = self.key(request, version) if cacheable else None
        stored = cache.get(key) if key else None
        if stored is not None:
            response = HttpResponse(stored["content"], status=200)
            for header, value in stored["headers"].items():
                response[header] = value
            response["X-Cache"] = "hit"
        else:
            response = self.get_response(request)
            if response.status_code != 200 or getattr(response, "streaming", False):
                return response
            self.add_validators(response, issued)
            if key:
                cache.set(
                    key,
                    {
                        "content": response.content,
                        "headers": {
                            h: response[h]
                            for h in (*KEPT_HEADERS, "ETag", "Last-Modified", "Cache-Control")
                            if h in response
                        },
                    },
                    timeout=_setting("API_CACHE_TIMEOUT", 24 * 60 * 60),
                )
                response["X-Cache"] = "miss"
        patch_vary_headers(response, ("Accept-Encoding", "Origin"))
        return get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=int(issued),
            response=response,
        )

    @staticmethod
    def key(request: HttpRequest, version: str) -> str:
        path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        return f"api-response:{request.get_host()}:{version}:{timezone.localdate()}:{path}"

    @staticmethod
    def add_validators(response: HttpResponse, issued: float) -> None:
        response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:40]}"'
        response["Last-Modified"] = http_date(int(issued))
        max_age = _setting("API_CACHE_MAX_AGE", 60)
        stale = _setting("API_CACHE_STALE_WHILE_REVALIDATE", 300)
        response["Cache-Control"] = f"public, max-age={max_age}, stale-while-revalidate={stale}"
