"""The kiosk page and its service worker.

Both are small templates: the app's behaviour lives in static JS modules under
``kiosk/static/kiosk/``, its content comes only from the kiosk bundle endpoint, and each device
is configured by URL parameters that the app reads itself (README.md, "Waiting-room kiosk").
"""

from __future__ import annotations

import datetime
import hashlib
import json
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import get_language_info
from django.views.generic import TemplateView
from wagtail.models import Site

from api.serializers.kiosk import utc_iso

from .words import words_by_language

STATIC_DIR = Path(__file__).resolve().parent / "static"
SCOPE = "/kiosk/"


def bundle_url() -> str:
    """The kiosk bundle endpoint of the content API."""
    try:
        return reverse("api:kiosk-bundle")
    except NoReverseMatch:  # the endpoint's route name as agreed; the path as a fallback
        return "/api/v1/kiosk/bundle/"


def content_languages() -> list[dict[str, str]]:
    """The site's content languages as the app shows them on its language switch, the default
    (``LANGUAGE_CODE``) first: each with its code, its name in its own language and its
    writing direction ("rtl" for Arabic, Hebrew, …). The app fetches one bundle per language
    (``?locale=<code>``) and shows a switch only when there is more than one."""
    configured = [(code.lower(), name) for code, name in settings.LANGUAGES]
    codes = [code for code, _ in configured]
    default = settings.LANGUAGE_CODE.lower()
    if default in codes:
        configured.sort(key=lambda language: language[0] != default)  # stable: the rest in order
    languages = []
    for code, configured_name in configured:
        try:
            info = get_language_info(code)
        except KeyError:  # a code Django does not know: its configured name, and its base's bidi
            info = {
                "name_local": str(configured_name),
                "bidi": code.split("-")[0] in settings.LANGUAGES_BIDI,
            }
        languages.append(
            {"code": code, "name": info["name_local"], "dir": "rtl" if info["bidi"] else "ltr"}
        )
    return languages


def shell_files() -> list[str]:
    """Every static file of the app (paths relative to the static root), for the precache."""
    return sorted(
        path.relative_to(STATIC_DIR).as_posix()
        for path in (STATIC_DIR / "kiosk").rglob("*")
        if path.is_file()
    )


def shell_urls() -> list[str]:
    """The URLs the app loads its files from. Under a manifest storage the page links to the
    hashed names but JS modules import each other by their plain names, so both are cached."""
    urls = [SCOPE]
    for name in shell_files():
        urls.append(static(name))
        plain = settings.STATIC_URL + name
        if plain not in urls:
            urls.append(plain)
    return list(dict.fromkeys(urls))


def _digest_of_shell() -> str:
    digest = hashlib.sha256()
    for name in shell_files():
        digest.update(name.encode())
        digest.update((STATIC_DIR / name).read_bytes())
    template = Path(settings.BASE_DIR) / "templates" / "kiosk" / "sw.js"
    digest.update(template.read_bytes())
    return digest.hexdigest()[:16]


_cached_digest = lru_cache(maxsize=1)(_digest_of_shell)


def shell_version() -> str:
    """Changes whenever a file of the app changes, so a deploy installs a new service worker
    (and a new shell cache). Recomputed per request while DEBUG is on, for development."""
    return _digest_of_shell() if settings.DEBUG else _cached_digest()


def _origin(url: str) -> str | None:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


