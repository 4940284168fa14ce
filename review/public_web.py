"""What the public web may show (layer 2, at serve time): the checks a page must pass to be
served, and Wagtail's redirects held to the same checks.

A link in rich text to a page the public may not read becomes plain text, as on the API
(``api.richtext``): its address would lead to a 404 and tell where unreviewed content is.

A redirect to a page the public may not read (a draft, an unpublished, expired, private or
unsigned page) answers the 404 of a path that never existed: otherwise it would tell that the
page exists and where it is now (Wagtail makes a redirect itself when a live page's slug
changes, and keeps it after the page is withdrawn).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from urllib.parse import urlparse

from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from django.utils.html import escape
from wagtail.contrib.redirects.middleware import RedirectMiddleware, get_redirect
from wagtail.contrib.redirects.models import Redirect
from wagtail.rich_text.pages import PageLinkHandler

from signing.content import is_clinical
from signing.signoffs import expired, is_servable, public_pages


def why_not_public(page) -> str | None:
    """Why the public may not read ``page`` (live or not), or None when it may."""
    if is_clinical(page) and not is_servable(page):
        return "No signed content here."
    if expired(page):  # as the API and the documents: gone at its expiry, not at the next run
        return "This page has expired."
    # Private content is not public: the same 404 as the API, where Wagtail would show a
    # password form or a login redirect that tell the page (and its id) exists.
    if page.get_view_restrictions().exists():
        return "This page is private."
    return None


class PublicRedirectMiddleware(RedirectMiddleware):
    """Wagtail's ``RedirectMiddleware``, following a redirect to a page only while the public
    may read that page."""

    def process_response(self, request, response):
        if response.status_code != 404:
            return response
        try:
            path = Redirect.normalise_path(request.get_full_path(), decode_unicode=False)
        except ValueError:  # read as a URL with a host ("//[x/"): no redirect is stored for it
            return response
        redirect = get_redirect(request, path)
        if redirect is None and (without_query := urlparse(path).path) != path:
            redirect = get_redirect(request, without_query)
        if redirect is None or redirect.link is None:
            return response
        page = redirect.redirect_page
        if page is not None and (not page.live or why_not_public(page.specific) is not None):
            return response
        if redirect.is_permanent:
            return HttpResponsePermanentRedirect(redirect.link)
        return HttpResponseRedirect(redirect.link)


class PublicPageLinkHandler(PageLinkHandler):
    """Wagtail's page links, to pages the public may read; others are plain text (Wagtail
    writes a link to a missing page as an anchor without an address). The page checked is the
    one the link leads to: the translation in the language being served (``localized``)."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        targets = [
            page.localized if page is not None else None for page in cls.get_many(attrs_list)
        ]
        public = _public_ids(target for target in targets if target is not None)
        return [
            f'<a href="{escape(target.url)}">'
            if target is not None and target.pk in public
            else "<a>"
            for target in targets
        ]


def _public_ids(pages: Iterable) -> set[int]:
    """The ids of ``pages`` the public may read (by their recorded digests): one query for
    each type of page, however many links."""
    by_model: defaultdict[type, list[int]] = defaultdict(list)
    for page in pages:
        by_model[type(page)].append(page.pk)
    found: set[int] = set()
    for model, pks in by_model.items():
        found |= set(public_pages(model.objects.filter(pk__in=pks)).values_list("pk", flat=True))
    return found
