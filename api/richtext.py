"""Rich text for frontends: sanitised HTML with internal links resolved, plus plain text.

Wagtail stores internal links as ``<a linktype="page" id="42">``. Wagtail's own expansion links
to the page's URL on the CMS whether or not the page may be served; here a link resolves to the
page's canonical URL (under ``FRONTEND_BASE_URL``) only if the page has a signed document in
this site, and otherwise becomes plain text (and the rendering depends on that page). The
resulting HTML is then sanitised with nh3 to the few tags the editor allows, so a frontend can
insert it as is.

Link targets are looked up in batches: ``prime`` collects every page link in an object's text
before rendering, so a detail costs one lookup however many links it holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import nh3
from django.db import models
from django.utils.html import escape
from wagtail.fields import RichTextField, StreamField
from wagtail.rich_text import RichText, features
from wagtail.rich_text.rewriters import FIND_A_TAG, EmbedRewriter, LinkRewriter, extract_attrs

from claims.plain_text import html_to_text

if TYPE_CHECKING:
    from .context import ApiContext

ALLOWED_TAGS = {"p", "br", "h2", "h3", "h4", "b", "strong", "i", "em", "ol", "ul", "li", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# nh3 keeps an anchor whose href it removed (or that had none) as a bare <a>: unwrap those.
_BARE_ANCHOR = re.compile(r"<a>(.*?)</a>", re.DOTALL)


def sanitise(html: str) -> str:
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
    return _BARE_ANCHOR.sub(r"\1", cleaned).strip()


class RichTextRenderer:
    """Renders rich text for one context (site), caching resolved page links."""

    def __init__(self, ctx: ApiContext) -> None:
        self.ctx = ctx
        self._urls: dict[str, str | None] = {}
        link_rules = {
            linktype: handler.expand_db_attributes_many
            for linktype, handler in features.get_link_types().items()
        }
        link_rules["page"] = self._page_links
        embed_rules = {
            embedtype: handler.expand_db_attributes_many
            for embedtype, handler in features.get_embed_types().items()
        }
        self._links = LinkRewriter(bulk_rules=link_rules)
        self._embeds = EmbedRewriter(bulk_rules=embed_rules)

    def render(self, value: Any) -> dict[str, str]:
        source = value.source if isinstance(value, RichText) else str(value or "")
        if not source.strip():
            return {"html": "", "text": ""}
        html = sanitise(self._embeds(self._links(source)))
        return {"html": html, "text": html_to_text(html)}

    # Page links ----------------------------------------------------------------------------

    def prime(self, obj: models.Model) -> None:
        """Resolve, in one batch, every page link in the rich text of ``obj``."""
        tags = (
            extract_attrs(match.group(1))
            for source in _rich_text_sources(obj)
            for match in FIND_A_TAG.finditer(source)
        )
        self._resolve(
            {tag["id"] for tag in tags if tag.get("linktype") == "page" and tag.get("id")}
        )

    def _page_links(self, attrs_list: list[dict]) -> list[str]:
        ids = [str(attrs.get("id", "")) for attrs in attrs_list]
        self._resolve(set(ids))
        return [
            f'<a href="{escape(url)}">' if (url := self._urls.get(page_id)) else "<a>"
            for page_id in ids
        ]

    def _resolve(self, ids: set[str]) -> None:
        """A link resolves to the page's canonical URL while the page has a signed document in
        this site; otherwise it becomes plain text."""
        wanted = {page_id for page_id in ids if page_id not in self._urls}
        for page_id in wanted:
            self._urls[page_id] = None
        documents = self.ctx.documents(int(page_id) for page_id in wanted if page_id.isdigit())
        for page_id, document in documents.items():
            self._urls[str(page_id)] = self.ctx.url_of_path(document.path)


def _rich_text_sources(obj: models.Model) -> Iterator[str]:
    """Every string in the object's rich text and StreamField data that may hold a link."""
    for field in obj._meta.concrete_fields:
        if isinstance(field, RichTextField):
            yield getattr(obj, field.attname) or ""
        elif isinstance(field, StreamField):
            yield from _strings(getattr(obj, field.attname).raw_data)


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        if "<a" in value:
            yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif hasattr(value, "__iter__"):
        for item in value:
            yield from _strings(item)
