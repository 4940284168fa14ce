"""Request wrappers: admin writes in one transaction, and public caching for web pages.

- ``AdminWritesAtomic``: a POST (or other unsafe request) to the admin runs in one transaction,
  so a publish, unpublish, move, delete or privacy change there commits together with the
  documents it renders or removes (Wagtail's actions open no transaction themselves); a view
  that raises commits nothing. It takes ``signing.one_change``'s lock first (no deadlock with
  another change). A publish the sign-off guard refuses, in the view or after the commit,
  answers 409 with the reason, not 500.
- ``HttpCacheMiddleware``: a page Wagtail serves to an anonymous visitor, search, the schema
  and the API docs get an ETag (a digest of the body), Last-Modified (the site's documents'
  last change, or the start of today) and ``Cache-Control: public, …``; a matching
  If-None-Match answers 304. The content endpoints set their own validators from documents.
- ``PrivateWhenSettingCookies``: a response that sets a cookie is never ``public``: a shared
  cache would hand one visitor's cookie (a session, a CSRF token) to everyone after them.

Place ``HttpCacheMiddleware`` after CorsMiddleware and inside GZipMiddleware (which weakens the
ETag; 304s still match). Place ``PrivateWhenSettingCookies`` outside SessionMiddleware (which
sets its cookie on the way out), right after SecurityMiddleware.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from review.guards import PublishRefused
from signing.one_change import one_change_at_a_time

from . import http_cache

PUBLIC_API = re.compile(r"^/api/v1/(search|schema|docs)/")
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class AdminWritesAtomic:
    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = "/admin/"
        self.pings = "/admin/editing-sessions/"  # an open editor's, every few seconds

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in SAFE_METHODS or not request.path_info.startswith(self.prefix):
            return self.get_response(request)
        try:
            with transaction.atomic():
                if not request.path_info.startswith(self.pings):
                    one_change_at_a_time()  # before any row is locked: no deadlock
                return self.get_response(request)
        except PublishRefused as refusal:
            # A publish queued to run once the change committed (wagtail-localize publishes
            # so) met the sign-off guard: the change is saved, and nothing went live.
            return self._refused(request, refusal, saved=True)

    def process_exception(self, request: HttpRequest, exception: Exception):
        """A view that raises has its writes rolled back: Django turns the exception into a
        response before it leaves the view, so the block above would otherwise commit half a
        change (a page unpublished, its withdrawal's events not)."""
        if request.method in SAFE_METHODS or not request.path_info.startswith(self.prefix):
            return None
        response = None
        if isinstance(exception, PublishRefused):  # drawn first: a page drawn reads the database
            response = self._refused(request, exception, saved=False)
        transaction.set_rollback(True)
        return response

    @staticmethod
    def _refused(request: HttpRequest, refusal: PublishRefused, *, saved: bool) -> HttpResponse:
        context = {"refusal": refusal.refusal, "saved": saved}
        return render(request, "delivery/publish_refused.html", context, status=409)


class HttpCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            return response
        if PUBLIC_API.match(request.path_info):
            return http_cache.finish_public(request, response, vary=("Origin",))
        if self._anonymous_page(request, response):
            return http_cache.finish_public(request, response)
        return response

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


class PrivateWhenSettingCookies:
    """The last word on caching: whatever the view or HttpCacheMiddleware decided, a response
    with Set-Cookie is ``private`` (Django's ``patch_cache_control`` drops ``public`` with it)
    and carries neither ``s-maxage`` nor ``CDN-Cache-Control`` for shared caches. HTTP lets a
    shared cache store a response with Set-Cookie unless told otherwise, so one without any
    Cache-Control is marked too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        control = response.get("Cache-Control", "").lower()
        if response.cookies and "private" not in control and "no-store" not in control:
            patch_cache_control(response, private=True)
            _drop_cache_directive(response, "s-maxage")
            del response["CDN-Cache-Control"]  # (no error when absent)
        return response


def _drop_cache_directive(response: HttpResponse, name: str) -> None:
    kept = [
        directive.strip()
        for directive in response["Cache-Control"].split(",")
        if directive.strip() and directive.split("=", 1)[0].strip().lower() != name
    ]
    response["Cache-Control"] = ", ".join(kept)
