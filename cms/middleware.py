"""Request ids: every request gets one, its log lines carry it, and its response echoes it.

``RequestIdMiddleware`` goes first in MIDDLEWARE, so that every log line of the request, and
the response of every other middleware (an HTTPS redirect too), carries the id. It takes the
client's or load balancer's ``X-Request-ID`` when that is a sane token, so that one id follows a
request through the proxy's logs and ours; otherwise it makes one. The user is not read here:
the log formatter takes it once authentication has loaded it (see ``cms.logging``).

It also writes one access line per request (logger ``cms.request``, level INFO): method, path,
status and duration. Health checks are left out (a load balancer asks every few seconds), and a
preview token in a path is masked: it grants a draft to whoever holds it.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from cms.logging import bind_request, unbind_request

HEADER = "X-Request-ID"
# Letters, digits and a few separators that UUIDs, trace ids and ALB ids use; nothing that
# could break a log line or a header.
SANE_ID = re.compile(r"[A-Za-z0-9._:/+=@-]{1,200}")
QUIET_PATHS = re.compile(r"^/health(z$|/)")
SECRET_URL_KWARGS = ("token",)

access_log = logging.getLogger("cms.request")


def request_id_from(request: HttpRequest) -> str:
    offered = request.headers.get(HEADER, "")
    if SANE_ID.fullmatch(offered):
        return offered
    return uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.monotonic()
        request.request_id = request_id_from(request)
        token = bind_request(request.request_id, request)
        try:
            response = self.get_response(request)
            response[HEADER] = request.request_id
            if not QUIET_PATHS.match(request.path_info):
                duration_ms = round((time.monotonic() - started) * 1000)
                path = _loggable_path(request)
                access_log.info(
                    "%s %s %s %sms",
                    request.method,
                    path,
                    response.status_code,
                    duration_ms,
                    extra={
                        "method": request.method,
                        "path": path,
                        "status": response.status_code,
                        "duration_ms": duration_ms,
                    },
                )
            return response
        finally:
            unbind_request(token)


def _loggable_path(request: HttpRequest) -> str:
    """The path without its query string, with secret URL arguments masked."""
    path = request.path
    match = request.resolver_match
    if match is not None:
        for name in SECRET_URL_KWARGS:
            value = match.kwargs.get(name)
            if isinstance(value, str) and value:
                path = path.replace(value, "…")
    return path
