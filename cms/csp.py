"""Content-Security-Policy for every response, chosen by what the response is.

django-csp writes the header (cms/security_headers.py); which policy applies is decided here,
per response, because the site serves four kinds of response with different needs:

- the public web pages: strict, no inline code at all (their templates have none; JSON-LD is a
  data block, which ``script-src`` does not govern);
- Wagtail's admin: Wagtail still renders inline ``<script>`` for its chooser widgets, inline
  panels and date pickers, and ``style=""`` attributes all over, so the admin needs
  ``'unsafe-inline'`` for both; everything else is as strict as the public pages;
- the API docs (Swagger UI from drf-spectacular-sidecar, started by a static script of ours);
- everything else that is not HTML (the JSON API, the schema): ``default-src 'none'``.

The server error page (templates/500.html) has its styles inline, allowed by their hash.

The kiosk and its service worker set their own, stricter policy (kiosk/views.py), and so do
Wagtail's image and document serving views; those headers are kept as they are.

The policies are built per request from STATIC_URL, MEDIA_URL and WAGTAILADMIN_BASE_URL, so
images from a separate media host (as for the kiosk), and the userbar's files when the admin
has a host of its own, are allowed wherever they are shown.

``frame-ancestors`` follows the response's X-Frame-Options: ``'self'`` where a view allows
same-origin framing, ``'none'`` where it is DENY (browsers that know CSP ignore
X-Frame-Options once ``frame-ancestors`` is present, so the two must agree). A preview is a page
rendered for the admin's frames (``is_preview``): it gets the policy of the page it shows (the
public pages' or the kiosk's, so a preview behaves as the page will) with ``frame-ancestors
'self'``.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache
from urllib.parse import urlsplit

from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.template.loader import get_template
from django.urls import reverse

Directives = dict[str, list[str]]


def origin(url: str) -> str | None:
    """``scheme://host[:port]`` of an absolute URL; None for a path on this site."""
    parts = urlsplit(url or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


def _origins(*urls: str) -> list[str]:
    return list(dict.fromkeys(filter(None, (origin(url) for url in urls))))


def _assets() -> list[str]:
    """Where static files come from: this site, or a static host of their own."""
    return [SELF, *_origins(settings.STATIC_URL)]


def _images() -> list[str]:
    return [SELF, "data:", *_origins(settings.STATIC_URL, settings.MEDIA_URL)]


def _report(directives: Directives) -> Directives:
    if report_uri := getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_URI", ""):
        directives["report-uri"] = [report_uri]
    return directives


def public_policy() -> Directives:
    """The public web pages: no inline code. The admin's origin is allowed for scripts and
    styles because the Wagtail userbar that signed-in staff see on these pages loads its files
    from WAGTAILADMIN_BASE_URL (the same site in most installations)."""
    admin = _origins(settings.WAGTAILADMIN_BASE_URL)
    return _report(
        {
            "default-src": [SELF],
            "script-src": [*_assets(), *admin],
            "style-src": [*_assets(), *admin],
            "img-src": _images(),
            "font-src": _assets(),
            "connect-src": [SELF],
            "object-src": [NONE],
            "base-uri": [SELF],
            "form-action": [SELF],
        }
    )


def admin_policy() -> Directives:
    """Wagtail's admin: what it needs and no more. Inline scripts and style attributes are
    Wagtail's own (see the module's docstring); ``blob:`` images are the previews of images
    chosen for upload; ``frame-src 'self'`` is the preview panel and the history's frame."""
    return _report(
        {
            "default-src": [SELF],
            "script-src": [*_assets(), UNSAFE_INLINE],
            "style-src": [*_assets(), UNSAFE_INLINE],
            "img-src": [*_images(), "blob:"],
            "font-src": _assets(),
            "connect-src": [SELF],
            "frame-src": [SELF],
            "object-src": [NONE],
            "base-uri": [SELF],
            "form-action": [SELF],
        }
    )


def docs_policy() -> Directives:
    """Swagger UI: its files from the sidecar app's static files, started by a static script
    (api/static/api/docs.js); "Try it out" asks this site's API. Swagger UI sets element styles
    from script (allowed under ``style-src``) and draws icons as ``data:`` images."""
    return _report(
        {
            "default-src": [SELF],
            "script-src": _assets(),
            "style-src": _assets(),
            "img-src": _images(),
            "font-src": _assets(),
            "connect-src": [SELF],
            "object-src": [NONE],
            "base-uri": [SELF],
            "form-action": [SELF],
        }
    )


def data_policy() -> Directives:
    """A response that is not a page (JSON, YAML, text): nothing in it may load or run."""
    return _report({"default-src": [NONE]})


def frame_ancestors(response: HttpResponseBase) -> list[str] | None:
    framing = response.get("X-Frame-Options", "").upper()
    if framing == "SAMEORIGIN":
        return [SELF]
    if framing == "DENY":
        return [NONE]
    return None  # a view exempt from X-Frame-Options: leave framing to the browser's default


def is_html(response: HttpResponseBase) -> bool:
    return response.get("Content-Type", "").split(";", 1)[0].strip().lower() == "text/html"


def policy_for(request: HttpRequest, response: HttpResponseBase) -> Directives:
    """The policy for this response, ``frame-ancestors`` included."""
    path = request.path_info
    if path.startswith(reverse("wagtailadmin_home")):
        policy = admin_policy()
    elif path == reverse("api:docs"):
        policy = docs_policy()
    elif is_html(response):
        policy = public_policy()
        if response.status_code == 500:
            policy["style-src"] = [*policy["style-src"], *error_page_styles()]
    else:
        policy = data_policy()
    if is_preview(request):
        policy["frame-ancestors"] = [SELF]
    elif (ancestors := frame_ancestors(response)) is not None:
        policy["frame-ancestors"] = ancestors
    return policy


@lru_cache(maxsize=1)
def error_page_styles() -> tuple[str, ...]:
    """Hashes of the server error page's own ``<style>``: that page leans on nothing that could
    be what failed (no static files, no context), so its styles are inline."""
    source = get_template("500.html").template.source
    return tuple(
        f"'sha256-{base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()}'"
        for css in re.findall(r"<style>(.*?)</style>", source, flags=re.S)
    )


def is_preview(request: HttpRequest) -> bool:
    """Wagtail renders a preview (the editor's preview panel, a revision, the sign-off history's
    "as patients saw it") by running a made-up request to the page's own URL through the
    middleware; the admin view that asked for it then frames the result on this origin."""
    return getattr(request, "is_dummy", False)


def framed_by_self(header: str) -> str:
    """A policy a view set itself (the kiosk's), with ``frame-ancestors 'self'`` for its
    preview in the admin."""
    directives = [
        directive.strip()
        for directive in header.split(";")
        if directive.strip() and directive.split()[0].lower() != "frame-ancestors"
    ]
    return "; ".join([*directives, f"frame-ancestors {SELF}"])
