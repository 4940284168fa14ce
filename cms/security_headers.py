"""Security headers that Django's SecurityMiddleware does not set: Content-Security-Policy and
Permissions-Policy.

``SecurityHeadersMiddleware`` goes right after SecurityMiddleware, outside every middleware that
changes the response, so that it sees the final X-Frame-Options and Content-Type.
Content-Security-Policy is written by django-csp's middleware (it leaves a header that a view
set itself alone, and its ``csp_update``/``csp_replace``/``csp_exempt``/``csp_override``
decorators still work per view) with the policy that cms/csp.py chooses for the response. A
preview is the one case where a view's own header is changed: its ``frame-ancestors`` becomes
``'self'``, so that the kiosk, whose page may not be framed, can be previewed in the admin.

A 304 gets no policy: the browser updates the page it kept with the headers of the 304, and a
304 has no Content-Type to choose a policy by (it would get the one for data, and the page,
revalidated, would load nothing).
"""

from __future__ import annotations

from csp.constants import HEADER
from csp.middleware import CSPMiddleware, PolicyParts
from django.http import HttpRequest, HttpResponseBase

from cms.csp import framed_by_self, is_html, is_preview, policy_for

# No page of the site uses these browser features; an injected script or a framed page gets
# none of them either.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class SecurityHeadersMiddleware(CSPMiddleware):
    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if (
            not report_only
            and parts.config is None
            and HEADER not in response
            and response.status_code != 304
        ):
            parts.config = policy_for(request, response)
        return parts

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        response = super().process_response(request, response)
        if is_preview(request) and HEADER in response:
            response[HEADER] = framed_by_self(response[HEADER])
        if is_html(response):
            response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