def content_security_policy() -> str:
    """A strict policy for the kiosk: its own scripts and styles only (no inline code), images
    from itself, ``data:`` and the media host, requests to its own origin only."""
    static_origin = _origin(settings.STATIC_URL)
    media_origin = _origin(settings.MEDIA_URL)
    own = ["'self'", *filter(None, [static_origin])]
    images = ["'self'", "data:", *dict.fromkeys(filter(None, [static_origin, media_origin]))]
    directives = {
        "default-src": ["'self'"],
        "script-src": own,
        "style-src": own,
        "img-src": images,
        "connect-src": ["'self'", *filter(None, [static_origin, media_origin])],
        "worker-src": ["'self'"],
        "manifest-src": ["'self'"],
        "font-src": own,
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'none'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


NOSCRIPT = "This screen needs JavaScript to show information."


def first_words(words: dict[str, dict[str, str]], code: str) -> dict[str, str]:
    """What the page says before the app draws (and, without JavaScript, at all), in the
    language ``code``: the words its catalogue translates (``words_by_language``), or English,
    marked so."""
    own = words.get(code, {})
    return {
        "title_word": own.get("Patient information", "Patient information"),
        "noscript_word": own.get(NOSCRIPT, NOSCRIPT),
        "noscript_lang": code if NOSCRIPT in own else "en",
    }


def preview_response(page, request) -> HttpResponse:
    """The admin's "Kiosk" preview of a draft: the kiosk itself, showing the draft's kiosk item
    as the API's representation renders it, marked as a draft; nothing is read from documents."""
    from api.context import ApiContext
    from api.representations import render
    from review.currency import ReviewInfo
    from signing.history import end_of_day
    from signing.signoffs import signoff_of

    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    # The sign-off history's "what patients saw" (``review.views.signed_page_as_seen``): a
    # signed revision with its own sign-off's review as on that date, and no draft banner.
    as_seen = getattr(request, "signoff_as_seen", None)
    signoff = as_seen or (signoff_of(page) if page.pk is not None else None)
    today = getattr(request, "date_as_seen", None)
    view = KioskAppView(request=request)
    context = view.get_context_data()
    # A translation's draft is shown in its own language (and direction), under its prefix.
    code = getattr(getattr(page, "locale", None), "language_code", "")
    language = next((lang for lang in context["languages"] if lang["code"] == code), None)
    ctx = ApiContext(
        site,
        ReviewInfo.from_signoff(signoff, today=today) if signoff else None,
        language=language["code"] if language else "",
        as_of=end_of_day(today) if as_seen is not None and today is not None else None,
    )
    item = render(page, ctx).kiosk
    item["expires_at"] = utc_iso(timezone.now() + datetime.timedelta(hours=1))
    kind = "treatment" if "benefits" in item else "condition"
    if language:
        context.update(
            language_code=language["code"],
            language_dir=language["dir"],
            **first_words(context["words"], language["code"]),
        )
    context["preview_item"] = {"type": kind, "item": item, "as_seen": as_seen is not None}
    return view.render_to_response(context)


class KioskAppView(TemplateView):
    """The kiosk's single page. Screens are drawn by the app from the bundle it fetched (or
    the last good one it kept), so this page holds no content and no per-device settings."""

    template_name = "kiosk/app.html"

    def get_context_data(self, **kwargs):
        languages = content_languages()
        default = languages[0] if languages else {"code": settings.LANGUAGE_CODE, "dir": "ltr"}
        words = words_by_language([language["code"] for language in languages])
        return {
            **super().get_context_data(**kwargs),
            # The page starts in the default language; the app switches <html lang dir>.
            "language_code": default["code"],
            "language_dir": default["dir"],
            # For a data attribute (autoescaped): no inline script, under the page's CSP.
            "languages": languages,
            "languages_json": json.dumps(languages, ensure_ascii=False),
            # The app's own words in each of them, for its language switch (offline too).
            "words": words,
            "words_json": json.dumps(words, ensure_ascii=False),
            **first_words(words, default["code"]),
            "bundle_url": bundle_url(),
            # The app puts the token of ?preview=<token> in place of the placeholder.
            "preview_url": reverse("api:preview", args=("__token__",)),
            "service_worker_url": reverse("kiosk:service-worker"),
            "scope": SCOPE,
        }

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        response["Content-Security-Policy"] = content_security_policy()
        # Always revalidated: the service worker keeps the copy for offline use.
        response["Cache-Control"] = "no-cache"
        response["Referrer-Policy"] = "no-referrer"
        return response


class ServiceWorkerView(TemplateView):
    """The service worker, served from /kiosk/ so that its scope is the kiosk and nothing else
    of the site. Rendered as a template so that it knows the app's static URLs (hashed in
    production) and carries a version that changes with them."""

    template_name = "kiosk/sw.js"
    content_type = "text/javascript; charset=utf-8"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            # JSON literals for the script (the template turns autoescaping off).
            "version": json.dumps(shell_version()),
            "shell_urls": json.dumps(shell_urls()),
            "bundle_url": json.dumps(bundle_url()),
            "scope": json.dumps(SCOPE),
        }

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        response["Service-Worker-Allowed"] = SCOPE
        response["Cache-Control"] = "no-cache"
        response["Content-Security-Policy"] = content_security_policy()
        return response
