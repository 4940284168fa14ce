"""What a representation needs to know while it renders: the site, where its URLs point, the
review of the content it renders, and the signed documents of the pages it embeds.

No request: documents are rendered when content goes live (``delivery.rendering``) and must not
depend on who happened to trigger that. Page links and QR codes use ``FRONTEND_BASE_URL`` or the
site's root URL; media and API links use the site's root URL.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from django.conf import settings
from django.db import models
from wagtail.models import Page, Site, TranslatableMixin

from content_models.models.home import localized_root
from review.currency import ReviewInfo

if TYPE_CHECKING:
    from delivery.models import Document

    from .richtext import RichTextRenderer


def public_base_url(site: Site) -> str:
    """The public site's root: ``FRONTEND_BASE_URL`` when a clinic runs its own frontend,
    otherwise the site's own root URL."""
    return (getattr(settings, "FRONTEND_BASE_URL", "") or site.root_url).rstrip("/")


def shown_key(obj: models.Model) -> str:
    """The dependency key of an object a rendering shows. A translatable snippet's key is its
    translation key, shared by all its languages: a translation of a disclaimer or a clinic
    made or signed later re-renders the documents that show another language's version."""
    if isinstance(obj, Page):
        return f"page:{obj.pk}"
    key = obj.translation_key if isinstance(obj, TranslatableMixin) else obj.pk
    return f"{obj._meta.label_lower}:{key}"


def language_prefix(language_code: str) -> str:
    """A translation's web addresses are under "/fr"; the default language's under none."""
    return "" if language_code == settings.LANGUAGE_CODE else f"/{language_code}"


@dataclass
class ApiContext:
    site: Site
    review_info: ReviewInfo | None = None
    """The review of the content being rendered (None for a draft nobody signed)."""
    keys: set[str] = field(default_factory=set)
    """What the rendering depended on (``delivery.models.DocumentKey``)."""
    known_qr: dict[str, str] = field(default_factory=dict)
    """QR codes already drawn, by URL (from the page's intact stored document): drawing one
    costs more than rendering the rest of a page."""
    language: str = ""
    """The content language rendered (the default language when empty): a translation's pages
    are under the site's root page in that language, and their URLs under its prefix."""
    as_of: datetime.datetime | None = None
    """Render the signed snippets (the disclaimer) as they were live at this moment, not as
    they are now: the sign-off history's "what patients saw on <date>". Never for a document."""

    @property
    def language_code(self) -> str:
        return self.language or settings.LANGUAGE_CODE

    @cached_property
    def root(self) -> Page:
        return localized_root(self.site, self.language_code) or self.site.root_page

    @cached_property
    def language_prefix(self) -> str:
        return language_prefix(self.language_code)

    @cached_property
    def base_url(self) -> str:
        return public_base_url(self.site)

    def site_path(self, page: Page) -> str | None:
        """The page's path within this site ("/treatments/x/"), or None if it is not here."""
        root_path = self.root.url_path
        url_path = page.url_path or ""
        if not url_path.startswith(root_path):
            return None
        return "/" + url_path[len(root_path) :]

    def url_for(self, page) -> str:
        """The canonical URL of a page of this site (or of a ``LinkedPage``: another page as
        its document shows it)."""
        path = getattr(page, "site_path", None)
        if not isinstance(path, str):
            path = self.site_path(page)
        return self.url_of_path(path or "/")

    def url_of_path(self, path: str) -> str:
        return self.base_url + self.language_prefix + path

    def absolute(self, url: str) -> str:
        """An absolute URL for something this server serves (media, API links)."""
        return urljoin(self.site.root_url.rstrip("/") + "/", url)

    # What it embeds --------------------------------------------------------------------------

    def depend_on(self, *objects: models.Model | None) -> None:
        """Note that the rendering shows these objects (snippets, images, pages)."""
        self.keys.update(shown_key(obj) for obj in objects if obj is not None and obj.pk)

    def documents(self, page_ids: Iterable[int]) -> dict[int, Document]:
        """The servable documents of these pages in this site, by page id: what a rendering
        embeds of other pages. Depends on each page, whether or not it has a document."""
        from delivery.serving import SiteRef, read

        page_ids = sorted({page_id for page_id in page_ids if page_id is not None})
        self.keys.update(f"page:{page_id}" for page_id in page_ids)
        if not page_ids:
            return {}
        placeholders = ", ".join(["%s"] * len(page_ids))
        found = read(
            SiteRef(site_id=self.site.pk, language=self.language),
            parts=["item", "kiosk"],
            where=f"d.page_id IN ({placeholders})",
            params=page_ids,
        )
        return {document.page_id: document for document in found}

    @cached_property
    def rich_text(self) -> RichTextRenderer:
        from .richtext import RichTextRenderer

        return RichTextRenderer(self)
