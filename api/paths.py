"""Path lookup: the servable document at a path of the request's site, following the site's
redirects (``wagtail.contrib.redirects``): one query for a hit, one more for each hop."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from django.db.models import F, Q
from wagtail.contrib.redirects.models import Redirect

from delivery.models import Document
from delivery.serving import SiteRef, read_one, site_object

from .context import public_base_url

MAX_REDIRECTS = 5


def resolve(site: SiteRef, path: str) -> Document | None:
    """The document at ``path`` of ``site`` after redirects, or None."""
    for _ in range(MAX_REDIRECTS + 1):
        found = read_one(site, "detail", where="d.path = %s", params=[_normalised(path)])
        if found is not None:
            return found
        target = _redirect_target(site, path)
        if target is None:
            return None
        if isinstance(target, int):
            return read_one(site, "detail", where="d.page_id = %s", params=[target])
        path = target
    return None


def _normalised(path: str) -> str:
    segments = [segment for segment in path.split("/") if segment]
    return "/" + "".join(f"{segment}/" for segment in segments)


def _redirect_target(site: SiteRef, path: str) -> int | str | None:
    """Where the site redirects ``path``: a page (its id), a path on this site, or None (no
    redirect, or one that leaves the site). One query, two with a link to check."""
    try:
        old_path = Redirect.normalise_path(path)
    except ValueError:  # read as a URL with a host ("//[x/"): no redirect is stored for it
        return None
    own = site_object(site)
    redirect = (
        Redirect.objects.filter(Q(site=own) | Q(site=None), old_path=old_path)
        .select_related("site")
        # A redirect for this site wins over one for all sites.
        .order_by(F("site").asc(nulls_last=True))
        .first()
    )
    if redirect is None:
        return None
    if redirect.redirect_page_id is not None:
        return redirect.redirect_page_id
    link = urlsplit(redirect.redirect_link or "")
    if link.netloc:
        own_hosts = {urlsplit(public_base_url(own)).netloc, urlsplit(own.root_url).netloc}
        if link.netloc not in own_hosts:
            return None
    return unquote(link.path) if link.path.startswith("/") else None
