"""The client's address, as the API's throttle and the sign-in lockout both count it.

Behind proxies every request comes from the nearest proxy's address (``REMOTE_ADDR``), and
``X-Forwarded-For`` carries the addresses before it, of which only those appended by proxies of
ours can be believed: a client writes whatever it likes at the start of the header. The
setting ``REST_FRAMEWORK["NUM_PROXIES"]`` (``API_NUM_PROXIES``) says how many proxies append to
it. The rule is Django REST framework's own (``BaseThrottle.get_ident``), so the API's throttle
and the lockout agree on who a client is; a value that is not an IP address falls back to
``REMOTE_ADDR``.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def trusted_proxies() -> int:
    """How many proxies in front append to ``X-Forwarded-For`` (0: none is believed)."""
    return int(getattr(settings, "REST_FRAMEWORK", {}).get("NUM_PROXIES") or 0)


def client_address(request: HttpRequest) -> str | None:
    """``REMOTE_ADDR``; behind ``n`` trusted proxies, the ``n``-th address from the end of
    ``X-Forwarded-For`` (the one the outermost of our proxies appended), or the first when the
    header has fewer. None when the request has no address at all (a request built in code)."""
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = trusted_proxies()
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies <= 0 or not forwarded:
        return remote
    hops = forwarded.split(",")
    candidate = hops[-min(proxies, len(hops))].strip()
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
