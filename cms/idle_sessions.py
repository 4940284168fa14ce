"""Idle staff sessions end: a signed-in user (everyone with an account here is staff: the public
site has none) who made no request for STAFF_SESSION_IDLE_MINUTES is signed out on their next
request and sent to the admin's sign-in page, which says why.

Why a middleware and not SESSION_COOKIE_AGE with SESSION_SAVE_EVERY_REQUEST: that writes the
session on every request (every admin page, every autosave and preview refresh, every ping of
an open editor), and would count the editor's background pings as activity. Here the time of
the last activity is kept in the session and written at most once a minute, so an idle session
ends between N and N + 1 minutes after the last request, never before N.

What counts as activity: every request of the user, except the pings (and releases) of
Wagtail's editing sessions, which an open editor tab sends every few seconds by itself: an
editor left open must not keep a session alive for ever. Those requests are still refused once
the session has expired. While someone types, the admin's pages ask ``accounts:activity`` at
most once a minute (a create form has no autosave to do it), and again before a form is sent:
one that finds the session ended keeps the form as it is (static/accounts/js/staff-session.js).

A request made by a page's script (those two, autosave, anything asking for JSON) is answered
401 with JSON, not sent to the sign-in page: the script says so, and the message waits for the
next page the user opens.

Place after AuthenticationMiddleware and MessageMiddleware. A request without a session cookie
is not looked at, so anonymous pages are not made to vary by cookie; nor are health checks,
which answer without the database.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import Resolver404, resolve, reverse

from cms.middleware import QUIET_PATHS as HEALTH_CHECKS

LAST_ACTIVITY = "cms.last_activity"
WRITE_INTERVAL_SECONDS = 60
BACKGROUND_NAMESPACES = frozenset({"wagtailadmin_editing_sessions"})
ACTIVITY_CHECK = "accounts:activity"


def idle_limit_seconds() -> int:
    """0 turns the limit off."""
    return max(0, int(getattr(settings, "STAFF_SESSION_IDLE_MINUTES", 0))) * 60


def signed_out_message(minutes: int) -> str:
    return (
        f"You were signed out after {minutes} minute{'s' if minutes != 1 else ''} without "
        "activity. Sign in again to continue."
    )


def start_clock(sender, request: HttpRequest | None, user, **kwargs) -> None:
    """At sign-in (``user_logged_in``): the session's clock starts now, even when the sign-in
    request came without a session cookie (a new browser), which the middleware leaves alone."""
    if request is not None and hasattr(request, "session"):
        request.session[LAST_ACTIVITY] = int(time.time())


class IdleStaffSessionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = idle_limit_seconds()
        if (
            not limit
            or settings.SESSION_COOKIE_NAME not in request.COOKIES
            or getattr(request, "is_dummy", False)  # Wagtail's preview, inside a real request
            or HEALTH_CHECKS.match(request.path_info)  # answered without the database
        ):
            return self.get_response(request)
        now = int(time.time())
        if request.user.is_authenticated and self._expired(request, now, limit):
            return self._sign_out(request, limit)
        response = self.get_response(request)
        if request.user.is_authenticated and self._is_activity(request):
            self._stamp(request, now)
        return response

    @staticmethod
    def _expired(request: HttpRequest, now: int, limit: int) -> bool:
        """The stamp may be up to WRITE_INTERVAL_SECONDS older than the last activity, so that
        much is allowed on top: no session ends before it has been idle for the limit."""
        last = request.session.get(LAST_ACTIVITY)
        return isinstance(last, int) and now - last > limit + WRITE_INTERVAL_SECONDS

    @staticmethod
    def _is_activity(request: HttpRequest) -> bool:
        match = request.resolver_match
        if match is None:  # before the view: resolve it here (only when signing out)
            try:
                match = resolve(request.path_info)
            except Resolver404:
                return True
        return not BACKGROUND_NAMESPACES.intersection(match.namespaces)

    @staticmethod
    def _from_a_script(request: HttpRequest) -> bool:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            match = None
        if match is not None and (
            BACKGROUND_NAMESPACES.intersection(match.namespaces)
            or match.view_name == ACTIVITY_CHECK
        ):
            return True
        accept = request.headers.get("Accept", "")
        return "application/json" in accept and "text/html" not in accept

    @staticmethod
    def _stamp(request: HttpRequest, now: int) -> None:
        """A session without a stamp (from before this middleware) starts its clock now."""
        last = request.session.get(LAST_ACTIVITY)
        if not isinstance(last, int) or now - last >= WRITE_INTERVAL_SECONDS:
            request.session[LAST_ACTIVITY] = now

    def _sign_out(self, request: HttpRequest, limit: int) -> HttpResponse:
        """Signed out. A page's script is told so (its page keeps what was typed); a page the
        user asked for sends them to sign in, and back to it afterwards."""
        logout(request)
        messages.info(request, signed_out_message(limit // 60))
        login = reverse("wagtailadmin_login")
        if self._from_a_script(request):
            return JsonResponse({"signed_out": True, "login_url": login}, status=401)
        if request.method == "GET" and request.path != login and self._is_activity(request):
            login = f"{login}?{urlencode({'next': request.get_full_path()})}"
        return HttpResponseRedirect(login)
