"""HTTP caching of public GET responses.

- Content API reads (treatments, conditions, pages by path, the kiosk bundle) are answered from
  the shared response cache when they can be, before Django's view machinery and DRF run (so
  before throttling, which keeps applying to cache misses, search and preview). Misses are
  computed, stored, and answered.
- Every public API GET and every page Wagtail serves to an anonymous visitor gets an ETag (a
  digest of the body), Last-Modified and ``Cache-Control: public, max-age=…,
  stale-while-revalidate=…``; matching If-None-Match / If-Modified-Since answer 304.
- Previews (and anything a view marks ``private`` or ``no-store``) are never cached or made public.

Place it after CorsMiddleware (so cached answers still get CORS headers) and inside
GZipMiddleware (which compresses cached answers too and weakens their ETag).
"""

from __future__ import annotations

import re

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from . import http_cache, response_cache
from .version import current_version

CACHED_API = re.compile(r"^/api/v1/(treatments|conditions|pages|kiosk/bundle)/")
PUBLIC_API = re.compile(r"^/api/v1/(search|schema|docs)/")
API_VARY = ("Origin",)


class HttpCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        if CACHED_API.match(request.path_info):
            return self._cached_api(request)
        response = self.get_response(request)
        if PUBLIC_API.match(request.path_info) or self._anonymous_page(request, response):
            vary = API_VARY if request.path_info.startswith("/api/") else ()
            return http_cache.finish_public(request, response, vary=vary)
        return response

    def _cached_api(self, request: HttpRequest) -> HttpResponse:
        if not settings.API_RESPONSE_CACHE:
            _, issued = current_version()
            response = self.get_response(request)
            return http_cache.finish_public(request, response, vary=API_VARY, version_time=issued)
        key = response_cache.cache_key(request)
        response = response_cache.not_modified(request, key)
        if response is not None:
            return response
        found = response_cache.lookup(request, key)
        if found.entry is not None:
            return response_cache.answer(request, found.entry)
        token, issued = found.version
        response = self.get_response(request)
        if not http_cache.cacheable(response):
            return response
        http_cache.make_public(response, vary=API_VARY, version_time=issued)
        response_cache.store(found.key, token, response)
        response["X-Cache"] = "MISS"
        return http_cache.conditional(request, response)

    @staticmethod
    def _anonymous_page(request: HttpRequest, response: HttpResponse) -> bool:
        """A Wagtail page served to a visitor without a session: the same bytes for everyone."""
        match = request.resolver_match
        return (
            match is not None
            and match.url_name == "wagtail_serve"
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not response.cookies
            and "cookie" not in response.get("Vary", "").lower()
        )
