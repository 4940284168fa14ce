"""Path lookup: the servable page at a path of the request's site, following the site's
redirects (``wagtail.contrib.redirects``)."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from django.db.models import F, Q
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from signing.content import is_clinical
from signing.signoffs import is_servable

from .context import ApiContext
from .representations import REPRESENTATIONS, detail_queryset

MAX_REDIRECTS = 5


def resolve(ctx: ApiContext, path: str) -> Page | None:
    """The specific, servable page at ``path`` (after redirects), or None."""
    for _ in range(MAX_REDIRECTS + 1):
        page = _page_at(ctx, path)
        if page is not None:
            return page
        target = _redirect_target(ctx, path)
        if target is None:
            return None
        if isinstance(target, Page):
            return _servable(ctx, target)
        path = target
    return None


def _page_at(ctx: ApiContext, path: str) -> Page | None:
    segments = [segment for segment in path.split("/") if segment]
    url_path = ctx.root.url_path + "".join(f"{segment}/" for segment in segments)
    page = Page.objects.filter(url_path=url_path).first()
    return _servable(ctx, page) if page is not None else None


def _servable(ctx: ApiContext, page: Page) -> Page | None:
    """The page, as its specific type, if it is live, public, in this site, of a type the API
    represents, and (for clinical content) signed as served."""
    model = page.specific_class
    if model not in REPRESENTATIONS:
        return None
    specific = (
        detail_queryset(model, ctx)
        .live()
        .filter(Page.objects.descendant_of_q(ctx.root, inclusive=True), pk=page.pk)
        .exclude(ctx.private_q)
        .first()
    )
    if specific is None or (is_clinical(specific) and not is_servable(specific)):
        return None
    return specific


def _redirect_target(ctx: ApiContext, path: str) -> Page | str | None:
    """Where the site redirects ``path``: a page, a path on this site, or None (no redirect, or
    one that leaves the site)."""
    normalised = Redirect.normalise_path(path)
    redirect = (
        Redirect.objects.filter(Q(site=ctx.site) | Q(site=None), old_path=normalised)
        .select_related("redirect_page")
        # A redirect for this site wins over one for all sites.
        .order_by(F("site").asc(nulls_last=True))
        .first()
    )
    if redirect is None:
        return None
    if redirect.redirect_page is not None:
        return redirect.redirect_page
    link = urlsplit(redirect.redirect_link or "")
    own_hosts = {urlsplit(ctx.base_url).netloc, urlsplit(ctx.site.root_url).netloc}
    if link.netloc and link.netloc not in own_hosts:
        return None
    return unquote(link.path) if link.path.startswith("/") else None
