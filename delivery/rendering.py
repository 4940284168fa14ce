"""Rendering a page's document from its signed content, and writing it.

A document is rendered only for content that may be public: a live, unexpired, unrestricted
page of a type the API represents, in the site, whose content as it is now carries a sign-off.
It stores every representation (``api.representations``) apart from what depends on the day
(the review status, a kiosk item's expiry), with the review dates of its sign-off, an ETag, the
seals of its parts, the renderer's version and the URL settings it used.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.utils import timezone, translation
from wagtail.models import Page, PageViewRestriction, Site

from api.context import ApiContext, public_base_url
from api.representations import REPRESENTATIONS, render
from content_models.models.home import localized_root
from review.currency import ReviewInfo, site_date
from review.translations import translation_status
from signing.signoffs import signoff_of

from . import seals
from .models import Document, DocumentKey, DocumentLink

# Bump when what a document holds changes shape or words: older documents are then stale
# (``rebuild_documents --stale`` renders them again). 6: translated choice labels and sentences;
# 7: the reviewer named is the last full review's (a minor edit's reviewer did not do it);
# 8: the date of the last review is the site's, not the approving reviewer's time zone's;
# 9: a risk's figure may be a percentage ("percent").
RENDERER_VERSION = 9


def url_settings(site: Site) -> str:
    """What the URLs in a site's documents were made from."""
    return hashlib.sha256(f"{public_base_url(site)}|{site.root_url}".encode()).hexdigest()


def _root(page: Page, site: Site) -> Page | None:
    """The site's root page in the page's language (a translation's tree has its own root)."""
    if page.locale_id == site.root_page.locale_id:
        return site.root_page
    return localized_root(site, page.locale.language_code)


def site_path(page: Page, site: Site) -> str:
    """The page's path within ``site`` ("/treatments/x/"), in its language's tree (a
    translation's web address adds its language's prefix to it)."""
    root = _root(page, site) or site.root_page
    return "/" + page.url_path[len(root.url_path) :]


def sites_of(page: Page) -> list[Site]:
    """The sites a page is part of (its own site, usually: sites may nest)."""
    return [
        site
        for site in Site.objects.select_related("root_page")
        if (root := _root(page, site)) is not None and page.path.startswith(root.path)
    ]


def public_signoff(page: Page):
    """The sign-off that lets ``page`` (specific) be public now, or None."""
    if type(page) not in REPRESENTATIONS or not page.live:
        return None
    if page.expire_at is not None and page.expire_at <= timezone.now():
        return None
    ancestors = Page.objects.ancestor_of(page, inclusive=True)
    if PageViewRestriction.objects.filter(page__in=ancestors).exists():
        return None
    signoff = signoff_of(page)
    # The row must record the digest it was signed with, as reads check: a row written outside
    # the app (its digest blanked) is not public until it is saved again.
    return signoff if signoff is not None and signoff.digest == page.content_digest else None


# What search leaves out of a representation: links, markup, citations, and other pages or
# snippets it shows (a page is found by its own words, not those of what it cites or lists).
_NOT_SEARCHED = frozenset(
    {"url", "html", "srcset", "qr_svg", "jsonld", "best_url", "doi_url", "pubmed_url", "type"}
    | {"conditions", "treatments", "sections", "clinic", "disclaimer", "review", "image"}
    | {"references"}
)


def _text(value: Any) -> list[str]:
    """The words of a representation, for search."""
    if isinstance(value, dict):
        if "html" in value and "text" in value:
            return [value["text"]]
        return [
            text for key, item in value.items() if key not in _NOT_SEARCHED for text in _text(item)
        ]
    if isinstance(value, list):
        return [text for item in value for text in _text(item)]
    return [value] if isinstance(value, str) and value else []


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def write(page: Page, site: Site, signoff) -> Document:
    """Render ``page``'s document in ``site`` from its signed content and store it, with the
    pages it links to and what it depends on."""
    ctx = ApiContext(
        site=site,
        review_info=ReviewInfo.from_signoff(
            signoff, translation_status=translation_status(page, signoff)
        ),
        language=page.locale.language_code,
    )
    stored = Document.objects.filter(site=site, locale_id=page.locale_id, page=page).first()
    if (
        stored is not None
        and stored.kiosk
        and stored.renderer_version == RENDERER_VERSION
        and seals.Verifier(fallbacks=False).intact(stored, "kiosk")
    ):
        previous = json.loads(stored.kiosk)
        ctx.known_qr[previous["url"]] = previous["qr_svg"]
    # In the page's language, not the publisher's admin language: the choice labels and the
    # sentences built from structured facts that the document shows are the page's.
    with translation.override(ctx.language_code):
        rendered = render(page, ctx)
    detail = dict(rendered.detail)
    review = detail.pop("review", None)  # the site's own pages show none
    if review is not None:
        review = {key: value for key, value in review.items() if key != "status"}
    item, kiosk = rendered.item, rendered.kiosk
    for part in (item, kiosk):
        if part is not None:
            part.pop("review", None)
            part.pop("expires_at", None)
    fields = {
        "kind": REPRESENTATIONS[type(page)].type,
        "path": site_path(page, site),
        "slug": page.slug,
        "title": page.title,
        "last_published_at": page.last_published_at,
        "signoff": signoff,
        "digest": signoff.digest,
        "last_reviewed": site_date(signoff.last_full_review_at),
        "next_review_due": signoff.next_review_due,
        "detail": _json(detail),
        "item": _json(item) if item is not None else "",
        "kiosk": _json(kiosk) if kiosk is not None else "",
        "review": _json(review) if review is not None else "",
        "translation_status": ctx.review_info.translation_status or "",
        "jsonld": _json(detail["jsonld"]) if detail.get("jsonld") else "",
        "search_text": " ".join(_text(detail)),
        "renderer_version": RENDERER_VERSION,
        "url_settings": url_settings(site),
    }
    document = Document(site=site, locale_id=page.locale_id, page=page, **fields)
    document.etag = hashlib.sha256(
        "\n".join(str(fields[name]) for name in sorted(fields) if name != "signoff").encode()
    ).hexdigest()
    seals.seal(document)
    if stored is not None:
        document.pk = stored.pk
    # A page moved onto a path another document still holds (its own page moved away, in the
    # same change, and is synced next): that document gives way.
    Document.objects.filter(site=site, locale_id=page.locale_id, path=document.path).exclude(
        page=page
    ).delete()
    document.save()
    _relations(document, page, ctx.keys)
    return document


def _relations(document: Document, page: Page, keys: set[str]) -> None:
    DocumentLink.objects.filter(document=document).delete()
    DocumentKey.objects.filter(document=document).delete()
    links = getattr(page, "condition_links", None)
    if links is not None:
        DocumentLink.objects.bulk_create(
            DocumentLink(
                document=document,
                target_page_id=link.condition_id,
                position=position,
                **link.shown(),
            )
            for position, link in enumerate(links.all())
        )
    keys = set(keys) | _filter_keys(page)
    keys.discard(f"page:{page.pk}")
    DocumentKey.objects.bulk_create(DocumentKey(document=document, key=key) for key in sorted(keys))


def _filter_keys(page: Page) -> set[str]:
    """What lists filter this document by, besides its links: routes and medical codes."""
    found = set()
    if hasattr(page, "routes"):
        found |= {f"route={route.slug}" for route in page.routes.all()}
    if hasattr(page, "codes"):
        found |= {f"code={code.system}:{code.code}" for code in page.codes.all()}
    return found
