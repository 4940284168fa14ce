"""What a public web page shows from its signed document: its JSON-LD and its review line.

Previews never read documents (``request.is_preview``): they show a draft banner instead of the
review line, and the draft's own JSON-LD, rendered by the same representation.
"""

from __future__ import annotations

import json

from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.models import Page, Site

from api.context import language_prefix
from review.currency import ReviewStatus, status_for
from review.public_web import why_not_public
from review.translations import TranslationStatus, source_of
from signing.signoffs import unexpired

from .. import serving
from ..models import Document

register = template.Library()

# What must not appear raw inside a <script> element (as ``django.utils.html.json_script``).
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _document(context, page):
    request = context.get("request")
    if request is None or page is None or getattr(request, "is_preview", False):
        return None
    return serving.page_document(request, page)


def _draft_jsonld(request, page) -> dict | None:
    from api.context import ApiContext
    from api.representations import REPRESENTATIONS, render

    site = Site.find_for_request(request)
    if type(page) not in REPRESENTATIONS or site is None:
        return None
    return render(page, ApiContext(site)).detail.get("jsonld")


@register.simple_tag(takes_context=True)
def page_jsonld(context, page) -> str:
    """``{% page_jsonld page %}``: the page's schema.org JSON-LD in a script element."""
    request = context.get("request")
    if request is not None and getattr(request, "is_preview", False):
        jsonld = _draft_jsonld(request, page)
    else:
        document = _document(context, page)
        jsonld = json.loads(document.jsonld) if document is not None and document.jsonld else None
    if not jsonld:
        return ""
    text = json.dumps(jsonld, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(_SCRIPT_ESCAPES)),  # noqa: S308 — escaped for a script
    )


@register.simple_tag(takes_context=True)
def public_review(context, page) -> dict | None:
    """``{% public_review page as review %}``: who last reviewed the page as the public sees it,
    when its next review is due, and how that stands today."""
    document = _document(context, page)
    if document is None:
        return None
    reviewer = json.loads(document.review).get("reviewed_by", {})
    status = status_for(document.next_review_due, timezone.localdate())
    source = None
    if document.translation_status == TranslationStatus.OUT_OF_DATE:
        source = source_of(page)
    # Linked only while the public may read it (live, signed, unexpired, not private).
    source_public = source is not None and source.live and why_not_public(source) is None
    return {
        "last_reviewed": document.last_reviewed,
        "next_review_due": document.next_review_due,
        "reviewer_name": reviewer.get("name", ""),
        "reviewer_credentials": reviewer.get("credentials", ""),
        "status": status.label if status != ReviewStatus.CURRENT else "",
        # A translation whose source was signed off again with changes since.
        "source_url": source.url if source_public else "",
        "source_language": _language_name(source.locale.language_code) if source else "",
        "source_locale": source.locale.language_code if source else "",
    }


def _language_name(code: str) -> str:
    return str(dict(settings.LANGUAGES).get(code, code))


@register.simple_tag(takes_context=True)
def page_alternates(context, page) -> list[dict[str, str]]:
    """``{% page_alternates page as alternates %}``: the page in each language it is public in
    (itself included: its signed documents in the request's site), for ``<link rel="alternate"
    hreflang>``; empty when it is public in one language only."""
    request = context.get("request")
    if (
        len(settings.LANGUAGES) < 2
        or not isinstance(page, Page)
        or request is None
        or getattr(request, "is_preview", False)
    ):
        return []
    site = Site.find_for_request(request)
    if site is None:
        return []
    # Documents of pages still live and unexpired (expiry withdraws a page at once; its
    # document goes when publish_scheduled next runs).
    documents = list(
        Document.objects.filter(
            unexpired("page__"), site=site, page__translation_key=page.translation_key
        )
        .filter(page__live=True)
        .select_related("locale")
        .order_by("locale__language_code")
    )
    if len(documents) < 2:
        return []
    root = site.root_url.rstrip("/")
    return [
        {
            "hreflang": document.locale.language_code,
            "href": f"{root}{language_prefix(document.locale.language_code)}{document.path}",
        }
        for document in documents
    ]
