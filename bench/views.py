"""The stack's ceiling: a bare Django view answering constant bytes through the same server,
middleware and settings as the API, with nothing to compute."""

from __future__ import annotations

from functools import cache

from django.http import Http404, HttpRequest, HttpResponse

MAX_SIZE = 10 * 1024 * 1024


@cache
def _body(size: int) -> bytes:
    return b"x" * size


def constant_bytes(request: HttpRequest, size: int) -> HttpResponse:
    """``size`` bytes of JSON-typed filler (sized like the response it stands in for)."""
    if size > MAX_SIZE:
        raise Http404
    return HttpResponse(_body(size), content_type="application/json")
