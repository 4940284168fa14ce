"""What every representation needs to know about the request: the site, where canonical URLs
point, which pages may be served, and the review data fetched for a batch of pages.

One ``ApiContext`` per request (or per rendered web page, for the JSON-LD tag). It memoises the
few lookups a request makes once (the site, the private sections), so serialising any number of
items adds no SQL of its own.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page, Site

from delivery import compiled, routing
from review.currency import SUMMARY_FIELDS, ReviewInfo, review_info_for_pages
from review.models import ClinicalSignoff
from signing.signoffs import enforced, signed_only, signoff_of

if TYPE_CHECKING:
    from .richtext import RichTextRenderer


@dataclass
class ApiContext:
    site: Site
    request: object | None = None
    today: datetime.date = field(default_factory=timezone.localdate)
    routing_token: str | None = None
    _reviews: dict[tuple[type, int], ReviewInfo | None] = field(default_factory=dict)

    @classmethod
    def for_request(cls, request) -> ApiContext | None:
        """The context of the Wagtail site that matches the request's host, or None."""
        token = routing.current_token()
        site = routing.site_for_request(request, token)
        if site is None:
            return None
        return cls(site=site, request=request, routing_token=token)

    # Where things are ---------------------------------------------------------------------

    @cached_property
    def root(self) -> Page:
        return self.site.root_page

    @cached_property
    def base_url(self) -> str:
        """The public site's root: ``FRONTEND_BASE_URL`` when a clinic runs its own frontend,
        otherwise this site's own root URL."""
        base = getattr(settings, "FRONTEND_BASE_URL", "") or self.site.root_url
        return base.rstrip("/")

    def site_path(self, page: Page) -> str | None:
        """The page's path within this site ("/treatments/x/"), or None if it is not here."""
        root_path = self.root.url_path
        url_path = page.url_path or ""
        if not url_path.startswith(root_path):
            return None
        return "/" + url_path[len(root_path) :]

    def url_for(self, page: Page) -> str:
        """The canonical URL of a page of this site."""
        return self.base_url + (self.site_path(page) or "/")

    def absolute(self, url: str) -> str:
        """An absolute URL for something this server serves (media), for any client."""
        if self.request is not None and hasattr(self.request, "build_absolute_uri"):
            return self.request.build_absolute_uri(url)
        return urljoin(self.site.root_url + "/", url)

    # What may be served -------------------------------------------------------------------

    @cached_property
    def private_q(self) -> Q:
        """Pages in a private section (and their descendants): a query per request, or none
        while this process remembers them (``delivery.routing``)."""
        return routing.private_q(self.routing_token)

    def pages(self, model: type[Page]) -> models.QuerySet:
        """Live, public pages of ``model`` in this site whose recorded digest is signed: the
        base of every listing (no SQL per item)."""
        return self.remember(("pages", model, enforced()), lambda: self._pages(model))

    def _pages(self, model: type[Page]) -> models.QuerySet:
        queryset = (
            model.objects.live()
            .exclude(self.private_q)
            .filter(path__startswith=self.root.path, depth__gte=self.root.depth)
        )
        return signed_only(queryset)

    def remember(self, key: Hashable, build: Callable[[], models.QuerySet]) -> models.QuerySet:
        """A queryset built from this site and its private sections, built once while the
        routing token holds (``delivery.routing.queryset``). ``key`` names what else ``build``
        depends on."""
        root = self.root
        return routing.queryset(self.routing_token, (key, root.path, root.depth), build)

    def compiled(
        self, key: Hashable, build: Callable[..., models.QuerySet], *, prepare=False, **values
    ) -> list:
        """``list(build(**values))``, its SQL compiled once while the routing token holds
        (``delivery.compiled.run``; ``prepare`` as there). ``key`` names what else ``build``
        depends on; this site and whether sign-offs are enforced are added to it."""
        root = self.root
        return compiled.run(
            self.routing_token,
            (key, root.path, root.depth, enforced()),
            build,
            prepare=prepare,
            **values,
        )

    # Review data --------------------------------------------------------------------------

    def load_reviews(self, pages: list[Page]) -> None:
        """Fetch the review info of a batch of pages of one model: one query."""
        if not pages:
            return
        model = type(pages[0])
        infos = review_info_for_pages(pages, today=self.today, run=self.compiled)
        for page in pages:
            self._reviews[(model, page.pk)] = infos.get(page.pk)

    def note_signoff(self, page: Page, signoff: ClinicalSignoff | None) -> None:
        """Remember the sign-off of the content being served (found by the serve-time check),
        so the review data costs no second hash or query."""
        self._reviews[(type(page), page.pk)] = (
            ReviewInfo.from_signoff(signoff, self.today) if signoff is not None else None
        )

    def review(self, page: Page) -> ReviewInfo | None:
        key = (type(page), page.pk)
        if key not in self._reviews:
            # A detail: the sign-off of the content exactly as served (its digest recomputed).
            signoff = signoff_of(page, fields=SUMMARY_FIELDS)
            self._reviews[key] = (
                ReviewInfo.from_signoff(signoff, self.today) if signoff is not None else None
            )
        return self._reviews[key]

    # Rich text ----------------------------------------------------------------------------

    @cached_property
    def rich_text(self) -> RichTextRenderer:
        from .richtext import RichTextRenderer

        return RichTextRenderer(self)
